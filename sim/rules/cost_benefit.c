/* Beneficiary pays: q_i proportional to the expected benefit share
 * u_i s_i (valuation times size factor, see produce.c).  Falls back to an
 * equal split when no member expects any benefit. */
#include "model/kernel.h"

static void quotas(ng_model *m, double budget)
{
    double total = m->sum_benefit_weight;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        double w = m->valuation[i] * ng__size_factor(m, i);
        m->quota[i] =
            total > 0 ? budget * w / total : budget / (double)m->n_members;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    double w = m->valuation[c] * ng__size_factor(m, c);
    double total = m->sum_benefit_weight + w;
    return total > 0 ? budget * w / total : budget / ((double)m->n_members + 1);
}

const ng_cost_rule ng_cost_benefit = {
    .rule =
        {
            .name = "benefit",
            .label = "costs split by expected benefit",
            .summary =
                "each member pays in proportion to the benefit it expects",
        },
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = quotas,
    .estimate = estimate,
};
