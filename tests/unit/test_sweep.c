#define _POSIX_C_SOURCE 200809L /* mkdtemp, strdup */
/* Unit tests of the sweep library (sweep.h; sim/experiment/spec.c,
 * design.c, runner.c, store.c, summary.c).
 *
 * Specs are parsed from strings named "spec.json" and every error is checked
 * as its exact field path and its expected/found wording.  Designs are
 * checked against the samplers they are built from (the same LHS, Sobol,
 * Saltelli and Morris points, mapped onto [min, max]).  Runs use the default
 * scenario cut to 10 ticks, so a line takes milliseconds.  Point summaries
 * are checked against hand-computed statistics:
 *  - values 1, 2, 3, 4: mean 2.5, sd sqrt(5/3), 95% half-width
 *    t_{0.975,3} sd / 2 with t_{0.975,3} = 3.182446305284263;
 *  - values 5, 9: mean 7, sd sqrt(8), half-width t_{0.975,1} sd / sqrt(2)
 *    with t_{0.975,1} = 12.706204736174698;
 *  - survival 3 of 4: Wilson's 95% interval [0.30064184258240184,
 *    0.9544127391902995] (z = 1.959963984540054);
 *  - series bands use t_{0.975,2} = 4.302652729749464 as well.
 * The output folder is exercised in a fresh mkdtemp folder.
 *
 * Three tests pin bugs found when they were written and fail until those
 * are fixed: test_spec_one_mistake_one_error (a follow-on "expected a
 * sampler" error), test_store_counts_failed_runs_once (copy_in_order in
 * store.c runs strstr over a buffer without a terminating NUL: runs_failed
 * counts stale bytes, and AddressSanitizer aborts the program at the first
 * store test) and test_store_refuses_a_broken_line.  Under the sanitizers,
 * NG_UNIT_SKIP='test_store_*' runs the rest.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "experiment/summary_internal.h"
#include "netgov/experiment.h"
#include "netgov/sweep.h"
#include "unit_helpers.h"
#include "unit_json.h"

#define T975_3 3.182446305284263
#define T975_1 12.706204736174698
#define T975_2 4.302652729749464

/* ---- helpers ---- */

static void clear_errors(ng_errors *errs)
{
    memset(errs, 0, sizeof *errs);
}

/* Parses a spec named "spec.json" from folder dir; must succeed. */
static void spec_ok_in(const char *text, const char *dir, ng_spec *s)
{
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_spec_parse(s, text, strlen(text), "spec.json", dir, &errs);
    if (rc != 0) {
        unit_print_errors(&errs);
        print_error("spec does not parse: %s\n", text);
        fail();
    }
    assert_int_equal(errs.n, 0);
}

static void spec_ok(const char *text, ng_spec *s)
{
    spec_ok_in(text, "", s);
}

/* Parses a spec that must be refused with NG_ECONFIG; frees the spec. */
static void spec_bad(const char *text, ng_errors *errs)
{
    ng_spec s;
    clear_errors(errs);
    int rc = ng_spec_parse(&s, text, strlen(text), "spec.json", "", errs);
    if (rc != NG_ECONFIG) {
        print_error("spec was not refused: %s\n", text);
    }
    assert_int_equal(rc, NG_ECONFIG);
    assert_true(errs->n >= 1);
    ng_spec_free(&s);
}

/* The error at exactly `where`, which must exist, with msg holding every
 * one of the (up to two) given texts. */
static void assert_error_at(const ng_errors *errs, const char *where,
                            const char *what, const char *what2)
{
    for (size_t k = 0; k < errs->n; k++) {
        if (strcmp(errs->items[k].where, where) == 0) {
            assert_int_equal(errs->items[k].code, NG_ECONFIG);
            assert_contains(errs->items[k].msg, what);
            if (what2) {
                assert_contains(errs->items[k].msg, what2);
            }
            return;
        }
    }
    unit_print_errors(errs);
    print_error("no error at \"%s\"\n", where);
    fail();
}

/* The spec is refused with (at least) an error at `where`. */
static void assert_spec_error(const char *text, const char *where,
                              const char *what, const char *what2)
{
    ng_errors errs;
    spec_bad(text, &errs);
    assert_error_at(&errs, where, what, what2);
}

/* The spec is refused with exactly one error, at `where`. */
static void assert_one_spec_error(const char *text, const char *where,
                                  const char *what, const char *what2)
{
    ng_errors errs;
    spec_bad(text, &errs);
    if (errs.n != 1) {
        unit_print_errors(&errs);
        print_error("%zu errors for %s\n", errs.n, text);
    }
    assert_int_equal(errs.n, 1);
    assert_error_at(&errs, where, what, what2);
}

static void design_ok(const ng_spec *s, uint64_t master, ng_design *d)
{
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_design_from_spec(s, master, d, &errs);
    if (rc != 0) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(errs.n, 0);
}

static const char *cell(const ng_design *d, size_t p, size_t c)
{
    assert_true(p < d->n_points && c < d->n_cols);
    return d->cells[p * d->n_cols + c];
}

/* The number a design cell holds (the whole cell must be a number). */
static double cell_number(const ng_design *d, size_t p, size_t c)
{
    const char *text = cell(d, p, c);
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == text || *end != '\0') {
        print_error("cell %zu,%zu is \"%s\", not a number\n", p, c, text);
        fail();
    }
    return v;
}

static void table_ok(const char *csv, ng_table *t)
{
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_table_parse(csv, strlen(csv), "design.csv", t, &errs);
    if (rc != 0) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
}

/* A design read from CSV text, which must be accepted. */
static void table_design_ok(const char *csv, ng_design *d)
{
    ng_table t;
    table_ok(csv, &t);
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_design_from_table(&t, d, &errs);
    if (rc != 0) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
    ng_table_free(&t);
}

static const char *text(const cJSON *o, const char *key)
{
    const cJSON *v = unit_json_item(o, key);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static cJSON *parse_json(const char *s)
{
    cJSON *doc = cJSON_Parse(s);
    if (!doc) {
        print_error("not JSON: %s\n", s);
        fail();
    }
    return doc;
}

/* A whole file as a NUL-terminated string (NULL when missing). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            char *grown = realloc(buf, cap);
            assert_non_null(grown);
            buf = grown;
        }
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static long file_size(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return (long)sb.st_size;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == '\n';
    }
    return n;
}

/* dir/name into out, which must be large enough. */
static void join(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    assert_true(n >= 0 && (size_t)n < size);
}

/* Removes a folder and the files in it (no subfolders). */
static void remove_tree(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        return;
    }
    struct dirent *e;
    char path[4200];
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            join(path, sizeof path, dir, e->d_name);
            if (unlink(path) != 0) {
                remove_tree(path);
            }
        }
    }
    closedir(dp);
    rmdir(dir);
}

/* ---- 1. specs ---- */

static const char full_spec[] =
    "{\"name\": \"demo\", \"description\": \"a test sweep\","
    " \"base\": {\"preset\": \"lean\"},"
    " \"set\": {\"run.ticks\": 10, \"governance.mode\": \"lead\"},"
    " \"axes\": ["
    "  {\"path\": \"cost_sharing.rule\", \"values\": [\"capacity\", "
    "\"equal\"]},"
    "  {\"path\": \"alliance.ambition\", \"min\": 0.05, \"max\": 0.3},"
    "  {\"path\": \"network.tie_trust\", \"values\": [0.25, 0.5, 1]}],"
    " \"sampler\": {\"method\": \"lhs\", \"samples\": 8},"
    " \"replications\": 5, \"seed\": 1234,"
    " \"random_numbers\": \"independent\", \"series_every\": 3,"
    " \"confidence\": 0.9}";

static void test_spec_full_parses_every_field(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok(full_spec, &s);
    assert_string_equal(s.name, "demo");
    assert_string_equal(s.description, "a test sweep");
    assert_string_equal(s.base.preset, "lean");
    assert_null(s.base.file);
    assert_null(s.base.inline_json);
    assert_int_equal(s.n_sets, 2);
    assert_string_equal(s.sets[0], "run.ticks=10");
    assert_string_equal(s.sets[1], "governance.mode=\"lead\"");

    assert_int_equal(s.n_axes, 3);
    assert_string_equal(s.axes[0].path, "cost_sharing.rule");
    assert_ptr_equal(s.axes[0].param, ng_params_find("cost_sharing.rule"));
    assert_int_equal(s.axes[0].n_values, 2);
    assert_string_equal(s.axes[0].values[0], "\"capacity\"");
    assert_string_equal(s.axes[0].values[1], "\"equal\"");
    assert_string_equal(s.axes[1].path, "alliance.ambition");
    assert_null(s.axes[1].values);
    assert_int_equal(s.axes[1].n_values, 0);
    assert_true(s.axes[1].min == 0.05);
    assert_true(s.axes[1].max == 0.3);
    assert_int_equal(s.axes[2].n_values, 3);
    assert_string_equal(s.axes[2].values[0], "0.25");
    assert_string_equal(s.axes[2].values[1], "0.5");
    assert_string_equal(s.axes[2].values[2], "1");

    assert_int_equal(s.sampler, NG_SAMPLER_LHS);
    assert_int_equal(s.samples, 8);
    assert_int_equal(s.replications, 5);
    assert_true(s.has_seed);
    assert_true(s.seed == 1234);
    assert_false(s.common_numbers);
    assert_int_equal(s.series_every, 3);
    assert_true(s.confidence == 0.9);
    assert_int_equal(s.analysis, NG_ANALYSIS_NONE);
    assert_non_null(s.canonical);
    /* The canonical text is the spec itself, compact. */
    cJSON *a = parse_json(full_spec), *b = parse_json(s.canonical);
    assert_true(cJSON_Compare(a, b, 1));
    assert_null(strchr(s.canonical, '\n'));
    cJSON_Delete(a);
    cJSON_Delete(b);
    ng_spec_free(&s);
}

