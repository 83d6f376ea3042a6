/* ng_model: allocation, the tick schedule, the accessors and the summary.
 *
 * This is the top of the model (kernel.h shows the layers): everything a
 * run needs is allocated here, sized from the config, so the step loop
 * never allocates.  The schedule is a const table of phases in the order of
 * MODEL.md section 3; it is the only caller of the phases.  What phases and
 * rules may change goes through the kernel (kernel.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/error_internal.h"
#include "model/build.h"
#include "phases/phases.h"

/* ---- seeds ---- */

uint64_t ng_seed_mix(uint64_t master, uint64_t stream)
{
    /* splitmix64 of the master seed offset by the stream number: nearby
     * seeds and streams give unrelated generator states. */
    uint64_t z = master + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    uint64_t s = z & 0xFFFFFFFFULL;
    return s ? s : 1;
}

/* ---- allocation ---- */

#define ALLOC(ptr, count)                                                      \
    do {                                                                       \
        size_t count_ = (count);                                               \
        (ptr) = calloc(count_ ? count_ : 1, sizeof *(ptr));                    \
        if (!(ptr)) {                                                          \
            goto fail;                                                         \
        }                                                                      \
    } while (0)

static int alloc_arrays(ng_model *m)
{
    size_t n = m->n, k_max = m->k_max;
#define NG_ALLOC_ARRAY(type, name, per, meaning) ALLOC(m->name, n *(per));
    NG_POOL_ARRAYS(NG_ALLOC_ARRAY)
#undef NG_ALLOC_ARRAY
    ALLOC(m->series, NG_METRIC_COUNT * m->ticks_cap);
    ALLOC(m->events, m->events_cap);
    return 0;
fail:
    return NG_ENOMEM;
}

static void free_arrays(ng_model *m)
{
#define NG_FREE_ARRAY(type, name, per, meaning) free(m->name);
    NG_POOL_ARRAYS(NG_FREE_ARRAY)
#undef NG_FREE_ARRAY
    free(m->series);
    free(m->events);
}

/* Room for every event a run can produce, but never more than the user's
 * cap output.max_events: per tick each pool partner joins, is sanctioned,
 * leaves and faces an admission vote at most once, and the alliance sees at
 * most one shock event, one incident, one mission and one dissolution vote
 * and one ending, so the founders' joins plus ticks x (4 n + 6) is an upper
 * bound. */
static size_t events_capacity(const ng_params *p, size_t n)
{
    size_t bound = n + (size_t)p->run_ticks * (4 * n + 6);
    size_t cap = (size_t)p->output_max_events;
    return bound < cap ? bound : cap;
}

/* The chosen rules and their parameter structs; nonzero if the config
 * names a rule the registry lacks or one whose parameters have no room. */
static int bind_rules(ng_model *m)
{
    m->gov = ng_params_governance(m->p);
    m->cost = ng_params_cost_rule(m->p);
    m->decide = ng_params_decision_rule(m->p);
    if (!m->gov || !m->cost || !m->decide) {
        return NG_EINVAL;
    }
    m->gov_decides = ng_decision_rule_find(m->gov->own_rule);
    m->gov_params = ng_rule_params(m->p, &m->gov->rule);
    m->cost_params = ng_rule_params(m->p, &m->cost->rule);
    m->decide_params = ng_rule_params(m->p, &m->decide->rule);
    bool missing = (m->gov->rule.n_params && !m->gov_params) ||
                   (m->cost->rule.n_params && !m->cost_params) ||
                   (m->decide->rule.n_params && !m->decide_params);
    return !m->gov_decides || !m->gov_decides->passes || missing ? NG_EINVAL
                                                                 : 0;
}

