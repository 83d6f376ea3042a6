/* The one reader of a run document (run_document.h).
 *
 * It stops at the first problem: a damaged document usually has one, and
 * the fields after it are read relative to the ones before (series
 * lengths to the lifetime, partner ids to the pool).  Every number is
 * checked to be finite and, where it is used as an integer, whole and in
 * its range before anything converts it.
 */
#include "report/run_document.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/netgov.h"
#include "netgov/record.h"
#include "netgov/run_view.h"

#include "io/config_internal.h"

/* Largest count a double holds exactly: summary totals are bounded by it
 * so that reading them never rounds. */
#define WHOLE_MAX 9007199254740992.0 /* 2^53 */
/* run.ticks' upper bound in the registry: a lifetime's bound when the
 * config is not parsed. */
#define TICKS_MAX 1000000.0

/* The kinds of NG_SUMMARY_FIELDS (record.h). */
enum { SK_INT, SK_INT_OR_NULL, SK_REAL, SK_OUTCOME, SK_REASON, SK_VECTOR };

typedef struct reader {
    const char *source;
    ng_errors *errs;
    double ticks; /* run.ticks */
    ng_run_doc *d;
} reader;

static int bad(const reader *r, const char *path, const cJSON *found,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int bad(const reader *r, const char *path, const cJSON *found,
               const char *fmt, ...)
{
    char where[sizeof r->errs->items[0].where], expected[160];
    char seen[96] = "nothing";
    if (r->source) {
        snprintf(where, sizeof where, "%s:%s", r->source, path);
    } else {
        snprintf(where, sizeof where, "%s", path);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expected, sizeof expected, fmt, ap);
    va_end(ap);
    if (found) {
        ng__json_describe(found, seen, sizeof seen);
    }
    return ng_errors_add(r->errs, NG_EINVAL, where, "expected %s, found %s",
                         expected, seen);
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Real numbers are bounded far beyond anything a run produces, so that
 * the sums and ratios the explanation rules take over a whole document
 * (at most millions of values) stay finite. */
#define REAL_MAX 1e100

static bool finite_number(const cJSON *v)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
           fabs(v->valuedouble) <= REAL_MAX;
}

static bool whole_in(const cJSON *v, double lo, double hi)
{
    return finite_number(v) && v->valuedouble == floor(v->valuedouble) &&
           v->valuedouble >= lo && v->valuedouble <= hi;
}

/* The index of name among names(0..count), or -1. */
static int name_index(const cJSON *v, const char *(*names)(int), int count)
{
    if (!cJSON_IsString(v)) {
        return -1;
    }
    for (int k = 0; k < count; k++) {
        if (strcmp(names(k), v->valuestring) == 0) {
            return k;
        }
    }
    return -1;
}

/* "a", "b", "c" or "d" of names(0..count), for messages. */
static void name_list(const char *(*names)(int), int from, int count, char *buf,
                      size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = from; k < count && used < size; k++) {
        const char *sep = k == from ? "" : (k + 1 == count ? " or " : ", ");
        int n = snprintf(buf + used, size - used, "%s\"%s\"", sep, names(k));
        used += n > 0 ? (size_t)n : 0;
    }
}

static int need_name(const reader *r, const cJSON *obj, const char *key,
                     const char *path, const char *(*names)(int), int count,
                     int *out)
{
    const cJSON *v = member(obj, key);
    int k = name_index(v, names, count);
    if (k < 0) {
        char list[400];
        name_list(names, 0, count, list, sizeof list);
        return bad(r, path, v, "one of %s", list);
    }
    if (out) {
        *out = k;
    }
    return 0;
}

static int need_string(const reader *r, const cJSON *obj, const char *key,
                       const char *path, const char **out)
{
    const cJSON *v = member(obj, key);
    if (!cJSON_IsString(v)) {
        return bad(r, path, v, "a string");
    }
    if (out) {
        *out = v->valuestring;
    }
    return 0;
}

static int need_object(const reader *r, const cJSON *obj, const char *key,
                       const cJSON **out)
{
    const cJSON *v = member(obj, key);
    if (!cJSON_IsObject(v)) {
        return bad(r, key, v, "an object");
    }
    *out = v;
    return 0;
}

static int need_finite(const reader *r, const cJSON *obj, const char *key,
                       const char *path)
{
    const cJSON *v = member(obj, key);
    return finite_number(v) ? 0
                            : bad(r, path, v, "a number in [-1e+100, 1e+100]");
}

