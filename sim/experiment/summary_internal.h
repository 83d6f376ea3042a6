/* Summaries of parsed run lines, shared by the summary files, `netgov
 * compare` and `netgov sensitivity`. */
#ifndef NETGOV_SUMMARY_INTERNAL_H
#define NETGOV_SUMMARY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* One design point's summary object (docs/EXPERIMENTS.md) from its n >= 1
 * parsed run lines; NULL when out of memory. */
cJSON *ng__point_summary(cJSON *const *runs, size_t n, double level);
/* One design point's summary built one run at a time, in O(1) memory per
 * run (moments per metric and per series tick): add the runs in run
 * order, then take the summary object.  _add returns 0 or NG_ENOMEM;
 * _json returns NULL when out of memory or before the first run. */
typedef struct ng__point_acc ng__point_acc;
ng__point_acc *ng__point_acc_new(void);
int ng__point_acc_add(ng__point_acc *a, const cJSON *run);
cJSON *ng__point_acc_json(const ng__point_acc *a, double level);
void ng__point_acc_free(ng__point_acc *a);
/* Checks the members of a parsed run line (docs/EXPERIMENTS.md, "runs.jsonl")
 * before anything reads them: run, point, rep, id, seed, params, and error
 * or outcome, cause, summary and series, each of its type, the integers
 * exact and in range.  With reps > 0, point and rep must be the run's;
 * with n_runs > 0, run must be below it.  Sets *run, or writes the first
 * problem ("point: expected 2 (...), found 1e300") into why. */
bool ng__run_line_valid(const cJSON *line, size_t reps, size_t n_runs,
                        size_t *run, char *why, size_t size);
/* A summary metric of a parsed run line: a number of its summary object,
 * or "survival" (1 unless the alliance dissolved); NaN when absent. */
double ng__run_metric(const cJSON *run, const char *name);

#endif
