#define _POSIX_C_SOURCE 200809L /* strdup */
/* Unit tests of experiment specs and the size of designs (spec.c,
 * design.c): every list a spec fills is sized by the member it is filled
 * from, even when a document built in memory repeats a member; every size
 * product of a design is checked before anything is allocated; the check of
 * unique ids in a design table takes O(n log n).
 */
#include <time.h>

#include <cjson/cJSON.h>

#include "experiment/spec_internal.h"
#include "netgov/sweep.h"
#include "unit_helpers.h"

/* ---- helpers ---- */

static cJSON *strings(const char *const *names, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(a, cJSON_CreateString(names[i]));
    }
    return a;
}

static cJSON *value_axis(const char *path, size_t n_values)
{
    cJSON *axis = cJSON_CreateObject();
    cJSON_AddStringToObject(axis, "path", path);
    cJSON *values = cJSON_AddArrayToObject(axis, "values");
    for (size_t i = 0; i < n_values; i++) {
        cJSON_AddItemToArray(values, cJSON_CreateNumber(0.1));
    }
    return axis;
}

/* Parses the tree, which must fail with a repeated-key error at `where`. */
static void parse_repeated(ng_spec *s, const cJSON *root, const char *where)
{
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng__spec_from_json(s, root, "spec.json", "", &errs),
                     NG_ECONFIG);
    bool seen = false;
    for (size_t k = 0; k < errs.n; k++) {
        seen = seen || (strcmp(errs.items[k].where, where) == 0 &&
                        strstr(errs.items[k].msg, "expected each key once"));
    }
    if (!seen) {
        unit_print_errors(&errs);
    }
    assert_true(seen);
}

/* ---- 1. repeated members ---- */

/* cJSON_AddItemToObject keeps a repeated key, as a text parser that
 * accepts duplicates would: the second "outputs" is shorter than the
 * first, so a count carried over from the first overflowed the second's
 * array. */
static void test_spec_outputs_twice_keeps_the_last_list(void **state)
{
    (void)state;
    static const char *const four[] = {"survival", "cumulative_value",
                                       "lifetime", "peak_members"};
    static const char *const one[] = {"lifetime"};
    cJSON *root = cJSON_CreateObject();
    cJSON *axes = cJSON_AddArrayToObject(root, "axes");
    cJSON *axis = cJSON_CreateObject();
    cJSON_AddStringToObject(axis, "path", "alliance.ambition");
    cJSON_AddNumberToObject(axis, "min", 0.1);
    cJSON_AddNumberToObject(axis, "max", 0.9);
    cJSON_AddItemToArray(axes, axis);
    cJSON *sens = cJSON_AddObjectToObject(root, "sensitivity");
    cJSON_AddStringToObject(sens, "method", "sobol");
    cJSON_AddItemToObject(sens, "outputs", strings(four, 4));
    cJSON_AddItemToObject(sens, "outputs", strings(one, 1));

    ng_spec s;
    parse_repeated(&s, root, "sensitivity.outputs");
    assert_int_equal(s.n_outputs, 1);
    assert_string_equal(s.outputs[0], "lifetime");
    ng_spec_free(&s);

    /* The whole section twice: the second section's own list. */
    cJSON *again = cJSON_CreateObject();
    cJSON_AddStringToObject(again, "method", "sobol");
    cJSON_AddItemToObject(again, "outputs", strings(one, 1));
    cJSON_AddItemToObject(root, "sensitivity", again);
    parse_repeated(&s, root, "sensitivity");
    assert_int_equal(s.n_outputs, 1);
    assert_string_equal(s.outputs[0], "lifetime");
    ng_spec_free(&s);
    cJSON_Delete(root);
}