static int need_whole(const reader *r, const cJSON *obj, const char *key,
                      const char *path, const char *what, double lo, double hi)
{
    const cJSON *v = member(obj, key);
    if (!whole_in(v, lo, hi)) {
        return bad(r, path, v, "an integer %s in [%.0f, %.0f]", what, lo, hi);
    }
    return 0;
}

/* ---- header and config ---- */

static int read_header(reader *r, const cJSON *doc)
{
    ng_run_doc *d = r->d;
    const cJSON *v = member(doc, "format_version");
    if (!cJSON_IsNumber(v) || v->valuedouble != NG_FORMAT_VERSION) {
        return bad(r, "format_version", v,
                   "a netgov run document of format version %d",
                   NG_FORMAT_VERSION);
    }
    int rc =
        need_string(r, doc, "engine_version", "engine_version", &d->engine);
    if (!rc) {
        rc = need_whole(r, doc, "seed", "seed", "seed", 1, 4294967295.0);
    }
    if (!rc) {
        d->seed = (uint32_t)member(doc, "seed")->valuedouble;
        rc = need_string(r, doc, "scenario", "scenario", &d->scenario);
    }
    if (!rc) {
        rc = need_object(r, doc, "config", &d->config);
    }
    const cJSON *units = NULL;
    if (!rc) {
        rc = need_object(r, doc, "units", &units);
    }
    for (const cJSON *u = units ? units->child : NULL; !rc && u; u = u->next) {
        if (!cJSON_IsString(u)) {
            char path[160];
            snprintf(path, sizeof path, "units.%.100s", u->string);
            rc = bad(r, path, u, "a unit name");
        }
    }
    if (!rc) {
        rc = need_object(r, doc, "series", &d->series);
    }
    if (!rc) {
        rc = need_object(r, doc, "summary", &d->summary);
    }
    if (!rc && !cJSON_IsArray(d->partners = member(doc, "partners"))) {
        rc = bad(r, "partners", d->partners, "an array");
    }
    if (!rc && !cJSON_IsArray(d->events = member(doc, "events"))) {
        rc = bad(r, "events", d->events, "an array");
    }
    return rc;
}

/* The config as a scenario: parsed, validated, with the run's seed. */
static int read_config(reader *r, ng_config *cfg)
{
    char *text = cJSON_PrintUnformatted(r->d->config);
    if (!text) {
        return ng_errors_add(r->errs, NG_ENOMEM, NULL, "out of memory");
    }
    char source[200];
    snprintf(source, sizeof source, "%s%sconfig", r->source ? r->source : "",
             r->source ? ":" : "");
    int rc = ng_config_parse(cfg, text, strlen(text), source, r->errs);
    free(text);
    /* The run exists, so its size was allowed when it ran (perhaps with
     * --max-memory or --max-work): reading it back is not refused for the
     * limits on running, only for what makes it no scenario at all.  The
     * view's own bounds (pool, frames, ties) cap what a replay costs. */
    cfg->limits = (ng_limits){1048576.0, 1e18};
    if (rc == 0) {
        rc = ng_config_validate(cfg, r->errs);
    }
    if (rc != 0) {
        return rc;
    }
    cfg->p.run_seed = (int64_t)r->d->seed;
    r->ticks = (double)cfg->p.run_ticks;
    size_t pool = ng_config_pool_size(cfg);
    size_t found = (size_t)cJSON_GetArraySize(r->d->partners);
    if (found != pool) {
        return bad(r, "partners", r->d->partners,
                   "an array of %zu partners (the pool of config)", pool);
    }
    return 0;
}

/* ---- summary ---- */

static int read_summary_field(const reader *r, const char *key, int kind)
{
    const cJSON *s = r->d->summary;
    char path[96];
    snprintf(path, sizeof path, "summary.%s", key);
    const cJSON *v = member(s, key);
    switch (kind) {
    case SK_INT:
        return need_whole(r, s, key, path, "count", 0, WHOLE_MAX);
    case SK_INT_OR_NULL:
        if (cJSON_IsNull(v)) {
            return 0;
        }
        return whole_in(v, 0, (double)r->d->lifetime)
                   ? 0
                   : bad(r, path, v, "null or an integer tick in [0, %zu]",
                         r->d->lifetime);
    case SK_REAL:
        return need_finite(r, s, key, path);
    case SK_VECTOR:
        if (cJSON_IsArray(v) && cJSON_GetArraySize(v) == NG_DIM) {
            bool ok = true;
            for (const cJSON *e = v->child; e; e = e->next) {
                ok = ok && finite_number(e);
            }
            if (ok) {
                return 0;
            }
        }
        return bad(r, path, v, "an array of %d numbers in [-1e+100, 1e+100]",
                   NG_DIM);
    default: /* outcome and cause are read first */
        return 0;
    }
}

