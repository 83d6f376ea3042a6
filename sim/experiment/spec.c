/* Experiment specs: the JSON document that names a base scenario, the axes
 * to vary, the sampler, replications and seeds, and an optional sensitivity
 * analysis.  Every problem is reported with its field path, what was
 * expected and what was found, like a scenario config (docs/EXPERIMENTS.md
 * lists the fields). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/spec_internal.h"
#include "io/config_internal.h"
#include "io/output_internal.h"
#include "netgov/sweep.h"

static const char *const spec_keys[] = {
    "name",           "description",  "base",         "set",
    "axes",           "sampler",      "replications", "seed",
    "random_numbers", "series_every", "confidence",   "sensitivity"};
#define N_SPEC_KEYS (sizeof spec_keys / sizeof spec_keys[0])

typedef struct reader {
    const char *source;
    ng_errors *errs;
    bool *axis_broken; /* an axis was left out: skip the sampler rules */
} reader;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
fail(const reader *rd, const char *field, const char *fmt, ...)
{
    char where[NG_PATH_MAX + 64], msg[256];
    snprintf(where, sizeof where, "%.60s:%.*s", rd->source, NG_PATH_MAX, field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ng_errors_add(rd->errs, NG_ECONFIG, where, "%s", msg);
}

static void fail_value(const reader *rd, const char *field, const char *what,
                       const cJSON *v)
{
    char found[96];
    if (v) {
        ng__json_describe(v, found, sizeof found);
    } else {
        snprintf(found, sizeof found, "nothing");
    }
    fail(rd, field, "expected %s, found %s", what, found);
}

static bool want_count(const reader *rd, const cJSON *v, const char *field,
                       double lo, double hi, size_t *out)
{
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
        v->valuedouble != floor(v->valuedouble) || v->valuedouble < lo ||
        v->valuedouble > hi) {
        char what[96];
        snprintf(what, sizeof what, "a whole number from %.0f to %.0f", lo, hi);
        fail_value(rd, field, what, v);
        return false;
    }
    *out = (size_t)v->valuedouble;
    return true;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* The number of members of an array or object, counted on the list itself
 * (cJSON_GetArraySize returns an int). */
static size_t member_count(const cJSON *v)
{
    size_t n = 0;
    for (const cJSON *e = v ? v->child : NULL; e; e = e->next) {
        n++;
    }
    return n;
}

static void free_sets(ng_spec *s)
{
    for (size_t i = 0; i < s->n_sets; i++) {
        free(s->sets[i]);
    }
    free(s->sets);
    s->sets = NULL;
    s->n_sets = 0;
}

static void free_values(ng_axis *a)
{
    for (size_t j = 0; j < a->n_values; j++) {
        free(a->values[j]);
    }
    free(a->values);
    a->values = NULL;
    a->n_values = 0;
}

static void free_axes(ng_spec *s)
{
    for (size_t i = 0; i < s->n_axes; i++) {
        free_values(&s->axes[i]);
    }
    free(s->axes);
    s->axes = NULL;
    s->n_axes = 0;
}

static void free_outputs(ng_spec *s)
{
    for (size_t i = 0; i < s->n_outputs; i++) {
        free(s->outputs[i]);
    }
    free(s->outputs);
    s->outputs = NULL;
    s->n_outputs = 0;
}

/* ---- base ---- */

static void join_path(const char *dir, const char *file, char **out)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    *out = malloc(n);
    if (*out) {
        bool relative = file[0] != '/' && dir[0] != '\0';
        snprintf(*out, n, "%s%s%s", relative ? dir : "", relative ? "/" : "",
                 file);
    }
}

