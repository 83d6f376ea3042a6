/* Summaries per design point: the statistics of a sweep that a researcher
 * reads first.  Computed from the lines of runs.jsonl alone, so a sweep, a
 * resumed sweep and merged shards summarise to the same bytes. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "experiment/summary_internal.h"
#include "io/error_internal.h"
#include "io/output_internal.h"
#include "netgov/sweep.h"

/* Survival is a share: its interval is Wilson's score interval, which
 * stays inside [0, 1] and does not collapse when every run survived. */
static void wilson(ng_stat *st, double level)
{
    if (st->n == 0) {
        return;
    }
    double n = (double)st->n, p = st->mean;
    double z = gsl_cdf_ugaussian_Pinv((1 + level) / 2), z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * sqrt(p * (1 - p) / n + z2n / (4 * n));
    /* At p = 0 or 1 the bound is exactly 0 or 1; rounding would leave
     * 1e-17 behind. */
    st->ci_low = p == 0 ? 0 : fmax(0, centre - half);
    st->ci_high = p == 1 ? 1 : fmin(1, centre + half);
}

/* Statistics of one stream of values without keeping them (Welford's
 * update): a sweep point may have a million replications, and keeping
 * every run of a point would cost ~22 KB each.  The mean is the running
 * mean GSL computes, in long double as GSL does; the variance may differ
 * from GSL's two-pass value in the last digits. */
typedef struct moments {
    size_t n;
    long double mean, m2; /* long double, as in GSL's running mean */
} moments;

static void moments_add(moments *m, double x)
{
    m->n++;
    long double d = x - m->mean;
    m->mean += d / (long double)m->n;
    m->m2 += d * (x - m->mean);
}

/* ng_stat_describe's numbers from moments: NaN for what n cannot give. */
static void moments_stat(const moments *m, double level, ng_stat *st)
{
    st->n = m->n;
    st->mean = st->sd = st->ci_low = st->ci_high = (double)NAN;
    if (m->n == 0) {
        return;
    }
    st->mean = (double)m->mean;
    if (m->n == 1) {
        return;
    }
    st->sd = sqrt((double)(m->m2 / (long double)(m->n - 1)));
    if (!(level > 0 && level < 1)) {
        return;
    }
    double t = gsl_cdf_tdist_Pinv((1 + level) / 2, (double)(m->n - 1));
    double half = t * st->sd / sqrt((double)m->n);
    st->ci_low = st->mean - half;
    st->ci_high = st->mean + half;
}

static cJSON *stat_json(const char *name, const moments *m, double level)
{
    ng_stat st;
    moments_stat(m, level, &st);
    if (strcmp(name, "survival") == 0) {
        wilson(&st, level);
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "n", (double)st.n);
    /* cJSON writes NaN (undefined: no runs, or one run's sd) as null. */
    cJSON_AddNumberToObject(o, "mean", st.mean);
    cJSON_AddNumberToObject(o, "sd", st.sd);
    cJSON_AddNumberToObject(o, "ci_low", st.ci_low);
    cJSON_AddNumberToObject(o, "ci_high", st.ci_high);
    return o;
}

double ng__run_metric(const cJSON *run, const char *name)
{
    if (strcmp(name, "survival") == 0) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(run, "outcome");
        return cJSON_IsString(o) ? strcmp(o->valuestring, "dissolved") != 0
                                 : (double)NAN;
    }
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(run, "summary");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(s, name);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* ---- one point's runs, added one at a time ---- */

static const char *const outcome_names[] = {"survived", "dissolved",
                                            "completed"};

/* A key series: its moments at every tick seen so far. */
typedef struct band {
    char *name;
    moments *at;
    size_t len;
} band;

struct ng__point_acc {
    cJSON *head; /* point, id and params of the first run */
    size_t runs, ok;
    size_t outcomes[3];
    cJSON *causes;
    /* The metrics: survival, then the numbers and nulls of the first
     * successful run's summary, in its order. */
    size_t n_metrics;
    char **names;
    moments *metrics;
    cJSON *tick; /* the longest series' ticks (the first of that length) */
    size_t len;
    size_t n_bands;
    band *bands;
    bool oom;
};

