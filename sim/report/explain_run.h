/* A run read into plain arrays for the explanation rules (explain.c):
 * from a run document (explain_run.c) or from a run in memory through its
 * run view (explain_view.c), with the same values either way, so both
 * give the same explanation.  Strings point into the cJSON document or
 * the run's config, which must outlive the ex_run, or into static name
 * tables; a run in memory's partner names are owned by the ex_run. */
#ifndef NETGOV_REPORT_EXPLAIN_RUN_H
#define NETGOV_REPORT_EXPLAIN_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "netgov/error.h"
#include "netgov/run_view.h"

typedef struct ex_partner {
    long id;
    const char *name, *sector, *state;
    bool founder, lead, ever_joined, small;
    long state_tick;
    double capacity, power, system_trust, commitment, value, contribution;
    double asked, paid, benefit; /* totals over its membership; NaN if the
                                  * document predates them */
} ex_partner;

typedef struct ex_event {
    long tick, partner; /* partner -1 for alliance-wide events */
    const char *type, *reason;
    double amount; /* NaN when absent */
} ex_event;

/* The series the rules read, one array of T values each (NaN for null). */
#define EX_SERIES(X)                                                           \
    X(members)                                                                 \
    X(joins)                                                                   \
    X(exits)                                                                   \
    X(exclusions)                                                              \
    X(contribution)                                                            \
    X(free_riding)                                                             \
    X(pooled_input)                                                            \
    X(overhead)                                                                \
    X(overhead_ratio)                                                          \
    X(public_value)                                                            \
    X(interpersonal_trust)                                                     \
    X(system_trust)                                                            \
    X(violations)                                                              \
    X(sanctions)                                                               \
    X(power_concentration)                                                     \
    X(fit)                                                                     \
    X(incidents)                                                               \
    X(process_spending)

typedef struct ex_run {
    const char *scenario, *outcome, *cause, *mode, *cost_rule;
    long lifetime, peak_members, final_members;
    long founders; /* partners marked founder */
    double cumulative_value, mean_contribution, cutoff, initial_trust;
    double goal; /* evaluation.goal, 0 when none */
    size_t T;    /* recorded ticks */
    double *tick;
#define EX_SERIES_FIELD(name) double *name;
    EX_SERIES(EX_SERIES_FIELD)
#undef EX_SERIES_FIELD
    ex_partner *partners;
    size_t n_partners;
    ex_event *events;
    size_t n_events;
    char *names; /* owned partner names (a run in memory), or NULL */
} ex_run;

/* Reads what the rules need after checking the document with the reader
 * view and report use (run_document.h; the config is not parsed here); on
 * a missing, mistyped or out-of-range field fills err with its path
 * ("series.members", "partners[3].capacity") and returns NG_EINVAL.
 * Release with ng__explain_run_free even on failure. */
int ng__explain_run_read(const cJSON *doc, ex_run *r, ng_error *err);
/* Reads the same from a run in memory.  The model behind the view must
 * outlive the ex_run.  Release with ng__explain_run_free even on
 * failure. */
int ng__explain_run_view(const ng_run_view *v, ex_run *r, ng_error *err);
void ng__explain_run_free(ex_run *r);
/* Marks the small partners (ng_small_partner) once capacities and
 * ever_joined are read. */
int ng__explain_mark_small(ex_run *r, ng_error *err);

/* The partner with this id, or NULL. */
const ex_partner *ng__explain_partner(const ex_run *r, long id);

#endif
