/* Shared pieces of the explanation rules: explain.c (phases, departures,
 * headline, assembly) and explain_rules.c (turning points, mechanisms,
 * what held the alliance together).  Exposed for the unit tests. */
#ifndef NETGOV_REPORT_EXPLAIN_INTERNAL_H
#define NETGOV_REPORT_EXPLAIN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "report/explain_run.h"

/* The largest fall of a series from a running peak to a later trough:
 * indices of the peak and the trough and their values. */
typedef struct ex_drop {
    double size;
    size_t from, to;
    double high, low;
} ex_drop;

/* What several rules need, computed once (docs/EXPLAIN.md section 2). */
typedef struct ex_context {
    size_t w;             /* smoothing window: max(3, T/20) ticks */
    long first_admission; /* tick of the first non-founder join, or -1 */
    size_t formation_end; /* index of that tick (0 when none) */
    size_t early_from, early_to, late_from; /* quarter-run windows */
    long admissions, departures, exclusions, joined;
    long small_joined, small_left, large_left;
    bool failed; /* dissolved, or lost >= 2 and >= 20% of those who joined */
    ex_drop sys_drop, inter_drop;
} ex_context;

typedef struct ex_segment {
    const char *phase; /* formation, growth, plateau, decline */
    size_t from, to;   /* series indices, inclusive */
} ex_segment;

ex_drop ng__explain_drawdown(const double *v, size_t T);
size_t ng__explain_phases(const ex_run *r, const ex_context *c, ex_segment *seg,
                          size_t cap);
size_t ng__explain_merge_short(ex_segment *seg, size_t n, size_t min_len);

/* Candidates best first: [{name, title, score, evidence: [text], text}]. */
cJSON *ng__explain_mechanisms(const ex_run *r, const ex_context *c);
/* The mechanism object used when a failure has no candidate scoring at
 * least 0.1. */
cJSON *ng__explain_unclear(const ex_run *r, const ex_context *c);
cJSON *ng__explain_held(const ex_run *r, const ex_context *c);
cJSON *ng__explain_turning_points(const ex_run *r, const ex_context *c);

/* ---- helpers ---- */
double ng__explain_mean(const double *v, size_t a, size_t b);
double ng__explain_total(const double *v, size_t T);
double ng__explain_last(const double *v, size_t T);
double ng__explain_clamp01(double x);
size_t ng__explain_index_of(const ex_run *r, long tick);
bool ng__explain_is_departure(const ex_event *e);
const char *ng__explain_reason_meaning(const char *reason);
/* Appends a formatted string to a JSON array. */
void ng__explain_add_text(cJSON *array, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Adds a number rounded to 4 decimals. */
void ng__explain_number(cJSON *o, const char *key, double v);

#endif
