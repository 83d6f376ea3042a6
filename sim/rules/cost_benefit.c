/* Beneficiary pays: q_i proportional to the expected benefit share, which
 * is i's alignment g_i (benefit = g_i W / n^gamma).  Falls back to an equal
 * split when no member is aligned at all. */
#include "engine.h"

static void quotas(ng_model *m, double budget)
{
    double total = m->sum_alignment;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = total > 0 ? budget * m->alignment[i] / total
                                : budget / (double)m->n_members;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    double total = m->sum_alignment + m->alignment[c];
    return total > 0 ? budget * m->alignment[c] / total
                     : budget / ((double)m->n_members + 1);
}

const ng_cost_rule ng_cost_benefit = {
    .name = "benefit",
    .summary = "each member pays in proportion to the benefit it expects",
    .shortfall_is_violation = true,
    .needs_lead = false,
    .quotas = quotas,
    .estimate = estimate,
};
