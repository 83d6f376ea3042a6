/* The data of a run report: header facts, the explanation (explain.h), the
 * key series, the events worth marking, every registry parameter with its
 * value in the run's resolved config, and how to reproduce the run.
 *
 * The parameter table comes from the registry (params.h), not from the
 * document: a parameter the config lacks shows as absent rather than
 * vanishing.  "Changed" means the value differs from the registry default.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "netgov/explain.h"
#include "netgov/netgov.h"
#include "netgov/params.h"

#include "io/output_internal.h"
#include "report/report_page.h"
#include "report/run_document.h"

/* Series the page charts; absent ones are skipped. */
static const char *const run_series[] = {"tick",         "members",
                                         "joins",        "exits",
                                         "exclusions",   "contribution",
                                         "free_riding",  "interpersonal_trust",
                                         "system_trust", "public_value",
                                         "overhead",     "overhead_ratio",
                                         "budget",       "pooled_input",
                                         "fit",          "threat",
                                         "commitment",   NULL};

/* At most this many events are carried (joins are in the series). */
#define MAX_EVENTS 400

/* The document is checked by the reader explain and view use too, with
 * its config parsed, so the three accept the same documents. */
int ng__report_check_run(const cJSON *doc, const char *source, ng_errors *errs)
{
    ng_config cfg;
    ng_run_doc d;
    int rc = ng__run_doc_read(doc, source, &cfg, &d, errs);
    ng_config_clear(&cfg);
    return rc;
}

/* ---- parameters ---- */

static int same_number(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static int param_changed(const ng_param *d, const cJSON *v)
{
    switch (d->type) {
    case NG_PARAM_REAL:
    case NG_PARAM_INT:
        return !cJSON_IsNumber(v) || !same_number(v->valuedouble, d->def);
    case NG_PARAM_CHOICE:
        return !cJSON_IsString(v) || strcmp(v->valuestring, d->def_choice);
    case NG_PARAM_VECTOR:
        if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != NG_DIM) {
            return 1;
        }
        for (int k = 0; k < NG_DIM; k++) {
            const cJSON *e = cJSON_GetArrayItem(v, k);
            if (!cJSON_IsNumber(e) ||
                !same_number(e->valuedouble, d->def_vec[k])) {
                return 1;
            }
        }
        return 0;
    }
    return 1;
}

static cJSON *param_default(const ng_param *d)
{
    if (d->type == NG_PARAM_CHOICE) {
        return cJSON_CreateString(d->def_choice);
    }
    if (d->type == NG_PARAM_VECTOR) {
        return cJSON_CreateDoubleArray(d->def_vec, NG_DIM);
    }
    return cJSON_CreateNumber(d->def);
}

static cJSON *params_data(const cJSON *config)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        const cJSON *v = ng__report_at(config, d->path);
        cJSON *row = cJSON_CreateObject();
        cJSON_AddStringToObject(row, "path", d->path);
        cJSON_AddItemToObject(row, "value",
                              v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
        cJSON_AddItemToObject(row, "default", param_default(d));
        cJSON_AddStringToObject(row, "unit", d->unit);
        cJSON_AddStringToObject(row, "meaning", d->meaning);
        cJSON_AddBoolToObject(row, "changed", param_changed(d, v));
        cJSON_AddItemToArray(list, row);
    }
    return list;
}

/* ---- reproduction ---- */

static void value_text(const cJSON *v, char *buf, size_t size)
{
    if (cJSON_IsString(v)) {
        snprintf(buf, size, "%s", v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        char num[NG_NUMBER_TEXT];
        ng__number_text(v->valuedouble, num);
        snprintf(buf, size, "%s", num);
    } else if (cJSON_IsArray(v)) {
        size_t used = 0;
        buf[0] = '\0';
        for (const cJSON *e = v->child; e && used < size; e = e->next) {
            char num[NG_NUMBER_TEXT];
            ng__number_text(e->valuedouble, num);
            used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                     used ? "," : "[", num);
        }
        if (used + 2 < size) {
            strcat(buf, "]");
        }
    } else {
        snprintf(buf, size, "null");
    }
}

