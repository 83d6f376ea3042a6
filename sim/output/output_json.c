/* The run document (output.h, docs/OUTPUT.md).
 *
 * Written as a stream: the resolved config and summary are small cJSON
 * objects, the series, events and partners are printed directly, so no
 * whole-run tree is held in memory.  Numbers round-trip exactly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/output_internal.h"
#include "netgov/netgov.h"
#include "netgov/run_view.h"

static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\') {
            fprintf(f, "\\%c", *c);
        } else if (*c < 0x20) {
            fprintf(f, "\\u%04x", *c);
        } else {
            fputc(*c, f);
        }
    }
    fputc('"', f);
}

/* ---- the resolved config as a cJSON tree ---- */

/* The object at the dotted prefix of `path`, created as needed; `leaf`
 * receives the last segment. */
static cJSON *object_for(cJSON *root, const char *path, char *leaf, size_t size)
{
    cJSON *obj = root;
    const char *seg = path;
    for (const char *dot; (dot = strchr(seg, '.')) != NULL; seg = dot + 1) {
        char key[64];
        size_t len = (size_t)(dot - seg);
        len = len < sizeof key - 1 ? len : sizeof key - 1;
        memcpy(key, seg, len);
        key[len] = '\0';
        cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, key);
        if (!child) {
            child = cJSON_AddObjectToObject(obj, key);
        }
        obj = child;
    }
    snprintf(leaf, size, "%s", seg);
    return obj;
}

static void add_param(cJSON *root, ng_params *mp, const ng_param *d)
{
    char leaf[64];
    cJSON *obj = object_for(root, d->path, leaf, sizeof leaf);
    switch (d->type) {
    case NG_PARAM_REAL:
        cJSON_AddNumberToObject(obj, leaf, *ng_param_real(mp, d));
        break;
    case NG_PARAM_INT:
        cJSON_AddNumberToObject(obj, leaf, (double)*ng_param_int(mp, d));
        break;
    case NG_PARAM_CHOICE:
        cJSON_AddStringToObject(
            obj, leaf, ng_family_choice(d->family, *ng_param_choice(mp, d)));
        break;
    case NG_PARAM_VECTOR:
        cJSON_AddItemToObject(
            obj, leaf, cJSON_CreateDoubleArray(ng_param_vector(mp, d), NG_DIM));
        break;
    }
}

static cJSON *partner_spec_json(const ng_partner_spec *ps)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", ps->name);
    cJSON_AddStringToObject(o, "sector", ng_sector_name(ps->sector));
    if (ps->founder) {
        cJSON_AddTrueToObject(o, "founder");
    }
    if (ps->lead) {
        cJSON_AddTrueToObject(o, "lead");
    }
    if (ps->has_capacity) {
        cJSON_AddNumberToObject(o, "capacity", ps->capacity);
    }
    if (ps->has_authority) {
        cJSON_AddNumberToObject(o, "authority", ps->authority);
    }
    if (ps->has_support) {
        cJSON_AddNumberToObject(o, "support", ps->support);
    }
    if (ps->has_interests) {
        cJSON_AddItemToObject(o, "interests",
                              cJSON_CreateDoubleArray(ps->interests, NG_DIM));
    }
    if (ps->has_disposition) {
        cJSON_AddStringToObject(o, "disposition",
                                ng_disposition_name(ps->disposition));
    }
    if (ps->has_location) {
        cJSON_AddItemToObject(o, "location",
                              cJSON_CreateDoubleArray(ps->location, 2));
    }
    return o;
}