ng_model *ng_model_alloc(const ng_config *cfg, ng_error *err)
{
    ng__gsl_init();
    ng_model *m = calloc(1, sizeof *m);
    if (!m) {
        ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    if (ng_config_copy(&m->cfg, cfg) != 0) {
        free(m);
        ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    m->p = &m->cfg.p;
    if (bind_rules(m) != 0) {
        ng_error_set(err, NG_EINVAL, "governance.mode",
                     "config was not validated");
        goto fail_quiet;
    }
    ng_governance_coeffs(m->gov, m->gov_params, &m->gc);
    m->n = ng_config_pool_size(cfg);
    m->k_max = (size_t)m->p->network_max_degree;
    m->ticks_cap = (size_t)m->p->run_ticks;
    m->events_cap = events_capacity(m->p, m->n);
    m->lead = NG_NONE;
    m->first_exit_tick = -1;
    for (int s = 0; s < NG_STREAM_COUNT; s++) {
        m->rng[s] = gsl_rng_alloc(gsl_rng_mt19937);
        if (!m->rng[s]) {
            goto fail;
        }
        gsl_rng_set(m->rng[s], (unsigned long)ng_seed_mix(
                                   (uint64_t)m->p->run_seed, (uint64_t)s));
    }
    if (alloc_arrays(m) != 0) {
        goto fail;
    }
    int rc = ng__population_build(m, err);
    if (rc != 0) {
        goto fail_quiet;
    }
    return m;
fail:
    ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
fail_quiet:
    ng_model_free(m);
    return NULL;
}

void ng_model_free(ng_model *m)
{
    if (!m) {
        return;
    }
    for (int s = 0; s < NG_STREAM_COUNT; s++) {
        gsl_rng_free(m->rng[s]);
    }
    free_arrays(m);
    ng_config_clear(&m->cfg);
    free(m);
}

/* ---- the schedule ---- */

typedef int (*phase_fn)(ng_model *m, ng_error *err);
static const struct {
    const char *name;
    phase_fn fn;
} schedule[] = {
    {"environment", ng__phase_environment}, /* 1 */
    {"mission", ng__phase_mission},         /* 2 */
    {"recruit", ng__phase_recruit},         /* 3 */
    {"quotas", ng__phase_quotas},           /* 4 */
    {"contribute", ng__phase_contribute},   /* 5 */
    {"produce", ng__phase_produce},         /* 6-7 */
    {"information", ng__phase_information}, /* 7: data incidents */
    {"monitor", ng__phase_monitor},         /* 8 */
    {"learn", ng__phase_learn},             /* 9 */
    {"exit", ng__phase_exit},               /* 10 */
    {"breakdown", ng__phase_breakdown},     /* 11 */
    {"evaluate", ng__phase_evaluate},       /* 11: evaluation, goal */
    {"record", ng__phase_record},           /* 12 */
};

#ifndef NDEBUG
/* Debug builds stop at the first tick that breaks an invariant, naming the
 * variable, the partner and the tick, so a test sees where a run went
 * wrong rather than what its outputs later show.  Release builds compile
 * this out. */
static void check_invariants(const ng_model *m)
{
    char msg[256];
    if (!ng__invariants_hold(m, msg, sizeof msg)) {
        fprintf(stderr, "netgov: invariant broken: %s\n", msg);
        abort();
    }
}
#endif

int ng_model_step(ng_model *m, ng_error *err)
{
    if (m->dissolved || m->tick >= m->p->run_ticks) {
        return 0;
    }
    m->tick++;
    m->joins = m->exits = m->exclusions = 0;
    m->violations_seen = m->sanctions = 0;
    m->shocks = m->incidents = m->votes_held = m->votes_failed = 0;
    m->mission_turn = 0;
    for (size_t s = 0; s < sizeof schedule / sizeof schedule[0]; s++) {
        int rc = schedule[s].fn(m, err);
        if (rc != 0) {
            return rc;
        }
    }
#ifndef NDEBUG
    check_invariants(m);
#endif
    return 0;
}

int ng_model_run(ng_model *m, ng_error *err)
{
    while (!m->dissolved && m->tick < m->p->run_ticks) {
        int rc = ng_model_step(m, err);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

/* ---- accessors ---- */

bool ng_model_dissolved(const ng_model *m)
{
    return m->dissolved;
}

int64_t ng_model_tick(const ng_model *m)
{
    return m->tick;
}

const ng_config *ng_model_config(const ng_model *m)
{
    return &m->cfg;
}

size_t ng_model_ticks_recorded(const ng_model *m)
{
    return m->ticks_recorded;
}

const double *ng_model_series(const ng_model *m, int metric)
{
    if (metric < 0 || metric >= NG_METRIC_COUNT) {
        return NULL;
    }
    return m->series + (size_t)metric * m->ticks_cap;
}

size_t ng_model_event_count(const ng_model *m)
{
    return m->n_events;
}

const ng_event *ng_model_events(const ng_model *m)
{
    return m->events;
}