static void parse_base(ng_spec *s, const cJSON *b, const char *dir,
                       const reader *rd)
{
    if (!cJSON_IsObject(b)) {
        fail_value(rd, "base",
                   "an object with \"preset\", \"file\" or "
                   "\"config\"",
                   b);
        return;
    }
    ng__json_reject_duplicates(b, "base", rd->errs);
    /* A repeated "base" (reported above) replaces the first one instead of
     * leaking it. */
    free(s->base.file);
    free(s->base.inline_json);
    memset(&s->base, 0, sizeof s->base);
    int given = 0;
    for (const cJSON *f = b->child; f; f = f->next) {
        char field[64];
        snprintf(field, sizeof field, "base.%.50s", f->string);
        given++;
        if (strcmp(f->string, "preset") == 0 && cJSON_IsString(f) &&
            strlen(f->valuestring) < sizeof s->base.preset) {
            snprintf(s->base.preset, sizeof s->base.preset, "%s",
                     f->valuestring);
        } else if (strcmp(f->string, "file") == 0 && cJSON_IsString(f) &&
                   f->valuestring[0]) {
            free(s->base.file);
            join_path(dir, f->valuestring, &s->base.file);
        } else if (strcmp(f->string, "config") == 0 && cJSON_IsObject(f)) {
            free(s->base.inline_json);
            s->base.inline_json = cJSON_PrintUnformatted(f);
        } else if (strcmp(f->string, "preset") == 0 ||
                   strcmp(f->string, "file") == 0) {
            fail_value(rd, field, "a name", f);
        } else if (strcmp(f->string, "config") == 0) {
            fail_value(rd, field, "a scenario config object", f);
        } else {
            fail(rd, field, "unknown key (expected preset, file or config)%s",
                 "");
        }
    }
    if (given != 1) {
        fail(rd, "base",
             "expected exactly one of preset, file or config, found %d keys",
             given);
    }
}

/* ---- set and axes ---- */

static void parse_set(ng_spec *s, const cJSON *set, const reader *rd)
{
    if (!cJSON_IsObject(set)) {
        fail_value(rd, "set", "an object of parameter paths and values", set);
        return;
    }
    ng__json_reject_duplicates(set, "set", rd->errs);
    /* Every list is sized by the member it is filled from: a repeated
     * member (an error of its own) starts the list again, never adds to a
     * list sized for another member. */
    free_sets(s);
    size_t n = member_count(set);
    s->sets = calloc(n ? n : 1, sizeof *s->sets);
    if (!s->sets) {
        return;
    }
    for (const cJSON *f = set->child; f && s->n_sets < n; f = f->next) {
        char *value = cJSON_PrintUnformatted(f);
        size_t len = strlen(f->string) + (value ? strlen(value) : 0) + 2;
        char *a = malloc(len);
        if (a && value) {
            snprintf(a, len, "%s=%s", f->string, value);
            s->sets[s->n_sets++] = a;
        } else {
            free(a);
        }
        free(value);
    }
}

static const ng_param *axis_param(const char *path, const char *field,
                                  const reader *rd)
{
    const ng_param *d = ng_params_find(path);
    if (!d) {
        size_t before = rd->errs ? rd->errs->n : 0;
        ng__unknown_key(path, rd->errs);
        if (rd->errs && rd->errs->n > before) {
            ng_error *e = &rd->errs->items[rd->errs->n - 1];
            snprintf(e->where, sizeof e->where, "%.60s:%.90s", rd->source,
                     field);
            char msg[sizeof e->msg];
            memcpy(msg, e->msg, sizeof msg);
            snprintf(e->msg, sizeof e->msg, "%.80s for \"%.60s\"", msg, path);
        }
        return NULL;
    }
    if (strcmp(path, "run.seed") == 0) {
        fail(rd, field,
             "expected a model parameter, found run.seed (seeds come from the "
             "spec's \"seed\" and \"replications\")%s",
             "");
        return NULL;
    }
    return d;
}

static void parse_values(ng_axis *a, const cJSON *vals, const char *field,
                         const reader *rd)
{
    size_t n = member_count(vals);
    if (!cJSON_IsArray(vals) || n == 0) {
        fail_value(rd, field, "a non-empty array of values", vals);
        return;
    }
    free_values(a);
    a->values = calloc(n, sizeof *a->values);
    if (!a->values) {
        return;
    }
    for (const cJSON *v = vals->child; v && a->n_values < n; v = v->next) {
        char *text = cJSON_PrintUnformatted(v);
        if (text) {
            a->values[a->n_values++] = text;
        }
    }
}

