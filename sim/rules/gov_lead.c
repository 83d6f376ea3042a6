/* Lead-organisation governance (Provan & Kenis 2008): one member (the most
 * powerful founder unless named) coordinates.  It observes every member
 * with probability mu_lead and fines a shortfall, scaled by enforceability
 * min(1, P_lead / P_i): a lead cannot fully fine a more powerful partner.
 * It excludes a repeat violator only if it can enforce fully.  Voice falls
 * with the power gap to the lead; admission needs alignment with the lead's
 * own interests. */
#include <math.h>

#include "model/kernel.h"

static void coeffs(const ng_params *p, ng_gov_coeffs *c)
{
    c->overhead_fixed = p->governance_lead_overhead_fixed;
    c->overhead_member = p->governance_lead_overhead_member;
    c->overhead_pair = p->governance_lead_overhead_pair;
    c->competence = p->governance_lead_competence;
    c->monitoring = p->governance_lead_monitoring;
    c->sanction = p->governance_lead_sanction;
    c->transparency = p->governance_lead_transparency;
    c->outreach = 0;
    c->agility = p->governance_lead_agility;
}

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
    return fit >= m->p->governance_lead_admission_alignment;
}

static void monitor(ng_model *m, gsl_rng *r)
{
    int64_t k = m->p->governance_lead_exclusion_after;
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
    return 1 - m->p->governance_lead_voice_loss * gap;
}

static double deterrence(const ng_model *m, size_t i)
{
    if (i == m->lead) {
        return 0;
    }
    return m->gc.monitoring * m->gc.sanction * enforceability(m, i);
}

const ng_governance ng_gov_lead = {
    .name = "lead",
    .summary = "one lead organisation coordinates, monitors and fines what "
               "its power can enforce",
    .coeffs = coeffs,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = &ng_decide_consensus,
};
