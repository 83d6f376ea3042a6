/* ng_model: one simulation run of an alliance.
 *
 * A model is built from a validated config and a seed, owns its random
 * streams, state and records, and is stepped tick by tick.  All memory is
 * allocated in ng_model_alloc, sized from the config, so stepping never
 * allocates and cannot fail half-way.  Two models share nothing and may run
 * in two threads.
 */
#ifndef NETGOV_MODEL_H
#define NETGOV_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netgov/config.h"
#include "netgov/error.h"
#include "netgov/record.h"

typedef struct ng_model ng_model;

/* Builds the pool, the acquaintance network and the founding alliance.
 * The config is copied.  Returns NULL and fills err on failure. */
ng_model *ng_model_alloc(const ng_config *cfg, ng_error *err);
void ng_model_free(ng_model *m);

/* Runs one tick (MODEL.md section 3).  Returns 0, or NG_ERULE or
 * NG_ENONFINITE if a rule or the state broke an invariant.  Stepping a
 * dissolved alliance is a no-op. */
int ng_model_step(ng_model *m, ng_error *err);
/* Steps until the horizon run.ticks or dissolution. */
int ng_model_run(ng_model *m, ng_error *err);

bool ng_model_dissolved(const ng_model *m);
int64_t ng_model_tick(const ng_model *m);
const ng_config *ng_model_config(const ng_model *m);
/* Summary of the run so far. */
void ng_model_summary(const ng_model *m, ng_summary *out);

/* Recorded series: ticks recorded so far and metric values per tick. */
size_t ng_model_ticks_recorded(const ng_model *m);
const double *ng_model_series(const ng_model *m, int metric);
size_t ng_model_event_count(const ng_model *m);
const ng_event *ng_model_events(const ng_model *m);

/* Seed of random stream `stream` derived from the master seed by
 * splitmix64; always in 1..2^32-1 (gsl_rng_set treats 0 specially). */
uint64_t ng_seed_mix(uint64_t master, uint64_t stream);

#endif
