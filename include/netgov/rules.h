/* Governance modes, cost-sharing rules and decision rules as const tables.
 *
 * A governance mode, cost rule or decision rule is one const instance in its
 * own file (sim/rules/gov_*.c, cost_*.c; the small decision rules share
 * decide.c) plus one line in the registry (sim/rules/registry.c).  Phases
 * call through these tables; the engine has no switch over modes.  Rules are
 * stateless: they read the model and the parameters and write only what
 * their function's contract below names, through the kernel's functions
 * where it says so (sim/model/kernel.h), so the counters, events and pools
 * those writes feed stay in step.  Functions taking a const model write
 * nothing but their result (and draws from the generator they are given).
 */
#ifndef NETGOV_RULES_H
#define NETGOV_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "netgov/params.h"

typedef struct ng_model ng_model;

/* The numbers a governance mode reads from the parameters. */
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
    const char *name;
    const char *summary;
    /* Whether the proposal passes.  NULL only for the "governance" rule,
     * which hands every decision to the governance mode's own procedure. */
    bool (*passes)(const ng_tally *t);
    /* Whether the losing side is outvoted (and loses system trust); a
     * consensus rule never outvotes anybody, it waits. */
    bool outvotes;
    /* Whether one "no" settles the vote, so later voters need not vote. */
    bool veto;
} ng_decision_rule;

typedef struct ng_governance {
    const char *name;    /* value of governance.mode */
    const char *summary; /* one line for listings */
    /* Fills *out from the parameters; writes nothing else. */
    void (*coeffs)(const ng_params *p, ng_gov_coeffs *out);
    /* Whether the mode admits candidate `c` invited by member `inviter`
     * (inviter < 0: the NAO's outreach).  May draw from rng. */
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
    /* How the members decide mission changes and dissolution under
     * decision.rule "governance" (under a lead, the lead alone votes). */
    const struct ng_decision_rule *own_rule;
} ng_governance;

typedef struct ng_cost_rule {
    const char *name;
    const char *summary;
    bool shortfall_is_violation; /* false for voluntary */
    bool needs_lead;             /* valid only under lead governance */
    /* Writes m->quota[i] for every member, and nothing else, so that the
     * quotas sum to `budget`; the engine checks that and caps quotas at
     * capacity. */
    void (*quotas)(ng_model *m, double budget);
    /* The quota candidate c would expect to pay if it joined now. */
    double (*estimate)(const ng_model *m, size_t c);
} ng_cost_rule;

extern const ng_governance ng_gov_shared, ng_gov_lead, ng_gov_nao;
extern const ng_decision_rule ng_decide_governance, ng_decide_consensus,
    ng_decide_majority, ng_decide_power;
extern const ng_cost_rule ng_cost_equal, ng_cost_capacity, ng_cost_benefit,
    ng_cost_power, ng_cost_lead_pays, ng_cost_voluntary;

/* Registry access: index i in [0, count), or by name (NULL if unknown). */
size_t ng_governance_count(void);
const ng_governance *ng_governance_at(size_t i);
const ng_governance *ng_governance_find(const char *name);
size_t ng_cost_rule_count(void);
const ng_cost_rule *ng_cost_rule_at(size_t i);
const ng_cost_rule *ng_cost_rule_find(const char *name);
size_t ng_decision_rule_count(void);
const ng_decision_rule *ng_decision_rule_at(size_t i);

#endif
