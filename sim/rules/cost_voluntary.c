/* Voluntary contributions: the reference amount is beta c_i, as under the
 * capacity split, but there is no quota norm, so a shortfall is never a
 * violation and nobody is sanctioned for it. */
#include "model/kernel.h"
#include "rules/cost_capacity.h"

const ng_cost_rule ng_cost_voluntary = {
    .rule =
        {
            .name = "voluntary",
            .label = "voluntary contributions",
            .summary =
                "no quota norm: members give what they choose around beta "
                "times their capacity, shortfalls are never sanctioned",
        },
    .shortfall_is_violation = false,
    .needs_lead = false,
    .quotas = ng__quota_by_capacity,
    .estimate = ng__estimate_by_capacity,
};
