/* Shared (participant) governance (Provan & Kenis 2008): members govern
 * together.  Coordination runs over every pair, so overhead grows with
 * n(n-1)/2; competence is low; monitoring is by peers on ties, the sanction
 * informal (a social cost that is lost, not pooled); every member has full
 * voice; admission is by consensus of the members who know the candidate,
 * each vetoing with probability veto (1 - trust in the candidate). */
#include <math.h>

#include "model/kernel.h"

static void coeffs(const ng_params *p, ng_gov_coeffs *c)
{
    c->overhead_fixed = p->governance_shared_overhead_fixed;
    c->overhead_member = p->governance_shared_overhead_member;
    c->overhead_pair = p->governance_shared_overhead_pair;
    c->competence = p->governance_shared_competence;
    c->monitoring = p->governance_shared_monitoring;
    c->sanction = p->governance_shared_sanction;
    c->transparency = p->governance_shared_transparency;
    c->outreach = 0;
    c->agility = p->governance_shared_agility;
}

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    /* Only members tied to the candidate know it and take part. */
    for (size_t d = 0; d < m->deg[c]; d++) {
        size_t j = m->nbr[c * m->k_max + d];
        if (m->state[j] != NG_MEMBER) {
            continue;
        }
        size_t back = ng__tie_find(m, j, c);
        double t = m->trust[j * m->k_max + back];
        if (gsl_rng_uniform(r) < m->p->governance_shared_veto * (1 - t)) {
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
    .name = "shared",
    .summary = "members govern together: pairwise coordination, peer "
               "monitoring, consensus admission",
    .coeffs = coeffs,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = &ng_decide_consensus,
};