ng__point_acc *ng__point_acc_new(void)
{
    ng__point_acc *a = calloc(1, sizeof *a);
    if (a) {
        a->causes = cJSON_CreateObject();
        if (!a->causes) {
            free(a);
            a = NULL;
        }
    }
    return a;
}

void ng__point_acc_free(ng__point_acc *a)
{
    if (!a) {
        return;
    }
    cJSON_Delete(a->head);
    cJSON_Delete(a->causes);
    cJSON_Delete(a->tick);
    for (size_t k = 0; k < a->n_metrics; k++) {
        free(a->names[k]);
    }
    free(a->names);
    free(a->metrics);
    for (size_t k = 0; k < a->n_bands; k++) {
        free(a->bands[k].name);
        free(a->bands[k].at);
    }
    free(a->bands);
    free(a);
}

static bool add_metric_name(ng__point_acc *a, const char *name)
{
    char **names = realloc(a->names, (a->n_metrics + 1) * sizeof *names);
    if (!names) {
        return false;
    }
    a->names = names;
    moments *m = realloc(a->metrics, (a->n_metrics + 1) * sizeof *m);
    if (!m) {
        return false;
    }
    a->metrics = m;
    a->names[a->n_metrics] = strdup(name);
    if (!a->names[a->n_metrics]) {
        return false;
    }
    a->metrics[a->n_metrics++] = (moments){0, 0, 0};
    return true;
}

static bool take_names(ng__point_acc *a, const cJSON *run)
{
    if (!add_metric_name(a, "survival")) {
        return false;
    }
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(run, "summary");
    for (const cJSON *k = cJSON_IsObject(s) ? s->child : NULL; k; k = k->next) {
        /* Vectors such as final_mission are not metrics. */
        if ((cJSON_IsNumber(k) || cJSON_IsNull(k)) &&
            !add_metric_name(a, k->string)) {
            return false;
        }
    }
    return true;
}

static band *band_of(ng__point_acc *a, const char *name)
{
    for (size_t k = 0; k < a->n_bands; k++) {
        if (strcmp(a->bands[k].name, name) == 0) {
            return &a->bands[k];
        }
    }
    band *grown = realloc(a->bands, (a->n_bands + 1) * sizeof *grown);
    if (!grown) {
        return NULL;
    }
    a->bands = grown;
    band *b = &a->bands[a->n_bands];
    *b = (band){strdup(name), NULL, 0};
    if (!b->name) {
        return NULL;
    }
    a->n_bands++;
    return b;
}

static bool add_series(ng__point_acc *a, const cJSON *run)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(run, "series");
    if (!cJSON_IsObject(s)) {
        return true;
    }
    const cJSON *tick = cJSON_GetObjectItemCaseSensitive(s, "tick");
    if (!cJSON_IsArray(tick)) {
        return true;
    }
    size_t len = (size_t)cJSON_GetArraySize(tick);
    if (!a->tick || len > a->len) {
        cJSON *copy = cJSON_Duplicate(tick, 1);
        if (!copy) {
            return false;
        }
        cJSON_Delete(a->tick);
        a->tick = copy;
        a->len = len;
    }
    for (const cJSON *k = s->child; k; k = k->next) {
        if (!k->string || strcmp(k->string, "tick") == 0 || !cJSON_IsArray(k)) {
            continue;
        }
        band *b = band_of(a, k->string);
        if (!b) {
            return false;
        }
        size_t n = (size_t)cJSON_GetArraySize(k);
        if (n > b->len) {
            moments *at = realloc(b->at, n * sizeof *at);
            if (!at) {
                return false;
            }
            memset(at + b->len, 0, (n - b->len) * sizeof *at);
            b->at = at;
            b->len = n;
        }
        size_t t = 0;
        for (const cJSON *v = k->child; v; v = v->next, t++) {
            if (cJSON_IsNumber(v)) {
                moments_add(&b->at[t], v->valuedouble);
            }
        }
    }
    return true;
}

static bool add_head(ng__point_acc *a, const cJSON *run)
{
    a->head = cJSON_CreateObject();
    static const char *const keys[] = {"point", "id", "params"};
    for (size_t k = 0; a->head && k < 3; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(run, keys[k]);
        cJSON *copy = v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull();
        if (!copy) {
            return false;
        }
        cJSON_AddItemToObject(a->head, keys[k], copy);
    }
    return a->head != NULL;
}