static cJSON *config_json(const ng_config *cfg)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "name", cfg->name);
    cJSON_AddStringToObject(root, "description", cfg->description);
    ng_params values = cfg->p; /* the typed accessors take a mutable block */
    for (size_t i = 0; i < ng_params_count(); i++) {
        add_param(root, &values, ng_params_at(i));
    }
    cJSON *pop = cJSON_GetObjectItemCaseSensitive(root, "population");
    if (cfg->n_partners) {
        cJSON *list = cJSON_AddArrayToObject(pop, "partners");
        for (size_t i = 0; i < cfg->n_partners; i++) {
            cJSON_AddItemToArray(list, partner_spec_json(&cfg->partners[i]));
        }
    }
    if (cfg->n_ties) {
        cJSON *list = cJSON_AddArrayToObject(pop, "ties");
        for (size_t t = 0; t < cfg->n_ties; t++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "a", cfg->partners[cfg->ties[t].a].name);
            cJSON_AddStringToObject(o, "b", cfg->partners[cfg->ties[t].b].name);
            cJSON_AddNumberToObject(o, "trust", cfg->ties[t].trust);
            cJSON_AddItemToArray(list, o);
        }
    }
    return root;
}

/* Unformatted trees go through ng__json_write, so every number of a run
 * document reads back exactly (cJSON's own check is approximate). */
static int print_tree(FILE *f, cJSON *tree, bool formatted, ng_error *err)
{
    if (tree && !formatted) {
        ng__json_write(f, tree);
        cJSON_Delete(tree);
        return 0;
    }
    char *text =
        tree ? (formatted ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree))
             : NULL;
    cJSON_Delete(tree);
    if (!text) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    fputs(text, f);
    free(text);
    return 0;
}

int ng_output_config(const ng_config *cfg, FILE *f, ng_error *err)
{
    int rc = print_tree(f, config_json(cfg), true, err);
    fputc('\n', f);
    return rc ? rc : ng__stream_status(f, err);
}

/* ---- series, events, partners, summary ---- */

static void write_series(const ng_run_view *v, FILE *f)
{
    size_t ticks = v->ticks_recorded;
    fputs("\"series\":{\n\"tick\":[", f);
    for (size_t t = 0; t < ticks; t++) {
        fprintf(f, "%s%zu", t ? "," : "", t + 1);
    }
    fputc(']', f);
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        fprintf(f, ",\n\"%s\":[", ng_metric_name(k));
        const double *s = v->series[k];
        for (size_t t = 0; t < ticks; t++) {
            if (t) {
                fputc(',', f);
            }
            ng_output_number(f, s[t]);
        }
        fputc(']', f);
    }
    fputs("}", f);
}

static void write_events(const ng_run_view *v, FILE *f)
{
    char name[NG_PARTNER_NAME_MAX];
    fputs("\"events\":[", f);
    for (size_t e = 0; e < v->n_events; e++) {
        const ng_event *ev = &v->events[e];
        fprintf(f, "%s\n{\"tick\":%d,\"type\":\"%s\",\"reason\":\"%s\"",
                e ? "," : "", (int)ev->tick, ng_event_type_name(ev->type),
                ng_reason_name(ev->reason));
        if (ev->partner >= 0) {
            ng_run_partner_name(v, (size_t)ev->partner, name, sizeof name);
            fprintf(f, ",\"partner\":%lld,\"name\":", (long long)ev->partner);
            put_string(f, name);
        }
        if (ng_event_has_amount(ev->type)) {
            fputs(",\"amount\":", f);
            ng_output_number(f, ev->amount);
        }
        fputc('}', f);
    }
    fputs("]", f);
}

static void field(FILE *f, const char *key, double v)
{
    fprintf(f, ",\"%s\":", key);
    ng_output_number(f, v);
}

