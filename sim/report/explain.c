/* Explanations of runs (explain.h): phases, turning points, the dominant
 * failure mechanism, departures and what held an alliance together.
 *
 * Every statement comes from a rule of docs/EXPLAIN.md applied to the run
 * document's series, events, partners and config; the numbers quoted are
 * the ones the rule used.  The rules work on what a run document holds,
 * read from a document (so any run document, also one from a sweep's runs/
 * folder, can be explained without re-running it) or from a run in memory
 * through its run view, which gives the same values.
 */
#include "netgov/explain.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "netgov/record.h"
#include "report/explain_internal.h"
#include "report/explain_run.h"

struct ng_explanation {
    cJSON *json;
};

/* ---- small helpers ---- */

static void set_text(cJSON *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cJSON_AddStringToObject(o, "text", buf);
}

static long tick_at(const ex_run *r, size_t t)
{
    return (long)r->tick[t];
}

/* ---- context shared by the rules ---- */

static void build_context(const ex_run *r, ex_context *c)
{
    memset(c, 0, sizeof *c);
    c->w = r->T / 20 > 3 ? r->T / 20 : 3;
    c->first_admission = -1;
    for (size_t i = 0; i < r->n_events; i++) {
        const ex_event *e = &r->events[i];
        if (strcmp(e->type, "join") == 0 && strcmp(e->reason, "founder") &&
            c->first_admission < 0) {
            c->first_admission = e->tick;
        }
        if (strcmp(e->type, "join") == 0 && strcmp(e->reason, "founder")) {
            c->admissions++;
        }
        if (ng__explain_is_departure(e)) {
            c->departures++;
            c->exclusions += strcmp(e->type, "exclusion") == 0;
        }
    }
    for (size_t i = 0; i < r->n_partners; i++) {
        const ex_partner *p = &r->partners[i];
        c->joined += p->ever_joined;
        c->small_joined += p->small;
        bool gone = p->ever_joined && (strcmp(p->state, "exited") == 0 ||
                                       strcmp(p->state, "excluded") == 0);
        c->small_left += gone && p->small;
        c->large_left += gone && !p->small;
    }
    c->formation_end = c->first_admission > 0
                           ? ng__explain_index_of(r, c->first_admission)
                           : 0;
    size_t q = r->T / 4 > c->w ? r->T / 4 : c->w;
    c->early_from = c->formation_end < r->T ? c->formation_end : 0;
    c->early_to = c->early_from + q < r->T ? c->early_from + q : r->T;
    c->late_from = r->T > q ? r->T - q : 0;
    c->failed = strcmp(r->outcome, "dissolved") == 0 ||
                (c->departures >= 2 &&
                 (double)c->departures >= 0.2 * (double)c->joined);
    c->sys_drop = ng__explain_drawdown(r->system_trust, r->T);
    c->inter_drop = ng__explain_drawdown(r->interpersonal_trust, r->T);
}

/* ---- phases ---- */

static const char *trend_label(const ex_run *r, const ex_context *c, size_t t)
{
    size_t half = c->w / 2;
    size_t a = t > half ? t - half : 0;
    size_t b = t + half < r->T ? t + half : r->T - 1;
    double threshold = fmax(2, 0.1 * (double)r->peak_members);
    double d = r->members[b] - r->members[a];
    if (isnan(d)) {
        return "decline"; /* members ran out within the window */
    }
    return d >= threshold ? "growth"
                          : (d <= -threshold ? "decline" : "plateau");
}

/* Joins neighbouring segments with the same label. */
static size_t coalesce(ex_segment *seg, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && strcmp(seg[m - 1].phase, seg[i].phase) == 0) {
            seg[m - 1].to = seg[i].to;
        } else {
            seg[m++] = seg[i];
        }
    }
    return m;
}

/* A "plateau" whose members changed by at least max(3, a quarter of the
 * peak) from its start to its end is slow growth or slow decline: the
 * window test sees no step, but the level moved. */
static size_t relabel_slow_trends(const ex_run *r, ex_segment *seg, size_t n)
{
    double threshold = fmax(3, 0.25 * (double)r->peak_members);
    for (size_t i = 0; i < n; i++) {
        double d = r->members[seg[i].to] - r->members[seg[i].from];
        if (strcmp(seg[i].phase, "plateau") == 0 && fabs(d) >= threshold) {
            seg[i].phase = d > 0 ? "growth" : "decline";
        }
    }
    return coalesce(seg, n);
}

size_t ng__explain_phases(const ex_run *r, const ex_context *c, ex_segment *seg,
                          size_t cap)
{
    size_t n = 0;
    if (c->formation_end > 0 && n < cap) {
        seg[n++] = (ex_segment){"formation", 0, c->formation_end - 1};
    }
    for (size_t t = c->formation_end; t < r->T; t++) {
        const char *label = trend_label(r, c, t);
        if (n > 0 && strcmp(seg[n - 1].phase, label) == 0) {
            seg[n - 1].to = t;
        } else if (n < cap) {
            seg[n++] = (ex_segment){label, t, t};
        }
    }
    n = ng__explain_merge_short(seg, n, c->w);
    return relabel_slow_trends(r, seg, n);
}

