/* Unit tests of the public run view (netgov/run_view.h) and of the
 * explanation of a run in memory (ng_explain_view): the view shows the
 * model's own arrays, series, events and summary, the run document carries
 * exactly what the view shows, and explaining a run in memory says what
 * explaining its written document says, for every scenario of configs/. */
#define _POSIX_C_SOURCE 200809L /* opendir */
#include <dirent.h>
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
#include "unit_json.h"

/* ---- runs and their documents ---- */

static ng_model *run_config(const char *path, int64_t seed)
{
    ng_config cfg;
    ng_errors errs = {0};
    ng_config_init(&cfg);
    if (path) {
        assert_int_equal(ng_config_load(&cfg, path, &errs), 0);
    }
    cfg.p.run_seed = seed;
    assert_int_equal(ng_config_validate(&cfg, &errs), 0);
    ng_error err = {0};
    ng_model *m = ng_model_alloc(&cfg, &err);
    ng_config_clear(&cfg);
    assert_non_null(m);
    assert_int_equal(ng_model_run(m, &err), 0);
    return m;
}

/* The run document, written and parsed back. */
static cJSON *document_of(const ng_model *m)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    ng_error err = {0};
    assert_int_equal(ng_output_json(m, f, &err), 0);
    long len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    char *text = malloc((size_t)len);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    cJSON *doc = cJSON_ParseWithLength(text, (size_t)len);
    free(text);
    assert_non_null(doc);
    return doc;
}

/* ---- the view is the model's ---- */

static void check_view_is_the_model(const ng_model *m, const ng_run_view *v)
{
    assert_ptr_equal(v->cfg, ng_model_config(m));
    assert_int_equal(v->n, ng_config_pool_size(v->cfg));
    assert_int_equal(v->ticks_recorded, ng_model_ticks_recorded(m));
    assert_int_equal(v->tick, ng_model_tick(m));
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        assert_ptr_equal(v->series[k], ng_model_series(m, k));
    }
    assert_int_equal(v->n_events, ng_model_event_count(m));
    assert_ptr_equal(v->events, ng_model_events(m));
    ng_summary s;
    ng_model_summary(m, &s);
    assert_memory_equal(&v->summary, &s, sizeof s);
    size_t members = 0;
    for (size_t i = 0; i < v->n; i++) {
        members += v->state[i] == NG_MEMBER;
    }
    assert_int_equal(members, v->n_members);
    for (size_t k = 0; k < v->n_members; k++) {
        assert_int_equal(v->state[v->member[k]], NG_MEMBER);
    }
}

/* ---- the document carries what the view shows ---- */

static void check_INT(const cJSON *o, const char *key, int64_t v)
{
    assert_true(unit_json_number(o, key) == (double)v);
}

static void check_INT_OR_NULL(const cJSON *o, const char *key, int64_t v)
{
    if (v < 0) {
        assert_true(cJSON_IsNull(unit_json_item(o, key)));
    } else {
        check_INT(o, key, v);
    }
}

static void check_REAL(const cJSON *o, const char *key, double v)
{
    assert_true(unit_json_number(o, key) == v);
}

static void check_OUTCOME(const cJSON *o, const char *key, int v)
{
    assert_string_equal(cJSON_GetStringValue(unit_json_item(o, key)),
                        ng_outcome_name(v));
}

static void check_REASON(const cJSON *o, const char *key, int v)
{
    assert_string_equal(cJSON_GetStringValue(unit_json_item(o, key)),
                        ng_reason_name(v));
}

static void check_VECTOR(const cJSON *o, const char *key, const double *v)
{
    const cJSON *a = unit_json_item(o, key);
    assert_int_equal(cJSON_GetArraySize(a), NG_DIM);
    for (int k = 0; k < NG_DIM; k++) {
        assert_true(cJSON_GetArrayItem(a, k)->valuedouble == v[k]);
    }
}

/* Every field of the list, in the list's order, and nothing else. */
static void check_summary(const cJSON *doc, const ng_summary *s)
{
    const cJSON *o = unit_json_item(doc, "summary");
    static const char *const keys[] = {
#define KEY(name, key, kind, meaning) key,
        NG_SUMMARY_FIELDS(KEY)
#undef KEY
    };
    size_t n = sizeof keys / sizeof keys[0];
    assert_int_equal(cJSON_GetArraySize(o), n);
    const cJSON *c = o->child;
    for (size_t k = 0; k < n; k++, c = c->next) {
        assert_string_equal(c->string, keys[k]);
    }
#define CHECK(name, key, kind, meaning) check_##kind(o, key, s->name);
    NG_SUMMARY_FIELDS(CHECK)
#undef CHECK
}