static void test_spec_sobol_sampler_and_sensitivity(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}], \"sampler\": {\"method\": \"sobol\", "
            "\"samples\": 16}, \"random_numbers\": \"common\"}",
            &s);
    assert_int_equal(s.sampler, NG_SAMPLER_SOBOL);
    assert_int_equal(s.samples, 16);
    assert_true(s.common_numbers);
    assert_false(s.has_seed);
    ng_spec_free(&s);

    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}, {\"path\": \"network.max_degree\", \"min\": 3, "
            "\"max\": 30}], \"sensitivity\": {\"method\": \"sobol\", "
            "\"samples\": 32, \"bootstrap\": 50, \"outputs\": "
            "[\"survival\", \"first_exit_tick\", \"lifetime\"]}}",
            &s);
    assert_int_equal(s.analysis, NG_ANALYSIS_SOBOL);
    assert_int_equal(s.sampler, NG_SAMPLER_NONE);
    assert_int_equal(s.sa_samples, 32);
    assert_int_equal(s.bootstrap, 50);
    assert_int_equal(s.n_outputs, 3);
    assert_string_equal(s.outputs[0], "survival");
    assert_string_equal(s.outputs[1], "first_exit_tick");
    assert_string_equal(s.outputs[2], "lifetime");
    ng_spec_free(&s);

    /* Morris with its own fields; defaults for what is not given. */
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}], \"sensitivity\": {\"method\": \"morris\", "
            "\"trajectories\": 6, \"levels\": 6}}",
            &s);
    assert_int_equal(s.analysis, NG_ANALYSIS_MORRIS);
    assert_int_equal(s.sa_samples, 6);
    assert_int_equal(s.levels, 6);
    assert_int_equal(s.bootstrap, 200);
    assert_int_equal(s.n_outputs, 2);
    assert_string_equal(s.outputs[0], "survival");
    assert_string_equal(s.outputs[1], "cumulative_value");
    ng_spec_free(&s);

    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}], \"sensitivity\": {\"method\": \"sobol\"}}",
            &s);
    assert_int_equal(s.sa_samples, 64);
    assert_int_equal(s.bootstrap, 200);
    ng_spec_free(&s);
}

static void test_spec_defaults_and_base_sources(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{}", &s);
    assert_int_equal(s.replications, 1);
    assert_true(s.common_numbers);
    assert_int_equal(s.series_every, 0); /* automatic */
    assert_true(s.confidence == 0.95);
    assert_string_equal(s.base.preset, "default");
    assert_false(s.has_seed);
    assert_int_equal(s.n_axes, 0);
    assert_int_equal(s.n_sets, 0);
    assert_int_equal(s.sampler, NG_SAMPLER_NONE);
    assert_int_equal(s.analysis, NG_ANALYSIS_NONE);
    assert_string_equal(s.canonical, "{}");
    ng_spec_free(&s);

    /* A base file is relative to the spec's folder unless absolute. */
    spec_ok_in("{\"base\": {\"file\": \"b.json\"}}", "specs", &s);
    assert_string_equal(s.base.file, "specs/b.json");
    assert_string_equal(s.base.preset, "");
    ng_spec_free(&s);
    spec_ok_in("{\"base\": {\"file\": \"/abs/b.json\"}}", "specs", &s);
    assert_string_equal(s.base.file, "/abs/b.json");
    ng_spec_free(&s);
    spec_ok_in("{\"base\": {\"file\": \"b.json\"}}", "", &s);
    assert_string_equal(s.base.file, "b.json");
    ng_spec_free(&s);

    spec_ok("{\"base\": {\"config\": {\"run\": {\"ticks\": 5}}}}", &s);
    assert_string_equal(s.base.inline_json, "{\"run\":{\"ticks\":5}}");
    assert_string_equal(s.base.preset, "");
    assert_null(s.base.file);
    ng_spec_free(&s);
}

static void test_spec_errors_name_the_field(void **state)
{
    (void)state;
    assert_one_spec_error("{\"replicatons\": 3}", "spec.json:replicatons",
                          "unknown key", "did you mean \"replications\"");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"governance.mdoe\", \"values\": [1]}]}",
        "spec.json:axes[0].path", "unknown key", "governance.mode");
    assert_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": [0.1], "
        "\"min\": 0.1, \"max\": 0.2}]}",
        "spec.json:axes[0]", "expected values or min/max", "found both");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"governance.mode\", \"min\": 0, \"max\": 1}],"
        " \"sampler\": {\"method\": \"lhs\", \"samples\": 4}}",
        "spec.json:axes[0]", "expected \"values\" for a choice", "range");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.3, "
        "\"max\": 0.2}], \"sampler\": {\"method\": \"lhs\", \"samples\": 4}}",
        "spec.json:axes[0]", "expected min below max", "found 0.3 >= 0.2");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"network.tie_trust\", \"values\": [0.5]},"
        " {\"path\": \"alliance.ambition\", \"min\": 0, \"max\": 0.2}],"
        " \"sampler\": {\"method\": \"lhs\", \"samples\": 4}}",
        "spec.json:axes[1].min", "expected a number from 0.001 to 1",
        "found 0");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}]}",
        "spec.json:sampler", "expected a sampler", "found none");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"run.seed\", \"values\": [1, 2]}]}",
        "spec.json:axes[0].path", "expected a model parameter",
        "found run.seed");
    assert_one_spec_error(
        "{\"random_numbers\": \"sometimes\"}", "spec.json:random_numbers",
        "expected \"common\" or \"independent\"", "found \"sometimes\"");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}, {\"path\": \"governance.mode\", \"values\": "
        "[\"shared\"]}], \"sensitivity\": {\"method\": \"sobol\"}}",
        "spec.json:axes", "expected only min/max axes",
        "found an axis with values");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}], \"sensitivity\": {\"method\": \"sobol\", "
        "\"outputs\": [\"survival\", \"happiness\"]}}",
        "spec.json:sensitivity.outputs[1]", "expected a numeric summary",
        "found \"happiness\"");
    /* A string metric of the summary is no output either. */
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}], \"sensitivity\": {\"method\": \"sobol\", "
        "\"outputs\": [\"outcome\"]}}",
        "spec.json:sensitivity.outputs[0]", "expected a numeric summary",
        "found \"outcome\"");
    assert_one_spec_error(
        "{\"base\": {\"preset\": \"default\", \"config\": {}}}",
        "spec.json:base", "expected exactly one of preset, file or config",
        NULL);
    assert_one_spec_error("{\"replications\": 0}", "spec.json:replications",
                          "expected a whole number from 1", "found 0");
    assert_one_spec_error("{\"replications\": 2.5}", "spec.json:replications",
                          "expected a whole number", "found 2.5");
    assert_one_spec_error("{\"confidence\": 1}", "spec.json:confidence",
                          "expected a level between 0.5 and 1", "found 1");
    assert_one_spec_error("{\"series_every\": 0}", "spec.json:series_every",
                          "expected a whole number from 1", "found 0");
    assert_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}], \"sampler\": {\"method\": \"grid\", "
        "\"samples\": 4}}",
        "spec.json:sampler.method", "expected \"lhs\" or \"sobol\"",
        "found \"grid\"");
    assert_one_spec_error(
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}], \"sensitivity\": {\"method\": \"morris\", "
        "\"levels\": 5}}",
        "spec.json:sensitivity.levels", "expected an even number of levels",
        "found 5");
}

static void test_spec_collects_every_error(void **state)
{
    (void)state;
    ng_errors errs;
    spec_bad("{\"replications\": 0, \"random_numbers\": 1,"
             " \"seriesevery\": 2,"
             " \"axes\": [{\"path\": \"network.tie_trust\", \"values\": [1]},"
             "  {\"path\": \"alliance.ambition\", \"min\": 0, \"max\": 0.5}],"
             " \"sampler\": {\"method\": \"lhs\", \"samples\": 4}}",
             &errs);
    if (errs.n != 4) {
        unit_print_errors(&errs);
    }
    assert_int_equal(errs.n, 4);
    assert_error_at(&errs, "spec.json:replications", "expected", "found 0");
    assert_error_at(&errs, "spec.json:random_numbers", "expected", "found 1");
    assert_error_at(&errs, "spec.json:seriesevery", "unknown key",
                    "did you mean \"series_every\"");
    assert_error_at(&errs, "spec.json:axes[1].min", "expected", "found 0");
}

/* One mistake, one error.  An axis whose values failed (neither values nor
 * min/max, both, an empty list) is not a min/max axis, and a sampler with a
 * bad method is still a sampler: none of them should also draw "expected a
 * sampler (lhs or sobol) for the min/max axes, found none". */
