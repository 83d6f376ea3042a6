/* Network administrative organisation (Provan & Kenis 2008): a separate
 * office with a fixed cost coordinates professionally (high competence),
 * monitors KPIs with high probability and sanctions gradually (Ostrom 1990):
 * a warning for the first violation, fines after it, exclusion after K.
 * Every member has the same, not full, voice; admission needs alignment
 * with the mission; the office also reaches out to random pool partners. */
#include "model/kernel.h"

/* The mode's own parameters (governance.nao.*); those named like the
 * fields of ng_gov_coeffs are the coefficients the phases read. */
typedef struct nao_params {
    double overhead_fixed, overhead_member, overhead_pair;
    double competence, monitoring, sanction, transparency, voice,
        admission_alignment;
    int64_t exclusion_after;
    double outreach, agility;
} nao_params;

static const ng_rule_param params[] = {
    NG_RULE_PARAM(nao_params, overhead_fixed, 0.3, 0, 1000, "mean capacity",
                  "fixed office cost of the NAO per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(nao_params, overhead_member, 0.004, 0, 10, "mean capacity",
                  "coordination cost per member per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(nao_params, overhead_pair, 0.0001, 0, 10, "mean capacity",
                  "coordination cost per pair of members",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(nao_params, competence, 0.9, 0, 1, "",
                  "network-level competence of professional coordination",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(nao_params, monitoring, 0.9, 0, 1, "probability",
                  "chance KPI monitoring observes a contribution",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(nao_params, sanction, 1.5, 0, 10, "per unit shortfall",
                  "fine per unit of shortfall times quota",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(nao_params, transparency, 1, 0, 1, "share",
                  "weight of the NAO dashboard's member mean in beliefs",
                  NG_SERVES(LEARNING)),
    NG_RULE_PARAM(nao_params, voice, 0.8, 0, 1, "",
                  "voice of every member under the NAO", NG_SERVES(LEARNING)),
    NG_RULE_PARAM(nao_params, admission_alignment, 0.4, 0, 1, "cosine",
                  "least alignment with the mission the NAO admits",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(nao_params, exclusion_after, 3, 1, 1000000, "violations",
                  "K: violations before exclusion (first a warning, then "
                  "fines)",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(nao_params, outreach, 0.3, 0, 1, "probability/tick",
                  "chance the NAO invites a random pool partner",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(nao_params, agility, 0.75, 0, 1, "",
                  "how much of the adaptation rate a mission proposal uses "
                  "(the office prepares)",
                  NG_SERVES(MISSION)),
};

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    (void)r;
    const nao_params *q = m->gov_params;
    return m->alignment[c] >= q->admission_alignment;
}

static void monitor(ng_model *m, gsl_rng *r)
{
    int64_t k = ((const nao_params *)m->gov_params)->exclusion_after;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (!ng__violates(m, i) || gsl_rng_uniform(r) >= m->gc.monitoring) {
            continue;
        }
        int64_t seen = ng__violation_record(m, i);
        if (seen == 1) {
            ng__sanction(m, i, NG_R_warning, 0);
        } else {
            ng__sanction_fine(m, i,
                              m->gc.sanction * ng__shortfall_amount(m, i));
        }
        if (seen >= k) {
            ng__exclusion_mark(m, i);
        }
    }
}

static double voice(const ng_model *m, size_t i)
{
    (void)i;
    return ((const nao_params *)m->gov_params)->voice;
}

static double deterrence(const ng_model *m, size_t i)
{
    (void)i;
    return m->gc.monitoring * m->gc.sanction;
}

const ng_governance ng_gov_nao = {
    .rule =
        {
            .name = "nao",
            .label = "a programme office (NAO)",
            .summary = "a network administrative organisation: fixed office "
                       "cost, KPI monitoring, graduated sanctions",
            NG_RULE_PARAMS(nao_params, params),
        },
    .has_lead = false,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = "majority",
};
