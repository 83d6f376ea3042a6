/* The data of a sweep report (manifest.json, summary.json and, after a
 * sensitivity analysis, sensitivity.json of the folder; EXPERIMENTS.md),
 * and of a comparison (`netgov compare`), whose ranking rows are points.
 *
 * Every point's metrics are carried, but mean series only for a few
 * points (all of them up to SERIES_POINTS, else the first, the last and
 * the best and worst on survival and on cumulative value), so a sweep of
 * hundreds of design points still gives a page that can be mailed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/netgov.h"
#include "netgov/params.h"

#include "io/config_internal.h"
#include "report/report_page.h"

#define SERIES_POINTS 6

static int check_points(const cJSON *points, const char *source,
                        ng_errors *errs)
{
    size_t before = errs ? errs->n : 0;
    int k = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, points)
    {
        if (errs && errs->n - before >= 5) {
            break;
        }
        char path[64];
        snprintf(path, sizeof path, "points[%d]", k);
        static const struct {
            const char *key;
            cJSON_bool (*test)(const cJSON *);
            const char *what;
        } fields[] = {{"params", cJSON_IsObject, "an object"},
                      {"runs", cJSON_IsNumber, "a number"},
                      {"outcomes", cJSON_IsObject, "an object"},
                      {"metrics", cJSON_IsObject, "an object"}};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            char where[160];
            snprintf(where, sizeof where, "%s: %s.%s", source, path,
                     fields[f].key);
            const cJSON *v = cJSON_GetObjectItem(p, fields[f].key);
            if (!v || !fields[f].test(v)) {
                char found[96] = "nothing";
                if (v) {
                    ng__json_describe(v, found, sizeof found);
                }
                ng_errors_add(errs, NG_ECONFIG, where, "expected %s, found %s",
                              fields[f].what, found);
            }
        }
        k++;
    }
    return errs && errs->n > before ? NG_ECONFIG : 0;
}

int ng__report_check_sweep(const ng_report *r, ng_errors *errs)
{
    char manifest[600], summary[600];
    snprintf(manifest, sizeof manifest, "%s/manifest.json", r->source);
    snprintf(summary, sizeof summary, "%s/summary.json", r->source);
    size_t before = errs ? errs->n : 0;
    ng__report_need(r->manifest, "spec", cJSON_IsObject, "an object", manifest,
                    errs);
    ng__report_need(r->manifest, "spec.axes", cJSON_IsArray, "an array",
                    manifest, errs);
    const cJSON *points = ng__report_need(r->doc, "points", cJSON_IsArray,
                                          "an array of points", summary, errs);
    if (points) {
        check_points(points, summary, errs);
    }
    if (r->sensitivity) {
        char sens[600];
        snprintf(sens, sizeof sens, "%s/sensitivity.json", r->source);
        ng__report_need(r->sensitivity, "outputs", cJSON_IsObject, "an object",
                        sens, errs);
    }
    return errs && errs->n > before ? NG_ECONFIG : 0;
}

static double metric_mean(const cJSON *point, const char *metric)
{
    const cJSON *m =
        ng__report_at(cJSON_GetObjectItem(point, "metrics"), metric);
    const cJSON *mean = cJSON_GetObjectItem(m, "mean");
    return cJSON_IsNumber(mean) ? mean->valuedouble : 0.0;
}

/* Marks in keep[] the points whose series the page shows.  The points are
 * walked as the list they are (cJSON_GetArrayItem walks from the head each
 * time, which made a sweep of 40,000 points take most of a minute). */
static void pick_series(const cJSON *points, int n, char *keep)
{
    if (n <= SERIES_POINTS) {
        memset(keep, 1, (size_t)n);
        return;
    }
    keep[0] = keep[n - 1] = 1;
    static const char *const by[] = {"survival", "cumulative_value"};
    for (size_t m = 0; m < 2; m++) {
        int lo = 0, hi = 0, k = 0;
        double lo_v = 0, hi_v = 0;
        for (const cJSON *p = points->child; p && k < n; p = p->next, k++) {
            double v = metric_mean(p, by[m]);
            if (k == 0 || v > hi_v) {
                hi = k;
                hi_v = v;
            }
            if (k == 0 || v < lo_v) {
                lo = k;
                lo_v = v;
            }
        }
        keep[lo] = keep[hi] = 1;
    }
}

