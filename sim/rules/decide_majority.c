/* Decision rule "majority" (MODEL.md 5, decision rules): more than half of
 * the voters decide, and the losing side is outvoted. */
#include "netgov/rules.h"

static bool majority(const ng_tally *t, const void *block)
{
    (void)block;
    return 2 * t->yes > t->voters;
}

const ng_decision_rule ng_decide_majority = {
    .rule =
        {
            .name = "majority",
            .label = "majority vote",
            .summary = "more than half of the voters decide; the rest are "
                       "outvoted",
        },
    .passes = majority,
    .outvotes = true,
    .veto = false,
    .power_weighted = false,
};