static bool acc_add(ng__point_acc *a, const cJSON *run)
{
    if (a->runs++ == 0 && !add_head(a, run)) {
        return false;
    }
    if (cJSON_GetObjectItemCaseSensitive(run, "error")) {
        return true;
    }
    if (a->ok++ == 0 && !take_names(a, run)) {
        return false;
    }
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(run, "outcome");
    for (size_t k = 0; k < 3; k++) {
        a->outcomes[k] +=
            cJSON_IsString(o) && strcmp(o->valuestring, outcome_names[k]) == 0;
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(run, "cause");
    if (cJSON_IsString(c) && strcmp(c->valuestring, "none") != 0) {
        cJSON *have =
            cJSON_GetObjectItemCaseSensitive(a->causes, c->valuestring);
        if (have) {
            cJSON_SetNumberValue(have, have->valuedouble + 1);
        } else if (!cJSON_AddNumberToObject(a->causes, c->valuestring, 1)) {
            return false;
        }
    }
    for (size_t k = 0; k < a->n_metrics; k++) {
        double v = ng__run_metric(run, a->names[k]);
        if (!isnan(v)) {
            moments_add(&a->metrics[k], v);
        }
    }
    return add_series(a, run);
}

int ng__point_acc_add(ng__point_acc *a, const cJSON *run)
{
    if (!a->oom && !acc_add(a, run)) {
        a->oom = true;
    }
    return a->oom ? NG_ENOMEM : 0;
}

static bool series_json(const ng__point_acc *a, cJSON *out, double level)
{
    if (!a->tick) {
        return true;
    }
    cJSON *tick = cJSON_Duplicate(a->tick, 1);
    cJSON *count = cJSON_CreateArray();
    if (!tick || !count) {
        cJSON_Delete(tick);
        cJSON_Delete(count);
        return false;
    }
    cJSON_AddItemToObject(out, "tick", tick);
    cJSON_AddItemToObject(out, "n", count);
    for (size_t k = 0; k < a->n_bands; k++) {
        const band *b = &a->bands[k];
        cJSON *o = cJSON_AddObjectToObject(out, b->name);
        cJSON *mean = cJSON_AddArrayToObject(o, "mean");
        cJSON *lo = cJSON_AddArrayToObject(o, "ci_low");
        cJSON *hi = cJSON_AddArrayToObject(o, "ci_high");
        if (!mean || !lo || !hi) {
            return false;
        }
        for (size_t t = 0; t < a->len; t++) {
            static const moments none = {0, 0, 0};
            const moments *m = t < b->len ? &b->at[t] : &none;
            ng_stat st;
            moments_stat(m, level, &st);
            cJSON_AddItemToArray(mean, cJSON_CreateNumber(st.mean));
            cJSON_AddItemToArray(lo, cJSON_CreateNumber(st.ci_low));
            cJSON_AddItemToArray(hi, cJSON_CreateNumber(st.ci_high));
            if (k == 0) {
                cJSON_AddItemToArray(count, cJSON_CreateNumber((double)m->n));
            }
        }
    }
    return true;
}

cJSON *ng__point_acc_json(const ng__point_acc *a, double level)
{
    ng__gsl_init();
    if (a->oom || a->runs == 0) {
        return NULL;
    }
    cJSON *point = cJSON_Duplicate(a->head, 1);
    if (!point) {
        return NULL;
    }
    cJSON_AddNumberToObject(point, "runs", (double)a->runs);
    cJSON_AddNumberToObject(point, "failed", (double)(a->runs - a->ok));
    cJSON *shares = cJSON_AddObjectToObject(point, "outcomes");
    for (size_t k = 0; shares && k < 3; k++) {
        cJSON_AddNumberToObject(shares, outcome_names[k],
                                a->ok ? (double)a->outcomes[k] / (double)a->ok
                                      : (double)NAN);
    }
    cJSON_AddItemToObject(point, "causes", cJSON_Duplicate(a->causes, 1));
    cJSON *metrics = cJSON_AddObjectToObject(point, "metrics");
    for (size_t k = 0; metrics && k < a->n_metrics; k++) {
        cJSON_AddItemToObject(metrics, a->names[k],
                              stat_json(a->names[k], &a->metrics[k], level));
    }
    cJSON *series = cJSON_AddObjectToObject(point, "series");
    if (!shares || !metrics || !series || !series_json(a, series, level)) {
        cJSON_Delete(point);
        return NULL;
    }
    return point;
}

cJSON *ng__point_summary(cJSON *const *runs, size_t n, double level)
{
    ng__point_acc *a = n ? ng__point_acc_new() : NULL;
    for (size_t r = 0; a && r < n; r++) {
        ng__point_acc_add(a, runs[r]);
    }
    cJSON *point = a ? ng__point_acc_json(a, level) : NULL;
    ng__point_acc_free(a);
    return point;
}

/* ---- summary.json and summary.csv ---- */

static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (const char *c = s; *c; c++) {
            if (*c == '"') {
                fputc('"', f);
            }
            fputc(*c, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

static void csv_number(FILE *f, const cJSON *v)
{
    fputc(',', f);
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        char *text = cJSON_PrintUnformatted(v);
        fputs(text ? text : "", f);
        free(text);
    }
}

/* A parameter value: strings bare (nao), everything else as JSON. */
static void csv_value(FILE *f, const cJSON *v)
{
    fputc(',', f);
    if (cJSON_IsString(v)) {
        csv_field(f, v->valuestring);
    } else if (v) {
        char *text = cJSON_PrintUnformatted(v);
        csv_field(f, text ? text : "");
        free(text);
    }
}

static const char *const stat_keys[] = {"mean", "sd", "ci_low", "ci_high"};

static int write_csv(void *ctx, FILE *f, ng_error *err)
{
    (void)err;
    const cJSON *points = ctx;
    const cJSON *first = points->child;
    const cJSON *with_metrics = NULL;
    for (const cJSON *p = first; p && !with_metrics; p = p->next) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(p, "metrics");
        with_metrics = m && m->child ? m : NULL;
    }
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(first, "params");
    fputs("point,id", f);
    for (const cJSON *k = params ? params->child : NULL; k; k = k->next) {
        fputc(',', f);
        csv_field(f, k->string);
    }
    fputs(",runs,failed,survived,dissolved,completed", f);
    for (const cJSON *k = with_metrics ? with_metrics->child : NULL; k;
         k = k->next) {
        for (size_t s = 0; s < 4; s++) {
            fprintf(f, ",%s_%s", k->string, stat_keys[s]);
        }
    }
    fputc('\n', f);
    for (const cJSON *p = first; p; p = p->next) {
        /* Every point object has a point and an id: the lines were
         * checked before they were summarised. */
        const cJSON *pt = cJSON_GetObjectItemCaseSensitive(p, "point");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
        fprintf(f, "%.0f,", cJSON_IsNumber(pt) ? pt->valuedouble : 0.0);
        csv_field(f, cJSON_IsString(id) ? id->valuestring : "");
        const cJSON *pp = cJSON_GetObjectItemCaseSensitive(p, "params");
        for (const cJSON *k = params ? params->child : NULL; k; k = k->next) {
            csv_value(f, cJSON_GetObjectItemCaseSensitive(pp, k->string));
        }
        csv_number(f, cJSON_GetObjectItemCaseSensitive(p, "runs"));
        csv_number(f, cJSON_GetObjectItemCaseSensitive(p, "failed"));
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(p, "outcomes");
        csv_number(f, cJSON_GetObjectItemCaseSensitive(o, "survived"));
        csv_number(f, cJSON_GetObjectItemCaseSensitive(o, "dissolved"));
        csv_number(f, cJSON_GetObjectItemCaseSensitive(o, "completed"));
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(p, "metrics");
        for (const cJSON *k = with_metrics ? with_metrics->child : NULL; k;
             k = k->next) {
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(m, k->string);
            for (size_t s = 0; s < 4; s++) {
                csv_number(f,
                           cJSON_GetObjectItemCaseSensitive(st, stat_keys[s]));
            }
        }
        fputc('\n', f);
    }
    return 0;
}

/* ---- checking a run line ---- */

/* Integers of run lines are below 2^53, where every integer is a double. */
#define EXACT_MAX 9007199254740992.0

static bool whole(const cJSON *v, double max, size_t *out)
{
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0 ||
        v->valuedouble > max || floor(v->valuedouble) != v->valuedouble) {
        return false;
    }
    *out = (size_t)v->valuedouble;
    return true;
}