static void test_spec_axes_sets_and_base_twice(void **state)
{
    (void)state;
    cJSON *root = cJSON_CreateObject();
    cJSON *base = cJSON_CreateObject();
    cJSON_AddStringToObject(base, "file", "a.json");
    cJSON_AddItemToObject(root, "base", base);
    base = cJSON_CreateObject();
    cJSON_AddStringToObject(base, "preset", "default");
    cJSON_AddItemToObject(root, "base", base);

    cJSON *set = cJSON_CreateObject();
    cJSON_AddNumberToObject(set, "run.ticks", 10);
    cJSON_AddNumberToObject(set, "process.share", 0.1);
    cJSON_AddNumberToObject(set, "alliance.ambition", 0.2);
    cJSON_AddItemToObject(root, "set", set);
    set = cJSON_CreateObject();
    cJSON_AddNumberToObject(set, "run.ticks", 12);
    cJSON_AddItemToObject(root, "set", set);

    cJSON *axes = cJSON_CreateArray();
    cJSON_AddItemToArray(axes, value_axis("alliance.ambition", 3));
    cJSON_AddItemToArray(axes, value_axis("process.share", 2));
    cJSON_AddItemToArray(axes, value_axis("run.ticks", 4));
    cJSON_AddItemToObject(root, "axes", axes);
    axes = cJSON_CreateArray();
    cJSON_AddItemToArray(axes, value_axis("process.share", 5));
    cJSON_AddItemToObject(root, "axes", axes);

    ng_spec s;
    parse_repeated(&s, root, "axes");
    assert_int_equal(s.n_axes, 1);
    assert_string_equal(s.axes[0].path, "process.share");
    assert_int_equal(s.axes[0].n_values, 5);
    assert_int_equal(s.n_sets, 1);
    assert_string_equal(s.sets[0], "run.ticks=12");
    assert_null(s.base.file);
    assert_string_equal(s.base.preset, "default");
    ng_spec_free(&s);
    cJSON_Delete(root);
}

/* A repeated key inside an axis or the sampler is reported too. */
static void test_spec_repeated_keys_inside_axes_and_sampler(void **state)
{
    (void)state;
    cJSON *root = cJSON_CreateObject();
    cJSON *axes = cJSON_AddArrayToObject(root, "axes");
    cJSON *axis = value_axis("alliance.ambition", 2);
    cJSON_AddItemToObject(axis, "values", cJSON_CreateArray());
    cJSON_AddItemToArray(axes, axis);
    ng_spec s;
    parse_repeated(&s, root, "axes[0].values");
    ng_spec_free(&s);
    cJSON_Delete(root);

    root = cJSON_CreateObject();
    axes = cJSON_AddArrayToObject(root, "axes");
    axis = cJSON_CreateObject();
    cJSON_AddStringToObject(axis, "path", "alliance.ambition");
    cJSON_AddNumberToObject(axis, "min", 0.1);
    cJSON_AddNumberToObject(axis, "max", 0.9);
    cJSON_AddItemToArray(axes, axis);
    cJSON *sampler = cJSON_AddObjectToObject(root, "sampler");
    cJSON_AddStringToObject(sampler, "method", "lhs");
    cJSON_AddNumberToObject(sampler, "samples", 4);
    cJSON_AddNumberToObject(sampler, "samples", 5);
    parse_repeated(&s, root, "sampler.samples");
    ng_spec_free(&s);
    cJSON_Delete(root);
}

/* ---- 2. design sizes ---- */

/* A spec of value axes with the given lengths (their values are never
 * read when the design is refused). */
static void spec_of_axes(ng_spec *s, const size_t *lengths, size_t n_axes)
{
    memset(s, 0, sizeof *s);
    s->replications = 1;
    s->max_runs = NG_SWEEP_MAX_RUNS;
    s->axes = calloc(n_axes, sizeof *s->axes);
    assert_non_null(s->axes);
    s->n_axes = n_axes;
    for (size_t a = 0; a < n_axes; a++) {
        snprintf(s->axes[a].path, sizeof s->axes[a].path, "axis%zu", a);
        s->axes[a].n_values = lengths[a];
        s->axes[a].values =
            calloc(lengths[a] < 8 ? lengths[a] : 8, sizeof *s->axes[a].values);
        assert_non_null(s->axes[a].values);
        for (size_t v = 0; v < lengths[a] && v < 8; v++) {
            char text[8];
            snprintf(text, sizeof text, "%zu", v);
            s->axes[a].values[v] = strdup(text);
        }
        /* ng_spec_free frees n_values entries. */
        s->axes[a].n_values = lengths[a] < 8 ? lengths[a] : 8;
    }
}