static void check_partner(const ng_run_view *v, size_t i, const cJSON *p)
{
    char name[NG_PARTNER_NAME_MAX];
    ng_run_partner_name(v, i, name, sizeof name);
    assert_string_equal(cJSON_GetStringValue(unit_json_item(p, "name")), name);
    assert_string_equal(cJSON_GetStringValue(unit_json_item(p, "state")),
                        ng_membership_name(v->state[i]));
    assert_int_equal(cJSON_IsTrue(unit_json_item(p, "lead")), i == v->lead);
    assert_int_equal(cJSON_IsTrue(unit_json_item(p, "ever_joined")),
                     v->ever_joined[i]);
    check_INT(p, "ties", (int64_t)v->deg[i]);
    check_INT(p, "violations", v->violations[i]);
    check_REAL(p, "capacity", v->capacity[i]);
    check_REAL(p, "system_trust", v->system_trust[i]);
    check_REAL(p, "contribution", v->x[i]);
    check_REAL(p, "benefit", v->benefit_total[i]);
    check_VECTOR(p, "interests", v->interests + i * NG_DIM);
}

static void check_document(const ng_run_view *v, const cJSON *doc)
{
    check_summary(doc, &v->summary);
    const cJSON *partners = unit_json_item(doc, "partners");
    assert_int_equal(cJSON_GetArraySize(partners), v->n);
    for (size_t i = 0; i < v->n; i++) {
        check_partner(v, i, cJSON_GetArrayItem(partners, (int)i));
    }
    const cJSON *series = unit_json_item(doc, "series");
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        const cJSON *a = unit_json_item(series, ng_metric_name(k));
        assert_int_equal(cJSON_GetArraySize(a), v->ticks_recorded);
        for (size_t t = 0; t < v->ticks_recorded; t++) {
            assert_true(cJSON_GetArrayItem(a, (int)t)->valuedouble ==
                        v->series[k][t]);
        }
    }
    assert_int_equal(cJSON_GetArraySize(unit_json_item(doc, "events")),
                     v->n_events);
}

/* ---- explanations: in memory and of the document ---- */

static char *explanation_text(ng_explanation *e)
{
    assert_non_null(e);
    char *text = ng_explanation_text(e);
    assert_non_null(text);
    return text;
}

static char *explanation_json(ng_explanation *e)
{
    cJSON *doc = ng_explanation_json(e);
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    assert_non_null(text);
    return text;
}

static void check_explanations(const ng_model *m, const cJSON *doc)
{
    ng_run_view v;
    ng_model_view(m, &v);
    ng_error err = {0};
    ng_explanation *mem = ng_explain_view(&v, &err);
    ng_explanation *read = ng_explain(doc, &err);
    char *a = explanation_text(mem), *b = explanation_text(read);
    assert_string_equal(a, b);
    free(a);
    free(b);
    a = explanation_json(mem);
    b = explanation_json(read);
    assert_string_equal(a, b);
    free(a);
    free(b);
    ng_explanation_free(mem);
    ng_explanation_free(read);
}

/* ---- tests ---- */

static void check_run(const char *path, int64_t seed)
{
    ng_model *m = run_config(path, seed);
    ng_run_view v;
    ng_model_view(m, &v);
    check_view_is_the_model(m, &v);
    cJSON *doc = document_of(m);
    check_document(&v, doc);
    check_explanations(m, doc);
    cJSON_Delete(doc);
    ng_model_free(m);
}

static void test_view_and_document_of_the_default_run(void **state)
{
    (void)state;
    for (int64_t seed = 1; seed <= 3; seed++) {
        check_run(NULL, seed);
    }
}

/* Every scenario of configs/: listed and generated partners, ties, every
 * governance mode, geography, goals and threats. */
static void
test_every_scenario_explained_in_memory_as_from_its_document(void **state)
{
    (void)state;
    DIR *dir = opendir(NG_CONFIGS_DIR);
    assert_non_null(dir);
    size_t scenarios = 0;
    for (struct dirent *d; (d = readdir(dir)) != NULL;) {
        size_t len = strlen(d->d_name);
        if (len < 6 || strcmp(d->d_name + len - 5, ".json") != 0) {
            continue;
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", NG_CONFIGS_DIR, d->d_name);
        for (int64_t seed = 1; seed <= 2; seed++) {
            check_run(path, seed);
        }
        scenarios++;
    }
    closedir(dir);
    assert_true(scenarios >= 10);
}

/* A run of one tick (the shortest a document can explain) and a run whose
 * events were capped. */
static void test_short_and_capped_runs(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs = {0};
    const char *sets[] = {"run.ticks=1", "output.max_events=5"};
    for (size_t k = 0; k < 2; k++) {
        ng_config_init(&cfg);
        assert_int_equal(ng_config_set(&cfg, sets[k], &errs), 0);
        ng_error err = {0};
        ng_model *m = ng_model_alloc(&cfg, &err);
        ng_config_clear(&cfg);
        assert_non_null(m);
        assert_int_equal(ng_model_run(m, &err), 0);
        cJSON *doc = document_of(m);
        ng_run_view v;
        ng_model_view(m, &v);
        check_document(&v, doc);
        check_explanations(m, doc);
        cJSON_Delete(doc);
        ng_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_view_and_document_of_the_default_run),
        cmocka_unit_test(
            test_every_scenario_explained_in_memory_as_from_its_document),
        cmocka_unit_test(test_short_and_capped_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