static const char *found(const cJSON *v, char *buf, size_t size)
{
    if (!v) {
        return "nothing";
    }
    char *text = cJSON_PrintUnformatted(v);
    if (!text) {
        return "a value";
    }
    /* Long values are cut: the member's name already says where. */
    snprintf(buf, size, "%.40s%s", text, strlen(text) > 40 ? "..." : "");
    free(text);
    return buf;
}

static bool bad(char *why, size_t size, const char *key, const char *expected,
                const cJSON *v)
{
    char text[64];
    snprintf(why, size, "%s: expected %s, found %s", key, expected,
             found(v, text, sizeof text));
    return false;
}

static bool all_numbers(const cJSON *a)
{
    for (const cJSON *v = a->child; v; v = v->next) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
            return false;
        }
    }
    return true;
}

static bool strings(const cJSON *o, const char *const *keys, size_t n,
                    const char *prefix, char *why, size_t size)
{
    for (size_t k = 0; k < n; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[k]);
        if (!cJSON_IsString(v)) {
            char key[64];
            snprintf(key, sizeof key, "%s%s", prefix, keys[k]);
            return bad(why, size, key, "a string", v);
        }
    }
    return true;
}

static bool results_valid(const cJSON *line, char *why, size_t size)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(line, "error");
    static const char *const error_keys[] = {"code", "where", "message"};
    if (e) {
        return cJSON_IsObject(e)
                   ? strings(e, error_keys, 3, "error.", why, size)
                   : bad(why, size, "error", "an object", e);
    }
    static const char *const keys[] = {"outcome", "cause"};
    if (!strings(line, keys, 2, "", why, size)) {
        return false;
    }
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(line, "summary");
    if (!cJSON_IsObject(sum)) {
        return bad(why, size, "summary", "an object", sum);
    }
    for (const cJSON *v = sum->child; v; v = v->next) {
        if (cJSON_IsNumber(v) && !isfinite(v->valuedouble)) {
            char key[96];
            snprintf(key, sizeof key, "summary.%.80s", v->string);
            return bad(why, size, key, "a finite number", v);
        }
    }
    const cJSON *ser = cJSON_GetObjectItemCaseSensitive(line, "series");
    const cJSON *tick = cJSON_GetObjectItemCaseSensitive(ser, "tick");
    if (!cJSON_IsObject(ser)) {
        return bad(why, size, "series", "an object", ser);
    }
    if (!cJSON_IsArray(tick) || !all_numbers(tick)) {
        return bad(why, size, "series.tick", "an array of numbers", tick);
    }
    int len = cJSON_GetArraySize(tick);
    for (const cJSON *v = ser->child; v; v = v->next) {
        if (!cJSON_IsArray(v) || !all_numbers(v) ||
            cJSON_GetArraySize(v) != len) {
            char key[96], expected[80];
            snprintf(key, sizeof key, "series.%.80s", v->string);
            snprintf(expected, sizeof expected,
                     "an array of %d numbers (as many as series.tick)", len);
            return bad(why, size, key, expected, v);
        }
    }
    return true;
}