/* The object at a dotted path of a tree we own, or NULL. */
static cJSON *object_at(cJSON *obj, const char *path)
{
    char key[160];
    snprintf(key, sizeof key, "%s", path);
    for (char *p = key; obj && p;) {
        char *dot = strchr(p, '.');
        if (dot) {
            *dot = '\0';
        }
        obj = cJSON_GetObjectItemCaseSensitive(obj, p);
        p = dot ? dot + 1 : NULL;
    }
    return obj;
}

/* The registry parameters where doc and preset differ (run.seed aside),
 * as --set arguments; 1 if anything else (partners, ties, ...) differs,
 * so the preset and --set cannot reproduce the config. */
static int preset_sets(const cJSON *doc_cfg, const cJSON *preset_cfg,
                       cJSON *sets)
{
    cJSON *a = cJSON_Duplicate(doc_cfg, 1), *b = cJSON_Duplicate(preset_cfg, 1);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        const cJSON *va = ng__report_at(a, d->path);
        const cJSON *vb = ng__report_at(b, d->path);
        int differ = !va || !vb || !cJSON_Compare(va, vb, 1);
        if (va && vb && cJSON_IsNumber(va) && cJSON_IsNumber(vb)) {
            differ = !same_number(va->valuedouble, vb->valuedouble);
        }
        if (differ && strcmp(d->path, "run.seed") != 0 && va) {
            char val[256], arg[512];
            value_text(va, val, sizeof val);
            snprintf(arg, sizeof arg, "%s=%s", d->path, val);
            cJSON_AddItemToArray(sets, cJSON_CreateString(arg));
        }
        /* Detach both so the rest can be compared as a whole. */
        const char *dot = strrchr(d->path, '.');
        char parent[160];
        snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - d->path) : 0,
                 d->path);
        const char *leaf = dot ? dot + 1 : d->path;
        cJSON *pa = dot ? object_at(a, parent) : a;
        cJSON *pb = dot ? object_at(b, parent) : b;
        if (cJSON_IsObject(pa)) {
            cJSON_DeleteItemFromObjectCaseSensitive(pa, leaf);
        }
        if (cJSON_IsObject(pb)) {
            cJSON_DeleteItemFromObjectCaseSensitive(pb, leaf);
        }
    }
    cJSON_DeleteItemFromObjectCaseSensitive(a, "description");
    cJSON_DeleteItemFromObjectCaseSensitive(b, "description");
    int rest_differs = !cJSON_Compare(a, b, 1);
    cJSON_Delete(a);
    cJSON_Delete(b);
    return rest_differs;
}

static cJSON *reproduce_data(const cJSON *doc, const cJSON *preset_config)
{
    cJSON *rep = cJSON_CreateObject();
    const cJSON *config = cJSON_GetObjectItem(doc, "config");
    const cJSON *scenario = cJSON_GetObjectItem(doc, "scenario");
    const cJSON *seed = cJSON_GetObjectItem(doc, "seed");
    char seed_text[NG_NUMBER_TEXT] = "";
    if (cJSON_IsNumber(seed)) {
        ng__number_text(seed->valuedouble, seed_text);
    }
    cJSON *sets = cJSON_CreateArray();
    int by_preset = preset_config && !preset_sets(config, preset_config, sets);
    char cmd[4096];
    if (by_preset) {
        size_t used = (size_t)snprintf(
            cmd, sizeof cmd, "netgov run --preset %s%s%s",
            scenario->valuestring, seed_text[0] ? " --seed " : "", seed_text);
        for (const cJSON *s = sets->child; s && used < sizeof cmd;
             s = s->next) {
            const char *q = strpbrk(s->valuestring, "[] ") ? "'" : "";
            used += (size_t)snprintf(cmd + used, sizeof cmd - used,
                                     " --set %s%s%s", q, s->valuestring, q);
        }
    } else {
        snprintf(cmd, sizeof cmd, "netgov run scenario.json%s%s",
                 seed_text[0] ? " --seed " : "", seed_text);
    }
    cJSON_Delete(sets);
    cJSON_AddStringToObject(rep, "command", cmd);
    cJSON_AddBoolToObject(rep, "preset", by_preset);
    ng__report_copy(rep, "config", config);
    return rep;
}