static void set_lengths(ng_spec *s, const size_t *lengths)
{
    for (size_t a = 0; a < s->n_axes; a++) {
        s->axes[a].n_values = lengths[a];
    }
}

static void restore_lengths(ng_spec *s, const size_t *lengths)
{
    for (size_t a = 0; a < s->n_axes; a++) {
        s->axes[a].n_values = lengths[a] < 8 ? lengths[a] : 8;
    }
}

static void assert_refused(const ng_spec *s, const char *what)
{
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    ng_design d;
    assert_int_equal(ng_design_from_spec(s, 1, &d, &errs), NG_ECONFIG);
    assert_int_equal(errs.n, 1);
    assert_contains(errs.items[0].msg, what);
    assert_int_equal(d.n_points, 0);
    assert_null(d.cells);
    ng_design_free(&d);
}

/* 173 * 601 * 1489 * 1693 * 5039 * 13967 = 2^64 + 8257: the product wrapped
 * to 8257 and the strides of the axes reached zero (SIGFPE). */
static void test_design_refuses_a_product_past_2_to_the_64(void **state)
{
    (void)state;
    static const size_t six[] = {173, 601, 1489, 1693, 5039, 13967};
    ng_spec s;
    spec_of_axes(&s, six, 6);
    set_lengths(&s, six);
    assert_refused(&s, "expected at most 1000000 design points, found "
                       "1.84467e+19 (axis0 173 x axis1 601 x axis2 1489");
    restore_lengths(&s, six);
    ng_spec_free(&s);

    /* 2^64 exactly wrapped to 0 points: a sweep of no runs. */
    size_t twos[64];
    for (size_t a = 0; a < 64; a++) {
        twos[a] = 2;
    }
    spec_of_axes(&s, twos, 64);
    assert_refused(&s, "found 1.84467e+19");
    ng_spec_free(&s);
}

static void test_design_limits_points_cells_and_runs(void **state)
{
    (void)state;
    /* 1000 x 1001 points: one past the limit. */
    static const size_t over[] = {1000, 1001};
    ng_spec s;
    spec_of_axes(&s, over, 2);
    set_lengths(&s, over);
    assert_refused(&s, "expected at most 1000000 design points, found "
                       "1.001e+06");
    restore_lengths(&s, over);
    ng_spec_free(&s);

    /* 5 x 2 points x 3 replications against a limit of 29 and 30 runs. */
    static const size_t small[] = {5, 2};
    spec_of_axes(&s, small, 2);
    s.replications = 3;
    s.max_runs = 29;
    assert_refused(&s, "expected at most 29 runs (design points x "
                       "replications; raise it with --max-runs), "
                       "found 10 x 3");
    s.max_runs = 30;
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    ng_design d;
    assert_int_equal(ng_design_from_spec(&s, 1, &d, &errs), 0);
    assert_int_equal(d.n_points, 10);
    assert_string_equal(d.cells[2 * 9 + 0], "4");
    assert_string_equal(d.cells[2 * 9 + 1], "1");
    assert_int_equal(ng_design_check_work(&d, &s, &errs), 0);
    s.max_runs = 29;
    assert_int_equal(ng_design_check_work(&d, &s, &errs), NG_ECONFIG);
    assert_contains(errs.items[0].msg, "expected at most 29 runs");
    /* Replications past SIZE_MAX / points do not wrap. */
    s.max_runs = SIZE_MAX;
    s.replications = SIZE_MAX / 4;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_design_check_work(&d, &s, &errs), NG_ECONFIG);
    ng_design_free(&d);
    ng_spec_free(&s);

    /* 10 columns of 1,000,001 cells in all, at most 10^6 points. */
    size_t cells[12];
    for (size_t a = 0; a < 12; a++) {
        cells[a] = a < 6 ? 10 : 1;
    }
    spec_of_axes(&s, cells, 12);
    set_lengths(&s, cells);
    assert_refused(&s, "expected at most 10000000 design cells, found 1.2e+07");
    restore_lengths(&s, cells);
    ng_spec_free(&s);
}