bool ng__run_line_valid(const cJSON *line, size_t reps, size_t n_runs,
                        size_t *run, char *why, size_t size)
{
    if (!cJSON_IsObject(line)) {
        snprintf(why, size, "expected a JSON object");
        return false;
    }
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(line, "run");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(line, "point");
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(line, "rep");
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(line, "seed");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(line, "params");
    size_t pt, rp;
    char expected[96];
    if (n_runs) {
        snprintf(expected, sizeof expected, "an integer from 0 to %zu",
                 n_runs - 1);
    } else {
        snprintf(expected, sizeof expected, "an integer from 0 to 2^53");
    }
    if (!whole(r, n_runs ? (double)(n_runs - 1) : EXACT_MAX, run)) {
        return bad(why, size, "run", expected, r);
    }
    if (reps) {
        snprintf(expected, sizeof expected, "%zu (run %zu / %zu replications)",
                 *run / reps, *run, reps);
    }
    if (!whole(p, EXACT_MAX, &pt) || (reps && pt != *run / reps)) {
        return bad(why, size, "point", expected, p);
    }
    if (reps) {
        snprintf(expected, sizeof expected, "%zu (run %zu %% %zu replications)",
                 *run % reps, *run, reps);
    }
    if (!whole(rep, EXACT_MAX, &rp) || (reps && rp != *run % reps)) {
        return bad(why, size, "rep", expected, rep);
    }
    static const char *const id[] = {"id"};
    if (!strings(line, id, 1, "", why, size)) {
        return false;
    }
    if (!cJSON_IsNumber(seed) || !isfinite(seed->valuedouble)) {
        return bad(why, size, "seed", "a number", seed);
    }
    if (!cJSON_IsObject(params)) {
        return bad(why, size, "params", "an object", params);
    }
    return results_valid(line, why, size);
}

