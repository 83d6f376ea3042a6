/* Lead-organisation governance (Provan & Kenis 2008): one member (the most
 * powerful founder unless named) coordinates.  It observes every member
 * with probability mu_lead and fines a shortfall, scaled by enforceability
 * min(1, P_lead / P_i): a lead cannot fully fine a more powerful partner.
 * It excludes a repeat violator only if it can enforce fully.  Voice falls
 * with the power gap to the lead; admission needs alignment with the lead's
 * own interests. */
#include <math.h>

#include "model/kernel.h"

/* The mode's own parameters (governance.lead.*); those named like the
 * fields of ng_gov_coeffs are the coefficients the phases read. */
typedef struct lead_params {
    double overhead_fixed, overhead_member, overhead_pair;
    double competence, monitoring, sanction, transparency, voice_loss,
        admission_alignment;
    int64_t exclusion_after;
    double agility;
} lead_params;

static const ng_rule_param params[] = {
    NG_RULE_PARAM(lead_params, overhead_fixed, 0, 0, 1000, "mean capacity",
                  "fixed coordination cost per tick", NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(lead_params, overhead_member, 0.01, 0, 10, "mean capacity",
                  "coordination cost per member per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(lead_params, overhead_pair, 0.0002, 0, 10, "mean capacity",
                  "coordination cost per pair of members",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(lead_params, competence, 0.6, 0, 1, "",
                  "network-level competence brought by the lead",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(lead_params, monitoring, 0.6, 0, 1, "probability",
                  "chance the lead observes a member's contribution",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(lead_params, sanction, 2.0, 0, 10, "per unit shortfall",
                  "fine per unit of shortfall times quota",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(lead_params, transparency, 0.5, 0, 1, "share",
                  "weight of the lead's report of the member mean in beliefs",
                  NG_SERVES(LEARNING)),
    NG_RULE_PARAM(lead_params, voice_loss, 0.8, 0, 1, "",
                  "kappa_p: voice lost per unit of relative power gap to the "
                  "lead",
                  NG_SERVES(LEARNING)),
    NG_RULE_PARAM(lead_params, admission_alignment, 0.5, 0, 1, "cosine",
                  "least alignment with the lead's interests the lead admits",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(lead_params, exclusion_after, 4, 0, 1000000, "violations",
                  "violations after which the lead excludes an enforceable "
                  "member (0: never)",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(lead_params, agility, 1.0, 0, 1, "",
                  "how much of the adaptation rate a mission proposal uses "
                  "(the lead decides)",
                  NG_SERVES(MISSION)),
};

static double enforceability(const ng_model *m, size_t i)
{
    double pi = m->power[i], pl = m->power[m->lead];
    return pi > 0 ? fmin(1, pl / pi) : 1;
}

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    (void)r;
    double fit =
        ng__cosine(m->interests + c * NG_DIM, m->interests + m->lead * NG_DIM);
    const lead_params *q = m->gov_params;
    return fit >= q->admission_alignment;
}

static void monitor(ng_model *m, gsl_rng *r)
{
    int64_t k = ((const lead_params *)m->gov_params)->exclusion_after;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (i == m->lead || !ng__violates(m, i) ||
            gsl_rng_uniform(r) >= m->gc.monitoring) {
            continue;
        }
        double enf = enforceability(m, i);
        double fine = m->gc.sanction * ng__shortfall_amount(m, i) * enf;
        int64_t seen = ng__violation_record(m, i);
        ng__sanction_fine(m, i, fine);
        if (k > 0 && seen >= k && enf >= 1) {
            ng__exclusion_mark(m, i);
        }
    }
}

static double voice(const ng_model *m, size_t i)
{
    double pl = m->power[m->lead];
    if (i == m->lead || pl <= 0) {
        return 1;
    }
    double gap = fmax(0, pl - m->power[i]) / pl;
    return 1 - ((const lead_params *)m->gov_params)->voice_loss * gap;
}

static double deterrence(const ng_model *m, size_t i)
{
    if (i == m->lead) {
        return 0;
    }
    return m->gc.monitoring * m->gc.sanction * enforceability(m, i);
}

const ng_governance ng_gov_lead = {
    .rule =
        {
            .name = "lead",
            .label = "a lead organisation",
            .summary = "one lead organisation coordinates, monitors and fines "
                       "what its power can enforce",
            NG_RULE_PARAMS(lead_params, params),
        },
    .has_lead = true,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = "consensus",
};