/* ---- 3. ids of a design table ---- */

static void table_of_ids(ng_table *t, size_t n, const char *const *ids)
{
    t->n_cols = 2;
    t->n_rows = n;
    t->header = calloc(2, sizeof *t->header);
    t->cells = calloc(2 * n, sizeof *t->cells);
    assert_non_null(t->header);
    assert_non_null(t->cells);
    t->header[0] = strdup("id");
    t->header[1] = strdup("alliance.ambition");
    for (size_t r = 0; r < n; r++) {
        char id[32];
        if (ids) {
            snprintf(id, sizeof id, "\"%s\"", ids[r]);
        } else {
            snprintf(id, sizeof id, "\"row%zu\"", (n * 7919 + r * 104729) % n);
        }
        t->cells[2 * r] = strdup(id);
        t->cells[2 * r + 1] = strdup("0.5");
    }
}

static void test_design_table_ids_are_checked_in_row_order(void **state)
{
    (void)state;
    static const char *const ids[] = {"b", "a", "b", "c", "a", "b"};
    ng_table t;
    table_of_ids(&t, 6, ids);
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    ng_design d;
    assert_int_equal(ng_design_from_table(&t, &d, &errs), NG_ECONFIG);
    assert_int_equal(errs.n, 3);
    assert_contains(errs.items[0].msg, "found \"b\" in rows 0 and 2");
    assert_contains(errs.items[1].msg, "found \"a\" in rows 1 and 4");
    assert_contains(errs.items[2].msg, "found \"b\" in rows 0 and 5");
    assert_int_equal(d.n_points, 0);
    ng_design_free(&d);
    ng_table_free(&t);
}

/* 200,000 distinct ids: comparing every pair (2 * 10^10 string
 * comparisons) took minutes; sorting takes well under a second. */
static void test_design_table_ids_check_is_n_log_n(void **state)
{
    (void)state;
    ng_table t;
    table_of_ids(&t, 200000, NULL);
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    ng_design d;
    clock_t t0 = clock();
    int rc = ng_design_from_table(&t, &d, &errs);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (rc) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(d.n_points, 200000);
    print_message("unique ids of 200000 rows: %.3f s CPU\n", cpu);
    assert_true(cpu < 5.0);
    ng_design_free(&d);

    /* Rows over the limit are refused before anything is copied. */
    size_t rows = t.n_rows;
    t.n_rows = NG_DESIGN_MAX_POINTS + 1;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_design_from_table(&t, &d, &errs), NG_ECONFIG);
    assert_contains(errs.items[0].msg, "expected at most 1000000 rows");
    t.n_rows = rows;
    ng_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_outputs_twice_keeps_the_last_list),
        cmocka_unit_test(test_spec_axes_sets_and_base_twice),
        cmocka_unit_test(test_spec_repeated_keys_inside_axes_and_sampler),
        cmocka_unit_test(test_design_refuses_a_product_past_2_to_the_64),
        cmocka_unit_test(test_design_limits_points_cells_and_runs),
        cmocka_unit_test(test_design_table_ids_are_checked_in_row_order),
        cmocka_unit_test(test_design_table_ids_check_is_n_log_n),
    };
    return cmocka_run_group_tests(tests, unit_group_setup, NULL);
}
