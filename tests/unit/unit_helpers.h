/* Shared helpers of the cmocka unit tests (tests/unit/test_*.c).
 *
 * Every helper is static inline so each test executable compiles its own
 * copy without unused-function warnings.  unit_config() starts from the
 * registry defaults and then pins the switches that make a model small and
 * quiet (no generated pool, no random network, no recruitment, no meetings,
 * no noise); each test then sets explicitly every parameter its mechanism
 * depends on, so tuning a default never silently changes what a test checks.
 */
#ifndef NG_UNIT_HELPERS_H
#define NG_UNIT_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "model/build.h"
#include "model/kernel.h"
#include "phases/phases.h"

/* |a - b| <= tol, printing both values to full precision on failure. */
#define assert_near(a, b, tol)                                                 \
    do {                                                                       \
        double a_ = (a), b_ = (b), t_ = (tol);                                 \
        if (!(fabs(a_ - b_) <= t_)) {                                          \
            print_error("%s = %.17g, expected %s = %.17g (tolerance %g)\n",    \
                        #a, a_, #b, b_, t_);                                   \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* a equals b within a relative tolerance (absolute near zero). */
#define assert_rel(a, b, rel)                                                  \
    assert_near(a, b, (rel)*fmax(1e-300, fmax(fabs(a), fabs(b))))

/* a < b, printing both values on failure. */
#define assert_less(a, b)                                                      \
    do {                                                                       \
        double a_ = (a), b_ = (b);                                             \
        if (!(a_ < b_)) {                                                      \
            print_error("expected %s = %.17g < %s = %.17g\n", #a, a_, #b, b_); \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* The substring `needle` occurs in `hay`. */
#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        const char *h_ = (hay), *n_ = (needle);                                \
        if (!strstr(h_, n_)) {                                                 \
            print_error("\"%s\" does not contain \"%s\"\n", h_, n_);           \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* Group setup shared by every test file: GSL must never abort a test. */
static inline int unit_group_setup(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    return 0;
}

/* A parameter by its dotted path, real or integer: the only way to a
 * rule's own parameters, which have no field of their own in ng_params. */
static inline void unit_param_set(ng_params *p, const char *path, double v)
{
    const ng_param *d = ng_params_find(path);
    if (!d) {
        fail_msg("unknown parameter %s", path);
    } else if (d->type == NG_PARAM_INT) {
        *ng_param_int(p, d) = (int64_t)v;
    } else {
        assert_int_equal(d->type, NG_PARAM_REAL);
        *ng_param_real(p, d) = v;
    }
}

static inline double unit_param_get(const ng_params *p, const char *path)
{
    const ng_param *d = ng_params_find(path);
    if (!d) {
        fail_msg("unknown parameter %s", path);
        return 0;
    }
    ng_params copy = *p; /* the typed accessors take a mutable block */
    return d->type == NG_PARAM_INT ? (double)*ng_param_int(&copy, d)
                                   : *ng_param_real(&copy, d);
}

/* The size of the generated pool: partners per sector, in NG_SECTOR order. */
static inline void unit_set_sector_counts(ng_params *p, int64_t government,
                                          int64_t business, int64_t knowledge,
                                          int64_t civil)
{
    p->population_government_count = government;
    p->population_business_count = business;
    p->population_knowledge_count = knowledge;
    p->population_civil_count = civil;
}

/* Governance mode and cost rule by name, which must both be registered. */
static inline void unit_set_rules(ng_params *p, const char *mode,
                                  const char *rule)
{
    p->governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, mode);
    p->cost_rule = ng_family_find(NG_FAMILY_COST, rule);
    assert_true(p->cost_rule >= 0 && p->governance_mode >= 0);
}

/* Defaults, then an empty generated pool and no background randomness. */
static inline void unit_config(ng_config *cfg)
{
    ng_config_init(cfg);
    ng_params *p = &cfg->p;
    p->run_ticks = 50;
    p->run_seed = 2385;
    p->output_max_events = 100000; /* tests read the events back */
    unit_set_sector_counts(p, 0, 0, 0, 0);
    p->network_mean_degree = 0;
    p->network_max_degree = 24;
    p->network_tie_trust = 0.5;
    p->network_stranger_trust = 0.3;
    p->behaviour_noise = 0;
    p->recruitment_invite_probability = 0;
    unit_param_set(p, "governance.nao.outreach", 0);
    p->learning_meet_probability = 0;
    p->alliance_min_members = 1;
    p->alliance_min_value = -1;
    p->exit_threshold = -100;
    p->exit_patience = 1000;
}

/* A listed partner, every attribute stated. */
typedef struct unit_spec {
    const char *name;
    int sector;
    bool founder;
    double capacity, authority, support;
    int disposition;
    double interests[NG_DIM];
} unit_spec;

static inline void unit_add_partners(ng_config *cfg, const unit_spec *s,
                                     size_t n)
{
    size_t total = cfg->n_partners + n;
    ng_partner_spec *grown =
        realloc(cfg->partners, total * sizeof *cfg->partners);
    assert_non_null(grown);
    cfg->partners = grown;
    for (size_t k = 0; k < n; k++) {
        ng_partner_spec *ps = &cfg->partners[cfg->n_partners + k];
        memset(ps, 0, sizeof *ps);
        snprintf(ps->name, sizeof ps->name, "%s", s[k].name);
        ps->sector = s[k].sector;
        ps->founder = s[k].founder;
        ps->has_capacity = ps->has_authority = ps->has_support = true;
        ps->has_interests = ps->has_disposition = true;
        ps->capacity = s[k].capacity;
        ps->authority = s[k].authority;
        ps->support = s[k].support;
        ps->disposition = s[k].disposition;
        memcpy(ps->interests, s[k].interests, sizeof ps->interests);
    }
    cfg->n_partners = total;
}

/* n founders named p0, p1, ... with the given capacities (NULL: all
 * 2.385), authority 0.4, support 0.2, conditional, mixed sectors. */
static inline void unit_add_founders(ng_config *cfg, size_t n,
                                     const double *capacity)
{
    for (size_t k = 0; k < n; k++) {
        char name[32];
        snprintf(name, sizeof name, "p%zu", cfg->n_partners);
        unit_spec s = {name,
                       (int)(k % NG_SECTOR_COUNT),
                       true,
                       capacity ? capacity[k] : 2.385,
                       0.4,
                       0.2,
                       NG_DISP_CONDITIONAL,
                       {0.4, 0.3, 0.2, 0.1}};
        unit_add_partners(cfg, &s, 1);
    }
}

/* Lists n ties in cfg, which must have none yet. */
static inline void unit_set_ties(ng_config *cfg, const ng_tie_spec *ties,
                                 size_t n)
{
    cfg->ties = calloc(n, sizeof *cfg->ties);
    assert_non_null(cfg->ties);
    memcpy(cfg->ties, ties, n * sizeof *ties);
    cfg->n_ties = n;
}

static inline void unit_print_errors(const ng_errors *errs)
{
    for (size_t k = 0; k < errs->n; k++) {
        print_error("%s: %s\n", errs->items[k].where, errs->items[k].msg);
    }
}

/* Validates cfg and builds a model; fails the test on any error. */
static inline ng_model *unit_model(const ng_config *cfg)
{
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    if (ng_config_validate(cfg, &errs) != 0) {
        unit_print_errors(&errs);
        print_error("config does not validate\n");
        fail();
    }
    ng_error err;
    memset(&err, 0, sizeof err);
    ng_model *m = ng_model_alloc(cfg, &err);
    if (!m) {
        print_error("ng_model_alloc: %s: %s\n", err.where, err.msg);
        fail();
    }
    return m;
}

/* Builds the model of cfg (see unit_model) and clears cfg: the model keeps
 * its own deep copy of the config, so the test needs cfg no longer. */
static inline ng_model *unit_model_and_clear(ng_config *cfg)
{
    ng_model *m = unit_model(cfg);
    ng_config_clear(cfg);
    return m;
}

/* Parses a JSON scenario over cfg into a fresh error list; the source is
 * named "test.json", so errors may name it before the field path. */
static inline int unit_parse(ng_config *cfg, const char *text, ng_errors *errs)
{
    memset(errs, 0, sizeof *errs);
    return ng_config_parse(cfg, text, strlen(text), "test.json", errs);
}

/* Calls fn(m, &err), which must succeed; on failure prints fn's name and the
 * error before failing, so a broken phase says where it broke. */
static inline void
unit_run_named(const char *name, int (*fn)(ng_model *, ng_error *), ng_model *m)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    int rc = fn(m, &err);
    if (rc != 0) {
        print_error("%s: %s: %s\n", name, err.where, err.msg);
    }
    assert_int_equal(rc, 0);
}

/* Runs one phase (ng__phase_*), ng_model_step or ng_model_run on m. */
#define unit_run(fn, m) unit_run_named(#fn, (fn), (m))

/* Checks the tie table: every row holds at most max_degree ties, each to
 * another partner of the pool, listed once and recorded at both ends.
 * Returns the number of ties. */
static inline size_t unit_assert_sound_ties(const ng_model *m,
                                            size_t max_degree)
{
    size_t ends = 0;
    for (size_t i = 0; i < m->n; i++) {
        const size_t *row = m->nbr + i * m->k_max;
        assert_true(m->deg[i] <= max_degree);
        ends += m->deg[i];
        for (size_t d = 0; d < m->deg[i]; d++) {
            size_t j = row[d];
            assert_true(j < m->n);
            assert_true(j != i);
            assert_true(ng__tie_find(m, j, i) != NG_NONE);
            for (size_t e = d + 1; e < m->deg[i]; e++) {
                assert_true(row[e] != j);
            }
        }
    }
    assert_int_equal(ends % 2, 0);
    return ends / 2;
}

/* Every member contributes x of its quota and pays it. */
static inline void unit_give(ng_model *m, double x)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->x[i] = x;
        m->paid[i] = x * m->quota[i];
    }
}

/* i's directed trust in j (i and j must be tied). */
static inline double *unit_trust(ng_model *m, size_t i, size_t j)
{
    size_t d = ng__tie_find(m, i, j);
    assert_true(d != NG_NONE);
    return &m->trust[i * m->k_max + d];
}

/* Number of recorded events of a type (and a reason, or -1 for any). */
static inline size_t unit_count_events(const ng_model *m, int type, int reason)
{
    size_t count = 0;
    for (size_t e = 0; e < m->n_events; e++) {
        count += m->events[e].type == type &&
                 (reason < 0 || m->events[e].reason == reason);
    }
    return count;
}

/* The last recorded event, which must exist. */
static inline const ng_event *unit_last_event(const ng_model *m)
{
    assert_true(m->n_events > 0);
    return &m->events[m->n_events - 1];
}

/* ---- v2 modules (MODEL.md 5) ---- */

/* Every v2 module stated neutral: a static environment, no process share,
 * no data sharing or privacy technology, valuation equal to alignment, no
 * evaluation cycle or goal, no geography and the governance mode's own
 * decision rule.  Tests of one module start here and switch on only it. */
static inline void unit_v2_neutral(ng_params *p)
{
    p->environment_drift = 0;
    p->environment_reversion = 0;
    p->environment_shock_rate = 0;
    p->environment_shock_tick = 0;
    p->process_share = 0;
    p->information_sharing = 0;
    p->information_privacy_tech = 0;
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        p->meaning_societal_weight[s] = 1;
        p->meaning_economic_weight[s] = 0;
    }
    p->meaning_economic_return = 0;
    p->evaluation_interval = 0;
    p->evaluation_goal = 0;
    p->geography_area = 0;
    p->decision_rule = ng_family_find(NG_FAMILY_DECISION, "governance");
}

/* decision.rule by name, which must be registered. */
static inline void unit_set_decision(ng_params *p, const char *rule)
{
    p->decision_rule = ng_family_find(NG_FAMILY_DECISION, rule);
    assert_true(p->decision_rule >= 0);
}

/* Applies "path=value" overrides to cfg; each must be accepted. */
static inline void unit_set(ng_config *cfg, const char *assignment)
{
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    if (ng_config_set(cfg, assignment, &errs) != 0) {
        unit_print_errors(&errs);
        print_error("--set %s was refused\n", assignment);
        fail();
    }
}

/* unit_config plus a generated pool of 40 with a random network,
 * recruitment, meetings, noise, exits and breakdown: a run whose v1
 * dynamics are lively, with every v2 module neutral. */
static inline void unit_lively_config(ng_config *cfg)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_sector_counts(p, 10, 14, 6, 10);
    p->population_founders = 5;
    p->run_ticks = 60;
    p->network_mean_degree = 6;
    p->network_max_degree = 24;
    p->behaviour_noise = 0.03;
    p->recruitment_invite_probability = 0.3;
    p->recruitment_entry_threshold = -0.2;
    p->learning_meet_probability = 0.05;
    p->alliance_min_members = 2;
    p->alliance_min_value = 0;
    p->exit_threshold = -0.3;
    p->exit_patience = 6;
    unit_set_rules(p, "shared", "capacity");
}

/* Metric `metric` at tick t (1-based), which must have been recorded. */
static inline double unit_metric(const ng_model *m, int metric, size_t t)
{
    assert_true(t >= 1 && t <= ng_model_ticks_recorded(m));
    return ng_model_series(m, metric)[t - 1];
}

/* Whether random stream s of m has not drawn yet: its next draws equal
 * those of a fresh generator seeded as the model seeds it.  Consumes a few
 * draws of the stream. */
static inline bool unit_stream_untouched(ng_model *m, int s)
{
    gsl_rng *fresh = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(fresh);
    gsl_rng_set(fresh, (unsigned long)ng_seed_mix((uint64_t)m->p->run_seed,
                                                  (uint64_t)s));
    bool same = true;
    for (int k = 0; k < 4; k++) {
        same = same && gsl_rng_get(fresh) == gsl_rng_get(m->rng[s]);
    }
    gsl_rng_free(fresh);
    return same;
}

/* Builds the model of cfg, runs it to the end and clears cfg. */
static inline ng_model *unit_run_model(ng_config *cfg)
{
    ng_model *m = unit_model_and_clear(cfg);
    unit_run(ng_model_run, m);
    return m;
}

/* Asserts that two runs recorded the same ticks, every metric series
 * bit for bit, and the same events; `label` names run b in messages. */
static inline void unit_assert_same_run(const ng_model *a, const ng_model *b,
                                        const char *label)
{
    size_t ticks = ng_model_ticks_recorded(a);
    if (ticks != ng_model_ticks_recorded(b)) {
        print_error("%s: %zu ticks recorded, expected %zu\n", label,
                    ng_model_ticks_recorded(b), ticks);
        fail();
    }
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        const double *sa = ng_model_series(a, k), *sb = ng_model_series(b, k);
        for (size_t t = 0; t < ticks; t++) {
            if (memcmp(&sa[t], &sb[t], sizeof sa[t]) != 0) {
                print_error("%s: metric %s at tick %zu is %.17g, expected "
                            "%.17g\n",
                            label, ng_metric_name(k), t + 1, sb[t], sa[t]);
                fail();
            }
        }
    }
    size_t events = ng_model_event_count(a);
    const ng_event *ea = ng_model_events(a), *eb = ng_model_events(b);
    bool same = events == ng_model_event_count(b);
    for (size_t e = 0; same && e < events; e++) {
        same = ea[e].tick == eb[e].tick && ea[e].type == eb[e].type &&
               ea[e].reason == eb[e].reason && ea[e].partner == eb[e].partner &&
               memcmp(&ea[e].amount, &eb[e].amount, sizeof ea[e].amount) == 0;
    }
    if (!same) {
        print_error("%s: the events differ\n", label);
        fail();
    }
}

