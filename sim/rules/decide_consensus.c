/* Decision rule "consensus" (MODEL.md 5, decision rules): a proposal
 * passes only without a single "no".  It never outvotes anybody, so its
 * cost is time: a failed proposal waits decision.retry_delay ticks. */
#include "netgov/rules.h"

static bool consensus(const ng_tally *t, const void *block)
{
    (void)block;
    return t->yes == t->voters;
}

const ng_decision_rule ng_decide_consensus = {
    .rule =
        {
            .name = "consensus",
            .label = "consensus",
            .summary = "every voter must agree; one no blocks and the matter "
                       "waits",
        },
    .passes = consensus,
    .outvotes = false,
    .veto = true,
    .power_weighted = false,
};
