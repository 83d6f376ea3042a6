/* Registries of governance modes, cost-sharing and decision rules (rules.h).
 * Adding a rule: write sim/rules/<family>_<name>.c and add one line here. */
#include <string.h>

#include "netgov/rules.h"

static const ng_governance *const governance_modes[] = {
    &ng_gov_shared, &ng_gov_lead, &ng_gov_nao, NULL};

static const ng_cost_rule *const cost_rules[] = {&ng_cost_equal,
                                                 &ng_cost_capacity,
                                                 &ng_cost_benefit,
                                                 &ng_cost_power,
                                                 &ng_cost_lead_pays,
                                                 &ng_cost_voluntary,
                                                 NULL};

static const ng_decision_rule *const decision_rules[] = {
    &ng_decide_governance, &ng_decide_consensus, &ng_decide_majority,
    &ng_decide_power, NULL};

size_t ng_governance_count(void)
{
    return sizeof governance_modes / sizeof governance_modes[0] - 1;
}

const ng_governance *ng_governance_at(size_t i)
{
    return i < ng_governance_count() ? governance_modes[i] : NULL;
}

const ng_governance *ng_governance_find(const char *name)
{
    for (size_t i = 0; governance_modes[i]; i++) {
        if (strcmp(governance_modes[i]->name, name) == 0) {
            return governance_modes[i];
        }
    }
    return NULL;
}

size_t ng_cost_rule_count(void)
{
    return sizeof cost_rules / sizeof cost_rules[0] - 1;
}

const ng_cost_rule *ng_cost_rule_at(size_t i)
{
    return i < ng_cost_rule_count() ? cost_rules[i] : NULL;
}

const ng_cost_rule *ng_cost_rule_find(const char *name)
{
    for (size_t i = 0; cost_rules[i]; i++) {
        if (strcmp(cost_rules[i]->name, name) == 0) {
            return cost_rules[i];
        }
    }
    return NULL;
}

size_t ng_decision_rule_count(void)
{
    return sizeof decision_rules / sizeof decision_rules[0] - 1;
}

const ng_decision_rule *ng_decision_rule_at(size_t i)
{
    return i < ng_decision_rule_count() ? decision_rules[i] : NULL;
}
