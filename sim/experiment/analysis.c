/* Sensitivity analysis of a finished sweep: which parameters drive an
 * output.  The design (Saltelli or Morris) was expanded by design.c; the
 * estimators live in sensitivity.c and morris.c; this file feeds them each
 * design point's mean output over its replications and writes the
 * results. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/analysis.h"
#include "experiment/summary_internal.h"
#include "io/output_internal.h"
#include "netgov/model.h"

/* y[o * points + p]: mean of output o over point p's successful runs. */
static int point_means(const ng_spec *s, size_t points, const char *runs,
                       double *y, ng_error *err)
{
    size_t n_out = s->n_outputs;
    double *count = calloc(n_out * points, sizeof *count);
    FILE *in = fopen(runs, "r");
    if (!count || !in) {
        free(count);
        if (in) {
            fclose(in);
        }
        return ng_error_set(err, in ? NG_ENOMEM : NG_EIO, runs,
                            in ? "out of memory" : "cannot open");
    }
    memset(y, 0, n_out * points * sizeof *y);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        cJSON *run = cJSON_Parse(line);
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(run, "point");
        /* Range-checked before the conversion: a number out of range
         * (1e300) must not become some point's index. */
        size_t pt = cJSON_IsNumber(p) && p->valuedouble >= 0 &&
                            p->valuedouble < (double)points
                        ? (size_t)p->valuedouble
                        : points;
        for (size_t o = 0; o < n_out && pt < points; o++) {
            double v = ng__run_metric(run, s->outputs[o]);
            if (!isnan(v)) {
                y[o * points + pt] += v;
                count[o * points + pt] += 1;
            }
        }
        cJSON_Delete(run);
    }
    free(line);
    fclose(in);
    int rc = 0;
    for (size_t k = 0; k < n_out * points && rc == 0; k++) {
        if (count[k] == 0) {
            rc = ng_error_set(err, NG_EINVAL, runs,
                              "design point %zu has no successful run with "
                              "output %s, so the indices cannot be estimated "
                              "(see the errors in runs.jsonl)",
                              k % points, s->outputs[k / points]);
        }
        y[k] /= count[k];
    }
    free(count);
    return rc;
}

static cJSON *sobol_rows(const ng_spec *s, const ng_design *d, const double *y,
                         uint64_t seed, ng_error *err)
{
    size_t k = d->n_unit;
    ng_sobol_index *ix = calloc(k, sizeof *ix);
    if (!ix || ng_sobol_indices(y, s->sa_samples, k, s->bootstrap,
                                s->confidence, seed, ix, err)) {
        free(ix);
        return NULL;
    }
    cJSON *rows = cJSON_CreateArray();
    for (size_t i = 0; i < k; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "parameter", d->paths[i]);
        cJSON_AddNumberToObject(r, "first", ix[i].first);
        cJSON_AddNumberToObject(r, "first_low", ix[i].first_low);
        cJSON_AddNumberToObject(r, "first_high", ix[i].first_high);
        cJSON_AddNumberToObject(r, "total", ix[i].total);
        cJSON_AddNumberToObject(r, "total_low", ix[i].total_low);
        cJSON_AddNumberToObject(r, "total_high", ix[i].total_high);
        cJSON_AddItemToArray(rows, r);
    }
    free(ix);
    return rows;
}

static cJSON *morris_rows(const ng_spec *s, const ng_design *d, const double *y,
                          uint64_t seed, ng_error *err)
{
    size_t k = d->n_unit;
    ng_morris_effect *ef = calloc(k, sizeof *ef);
    if (!ef || ng_morris_effects(d->unit, y, s->sa_samples, k, s->bootstrap,
                                 s->confidence, seed, ef, err)) {
        free(ef);
        return NULL;
    }
    cJSON *rows = cJSON_CreateArray();
    for (size_t i = 0; i < k; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "parameter", d->paths[i]);
        cJSON_AddNumberToObject(r, "mu", ef[i].mu);
        cJSON_AddNumberToObject(r, "mu_star", ef[i].mu_star);
        cJSON_AddNumberToObject(r, "sigma", ef[i].sigma);
        cJSON_AddNumberToObject(r, "mu_star_low", ef[i].mu_star_low);
        cJSON_AddNumberToObject(r, "mu_star_high", ef[i].mu_star_high);
        cJSON_AddItemToArray(rows, r);
    }
    free(ef);
    return rows;
}

/* One CSV row per output and parameter, the columns of the JSON rows. */
static int write_csv(void *ctx, FILE *f, ng_error *err)
{
    (void)err;
    const cJSON *outputs =
        cJSON_GetObjectItemCaseSensitive((const cJSON *)ctx, "outputs");
    const cJSON *first = outputs->child ? outputs->child->child : NULL;
    fputs("output", f);
    for (const cJSON *c = first ? first->child : NULL; c; c = c->next) {
        fprintf(f, ",%s", c->string);
    }
    fputc('\n', f);
    for (const cJSON *o = outputs->child; o; o = o->next) {
        for (const cJSON *r = o->child; r; r = r->next) {
            fputs(o->string, f);
            for (const cJSON *c = r->child; c; c = c->next) {
                char *text = cJSON_PrintUnformatted(c);
                bool undefined = cJSON_IsNull(c) || (cJSON_IsNumber(c) &&
                                                     !isfinite(c->valuedouble));
                fprintf(f, ",%s", undefined || !text ? "" : text);
                free(text);
            }
            fputc('\n', f);
        }
    }
    return 0;
}

int ng_sensitivity_write(const ng_spec *s, const ng_design *d,
                         uint64_t master_seed, const char *dir, cJSON **doc,
                         ng_error *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/runs.jsonl", dir);
    size_t points = d->n_points;
    size_t cells = s->n_outputs * points;
    double *y = malloc((cells ? cells : 1) * sizeof *y);
    if (!y) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    int rc = point_means(s, points, path, y, err);
    bool sobol = s->analysis == NG_ANALYSIS_SOBOL;
    *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(*doc, "method", sobol ? "sobol" : "morris");
    cJSON_AddNumberToObject(*doc, sobol ? "samples" : "trajectories",
                            (double)s->sa_samples);
    if (!sobol) {
        cJSON_AddNumberToObject(*doc, "levels", (double)s->levels);
    }
    cJSON_AddNumberToObject(*doc, "points", (double)points);
    cJSON_AddNumberToObject(*doc, "replications", (double)s->replications);
    cJSON_AddNumberToObject(*doc, "bootstrap", (double)s->bootstrap);
    cJSON_AddNumberToObject(*doc, "confidence", s->confidence);
    cJSON *outputs = cJSON_AddObjectToObject(*doc, "outputs");
    uint64_t seed = ng_seed_mix(master_seed, NG_DESIGN_STREAM + 1);
    for (size_t o = 0; rc == 0 && o < s->n_outputs; o++) {
        const double *yo = y + o * points;
        cJSON *rows = sobol ? sobol_rows(s, d, yo, seed, err)
                            : morris_rows(s, d, yo, seed, err);
        if (!rows) {
            rc = err->code ? err->code : NG_ENOMEM;
        }
        cJSON_AddItemToObject(outputs, s->outputs[o], rows);
    }
    free(y);
    snprintf(path, sizeof path, "%s/sensitivity.json", dir);
    rc = rc ? rc : ng__write_json(path, *doc, true, err);
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    rc = rc ? rc : ng__write_atomic(path, write_csv, *doc, err);
    if (rc) {
        cJSON_Delete(*doc);
        *doc = NULL;
    }
    return rc;
}