/* Absorbs trend segments shorter than min_len into a neighbour (the
 * previous one, or the next for the first trend segment), then joins
 * neighbours with the same label, until no short segment is left: a
 * two-tick wobble is not a phase. */
size_t ng__explain_merge_short(ex_segment *seg, size_t n, size_t min_len)
{
    for (;;) {
        size_t shortest = n;
        for (size_t i = 0; i < n; i++) {
            size_t len = seg[i].to - seg[i].from + 1;
            bool trend = strcmp(seg[i].phase, "formation") != 0;
            if (trend && len < min_len &&
                (shortest == n ||
                 len < seg[shortest].to - seg[shortest].from + 1)) {
                shortest = i;
            }
        }
        bool has_prev = shortest > 0 && shortest < n &&
                        strcmp(seg[shortest - 1].phase, "formation") != 0;
        bool has_next = shortest + 1 < n;
        if (shortest == n || (!has_prev && !has_next)) {
            return n;
        }
        size_t into = has_prev ? shortest - 1 : shortest + 1;
        seg[shortest].phase = seg[into].phase;
        n = coalesce(seg, n);
    }
}

static void end_text(const ex_run *r, char *buf, size_t size)
{
    if (strcmp(r->outcome, "dissolved") == 0) {
        snprintf(buf, size, "dissolved at tick %ld: %s", r->lifetime,
                 ng__explain_reason_meaning(r->cause));
    } else if (strcmp(r->outcome, "completed") == 0) {
        snprintf(buf, size, "completed at tick %ld: %s", r->lifetime,
                 ng__explain_reason_meaning(r->cause));
    } else {
        snprintf(buf, size, "reached the horizon at tick %ld with %ld members",
                 r->lifetime, r->final_members);
    }
}

static cJSON *phases_json(const ex_run *r, const ex_context *c)
{
    ex_segment seg[64];
    size_t n = ng__explain_phases(r, c, seg, 64);
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        long m0 =
            (long)(isnan(r->members[seg[i].from]) ? 0
                                                  : r->members[seg[i].from]);
        long m1 =
            (long)(isnan(r->members[seg[i].to]) ? 0 : r->members[seg[i].to]);
        cJSON_AddStringToObject(o, "phase", seg[i].phase);
        cJSON_AddNumberToObject(o, "from", (double)tick_at(r, seg[i].from));
        cJSON_AddNumberToObject(o, "to", (double)tick_at(r, seg[i].to));
        cJSON_AddNumberToObject(o, "members_from", (double)m0);
        cJSON_AddNumberToObject(o, "members_to", (double)m1);
        set_text(o, "%s, ticks %ld-%ld: members %ld -> %ld", seg[i].phase,
                 tick_at(r, seg[i].from), tick_at(r, seg[i].to), m0, m1);
        cJSON_AddItemToArray(a, o);
    }
    cJSON *o = cJSON_CreateObject();
    char buf[256];
    end_text(r, buf, sizeof buf);
    cJSON_AddStringToObject(o, "phase", "end");
    cJSON_AddNumberToObject(o, "from", (double)r->lifetime);
    cJSON_AddNumberToObject(o, "to", (double)r->lifetime);
    cJSON_AddNumberToObject(o, "members_from", (double)r->final_members);
    cJSON_AddNumberToObject(o, "members_to", (double)r->final_members);
    cJSON_AddStringToObject(o, "text", buf);
    cJSON_AddItemToArray(a, o);
    return a;
}

/* ---- explanation ---- */

static const char *size_word(const ex_partner *p)
{
    return p->small ? "small" : "large";
}

static cJSON *departures_json(const ex_run *r)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_events; i++) {
        const ex_event *e = &r->events[i];
        const ex_partner *p = ng__explain_partner(r, e->partner);
        if (!ng__explain_is_departure(e) || !p) {
            continue;
        }
        bool excluded = strcmp(e->type, "exclusion") == 0;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "partner", (double)p->id);
        cJSON_AddStringToObject(o, "name", p->name);
        cJSON_AddStringToObject(o, "sector", p->sector);
        cJSON_AddBoolToObject(o, "small", p->small);
        cJSON_AddNumberToObject(o, "tick", (double)e->tick);
        cJSON_AddStringToObject(o, "type", e->type);
        cJSON_AddStringToObject(o, "reason", e->reason);
        char money[128] = "";
        if (!isnan(p->asked)) {
            snprintf(money, sizeof money,
                     "; asked %.1f, paid %.1f, benefit %.1f", p->asked, p->paid,
                     p->benefit);
        }
        set_text(o,
                 "%s (%s, %s) %s: %s (value %.2f, system trust %.2f, "
                 "contribution %.2f%s)",
                 p->name, p->sector, size_word(p),
                 excluded ? "was excluded" : "left",
                 ng__explain_reason_meaning(e->reason), p->value,
                 p->system_trust, p->contribution, money);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static const char *lower_first(const char *title, char *buf, size_t size)
{
    snprintf(buf, size, "%s", title);
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] - 'A' + 'a');
    }
    return buf;
}

