/* Decision rule "governance": every decision goes by the governance mode's
 * own procedure (its own_rule: consensus of peers under shared governance,
 * a majority of the NAO's members; under a lead the lead alone decides).
 * It tallies nothing itself, so it has no passes function. */
#include "netgov/rules.h"

const ng_decision_rule ng_decide_governance = {
    .rule =
        {
            .name = "governance",
            .label = "the governance mode's own procedure",
            .summary = "the governance mode's own procedure: consensus under "
                       "shared governance, the lead alone, majority under an "
                       "NAO",
        },
    .passes = NULL,
    .outvotes = false,
    .veto = false,
    .power_weighted = false,
};