static void test_spec_one_mistake_one_error(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": [0.1], "
        "\"min\": 0.1, \"max\": 0.2}]}",
        "{\"axes\": [{\"path\": \"alliance.ambition\"}]}",
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": []}]}",
        "{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.1, "
        "\"max\": 0.2}], \"sampler\": {\"method\": \"grid\", "
        "\"samples\": 4}}",
    };
    static const char *const where[] = {
        "spec.json:axes[0]", "spec.json:axes[0]", "spec.json:axes[0].values",
        "spec.json:sampler.method"};
    static const char *const what[] = {"found both", "found neither",
                                       "expected a non-empty array",
                                       "expected \"lhs\" or \"sobol\""};
    size_t wrong = 0;
    for (size_t k = 0; k < 4; k++) {
        ng_errors errs;
        spec_bad(specs[k], &errs);
        assert_error_at(&errs, where[k], what[k], NULL);
        if (errs.n != 1) {
            print_error("%zu errors for %s:\n", errs.n, specs[k]);
            unit_print_errors(&errs);
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
}

/* ---- 2. designs from specs ---- */

static void test_design_grid_first_axis_slowest(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": "
            "[0.1, 0.2]}, {\"path\": \"network.tie_trust\", \"values\": "
            "[0.3, 0.5, 0.7]}]}",
            &s);
    ng_design d;
    design_ok(&s, 42, &d);
    assert_int_equal(d.n_points, 6);
    assert_int_equal(d.n_cols, 2);
    assert_string_equal(d.paths[0], "alliance.ambition");
    assert_string_equal(d.paths[1], "network.tie_trust");
    assert_null(d.unit);
    assert_int_equal(d.n_unit, 0);
    static const char *const a[] = {"0.1", "0.2"};
    static const char *const b[] = {"0.3", "0.5", "0.7"};
    for (size_t p = 0; p < 6; p++) {
        char id[8];
        snprintf(id, sizeof id, "%zu", p);
        assert_string_equal(d.ids[p], id);
        assert_string_equal(cell(&d, p, 0), a[p / 3]);
        assert_string_equal(cell(&d, p, 1), b[p % 3]);
        for (size_t q = 0; q < p; q++) {
            assert_false(strcmp(cell(&d, p, 0), cell(&d, q, 0)) == 0 &&
                         strcmp(cell(&d, p, 1), cell(&d, q, 1)) == 0);
        }
    }
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_lhs_range_axis_times_grid(void **state)
{
    (void)state;
    ng_spec s;
    /* The range axis sits between the value axes. */
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": "
            "[0.1, 0.2]}, {\"path\": \"network.stranger_trust\", \"min\": "
            "0.2, \"max\": 0.6}, {\"path\": \"network.tie_trust\", "
            "\"values\": [0.3, 0.5, 0.7]}], \"sampler\": {\"method\": "
            "\"lhs\", \"samples\": 4}}",
            &s);
    const uint64_t master = 977;
    ng_design d;
    design_ok(&s, master, &d);
    assert_int_equal(d.n_points, 24);
    assert_int_equal(d.n_cols, 3);
    assert_string_equal(d.paths[1], "network.stranger_trust");
    assert_int_equal(d.n_unit, 1);
    assert_non_null(d.unit);

    double u[4];
    assert_int_equal(
        ng_sample_lhs(4, 1, ng_seed_mix(master, NG_DESIGN_STREAM), u), 0);
    static const char *const a[] = {"0.1", "0.2"};
    static const char *const b[] = {"0.3", "0.5", "0.7"};
    for (size_t combo = 0; combo < 6; combo++) {
        int quarter[4] = {0, 0, 0, 0};
        for (size_t j = 0; j < 4; j++) {
            size_t p = combo * 4 + j;
            assert_string_equal(cell(&d, p, 0), a[combo / 3]);
            assert_string_equal(cell(&d, p, 2), b[combo % 3]);
            double v = cell_number(&d, p, 1);
            assert_true(v >= 0.2 && v <= 0.6);
            assert_near(v, 0.2 + u[j] * 0.4, 1e-15);
            assert_true(d.unit[p] == u[j]);
            int q = (int)floor((v - 0.2) / 0.1);
            assert_true(q >= 0 && q < 4);
            quarter[q]++;
        }
        for (int q = 0; q < 4; q++) {
            assert_int_equal(quarter[q], 1);
        }
    }
    /* The draw depends on the master seed. */
    ng_design other;
    design_ok(&s, master + 1, &other);
    assert_string_not_equal(cell(&d, 0, 1), cell(&other, 0, 1));
    ng_design_free(&other);
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_integer_range_is_whole_and_even(void **state)
{
    (void)state;
    ng_spec s;
    /* LHS with 8 samples over the 4 whole values 3..6 in equal bins: two
     * strata per value, so each value exactly twice. */
    spec_ok("{\"axes\": [{\"path\": \"network.max_degree\", \"min\": 3, "
            "\"max\": 6}], \"sampler\": {\"method\": \"lhs\", \"samples\": "
            "8}}",
            &s);
    ng_design d;
    design_ok(&s, 5, &d);
    assert_int_equal(d.n_points, 8);
    int count[4] = {0, 0, 0, 0};
    for (size_t p = 0; p < 8; p++) {
        double v = cell_number(&d, p, 0);
        assert_true(v == floor(v));
        assert_true(v >= 3 && v <= 6);
        assert_null(strchr(cell(&d, p, 0), '.'));
        count[(int)v - 3]++;
    }
    for (int k = 0; k < 4; k++) {
        assert_int_equal(count[k], 2);
    }
    ng_design_free(&d);
    ng_spec_free(&s);

    /* The Sobol sequence may reach any value, the maximum included. */
    spec_ok("{\"axes\": [{\"path\": \"run.ticks\", \"min\": 10, "
            "\"max\": 12}], \"sampler\": {\"method\": \"sobol\", "
            "\"samples\": 31}}",
            &s);
    design_ok(&s, 5, &d);
    int seen[3] = {0, 0, 0};
    for (size_t p = 0; p < d.n_points; p++) {
        double v = cell_number(&d, p, 0);
        assert_true(v == floor(v) && v >= 10 && v <= 12);
        seen[(int)v - 10]++;
    }
    assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_sobol_sampler_in_range(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}, {\"path\": \"network.tie_trust\", \"min\": 0.2, "
            "\"max\": 0.9}], \"sampler\": {\"method\": \"sobol\", "
            "\"samples\": 16}}",
            &s);
    ng_design d;
    design_ok(&s, 1, &d);
    assert_int_equal(d.n_points, 16);
    assert_int_equal(d.n_unit, 2);
    double u[32];
    assert_int_equal(ng_sample_sobol(16, 2, u), 0);
    for (size_t p = 0; p < 16; p++) {
        double a = cell_number(&d, p, 0), b = cell_number(&d, p, 1);
        assert_true(a >= 0.05 && a <= 0.3);
        assert_true(b >= 0.2 && b <= 0.9);
        assert_near(a, 0.05 + u[2 * p] * 0.25, 1e-15);
        assert_near(b, 0.2 + u[2 * p + 1] * 0.7, 1e-15);
        for (size_t q = 0; q < p; q++) {
            assert_string_not_equal(cell(&d, p, 0), cell(&d, q, 0));
        }
    }
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_saltelli_for_sobol_indices(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}, {\"path\": \"network.tie_trust\", \"min\": 0.2, "
            "\"max\": 0.9}, {\"path\": \"behaviour.noise\", \"min\": 0, "
            "\"max\": 0.1}], \"sensitivity\": {\"method\": \"sobol\", "
            "\"samples\": 8}}",
            &s);
    ng_design d;
    design_ok(&s, 3, &d);
    const size_t n = 8, k = 3;
    assert_int_equal(d.n_points, n * (k + 2));
    assert_int_equal(d.n_unit, k);
    assert_non_null(d.unit);
    double *u = malloc(n * (k + 2) * k * sizeof *u);
    assert_non_null(u);
    assert_int_equal(ng_saltelli_design(n, k, u), 0);
    static const double lo[] = {0.05, 0.2, 0}, hi[] = {0.3, 0.9, 0.1};
    for (size_t p = 0; p < d.n_points; p++) {
        for (size_t c = 0; c < k; c++) {
            assert_true(d.unit[p * k + c] == u[p * k + c]);
            /* The cell is exactly the unit coordinate on [min, max]. */
            assert_true(cell_number(&d, p, c) ==
                        lo[c] + u[p * k + c] * (hi[c] - lo[c]));
        }
    }
    free(u);
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_morris_trajectories(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"min\": 0.05, "
            "\"max\": 0.3}, {\"path\": \"network.tie_trust\", \"min\": 0.2, "
            "\"max\": 0.9}, {\"path\": \"behaviour.noise\", \"min\": 0, "
            "\"max\": 0.1}], \"sensitivity\": {\"method\": \"morris\", "
            "\"trajectories\": 5, \"levels\": 4}}",
            &s);
    const uint64_t master = 11;
    ng_design d;
    design_ok(&s, master, &d);
    const size_t r = 5, k = 3;
    assert_int_equal(d.n_points, r * (k + 1));
    assert_int_equal(d.n_unit, k);
    double *u = malloc(r * (k + 1) * k * sizeof *u);
    assert_non_null(u);
    assert_int_equal(
        ng_morris_design(r, k, 4, ng_seed_mix(master, NG_DESIGN_STREAM), u), 0);
    for (size_t p = 0; p < d.n_points; p++) {
        for (size_t c = 0; c < k; c++) {
            assert_true(d.unit[p * k + c] == u[p * k + c]);
        }
        if (p % (k + 1)) {
            /* Within a trajectory each step changes one axis. */
            size_t changed = 0;
            for (size_t c = 0; c < k; c++) {
                changed += strcmp(cell(&d, p, c), cell(&d, p - 1, c)) != 0;
            }
            assert_int_equal(changed, 1);
        }
    }
    free(u);
    ng_design_free(&d);
    ng_spec_free(&s);
}

static void test_design_without_axes_is_one_point(void **state)
{
    (void)state;
    ng_spec s;
    spec_ok("{\"replications\": 3}", &s);
    ng_design d;
    design_ok(&s, 1, &d);
    assert_int_equal(d.n_points, 1);
    assert_int_equal(d.n_cols, 0);
    assert_string_equal(d.ids[0], "0");
    ng_design_free(&d);
    ng_spec_free(&s);
}

/* ---- 3. designs from tables ---- */

static void test_design_table_ids_and_columns(void **state)
{
    (void)state;
    ng_design d;
    table_design_ok("alliance.ambition,id,governance.mode\n"
                    "0.1,a,shared\n"
                    "0.2,b,nao\n"
                    "0.3,7,lead\n",
                    &d);
    assert_int_equal(d.n_points, 3);
    assert_int_equal(d.n_cols, 2);
    assert_string_equal(d.paths[0], "alliance.ambition");
    assert_string_equal(d.paths[1], "governance.mode");
    assert_string_equal(d.ids[0], "a");
    assert_string_equal(d.ids[1], "b");
    assert_string_equal(d.ids[2], "7");
    assert_string_equal(cell(&d, 0, 0), "0.1");
    assert_string_equal(cell(&d, 0, 1), "\"shared\"");
    assert_string_equal(cell(&d, 2, 0), "0.3");
    assert_string_equal(cell(&d, 2, 1), "\"lead\"");
    assert_null(d.unit);
    ng_design_free(&d);

    /* Without an id column the ids are the row numbers. */
    table_design_ok("alliance.ambition\n0.1\n0.2\n", &d);
    assert_int_equal(d.n_cols, 1);
    assert_string_equal(d.ids[0], "0");
    assert_string_equal(d.ids[1], "1");
    ng_design_free(&d);
}

static void test_design_table_rejects_bad_columns_and_ids(void **state)
{
    (void)state;
    ng_table t;
    ng_design d;
    ng_errors errs;

    table_ok("id,alliance.ambition\na,0.1\nb,0.2\na,0.3\n", &t);
    clear_errors(&errs);
    assert_int_equal(ng_design_from_table(&t, &d, &errs), NG_ECONFIG);
    assert_int_equal(errs.n, 1);
    assert_error_at(&errs, "design column \"id\"", "expected unique ids",
                    "found \"a\" in rows 0 and 2");
    assert_int_equal(d.n_points, 0);
    assert_null(d.cells);
    ng_design_free(&d);
    ng_table_free(&t);

    table_ok("id,governance.mdoe\na,shared\n", &t);
    clear_errors(&errs);
    assert_int_equal(ng_design_from_table(&t, &d, &errs), NG_ECONFIG);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.items[0].code, NG_ECONFIG);
    assert_contains(errs.items[0].where, "governance.mdoe");
    assert_contains(errs.items[0].msg, "unknown key");
    assert_contains(errs.items[0].msg, "governance.mode");
    assert_int_equal(d.n_points, 0);
    ng_design_free(&d);
    ng_table_free(&t);

    table_ok("run.seed,alliance.ambition\n5,0.1\n", &t);
    clear_errors(&errs);
    assert_int_equal(ng_design_from_table(&t, &d, &errs), NG_ECONFIG);
    assert_int_equal(errs.n, 1);
    assert_error_at(&errs, "design column \"run.seed\"",
                    "expected a model parameter", "found run.seed");
    ng_design_free(&d);
    ng_table_free(&t);
}

