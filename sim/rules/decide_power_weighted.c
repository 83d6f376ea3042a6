/* Decision rule "power_weighted" (MODEL.md 5, decision rules): more than
 * half of the voters' power decides, so strong partners dominate; the
 * losing side is outvoted. */
#include "netgov/rules.h"

static bool power_majority(const ng_tally *t, const void *block)
{
    (void)block;
    return 2 * t->yes_power > t->power;
}

const ng_decision_rule ng_decide_power_weighted = {
    .rule =
        {
            .name = "power_weighted",
            .label = "power-weighted majority",
            .summary = "more than half of the voters' power decides: strong "
                       "partners dominate",
        },
    .passes = power_majority,
    .outvotes = true,
    .veto = false,
    .power_weighted = true,
};