static void parse_range(ng_axis *a, const cJSON *axis, const char *field,
                        const reader *rd)
{
    const cJSON *lo = cJSON_GetObjectItemCaseSensitive(axis, "min");
    const cJSON *hi = cJSON_GetObjectItemCaseSensitive(axis, "max");
    char where[NG_PATH_MAX + 32];
    if (a->param->type != NG_PARAM_REAL && a->param->type != NG_PARAM_INT) {
        fail(rd, field,
             "expected \"values\" for a choice or vector parameter, found a "
             "range%s",
             "");
        return;
    }
    const cJSON *ends[2] = {lo, hi};
    double *dst[2] = {&a->min, &a->max};
    for (int k = 0; k < 2; k++) {
        snprintf(where, sizeof where, "%s.%s", field, k ? "max" : "min");
        const cJSON *v = ends[k];
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
            v->valuedouble < a->param->min || v->valuedouble > a->param->max) {
            char what[96];
            snprintf(what, sizeof what, "a number from %g to %g", a->param->min,
                     a->param->max);
            fail_value(rd, where, what, v);
            return;
        }
        if (a->param->type == NG_PARAM_INT &&
            v->valuedouble != floor(v->valuedouble)) {
            fail_value(rd, where, "a whole number (an integer parameter)", v);
            return;
        }
        *dst[k] = v->valuedouble;
    }
    if (a->min >= a->max) {
        char found[64];
        snprintf(found, sizeof found, "%g >= %g", a->min, a->max);
        fail(rd, field, "expected min below max, found %s", found);
    }
}

static void parse_axis(ng_spec *s, const cJSON *axis, size_t i,
                       const reader *rd)
{
    char field[48], where[NG_PATH_MAX + 48];
    snprintf(field, sizeof field, "axes[%zu]", i);
    if (!cJSON_IsObject(axis)) {
        fail_value(rd, field, "an object with path and values or min/max",
                   axis);
        return;
    }
    ng__json_reject_duplicates(axis, field, rd->errs);
    ng_axis *a = &s->axes[s->n_axes];
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(axis, "path");
    snprintf(where, sizeof where, "%s.path", field);
    if (!cJSON_IsString(path) || strlen(path->valuestring) >= NG_PATH_MAX) {
        fail_value(rd, where, "a parameter path", path);
        return;
    }
    snprintf(a->path, sizeof a->path, "%s", path->valuestring);
    a->param = axis_param(a->path, where, rd);
    for (size_t j = 0; j < s->n_axes; j++) {
        if (strcmp(s->axes[j].path, a->path) == 0) {
            fail(rd, where,
                 "expected each path on one axis, found \"%s\" "
                 "twice",
                 a->path);
        }
    }
    for (const cJSON *f = axis->child; f; f = f->next) {
        const char *k = f->string;
        if (strcmp(k, "path") && strcmp(k, "values") && strcmp(k, "min") &&
            strcmp(k, "max")) {
            snprintf(where, sizeof where, "%s.%.40s", field, k);
            fail(rd, where, "unknown key (expected path, values, min, max)%s",
                 "");
        }
    }
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(axis, "values");
    bool range = cJSON_GetObjectItemCaseSensitive(axis, "min") ||
                 cJSON_GetObjectItemCaseSensitive(axis, "max");
    snprintf(where, sizeof where, "%s.values", field);
    if (!a->param) {
        *rd->axis_broken = true;
        return;
    }
    size_t before = rd->errs ? rd->errs->n + rd->errs->dropped : 0;
    if (vals && range) {
        fail(rd, field, "expected values or min/max, found both%s", "");
    } else if (vals) {
        parse_values(a, vals, where, rd);
    } else if (range) {
        parse_range(a, axis, field, rd);
    } else {
        fail(rd, field, "expected values or min/max, found neither%s", "");
    }
    /* A broken axis is left out, so it cannot also count as a range that
     * lacks a sampler (one mistake, one message). */
    if (rd->errs && rd->errs->n + rd->errs->dropped > before) {
        free_values(a);
        memset(a, 0, sizeof *a);
        *rd->axis_broken = true;
        return;
    }
    s->n_axes++;
}