/* ---- 4. checking a design against the base ---- */

static void test_design_check_names_the_point(void **state)
{
    (void)state;
    ng_config base;
    ng_config_init(&base);
    ng_design d;
    ng_errors errs;

    table_design_ok("governance.mode,alliance.ambition\n"
                    "shared,0.1\nnao,0.5\n",
                    &d);
    clear_errors(&errs);
    assert_int_equal(ng_design_check(&d, &base, &errs), 0);
    assert_int_equal(errs.n, 0);
    ng_design_free(&d);

    table_design_ok("id,governance.mode,alliance.ambition\n"
                    "ok,shared,0.1\n"
                    "badmode,\"\"\"bogus\"\"\",0.2\n"
                    "badnum,lead,5\n",
                    &d);
    assert_string_equal(cell(&d, 1, 0), "\"bogus\"");
    clear_errors(&errs);
    assert_int_equal(ng_design_check(&d, &base, &errs), NG_ECONFIG);
    if (errs.n != 2) {
        unit_print_errors(&errs);
    }
    assert_int_equal(errs.n, 2);
    assert_string_equal(errs.items[0].where,
                        "design point 1 (id \"badmode\"): governance.mode");
    assert_contains(errs.items[0].msg, "expected");
    assert_contains(errs.items[0].msg, "bogus");
    assert_string_equal(errs.items[1].where,
                        "design point 2 (id \"badnum\"): alliance.ambition");
    assert_contains(errs.items[1].msg, "expected");
    assert_contains(errs.items[1].msg, "found 5");
    ng_design_free(&d);
    /* The base is left as it was. */
    assert_int_equal(base.p.governance_mode,
                     ng_family_find(NG_FAMILY_GOVERNANCE, "shared"));
    ng_config_clear(&base);
}

/* ---- 5. seeds ---- */

static void test_sweep_seed_streams(void **state)
{
    (void)state;
    const uint64_t master = 20240601;
    for (size_t rep = 0; rep < 4; rep++) {
        uint64_t common = ng_sweep_seed(master, 0, rep, true);
        assert_true(common == ng_seed_mix(master, rep));
        for (size_t p = 0; p < 5; p++) {
            /* Common numbers: the same seed at every point. */
            assert_true(ng_sweep_seed(master, p, rep, true) == common);
            uint64_t ind = ng_sweep_seed(master, p, rep, false);
            assert_true(ind == ng_seed_mix(master, (((uint64_t)p + 1) << 32) +
                                                       (uint64_t)rep));
            assert_true(ind >= 1 && ind <= UINT64_C(4294967295));
            assert_true(common >= 1 && common <= UINT64_C(4294967295));
            for (size_t q = 0; q < p; q++) {
                assert_true(ng_sweep_seed(master, q, rep, false) != ind);
            }
            for (size_t r2 = 0; r2 < rep; r2++) {
                assert_true(ng_sweep_seed(master, p, r2, false) != ind);
            }
        }
        for (size_t r2 = 0; r2 < rep; r2++) {
            assert_true(ng_sweep_seed(master, 3, r2, true) != common);
        }
    }
    assert_true(ng_sweep_seed(1, 0, 0, true) != ng_sweep_seed(2, 0, 0, true));
}

/* ---- 6. run lines ---- */

typedef struct sweep_fixture {
    ng_config base;
    ng_spec spec;
    ng_design design;
    ng_sweep sweep;
} sweep_fixture;

/* Checks d against base (parsing its cells for the runner); must pass. */
static void check_ok(ng_design *d, const ng_config *base)
{
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_design_check(d, base, &errs);
    if (rc) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
    assert_non_null(d->values);
}

/* The default scenario cut to 10 ticks, a checked design of two points
 * (ambition 0.1 and 0.2), `reps` replications. */
static void fixture_init(sweep_fixture *f, size_t reps, bool common,
                         size_t every)
{
    memset(f, 0, sizeof *f);
    ng_config_init(&f->base);
    f->base.p.run_ticks = 10;
    spec_ok("{\"axes\": [{\"path\": \"alliance.ambition\", \"values\": "
            "[0.1, 0.2]}]}",
            &f->spec);
    design_ok(&f->spec, 99, &f->design);
    check_ok(&f->design, &f->base);
    f->sweep.base = &f->base;
    f->sweep.design = &f->design;
    f->sweep.replications = reps;
    f->sweep.master_seed = 99;
    f->sweep.common_numbers = common;
    f->sweep.series_every = every;
    f->sweep.documents_dir = NULL;
}

static void fixture_free(sweep_fixture *f)
{
    ng_design_free(&f->design);
    ng_spec_free(&f->spec);
    ng_config_clear(&f->base);
}

static char *run_line(const ng_sweep *s, size_t r)
{
    char *line = NULL;
    assert_int_equal(ng_sweep_run_line(s, r, &line), 0);
    assert_non_null(line);
    assert_null(strchr(line, '\n'));
    return line;
}

/* Length of a series array, which must hold numbers only. */
static size_t series_len(const cJSON *series, const char *key)
{
    const cJSON *a = unit_json_item(series, key);
    assert_true(cJSON_IsArray(a));
    for (const cJSON *v = a->child; v; v = v->next) {
        assert_true(cJSON_IsNumber(v));
    }
    return (size_t)cJSON_GetArraySize(a);
}

static void test_sweep_run_line_fields_and_series(void **state)
{
    (void)state;
    sweep_fixture f;
    fixture_init(&f, 2, false, 1);
    assert_int_equal(ng_sweep_runs(&f.sweep), 4);

    char *line = run_line(&f.sweep, 3);
    cJSON *doc = parse_json(line);
    assert_true(unit_json_number(doc, "run") == 3);
    assert_true(unit_json_number(doc, "point") == 1);
    assert_string_equal(text(doc, "id"), "1");
    assert_true(unit_json_number(doc, "rep") == 1);
    assert_true(unit_json_number(doc, "seed") ==
                (double)ng_sweep_seed(99, 1, 1, false));
    const cJSON *params = unit_json_item(doc, "params");
    assert_int_equal(cJSON_GetArraySize(params), 1);
    assert_true(unit_json_number(params, "alliance.ambition") == 0.2);
    const char *outcome = text(doc, "outcome");
    assert_true(strcmp(outcome, "survived") == 0 ||
                strcmp(outcome, "dissolved") == 0 ||
                strcmp(outcome, "completed") == 0);
    const cJSON *summary = unit_json_item(doc, "summary");
    assert_true(cJSON_IsObject(summary));
    assert_true(cJSON_IsNumber(unit_json_item(summary, "cumulative_value")));
    assert_null(cJSON_GetObjectItemCaseSensitive(doc, "error"));

    const cJSON *series = unit_json_item(doc, "series");
    size_t len = series_len(series, "tick");
    assert_true(len >= 1 && len <= 10);
    if (strcmp(outcome, "dissolved") != 0) {
        assert_int_equal(len, 10);
    }
    static const char *const keys[] = {
#define NG_KEY_NAME(name) #name,
        NG_SWEEP_SERIES(NG_KEY_NAME)
#undef NG_KEY_NAME
    };
    assert_int_equal(cJSON_GetArraySize(series), 1 + 6);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(series_len(series, keys[k]), len);
    }
    const cJSON *tick = unit_json_item(series, "tick");
    for (size_t t = 0; t < len; t++) {
        assert_true(cJSON_GetArrayItem(tick, (int)t)->valuedouble ==
                    (double)(t + 1));
    }

    /* The same run again gives the same text. */
    char *again = run_line(&f.sweep, 3);
    assert_string_equal(line, again);
    free(again);

    /* Every third tick: 1, 4, 7, 10 of the same run. */
    f.sweep.series_every = 3;
    char *sparse = run_line(&f.sweep, 3);
    cJSON *sdoc = parse_json(sparse);
    const cJSON *ss = unit_json_item(sdoc, "series");
    size_t slen = series_len(ss, "tick");
    assert_int_equal(slen, (len + 2) / 3);
    for (size_t t = 0; t < slen; t++) {
        assert_true(cJSON_GetArrayItem(unit_json_item(ss, "tick"), (int)t)
                        ->valuedouble == (double)(3 * t + 1));
        for (size_t k = 0; k < 6; k++) {
            assert_true(cJSON_GetArrayItem(unit_json_item(ss, keys[k]), (int)t)
                            ->valuedouble ==
                        cJSON_GetArrayItem(unit_json_item(series, keys[k]),
                                           (int)(3 * t))
                            ->valuedouble);
        }
    }
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(series_len(ss, keys[k]), slen);
    }
    /* Thinning the series changes nothing else. */
    assert_true(cJSON_Compare(unit_json_item(sdoc, "summary"), summary, 1));
    cJSON_Delete(sdoc);
    free(sparse);

    cJSON_Delete(doc);
    free(line);
    fixture_free(&f);
}

/* series_every 0 keeps every ceil(run.ticks / 50)-th tick: every 3rd of
 * 120 ticks. */
