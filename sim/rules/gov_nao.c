/* Network administrative organisation (Provan & Kenis 2008): a separate
 * office with a fixed cost coordinates professionally (high competence),
 * monitors KPIs with high probability and sanctions gradually (Ostrom 1990):
 * a warning for the first violation, fines after it, exclusion after K.
 * Every member has the same, not full, voice; admission needs alignment
 * with the mission; the office also reaches out to random pool partners. */
#include "model/kernel.h"

static void coeffs(const ng_params *p, ng_gov_coeffs *c)
{
    c->overhead_fixed = p->governance_nao_overhead_fixed;
    c->overhead_member = p->governance_nao_overhead_member;
    c->overhead_pair = p->governance_nao_overhead_pair;
    c->competence = p->governance_nao_competence;
    c->monitoring = p->governance_nao_monitoring;
    c->sanction = p->governance_nao_sanction;
    c->transparency = p->governance_nao_transparency;
    c->outreach = p->governance_nao_outreach;
    c->agility = p->governance_nao_agility;
}

static bool admit(const ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    (void)inviter;
    (void)r;
    return m->alignment[c] >= m->p->governance_nao_admission_alignment;
}

static void monitor(ng_model *m, gsl_rng *r)
{
    int64_t k = m->p->governance_nao_exclusion_after;
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
    return m->p->governance_nao_voice;
}

static double deterrence(const ng_model *m, size_t i)
{
    (void)i;
    return m->gc.monitoring * m->gc.sanction;
}

const ng_governance ng_gov_nao = {
    .name = "nao",
    .summary = "a network administrative organisation: fixed office cost, "
               "KPI monitoring, graduated sanctions",
    .coeffs = coeffs,
    .admit = admit,
    .monitor = monitor,
    .voice = voice,
    .deterrence = deterrence,
    .own_rule = &ng_decide_majority,
};