static void parse_axes(ng_spec *s, const cJSON *axes, const reader *rd)
{
    size_t n = member_count(axes);
    if (!cJSON_IsArray(axes)) {
        fail_value(rd, "axes", "an array of axes", axes);
        return;
    }
    free_axes(s);
    s->axes = calloc(n ? n : 1, sizeof *s->axes);
    size_t i = 0;
    for (const cJSON *a = axes->child; a && s->axes && i < n;
         a = a->next, i++) {
        parse_axis(s, a, i, rd);
    }
}

/* ---- sampler and sensitivity ---- */

static void parse_sampler(ng_spec *s, const cJSON *v, const reader *rd)
{
    if (!cJSON_IsObject(v)) {
        fail_value(rd, "sampler", "an object {\"method\", \"samples\"}", v);
        return;
    }
    ng__json_reject_duplicates(v, "sampler", rd->errs);
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(v, "method");
    if (cJSON_IsString(method) && strcmp(method->valuestring, "lhs") == 0) {
        s->sampler = NG_SAMPLER_LHS;
    } else if (cJSON_IsString(method) &&
               strcmp(method->valuestring, "sobol") == 0) {
        s->sampler = NG_SAMPLER_SOBOL;
    } else {
        fail_value(rd, "sampler.method", "\"lhs\" or \"sobol\"", method);
        s->sampler = NG_SAMPLER_LHS; /* reported once, not again as missing */
    }
    want_count(rd, cJSON_GetObjectItemCaseSensitive(v, "samples"),
               "sampler.samples", 1, 1e6, &s->samples);
    for (const cJSON *f = v->child; f; f = f->next) {
        if (strcmp(f->string, "method") && strcmp(f->string, "samples")) {
            fail(rd, "sampler", "unknown key \"%s\" (expected method, samples)",
                 f->string);
        }
    }
}

bool ng_sweep_is_output(const char *name)
{
    if (strcmp(name, "survival") == 0) {
        return true;
    }
    ng_summary zero;
    memset(&zero, 0, sizeof zero);
    zero.first_exit_tick = 0;
    cJSON *o = ng__summary_json(&zero);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    bool ok = cJSON_IsNumber(v);
    cJSON_Delete(o);
    return ok;
}

static void parse_outputs(ng_spec *s, const cJSON *v, const reader *rd)
{
    size_t n = member_count(v);
    if (!cJSON_IsArray(v) || n == 0) {
        fail_value(rd, "sensitivity.outputs",
                   "a non-empty array of summary metric names", v);
        return;
    }
    free_outputs(s);
    s->outputs = calloc(n, sizeof *s->outputs);
    size_t i = 0;
    for (const cJSON *o = v->child; o && s->outputs && i < n;
         o = o->next, i++) {
        char where[64];
        snprintf(where, sizeof where, "sensitivity.outputs[%zu]", i);
        if (!cJSON_IsString(o) || !ng_sweep_is_output(o->valuestring)) {
            fail_value(rd, where,
                       "a numeric summary metric (see docs/OUTPUT.md) or "
                       "\"survival\"",
                       o);
        } else {
            char *name = dup_text(o->valuestring);
            if (name) {
                s->outputs[s->n_outputs++] = name;
            }
        }
    }
}

static void parse_sensitivity(ng_spec *s, const cJSON *v, const reader *rd)
{
    if (!cJSON_IsObject(v)) {
        fail_value(rd, "sensitivity", "an object", v);
        return;
    }
    ng__json_reject_duplicates(v, "sensitivity", rd->errs);
    free_outputs(s);
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(v, "method");
    bool morris =
        cJSON_IsString(method) && strcmp(method->valuestring, "morris") == 0;
    if (cJSON_IsString(method) && strcmp(method->valuestring, "sobol") == 0) {
        s->analysis = NG_ANALYSIS_SOBOL;
    } else if (morris) {
        s->analysis = NG_ANALYSIS_MORRIS;
    } else {
        fail_value(rd, "sensitivity.method", "\"sobol\" or \"morris\"", method);
    }
    s->sa_samples = morris ? 10 : 64;
    s->levels = 4;
    s->bootstrap = 200;
    for (const cJSON *f = v->child; f; f = f->next) {
        char where[64];
        snprintf(where, sizeof where, "sensitivity.%.40s", f->string);
        if (strcmp(f->string, "method") == 0) {
            continue;
        } else if (strcmp(f->string, morris ? "trajectories" : "samples") ==
                   0) {
            want_count(rd, f, where, 2, 1e6, &s->sa_samples);
        } else if (morris && strcmp(f->string, "levels") == 0) {
            want_count(rd, f, where, 2, 100, &s->levels);
            if (s->levels % 2) {
                fail_value(rd, where, "an even number of levels", f);
            }
        } else if (strcmp(f->string, "bootstrap") == 0) {
            want_count(rd, f, where, 0, 1e5, &s->bootstrap);
        } else if (strcmp(f->string, "outputs") == 0) {
            parse_outputs(s, f, rd);
        } else {
            fail(rd, where, "unknown key (expected method, %s)",
                 morris ? "trajectories, levels, bootstrap, outputs"
                        : "samples, bootstrap, outputs");
        }
    }
    if (!s->outputs) {
        static const char *const defaults[] = {"survival", "cumulative_value"};
        s->outputs = calloc(2, sizeof *s->outputs);
        for (size_t k = 0; k < 2 && s->outputs; k++) {
            char *name = dup_text(defaults[k]);
            if (name) {
                s->outputs[s->n_outputs++] = name;
            }
        }
    }
}

