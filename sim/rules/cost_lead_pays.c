/* The lead pays a share lambda of the budget, the others split the rest
 * equally.  Only meaningful with a lead (validation enforces it). */
#include "model/kernel.h"

typedef struct lead_pays_params {
    double lead_share;
} lead_pays_params;

/* Its parameter keeps the path users have always written,
 * cost_sharing.lead_share, rather than cost_sharing.lead_pays.lead_share. */
static const ng_rule_param params[] = {
    NG_RULE_PARAM(lead_pays_params, lead_share, 0.5, 0, 1, "share",
                  "share lambda of the budget the lead pays under lead_pays",
                  NG_SERVES(QUOTAS)),
};

static double lead_share(const ng_model *m)
{
    return ((const lead_pays_params *)m->cost_params)->lead_share;
}

static void quotas(ng_model *m, double budget)
{
    size_t others = m->n_members - 1;
    double lambda = others ? lead_share(m) : 1;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->quota[i] = i == m->lead ? lambda * budget
                                   : (1 - lambda) * budget / (double)others;
    }
}

static double estimate(const ng_model *m, size_t c)
{
    double budget =
        m->p->alliance_ambition * (m->sum_capacity + m->capacity[c]);
    return (1 - lead_share(m)) * budget / (double)m->n_members;
}

const ng_cost_rule ng_cost_lead_pays = {
    .rule =
        {
            .name = "lead_pays",
            .label = "the lead pays a fixed share",
            .summary =
                "the lead pays cost_sharing.lead_share of the budget, the "
                "others split the rest equally",
            .param_prefix = "cost_sharing",
            NG_RULE_PARAMS(lead_pays_params, params),
        },
    .shortfall_is_violation = true,
    .needs_lead = true,
    .quotas = quotas,
    .estimate = estimate,
};
