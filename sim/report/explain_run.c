/* Reading a run document for the explanation rules (explain_run.h).
 *
 * Every field the rules use is checked for presence and type, so a
 * hand-edited or truncated document gives a message naming the field
 * instead of a wrong explanation. */
#include "report/explain_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/config_internal.h"
#include "netgov/record.h"

/* ---- typed look-ups that report the path of what is missing ---- */

static const cJSON *item(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int expected(ng_error *err, const char *path, const char *what,
                    const cJSON *found)
{
    char desc[64];
    ng__json_describe(found, desc, sizeof desc);
    return ng_error_set(err, NG_EINVAL, path, "expected %s, found %s", what,
                        found ? desc : "nothing");
}

static int get_string(const cJSON *obj, const char *key, const char *path,
                      const char **out, ng_error *err)
{
    const cJSON *v = item(obj, key);
    if (!cJSON_IsString(v)) {
        return expected(err, path, "a string", v);
    }
    *out = v->valuestring;
    return 0;
}

static int get_number(const cJSON *obj, const char *key, const char *path,
                      double *out, ng_error *err)
{
    const cJSON *v = item(obj, key);
    if (!cJSON_IsNumber(v)) {
        return expected(err, path, "a number", v);
    }
    *out = v->valuedouble;
    return 0;
}

/* A number that older documents lack: NaN when absent. */
static double optional_number(const cJSON *obj, const char *key)
{
    const cJSON *v = item(obj, key);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

static bool get_bool(const cJSON *obj, const char *key)
{
    return cJSON_IsTrue(item(obj, key));
}

/* ---- parts of the document ---- */

static int read_series(const cJSON *series, const char *name, size_t T,
                       double **out, ng_error *err)
{
    char path[96];
    snprintf(path, sizeof path, "series.%s", name);
    const cJSON *a = item(series, name);
    if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != T) {
        char what[64];
        snprintf(what, sizeof what, "an array of %zu numbers", T);
        return expected(err, path, what, a);
    }
    *out = calloc(T ? T : 1, sizeof **out);
    if (!*out) {
        return ng_error_set(err, NG_ENOMEM, path, "out of memory");
    }
    size_t t = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, a)
    {
        if (cJSON_IsNumber(v)) {
            (*out)[t] = v->valuedouble;
        } else if (cJSON_IsNull(v)) {
            (*out)[t] = (double)NAN; /* no members that tick */
        } else {
            return expected(err, path, "numbers or null", v);
        }
        t++;
    }
    return 0;
}

static int read_all_series(const cJSON *doc, ex_run *r, ng_error *err)
{
    const cJSON *series = item(doc, "series");
    if (!cJSON_IsObject(series)) {
        return expected(err, "series", "an object", series);
    }
    const cJSON *tick = item(series, "tick");
    if (!cJSON_IsArray(tick) || cJSON_GetArraySize(tick) < 1) {
        return expected(err, "series.tick", "a non-empty array", tick);
    }
    r->T = (size_t)cJSON_GetArraySize(tick);
    int rc = read_series(series, "tick", r->T, &r->tick, err);
#define EX_READ(name)                                                          \
    if (!rc) {                                                                 \
        rc = read_series(series, #name, r->T, &r->name, err);                  \
    }
    EX_SERIES(EX_READ)
#undef EX_READ
    return rc;
}

static int read_partner(const cJSON *p, size_t i, ex_partner *q, ng_error *err)
{
    char path[96];
    double id = 0, state_tick = 0;
    int rc = 0;
#define EX_FIELD(call, key, ...)                                               \
    if (!rc) {                                                                 \
        snprintf(path, sizeof path, "partners[%zu].%s", i, key);               \
        rc = call(p, key, path, __VA_ARGS__, err);                             \
    }
    EX_FIELD(get_number, "id", &id)
    EX_FIELD(get_string, "name", &q->name)
    EX_FIELD(get_string, "sector", &q->sector)
    EX_FIELD(get_string, "state", &q->state)
    EX_FIELD(get_number, "state_tick", &state_tick)
    EX_FIELD(get_number, "capacity", &q->capacity)
    EX_FIELD(get_number, "power", &q->power)
    EX_FIELD(get_number, "system_trust", &q->system_trust)
    EX_FIELD(get_number, "commitment", &q->commitment)
    EX_FIELD(get_number, "value", &q->value)
    EX_FIELD(get_number, "contribution", &q->contribution)
#undef EX_FIELD
    q->id = (long)id;
    q->state_tick = (long)state_tick;
    q->founder = get_bool(p, "founder");
    q->lead = get_bool(p, "lead");
    q->ever_joined = get_bool(p, "ever_joined");
    q->asked = optional_number(p, "asked");
    q->paid = optional_number(p, "paid");
    q->benefit = optional_number(p, "benefit");
    return rc;
}

/* Small partners as in the run summary (ng_small_partner, record.h). */
int ng__explain_mark_small(ex_run *r, ng_error *err)
{
    double *caps = calloc(r->n_partners + 1, sizeof *caps);
    if (!caps) {
        return ng_error_set(err, NG_ENOMEM, "partners", "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < r->n_partners; i++) {
        if (r->partners[i].ever_joined) {
            caps[n++] = r->partners[i].capacity;
        }
    }
    double threshold = ng_small_partner_threshold(caps, n);
    for (size_t i = 0; i < r->n_partners; i++) {
        ex_partner *q = &r->partners[i];
        q->small = ng_small_partner(q->ever_joined, q->capacity, threshold);
    }
    free(caps);
    return 0;
}

static int read_partners(const cJSON *doc, ex_run *r, ng_error *err)
{
    const cJSON *a = item(doc, "partners");
    if (!cJSON_IsArray(a)) {
        return expected(err, "partners", "an array", a);
    }
    r->n_partners = (size_t)cJSON_GetArraySize(a);
    r->partners = calloc(r->n_partners + 1, sizeof *r->partners);
    if (!r->partners) {
        return ng_error_set(err, NG_ENOMEM, "partners", "out of memory");
    }
    size_t i = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, a)
    {
        int rc = read_partner(p, i, &r->partners[i], err);
        if (rc) {
            return rc;
        }
        r->founders += r->partners[i].founder;
        i++;
    }
    return ng__explain_mark_small(r, err);
}

static int read_event(const cJSON *e, size_t i, ex_event *q, ng_error *err)
{
    char path[96];
    double tick = 0;
    snprintf(path, sizeof path, "events[%zu].tick", i);
    int rc = get_number(e, "tick", path, &tick, err);
    if (!rc) {
        snprintf(path, sizeof path, "events[%zu].type", i);
        rc = get_string(e, "type", path, &q->type, err);
    }
    if (rc) {
        return rc;
    }
    q->tick = (long)tick;
    const cJSON *reason = item(e, "reason");
    q->reason = cJSON_IsString(reason) ? reason->valuestring : "none";
    double partner = optional_number(e, "partner");
    q->partner = isnan(partner) ? -1 : (long)partner;
    q->amount = optional_number(e, "amount");
    return 0;
}

static int read_events(const cJSON *doc, ex_run *r, ng_error *err)
{
    const cJSON *a = item(doc, "events");
    if (!cJSON_IsArray(a)) {
        return expected(err, "events", "an array", a);
    }
    r->n_events = (size_t)cJSON_GetArraySize(a);
    r->events = calloc(r->n_events + 1, sizeof *r->events);
    if (!r->events) {
        return ng_error_set(err, NG_ENOMEM, "events", "out of memory");
    }
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, a)
    {
        int rc = read_event(e, i, &r->events[i], err);
        if (rc) {
            return rc;
        }
        i++;
    }
    return 0;
}