/* ---- summary.json from runs.jsonl ---- */

/* Reads the runs one line at a time (the file is in run order, so a
 * point's runs are adjacent) and keeps only the statistics of the point
 * being read: memory grows with the points, not the runs. */
static int summarise_file(FILE *in, const char *path, cJSON *points,
                          double level, ng_error *err)
{
    ng__point_acc *acc = NULL;
    size_t point = 0, last = 0, lineno = 0, lcap = 0;
    char *line = NULL;
    int rc = 0;
    for (;;) {
        ssize_t len = getline(&line, &lcap, in);
        cJSON *run = NULL;
        size_t r = 0, p = 0;
        if (len > 0) {
            lineno++;
            char why[256];
            const char *end = NULL;
            run = cJSON_ParseWithLengthOpts(line, (size_t)len, &end, false);
            while (run && end < line + len && (*end == '\n' || *end == ' ')) {
                end++;
            }
            if (!run || end != line + len || strlen(line) != (size_t)len) {
                rc = ng_error_set(err, NG_EIO, NULL, "%s:%zu: not a JSON line",
                                  path, lineno);
            } else if (!ng__run_line_valid(run, 0, 0, &r, why, sizeof why)) {
                rc = ng_error_set(err, NG_EIO, NULL, "%s:%zu: %s", path, lineno,
                                  why);
            } else if (lineno > 1 && r <= last) {
                rc = ng_error_set(err, NG_EIO, NULL,
                                  "%s:%zu: run %zu after run %zu (expected "
                                  "the runs in increasing order)",
                                  path, lineno, r, last);
            } else {
                p = (size_t)cJSON_GetObjectItemCaseSensitive(run, "point")
                        ->valuedouble;
                last = r;
            }
        }
        if (acc && (rc || !run || p != point)) {
            cJSON *summary = rc ? NULL : ng__point_acc_json(acc, level);
            ng__point_acc_free(acc);
            acc = NULL;
            if (!rc && !summary) {
                rc = ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
            }
            cJSON_AddItemToArray(points, summary);
        }
        if (!run || rc) {
            cJSON_Delete(run);
            break;
        }
        if (!acc) {
            acc = ng__point_acc_new();
            point = p;
        }
        if (!acc || ng__point_acc_add(acc, run)) {
            rc = ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        }
        cJSON_Delete(run);
    }
    ng__point_acc_free(acc);
    free(line);
    return rc;
}

int ng_summary_write(const char *runs_path, const char *dir, double level,
                     ng_error *err)
{
    FILE *in = fopen(runs_path, "r");
    if (!in) {
        char why[NG_ERRNO_TEXT];
        return ng_error_set(err, NG_EIO, runs_path, "cannot open: %s",
                            ng__errno_text(errno, why));
    }
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "confidence", level);
    cJSON *points = cJSON_AddArrayToObject(doc, "points");
    int rc = points ? summarise_file(in, runs_path, points, level, err)
                    : ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    fclose(in);
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    rc = rc ? rc : ng__write_json(path, doc, false, err);
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    rc = rc || !points->child ? rc
                              : ng__write_atomic(path, write_csv, points, err);
    cJSON_Delete(doc);
    return rc;
}
