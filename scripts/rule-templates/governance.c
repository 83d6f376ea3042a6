/* Governance mode "@NAME@", made by scripts/new-rule.sh from netgov's
 * template: a coordinating office with a fixed cost, KPI monitoring that
 * fines a shortfall and excludes a repeat violator, equal voice, and
 * admission by alignment with the mission.  Replace this paragraph with
 * the mechanism and its source, and document it in docs/MODEL.md (see
 * docs/EXTENDING.md).  The contract of every function is in
 * include/netgov/rules.h; what a rule may write goes through
 * sim/model/kernel.h. */
#include "model/kernel.h"

/* The mode's own parameters: users write governance.@NAME@.<field>.
 * Every field has a row below; the defaults should come from a source.
 * Those named like the fields of ng_gov_coeffs (overhead_fixed ...
 * agility, include/netgov/rules.h) are the numbers the phases read. */
typedef struct @NAME@_params {
    double overhead_fixed, overhead_member, overhead_pair;
    double competence, monitoring, sanction, transparency, voice;
    double admission_alignment, outreach, agility;
    int64_t exclusion_after;
} @NAME@_params;

static const ng_rule_param params[] = {
    /* field, default, minimum, maximum, unit, meaning, submodels served */
    NG_RULE_PARAM(@NAME@_params, overhead_fixed, 0.3, 0, 1000,
                  "mean capacity", "fixed cost of coordination per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(@NAME@_params, overhead_member, 0.004, 0, 10,
                  "mean capacity", "coordination cost per member per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(@NAME@_params, overhead_pair, 0.0001, 0, 10,
                  "mean capacity", "coordination cost per pair of members",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(@NAME@_params, competence, 0.9, 0, 1, "",
                  "network-level competence of the coordination",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(@NAME@_params, monitoring, 0.9, 0, 1, "probability",
                  "chance monitoring observes a contribution",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(@NAME@_params, sanction, 1.5, 0, 10, "per unit shortfall",
                  "fine per unit of shortfall times quota",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(@NAME@_params, transparency, 1, 0, 1, "share",
                  "weight of the published member mean in beliefs",
                  NG_SERVES(LEARNING)),
    NG_RULE_PARAM(@NAME@_params, voice, 0.8, 0, 1, "",
                  "voice of every member", NG_SERVES(LEARNING)),
    NG_RULE_PARAM(@NAME@_params, admission_alignment, 0.4, 0, 1, "cosine",
                  "least alignment with the mission the mode admits",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(@NAME@_params, outreach, 0.3, 0, 1, "probability/tick",
                  "chance the mode invites a random pool partner",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(@NAME@_params, agility, 0.75, 0, 1, "",
                  "how much of the adaptation rate a mission proposal uses",
                  NG_SERVES(MISSION)),
    NG_RULE_PARAM(@NAME@_params, exclusion_after, 3, 1, 1000000,
                  "violations", "detected violations before exclusion",
                  NG_SERVES(MONITORING)),
};

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    (void)r;
    const @NAME@_params *q = m->gov_params;
    return m->alignment[c] >= q->admission_alignment;
}

static void monitor(ng_model *m, gsl_rng *r)
{
    const @NAME@_params *q = m->gov_params;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (!ng__violates(m, i) || gsl_rng_uniform(r) >= m->gc.monitoring) {
            continue;
        }
        int64_t seen = ng__violation_record(m, i);
        ng__sanction_fine(m, i, m->gc.sanction * ng__shortfall_amount(m, i));
        if (seen >= q->exclusion_after) {
            ng__exclusion_mark(m, i);
        }
    }
}

static double voice(const ng_model *m, size_t i)
{
    (void)i;
    return ((const @NAME@_params *)m->gov_params)->voice;
}

static double deterrence(const ng_model *m, size_t i)
{
    (void)i;
    return m->gc.monitoring * m->gc.sanction;
}

const ng_governance ng_gov_@NAME@ = {
    .rule =
        {
            .name = "@NAME@",
            .label = "@NAME@ governance",
            .summary = "@NAME@: an office with a fixed cost, KPI monitoring, "
                       "fines and exclusion of repeat violators",
            NG_RULE_PARAMS(@NAME@_params, params),
        },
    .has_lead = false,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = "majority",
};
