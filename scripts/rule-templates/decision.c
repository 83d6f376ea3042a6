/* Decision rule "@NAME@", made by scripts/new-rule.sh from netgov's
 * template: a qualified majority, a proposal passes when at least
 * decision.@NAME@.threshold of the voters say yes, and the losing side is
 * outvoted.  Replace this paragraph with the rule and its source, and
 * document it in docs/MODEL.md (see docs/EXTENDING.md).  The contract is
 * in include/netgov/rules.h. */
#include "netgov/rules.h"

/* The rule's own parameters: users write decision.@NAME@.<field>. */
typedef struct @NAME@_params {
    double threshold;
} @NAME@_params;

static const ng_rule_param params[] = {
    /* field, default, minimum, maximum, unit, meaning, submodels served */
    NG_RULE_PARAM(@NAME@_params, threshold, 2.0 / 3.0, 0.5, 1, "share",
                  "share of yes votes a proposal needs",
                  NG_SERVES(DECISIONS)),
};

static bool passes(const ng_tally *t, const void *block)
{
    const @NAME@_params *q = block;
    return t->voters > 0 && (double)t->yes >= q->threshold * (double)t->voters;
}

const ng_decision_rule ng_decide_@NAME@ = {
    .rule =
        {
            .name = "@NAME@",
            .label = "@NAME@ vote",
            .summary = "@NAME@: a proposal needs a qualified majority of "
                       "decision.@NAME@.threshold; the rest are outvoted",
            NG_RULE_PARAMS(@NAME@_params, params),
        },
    .passes = passes,
    .outvotes = true,
    .veto = false,
    .power_weighted = false,
};
