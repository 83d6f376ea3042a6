/* Registries of governance modes, cost-sharing and decision rules (rules.h).
 *
 * Adding a rule: write sim/rules/<family>_<name>.c and add its instance to
 * one of the lists below (scripts/new-rule.sh does both).  The order of a
 * list is the order of the choices everywhere: listings, `netgov compare`,
 * the parameter registry and the resolved config of every output.
 */
#include <stdio.h>
#include <string.h>

#include "netgov/rules.h"

#define GOVERNANCE_MODES(X)                                                    \
    X(ng_gov_shared)                                                           \
    X(ng_gov_lead)                                                             \
    X(ng_gov_nao)                                                              \
    /* new governance modes above this line */

#define COST_RULES(X)                                                          \
    X(ng_cost_equal)                                                           \
    X(ng_cost_capacity)                                                        \
    X(ng_cost_benefit)                                                         \
    X(ng_cost_power)                                                           \
    X(ng_cost_lead_pays)                                                       \
    X(ng_cost_voluntary)                                                       \
    /* new cost rules above this line */

#define DECISION_RULES(X)                                                      \
    X(ng_decide_governance)                                                    \
    X(ng_decide_consensus)                                                     \
    X(ng_decide_majority)                                                      \
    X(ng_decide_power_weighted)                                                \
    /* new decision rules above this line */

#define DECLARE_GOVERNANCE(rule) extern const ng_governance rule;
#define DECLARE_COST(rule) extern const ng_cost_rule rule;
#define DECLARE_DECISION(rule) extern const ng_decision_rule rule;
#define ENTRY(rule) &rule,
GOVERNANCE_MODES(DECLARE_GOVERNANCE)
COST_RULES(DECLARE_COST)
DECISION_RULES(DECLARE_DECISION)

static const ng_governance *const governance_modes[] = {GOVERNANCE_MODES(ENTRY)
                                                            NULL};
static const ng_cost_rule *const cost_rules[] = {COST_RULES(ENTRY) NULL};
static const ng_decision_rule *const decision_rules[] = {DECISION_RULES(ENTRY)
                                                             NULL};

#define COUNT(list) (sizeof list / sizeof list[0] - 1)

size_t ng_governance_count(void)
{
    return COUNT(governance_modes);
}

const ng_governance *ng_governance_at(size_t i)
{
    return i < COUNT(governance_modes) ? governance_modes[i] : NULL;
}

size_t ng_cost_rule_count(void)
{
    return COUNT(cost_rules);
}

const ng_cost_rule *ng_cost_rule_at(size_t i)
{
    return i < COUNT(cost_rules) ? cost_rules[i] : NULL;
}

size_t ng_decision_rule_count(void)
{
    return COUNT(decision_rules);
}

const ng_decision_rule *ng_decision_rule_at(size_t i)
{
    return i < COUNT(decision_rules) ? decision_rules[i] : NULL;
}

/* ---- every family alike ---- */

bool ng_family_has_rules(ng_family family)
{
    return family == NG_FAMILY_GOVERNANCE || family == NG_FAMILY_COST ||
           family == NG_FAMILY_DECISION;
}

size_t ng_family_rule_count(ng_family family)
{
    switch (family) {
    case NG_FAMILY_GOVERNANCE:
        return ng_governance_count();
    case NG_FAMILY_COST:
        return ng_cost_rule_count();
    case NG_FAMILY_DECISION:
        return ng_decision_rule_count();
    case NG_FAMILY_NONE:
    case NG_FAMILY_PERSPECTIVE:
        break;
    }
    return 0;
}

const ng_rule *ng_family_rule(ng_family family, size_t index)
{
    if (index >= ng_family_rule_count(family)) {
        return NULL;
    }
    switch (family) {
    case NG_FAMILY_GOVERNANCE:
        return &governance_modes[index]->rule;
    case NG_FAMILY_COST:
        return &cost_rules[index]->rule;
    case NG_FAMILY_DECISION:
        return &decision_rules[index]->rule;
    case NG_FAMILY_NONE:
    case NG_FAMILY_PERSPECTIVE:
        break;
    }
    return NULL;
}

