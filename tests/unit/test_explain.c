/* Unit tests of the explanation rules (docs/EXPLAIN.md) on hand-made run
 * documents: each test builds the series and events of a known story and
 * checks that the rules tell that story, with the right numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "netgov/explain.h"
#include "netgov/netgov.h"
#include "netgov/record.h"
#include "report/explain_internal.h"

#define T_MAX 200
#define P_MAX 40

/* ---- a small builder of run documents ---- */

typedef struct story {
    size_t T;
    double members[T_MAX], contribution[T_MAX], free_riding[T_MAX];
    double system_trust[T_MAX], interpersonal_trust[T_MAX];
    double overhead_ratio[T_MAX], fit[T_MAX];
    double pooled_input[T_MAX], overhead[T_MAX], process_spending[T_MAX];
    const char *outcome, *cause;
    size_t n_partners;
    struct {
        double capacity, asked, paid, benefit;
        const char *state;
        bool founder, lead;
        long state_tick;
    } p[P_MAX];
    cJSON *events;
} story;

static void story_init(story *s, size_t T, double members)
{
    memset(s, 0, sizeof *s);
    s->T = T;
    for (size_t t = 0; t < T; t++) {
        s->members[t] = members;
        s->contribution[t] = 0.8;
        s->system_trust[t] = 0.6;
        s->interpersonal_trust[t] = 0.6;
        s->overhead_ratio[t] = 0.1;
        s->fit[t] = 1;
    }
    s->outcome = "survived";
    s->cause = "none";
    s->events = cJSON_CreateArray();
}

static void add_partner(story *s, double capacity, const char *state,
                        double asked, double paid, double benefit)
{
    size_t i = s->n_partners++;
    s->p[i].capacity = capacity;
    s->p[i].state = state;
    s->p[i].asked = asked;
    s->p[i].paid = paid;
    s->p[i].benefit = benefit;
    s->p[i].founder = i < 3;
}

static void add_event(story *s, long tick, const char *type, const char *reason,
                      long partner)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "tick", (double)tick);
    cJSON_AddStringToObject(e, "type", type);
    cJSON_AddStringToObject(e, "reason", reason);
    if (partner >= 0) {
        cJSON_AddNumberToObject(e, "partner", (double)partner);
    }
    cJSON_AddItemToArray(s->events, e);
}

static void put_series(cJSON *series, const char *name, const double *v,
                       size_t T)
{
    cJSON_AddItemToObject(series, name, cJSON_CreateDoubleArray(v, (int)T));
}

static cJSON *partner_json(const story *s, size_t i)
{
    cJSON *o = cJSON_CreateObject();
    char name[32];
    snprintf(name, sizeof name, "partner-%zu", i);
    cJSON_AddNumberToObject(o, "id", (double)i);
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddStringToObject(o, "sector", "government");
    cJSON_AddStringToObject(o, "disposition", "conditional");
    cJSON_AddStringToObject(o, "state", s->p[i].state);
    cJSON_AddNumberToObject(o, "state_tick", (double)s->p[i].state_tick);
    cJSON_AddBoolToObject(o, "founder", s->p[i].founder);
    cJSON_AddBoolToObject(o, "lead", s->p[i].lead);
    cJSON_AddBoolToObject(o, "ever_joined", true);
    const char *numbers[] = {"capacity",   "power", "system_trust",
                             "commitment", "value", "contribution"};
    double values[] = {s->p[i].capacity, 1, 0.5, 0.5, 0, 0.5};
    for (size_t k = 0; k < 6; k++) {
        cJSON_AddNumberToObject(o, numbers[k], values[k]);
    }
    cJSON_AddNumberToObject(o, "asked", s->p[i].asked);
    cJSON_AddNumberToObject(o, "paid", s->p[i].paid);
    cJSON_AddNumberToObject(o, "benefit", s->p[i].benefit);
    return o;
}