static void test_sweep_run_line_automatic_series(void **state)
{
    (void)state;
    sweep_fixture f;
    fixture_init(&f, 1, true, 1);
    f.base.p.run_ticks = 120;
    char *full = run_line(&f.sweep, 0);
    f.sweep.series_every = 0;
    char *autom = run_line(&f.sweep, 0);
    cJSON *a = parse_json(full), *b = parse_json(autom);
    size_t len = series_len(unit_json_item(a, "series"), "tick");
    size_t alen = series_len(unit_json_item(b, "series"), "tick");
    if (strcmp(text(a, "outcome"), "dissolved") != 0) {
        assert_int_equal(len, 120);
    }
    assert_int_equal(alen, (len + 2) / 3);
    const cJSON *at = unit_json_item(unit_json_item(b, "series"), "tick");
    const cJSON *am = unit_json_item(unit_json_item(b, "series"), "members");
    const cJSON *fm = unit_json_item(unit_json_item(a, "series"), "members");
    for (size_t t = 0; t < alen; t++) {
        assert_true(cJSON_GetArrayItem(at, (int)t)->valuedouble ==
                    (double)(3 * t + 1));
        assert_true(cJSON_GetArrayItem(am, (int)t)->valuedouble ==
                    cJSON_GetArrayItem(fm, (int)(3 * t))->valuedouble);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    free(full);
    free(autom);
    fixture_free(&f);
}

static void test_sweep_run_line_invalid_combination(void **state)
{
    (void)state;
    sweep_fixture f;
    fixture_init(&f, 1, true, 1);
    ng_design bad;
    table_design_ok("id,cost_sharing.rule,governance.mode\n"
                    "x,lead_pays,shared\n",
                    &bad);
    /* Each value is valid on its own: the check passes, the run fails. */
    check_ok(&bad, &f.base);
    f.sweep.design = &bad;
    char *line = run_line(&f.sweep, 0);
    cJSON *doc = parse_json(line);
    assert_true(unit_json_number(doc, "run") == 0);
    assert_string_equal(text(doc, "id"), "x");
    assert_true(cJSON_IsObject(unit_json_item(doc, "params")));
    const cJSON *err = unit_json_item(doc, "error");
    assert_string_equal(text(err, "code"), "ECONFIG");
    assert_string_equal(text(err, "where"), "cost_sharing.rule");
    assert_contains(text(err, "message"), "expected governance.mode \"lead\"");
    assert_null(cJSON_GetObjectItemCaseSensitive(doc, "summary"));
    assert_null(cJSON_GetObjectItemCaseSensitive(doc, "series"));
    assert_null(cJSON_GetObjectItemCaseSensitive(doc, "outcome"));
    cJSON_Delete(doc);
    free(line);
    ng_design_free(&bad);
    fixture_free(&f);
}

/* ---- 7. threads ---- */

#define MAX_RUNS 8

typedef struct collected {
    char *line[MAX_RUNS];
    int calls[MAX_RUNS];
    size_t total;
} collected;

static void collect(void *ctx, size_t run, const char *line)
{
    collected *c = ctx;
    c->total++;
    if (run < MAX_RUNS) {
        c->calls[run]++;
        free(c->line[run]);
        c->line[run] = strdup(line);
    }
}

static void collected_free(collected *c)
{
    for (size_t r = 0; r < MAX_RUNS; r++) {
        free(c->line[r]);
    }
}

static void test_sweep_threads_same_lines(void **state)
{
    (void)state;
    sweep_fixture f;
    fixture_init(&f, 3, true, 1);
    const size_t n = ng_sweep_runs(&f.sweep);
    assert_int_equal(n, 6);
    static const size_t todo[] = {5, 0, 3, 1, 4, 2};
    collected one, three;
    memset(&one, 0, sizeof one);
    memset(&three, 0, sizeof three);
    ng_error err;
    memset(&err, 0, sizeof err);
    atomic_int go = 0;
    assert_int_equal(
        ng_sweep_run_threads(&f.sweep, todo, n, 1, collect, &one, &go, &err),
        0);
    assert_int_equal(
        ng_sweep_run_threads(&f.sweep, todo, n, 3, collect, &three, NULL, &err),
        0);
    assert_int_equal(one.total, n);
    assert_int_equal(three.total, n);
    for (size_t r = 0; r < n; r++) {
        assert_int_equal(one.calls[r], 1);
        assert_int_equal(three.calls[r], 1);
        assert_string_equal(one.line[r], three.line[r]);
        char *direct = run_line(&f.sweep, r);
        assert_string_equal(one.line[r], direct);
        free(direct);
    }
    collected_free(&one);
    collected_free(&three);

    /* Only the listed runs. */
    static const size_t some[] = {4, 1};
    collected part;
    memset(&part, 0, sizeof part);
    assert_int_equal(
        ng_sweep_run_threads(&f.sweep, some, 2, 3, collect, &part, NULL, &err),
        0);
    assert_int_equal(part.total, 2);
    for (size_t r = 0; r < n; r++) {
        assert_int_equal(part.calls[r], r == 4 || r == 1);
    }
    collected_free(&part);

    /* A stop flag raised before the start runs nothing. */
    atomic_int stop = 1;
    collected none;
    memset(&none, 0, sizeof none);
    assert_int_equal(
        ng_sweep_run_threads(&f.sweep, todo, n, 3, collect, &none, &stop, &err),
        0);
    assert_int_equal(none.total, 0);
    collected_free(&none);

    /* An unchecked design is refused before any run. */
    ng_design raw;
    design_ok(&f.spec, 99, &raw);
    assert_null(raw.values);
    ng_sweep unchecked = f.sweep;
    unchecked.design = &raw;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_sweep_run_threads(&unchecked, todo, n, 2, collect,
                                          &none, NULL, &err),
                     NG_EINVAL);
    assert_contains(err.msg, "ng_design_check");
    assert_int_equal(none.total, 0);
    ng_design_free(&raw);

    /* No threads is a usage error. */
    assert_int_equal(
        ng_sweep_run_threads(&f.sweep, todo, n, 0, collect, &none, NULL, &err),
        NG_EINVAL);
    assert_int_equal(none.total, 0);
    fixture_free(&f);
}

/* ---- 8. point summaries ---- */

static cJSON *summary_of(const char *const *lines, size_t n, cJSON **runs)
{
    for (size_t k = 0; k < n; k++) {
        runs[k] = parse_json(lines[k]);
    }
    cJSON *p = ng__point_summary(runs, n, 0.95);
    assert_non_null(p);
    return p;
}

static void assert_stat(const cJSON *metrics, const char *name, size_t n,
                        double mean, double sd, double half)
{
    const cJSON *st = unit_json_item(metrics, name);
    assert_true(unit_json_number(st, "n") == (double)n);
    assert_near(unit_json_number(st, "mean"), mean, 1e-12);
    assert_near(unit_json_number(st, "sd"), sd, 1e-12);
    assert_near(unit_json_number(st, "ci_low"), mean - half, 1e-9);
    assert_near(unit_json_number(st, "ci_high"), mean + half, 1e-9);
}