static int read_summary(reader *r)
{
    ng_run_doc *d = r->d;
    const cJSON *s = d->summary;
    int rc = need_name(r, s, "outcome", "summary.outcome", ng_outcome_name, 3,
                       &d->outcome);
    if (!rc) {
        rc = need_name(r, s, "cause", "summary.cause", ng_reason_name,
                       NG_REASON_COUNT, &d->cause);
    }
    if (!rc) {
        rc = need_whole(r, s, "lifetime", "summary.lifetime", "number of ticks",
                        1, r->ticks);
    }
    if (rc) {
        return rc;
    }
    d->lifetime = (size_t)member(s, "lifetime")->valuedouble;
    double pool = (double)d->n_partners;
    rc = need_whole(r, s, "peak_members", "summary.peak_members",
                    "number of partners", 0, pool);
    if (!rc) {
        rc = need_whole(r, s, "final_members", "summary.final_members",
                        "number of partners", 0, pool);
    }
#define NG_SUMMARY_CHECK(name, key, kind, meaning)                             \
    if (!rc) {                                                                 \
        rc = read_summary_field(r, key, SK_##kind);                            \
    }
    NG_SUMMARY_FIELDS(NG_SUMMARY_CHECK)
#undef NG_SUMMARY_CHECK
    return rc;
}

/* ---- series ---- */

/* Series counted in partners are bounded by the pool; other counts
 * (events of a tick) only by exactness. */
static double series_max(int metric, size_t pool)
{
    const char *unit = ng_metric_unit(metric);
    if (strcmp(unit, "partners") == 0) {
        return (double)pool;
    }
    return strcmp(unit, "count") == 0 ? WHOLE_MAX : -1;
}

static int read_one_series(const reader *r, const char *name, double max)
{
    const ng_run_doc *d = r->d;
    char path[96];
    snprintf(path, sizeof path, "series.%s", name);
    const cJSON *a = member(d->series, name);
    if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != d->lifetime) {
        return bad(r, path, a, "an array of %zu numbers (summary.lifetime)",
                   d->lifetime);
    }
    size_t t = 0;
    for (const cJSON *v = a->child; v; v = v->next, t++) {
        snprintf(path, sizeof path, "series.%s[%zu]", name, t);
        if (max == 0) { /* the tick series */
            if (!cJSON_IsNumber(v) || v->valuedouble != (double)(t + 1)) {
                return bad(r, path, v,
                           "tick %zu (series.tick is 1, 2, ... "
                           "summary.lifetime)",
                           t + 1);
            }
        } else if (max > 0 && !whole_in(v, 0, max)) {
            return bad(r, path, v, "an integer in [0, %.0f]", max);
        } else if (!finite_number(v)) {
            return bad(r, path, v, "a number in [-1e+100, 1e+100]");
        }
    }
    return 0;
}

static int read_series(const reader *r)
{
    int rc = read_one_series(r, "tick", 0);
    for (int k = 0; !rc && k < NG_METRIC_COUNT; k++) {
        rc = read_one_series(r, ng_metric_name(k),
                             series_max(k, r->d->n_partners));
    }
    return rc;
}

/* ---- partners ---- */

static const char *membership_name(int k)
{
    return ng_membership_name(k);
}

