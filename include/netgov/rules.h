/* Governance modes, cost-sharing rules and decision rules as const tables.
 *
 * A rule is one const instance in its own file (sim/rules/gov_*.c,
 * cost_*.c, decide_*.c) plus one line in the registry
 * (sim/rules/registry.c).  It declares everything about itself there: its
 * name and how pages name it, its own parameters (rows that join the
 * parameter registry, so listings, --set, validation, sweep axes, the ODD
 * text and every output's resolved config know them), its capabilities
 * (has a lead, needs a lead, weighted by power, ...) and its functions.
 * Code outside sim/rules/ asks for capabilities, never for a rule by name
 * or identity.  Phases call through these tables; the engine has no switch
 * over modes.  Rules are stateless: they read the model and their
 * parameters and write only what their function's contract below names,
 * through the kernel's functions where it says so (sim/model/kernel.h), so
 * the counters, events and pools those writes feed stay in step.
 * Functions taking a const model write nothing but their result (and
 * draws from the generator they are given).
 * docs/EXTENDING.md shows how to add one (scripts/new-rule.sh).
 */
#ifndef NETGOV_RULES_H
#define NETGOV_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "netgov/params.h"

typedef struct ng_model ng_model;

/* What every rule declares, whatever its family. */
typedef struct ng_rule {
    const char *name;    /* the value users write: governance.mode "nao" */
    const char *label;   /* how pages name it: "a programme office (NAO)" */
    const char *summary; /* one line for listings */
    /* Its own parameters: rows describing the fields of a struct of
     * params_size bytes that the rule reads through ng_rule_params().
     * Their paths are "<param_prefix>.<field>", by default the family's
     * section and the rule's name ("governance.nao.monitoring"). */
    const ng_rule_param *params;
    size_t n_params;
    size_t params_size;
    const char *param_prefix; /* NULL: "<section>.<name>" */
} ng_rule;

/* The rows, their count and the struct size, for an ng_rule: .params =
 * NG_RULE_PARAMS(nao_params, rows) fills params, n_params, params_size. */
#define NG_RULE_PARAMS(T, rows)                                                \
    .params = rows, .n_params = sizeof rows / sizeof rows[0],                  \
    .params_size = sizeof(T)

/* The numbers a governance mode gives the phases. */
typedef struct ng_gov_coeffs {
    double overhead_fixed, overhead_member, overhead_pair; /* x mean capacity */
    double competence;   /* network-level competence, [0,1] */
    double monitoring;   /* observation probability mu */
    double sanction;     /* sanction per unit of shortfall x quota */
    double transparency; /* weight of the published member mean in beliefs */
    double outreach;     /* chance per tick of inviting a random partner */
    double agility;      /* share of mission.adaptation_rate it proposes */
} ng_gov_coeffs;

/* A decision rule tallies a vote: counts of voters and yes votes, and the
 * same weighted by the voters' power. */
typedef struct ng_tally {
    size_t voters, yes;
    double power, yes_power;
} ng_tally;

typedef struct ng_decision_rule {
    ng_rule rule;
    /* Whether the proposal passes, given the rule's parameter struct
     * (NULL when it declares none).  NULL only for the "governance" rule,
     * which hands every decision to the governance mode's own procedure. */
    bool (*passes)(const ng_tally *t, const void *block);
    /* Capabilities.  outvotes: the losing side is outvoted (and loses
     * system trust); a consensus rule never outvotes anybody, it waits.
     * veto: one "no" settles the vote, so later voters need not vote.
     * power_weighted: votes count by the voters' power, so a vote's yes
     * share is a share of power. */
    bool outvotes;
    bool veto;
    bool power_weighted;
} ng_decision_rule;

typedef struct ng_governance {
    ng_rule rule;
    /* Capability: one member leads (chosen at founding: the listed
     * partner marked lead, else the most powerful founder); the alliance
     * ends when it leaves, and under decision.rule "governance" the lead
     * alone decides. */
    bool has_lead;
    /* Fills *out from the mode's parameter struct and writes nothing else;
     * NULL (most modes): each coefficient is the mode's parameter of the
     * same name, 0 when it declares none (ng_governance_coeffs). */
    void (*coeffs)(const void *block, ng_gov_coeffs *out);
    /* Whether the mode admits candidate `c` invited by member `inviter`
     * (inviter < 0: the mode's outreach).  May draw from rng. */
    bool (*admit)(const ng_model *m, size_t c, long inviter, gsl_rng *rng);
    /* Observes members and draws from rng.  It may write only: a detected
     * violation (ng__violation_record), a sanction whose amount is lost
     * (ng__sanction: a warning or a social cost), a fine that enters the
     * next tick's pool (ng__sanction_fine), and a mark that excludes a
     * member at this tick's exit phase (ng__exclusion_mark).  These keep
     * the member's and the tick's counts, the payoff and the events. */
    void (*monitor)(ng_model *m, gsl_rng *rng);
    /* Voice of member i in [0,1], an input to perceived fairness. */
    double (*voice)(const ng_model *m, size_t i);
    /* Expected sanction per unit of shortfall member i faces. */
    double (*deterrence)(const ng_model *m, size_t i);
    /* The name of the decision rule by which the members decide mission
     * changes and dissolution under decision.rule "governance" (with a
     * lead, the lead alone votes); a registered rule that tallies votes. */
    const char *own_rule;
} ng_governance;

typedef struct ng_cost_rule {
    ng_rule rule;
    /* Capabilities.  shortfall_is_violation: falling short of the quota
     * norm is a violation monitoring may sanction (false: voluntary
     * giving).  needs_lead: valid only under a governance mode with a
     * lead (validation enforces it). */
    bool shortfall_is_violation;
    bool needs_lead;
    /* Writes m->quota[i] for every member, and nothing else, so that the
     * quotas sum to `budget`; the engine checks that and caps quotas at
     * capacity. */
    void (*quotas)(ng_model *m, double budget);
    /* The quota candidate c would expect to pay if it joined now. */
    double (*estimate)(const ng_model *m, size_t c);
} ng_cost_rule;

/* Registry access: index i in [0, count), or by name (NULL if unknown). */
size_t ng_governance_count(void);
const ng_governance *ng_governance_at(size_t i);
const ng_governance *ng_governance_find(const char *name);
size_t ng_cost_rule_count(void);
const ng_cost_rule *ng_cost_rule_at(size_t i);
const ng_cost_rule *ng_cost_rule_find(const char *name);
size_t ng_decision_rule_count(void);
const ng_decision_rule *ng_decision_rule_at(size_t i);
const ng_decision_rule *ng_decision_rule_find(const char *name);

/* The governance mode, cost rule and decision rule a scenario chooses
 * (NULL for an index the registry does not hold). */
const ng_governance *ng_params_governance(const ng_params *p);
const ng_cost_rule *ng_params_cost_rule(const ng_params *p);
const ng_decision_rule *ng_params_decision_rule(const ng_params *p);

/* The coefficients mode g gives the phases, from its parameter struct
 * `block` (ng_rule_params): its coeffs function's, or its parameters of
 * the coefficients' names. */
void ng_governance_coeffs(const ng_governance *g, const void *block,
                          ng_gov_coeffs *out);

/* The names of the governance modes with a lead, each quoted, joined by
 * " or ": "\"lead\"" (for messages about rules that need one). */
void ng_governance_lead_modes(char *buf, size_t size);

#endif