static void test_point_summary_known_answers(void **state)
{
    (void)state;
    /* A failed run first: it names the point but adds no statistics. */
    static const char *const lines[] = {
        "{\"run\":8,\"point\":2,\"id\":\"p2\",\"rep\":0,\"seed\":1,"
        "\"params\":{\"alliance.ambition\":0.2},\"error\":{\"code\":"
        "\"ECONFIG\",\"where\":\"x\",\"message\":\"bad\"}}",
        "{\"run\":9,\"point\":2,\"id\":\"p2\",\"rep\":1,\"seed\":2,"
        "\"params\":{\"alliance.ambition\":0.2},\"outcome\":\"survived\","
        "\"cause\":\"none\",\"summary\":{\"outcome\":\"survived\","
        "\"cumulative_value\":1,\"first_exit_tick\":null,"
        "\"final_mission\":[1,2,3,4]},"
        "\"series\":{\"tick\":[1,2,3],\"members\":[4,5,6]}}",
        "{\"run\":10,\"point\":2,\"id\":\"p2\",\"rep\":2,\"seed\":3,"
        "\"params\":{\"alliance.ambition\":0.2},\"outcome\":\"dissolved\","
        "\"cause\":\"breakdown\",\"summary\":{\"outcome\":\"dissolved\","
        "\"cumulative_value\":2,\"first_exit_tick\":5,"
        "\"final_mission\":[1,2,3,4]},"
        "\"series\":{\"tick\":[1,2],\"members\":[2,3]}}",
        "{\"run\":11,\"point\":2,\"id\":\"p2\",\"rep\":3,\"seed\":4,"
        "\"params\":{\"alliance.ambition\":0.2},\"outcome\":\"completed\","
        "\"cause\":\"none\",\"summary\":{\"outcome\":\"completed\","
        "\"cumulative_value\":3,\"first_exit_tick\":9,"
        "\"final_mission\":[1,2,3,4]},"
        "\"series\":{\"tick\":[1,2,3],\"members\":[6,7,8]}}",
        "{\"run\":12,\"point\":2,\"id\":\"p2\",\"rep\":4,\"seed\":5,"
        "\"params\":{\"alliance.ambition\":0.2},\"outcome\":\"survived\","
        "\"cause\":\"none\",\"summary\":{\"outcome\":\"survived\","
        "\"cumulative_value\":4,\"first_exit_tick\":null,"
        "\"final_mission\":[1,2,3,4]},"
        "\"series\":{\"tick\":[1],\"members\":[4]}}",
    };
    cJSON *runs[5];
    cJSON *p = summary_of(lines, 5, runs);

    assert_true(unit_json_number(p, "point") == 2);
    assert_string_equal(text(p, "id"), "p2");
    assert_true(unit_json_number(unit_json_item(p, "params"),
                                 "alliance.ambition") == 0.2);
    assert_true(unit_json_number(p, "runs") == 5);
    assert_true(unit_json_number(p, "failed") == 1);

    const cJSON *outcomes = unit_json_item(p, "outcomes");
    assert_near(unit_json_number(outcomes, "survived"), 0.5, 1e-15);
    assert_near(unit_json_number(outcomes, "dissolved"), 0.25, 1e-15);
    assert_near(unit_json_number(outcomes, "completed"), 0.25, 1e-15);
    const cJSON *causes = unit_json_item(p, "causes");
    assert_int_equal(cJSON_GetArraySize(causes), 1);
    assert_true(unit_json_number(causes, "breakdown") == 1);

    const cJSON *metrics = unit_json_item(p, "metrics");
    assert_stat(metrics, "cumulative_value", 4, 2.5, sqrt(5.0 / 3),
                T975_3 * sqrt(5.0 / 3) / 2);
    /* Null first exits are left out: 5 and 9. */
    assert_stat(metrics, "first_exit_tick", 2, 7, sqrt(8.0),
                T975_1 * sqrt(8.0) / sqrt(2.0));
    /* Survival: 3 of 4 runs did not dissolve; Wilson's interval. */
    const cJSON *surv = unit_json_item(metrics, "survival");
    assert_true(unit_json_number(surv, "n") == 4);
    assert_near(unit_json_number(surv, "mean"), 0.75, 1e-15);
    assert_near(unit_json_number(surv, "sd"), 0.5, 1e-12);
    assert_near(unit_json_number(surv, "ci_low"), 0.30064184258240184, 1e-12);
    assert_near(unit_json_number(surv, "ci_high"), 0.9544127391902995, 1e-12);
    /* Strings and vectors of the summary are not metrics. */
    assert_null(cJSON_GetObjectItemCaseSensitive(metrics, "outcome"));
    assert_null(cJSON_GetObjectItemCaseSensitive(metrics, "final_mission"));
    assert_int_equal(cJSON_GetArraySize(metrics), 3);
    assert_near(ng__run_metric(runs[1], "survival"), 1, 0);
    assert_near(ng__run_metric(runs[2], "survival"), 0, 0);
    assert_true(isnan(ng__run_metric(runs[0], "survival")));
    assert_true(isnan(ng__run_metric(runs[1], "first_exit_tick")));
    assert_near(ng__run_metric(runs[2], "first_exit_tick"), 5, 0);

    /* Series: ticks of the longest run; each tick over the runs still
     * recording: (4+2+6+4)/4, (5+3+7)/3, (6+8)/2. */
    const cJSON *series = unit_json_item(p, "series");
    const cJSON *tick = unit_json_item(series, "tick"),
                *count = unit_json_item(series, "n");
    assert_int_equal(cJSON_GetArraySize(tick), 3);
    assert_int_equal(cJSON_GetArraySize(count), 3);
    const cJSON *members = unit_json_item(series, "members");
    const cJSON *mean = unit_json_item(members, "mean");
    const cJSON *lo = unit_json_item(members, "ci_low"),
                *hi = unit_json_item(members, "ci_high");
    static const double want_mean[] = {4, 5, 7}, want_n[] = {4, 3, 2};
    static const double want_half[] = {
        T975_3 * 1.6329931618554521 / 2, /* sd of 4, 2, 6, 4 */
        T975_2 * 2 / 1.7320508075688772, /* sd of 5, 3, 7 */
        T975_1 * 1.4142135623730951 / 1.4142135623730951};
    for (int t = 0; t < 3; t++) {
        assert_true(cJSON_GetArrayItem(tick, t)->valuedouble == t + 1);
        assert_true(cJSON_GetArrayItem(count, t)->valuedouble == want_n[t]);
        assert_near(cJSON_GetArrayItem(mean, t)->valuedouble, want_mean[t],
                    1e-12);
        assert_near(cJSON_GetArrayItem(lo, t)->valuedouble,
                    want_mean[t] - want_half[t], 1e-9);
        assert_near(cJSON_GetArrayItem(hi, t)->valuedouble,
                    want_mean[t] + want_half[t], 1e-9);
    }
    cJSON_Delete(p);
    for (size_t k = 0; k < 5; k++) {
        cJSON_Delete(runs[k]);
    }
}

static void test_point_summary_all_failed(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "{\"run\":0,\"point\":0,\"id\":\"0\",\"rep\":0,\"seed\":1,"
        "\"params\":{},\"error\":{\"code\":\"ECONFIG\",\"where\":\"x\","
        "\"message\":\"bad\"}}",
        "{\"run\":1,\"point\":0,\"id\":\"0\",\"rep\":1,\"seed\":2,"
        "\"params\":{},\"error\":{\"code\":\"ECONFIG\",\"where\":\"x\","
        "\"message\":\"bad\"}}"};
    cJSON *runs[2];
    cJSON *p = summary_of(lines, 2, runs);
    assert_true(unit_json_number(p, "runs") == 2);
    assert_true(unit_json_number(p, "failed") == 2);
    assert_int_equal(cJSON_GetArraySize(unit_json_item(p, "metrics")), 0);
    assert_true(
        isnan(unit_json_number(unit_json_item(p, "outcomes"), "survived")));
    cJSON_Delete(p);
    cJSON_Delete(runs[0]);
    cJSON_Delete(runs[1]);
}

/* ---- 9. the output folder ---- */

static const char *const store_lines[] = {
    "{\"run\":0,\"point\":0,\"id\":\"a\",\"rep\":0,\"seed\":1,\"params\":"
    "{\"alliance.ambition\":0.1},\"outcome\":\"survived\",\"cause\":"
    "\"none\",\"summary\":{\"cumulative_value\":1},\"series\":{\"tick\":"
    "[1,2],\"members\":[3,4]}}",
    "{\"run\":1,\"point\":0,\"id\":\"a\",\"rep\":1,\"seed\":2,\"params\":"
    "{\"alliance.ambition\":0.1},\"outcome\":\"survived\",\"cause\":"
    "\"none\",\"summary\":{\"cumulative_value\":3},\"series\":{\"tick\":"
    "[1,2],\"members\":[5,6]}}",
    "{\"run\":2,\"point\":1,\"id\":\"b\",\"rep\":0,\"seed\":1,\"params\":"
    "{\"alliance.ambition\":0.2},\"error\":{\"code\":\"ECONFIG\","
    "\"where\":\"x\",\"message\":\"bad\"}}",
    "{\"run\":3,\"point\":1,\"id\":\"b\",\"rep\":1,\"seed\":2,\"params\":"
    "{\"alliance.ambition\":0.2},\"outcome\":\"dissolved\",\"cause\":"
    "\"breakdown\",\"summary\":{\"cumulative_value\":5},\"series\":"
    "{\"tick\":[1],\"members\":[2]}}",
};

/* A line as the store writes it: with its "check" member, FNV-1a 64 of
 * the fingerprint ("<spec hash> seed <master seed>"), a newline and the
 * line before ,"check" (docs/EXPERIMENTS.md). */
static char *with_check(const char *line, const char *hash, uint64_t seed)
{
    char fp[96];
    snprintf(fp, sizeof fp, "%s seed %llu", hash, (unsigned long long)seed);
    uint64_t h = UINT64_C(14695981039346656037);
    size_t n = strlen(line) - 1;
    for (const char *c = fp; *c; c++) {
        h = (h ^ (unsigned char)*c) * UINT64_C(1099511628211);
    }
    h = (h ^ '\n') * UINT64_C(1099511628211);
    for (size_t k = 0; k < n; k++) {
        h = (h ^ (unsigned char)line[k]) * UINT64_C(1099511628211);
    }
    char *out = malloc(n + 32);
    assert_non_null(out);
    snprintf(out, n + 32, "%.*s,\"check\":\"%016llx\"}", (int)n, line,
             (unsigned long long)h);
    return out;
}

static ng_provenance store_provenance(const char *hash)
{
    ng_provenance pv;
    memset(&pv, 0, sizeof pv);
    pv.command = "sweep";
    pv.spec_json = "{\"name\":\"t\"}";
    pv.spec_hash = hash;
    pv.design_file = NULL;
    pv.master_seed = 7;
    pv.common_numbers = true;
    pv.points = 2;
    pv.replications = 2;
    pv.confidence = 0.95;
    pv.shard = 1;
    pv.shards = 1;
    pv.threads = 1;
    pv.ranks = 1;
    return pv;
}

static cJSON *load_doc(const char *dir, const char *name)
{
    char path[4200];
    join(path, sizeof path, dir, name);
    char *t = slurp(path);
    if (!t) {
        print_error("%s is missing\n", path);
        fail();
    }
    cJSON *doc = parse_json(t);
    free(t);
    return doc;
}

static void append_ok(ng_store *st, const char *line)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    int rc = ng_store_append(st, line, &err);
    if (rc) {
        print_error("%s: %s\n", err.where, err.msg);
    }
    assert_int_equal(rc, 0);
}

static void open_ok(ng_store *st, const char *dir, const ng_provenance *pv)
{
    ng_errors errs;
    clear_errors(&errs);
    int rc = ng_store_open(st, dir, pv, &errs);
    if (rc) {
        unit_print_errors(&errs);
    }
    assert_int_equal(rc, 0);
}