/* ---- the document ---- */

static void parse_top(ng_spec *s, const cJSON *f, const char *dir,
                      const reader *rd)
{
    const char *k = f->string;
    if (strcmp(k, "name") == 0 || strcmp(k, "description") == 0) {
        bool name = k[0] == 'n';
        size_t cap = name ? sizeof s->name : sizeof s->description;
        if (!cJSON_IsString(f) || strlen(f->valuestring) >= cap) {
            char what[64];
            snprintf(what, sizeof what, "a string of fewer than %zu bytes",
                     cap);
            fail_value(rd, k, what, f);
        } else {
            snprintf(name ? s->name : s->description, cap, "%s",
                     f->valuestring);
        }
    } else if (strcmp(k, "base") == 0) {
        parse_base(s, f, dir, rd);
    } else if (strcmp(k, "set") == 0) {
        parse_set(s, f, rd);
    } else if (strcmp(k, "axes") == 0) {
        parse_axes(s, f, rd);
    } else if (strcmp(k, "sampler") == 0) {
        parse_sampler(s, f, rd);
    } else if (strcmp(k, "replications") == 0) {
        want_count(rd, f, k, 1, 1e6, &s->replications);
    } else if (strcmp(k, "seed") == 0) {
        size_t seed;
        s->has_seed = want_count(rd, f, k, 1, 4294967295.0, &seed);
        s->seed = seed;
    } else if (strcmp(k, "random_numbers") == 0) {
        bool common = cJSON_IsString(f) && !strcmp(f->valuestring, "common");
        if (!common &&
            !(cJSON_IsString(f) && !strcmp(f->valuestring, "independent"))) {
            fail_value(rd, k, "\"common\" or \"independent\"", f);
        }
        s->common_numbers = common;
    } else if (strcmp(k, "series_every") == 0) {
        want_count(rd, f, k, 1, 1e6, &s->series_every);
    } else if (strcmp(k, "confidence") == 0) {
        if (!cJSON_IsNumber(f) || !(f->valuedouble > 0.5) ||
            !(f->valuedouble < 1)) {
            fail_value(rd, k, "a level between 0.5 and 1, e.g. 0.95", f);
        } else {
            s->confidence = f->valuedouble;
        }
    } else if (strcmp(k, "sensitivity") == 0) {
        parse_sensitivity(s, f, rd);
    } else {
        const char *hint = ng__did_you_mean(k, spec_keys, N_SPEC_KEYS);
        char msg[160];
        snprintf(msg, sizeof msg, "unknown key%s%s%s",
                 hint ? " (did you mean \"" : "", hint ? hint : "",
                 hint ? "\"?)" : "");
        fail(rd, k, "%s", msg);
    }
}