static cJSON *config_json(void)
{
    cJSON *c = cJSON_CreateObject();
    cJSON *gov = cJSON_AddObjectToObject(c, "governance");
    cJSON_AddStringToObject(gov, "mode", "shared");
    cJSON *cost = cJSON_AddObjectToObject(c, "cost_sharing");
    cJSON_AddStringToObject(cost, "rule", "equal");
    cJSON *beh = cJSON_AddObjectToObject(c, "behaviour");
    cJSON_AddNumberToObject(beh, "free_riding_cutoff", 0.2);
    cJSON_AddNumberToObject(beh, "initial_system_trust", 0.5);
    cJSON *pop = cJSON_AddObjectToObject(c, "population");
    cJSON_AddNumberToObject(pop, "founders", 3);
    return c;
}

static cJSON *summary_json(const story *s)
{
    cJSON *o = cJSON_CreateObject();
    double peak = 0;
    for (size_t t = 0; t < s->T; t++) {
        peak = fmax(peak, s->members[t]);
    }
    cJSON_AddStringToObject(o, "outcome", s->outcome);
    cJSON_AddStringToObject(o, "cause", s->cause);
    cJSON_AddNumberToObject(o, "lifetime", (double)s->T);
    cJSON_AddNumberToObject(o, "peak_members", peak);
    cJSON_AddNumberToObject(o, "final_members", s->members[s->T - 1]);
    cJSON_AddNumberToObject(o, "cumulative_value", 100);
    double sum = 0;
    for (size_t t = 0; t < s->T; t++) {
        sum += s->contribution[t];
    }
    cJSON_AddNumberToObject(o, "mean_contribution", sum / (double)s->T);
    /* The rest of a document's summary, which the rules do not read but
     * the reader checks. */
    static const char *const counts[] = {
        "joins",          "exits",          "exclusions",
        "sanctions",      "small_partners", "small_partners_left",
        "events_dropped", "shocks",         "incidents",
        "votes_held",     "votes_failed"};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        cJSON_AddNumberToObject(o, counts[k], 0);
    }
    static const char *const reals[] = {
        "share_ever_joined",  "final_interpersonal_trust",
        "final_system_trust", "mean_fit",
        "final_fit",          "mission_turn",
        "process_spending"};
    for (size_t k = 0; k < sizeof reals / sizeof *reals; k++) {
        cJSON_AddNumberToObject(o, reals[k], 0);
    }
    cJSON_AddNullToObject(o, "first_exit_tick");
    const double mission[4] = {0.25, 0.25, 0.25, 0.25};
    cJSON_AddItemToObject(o, "final_mission",
                          cJSON_CreateDoubleArray(mission, 4));
    cJSON_AddItemToObject(o, "final_focus",
                          cJSON_CreateDoubleArray(mission, 4));
    return o;
}

/* The run document of a story; the events move into it.  A document's
 * member counts never exceed its pool, so a story with fewer partners than
 * its peak is given members up to it. */
static cJSON *story_document(story *s)
{
    double peak = 0;
    for (size_t t = 0; t < s->T; t++) {
        peak = fmax(peak, s->members[t]);
    }
    while ((double)s->n_partners < peak && s->n_partners < P_MAX) {
        add_partner(s, 1, "member", 1, 1, 1);
    }
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "format_version", NG_FORMAT_VERSION);
    cJSON_AddStringToObject(doc, "engine_version", NG_VERSION);
    cJSON_AddNumberToObject(doc, "seed", 1);
    cJSON_AddStringToObject(doc, "scenario", "story");
    cJSON_AddItemToObject(doc, "config", config_json());
    cJSON_AddObjectToObject(doc, "units");
    cJSON *series = cJSON_AddObjectToObject(doc, "series");
    double tick[T_MAX], zero[T_MAX] = {0};
    for (size_t t = 0; t < s->T; t++) {
        tick[t] = (double)(t + 1);
    }
    put_series(series, "tick", tick, s->T);
    put_series(series, "members", s->members, s->T);
    put_series(series, "contribution", s->contribution, s->T);
    put_series(series, "free_riding", s->free_riding, s->T);
    put_series(series, "system_trust", s->system_trust, s->T);
    put_series(series, "interpersonal_trust", s->interpersonal_trust, s->T);
    put_series(series, "overhead_ratio", s->overhead_ratio, s->T);
    put_series(series, "fit", s->fit, s->T);
    put_series(series, "pooled_input", s->pooled_input, s->T);
    put_series(series, "overhead", s->overhead, s->T);
    put_series(series, "process_spending", s->process_spending, s->T);
    /* Every other metric of a document, as zeros. */
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        if (!cJSON_HasObjectItem(series, ng_metric_name(k))) {
            put_series(series, ng_metric_name(k), zero, s->T);
        }
    }
    cJSON *partners = cJSON_AddArrayToObject(doc, "partners");
    for (size_t i = 0; i < s->n_partners; i++) {
        cJSON_AddItemToArray(partners, partner_json(s, i));
    }
    cJSON_AddItemToObject(doc, "events", s->events);
    s->events = NULL;
    cJSON_AddItemToObject(doc, "summary", summary_json(s));
    return doc;
}

