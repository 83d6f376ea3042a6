/* The viewer page of a run (view.h).
 *
 * The run document is read and checked by the reader explain, view and
 * report share (run_document.h: every message names "file:field.path",
 * what was expected and what was found), its config is replayed (frames.c) and
 * checked against its series, and the page data is built from both: the
 * document gives the series and events, the replay the per-tick state of
 * partners and ties.  Numbers in the page are rounded to 3 decimals: the page
 * draws, it does not compute.
 */
#include "report/view.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/netgov.h"

#include "io/config_internal.h"
#include "report/frames.h"
#include "report/html.h"
#include "report/run_document.h"

/* The series the page draws; members and public_value also check the
 * replay. */
static const char *const page_series[] = {"members",
                                          "contribution",
                                          "free_riding",
                                          "system_trust",
                                          "interpersonal_trust",
                                          "public_value",
                                          NULL};
enum { S_MEMBERS, S_PUBLIC_VALUE = 5, N_SERIES = 6 };

typedef struct run_doc {
    const char *src; /* the file, for messages */
    ng_errors *errs;
    ng_run_doc doc;           /* checked by the shared reader */
    double *values[N_SERIES]; /* lifetime each */
} run_doc;

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* The index of name among names(0..count), or -1. */
static int name_index(const char *name, const char *(*names)(int), int count)
{
    for (int k = 0; k < count; k++) {
        if (strcmp(names(k), name) == 0) {
            return k;
        }
    }
    return -1;
}

/* A checked series as doubles. */
static int read_series(run_doc *d, int k)
{
    size_t T = d->doc.lifetime;
    d->values[k] = calloc(T ? T : 1, sizeof(double));
    if (!d->values[k]) {
        return ng_errors_add(d->errs, NG_ENOMEM, NULL, "out of memory");
    }
    size_t t = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, member(d->doc.series, page_series[k]))
    {
        d->values[k][t++] = v->valuedouble;
    }
    return 0;
}

/* ---- the config and the replay ---- */

/* The pool limit of the viewer, on top of the document's checks. */
static int check_pool(const run_doc *d)
{
    size_t pool = d->doc.n_partners;
    if (pool > NG_VIEW_MAX_PARTNERS) {
        char where[200];
        snprintf(where, sizeof where, "%s:config.population", d->src);
        return ng_errors_add(d->errs, NG_EINVAL, where,
                             "expected a pool of at most %d partners for the "
                             "viewer, found %zu",
                             NG_VIEW_MAX_PARTNERS, pool);
    }
    return 0;
}

/* The most frames the budgets allow for this pool (view.h): a frame is
 * counted at the ties it may hold, every partner at its degree limit, and
 * at its partners' cells. */
static size_t view_frames(const ng_config *cfg)
{
    size_t n = ng_config_pool_size(cfg);
    size_t degree = (size_t)cfg->p.network_max_degree;
    size_t ties = n * degree / 2;
    ties = ties < NG_VIEW_MAX_FRAME_TIES ? ties : NG_VIEW_MAX_FRAME_TIES;
    size_t frames = NG_VIEW_MAX_FRAMES;
    if (ties > 0 && NG_VIEW_MAX_TIES / ties < frames) {
        frames = NG_VIEW_MAX_TIES / ties;
    }
    if (n > 0 && NG_VIEW_MAX_CELLS / n < frames) {
        frames = NG_VIEW_MAX_CELLS / n;
    }
    return frames;
}

static int replay(const run_doc *d, const ng_config *cfg, ng_frames *f)
{
    ng_replay_expect want = {d->values[S_MEMBERS], d->values[S_PUBLIC_VALUE],
                             d->doc.lifetime, d->doc.outcome, d->doc.cause};
    int64_t diverged = -1;
    ng_error err = {0};
    int rc = ng__frames_replay(cfg, &want, view_frames(cfg),
                               NG_VIEW_MAX_FRAME_TIES, f, &diverged, &err);
    if (rc == NG_EINVAL && diverged >= 0) {
        return ng_errors_add(d->errs, NG_EINVAL, d->src,
                             "the replay differs from the document at tick "
                             "%lld (written by engine %s, this is %s)",
                             (long long)diverged, d->doc.engine, NG_VERSION);
    }
    if (rc != 0) {
        ng_errors_add(d->errs, rc, err.where, "%s", err.msg);
    }
    return rc;
}

/* ---- page data ---- */

static double r3(double v)
{
    return round(v * 1000.0) / 1000.0;
}

static cJSON *number_array(const double *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(r3(v[i])));
    }
    return a;
}