const char *ng_family_section(ng_family family)
{
    switch (family) {
    case NG_FAMILY_GOVERNANCE:
        return "governance";
    case NG_FAMILY_COST:
        return "cost_sharing";
    case NG_FAMILY_DECISION:
        return "decision";
    case NG_FAMILY_NONE:
    case NG_FAMILY_PERSPECTIVE:
        break;
    }
    return NULL;
}

/* ---- look-ups ---- */

static size_t find(ng_family family, const char *name)
{
    size_t n = ng_family_rule_count(family);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ng_family_rule(family, i)->name, name) == 0) {
            return i;
        }
    }
    return n;
}

const ng_governance *ng_governance_find(const char *name)
{
    return ng_governance_at(find(NG_FAMILY_GOVERNANCE, name));
}

const ng_cost_rule *ng_cost_rule_find(const char *name)
{
    return ng_cost_rule_at(find(NG_FAMILY_COST, name));
}

const ng_decision_rule *ng_decision_rule_find(const char *name)
{
    return ng_decision_rule_at(find(NG_FAMILY_DECISION, name));
}

/* Choice indices are ints; a negative one (unresolved) selects nothing. */
static size_t choice(int index)
{
    return index < 0 ? SIZE_MAX : (size_t)index;
}

const ng_governance *ng_params_governance(const ng_params *p)
{
    return ng_governance_at(choice(p->governance_mode));
}

const ng_cost_rule *ng_params_cost_rule(const ng_params *p)
{
    return ng_cost_rule_at(choice(p->cost_rule));
}

const ng_decision_rule *ng_params_decision_rule(const ng_params *p)
{
    return ng_decision_rule_at(choice(p->decision_rule));
}

/* The coefficients by name, for modes whose coefficients are their
 * parameters of the same name. */
static const struct {
    const char *name;
    size_t offset;
} coefficients[] = {
    {"overhead_fixed", offsetof(ng_gov_coeffs, overhead_fixed)},
    {"overhead_member", offsetof(ng_gov_coeffs, overhead_member)},
    {"overhead_pair", offsetof(ng_gov_coeffs, overhead_pair)},
    {"competence", offsetof(ng_gov_coeffs, competence)},
    {"monitoring", offsetof(ng_gov_coeffs, monitoring)},
    {"sanction", offsetof(ng_gov_coeffs, sanction)},
    {"transparency", offsetof(ng_gov_coeffs, transparency)},
    {"outreach", offsetof(ng_gov_coeffs, outreach)},
    {"agility", offsetof(ng_gov_coeffs, agility)},
};

void ng_governance_coeffs(const ng_governance *g, const void *block,
                          ng_gov_coeffs *out)
{
    memset(out, 0, sizeof *out);
    if (g->coeffs) {
        g->coeffs(block, out);
        return;
    }
    const unsigned char *bytes = block;
    for (size_t k = 0; k < g->rule.n_params; k++) {
        const ng_rule_param *q = &g->rule.params[k];
        for (size_t c = 0; c < sizeof coefficients / sizeof coefficients[0];
             c++) {
            if (q->type == NG_PARAM_REAL &&
                strcmp(q->suffix, coefficients[c].name) == 0) {
                memcpy((unsigned char *)out + coefficients[c].offset,
                       bytes + q->offset, sizeof(double));
            }
        }
    }
}

void ng_governance_lead_modes(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ng_governance_count(); i++) {
        const ng_governance *g = ng_governance_at(i);
        if (!g->has_lead) {
            continue;
        }
        int w = snprintf(buf + used, size - used, "%s\"%s\"",
                         used ? " or " : "", g->rule.name);
        if (w < 0 || (size_t)w >= size - used) {
            break;
        }
        used += (size_t)w;
    }
}
