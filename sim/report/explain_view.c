/* Reading a run in memory for the explanation rules (explain_run.h).
 *
 * `netgov run --explain` explains the run it just ran from its run view,
 * without writing and parsing the run document.  Every field takes the
 * value the document would carry after a round trip: numbers are written
 * exactly, so they are the model's own; names are the document's (listed
 * partners by name, generated ones "<sector>-<id>"); events without an
 * amount in the document have NaN; the config is read by the same dotted
 * paths as from the document, through the parameter registry.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/explain_run.h"

/* ---- config ---- */

/* The value of the parameter at a dotted path as the document's config
 * carries it: a number, or a choice's name in *name. */
static double param_value(ng_params *values, const char *path,
                          const char **name)
{
    const ng_param *d = ng_params_find(path);
    if (!d) {
        return (double)NAN;
    }
    switch (d->type) {
    case NG_PARAM_REAL:
        return *ng_param_real(values, d);
    case NG_PARAM_INT:
        return (double)*ng_param_int(values, d);
    case NG_PARAM_CHOICE:
        *name = ng_family_choice(d->family, *ng_param_choice(values, d));
        return (double)NAN;
    case NG_PARAM_VECTOR:
        break;
    }
    return (double)NAN;
}

static const char *param_name(ng_params *values, const char *path)
{
    const char *name = NULL;
    param_value(values, path, &name);
    return name ? name : "?";
}

static double param_number(ng_params *values, const char *path, double def)
{
    const char *name = NULL;
    double v = param_value(values, path, &name);
    return name || isnan(v) ? def : v;
}

static void view_config(const ng_run_view *v, ex_run *r)
{
    ng_params values = v->cfg->p; /* the typed accessors take a mutable
                                   * block */
    r->scenario = v->cfg->name;
    r->mode = param_name(&values, "governance.mode");
    r->cost_rule = param_name(&values, "cost_sharing.rule");
    r->cutoff = param_number(&values, "behaviour.free_riding_cutoff", 0.2);
    r->initial_trust =
        param_number(&values, "behaviour.initial_system_trust", (double)NAN);
    r->goal = param_number(&values, "evaluation.goal", 0);
}

/* ---- summary and series ---- */

static void view_summary(const ng_run_view *v, ex_run *r)
{
    const ng_summary *s = &v->summary;
    r->outcome = ng_outcome_name(s->outcome);
    r->cause = ng_reason_name(s->cause);
    r->lifetime = (long)s->lifetime;
    r->peak_members = (long)s->peak_members;
    r->final_members = (long)s->final_members;
    r->cumulative_value = s->cumulative_value;
    r->mean_contribution = s->mean_contribution;
}

static double *copy_series(const double *from, size_t T)
{
    double *to = malloc(T * sizeof *to);
    if (to) {
        memcpy(to, from, T * sizeof *to);
    }
    return to;
}

static int view_series(const ng_run_view *v, ex_run *r, ng_error *err)
{
    r->T = v->ticks_recorded;
    if (r->T < 1) {
        return ng_error_set(err, NG_EINVAL, "series.tick",
                            "expected a non-empty array, found an array of 0");
    }
    r->tick = malloc(r->T * sizeof *r->tick);
    bool ok = r->tick != NULL;
    for (size_t t = 0; ok && t < r->T; t++) {
        r->tick[t] = (double)(t + 1);
    }
#define EX_COPY(name)                                                          \
    r->name = copy_series(v->series[NG_M_##name], r->T);                       \
    ok = ok && r->name;
    EX_SERIES(EX_COPY)
#undef EX_COPY
    return ok ? 0 : ng_error_set(err, NG_ENOMEM, "series", "out of memory");
}

/* ---- partners and events ---- */

/* Every partner's name as the document gives it, in one owned block. */
static int view_names(const ng_run_view *v, ex_run *r, ng_error *err)
{
    char name[NG_PARTNER_NAME_MAX];
    size_t size = 1;
    for (size_t i = 0; i < v->n; i++) {
        ng_run_partner_name(v, i, name, sizeof name);
        size += strlen(name) + 1;
    }
    r->names = malloc(size);
    if (!r->names) {
        return ng_error_set(err, NG_ENOMEM, "partners", "out of memory");
    }
    char *at = r->names;
    for (size_t i = 0; i < v->n; i++) {
        ng_run_partner_name(v, i, name, sizeof name);
        size_t len = strlen(name) + 1;
        memcpy(at, name, len);
        r->partners[i].name = at;
        at += len;
    }
    return 0;
}

static void view_partner(const ng_run_view *v, size_t i, ex_partner *q)
{
    q->id = (long)i;
    q->sector = ng_sector_name(v->sector[i]);
    q->state = ng_membership_name(v->state[i]);
    q->founder = v->founder[i];
    q->lead = i == v->lead;
    q->ever_joined = v->ever_joined[i];
    q->state_tick = (long)v->state_tick[i];
    q->capacity = v->capacity[i];
    q->power = v->power[i];
    q->system_trust = v->system_trust[i];
    q->commitment = v->commitment[i];
    q->value = v->value[i];
    q->contribution = v->x[i];
    q->asked = v->asked_total[i];
    q->paid = v->paid_total[i];
    q->benefit = v->benefit_total[i];
}

static int view_partners(const ng_run_view *v, ex_run *r, ng_error *err)
{
    r->n_partners = v->n;
    r->partners = calloc(v->n + 1, sizeof *r->partners);
    if (!r->partners) {
        return ng_error_set(err, NG_ENOMEM, "partners", "out of memory");
    }
    for (size_t i = 0; i < v->n; i++) {
        view_partner(v, i, &r->partners[i]);
        r->founders += r->partners[i].founder;
    }
    int rc = view_names(v, r, err);
    return rc ? rc : ng__explain_mark_small(r, err);
}

static int view_events(const ng_run_view *v, ex_run *r, ng_error *err)
{
    r->n_events = v->n_events;
    r->events = calloc(v->n_events + 1, sizeof *r->events);
    if (!r->events) {
        return ng_error_set(err, NG_ENOMEM, "events", "out of memory");
    }
    for (size_t e = 0; e < v->n_events; e++) {
        const ng_event *ev = &v->events[e];
        ex_event *q = &r->events[e];
        q->tick = (long)ev->tick;
        q->partner = ev->partner >= 0 ? (long)ev->partner : -1;
        q->type = ng_event_type_name(ev->type);
        q->reason = ng_reason_name(ev->reason);
        q->amount = ng_event_has_amount(ev->type) ? ev->amount : (double)NAN;
    }
    return 0;
}

int ng__explain_run_view(const ng_run_view *v, ex_run *r, ng_error *err)
{
    memset(r, 0, sizeof *r);
    view_config(v, r);
    view_summary(v, r);
    int rc = view_series(v, r, err);
    if (!rc) {
        rc = view_partners(v, r, err);
    }
    if (!rc) {
        rc = view_events(v, r, err);
    }
    return rc;
}