/* Explains a story; the caller deletes the returned JSON. */
static cJSON *explain_story(story *s)
{
    cJSON *doc = story_document(s);
    ng_error err = {0};
    ng_explanation *e = ng_explain(doc, &err);
    if (!e) {
        print_error("story refused: %s: %s\n", err.where, err.msg);
    }
    assert_non_null(e);
    cJSON *out = ng_explanation_json(e);
    ng_explanation_free(e);
    cJSON_Delete(doc);
    return out;
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static bool evidence_contains(const cJSON *mechanism, const char *text)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, get(mechanism, "evidence"))
    {
        if (strstr(e->valuestring, text)) {
            return true;
        }
    }
    return false;
}

static const cJSON *find_point(const cJSON *x, const char *kind)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, get(x, "turning_points"))
    {
        if (strcmp(get(p, "kind")->valuestring, kind) == 0) {
            return p;
        }
    }
    return NULL;
}

/* ---- building blocks ---- */

static void test_drawdown_finds_the_largest_fall_not_the_first(void **state)
{
    (void)state;
    double v[] = {0.5, 0.4, 0.6, 0.9, 0.7, 0.3, 0.8, 0.2};
    ex_drop d = ng__explain_drawdown(v, 8);
    assert_int_equal(d.from, 3);
    assert_int_equal(d.to, 7);
    assert_float_equal(d.size, 0.7, 1e-12);
}

static void test_drawdown_skips_ticks_without_members(void **state)
{
    (void)state;
    double v[] = {0.8, NAN, 0.5, NAN};
    ex_drop d = ng__explain_drawdown(v, 4);
    assert_int_equal(d.from, 0);
    assert_int_equal(d.to, 2);
    assert_float_equal(d.size, 0.3, 1e-12);
}

static void test_short_wobble_is_absorbed_into_its_neighbour(void **state)
{
    (void)state;
    ex_segment seg[] = {{"formation", 0, 3},
                        {"growth", 4, 20},
                        {"decline", 21, 22},
                        {"growth", 23, 40}};
    size_t n = ng__explain_merge_short(seg, 4, 5);
    assert_int_equal(n, 2);
    assert_string_equal(seg[1].phase, "growth");
    assert_int_equal(seg[1].from, 4);
    assert_int_equal(seg[1].to, 40);
}

/* ---- phases ---- */

static void test_phases_follow_growth_plateau_and_decline(void **state)
{
    (void)state;
    story s;
    story_init(&s, 100, 5);
    for (size_t t = 10; t < 100; t++) { /* 5 -> 25 by tick 30, then 25 */
        s.members[t] = t < 30 ? 5 + (double)(t - 10) : 25;
    }
    for (size_t t = 70; t < 100; t++) { /* and down to 5 by tick 90 */
        s.members[t] = t < 90 ? 25 - (double)(t - 70) : 5;
    }
    add_event(&s, 10, "join", "invited", -1);
    cJSON *x = explain_story(&s);
    const char *want[] = {"formation", "growth",  "plateau",
                          "decline",   "plateau", "end"};
    const cJSON *phases = get(x, "phases");
    assert_int_equal(cJSON_GetArraySize(phases), 6);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(
            get(cJSON_GetArrayItem(phases, i), "phase")->valuestring, want[i]);
    }
    /* The growth phase spans the rise, give or take the window. */
    const cJSON *growth = cJSON_GetArrayItem(phases, 1);
    assert_in_range((long)get(growth, "to")->valuedouble, 28, 34);
    cJSON_Delete(x);
}

