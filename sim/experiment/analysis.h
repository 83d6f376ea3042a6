/* Sensitivity analysis of a finished sweep (analysis.c). */
#ifndef NETGOV_ANALYSIS_H
#define NETGOV_ANALYSIS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "netgov/sweep.h"

/* Reads <dir>/runs.jsonl (in run order), averages each output over a design
 * point's replications, estimates the spec's Sobol indices or Morris
 * effects, writes <dir>/sensitivity.json and <dir>/sensitivity.csv and
 * hands the document back in *doc (the caller deletes it).  Bootstrap
 * resamples draw from ng_seed_mix(master_seed, NG_DESIGN_STREAM + 1). */
int ng_sensitivity_write(const ng_spec *s, const ng_design *d,
                         uint64_t master_seed, const char *dir, cJSON **doc,
                         ng_error *err);

#endif
