/* Power split: q_i proportional to power P_i, so the strong pay for their
 * weight (and, under a lead, for their say). */
#include "model/kernel.h"

static void quotas(ng_model *m, double budget)
{
    double total = m->sum_power;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = total > 0 ? budget * m->power[i] / total
                                : budget / (double)m->n_members;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    double pc = ng__power_of(m, c);
    double total = m->sum_power + pc;
    return total > 0 ? budget * pc / total
                     : budget / ((double)m->n_members + 1);
}

const ng_cost_rule ng_cost_power = {
    .rule =
        {
            .name = "power",
            .label = "costs split by power",
            .summary = "each member pays in proportion to its power",
        },
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = quotas,
    .estimate = estimate,
};