/* ---- mechanisms ---- */

static void test_free_riding_collapse_is_named_with_its_numbers(void **state)
{
    (void)state;
    story s;
    story_init(&s, 40, 10);
    for (size_t t = 0; t < 40; t++) {
        s.contribution[t] = 0.8 - 0.7 * (double)t / 39.0;
        s.free_riding[t] = t < 20 ? 0 : 0.6;
    }
    s.outcome = "dissolved";
    s.cause = "no_added_value";
    for (int i = 0; i < 10; i++) {
        bool left = i < 3; /* the contributors left */
        add_partner(&s, 1, left ? "exited" : "member", 10, left ? 9 : 2, 5);
    }
    add_event(&s, 30, "exit", "low_value", 0);
    add_event(&s, 32, "exit", "low_value", 1);
    add_event(&s, 34, "exit", "low_value", 2);
    cJSON *x = explain_story(&s);
    const cJSON *m = get(x, "mechanism");
    assert_string_equal(get(m, "name")->valuestring, "free_riding");
    /* Means over the first and the last quarter of the run. */
    assert_true(evidence_contains(m, "from 0.72 of the quota (ticks 1-10) "
                                     "to 0.18 (ticks 31-40)"));
    assert_true(evidence_contains(m, "60% of members gave less than 20%"));
    assert_true(evidence_contains(m, "had paid 90% of what they were asked, "
                                     "those who stayed 20%"));
    assert_non_null(strstr(get(x, "headline")->valuestring,
                           "free-riding eroded contributions"));
    cJSON_Delete(x);
}

static void
test_unfair_cost_split_is_named_when_leavers_paid_for_little(void **state)
{
    (void)state;
    story s;
    story_init(&s, 60, 10);
    /* Half the partners, the small ones, were asked for 60% of the quotas
     * and got 20% of the benefits; they left. */
    for (int i = 0; i < 10; i++) {
        bool small = i >= 5;
        add_partner(&s, small ? 1 : 4, small ? "exited" : "member",
                    small ? 12 : 8, small ? 12 : 8, small ? 2 : 8);
    }
    for (long i = 5; i < 10; i++) {
        add_event(&s, 20 + 4 * i, "exit", "low_value", i);
    }
    cJSON *x = explain_story(&s);
    const cJSON *m = get(x, "mechanism");
    assert_string_equal(get(m, "name")->valuestring, "unfair_costs");
    assert_true(evidence_contains(m, "asked for 60% of all quotas but "
                                     "received 20% of the benefits (3.0x"));
    assert_true(evidence_contains(m, "5 of 5 small partners left, against 0 "
                                     "of 5 large ones"));
    cJSON_Delete(x);
}

static void test_process_spending_is_measured_after_overhead(void **state)
{
    (void)state;
    story s;
    story_init(&s, 24, 8);
    s.outcome = "dissolved";
    s.cause = "no_added_value";
    for (size_t t = 0; t < 24; t++) {
        s.pooled_input[t] = 10;
        s.overhead[t] = 2;
        s.process_spending[t] = 2.4; /* 30% of the 8 left after overhead */
        s.interpersonal_trust[t] = 0.5 + 0.01 * (double)t;
    }
    for (int i = 0; i < 8; i++) {
        add_partner(&s, 1, "member", 5, 4, 1);
    }
    cJSON *x = explain_story(&s);
    const cJSON *m = get(x, "mechanism");
    assert_string_equal(get(m, "name")->valuestring, "process_heavy");
    assert_float_equal(get(m, "score")->valuedouble, 1, 1e-9);
    assert_true(evidence_contains(m, "30% of the input left after overhead"));
    assert_true(evidence_contains(m, "interpersonal trust rose from 0.50 "
                                     "to 0.73"));
    cJSON_Delete(x);
}