static int read_partner(const reader *r, const cJSON *p, size_t i)
{
    char path[96];
    if (!cJSON_IsObject(p)) {
        snprintf(path, sizeof path, "partners[%zu]", i);
        return bad(r, path, p, "a partner (an object)");
    }
#define AT(key) (snprintf(path, sizeof path, "partners[%zu].%s", i, key), path)
    int rc = 0;
    const cJSON *id = member(p, "id");
    if (!cJSON_IsNumber(id) || id->valuedouble != (double)i) {
        rc = bad(r, AT("id"), id, "%zu (partners are in id order)", i);
    }
    if (!rc) {
        rc = need_string(r, p, "name", AT("name"), NULL);
    }
    if (!rc) {
        rc = need_name(r, p, "sector", AT("sector"), ng_sector_name,
                       NG_SECTOR_COUNT, NULL);
    }
    if (!rc) {
        rc = need_name(r, p, "disposition", AT("disposition"),
                       ng_disposition_name, NG_DISP_COUNT, NULL);
    }
    if (!rc) {
        rc = need_name(r, p, "state", AT("state"), membership_name, 4, NULL);
    }
    if (!rc) {
        rc = need_whole(r, p, "state_tick", AT("state_tick"), "tick", 0,
                        (double)r->d->lifetime);
    }
    static const char *const flags[] = {"founder", "lead", "ever_joined"};
    for (size_t k = 0; !rc && k < 3; k++) {
        const cJSON *v = member(p, flags[k]);
        if (!cJSON_IsBool(v)) {
            rc = bad(r, AT(flags[k]), v, "true or false");
        }
    }
    static const char *const numbers[] = {"capacity",   "power", "system_trust",
                                          "commitment", "value", "contribution",
                                          "asked",      "paid",  "benefit"};
    for (size_t k = 0; !rc && k < sizeof numbers / sizeof *numbers; k++) {
        rc = need_finite(r, p, numbers[k], AT(numbers[k]));
    }
#undef AT
    return rc;
}

static int read_partners(const reader *r)
{
    size_t i = 0;
    int rc = 0;
    for (const cJSON *p = r->d->partners->child; !rc && p; p = p->next) {
        rc = read_partner(r, p, i++);
    }
    return rc;
}

/* ---- events ---- */

static int read_event(const reader *r, const cJSON *e, size_t k,
                      double *last_tick)
{
    char path[96];
    if (!cJSON_IsObject(e)) {
        snprintf(path, sizeof path, "events[%zu]", k);
        return bad(r, path, e, "an event (an object)");
    }
#define AT(key) (snprintf(path, sizeof path, "events[%zu].%s", k, key), path)
    double lifetime = (double)r->d->lifetime;
    const cJSON *tick = member(e, "tick");
    int rc = 0;
    if (!whole_in(tick, 0, lifetime)) {
        rc = bad(r, AT("tick"), tick, "an integer tick in [0, %zu]",
                 r->d->lifetime);
    } else if (tick->valuedouble < *last_tick) {
        rc = bad(r, AT("tick"), tick,
                 "a tick not before the previous event's (%.0f): events are "
                 "in the order they happened",
                 *last_tick);
    } else {
        *last_tick = tick->valuedouble;
    }
    if (!rc) {
        rc = need_name(r, e, "type", AT("type"), ng_event_type_name,
                       NG_EVENT_TYPE_COUNT, NULL);
    }
    if (!rc) {
        rc = need_name(r, e, "reason", AT("reason"), ng_reason_name,
                       NG_REASON_COUNT, NULL);
    }
    const cJSON *partner = member(e, "partner");
    if (!rc && partner && !whole_in(partner, 0, (double)r->d->n_partners - 1)) {
        rc = bad(r, AT("partner"), partner,
                 "a partner id in [0, %zu) (the partners array)",
                 r->d->n_partners);
    }
    if (!rc && member(e, "name")) {
        rc = need_string(r, e, "name", AT("name"), NULL);
    }
    if (!rc && member(e, "amount")) {
        rc = need_finite(r, e, "amount", AT("amount"));
    }
#undef AT
    return rc;
}

static int read_events(const reader *r)
{
    size_t k = 0;
    double last = 0;
    int rc = 0;
    for (const cJSON *e = r->d->events->child; !rc && e; e = e->next) {
        rc = read_event(r, e, k++, &last);
    }
    return rc;
}

/* ---- entry point ---- */

int ng__run_doc_read(const cJSON *doc, const char *source, ng_config *cfg,
                     ng_run_doc *out, ng_errors *errs)
{
    memset(out, 0, sizeof *out);
    if (cfg) {
        ng_config_init(cfg);
    }
    out->root = doc;
    reader r = {source, errs, TICKS_MAX, out};
    if (!cJSON_IsObject(doc)) {
        return bad(&r, "(document)", doc, "a netgov run document (an object)");
    }
    int rc = read_header(&r, doc);
    if (rc) {
        return rc;
    }
    out->n_partners = (size_t)cJSON_GetArraySize(out->partners);
    out->n_events = (size_t)cJSON_GetArraySize(out->events);
    if (cfg) {
        rc = read_config(&r, cfg);
    }
    if (!rc) {
        rc = read_summary(&r);
    }
    if (!rc) {
        rc = read_series(&r);
    }
    if (!rc) {
        rc = read_partners(&r);
    }
    return rc ? rc : read_events(&r);
}