/* The last recorded event of a type, which must exist. */
static inline const ng_event *unit_last_event_of(const ng_model *m, int type)
{
    for (size_t e = m->n_events; e-- > 0;) {
        if (m->events[e].type == type) {
            return &m->events[e];
        }
    }
    print_error("no event of type %s\n", ng_event_type_name(type));
    fail();
    return NULL;
}

/* Quotas, every member giving x of its quota, then production: the part of
 * a tick that sets overhead, content input and public value. */
static inline void unit_produce_giving(ng_model *m, double x)
{
    unit_run(ng__phase_quotas, m);
    unit_give(m, x);
    unit_run(ng__phase_produce, m);
}

/* Adds n - 1 partners to cfg (which holds one founder), builds the model
 * and admits them by hand, so nobody has a tie; every member gives 0.7.
 * Clears cfg. */
static inline ng_model *unit_tieless_members(ng_config *cfg, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        char name[32];
        snprintf(name, sizeof name, "q%zu", k);
        unit_spec s = {name, (int)(k % 4),        false,       1.25, 0.3,
                       0.2,  NG_DISP_CONDITIONAL, {1, 1, 1, 1}};
        unit_add_partners(cfg, &s, 1);
    }
    ng_model *m = unit_model_and_clear(cfg);
    for (size_t i = 1; i < n; i++) {
        ng__member_add(m, i, NG_R_invited);
    }
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(m->deg[i], 0);
        m->x[i] = 0.7;
    }
    return m;
}

#endif
