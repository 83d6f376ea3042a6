/* Cost rule "@NAME@", made by scripts/new-rule.sh from netgov's template:
 * each member's quota is proportional to a weight, here its capacity
 * raised to cost_sharing.@NAME@.exponent (1: the capacity split, 0: equal
 * shares).  Replace this paragraph with the rule and its source, and
 * document it in docs/MODEL.md (see docs/EXTENDING.md).  The contract is
 * in include/netgov/rules.h: quotas sum to the budget. */
#include <math.h>

#include "model/kernel.h"

/* The rule's own parameters: users write cost_sharing.@NAME@.<field>. */
typedef struct @NAME@_params {
    double exponent;
} @NAME@_params;

static const ng_rule_param params[] = {
    /* field, default, minimum, maximum, unit, meaning, submodels served */
    NG_RULE_PARAM(@NAME@_params, exponent, 1, 0, 3, "",
                  "quotas are proportional to capacity to this power",
                  NG_SERVES(QUOTAS)),
};

static double weight(const ng_model *m, size_t i)
{
    const @NAME@_params *q = m->cost_params;
    return pow(m->capacity[i], q->exponent);
}

static void quotas(ng_model *m, double budget)
{
    double total = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        total += weight(m, m->member[idx]);
    }
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = total > 0 ? budget * weight(m, i) / total
                                : budget / (double)m->n_members;
    }
}

/* What candidate c would pay if it joined now. */
static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    double total = weight(m, c);
    for (size_t idx = 0; idx < m->n_members; idx++) {
        total += weight(m, m->member[idx]);
    }
    return total > 0 ? budget * weight(m, c) / total
                     : budget / ((double)m->n_members + 1);
}

const ng_cost_rule ng_cost_@NAME@ = {
    .rule =
        {
            .name = "@NAME@",
            .label = "costs split by @NAME@",
            .summary = "@NAME@: quotas in proportion to capacity to the "
                       "power cost_sharing.@NAME@.exponent",
            NG_RULE_PARAMS(@NAME@_params, params),
        },
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = quotas,
    .estimate = estimate,
};
