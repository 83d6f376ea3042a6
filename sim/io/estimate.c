/* What a scenario implies before anything is allocated: memory and work
 * of one run (config.h, ng_config_estimate), so validation can refuse a
 * pool of forty million partners with a thousand ties each instead of
 * failing at allocation after minutes.
 *
 * The arrays sized by the pool are counted from the same two lists that
 * ng_model_alloc allocates from (NG_RUN_ARRAYS in netgov/run_view.h,
 * NG_MODEL_ARRAYS in engine.h): only their macros are used, so this file
 * links to nothing above sim/io, and an array added to the model is
 * counted here without anyone having to remember. */
#include <math.h>
#include <stdint.h>

#include "engine.h"
#include "netgov/config.h"
#include "netgov/record.h"

/* A run document's config section and a parsed config file hold each
 * listed partner and tie as a small cJSON tree (a dozen nodes of about 64
 * bytes plus their strings); an upper bound, not a measurement. */
#define JSON_BYTES_PER_LISTED 2048.0
/* The process itself: code, GSL's generators, stdio buffers, the
 * registry.  Measured as the peak RSS of a run of a 40-partner pool. */
#define BASE_BYTES (4.0 * 1024 * 1024)

static double per_partner_bytes(double k_max)
{
    double bytes = 0;
#define NG_COUNT_BYTES(type, name, per, meaning)                               \
    bytes += (double)sizeof(type) * (double)(per);
    NG_POOL_ARRAYS(NG_COUNT_BYTES)
#undef NG_COUNT_BYTES
    return bytes;
}

void ng_config_estimate(const ng_config *cfg, ng_estimate *out)
{
    const ng_params *p = &cfg->p;
    double generated = (double)p->population_government_count +
                       (double)p->population_business_count +
                       (double)p->population_knowledge_count +
                       (double)p->population_civil_count;
    double pool = (double)cfg->n_partners + generated;
    double k_max = (double)p->network_max_degree;
    double ticks = (double)p->run_ticks;
    /* The model keeps at most output.max_events events, and never more
     * than a run can produce (sim/run/model.c, events_capacity). */
    double event_bound = pool + ticks * (4 * pool + 6);
    double events = fmin(event_bound, (double)p->output_max_events);
    double listed = (double)cfg->n_partners + (double)cfg->n_ties;
    /* The config is held twice while a model runs: the caller's and the
     * model's own copy. */
    double config_bytes =
        2 * ((double)cfg->n_partners * (double)sizeof(ng_partner_spec) +
             (double)cfg->n_ties * (double)sizeof(ng_tie_spec));

    out->pool = pool;
    out->pool_bytes = pool * per_partner_bytes(k_max);
    out->series_bytes =
        (double)NG_METRIC_COUNT * ticks * (double)sizeof(double);
    out->event_bytes = events * (double)sizeof(ng_event);
    out->bytes = BASE_BYTES + out->pool_bytes + out->series_bytes +
                 out->event_bytes + config_bytes +
                 listed * JSON_BYTES_PER_LISTED;
    out->work = ticks * pool * (1 + k_max);
}

double ng_config_max_memory_gib(const ng_config *cfg)
{
    return cfg->limits.max_memory_gib > 0 ? cfg->limits.max_memory_gib
                                          : NG_MAX_MEMORY_GIB_DEFAULT;
}

double ng_config_max_work(const ng_config *cfg)
{
    return cfg->limits.max_work > 0 ? cfg->limits.max_work
                                    : NG_MAX_WORK_DEFAULT;
}