static void test_store_open_append_resume_finish(void **state)
{
    (void)state;
    char tmp[] = "/tmp/ng_sweep_test_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char dir[4200], runs[4200], path[4200];
    join(dir, sizeof dir, tmp, "out");
    join(runs, sizeof runs, dir, "runs.jsonl");

    char hash[32];
    const char *parts[] = {"{\"name\":\"t\"}", "base", "design"};
    ng_sweep_hash(parts, 3, hash);
    ng_provenance pv = store_provenance(hash);

    /* A fresh folder. */
    ng_store st;
    open_ok(&st, dir, &pv);
    assert_int_equal(st.n_runs, 4);
    assert_int_equal(st.n_mine, 4);
    assert_int_equal(st.n_done, 0);
    assert_int_equal(st.attempts, 1);
    cJSON *man = load_doc(dir, "manifest.json");
    assert_string_equal(text(man, "status"), "running");
    assert_string_equal(text(man, "spec_hash"), hash);
    assert_string_equal(text(man, "command"), "sweep");
    assert_string_equal(text(man, "shard"), "1/1");
    assert_string_equal(text(man, "random_numbers"), "common");
    assert_true(unit_json_number(man, "runs") == 4);
    assert_true(unit_json_number(man, "attempts") == 1);
    assert_true(cJSON_IsNull(unit_json_item(man, "finished")));
    assert_true(cJSON_IsNull(unit_json_item(man, "design_file")));
    assert_string_equal(text(unit_json_item(man, "spec"), "name"), "t");
    char started[32];
    snprintf(started, sizeof started, "%s", text(man, "started"));
    cJSON_Delete(man);

    /* Two runs finish out of order, then the process dies in the middle
     * of a third line. */
    append_ok(&st, store_lines[3]);
    append_ok(&st, store_lines[1]);
    assert_int_equal(st.n_done, 2);
    ng_store_close(&st);
    long whole = file_size(runs);
    /* Each line gains ,"check":"<16 hex digits>" (27 bytes). */
    assert_true(whole == (long)(strlen(store_lines[3]) +
                                strlen(store_lines[1]) + 2 + 2 * 27));
    FILE *f = fopen(runs, "a");
    assert_non_null(f);
    fputs("{\"run\":", f);
    fclose(f);
    assert_true(file_size(runs) == whole + 7);

    /* Resuming: the two runs are done, the cut line is gone. */
    open_ok(&st, dir, &pv);
    assert_int_equal(st.n_done, 2);
    assert_int_equal(st.done[0], 0);
    assert_int_equal(st.done[1], 1);
    assert_int_equal(st.done[2], 0);
    assert_int_equal(st.done[3], 1);
    assert_int_equal(st.attempts, 2);
    assert_string_equal(st.started, started);
    assert_true(file_size(runs) == whole);
    man = load_doc(dir, "manifest.json");
    assert_string_equal(text(man, "status"), "running");
    assert_true(unit_json_number(man, "attempts") == 2);
    assert_true(unit_json_number(man, "runs_done") == 2);
    cJSON_Delete(man);

    append_ok(&st, store_lines[2]);
    append_ok(&st, store_lines[0]);
    assert_int_equal(st.n_done, 4);
    ng_error err;
    memset(&err, 0, sizeof err);
    int rc = ng_store_finish(&st, &pv, &err);
    if (rc) {
        print_error("%s: %s\n", err.where, err.msg);
    }
    assert_int_equal(rc, 0);
    ng_store_close(&st);

    /* runs.jsonl in run order. */
    char *all = slurp(runs);
    assert_non_null(all);
    size_t want_len = 0;
    for (size_t r = 0; r < 4; r++) {
        want_len += strlen(store_lines[r]) + 1 + 27;
    }
    char *want = malloc(want_len + 1);
    assert_non_null(want);
    want[0] = '\0';
    for (size_t r = 0; r < 4; r++) {
        char *checked = with_check(store_lines[r], hash, pv.master_seed);
        strcat(want, checked);
        strcat(want, "\n");
        free(checked);
    }
    assert_string_equal(all, want);
    free(want);
    free(all);

    man = load_doc(dir, "manifest.json");
    assert_string_equal(text(man, "status"), "complete");
    assert_true(unit_json_number(man, "runs_done") == 4);
    assert_true(unit_json_number(man, "runs_failed") == 1);
    assert_true(unit_json_number(man, "attempts") == 2);
    assert_string_equal(text(man, "started"), started);
    assert_true(strlen(text(man, "finished")) == 20);
    cJSON_Delete(man);

    cJSON *sum = load_doc(dir, "summary.json");
    assert_near(unit_json_number(sum, "confidence"), 0.95, 0);
    const cJSON *points = unit_json_item(sum, "points");
    assert_int_equal(cJSON_GetArraySize(points), 2);
    const cJSON *p0 = cJSON_GetArrayItem(points, 0);
    const cJSON *p1 = cJSON_GetArrayItem(points, 1);
    assert_true(unit_json_number(p0, "point") == 0);
    assert_string_equal(text(p0, "id"), "a");
    assert_true(unit_json_number(p0, "runs") == 2);
    assert_true(unit_json_number(p0, "failed") == 0);
    const cJSON *cv =
        unit_json_item(unit_json_item(p0, "metrics"), "cumulative_value");
    assert_near(unit_json_number(cv, "mean"), 2, 1e-15);
    assert_near(unit_json_number(cv, "sd"), sqrt(2.0), 1e-12);
    assert_true(unit_json_number(p1, "point") == 1);
    assert_true(unit_json_number(p1, "runs") == 2);
    assert_true(unit_json_number(p1, "failed") == 1);
    cv = unit_json_item(unit_json_item(p1, "metrics"), "cumulative_value");
    assert_true(unit_json_number(cv, "n") == 1);
    assert_near(unit_json_number(cv, "mean"), 5, 0);
    assert_near(
        unit_json_number(
            unit_json_item(unit_json_item(p1, "metrics"), "survival"), "mean"),
        0, 0);
    cJSON_Delete(sum);

    join(path, sizeof path, dir, "summary.csv");
    char *csv = slurp(path);
    assert_non_null(csv);
    assert_int_equal(count_lines(csv), 3);
    assert_true(strncmp(csv,
                        "point,id,alliance.ambition,runs,failed,survived,"
                        "dissolved,completed,survival_mean,survival_sd,"
                        "survival_ci_low,survival_ci_high,"
                        "cumulative_value_mean,",
                        strlen("point,id,alliance.ambition,runs,failed,"
                               "survived,dissolved,completed,survival_mean,"
                               "survival_sd,survival_ci_low,survival_ci_high,"
                               "cumulative_value_mean,")) == 0);
    assert_non_null(strstr(csv, "\n0,a,0.1,2,0,1,0,0,1,0,"));
    assert_non_null(strstr(csv, "\n1,b,0.2,2,1,0,1,0,0,"));
    free(csv);

    /* Another spec in the same folder is refused. */
    char other[32];
    const char *parts2[] = {"{\"name\":\"u\"}", "base", "design"};
    ng_sweep_hash(parts2, 3, other);
    ng_provenance pv2 = store_provenance(other);
    ng_errors errs;
    clear_errors(&errs);
    assert_int_equal(ng_store_open(&st, dir, &pv2, &errs), NG_ECONFIG);
    ng_store_close(&st);
    assert_true(errs.n >= 1);
    assert_contains(errs.items[0].msg, "different sweep");
    assert_contains(errs.items[0].msg, hash);
    assert_contains(errs.items[0].msg, other);
    assert_contains(errs.items[0].where, "manifest.json");
    /* ... and left as it was. */
    man = load_doc(dir, "manifest.json");
    assert_string_equal(text(man, "status"), "complete");
    assert_string_equal(text(man, "spec_hash"), hash);
    cJSON_Delete(man);

    remove_tree(dir);
    remove_tree(tmp);
}

static void test_store_finish_reports_missing_run(void **state)
{
    (void)state;
    char tmp[] = "/tmp/ng_sweep_test_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char hash[32];
    const char *parts[] = {"x"};
    ng_sweep_hash(parts, 1, hash);
    ng_provenance pv = store_provenance(hash);
    ng_store st;
    open_ok(&st, tmp, &pv);
    append_ok(&st, store_lines[0]);
    append_ok(&st, store_lines[2]);
    append_ok(&st, store_lines[3]);
    ng_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_store_finish(&st, &pv, &err), NG_EIO);
    assert_contains(err.msg, "run 1 is missing");
    ng_store_close(&st);
    cJSON *man = load_doc(tmp, "manifest.json");
    assert_string_equal(text(man, "status"), "running");
    cJSON_Delete(man);
    remove_tree(tmp);
}

/* Opens a fresh store of `points` points x 1 replication in dir, appends
 * the lines and finishes; returns ng_store_finish's status. */
static int store_lines_and_finish(const char *dir, size_t points,
                                  const char *const *lines, size_t n,
                                  ng_error *err)
{
    char hash[32];
    const char *parts[] = {"y"};
    ng_sweep_hash(parts, 1, hash);
    ng_provenance pv = store_provenance(hash);
    pv.points = points;
    pv.replications = 1;
    ng_store st;
    open_ok(&st, dir, &pv);
    for (size_t k = 0; k < n; k++) {
        append_ok(&st, lines[k]);
    }
    memset(err, 0, sizeof *err);
    int rc = ng_store_finish(&st, &pv, err);
    ng_store_close(&st);
    return rc;
}

/* runs_failed counts the lines with an "error": one here.  A failed line
 * with a long id followed by a shorter good line must not count twice. */
static void test_store_counts_failed_runs_once(void **state)
{
    (void)state;
    char tmp[] = "/tmp/ng_sweep_test_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char failed[600], good[200];
    char id[301];
    memset(id, 'x', 300);
    id[300] = '\0';
    snprintf(failed, sizeof failed,
             "{\"run\":0,\"point\":0,\"id\":\"%s\",\"rep\":0,\"seed\":1,"
             "\"params\":{},\"error\":{\"code\":\"ECONFIG\",\"where\":\"x\","
             "\"message\":\"bad\"}}",
             id);
    snprintf(good, sizeof good,
             "{\"run\":1,\"point\":1,\"id\":\"b\",\"rep\":0,\"seed\":1,"
             "\"params\":{},\"outcome\":\"survived\",\"cause\":\"none\","
             "\"summary\":{\"cumulative_value\":1},\"series\":{\"tick\":[1],"
             "\"members\":[2]}}");
    const char *lines[] = {failed, good};
    ng_error err;
    assert_int_equal(store_lines_and_finish(tmp, 2, lines, 2, &err), 0);
    cJSON *man = load_doc(tmp, "manifest.json");
    cJSON *sum = load_doc(tmp, "summary.json");
    remove_tree(tmp);
    assert_string_equal(text(man, "status"), "complete");
    assert_true(unit_json_number(man, "runs_done") == 2);
    const cJSON *points = unit_json_item(sum, "points");
    assert_true(unit_json_number(cJSON_GetArrayItem(points, 0), "failed") == 1);
    assert_true(unit_json_number(cJSON_GetArrayItem(points, 1), "failed") == 0);
    double runs_failed = unit_json_number(man, "runs_failed");
    cJSON_Delete(man);
    cJSON_Delete(sum);
    assert_near(runs_failed, 1, 0);
}

/* A line that is not JSON but starts like a run ("{"run":1,...}") is not a
 * finished run: finishing must not succeed with a summary that silently
 * stops at that line. */