static void headline(const ex_run *r, const ex_context *c, cJSON *doc,
                     const cJSON *mechanism, const cJSON *held)
{
    char buf[512], low[160];
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(mechanism, "title");
    const char *why = cJSON_IsString(title)
                          ? lower_first(title->valuestring, low, sizeof low)
                          : "no single mechanism stands out";
    /* A completed run's first statement repeats its end (the goal). */
    bool completed = strcmp(r->outcome, "completed") == 0;
    const cJSON *first = cJSON_GetArrayItem(held, completed ? 1 : 0);
    if (strcmp(r->outcome, "dissolved") == 0) {
        snprintf(buf, sizeof buf,
                 "%s dissolved at tick %ld (%s). Main cause: %s.", r->scenario,
                 r->lifetime, ng__explain_reason_meaning(r->cause), why);
    } else if (c->failed) {
        snprintf(buf, sizeof buf,
                 "%s survived to tick %ld but %ld of the %ld partners that "
                 "joined left. Main cause: %s.",
                 r->scenario, r->lifetime, c->departures, c->joined, why);
    } else if (completed) {
        snprintf(buf, sizeof buf,
                 "%s reached its goal at tick %ld with %ld members%s%s.",
                 r->scenario, r->lifetime, r->final_members, first ? ": " : "",
                 first ? first->valuestring : "");
    } else {
        snprintf(buf, sizeof buf,
                 "%s held together to tick %ld with %ld members%s%s.",
                 r->scenario, r->lifetime, r->final_members, first ? ": " : "",
                 first ? first->valuestring : "");
    }
    cJSON_AddStringToObject(doc, "headline", buf);
}

static cJSON *build(const ex_run *r)
{
    ex_context c;
    build_context(r, &c);
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "scenario", r->scenario);
    cJSON_AddStringToObject(doc, "outcome", r->outcome);
    cJSON_AddStringToObject(doc, "cause", r->cause);
    cJSON_AddNumberToObject(doc, "lifetime", (double)r->lifetime);
    cJSON_AddStringToObject(doc, "governance", r->mode);
    cJSON_AddStringToObject(doc, "cost_rule", r->cost_rule);
    cJSON *mechanisms = ng__explain_mechanisms(r, &c);
    cJSON *mechanism = cJSON_Duplicate(cJSON_GetArrayItem(mechanisms, 0), 1);
    if (!c.failed) {
        cJSON_Delete(mechanism);
        mechanism = cJSON_CreateNull();
    } else if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
                   mechanism, "score")) < 0.1) {
        cJSON_Delete(mechanism);
        mechanism = ng__explain_unclear(r, &c);
    }
    cJSON *held = c.failed ? cJSON_CreateArray() : ng__explain_held(r, &c);
    headline(r, &c, doc, mechanism, held);
    cJSON_AddItemToObject(doc, "phases", phases_json(r, &c));
    cJSON_AddItemToObject(doc, "turning_points",
                          ng__explain_turning_points(r, &c));
    cJSON_AddItemToObject(doc, "mechanism", mechanism);
    /* The candidates list keeps name, title and score; the evidence of the
     * winner is in "mechanism". */
    cJSON *m;
    cJSON_ArrayForEach(m, mechanisms)
    {
        cJSON_DeleteItemFromObjectCaseSensitive(m, "evidence");
        cJSON_DeleteItemFromObjectCaseSensitive(m, "text");
    }
    cJSON_AddItemToObject(doc, "mechanisms", mechanisms);
    cJSON_AddItemToObject(doc, "departures", departures_json(r));
    cJSON_AddItemToObject(doc, "held_together", held);
    return doc;
}

/* The explanation of a run read (rc 0) into r; frees r. */
static ng_explanation *explain_read(int rc, ex_run *r, ng_error *err)
{
    ng_explanation *e = rc ? NULL : calloc(1, sizeof *e);
    if (!rc && e) {
        e->json = build(r);
    }
    if (!rc && (!e || !e->json)) {
        ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        free(e);
        e = NULL;
    }
    ng__explain_run_free(r);
    return e;
}

ng_explanation *ng_explain(const cJSON *run, ng_error *err)
{
    ex_run r;
    int rc = ng__explain_run_read(run, &r, err);
    return explain_read(rc, &r, err);
}

ng_explanation *ng_explain_view(const ng_run_view *run, ng_error *err)
{
    ex_run r;
    int rc = ng__explain_run_view(run, &r, err);
    return explain_read(rc, &r, err);
}

void ng_explanation_free(ng_explanation *e)
{
    if (e) {
        cJSON_Delete(e->json);
        free(e);
    }
}

cJSON *ng_explanation_json(const ng_explanation *e)
{
    return cJSON_Duplicate(e->json, 1);
}