/* ---- the data block ---- */

static cJSON *series_data(const cJSON *series)
{
    cJSON *out = cJSON_CreateObject();
    for (size_t k = 0; run_series[k]; k++) {
        const cJSON *s = cJSON_GetObjectItem(series, run_series[k]);
        if (cJSON_IsArray(s)) {
            ng__report_copy(out, run_series[k], s);
        }
    }
    return out;
}

static cJSON *events_data(const cJSON *events, size_t *dropped)
{
    cJSON *out = cJSON_CreateArray();
    size_t n = 0;
    *dropped = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, events)
    {
        const cJSON *type = cJSON_GetObjectItem(e, "type");
        if (cJSON_IsString(type) && strcmp(type->valuestring, "join") == 0) {
            continue;
        }
        if (n++ < MAX_EVENTS) {
            cJSON_AddItemToArray(out, cJSON_Duplicate(e, 1));
        } else {
            (*dropped)++;
        }
    }
    return out;
}

static void add_explanation(cJSON *data, const cJSON *doc)
{
    ng_error err = {0};
    ng_explanation *e = ng_explain(doc, &err);
    cJSON *json = e ? ng_explanation_json(e) : NULL;
    ng_explanation_free(e);
    if (json) {
        cJSON_AddItemToObject(data, "explanation", json);
    } else {
        cJSON_AddNullToObject(data, "explanation");
        char msg[512];
        snprintf(msg, sizeof msg, "%s%s%s", err.where, err.where[0] ? ": " : "",
                 err.msg[0] ? err.msg : "unknown");
        cJSON_AddStringToObject(data, "explanation_error", msg);
    }
}

cJSON *ng__report_run_data(const ng_report *r, const cJSON *preset_config)
{
    const cJSON *doc = r->doc;
    const cJSON *config = cJSON_GetObjectItem(doc, "config");
    cJSON *data = cJSON_CreateObject();
    char title[256];
    snprintf(title, sizeof title, "%s: run report",
             cJSON_GetObjectItem(doc, "scenario")->valuestring);
    cJSON_AddStringToObject(data, "kind", "run");
    cJSON_AddStringToObject(data, "title", title);
    cJSON_AddStringToObject(data, "generator", "netgov " NG_VERSION);
    static const char *const top[] = {
        "scenario", "seed", "engine_version", "format_version", "summary",
        "units",    NULL};
    for (size_t k = 0; top[k]; k++) {
        ng__report_copy(data, top[k], cJSON_GetObjectItem(doc, top[k]));
    }
    ng__report_copy(data, "description",
                    cJSON_GetObjectItem(config, "description"));
    ng__report_copy(data, "governance",
                    ng__report_at(config, "governance.mode"));
    ng__report_copy(data, "cost_rule",
                    ng__report_at(config, "cost_sharing.rule"));
    ng__report_copy(data, "ticks", ng__report_at(config, "run.ticks"));
    cJSON_AddItemToObject(data, "series",
                          series_data(cJSON_GetObjectItem(doc, "series")));
    size_t dropped = 0;
    cJSON_AddItemToObject(
        data, "events",
        events_data(cJSON_GetObjectItem(doc, "events"), &dropped));
    cJSON_AddNumberToObject(data, "events_left_out", (double)dropped);
    add_explanation(data, doc);
    cJSON_AddItemToObject(data, "params", params_data(config));
    cJSON_AddItemToObject(data, "reproduce",
                          reproduce_data(doc, preset_config));
    return data;
}
