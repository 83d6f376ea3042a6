/* Step 4, quotas (MODEL.md 4.1).
 *
 * The budget is B = beta * sum of members' capacities.  The cost rule
 * splits it; the engine checks the rule's contract (finite, non-negative
 * quotas summing to B within a relative 1e-9) instead of trusting it, then
 * caps each quota at the member's capacity.
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

#define SUM_TOLERANCE 1e-9

static int check_contract(ng_model *m, double budget, ng_error *err)
{
    double sum = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        double q = m->quota[m->member[idx]];
        if (!isfinite(q) || q < 0) {
            return ng_error_set(err, NG_ERULE, "cost_sharing.rule",
                                "rule \"%s\" set a quota of %g",
                                m->cost->rule.name, q);
        }
        sum += q;
    }
    if (fabs(sum - budget) > SUM_TOLERANCE * budget) {
        return ng_error_set(err, NG_ERULE, "cost_sharing.rule",
                            "rule \"%s\" split %.17g instead of the budget "
                            "%.17g",
                            m->cost->rule.name, sum, budget);
    }
    return 0;
}

int ng__phase_quotas(ng_model *m, ng_error *err)
{
    ng__power_update(m);
    m->budget = m->p->alliance_ambition * m->sum_capacity;
    if (m->n_members == 0) {
        return 0;
    }
    m->cost->quotas(m, m->budget);
    int rc = check_contract(m, m->budget, err);
    if (rc != 0) {
        return rc;
    }
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = fmin(m->quota[i], m->capacity[i]);
    }
    return 0;
}
