/* Reading a run document for the explanation rules (explain_run.h).
 *
 * The document is checked by the reader explain, view and report share
 * (run_document.h): every field the rules use is present, of its type and
 * in its range, so a hand-edited or truncated document gives a message
 * naming the field instead of a wrong explanation or an overflow.  What
 * is read here is then read without further checks. */
#include "report/explain_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/record.h"
#include "report/run_document.h"

/* ---- plain reads of a checked document ---- */

static const cJSON *item(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *string_at(const cJSON *obj, const char *key)
{
    return item(obj, key)->valuestring;
}

static double number_at(const cJSON *obj, const char *key)
{
    return item(obj, key)->valuedouble;
}

/* A number older documents lack, or events carry only by type: NaN when
 * absent. */
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
    *out = calloc(T ? T : 1, sizeof **out);
    if (!*out) {
        return ng_error_set(err, NG_ENOMEM, "series", "out of memory");
    }
    size_t t = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, item(series, name))
    {
        (*out)[t++] = v->valuedouble;
    }
    return 0;
}

static int read_all_series(const ng_run_doc *d, ex_run *r, ng_error *err)
{
    r->T = d->lifetime;
    int rc = read_series(d->series, "tick", r->T, &r->tick, err);
#define EX_READ(name)                                                          \
    if (!rc) {                                                                 \
        rc = read_series(d->series, #name, r->T, &r->name, err);               \
    }
    EX_SERIES(EX_READ)
#undef EX_READ
    return rc;
}

/* Ids, ticks and counts were checked to be whole and in range
 * (run_document.c), so the conversions below are exact. */
static void read_partner(const cJSON *p, ex_partner *q)
{
    q->id = (long)number_at(p, "id");
    q->name = string_at(p, "name");
    q->sector = string_at(p, "sector");
    q->state = string_at(p, "state");
    q->state_tick = (long)number_at(p, "state_tick");
    q->capacity = number_at(p, "capacity");
    q->power = number_at(p, "power");
    q->system_trust = number_at(p, "system_trust");
    q->commitment = number_at(p, "commitment");
    q->value = number_at(p, "value");
    q->contribution = number_at(p, "contribution");
    q->founder = get_bool(p, "founder");
    q->lead = get_bool(p, "lead");
    q->ever_joined = get_bool(p, "ever_joined");
    q->asked = number_at(p, "asked");
    q->paid = number_at(p, "paid");
    q->benefit = number_at(p, "benefit");
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

static int read_partners(const ng_run_doc *d, ex_run *r, ng_error *err)
{
    r->n_partners = d->n_partners;
    r->partners = calloc(r->n_partners + 1, sizeof *r->partners);
    if (!r->partners) {
        return ng_error_set(err, NG_ENOMEM, "partners", "out of memory");
    }
    size_t i = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, d->partners)
    {
        read_partner(p, &r->partners[i]);
        r->founders += r->partners[i].founder;
        i++;
    }
    return ng__explain_mark_small(r, err);
}

static void read_event(const cJSON *e, ex_event *q)
{
    q->tick = (long)number_at(e, "tick");
    q->type = string_at(e, "type");
    q->reason = string_at(e, "reason");
    double partner = optional_number(e, "partner");
    q->partner = isnan(partner) ? -1 : (long)partner;
    q->amount = optional_number(e, "amount");
}

static int read_events(const ng_run_doc *d, ex_run *r, ng_error *err)
{
    r->n_events = d->n_events;
    r->events = calloc(r->n_events + 1, sizeof *r->events);
    if (!r->events) {
        return ng_error_set(err, NG_ENOMEM, "events", "out of memory");
    }
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, d->events)
    {
        read_event(e, &r->events[i++]);
    }
    return 0;
}

/* A number at a dotted path of the config ("behaviour.free_riding_cutoff"),
 * or def when the document's config lacks it. */
static double config_number(const cJSON *config, const char *section,
                            const char *key, double def)
{
    const cJSON *v = item(item(config, section), key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : def;
}

static const char *config_string(const cJSON *config, const char *section,
                                 const char *key)
{
    const cJSON *v = item(item(config, section), key);
    return cJSON_IsString(v) ? v->valuestring : "?";
}

static void read_summary(const ng_run_doc *d, ex_run *r)
{
    const cJSON *s = d->summary;
    r->outcome = string_at(s, "outcome");
    r->cause = string_at(s, "cause");
    r->lifetime = (long)d->lifetime;
    r->peak_members = (long)number_at(s, "peak_members");
    r->final_members = (long)number_at(s, "final_members");
    r->cumulative_value = number_at(s, "cumulative_value");
    r->mean_contribution = number_at(s, "mean_contribution");
}

static void read_config(const ng_run_doc *d, ex_run *r)
{
    const cJSON *c = d->config;
    r->scenario = d->scenario;
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
    ng_errors errs = {0};
    ng_run_doc d;
    int rc = ng__run_doc_read(doc, NULL, NULL, &d, &errs);
    if (rc) {
        if (err && errs.n > 0) {
            *err = errs.items[0];
        }
        return rc;
    }
    read_config(&d, r);
    read_summary(&d, r);
    rc = read_all_series(&d, r, err);
    if (!rc) {
        rc = read_partners(&d, r, err);
    }
    if (!rc) {
        rc = read_events(&d, r, err);
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
