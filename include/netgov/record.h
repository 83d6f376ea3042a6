/* What a run records: per-tick metrics, events and the run summary.
 *
 * The metric list is an X-macro so the recorder, the JSON and CSV writers and
 * the documentation agree on names, units and meanings.
 */
#ifndef NETGOV_RECORD_H
#define NETGOV_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netgov/params.h" /* NG_DIM */

/* name, unit, meaning */
#define NG_METRICS(X)                                                          \
    X(members, "partners", "members at the end of the tick")                   \
    X(joins, "partners", "candidates admitted this tick")                      \
    X(exits, "partners", "members that left this tick (low value)")            \
    X(exclusions, "partners", "members excluded this tick")                    \
    X(contribution, "share", "mean contribution rate x of members")            \
    X(free_riding, "share",                                                    \
      "share of members contributing below the free-riding cutoff")            \
    X(budget, "units",                                                         \
      "budget B = ambition x members' capacity asked this tick")               \
    X(pooled_input, "units", "sum of members' payments y plus fines")          \
    X(overhead, "units", "coordination overhead O paid first")                 \
    X(overhead_ratio, "share",                                                 \
      "overhead divided by pooled input (1 when there is no input)")           \
    X(public_value, "units", "public value W produced")                        \
    X(payoff_mean, "units",                                                    \
      "mean member payoff (benefit - payment - sanctions)")                    \
    X(payoff_gini, "index",                                                    \
      "Gini coefficient of members' payoffs shifted to be non-negative")       \
    X(interpersonal_trust, "trust",                                            \
      "mean directed trust over member-member ties")                           \
    X(system_trust, "trust", "mean system trust of members")                   \
    X(commitment, "share", "mean commitment of members")                       \
    X(value, "value", "mean value V of members (exit criterion)")              \
    X(violations, "count", "violations detected this tick")                    \
    X(sanctions, "count",                                                      \
      "sanctions imposed this tick (warnings, fines, social costs)")           \
    X(power_concentration, "index", "Herfindahl index of power among members") \
    X(alignment, "cosine", "mean alignment of members with the mission")       \
    X(diversity, "index", "normalised diversity of members' sectors")          \
    X(fit, "cosine", "fit of the mission with the problem focus, cos(m, z)")   \
    X(threat, "level", "threat level h in [0, 1]; 1 right after a shock")      \
    X(mission_change, "radians", "angle the mission turned this tick")         \
    X(process_spending, "units",                                               \
      "input after overhead spent on relationships and onboarding (process)")  \
    X(incidents, "count", "data incidents this tick")                          \
    X(votes_held, "count",                                                     \
      "votes held this tick (admission under an explicit decision rule, "      \
      "mission changes, dissolution)")                                         \
    X(votes_failed, "count", "votes that did not pass this tick")

typedef enum ng_metric {
#define NG_METRIC_ENUM(name, unit, meaning) NG_M_##name,
    NG_METRICS(NG_METRIC_ENUM)
#undef NG_METRIC_ENUM
        NG_METRIC_COUNT
} ng_metric;

const char *ng_metric_name(int metric);
const char *ng_metric_unit(int metric);
const char *ng_metric_meaning(int metric);

#define NG_EVENT_TYPES(X)                                                      \
    X(join, "a candidate became a member")                                     \
    X(exit, "a member left")                                                   \
    X(exclusion, "a member was excluded")                                      \
    X(sanction, "a violation was sanctioned")                                  \
    X(dissolution, "the alliance dissolved")                                   \
    X(completion, "the alliance met its goal and ended on purpose")            \
    X(shock, "a shock in the environment (amount: number of shocks)")          \
    X(incident, "a data incident at a member (the source)")                    \
    X(vote_passed, "a vote passed (amount: share of yes votes or power)")      \
    X(vote_failed, "a vote failed (amount: share of yes votes or power)")

typedef enum ng_event_type {
#define NG_EVENT_ENUM(name, meaning) NG_EV_##name,
    NG_EVENT_TYPES(NG_EVENT_ENUM)
#undef NG_EVENT_ENUM
        NG_EVENT_TYPE_COUNT
} ng_event_type;

/* Reasons attached to events; causes of dissolution are reasons too. */
#define NG_REASONS(X)                                                          \
    X(none, "")                                                                \
    X(founder, "founding member")                                              \
    X(invited, "invited by a member")                                          \
    X(outreach, "invited by the NAO's outreach")                               \
    X(low_value, "value stayed below the exit threshold for the patience")     \
    X(repeated_violations, "too many detected violations")                     \
    X(warning, "first violation: a warning")                                   \
    X(fine, "a fine proportional to the shortfall")                            \
    X(social_cost, "informal sanction by peers")                               \
    X(too_few_members, "fewer members than the minimum")                       \
    X(lead_exit, "the lead organisation left")                                 \
    X(no_added_value, "public value stayed at or below the minimum")           \
    X(unfunded, "the pool could not cover the fixed office cost (the NAO's)")  \
    X(goal_reached, "cumulative public value reached the goal")                \
    X(threat, "a new threat pulled the problem focus")                         \
    X(data_incident, "shared data leaked or was misused")                      \
    X(admission, "vote on admitting a candidate")                              \
    X(mission_change, "vote on moving the mission toward the problem focus")   \
    X(dissolution_vote, "evaluation vote on dissolving the alliance")

