/* Summaries of parsed run lines, shared by the summary files, `netgov
 * compare` and `netgov sensitivity`. */
#ifndef NETGOV_SUMMARY_INTERNAL_H
#define NETGOV_SUMMARY_INTERNAL_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* One design point's summary object (docs/EXPERIMENTS.md) from its n >= 1
 * parsed run lines; NULL when out of memory. */
cJSON *ng__point_summary(cJSON *const *runs, size_t n, double level);
/* A summary metric of a parsed run line: a number of its summary object,
 * or "survival" (1 unless the alliance dissolved); NaN when absent. */
double ng__run_metric(const cJSON *run, const char *name);

#endif