static void write_partner(const ng_run_view *v, size_t i, FILE *f)
{
    char name[NG_PARTNER_NAME_MAX];
    ng_run_partner_name(v, i, name, sizeof name);
    fprintf(f, "{\"id\":%zu,\"name\":", i);
    put_string(f, name);
    fprintf(f,
            ",\"sector\":\"%s\",\"disposition\":\"%s\",\"founder\":%s,"
            "\"lead\":%s,\"state\":\"%s\",\"state_tick\":%lld,"
            "\"ever_joined\":%s,\"ties\":%zu,\"violations\":%lld",
            ng_sector_name(v->sector[i]),
            ng_disposition_name(v->disposition[i]),
            v->founder[i] ? "true" : "false", i == v->lead ? "true" : "false",
            ng_membership_name(v->state[i]), (long long)v->state_tick[i],
            v->ever_joined[i] ? "true" : "false", v->deg[i],
            (long long)v->violations[i]);
    field(f, "capacity", v->capacity[i]);
    field(f, "authority", v->authority[i]);
    field(f, "support", v->support[i]);
    field(f, "power", v->power[i]);
    field(f, "alignment", v->alignment[i]);
    field(f, "valuation", v->valuation[i]);
    field(f, "belief", v->belief[i]);
    field(f, "system_trust", v->system_trust[i]);
    field(f, "commitment", v->commitment[i]);
    field(f, "value", v->value[i]);
    field(f, "contribution", v->x[i]);
    field(f, "asked", v->asked_total[i]);
    field(f, "paid", v->paid_total[i]);
    field(f, "benefit", v->benefit_total[i]);
    fputs(",\"interests\":[", f);
    for (size_t k = 0; k < NG_DIM; k++) {
        if (k) {
            fputc(',', f);
        }
        ng_output_number(f, v->interests[i * NG_DIM + k]);
    }
    fputc(']', f);
    if (v->geography) {
        fputs(",\"location\":[", f);
        ng_output_number(f, v->location[2 * i]);
        fputc(',', f);
        ng_output_number(f, v->location[2 * i + 1]);
        fputc(']', f);
    }
    fputc('}', f);
}

/* ---- the summary, generated from NG_SUMMARY_FIELDS ---- */

static void summary_INT(cJSON *o, const char *key, int64_t v)
{
    cJSON_AddNumberToObject(o, key, (double)v);
}

static void summary_INT_OR_NULL(cJSON *o, const char *key, int64_t v)
{
    if (v >= 0) {
        cJSON_AddNumberToObject(o, key, (double)v);
    } else {
        cJSON_AddNullToObject(o, key);
    }
}

static void summary_REAL(cJSON *o, const char *key, double v)
{
    cJSON_AddNumberToObject(o, key, v);
}

static void summary_OUTCOME(cJSON *o, const char *key, int v)
{
    cJSON_AddStringToObject(o, key, ng_outcome_name(v));
}

static void summary_REASON(cJSON *o, const char *key, int v)
{
    cJSON_AddStringToObject(o, key, ng_reason_name(v));
}

static void summary_VECTOR(cJSON *o, const char *key, const double *v)
{
    cJSON_AddItemToObject(o, key, cJSON_CreateDoubleArray(v, NG_DIM));
}

cJSON *ng__summary_json(const ng_summary *s)
{
    cJSON *o = cJSON_CreateObject();
#define NG_SUMMARY_JSON(name, key, kind, meaning)                              \
    summary_##kind(o, key, s->name);
    NG_SUMMARY_FIELDS(NG_SUMMARY_JSON)
#undef NG_SUMMARY_JSON
    return o;
}

int ng_output_json(const ng_model *m, FILE *f, ng_error *err)
{
    ng_run_view v;
    ng_model_view(m, &v);
    fprintf(f,
            "{\"format_version\":%d,\"engine_version\":\"%s\",\"seed\":%lld,"
            "\"rng_type\":\"mt19937\",\"scenario\":",
            NG_FORMAT_VERSION, NG_VERSION, (long long)v.cfg->p.run_seed);
    put_string(f, v.cfg->name);
    fputs(",\n\"config\":", f);
    int rc = print_tree(f, config_json(v.cfg), false, err);
    if (rc) {
        return rc;
    }
    fputs(",\n\"units\":{", f);
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        fprintf(f, "%s\"%s\":\"%s\"", k ? "," : "", ng_metric_name(k),
                ng_metric_unit(k));
    }
    fputs("},\n", f);
    write_series(&v, f);
    fputs(",\n", f);
    write_events(&v, f);
    fputs(",\n\"partners\":[", f);
    for (size_t i = 0; i < v.n; i++) {
        fputs(i ? ",\n" : "\n", f);
        write_partner(&v, i, f);
    }
    fputs("],\n\"summary\":", f);
    rc = print_tree(f, ng__summary_json(&v.summary), false, err);
    fputs("}\n", f);
    return rc ? rc : ng__stream_status(f, err);
}
