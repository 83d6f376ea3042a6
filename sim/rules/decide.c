/* Decision rules (MODEL.md 5, decision rules): how a vote among members is
 * tallied.  "governance" defers to the governance mode's own procedure
 * (consensus of peers, the lead alone, the NAO's members by majority).
 * Consensus passes only without a single "no"; it never outvotes anybody,
 * so its cost is time: failed proposals wait decision.retry_delay ticks.
 * Majority passes with more than half of the voters, power-weighted
 * majority with more than half of the voters' power; both outvote the
 * losing side. */
#include "netgov/rules.h"

static bool consensus(const ng_tally *t)
{
    return t->yes == t->voters;
}

static bool majority(const ng_tally *t)
{
    return 2 * t->yes > t->voters;
}

static bool power_majority(const ng_tally *t)
{
    return 2 * t->yes_power > t->power;
}

const ng_decision_rule ng_decide_governance = {
    .name = "governance",
    .summary = "the governance mode's own procedure: consensus under shared "
               "governance, the lead alone, majority under an NAO",
    .passes = NULL,
    .outvotes = false,
    .veto = false,
};

const ng_decision_rule ng_decide_consensus = {
    .name = "consensus",
    .summary = "every voter must agree; one no blocks and the matter waits",
    .passes = consensus,
    .outvotes = false,
    .veto = true,
};

const ng_decision_rule ng_decide_majority = {
    .name = "majority",
    .summary = "more than half of the voters decide; the rest are outvoted",
    .passes = majority,
    .outvotes = true,
    .veto = false,
};

const ng_decision_rule ng_decide_power = {
    .name = "power_weighted",
    .summary = "more than half of the voters' power decides: strong "
               "partners dominate",
    .passes = power_majority,
    .outvotes = true,
    .veto = false,
};