static cJSON *float_array(const float *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(r3(v[i])));
    }
    return a;
}

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *v = member(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void add_headline(cJSON *o, const run_doc *d, const ng_config *cfg)
{
    cJSON_AddStringToObject(o, "scenario", cfg->name);
    cJSON_AddStringToObject(o, "description", cfg->description);
    cJSON_AddStringToObject(o, "engine_version", d->doc.engine);
    cJSON_AddNumberToObject(o, "seed", d->doc.seed);
    cJSON_AddStringToObject(
        o, "governance",
        ng_family_choice(NG_FAMILY_GOVERNANCE, cfg->p.governance_mode));
    cJSON_AddStringToObject(o, "cost_rule",
                            ng_family_choice(NG_FAMILY_COST, cfg->p.cost_rule));
    cJSON_AddStringToObject(o, "outcome", ng_outcome_name(d->doc.outcome));
    cJSON_AddStringToObject(o, "cause", ng_reason_name(d->doc.cause));
    cJSON_AddStringToObject(o, "cause_meaning",
                            ng_reason_meaning(d->doc.cause));
    cJSON_AddNumberToObject(o, "lifetime", (double)d->doc.lifetime);
    cJSON_AddNumberToObject(o, "free_riding_cutoff",
                            cfg->p.behaviour_free_riding_cutoff);
    cJSON *sectors = cJSON_AddArrayToObject(o, "sectors");
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        cJSON_AddItemToArray(sectors, cJSON_CreateString(ng_sector_name(s)));
    }
}

static void add_partners(cJSON *o, const run_doc *d, const ng_frames *f)
{
    cJSON *p = cJSON_AddObjectToObject(o, "partners");
    cJSON *name = cJSON_AddArrayToObject(p, "name");
    cJSON *disposition = cJSON_AddArrayToObject(p, "disposition");
    cJSON *founder = cJSON_AddArrayToObject(p, "founder");
    for (const cJSON *q = d->doc.partners->child; q; q = q->next) {
        cJSON_AddItemToArray(name, cJSON_CreateString(string_of(q, "name")));
        cJSON_AddItemToArray(disposition,
                             cJSON_CreateString(string_of(q, "disposition")));
        cJSON_AddItemToArray(
            founder, cJSON_CreateBool(cJSON_IsTrue(member(q, "founder"))));
    }
    cJSON *sector = cJSON_AddArrayToObject(p, "sector");
    for (size_t i = 0; i < f->n; i++) {
        cJSON_AddItemToArray(sector, cJSON_CreateNumber(f->sector[i]));
    }
    cJSON_AddItemToObject(p, "capacity", float_array(f->capacity, f->n));
}

static void add_series(cJSON *o, const run_doc *d)
{
    cJSON *s = cJSON_AddObjectToObject(o, "series");
    cJSON *tick = cJSON_AddArrayToObject(s, "tick");
    for (size_t t = 1; t <= d->doc.lifetime; t++) {
        cJSON_AddItemToArray(tick, cJSON_CreateNumber((double)t));
    }
    for (int k = 0; k < N_SERIES; k++) {
        cJSON_AddItemToObject(s, page_series[k],
                              number_array(d->values[k], d->doc.lifetime));
    }
}

/* Sanctions and admission votes are left out: in a monitored alliance
 * there are hundreds, and the list is for the turning points. */
static bool listed_event(const char *type, const char *reason)
{
    if (strcmp(type, "sanction") == 0) {
        return false;
    }
    return strncmp(type, "vote_", 5) != 0 || strcmp(reason, "admission") != 0;
}

static void add_events(cJSON *o, const run_doc *d)
{
    cJSON *list = cJSON_AddArrayToObject(o, "events");
    cJSON *reasons = cJSON_AddObjectToObject(o, "reasons");
    for (const cJSON *e = d->doc.events->child; e; e = e->next) {
        const char *type = string_of(e, "type");
        const char *reason = string_of(e, "reason");
        if (!listed_event(type, reason)) {
            continue;
        }
        const cJSON *p = member(e, "partner");
        cJSON *row = cJSON_CreateArray();
        cJSON_AddItemToArray(
            row, cJSON_CreateNumber(member(e, "tick")->valuedouble));
        cJSON_AddItemToArray(row, cJSON_CreateString(type));
        cJSON_AddItemToArray(
            row, cJSON_CreateNumber(cJSON_IsNumber(p) ? p->valuedouble : -1));
        cJSON_AddItemToArray(row, cJSON_CreateString(reason));
        cJSON_AddItemToArray(list, row);
        int r = name_index(reason, ng_reason_name, NG_REASON_COUNT);
        if (r > 0 && !member(reasons, reason)) {
            cJSON_AddStringToObject(reasons, reason, ng_reason_meaning(r));
        }
    }
}

