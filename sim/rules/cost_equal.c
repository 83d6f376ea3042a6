/* Equal split: q_i = B / n.  Regressive: a small partner pays as much as a
 * large one, so relative to its capacity it carries more. */
#include "model/kernel.h"

static void quotas(ng_model *m, double budget)
{
    double q = budget / (double)m->n_members;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        m->quota[m->member[idx]] = q;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    return m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]) /
           ((double)m->n_members + 1);
}

const ng_cost_rule ng_cost_equal = {
    .rule =
        {
            .name = "equal",
            .label = "equal shares",
            .summary = "every member pays the same share of the budget",
        },
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = quotas,
    .estimate = estimate,
};