typedef enum ng_reason {
#define NG_REASON_ENUM(name, meaning) NG_R_##name,
    NG_REASONS(NG_REASON_ENUM)
#undef NG_REASON_ENUM
        NG_REASON_COUNT
} ng_reason;

const char *ng_event_type_name(int type);
/* Whether events of this type carry an amount (sanction, shock, votes). */
bool ng_event_has_amount(int type);
const char *ng_reason_name(int reason);
const char *ng_reason_meaning(int reason);

typedef struct ng_event {
    int32_t tick;
    uint8_t type;    /* ng_event_type */
    uint8_t reason;  /* ng_reason */
    int64_t partner; /* -1 for alliance-wide events */
    double amount;   /* sanction: fine or social cost; shock: count; vote:
                      * yes share.  Written only for those types. */
} ng_event;

typedef enum ng_outcome {
    NG_OUTCOME_SURVIVED,
    NG_OUTCOME_DISSOLVED,
    NG_OUTCOME_COMPLETED /* the goal was met: success, not failure */
} ng_outcome;

/* "survived", "dissolved", "completed". */
const char *ng_outcome_name(int outcome);

/* The run summary (OUTPUT.md section 2.6), declared once: field, JSON key,
 * kind, meaning.  The struct and the summary object of the run document
 * (ng__summary_json) are generated from this list, in this order, which is
 * the order of the JSON keys.  Kinds: INT (int64_t), REAL (double),
 * OUTCOME (int, an ng_outcome written by name), REASON (int, an ng_reason
 * written by name), INT_OR_NULL (int64_t, null when negative), VECTOR
 * (double[NG_DIM]). */
#define NG_SUMMARY_FIELDS(X)                                                   \
    X(outcome, "outcome", OUTCOME, "survived, dissolved or completed")         \
    X(cause, "cause", REASON, "NG_R_none when survived")                       \
    X(lifetime, "lifetime", INT, "tick of dissolution, or the horizon")        \
    X(peak_members, "peak_members", INT, "largest end-of-tick member count")   \
    X(final_members, "final_members", INT, "members at the end")               \
    X(cumulative_value, "cumulative_value", REAL, "sum of public value")       \
    X(mean_contribution, "mean_contribution", REAL, "over ticks with members") \
    X(first_exit_tick, "first_exit_tick", INT_OR_NULL, "-1 when nobody left")  \
    X(share_ever_joined, "share_ever_joined", REAL, "of the pool")             \
    X(final_interpersonal_trust, "final_interpersonal_trust", REAL,            \
      "last interpersonal trust")                                              \
    X(final_system_trust, "final_system_trust", REAL, "last system trust")     \
    X(total_joins, "joins", INT, "founders not counted")                       \
    X(total_exits, "exits", INT, "low-value exits")                            \
    X(total_exclusions, "exclusions", INT, "exclusions")                       \
    X(total_sanctions, "sanctions", INT, "warnings, fines, social costs")      \
    X(small_partners, "small_partners", INT,                                   \
      "partners that ever joined and are small (ng_small_partner)")            \
    X(small_partners_left, "small_partners_left", INT,                         \
      "of those, how many had left (exit or exclusion) at the end")            \
    X(events_dropped, "events_dropped", INT, "beyond the event cap")           \
    X(mean_fit, "mean_fit", REAL, "over recorded ticks")                       \
    X(final_fit, "final_fit", REAL, "last fit")                                \
    X(mission_turn, "mission_turn", REAL, "total angle turned, radians")       \
    X(shocks, "shocks", INT, "shocks in the environment")                      \
    X(incidents, "incidents", INT, "data incidents")                           \
    X(votes_held, "votes_held", INT, "votes held")                             \
    X(votes_failed, "votes_failed", INT, "votes that did not pass")            \
    X(process_spending, "process_spending", REAL, "cumulative")                \
    X(final_mission, "final_mission", VECTOR, "normalised to the simplex")     \
    X(final_focus, "final_focus", VECTOR, "the problem focus at the end")

#define NG_SUMMARY_DECL_INT(name) int64_t name;
#define NG_SUMMARY_DECL_INT_OR_NULL(name) int64_t name;
#define NG_SUMMARY_DECL_REAL(name) double name;
#define NG_SUMMARY_DECL_OUTCOME(name) int name;
#define NG_SUMMARY_DECL_REASON(name) int name;
#define NG_SUMMARY_DECL_VECTOR(name) double name[NG_DIM];

typedef struct ng_summary {
#define NG_SUMMARY_FIELD(name, key, kind, meaning) NG_SUMMARY_DECL_##kind(name)
    NG_SUMMARY_FIELDS(NG_SUMMARY_FIELD)
#undef NG_SUMMARY_FIELD
} ng_summary;

/* Small partners (summary.small_partners, explanations): partners that
 * ever joined with a capacity below the upper median capacity of all that
 * ever joined.  ng_small_partner_threshold sorts caps, the capacities of
 * the n partners that ever joined, in place and returns that median (0
 * when n is 0); ng_small_partner applies the definition to one partner. */
double ng_small_partner_threshold(double *caps, size_t n);
bool ng_small_partner(bool ever_joined, double capacity, double threshold);

#endif
