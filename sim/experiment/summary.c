/* Summaries per design point: the statistics of a sweep that a researcher
 * reads first.  Computed from the lines of runs.jsonl alone, so a sweep, a
 * resumed sweep and merged shards summarise to the same bytes. */
#define _POSIX_C_SOURCE 200809L
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

static cJSON *stat_json(const char *name, const double *x, size_t n,
                        double level)
{
    ng_stat st;
    ng_stat_describe(x, n, level, &st);
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

/* Shares of outcomes among the runs that ran, and counts of causes. */
static void add_outcomes(cJSON *point, cJSON *const *ok, size_t n_ok)
{
    static const char *const outcomes[] = {"survived", "dissolved",
                                           "completed"};
    cJSON *shares = cJSON_AddObjectToObject(point, "outcomes");
    for (size_t k = 0; k < 3; k++) {
        size_t c = 0;
        for (size_t r = 0; r < n_ok; r++) {
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(ok[r], "outcome");
            c += cJSON_IsString(o) && strcmp(o->valuestring, outcomes[k]) == 0;
        }
        cJSON_AddNumberToObject(shares, outcomes[k],
                                n_ok ? (double)c / (double)n_ok : (double)NAN);
    }
    cJSON *causes = cJSON_AddObjectToObject(point, "causes");
    for (size_t r = 0; r < n_ok; r++) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(ok[r], "cause");
        if (!cJSON_IsString(c) || strcmp(c->valuestring, "none") == 0) {
            continue;
        }
        cJSON *have = cJSON_GetObjectItemCaseSensitive(causes, c->valuestring);
        if (have) {
            cJSON_SetNumberValue(have, have->valuedouble + 1);
        } else {
            cJSON_AddNumberToObject(causes, c->valuestring, 1);
        }
    }
}

static void add_metrics(cJSON *point, cJSON *const *ok, size_t n_ok,
                        double level, double *buf)
{
    cJSON *metrics = cJSON_AddObjectToObject(point, "metrics");
    if (n_ok == 0) {
        return;
    }
    const cJSON *first = cJSON_GetObjectItemCaseSensitive(ok[0], "summary");
    const char *survival = "survival";
    const cJSON *key = NULL;
    for (const char *name = survival; name; key = key     ? key->next
                                                  : first ? first->child
                                                          : NULL,
                    name = key ? key->string : NULL) {
        if (key && !cJSON_IsNumber(key) && !cJSON_IsNull(key)) {
            continue; /* vectors such as final_mission */
        }
        size_t n = 0;
        for (size_t r = 0; r < n_ok; r++) {
            double v = ng__run_metric(ok[r], name);
            if (!isnan(v)) {
                buf[n++] = v;
            }
        }
        cJSON_AddItemToObject(metrics, name, stat_json(name, buf, n, level));
    }
}

/* Mean key series with confidence bands; at each tick over the runs that
 * were still recording (a dissolved alliance stops), counted in "n". */
static void add_series(cJSON *point, cJSON *const *ok, size_t n_ok,
                       double level, double *buf)
{
    cJSON *out = cJSON_AddObjectToObject(point, "series");
    const cJSON *longest = NULL;
    int len = 0;
    for (size_t r = 0; r < n_ok; r++) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(ok[r], "series");
        int l = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(s, "tick"));
        if (!longest || l > len) {
            longest = s;
            len = l;
        }
    }
    const cJSON **cursor = malloc((n_ok ? n_ok : 1) * sizeof *cursor);
    if (!longest || !cursor) {
        free(cursor);
        return;
    }
    cJSON_AddItemToObject(
        out, "tick",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(longest, "tick"), 1));
    cJSON *count = cJSON_AddArrayToObject(out, "n");
    for (const cJSON *k = longest->child; k; k = k->next) {
        if (strcmp(k->string, "tick") == 0) {
            continue;
        }
        cJSON *band = cJSON_AddObjectToObject(out, k->string);
        cJSON *mean = cJSON_AddArrayToObject(band, "mean");
        cJSON *lo = cJSON_AddArrayToObject(band, "ci_low");
        cJSON *hi = cJSON_AddArrayToObject(band, "ci_high");
        /* One cursor per run walks its array: cJSON arrays are lists. */
        for (size_t r = 0; r < n_ok; r++) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(ok[r], "series"), k->string);
            cursor[r] = s ? s->child : NULL;
        }
        for (int t = 0; t < len; t++) {
            size_t n = 0;
            for (size_t r = 0; r < n_ok; r++) {
                if (cursor[r]) {
                    if (cJSON_IsNumber(cursor[r])) {
                        buf[n++] = cursor[r]->valuedouble;
                    }
                    cursor[r] = cursor[r]->next;
                }
            }
            ng_stat st;
            ng_stat_describe(buf, n, level, &st);
            cJSON_AddItemToArray(mean, cJSON_CreateNumber(st.mean));
            cJSON_AddItemToArray(lo, cJSON_CreateNumber(st.ci_low));
            cJSON_AddItemToArray(hi, cJSON_CreateNumber(st.ci_high));
            if (k == longest->child->next) {
                cJSON_AddItemToArray(count, cJSON_CreateNumber((double)n));
            }
        }
    }
    free(cursor);
}