static void test_lead_exit_cause_is_decisive(void **state)
{
    (void)state;
    story s;
    story_init(&s, 30, 6);
    s.outcome = "dissolved";
    s.cause = "lead_exit";
    for (int i = 0; i < 6; i++) {
        add_partner(&s, 2, i == 0 ? "exited" : "member", 5, 5, 5);
    }
    s.p[0].lead = true;
    s.p[0].state_tick = 29;
    add_event(&s, 29, "exit", "low_value", 0);
    add_event(&s, 30, "dissolution", "lead_exit", -1);
    cJSON *x = explain_story(&s);
    const cJSON *m = get(x, "mechanism");
    assert_string_equal(get(m, "name")->valuestring, "lead_exit");
    assert_float_equal(get(m, "score")->valuedouble, 1, 0);
    assert_true(evidence_contains(m, "partner-0 left at tick 29"));
    cJSON_Delete(x);
}

static void test_healthy_alliance_says_what_held_it_together(void **state)
{
    (void)state;
    story s;
    story_init(&s, 50, 8);
    for (int i = 0; i < 8; i++) {
        add_partner(&s, 2, "member", 5, 4, 6);
    }
    cJSON *x = explain_story(&s);
    assert_true(cJSON_IsNull(get(x, "mechanism")));
    const cJSON *held = get(x, "held_together");
    assert_true(cJSON_GetArraySize(held) >= 2);
    assert_string_equal(cJSON_GetArrayItem(held, 0)->valuestring,
                        "members gave on average 80% of their quota");
    assert_non_null(strstr(get(x, "headline")->valuestring,
                           "held together to tick 50 with 8 members"));
    cJSON_Delete(x);
}

/* ---- turning points ---- */

static void test_exit_cascade_needs_clustered_departures(void **state)
{
    (void)state;
    story s;
    story_init(&s, 60, 10);
    for (int i = 0; i < 10; i++) {
        add_partner(&s, 1, i < 7 ? "exited" : "member", 1, 1, 1);
    }
    for (long i = 0; i < 4; i++) { /* 4 within 3 ticks: a cascade */
        add_event(&s, 20 + i, "exit", "low_value", i);
    }
    for (long i = 4; i < 7; i++) { /* 3 spread out: none */
        add_event(&s, 35 + 8 * (i - 4), "exit", "low_value", i);
    }
    cJSON *x = explain_story(&s);
    const cJSON *c = find_point(x, "exit_cascade");
    assert_non_null(c);
    assert_int_equal((long)get(c, "tick")->valuedouble, 20);
    assert_int_equal((long)get(c, "to_tick")->valuedouble, 23);
    assert_int_equal((long)get(c, "departures")->valuedouble, 4);
    int cascades = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, get(x, "turning_points"))
    {
        cascades += strcmp(get(p, "kind")->valuestring, "exit_cascade") == 0;
    }
    assert_int_equal(cascades, 1);
    cJSON_Delete(x);
}

static void test_turning_points_are_in_time_order(void **state)
{
    (void)state;
    story s;
    story_init(&s, 60, 10);
    for (size_t t = 0; t < 60; t++) {
        s.system_trust[t] = t < 30 ? 0.7 : 0.3;
        s.free_riding[t] = t >= 40 ? 0.3 : 0;
    }
    add_partner(&s, 1, "exited", 1, 1, 1);
    add_event(&s, 10, "exit", "low_value", 0);
    cJSON *x = explain_story(&s);
    double last = -1;
    const cJSON *p;
    cJSON_ArrayForEach(p, get(x, "turning_points"))
    {
        assert_true(get(p, "tick")->valuedouble >= last);
        last = get(p, "tick")->valuedouble;
    }
    const cJSON *drop = find_point(x, "largest_trust_drop");
    assert_non_null(drop);
    assert_float_equal(get(drop, "from")->valuedouble, 0.7, 1e-9);
    assert_float_equal(get(drop, "to")->valuedouble, 0.3, 1e-9);
    assert_non_null(find_point(x, "first_free_riding"));
    cJSON_Delete(x);
}

/* ---- input checks and text ---- */

static void test_missing_series_names_its_path(void **state)
{
    (void)state;
    story s;
    story_init(&s, 10, 3);
    cJSON *doc = story_document(&s);
    cJSON_DeleteItemFromObjectCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(doc, "series"), "members");
    ng_error err = {0};
    assert_null(ng_explain(doc, &err));
    assert_string_equal(err.where, "series.members");
    assert_non_null(strstr(err.msg, "expected an array of 10 numbers"));
    cJSON_Delete(doc);
}

