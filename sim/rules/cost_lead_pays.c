/* The lead pays a share lambda of the budget, the others split the rest
 * equally.  Only meaningful with a lead (validation enforces it). */
#include "model/kernel.h"

static void quotas(ng_model *m, double budget)
{
    size_t others = m->n_members - 1;
    double lambda = others ? m->p->cost_lead_share : 1;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = i == m->lead ? lambda * budget
                                   : (1 - lambda) * budget / (double)others;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    return (1 - m->p->cost_lead_share) * budget / (double)m->n_members;
}

const ng_cost_rule ng_cost_lead_pays = {
    .name = "lead_pays",
    .summary = "the lead pays cost_sharing.lead_share of the budget, the "
               "others split the rest equally",
    .shortfall_is_violation = true,
    .needs_lead = true,
    .quotas = quotas,
    .estimate = estimate,
};