/* Rules between fields: which axes a sampler or an analysis needs. */
static void check_whole(const ng_spec *s, const reader *rd)
{
    size_t ranges = 0, lists = 0;
    for (size_t i = 0; i < s->n_axes; i++) {
        ranges += s->axes[i].values == NULL;
        lists += s->axes[i].values != NULL;
    }
    if (s->analysis != NG_ANALYSIS_NONE) {
        if (lists || ranges == 0) {
            fail(rd, "axes",
                 "expected only min/max axes for a sensitivity "
                 "analysis, found %s",
                 lists ? "an axis with values" : "none");
        }
        if (s->sampler != NG_SAMPLER_NONE) {
            fail(rd, "sampler",
                 "expected no sampler with a sensitivity analysis (it makes "
                 "its own design), found method %s",
                 s->sampler == NG_SAMPLER_LHS ? "lhs" : "sobol");
        }
        if (s->analysis == NG_ANALYSIS_SOBOL && ranges > NG_SOBOL_MAX_DIM / 2) {
            fail(rd, "axes",
                 "expected at most 20 axes for Sobol indices, "
                 "found %zu",
                 ranges);
        }
    } else if (ranges && s->sampler == NG_SAMPLER_NONE) {
        fail(rd, "sampler",
             "expected a sampler (lhs or sobol) for the min/max "
             "axes, found none%s",
             "");
    } else if (ranges > NG_SOBOL_MAX_DIM && s->sampler == NG_SAMPLER_SOBOL) {
        fail(rd, "axes",
             "expected at most 40 min/max axes for the Sobol sampler, found "
             "%zu",
             ranges);
    } else if (!ranges && s->sampler != NG_SAMPLER_NONE) {
        fail(rd, "sampler", "expected min/max axes to sample, found none%s",
             "");
    }
}

static void spec_defaults(ng_spec *s)
{
    memset(s, 0, sizeof *s);
    s->replications = 1;
    s->common_numbers = true;
    s->series_every = 0; /* automatic: see NG_SWEEP_SERIES_POINTS */
    s->confidence = 0.95;
    s->max_runs = NG_SWEEP_MAX_RUNS;
}

int ng__spec_from_json(ng_spec *s, const cJSON *root, const char *source,
                       const char *dir, ng_errors *errs)
{
    spec_defaults(s);
    size_t before = errs ? errs->n + errs->dropped : 0;
    bool axis_broken = false;
    reader rd = {source, errs, &axis_broken};
    if (!cJSON_IsObject(root)) {
        fail_value(&rd, "(top level)", "a JSON object", root);
    } else {
        ng__json_reject_duplicates(root, "", errs);
        for (const cJSON *f = root->child; f; f = f->next) {
            parse_top(s, f, dir, &rd);
        }
        if (!s->base.preset[0] && !s->base.file && !s->base.inline_json) {
            if (!cJSON_GetObjectItemCaseSensitive(root, "base")) {
                snprintf(s->base.preset, sizeof s->base.preset, "default");
            }
        }
        if (!axis_broken) {
            check_whole(s, &rd);
        }
        s->canonical = cJSON_PrintUnformatted(root);
    }
    size_t after = errs ? errs->n + errs->dropped : 0;
    if (after > before) {
        return NG_ECONFIG;
    }
    return s->canonical
               ? 0
               : ng_errors_add(errs, NG_ENOMEM, source, "out of memory");
}

int ng_spec_parse(ng_spec *s, const char *text, size_t len, const char *source,
                  const char *dir, ng_errors *errs)
{
    spec_defaults(s);
    cJSON *root = ng__json_parse(text, len, source, errs);
    if (!root) {
        return NG_ECONFIG;
    }
    int rc = ng__spec_from_json(s, root, source, dir, errs);
    cJSON_Delete(root);
    return rc;
}

int ng_spec_load(ng_spec *s, const char *path, ng_errors *errs)
{
    memset(s, 0, sizeof *s);
    char *text;
    size_t len;
    int rc = ng__file_read(path, &text, &len, errs);
    if (rc == 0) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
        } else {
            dir[0] = '\0';
        }
        rc = ng_spec_parse(s, text, len, path, dir, errs);
    }
    free(text);
    return rc;
}

void ng_spec_free(ng_spec *s)
{
    if (!s) {
        return;
    }
    free(s->base.file);
    free(s->base.inline_json);
    free_sets(s);
    free_axes(s);
    free_outputs(s);
    free(s->canonical);
    memset(s, 0, sizeof *s);
}