static cJSON *points_data(const cJSON *points)
{
    cJSON *out = cJSON_Duplicate(points, 1);
    int n = cJSON_GetArraySize(out);
    char *keep = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!out || !keep) {
        free(keep);
        cJSON_Delete(out);
        return NULL;
    }
    pick_series(out, n, keep);
    int k = 0;
    for (cJSON *p = out->child; p && k < n; p = p->next, k++) {
        if (!keep[k]) {
            cJSON_DeleteItemFromObject(p, "series");
        }
    }
    free(keep);
    return out;
}

cJSON *ng__report_sweep_data(const ng_report *r)
{
    cJSON *data = cJSON_CreateObject();
    const cJSON *m = r->manifest;
    const cJSON *spec = cJSON_GetObjectItem(m, "spec");
    char title[200];
    snprintf(title, sizeof title, "%s: sweep report", r->name);
    cJSON_AddStringToObject(data, "kind", "sweep");
    cJSON_AddStringToObject(data, "title", title);
    cJSON_AddStringToObject(data, "generator", "netgov " NG_VERSION);
    cJSON_AddStringToObject(data, "name", r->name);
    static const char *const facts[] = {
        "command",      "engine_version", "status",    "master_seed",
        "replications", "runs",           "runs_done", "runs_failed",
        "confidence",   "points",         "finished",  NULL};
    cJSON *manifest = cJSON_AddObjectToObject(data, "manifest");
    for (size_t k = 0; facts[k]; k++) {
        ng__report_copy(manifest, facts[k], cJSON_GetObjectItem(m, facts[k]));
    }
    ng__report_copy(data, "spec", spec);
    cJSON *axes = cJSON_AddArrayToObject(data, "axis_info");
    const cJSON *axis;
    cJSON_ArrayForEach(axis, cJSON_GetObjectItem(spec, "axes"))
    {
        const cJSON *path = cJSON_GetObjectItem(axis, "path");
        const ng_param *d =
            cJSON_IsString(path) ? ng_params_find(path->valuestring) : NULL;
        cJSON *info = cJSON_CreateObject();
        cJSON_AddStringToObject(info, "unit", d ? d->unit : "");
        cJSON_AddStringToObject(info, "meaning", d ? d->meaning : "");
        cJSON_AddItemToArray(axes, info);
    }
    ng__report_copy(data, "confidence",
                    cJSON_GetObjectItem(r->doc, "confidence"));
    cJSON *points = points_data(cJSON_GetObjectItem(r->doc, "points"));
    if (!points) {
        cJSON_Delete(data);
        return NULL;
    }
    cJSON_AddItemToObject(data, "points", points);
    ng__report_copy(data, "sensitivity", r->sensitivity);
    return data;
}

/* ---- comparison ---- */

int ng__report_check_compare(const cJSON *doc, const char *source,
                             ng_errors *errs)
{
    size_t before = errs ? errs->n : 0;
    const cJSON *ranking = ng__report_need(doc, "ranking", cJSON_IsArray,
                                           "an array", source, errs);
    ng__report_need(doc, "rank_by", cJSON_IsString, "a metric name", source,
                    errs);
    if (ranking) {
        check_points(ranking, source, errs);
    }
    return errs && errs->n > before ? NG_ECONFIG : 0;
}

cJSON *ng__report_compare_data(const ng_report *r)
{
    cJSON *data = cJSON_Duplicate(r->doc, 1);
    if (!data) {
        return NULL;
    }
    char title[200];
    const cJSON *scenario = cJSON_GetObjectItem(r->doc, "scenario");
    snprintf(title, sizeof title, "%s: comparison of governance modes",
             cJSON_IsString(scenario) ? scenario->valuestring : r->name);
    cJSON_AddStringToObject(data, "kind", "compare");
    cJSON_AddStringToObject(data, "title", title);
    cJSON_AddStringToObject(data, "generator", "netgov " NG_VERSION);
    cJSON_AddStringToObject(data, "name", r->name);
    return data;
}
