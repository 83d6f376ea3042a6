/* Shared (participant) governance (Provan & Kenis 2008): members govern
 * together.  Coordination runs over every pair, so overhead grows with
 * n(n-1)/2; competence is low; monitoring is by peers on ties, the sanction
 * informal (a social cost that is lost, not pooled); every member has full
 * voice; admission is by consensus of the members who know the candidate,
 * each vetoing with probability veto (1 - trust in the candidate). */
#include <math.h>

#include "model/kernel.h"

/* The mode's own parameters (governance.shared.*); those named like the
 * fields of ng_gov_coeffs are the coefficients the phases read. */
typedef struct shared_params {
    double overhead_fixed, overhead_member, overhead_pair;
    double competence, monitoring, sanction, transparency, veto, agility;
} shared_params;

static const ng_rule_param params[] = {
    NG_RULE_PARAM(shared_params, overhead_fixed, 0, 0, 1000, "mean capacity",
                  "fixed coordination cost per tick", NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(shared_params, overhead_member, 0.005, 0, 10, "mean capacity",
                  "coordination cost per member per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(shared_params, overhead_pair, 0.0015, 0, 10, "mean capacity",
                  "coordination cost per pair of members per tick",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(shared_params, competence, 0.3, 0, 1, "",
                  "network-level competence brought by shared governance",
                  NG_SERVES(PRODUCTION)),
    NG_RULE_PARAM(shared_params, monitoring, 0.3, 0, 1, "probability",
                  "chance a tied co-member observes a contribution",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(shared_params, sanction, 1.0, 0, 10, "per unit shortfall",
                  "social cost of an observed violation",
                  NG_SERVES(MONITORING)),
    NG_RULE_PARAM(shared_params, transparency, 0, 0, 1, "share",
                  "weight of the published member mean in beliefs",
                  NG_SERVES(LEARNING)),
    NG_RULE_PARAM(shared_params, veto, 0.5, 0, 1, "probability",
                  "veto chance of a tied member with zero trust in a "
                  "candidate (scaled by 1 - trust)",
                  NG_SERVES(RECRUITMENT)),
    NG_RULE_PARAM(shared_params, agility, 0.5, 0, 1, "",
                  "how much of the adaptation rate a mission proposal uses "
                  "(members must agree)",
                  NG_SERVES(MISSION)),
};

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    const shared_params *q = m->gov_params;
    /* Only members tied to the candidate know it and take part. */
    for (size_t d = 0; d < m->deg[c]; d++) {
        size_t j = m->nbr[c * m->k_max + d];
        if (m->state[j] != NG_MEMBER) {
            continue;
        }
        size_t back = ng__tie_find(m, j, c);
        double t = m->trust[j * m->k_max + back];
        if (gsl_rng_uniform(r) < q->veto * (1 - t)) {
            return false;
        }
    }
    return true;
}

/* Chance that at least one tied co-member sees i's contribution. */
static double detection(const ng_model *m, size_t i)
{
    double tied = (double)ng__tied_members(m, i);
    return 1 - pow(1 - m->gc.monitoring, tied);
}

static void monitor(ng_model *m, gsl_rng *r)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (!ng__violates(m, i)) {
            continue;
        }
        bool seen = false;
        for (size_t d = 0; d < m->deg[i]; d++) {
            if (m->state[m->nbr[i * m->k_max + d]] == NG_MEMBER &&
                gsl_rng_uniform(r) < m->gc.monitoring) {
                seen = true;
            }
        }
        if (seen) {
            ng__violation_record(m, i);
            ng__sanction(m, i, NG_R_social_cost,
                         m->gc.sanction * ng__shortfall_amount(m, i));
        }
    }
}

static double voice(const ng_model *m, size_t i)
{
    (void)m;
    (void)i;
    return 1;
}

static double deterrence(const ng_model *m, size_t i)
{
    return detection(m, i) * m->gc.sanction;
}

const ng_governance ng_gov_shared = {
    .rule =
        {
            .name = "shared",
            .label = "shared governance",
            .summary = "members govern together: pairwise coordination, peer "
                       "monitoring, consensus admission",
            NG_RULE_PARAMS(shared_params, params),
        },
    .has_lead = false,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = "consensus",
};