/* A number at a dotted path of the config ("behaviour.free_riding_cutoff"),
 * or def when the document's config lacks it. */
static double config_number(const cJSON *config, const char *section,
                            const char *key, double def)
{
    const cJSON *v = item(item(config, section), key);
    return cJSON_IsNumber(v) ? v->valuedouble : def;
}

static const char *config_string(const cJSON *config, const char *section,
                                 const char *key)
{
    const cJSON *v = item(item(config, section), key);
    return cJSON_IsString(v) ? v->valuestring : "?";
}

static int read_summary(const cJSON *doc, ex_run *r, ng_error *err)
{
    const cJSON *s = item(doc, "summary");
    if (!cJSON_IsObject(s)) {
        return expected(err, "summary", "an object", s);
    }
    double lifetime = 0, peak = 0, final = 0;
    int rc = get_string(s, "outcome", "summary.outcome", &r->outcome, err);
    if (!rc) {
        rc = get_string(s, "cause", "summary.cause", &r->cause, err);
    }
    if (!rc) {
        rc = get_number(s, "lifetime", "summary.lifetime", &lifetime, err);
    }
    if (!rc) {
        rc = get_number(s, "peak_members", "summary.peak_members", &peak, err);
    }
    if (!rc) {
        rc = get_number(s, "final_members", "summary.final_members", &final,
                        err);
    }
    if (!rc) {
        rc = get_number(s, "cumulative_value", "summary.cumulative_value",
                        &r->cumulative_value, err);
    }
    r->lifetime = (long)lifetime;
    r->peak_members = (long)peak;
    r->final_members = (long) final;
    r->mean_contribution = optional_number(s, "mean_contribution");
    return rc;
}

static void read_config(const cJSON *doc, ex_run *r)
{
    const cJSON *c = item(doc, "config");
    const cJSON *name = item(doc, "scenario");
    r->scenario = cJSON_IsString(name) ? name->valuestring : "run";
    r->mode = config_string(c, "governance", "mode");
    r->cost_rule = config_string(c, "cost_sharing", "rule");
    r->cutoff = config_number(c, "behaviour", "free_riding_cutoff", 0.2);
    r->initial_trust =
        config_number(c, "behaviour", "initial_system_trust", (double)NAN);
    r->goal = config_number(c, "evaluation", "goal", 0);
}

int ng__explain_run_read(const cJSON *doc, ex_run *r, ng_error *err)
{
    memset(r, 0, sizeof *r);
    if (!cJSON_IsObject(doc)) {
        return expected(err, "", "a run document (a JSON object)", doc);
    }
    read_config(doc, r);
    int rc = read_summary(doc, r, err);
    if (!rc) {
        rc = read_all_series(doc, r, err);
    }
    if (!rc) {
        rc = read_partners(doc, r, err);
    }
    if (!rc) {
        rc = read_events(doc, r, err);
    }
    return rc;
}

void ng__explain_run_free(ex_run *r)
{
    free(r->tick);
#define EX_FREE(name) free(r->name);
    EX_SERIES(EX_FREE)
#undef EX_FREE
    free(r->partners);
    free(r->events);
    free(r->names);
    memset(r, 0, sizeof *r);
}

const ex_partner *ng__explain_partner(const ex_run *r, long id)
{
    if (id >= 0 && (size_t)id < r->n_partners && r->partners[id].id == id) {
        return &r->partners[id];
    }
    for (size_t i = 0; i < r->n_partners; i++) {
        if (r->partners[i].id == id) {
            return &r->partners[i];
        }
    }
    return NULL;
}