cJSON *ng__point_summary(cJSON *const *runs, size_t n, double level)
{
    ng__gsl_init();
    cJSON **ok = malloc((n ? n : 1) * sizeof *ok);
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    cJSON *point = cJSON_CreateObject();
    if (!ok || !buf || !point || n == 0) {
        free(ok);
        free(buf);
        cJSON_Delete(point);
        return NULL;
    }
    size_t n_ok = 0;
    for (size_t r = 0; r < n; r++) {
        if (!cJSON_GetObjectItemCaseSensitive(runs[r], "error")) {
            ok[n_ok++] = runs[r];
        }
    }
    const cJSON *first = runs[0];
    cJSON_AddItemToObject(
        point, "point",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(first, "point"), 1));
    cJSON_AddItemToObject(
        point, "id",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(first, "id"), 1));
    cJSON_AddItemToObject(
        point, "params",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(first, "params"), 1));
    cJSON_AddNumberToObject(point, "runs", (double)n);
    cJSON_AddNumberToObject(point, "failed", (double)(n - n_ok));
    add_outcomes(point, ok, n_ok);
    add_metrics(point, ok, n_ok, level, buf);
    add_series(point, ok, n_ok, level, buf);
    free(ok);
    free(buf);
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
        fprintf(f, "%d,",
                cJSON_GetObjectItemCaseSensitive(p, "point")->valueint);
        csv_field(f, cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring);
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

static size_t point_of(const cJSON *run)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(run, "point");
    return cJSON_IsNumber(p) ? (size_t)p->valuedouble : SIZE_MAX;
}

/* Reads the runs of one point at a time (the file is in run order, so a
 * point's runs are adjacent) and appends each point's summary. */
static int summarise_file(FILE *in, cJSON *points, double level, ng_error *err)
{
    cJSON **group = NULL;
    size_t n = 0, cap = 0, lcap = 0;
    char *line = NULL;
    int rc = 0;
    for (;;) {
        ssize_t len = getline(&line, &lcap, in);
        cJSON *run = len > 0 ? cJSON_ParseWithLength(line, (size_t)len) : NULL;
        if (len > 0 && !run) {
            rc = ng_error_set(err, NG_EIO, NULL,
                              "runs.jsonl holds a line that is not JSON");
        }
        bool flush = n && (!run || point_of(run) != point_of(group[0]));
        if (flush) {
            cJSON *p = ng__point_summary(group, n, level);
            if (!p) {
                rc = ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
            }
            cJSON_AddItemToArray(points, p);
            for (size_t k = 0; k < n; k++) {
                cJSON_Delete(group[k]);
            }
            n = 0;
        }
        if (!run || rc) {
            cJSON_Delete(run);
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            cJSON **grown = realloc(group, cap * sizeof *grown);
            if (!grown) {
                cJSON_Delete(run);
                rc = ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
                break;
            }
            group = grown;
        }
        group[n++] = run;
    }
    for (size_t k = 0; k < n; k++) {
        cJSON_Delete(group[k]);
    }
    free(group);
    free(line);
    return rc;
}

int ng_summary_write(const char *runs_path, const char *dir, double level,
                     ng_error *err)
{
    FILE *in = fopen(runs_path, "r");
    if (!in) {
        return ng_error_set(err, NG_EIO, runs_path, "cannot open");
    }
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "confidence", level);
    cJSON *points = cJSON_AddArrayToObject(doc, "points");
    int rc = points ? summarise_file(in, points, level, err)
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