static void test_store_refuses_a_broken_line(void **state)
{
    (void)state;
    char tmp[] = "/tmp/ng_sweep_test_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    const char *lines[] = {store_lines[0], "{\"run\":1,\"point\":0,oops}",
                           store_lines[2], store_lines[3]};
    ng_error err;
    int rc = store_lines_and_finish(tmp, 4, lines, 4, &err);
    if (rc == 0) {
        cJSON *sum = load_doc(tmp, "summary.json");
        print_error(
            "finish accepted the broken line; summary.json holds %d "
            "point(s), point 0 with %g run(s)\n",
            cJSON_GetArraySize(unit_json_item(sum, "points")),
            unit_json_number(
                cJSON_GetArrayItem(unit_json_item(sum, "points"), 0), "runs"));
        cJSON_Delete(sum);
    }
    remove_tree(tmp);
    assert_int_not_equal(rc, 0);
}

/* A full disk: the error names runs.jsonl and the system's reason, not
 * just "short write". */
static void test_store_append_full_disk_names_reason(void **state)
{
    (void)state;
    int full = open("/dev/full", O_WRONLY);
    if (full < 0) {
        skip();
    }
    char tmp[] = "/tmp/ng_sweep_test_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char hash[32];
    const char *parts[] = {"full"};
    ng_sweep_hash(parts, 1, hash);
    ng_provenance pv = store_provenance(hash);
    ng_store st;
    open_ok(&st, tmp, &pv);
    assert_int_equal(dup2(full, st.fd), st.fd);
    close(full);
    ng_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_store_append(&st, store_lines[0], &err), NG_EIO);
    assert_contains(err.where, "runs.jsonl");
    assert_contains(err.msg, "No space left on device");
    ng_store_close(&st);
    remove_tree(tmp);
}

/* The streaming point summary agrees with ng_stat_describe over all the
 * values (the mean exactly, sd and interval to rounding), and a summary of
 * many runs keeps no run. */
static void test_point_summary_streams(void **state)
{
    (void)state;
    enum { N = 2000 };
    static double x[N];
    ng__point_acc *a = ng__point_acc_new();
    assert_non_null(a);
    for (size_t r = 0; r < N; r++) {
        x[r] = 1e6 + (double)((r * 7919) % 101) / 7.0;
        char line[400];
        snprintf(line, sizeof line,
                 "{\"run\":%zu,\"point\":0,\"id\":\"a\",\"rep\":%zu,"
                 "\"seed\":1,\"params\":{},\"outcome\":\"survived\","
                 "\"cause\":\"none\",\"summary\":{\"v\":%.17g},"
                 "\"series\":{\"tick\":[1],\"members\":[%.17g]}}",
                 r, r, x[r], x[r]);
        cJSON *run = parse_json(line);
        assert_int_equal(ng__point_acc_add(a, run), 0);
        cJSON_Delete(run);
    }
    cJSON *p = ng__point_acc_json(a, 0.95);
    ng__point_acc_free(a);
    assert_non_null(p);
    ng_stat want;
    ng_stat_describe(x, N, 0.95, &want);
    const cJSON *v = unit_json_item(unit_json_item(p, "metrics"), "v");
    assert_true(unit_json_number(v, "n") == N);
    assert_true(unit_json_number(v, "mean") == want.mean);
    assert_near(unit_json_number(v, "sd"), want.sd, 1e-9 * want.sd);
    assert_near(unit_json_number(v, "ci_low"), want.ci_low, 1e-9);
    assert_near(unit_json_number(v, "ci_high"), want.ci_high, 1e-9);
    const cJSON *band = unit_json_item(unit_json_item(p, "series"), "members");
    assert_true(
        cJSON_GetArrayItem(unit_json_item(band, "mean"), 0)->valuedouble ==
        want.mean);
    cJSON_Delete(p);
}

/* Lines are checked before use: members of the wrong type or out of
 * range are reported by name, never dereferenced or converted. */
static void test_run_line_checked(void **state)
{
    (void)state;
    static const struct {
        const char *line, *why;
    } bad[] = {
        {"{\"run\":1,\"id\":\"a\",\"rep\":1,\"seed\":1,\"params\":{},"
         "\"error\":{\"code\":\"x\",\"where\":\"x\",\"message\":\"x\"}}",
         "point: expected 0 (run 1 / 2 replications), found nothing"},
        {"{\"run\":1e300,\"point\":0,\"id\":\"a\",\"rep\":1,\"seed\":1}",
         "run: expected an integer from 0 to 3, found 1e+300"},
        {"{\"run\":3,\"point\":1e300,\"id\":\"a\",\"rep\":1,\"seed\":1}",
         "point: expected 1 (run 3 / 2 replications), found 1e+300"},
        {"{\"run\":1,\"point\":0,\"id\":5,\"rep\":1,\"seed\":1}",
         "id: expected a string, found 5"},
        {"{\"run\":1,\"point\":0,\"id\":\"a\",\"rep\":1,\"seed\":1,"
         "\"params\":{},\"outcome\":\"survived\",\"cause\":\"none\","
         "\"summary\":{},\"series\":[1]}",
         "series: expected an object, found [1]"},
        {"{\"run\":1,\"point\":0,\"id\":\"a\",\"rep\":1,\"seed\":1,"
         "\"params\":{},\"outcome\":\"survived\",\"cause\":\"none\","
         "\"summary\":{},\"series\":{\"tick\":[1,2],\"members\":[1]}}",
         "series.members: expected an array of 2 numbers"},
        {"{\"run\":0.5,\"point\":0,\"id\":\"a\",\"rep\":0,\"seed\":1}",
         "run: expected an integer"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        cJSON *line = parse_json(bad[k].line);
        char why[256] = "";
        size_t run = 0;
        assert_false(ng__run_line_valid(line, 2, 4, &run, why, sizeof why));
        assert_contains(why, bad[k].why);
        cJSON_Delete(line);
    }
}

static void test_sweep_hash_known_and_sensitive(void **state)
{
    (void)state;
    char h[32], h2[32];
    /* FNV-1a 64 offset basis: no parts. */
    ng_sweep_hash(NULL, 0, h);
    assert_string_equal(h, "fnv1a64:cbf29ce484222325");
    /* FNV-1a 64 of "a\n" and "\n". */
    const char *a[] = {"a"};
    ng_sweep_hash(a, 1, h);
    assert_string_equal(h, "fnv1a64:089bdc07b544e7b2");
    const char *empty[] = {""};
    ng_sweep_hash(empty, 1, h);
    assert_string_equal(h, "fnv1a64:af63c74c8601c8dd");
    /* The newline after each part keeps the boundaries apart. */
    const char *ab_c[] = {"ab", "c"}, *a_bc[] = {"a", "bc"};
    ng_sweep_hash(ab_c, 2, h);
    assert_string_equal(h, "fnv1a64:55b7cb2f21b10c89");
    ng_sweep_hash(a_bc, 2, h2);
    assert_string_equal(h2, "fnv1a64:b0aa1fccdeaaa7d9");

    /* Stable, and changed by any part. */
    const char *parts[] = {"{\"axes\":[]}", "{\"run\":{\"ticks\":10}}",
                           "0.1,0.2"};
    ng_sweep_hash(parts, 3, h);
    ng_sweep_hash(parts, 3, h2);
    assert_string_equal(h, h2);
    assert_int_equal(strlen(h), 24);
    for (size_t k = 0; k < 3; k++) {
        const char *changed[3] = {parts[0], parts[1], parts[2]};
        changed[k] = "{\"axes\":[1]}";
        ng_sweep_hash(changed, 3, h2);
        assert_string_not_equal(h, h2);
    }
    ng_sweep_hash(parts, 2, h2);
    assert_string_not_equal(h, h2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_full_parses_every_field),
        cmocka_unit_test(test_spec_sobol_sampler_and_sensitivity),
        cmocka_unit_test(test_spec_defaults_and_base_sources),
        cmocka_unit_test(test_spec_errors_name_the_field),
        cmocka_unit_test(test_spec_collects_every_error),
        cmocka_unit_test(test_spec_one_mistake_one_error),
        cmocka_unit_test(test_design_grid_first_axis_slowest),
        cmocka_unit_test(test_design_lhs_range_axis_times_grid),
        cmocka_unit_test(test_design_integer_range_is_whole_and_even),
        cmocka_unit_test(test_design_sobol_sampler_in_range),
        cmocka_unit_test(test_design_saltelli_for_sobol_indices),
        cmocka_unit_test(test_design_morris_trajectories),
        cmocka_unit_test(test_design_without_axes_is_one_point),
        cmocka_unit_test(test_design_table_ids_and_columns),
        cmocka_unit_test(test_design_table_rejects_bad_columns_and_ids),
        cmocka_unit_test(test_design_check_names_the_point),
        cmocka_unit_test(test_sweep_seed_streams),
        cmocka_unit_test(test_sweep_run_line_fields_and_series),
        cmocka_unit_test(test_sweep_run_line_automatic_series),
        cmocka_unit_test(test_sweep_run_line_invalid_combination),
        cmocka_unit_test(test_sweep_threads_same_lines),
        cmocka_unit_test(test_point_summary_known_answers),
        cmocka_unit_test(test_point_summary_all_failed),
        cmocka_unit_test(test_sweep_hash_known_and_sensitive),
        /* Last: under AddressSanitizer the overflow in ng_store_finish
         * (see test_store_counts_failed_runs_once) aborts the program. */
        cmocka_unit_test(test_store_open_append_resume_finish),
        cmocka_unit_test(test_store_finish_reports_missing_run),
        cmocka_unit_test(test_store_counts_failed_runs_once),
        cmocka_unit_test(test_store_refuses_a_broken_line),
        cmocka_unit_test(test_store_append_full_disk_names_reason),
        cmocka_unit_test(test_point_summary_streams),
        cmocka_unit_test(test_run_line_checked),
    };
    /* NG_UNIT_SKIP="test_store_*" leaves tests out (cmocka patterns). */
    const char *skip = getenv("NG_UNIT_SKIP");
    if (skip) {
        cmocka_set_skip_filter(skip);
    }
    return cmocka_run_group_tests(tests, unit_group_setup, NULL);
}