/* States as one letter per partner: c(andidate), m(ember), x (exited),
 * e(xcluded); a string per frame keeps the page small. */
static cJSON *state_string(const ng_frames *f, size_t k, char *buf)
{
    static const char letters[] = "cmxe";
    for (size_t i = 0; i < f->n; i++) {
        uint8_t s = f->state[k * f->n + i];
        buf[i] = s < 4 ? letters[s] : '?';
    }
    buf[f->n] = '\0';
    return cJSON_CreateString(buf);
}

static cJSON *tie_array(const ng_frames *f, size_t k)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t t = f->tie_start[k]; a && t < f->tie_start[k + 1]; t++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(f->ties[t].a));
        cJSON_AddItemToArray(a, cJSON_CreateNumber(f->ties[t].b));
        cJSON_AddItemToArray(a, cJSON_CreateNumber(r3(f->ties[t].trust)));
    }
    return a;
}

static int add_frames(cJSON *o, const ng_frames *f)
{
    char *buf = malloc(f->n + 1);
    if (!buf) {
        return NG_ENOMEM;
    }
    cJSON *fr = cJSON_AddObjectToObject(o, "frames");
    cJSON *tick = cJSON_AddArrayToObject(fr, "tick");
    cJSON *state = cJSON_AddArrayToObject(fr, "state");
    cJSON *x = cJSON_AddArrayToObject(fr, "x");
    cJSON *trust = cJSON_AddArrayToObject(fr, "trust");
    cJSON *ties = cJSON_AddArrayToObject(fr, "ties");
    cJSON *tie_total = cJSON_AddArrayToObject(fr, "tie_total");
    cJSON_AddNumberToObject(fr, "tie_limit", (double)f->tie_limit);
    for (size_t k = 0; k < f->n_frames; k++) {
        cJSON_AddItemToArray(tie_total,
                             cJSON_CreateNumber((double)f->tie_total[k]));
        cJSON_AddItemToArray(tick, cJSON_CreateNumber((double)f->tick[k]));
        cJSON_AddItemToArray(state, state_string(f, k, buf));
        cJSON_AddItemToArray(x, float_array(f->x + k * f->n, f->n));
        cJSON_AddItemToArray(trust,
                             float_array(f->system_trust + k * f->n, f->n));
        cJSON_AddItemToArray(ties, tie_array(f, k));
    }
    free(buf);
    return 0;
}

static cJSON *page_data(const run_doc *d, const ng_config *cfg,
                        const ng_frames *f)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        return NULL;
    }
    add_headline(o, d, cfg);
    add_partners(o, d, f);
    add_series(o, d);
    add_events(o, d);
    if (add_frames(o, f) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* ---- entry points ---- */

static int build(run_doc *d, const cJSON *root, cJSON **data)
{
    ng_config cfg;
    int rc = ng__run_doc_read(root, d->src, &cfg, &d->doc, d->errs);
    if (rc == 0) {
        rc = check_pool(d);
    }
    for (int k = 0; rc == 0 && k < N_SERIES; k++) {
        rc = read_series(d, k);
    }
    ng_frames f = {0};
    if (rc == 0) {
        rc = replay(d, &cfg, &f);
    }
    if (rc == 0) {
        *data = page_data(d, &cfg, &f);
        rc = *data ? 0
                   : ng_errors_add(d->errs, NG_ENOMEM, NULL, "out of memory");
    }
    ng__frames_free(&f);
    ng_config_clear(&cfg);
    return rc;
}

int ng__view_data(const char *run_path, cJSON **data, ng_errors *errs)
{
    *data = NULL;
    run_doc d = {.src = run_path, .errs = errs};
    cJSON *root = ng__json_file_read(run_path, errs);
    if (!root) {
        return errs->n > 0 ? errs->items[0].code : NG_EINVAL;
    }
    int rc = build(&d, root, data);
    for (int k = 0; k < N_SERIES; k++) {
        free(d.values[k]);
    }
    cJSON_Delete(root);
    return rc;
}

int ng__view_write(const char *out_path, const cJSON *data, ng_error *err)
{
    static const char *const styles[] = {"view.css", NULL};
    static const char *const scripts[] = {"chart_svg.js", "chart_line.js",
                                          "view.js", NULL};
    char title[NG_NAME_MAX + 16];
    const cJSON *s = member(data, "scenario");
    snprintf(title, sizeof title, "netgov view: %s",
             cJSON_IsString(s) ? s->valuestring : "run");
    ng_html_page page = {title, styles, "view.html", data, scripts};
    return ng__html_write(out_path, &page, err);
}