/* Numbers out of range are refused with their path before anything
 * converts them: 1e300 once printed as tick -9223372036854775808. */
static void test_numbers_out_of_range_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *object, *key;
        double value;
        const char *where;
    } cases[] = {
        {"summary", "lifetime", 1e300, "summary.lifetime"},
        {"summary", "lifetime", -1, "summary.lifetime"},
        {"summary", "peak_members", 1e300, "summary.peak_members"},
        {"summary", "final_members", -2, "summary.final_members"},
        {"event", "tick", 1e300, "events[0].tick"},
        {"event", "tick", 11, "events[0].tick"},
        {"event", "partner", -1e300, "events[0].partner"},
        {"event", "partner", 5, "events[0].partner"},
        {"partner", "state_tick", 1e300, "partners[1].state_tick"},
        {"partner", "id", 7, "partners[1].id"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        story s;
        story_init(&s, 10, 3);
        for (int i = 0; i < 5; i++) {
            add_partner(&s, 1, "member", 1, 1, 1);
        }
        add_event(&s, 2, "exit", "low_value", 3);
        cJSON *doc = story_document(&s);
        cJSON *obj = NULL;
        if (strcmp(cases[k].object, "summary") == 0) {
            obj = cJSON_GetObjectItem(doc, "summary");
        } else if (strcmp(cases[k].object, "event") == 0) {
            obj = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "events"), 0);
        } else {
            obj = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "partners"), 1);
        }
        cJSON_ReplaceItemInObjectCaseSensitive(
            obj, cases[k].key, cJSON_CreateNumber(cases[k].value));
        ng_error err = {0};
        ng_explanation *e = ng_explain(doc, &err);
        if (e) {
            print_error("accepted %s = %g\n", cases[k].where, cases[k].value);
        }
        assert_null(e);
        assert_string_equal(err.where, cases[k].where);
        assert_non_null(strstr(err.msg, "expected"));
        cJSON_Delete(doc);
    }
}

static void test_text_lines_stay_within_78_columns(void **state)
{
    (void)state;
    story s;
    story_init(&s, 40, 10);
    s.outcome = "dissolved";
    s.cause = "no_added_value";
    for (int i = 0; i < 10; i++) {
        add_partner(&s, 1, i < 4 ? "exited" : "member", 10, 9, 5);
    }
    for (long i = 0; i < 4; i++) {
        add_event(&s, 30 + i, "exit", "low_value", i);
    }
    cJSON *doc = story_document(&s);
    ng_explanation *e = ng_explain(doc, NULL);
    char *text = ng_explanation_text(e);
    assert_non_null(text);
    size_t col = 0;
    for (const char *p = text; *p; p++) {
        col = *p == '\n' ? 0 : col + 1;
        assert_true(col <= 78);
    }
    assert_non_null(strstr(text, "Who left and why (4)"));
    free(text);
    ng_explanation_free(e);
    cJSON_Delete(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drawdown_finds_the_largest_fall_not_the_first),
        cmocka_unit_test(test_drawdown_skips_ticks_without_members),
        cmocka_unit_test(test_short_wobble_is_absorbed_into_its_neighbour),
        cmocka_unit_test(test_phases_follow_growth_plateau_and_decline),
        cmocka_unit_test(test_free_riding_collapse_is_named_with_its_numbers),
        cmocka_unit_test(
            test_unfair_cost_split_is_named_when_leavers_paid_for_little),
        cmocka_unit_test(test_process_spending_is_measured_after_overhead),
        cmocka_unit_test(test_lead_exit_cause_is_decisive),
        cmocka_unit_test(test_healthy_alliance_says_what_held_it_together),
        cmocka_unit_test(test_exit_cascade_needs_clustered_departures),
        cmocka_unit_test(test_turning_points_are_in_time_order),
        cmocka_unit_test(test_missing_series_names_its_path),
        cmocka_unit_test(test_numbers_out_of_range_are_refused),
        cmocka_unit_test(test_text_lines_stay_within_78_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
