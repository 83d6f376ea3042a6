/* Capacity split (ability to pay): q_i = beta c_i, which sums to B. */
#include "rules/cost_capacity.h"
#include "model/kernel.h"

void ng__quota_by_capacity(ng_model *m, double budget)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = budget * m->capacity[i] / m->sum_capacity;
    }
}

double ng__estimate_by_capacity(const ng_model *m, size_t c)
{
    return m->p->alliance_ambition * m->capacity[c];
}

const ng_cost_rule ng_cost_capacity = {
    .rule =
        {
            .name = "capacity",
            .label = "costs split by capacity",
            .summary = "each member pays the same share of its own capacity",
        },
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = ng__quota_by_capacity,
    .estimate = ng__estimate_by_capacity,
};
