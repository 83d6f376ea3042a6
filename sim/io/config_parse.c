/* JSON scenario parsing: walks the document, maps every leaf to a registry
 * path and checks its type and range, reporting every error with the field
 * path, what was expected and what was found.  The names of sectors and
 * dispositions live here, where they are read. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "netgov/rules.h"
#include "output_internal.h"

/* ---- the names a config spells sectors and dispositions with ---- */

static const char *const sector_names[NG_SECTOR_COUNT] = {
    "government", "business", "knowledge", "civil"};
static const char *const disposition_names[NG_DISP_COUNT] = {
    "conditional", "free_rider", "hump", "unconditional"};

const char *ng_sector_name(int sector)
{
    return sector >= 0 && sector < NG_SECTOR_COUNT ? sector_names[sector] : "?";
}

const char *ng_disposition_name(int disposition)
{
    return disposition >= 0 && disposition < NG_DISP_COUNT
               ? disposition_names[disposition]
               : "?";
}

#define PATH_MAX_LEN 160

static bool is_object_prefix(const char *path);

/* Keys that are not registry parameters. */
static const char *const plain_keys[] = {
    "name", "description", "population.partners", "population.ties"};
#define N_PLAIN (sizeof plain_keys / sizeof plain_keys[0])

static const char *const partner_keys[] = {
    "name",      "sector",  "founder",   "lead",        "capacity",
    "authority", "support", "interests", "disposition", "location"};
#define N_PARTNER_KEYS (sizeof partner_keys / sizeof partner_keys[0])

static const char *const tie_keys[] = {"a", "b", "trust"};

void ng__json_describe(const cJSON *v, char *buf, size_t size)
{
    if (cJSON_IsNumber(v)) {
        char text[NG_NUMBER_TEXT];
        ng__number_text(v->valuedouble, text);
        snprintf(buf, size, "%s", text);
    } else if (cJSON_IsString(v)) {
        snprintf(buf, size, "\"%.60s\"", v->valuestring);
    } else if (cJSON_IsBool(v)) {
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        snprintf(buf, size, "null");
    } else if (cJSON_IsArray(v)) {
        snprintf(buf, size, "an array of %d", cJSON_GetArraySize(v));
    } else if (cJSON_IsObject(v)) {
        snprintf(buf, size, "an object");
    } else {
        snprintf(buf, size, "an invalid value");
    }
}

/* ---- did-you-mean ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 200 || lb > 200) {
        return SIZE_MAX;
    }
    size_t row[201];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best) {
                best = up + 1;
            }
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *ng__did_you_mean(const char *key, const char *const *candidates,
                             size_t n)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(key, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t len = strlen(key);
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    return best_d <= limit ? best : NULL;
}

/* Number of dot-separated segments. */
static size_t segments(const char *path)
{
    size_t s = 1;
    for (; *path; path++) {
        s += *path == '.';
    }
    return s;
}

/* Suggests the known path (or object prefix) closest to an unknown one. */
static void suggest_path(const char *path, char *out, size_t size)
{
    size_t want = segments(path);
    const char *cands[512];
    char store[512][PATH_MAX_LEN];
    size_t n = 0;
    for (size_t i = 0; i < ng_params_count() + N_PLAIN && n < 512; i++) {
        const char *full = i < ng_params_count()
                               ? ng_params_at(i)->path
                               : plain_keys[i - ng_params_count()];
        if (segments(full) < want) {
            continue;
        }
        /* Truncate to the same number of segments as the unknown path. */
        size_t s = 0, k = 0;
        for (; full[k] && k < PATH_MAX_LEN - 1; k++) {
            if (full[k] == '.' && ++s == want) {
                break;
            }
            store[n][k] = full[k];
        }
        store[n][k] = '\0';
        cands[n] = store[n];
        n++;
    }
    const char *hit = ng__did_you_mean(path, cands, n);
    snprintf(out, size, "%s", hit ? hit : "");
}

void ng__unknown_key(const char *path, ng_errors *errs)
{
    /* A suggestion costs a pass over the registry: once the list is full,
     * only count, so an object of a million unknown keys stays fast. */
    if (errs && errs->n >= NG_MAX_ERRORS) {
        errs->dropped++;
        return;
    }
    char hint[PATH_MAX_LEN];
    suggest_path(path, hint, sizeof hint);
    if (hint[0]) {
        ng_errors_add(errs, NG_ECONFIG, path,
                      "unknown key (did you mean \"%s\"?)", hint);
    } else {
        ng_errors_add(errs, NG_ECONFIG, path,
                      "unknown key (see `netgov params` for the known ones)");
    }
}

/* ---- leaves ---- */

static int apply_number(const ng_param *d, double *out, const cJSON *v,
                        const char *where, bool integer, ng_errors *errs)
{
    char found[96];
    ng__json_describe(v, found, sizeof found);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        return ng_errors_add(errs, NG_ECONFIG, where,
                             "expected %s between %.15g and %.15g, found %s",
                             integer ? "an integer" : "a number", d->min,
                             d->max, found);
    }
    double x = v->valuedouble;
    if (integer && x != floor(x)) {
        return ng_errors_add(
            errs, NG_ECONFIG, where,
            "expected an integer between %.15g and %.15g, found %s", d->min,
            d->max, found);
    }
    if (x < d->min || x > d->max) {
        return ng_errors_add(errs, NG_ECONFIG, where,
                             "expected %s between %.15g and %.15g, found %s",
                             integer ? "an integer" : "a number", d->min,
                             d->max, found);
    }
    *out = x;
    return 0;
}

static int apply_param(ng_params *p, const ng_param *d, const cJSON *v,
                       ng_errors *errs)
{
    double x;
    char found[96];
    switch (d->type) {
    case NG_PARAM_REAL:
        return apply_number(d, ng_param_real(p, d), v, d->path, false, errs);
    case NG_PARAM_INT:
        if (apply_number(d, &x, v, d->path, true, errs) == 0) {
            *ng_param_int(p, d) = (int64_t)x;
            return 0;
        }
        return NG_ECONFIG;
    case NG_PARAM_CHOICE: {
        int idx =
            cJSON_IsString(v) ? ng_family_find(d->family, v->valuestring) : -1;
        if (idx < 0) {
            char list[256];
            ng_family_list(d->family, list, sizeof list);
            ng__json_describe(v, found, sizeof found);
            return ng_errors_add(errs, NG_ECONFIG, d->path,
                                 "expected one of: %s, found %s", list, found);
        }
        *ng_param_choice(p, d) = idx;
        return 0;
    }
    case NG_PARAM_VECTOR: {
        if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != NG_DIM) {
            ng__json_describe(v, found, sizeof found);
            return ng_errors_add(
                errs, NG_ECONFIG, d->path,
                "expected an array of %d numbers between %.15g "
                "and %.15g, found %s",
                NG_DIM, d->min, d->max, found);
        }
        double tmp[NG_DIM];
        int rc = 0;
        for (int k = 0; k < NG_DIM; k++) {
            char where[PATH_MAX_LEN + 8];
            snprintf(where, sizeof where, "%s[%d]", d->path, k);
            rc |= apply_number(d, &tmp[k], cJSON_GetArrayItem(v, k), where,
                               false, errs);
        }
        if (rc == 0) {
            memcpy(ng_param_vector(p, d), tmp, sizeof tmp);
        }
        return rc ? NG_ECONFIG : 0;
    }
    }
    return NG_ECONFIG;
}

static int apply_string(char *dst, size_t size, const char *where,
                        const cJSON *v, ng_errors *errs)
{
    char found[96];
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= size) {
        ng__json_describe(v, found, sizeof found);
        return ng_errors_add(errs, NG_ECONFIG, where,
                             "expected a string of at most %zu characters, "
                             "found %s",
                             size - 1, found);
    }
    snprintf(dst, size, "%s", v->valuestring);
    return 0;
}

int ng__config_apply(ng_config *cfg, const char *path, const cJSON *value,
                     ng_errors *errs)
{
    if (strcmp(path, "name") == 0) {
        return apply_string(cfg->name, sizeof cfg->name, path, value, errs);
    }
    if (strcmp(path, "description") == 0) {
        return apply_string(cfg->description, sizeof cfg->description, path,
                            value, errs);
    }
    const ng_param *d = ng_params_find(path);
    if (d) {
        return apply_param(&cfg->p, d, value, errs);
    }
    if (strcmp(path, "population.partners") == 0 ||
        strcmp(path, "population.ties") == 0) {
        return ng_errors_add(errs, NG_ECONFIG, path,
                             "expected a parameter, found the list of listed "
                             "%s (give it in a config file)",
                             path + strlen("population."));
    }
    if (is_object_prefix(path)) {
        return ng_errors_add(errs, NG_ECONFIG, path,
                             "expected a parameter, found a group of "
                             "parameters (see `netgov params`)");
    }
    ng__unknown_key(path, errs);
    return NG_ECONFIG;
}

/* ---- listed partners and ties ---- */

static bool want_bool(const cJSON *v, const char *where, bool *out,
                      ng_errors *errs)
{
    char found[96];
    if (!cJSON_IsBool(v)) {
        ng__json_describe(v, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected true or false, found %s", found);
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

static bool want_number(const cJSON *v, const char *where, double lo, double hi,
                        bool lo_open, double *out, ng_errors *errs)
{
    char found[96];
    bool ok = cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
              (lo_open ? v->valuedouble > lo : v->valuedouble >= lo) &&
              v->valuedouble <= hi;
    if (!ok) {
        ng__json_describe(v, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected a number %s %g and at most %g, found %s",
                      lo_open ? "above" : "of at least", lo, hi, found);
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool want_choice(const cJSON *v, const char *where,
                        const char *(*name_of)(int), int count, int *out,
                        ng_errors *errs)
{
    if (cJSON_IsString(v)) {
        for (int k = 0; k < count; k++) {
            if (strcmp(v->valuestring, name_of(k)) == 0) {
                *out = k;
                return true;
            }
        }
    }
    char found[96], list[200] = "";
    size_t used = 0;
    for (int k = 0; k < count; k++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
                         name_of(k));
        used += w > 0 ? (size_t)w : 0;
    }
    ng__json_describe(v, found, sizeof found);
    ng_errors_add(errs, NG_ECONFIG, where, "expected one of: %s, found %s",
                  list, found);
    return false;
}

static bool want_interests(const cJSON *v, const char *where, double *out,
                           ng_errors *errs)
{
    char found[96];
    double sum = 0;
    bool ok = cJSON_IsArray(v) && cJSON_GetArraySize(v) == NG_DIM;
    for (int k = 0; ok && k < NG_DIM; k++) {
        const cJSON *e = cJSON_GetArrayItem(v, k);
        ok = cJSON_IsNumber(e) && isfinite(e->valuedouble) &&
             e->valuedouble >= 0;
        if (ok) {
            out[k] = e->valuedouble;
            sum += out[k];
        }
    }
    if (!ok || sum <= 0) {
        ng__json_describe(v, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected an array of %d non-negative weights "
                      "(enforcement, care, economic, knowledge) with a "
                      "positive sum, found %s",
                      NG_DIM, found);
        return false;
    }
    /* Weights that already sum to 1 within rounding are kept as given:
     * dividing them by a sum a few ulps off 1 would move them, so the
     * normalised weights a run document records would normalise again to
     * different numbers, and a replay from the document would differ. */
    if (fabs(sum - 1) > 4 * NG_DIM * DBL_EPSILON) {
        for (int k = 0; k < NG_DIM; k++) {
            out[k] /= sum;
        }
    }
    return true;
}

/* A location is [x, y] in km from the region's corner; that it lies inside
 * geography.area is a cross-field check (config.c). */
static bool want_location(const cJSON *v, const char *where, double *out,
                          ng_errors *errs)
{
    bool ok = cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2;
    for (int k = 0; ok && k < 2; k++) {
        const cJSON *e = cJSON_GetArrayItem(v, k);
        ok = cJSON_IsNumber(e) && isfinite(e->valuedouble) &&
             e->valuedouble >= 0;
        if (ok) {
            out[k] = e->valuedouble;
        }
    }
    if (!ok) {
        char found[96];
        ng__json_describe(v, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected [x, y]: two non-negative numbers in km, "
                      "found %s",
                      found);
    }
    return ok;
}

static void parse_partner_field(ng_partner_spec *ps, const cJSON *f,
                                const char *where, ng_errors *errs)
{
    const char *k = f->string;
    if (strcmp(k, "name") == 0) {
        apply_string(ps->name, sizeof ps->name, where, f, errs);
    } else if (strcmp(k, "sector") == 0) {
        /* A given but invalid sector is reported here; keep it "given". */
        if (!want_choice(f, where, ng_sector_name, NG_SECTOR_COUNT, &ps->sector,
                         errs)) {
            ps->sector = NG_SECTOR_GOVERNMENT;
        }
    } else if (strcmp(k, "founder") == 0) {
        want_bool(f, where, &ps->founder, errs);
    } else if (strcmp(k, "lead") == 0) {
        want_bool(f, where, &ps->lead, errs);
    } else if (strcmp(k, "capacity") == 0) {
        ps->has_capacity =
            want_number(f, where, 0, 1e9, true, &ps->capacity, errs);
    } else if (strcmp(k, "authority") == 0) {
        ps->has_authority =
            want_number(f, where, 0, 1, false, &ps->authority, errs);
    } else if (strcmp(k, "support") == 0) {
        ps->has_support =
            want_number(f, where, 0, 1, false, &ps->support, errs);
    } else if (strcmp(k, "interests") == 0) {
        ps->has_interests = want_interests(f, where, ps->interests, errs);
    } else if (strcmp(k, "disposition") == 0) {
        ps->has_disposition =
            want_choice(f, where, ng_disposition_name, NG_DISP_COUNT,
                        &ps->disposition, errs);
    } else if (strcmp(k, "location") == 0) {
        ps->has_location = want_location(f, where, ps->location, errs);
    } else {
        const char *hint = ng__did_you_mean(k, partner_keys, N_PARTNER_KEYS);
        ng_errors_add(errs, NG_ECONFIG, where,
                      hint ? "unknown key (did you mean \"%s\"?)"
                           : "unknown key (expected one of: name, sector, "
                             "founder, lead, capacity, authority, support, "
                             "interests, disposition, location)%s",
                      hint ? hint : "");
    }
}

static void parse_partner(ng_partner_spec *ps, const cJSON *obj, size_t idx,
                          ng_errors *errs)
{
    char where[PATH_MAX_LEN];
    memset(ps, 0, sizeof *ps);
    ps->sector = -1;
    snprintf(where, sizeof where, "population.partners[%zu]", idx);
    if (!cJSON_IsObject(obj)) {
        char found[96];
        ng__json_describe(obj, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected an object with name and sector, found %s",
                      found);
        return;
    }
    ng__json_reject_duplicates(obj, where, errs);
    const cJSON *f;
    cJSON_ArrayForEach(f, obj)
    {
        char fwhere[PATH_MAX_LEN + 64];
        snprintf(fwhere, sizeof fwhere, "%s.%s", where, f->string);
        parse_partner_field(ps, f, fwhere, errs);
    }
    if (!ps->name[0]) {
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected a \"name\", found none");
    }
    if (ps->sector < 0) {
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected a \"sector\" (government, business, "
                      "knowledge, civil), found none");
        ps->sector = 0;
    }
}

static int name_order(const void *a, const void *b)
{
    const ng_partner_spec *const *x = a, *const *y = b;
    int d = strcmp((*x)->name, (*y)->name);
    return d ? d : (*x > *y) - (*x < *y); /* ties in list order */
}

/* Names are sorted, not compared pairwise, so a machine-made list of a
 * million partners is checked in O(n log n). */
static void reject_duplicate_names(const ng_partner_spec *list, size_t n,
                                   ng_errors *errs)
{
    if (n < 2) {
        return;
    }
    const ng_partner_spec **by_name = malloc(n * sizeof *by_name);
    if (!by_name) {
        ng_errors_add(errs, NG_ENOMEM, "population.partners", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        by_name[i] = &list[i];
    }
    qsort(by_name, n, sizeof *by_name, name_order);
    for (size_t k = 1; k < n; k++) {
        const ng_partner_spec *a = by_name[k - 1], *b = by_name[k];
        if (b->name[0] && strcmp(a->name, b->name) == 0) {
            ng_errors_add(errs, NG_ECONFIG, "population.partners",
                          "expected unique names, found \"%s\" at "
                          "[%zu] and [%zu]",
                          b->name, (size_t)(a - list), (size_t)(b - list));
        }
    }
    free(by_name);
}

static void parse_partners(ng_config *cfg, const cJSON *arr, ng_errors *errs)
{
    char found[96];
    if (!cJSON_IsArray(arr)) {
        ng__json_describe(arr, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, "population.partners",
                      "expected an array of partner objects, found %s", found);
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(arr);
    ng_partner_spec *list = n ? calloc(n, sizeof *list) : NULL;
    if (n && !list) {
        ng_errors_add(errs, NG_ENOMEM, "population.partners", "out of memory");
        return;
    }
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        parse_partner(&list[i], e, i, errs);
        i++;
    }
    reject_duplicate_names(list, n, errs);
    free(cfg->partners);
    cfg->partners = list;
    cfg->n_partners = n;
    /* Ties name partners by index; a new partner list invalidates them. */
    free(cfg->ties);
    cfg->ties = NULL;
    cfg->n_ties = 0;
}

/* The listed partners sorted by name, for finding the ends of ties. */
typedef struct name_index {
    const ng_partner_spec **by_name;
    size_t n;
} name_index;

static int name_key(const void *key, const void *elem)
{
    return strcmp(key, (*(const ng_partner_spec *const *)elem)->name);
}

static bool tie_end(const ng_config *cfg, const name_index *ix, const cJSON *v,
                    const char *where, size_t *out, ng_errors *errs)
{
    if (cJSON_IsString(v)) {
        const ng_partner_spec *const *hit =
            ix->n ? bsearch(v->valuestring, ix->by_name, ix->n,
                            sizeof *ix->by_name, name_key)
                  : NULL;
        if (hit) {
            *out = (size_t)(*hit - cfg->partners);
            return true;
        }
        if (errs && errs->n >= NG_MAX_ERRORS) {
            errs->dropped++; /* no suggestion nobody will see */
            return false;
        }
        const char *names[512];
        size_t n = cfg->n_partners < 512 ? cfg->n_partners : 512;
        for (size_t i = 0; i < n; i++) {
            names[i] = cfg->partners[i].name;
        }
        const char *hint = ng__did_you_mean(v->valuestring, names, n);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected the name of a listed partner, found \"%s\""
                      "%s%s%s",
                      v->valuestring, hint ? " (did you mean \"" : "",
                      hint ? hint : "", hint ? "\"?)" : "");
        return false;
    }
    char found[96];
    ng__json_describe(v, found, sizeof found);
    ng_errors_add(errs, NG_ECONFIG, where,
                  "expected the name of a listed partner, found %s", found);
    return false;
}

static bool parse_tie(const ng_config *cfg, const name_index *ix,
                      const cJSON *obj, size_t idx, ng_tie_spec *t,
                      ng_errors *errs)
{
    char where[PATH_MAX_LEN];
    snprintf(where, sizeof where, "population.ties[%zu]", idx);
    if (!cJSON_IsObject(obj)) {
        char found[96];
        ng__json_describe(obj, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected an object {\"a\": name, \"b\": name, "
                      "\"trust\": number}, found %s",
                      found);
        return false;
    }
    bool ok = true;
    ng__json_reject_duplicates(obj, where, errs);
    t->trust = cfg->p.network_tie_trust;
    const cJSON *f;
    cJSON_ArrayForEach(f, obj)
    {
        char fw[PATH_MAX_LEN + 64];
        snprintf(fw, sizeof fw, "%s.%s", where, f->string);
        if (strcmp(f->string, "a") == 0) {
            ok &= tie_end(cfg, ix, f, fw, &t->a, errs);
        } else if (strcmp(f->string, "b") == 0) {
            ok &= tie_end(cfg, ix, f, fw, &t->b, errs);
        } else if (strcmp(f->string, "trust") == 0) {
            ok &= want_number(f, fw, 0, 1, false, &t->trust, errs);
        } else {
            const char *hint = ng__did_you_mean(f->string, tie_keys, 3);
            ng_errors_add(errs, NG_ECONFIG, fw, "unknown key (expected %s)",
                          hint ? hint : "a, b or trust");
            ok = false;
        }
    }
    bool has_a = cJSON_GetObjectItemCaseSensitive(obj, "a") != NULL;
    bool has_b = cJSON_GetObjectItemCaseSensitive(obj, "b") != NULL;
    if (!has_a || !has_b || (ok && t->a == t->b)) {
        ng_errors_add(errs, NG_ECONFIG, where,
                      "expected two different partners \"a\" and \"b\"");
        return false;
    }
    return ok;
}

static void parse_ties(ng_config *cfg, const cJSON *arr, ng_errors *errs)
{
    char found[96];
    if (!cJSON_IsArray(arr)) {
        ng__json_describe(arr, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, "population.ties",
                      "expected an array of ties, found %s", found);
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(arr), kept = 0, i = 0;
    ng_tie_spec *list = n ? calloc(n, sizeof *list) : NULL;
    if (n && !list) {
        ng_errors_add(errs, NG_ENOMEM, "population.ties", "out of memory");
        return;
    }
    /* Partner names are unique (or already an error), so the first match
     * of a binary search is the partner. */
    name_index ix = {NULL, cfg->n_partners};
    if (ix.n) {
        ix.by_name = malloc(ix.n * sizeof *ix.by_name);
        if (!ix.by_name) {
            free(list);
            ng_errors_add(errs, NG_ENOMEM, "population.ties", "out of memory");
            return;
        }
        for (size_t k = 0; k < ix.n; k++) {
            ix.by_name[k] = &cfg->partners[k];
        }
        qsort(ix.by_name, ix.n, sizeof *ix.by_name, name_order);
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        kept += parse_tie(cfg, &ix, e, i++, &list[kept], errs);
    }
    free(ix.by_name);
    free(cfg->ties);
    cfg->ties = list;
    cfg->n_ties = kept;
}

/* ---- the document walk ---- */

static bool is_object_prefix(const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const char *full = ng_params_at(i)->path;
        if (strncmp(full, path, len) == 0 && full[len] == '.') {
            return true;
        }
    }
    return false;
}

static void walk(ng_config *cfg, const cJSON *obj, const char *prefix,
                 ng_errors *errs)
{
    ng__json_reject_duplicates(obj, prefix, errs);
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        char path[PATH_MAX_LEN];
        int w = snprintf(path, sizeof path, "%s%s%s", prefix,
                         prefix[0] ? "." : "", item->string);
        if (w < 0 || (size_t)w >= sizeof path) {
            ng_errors_add(errs, NG_ECONFIG, prefix, "key path too long");
            continue;
        }
        if (strcmp(path, "population.partners") == 0 ||
            strcmp(path, "population.ties") == 0) {
            continue; /* parsed after the walk, see ng_config_parse */
        }
        if (cJSON_IsObject(item) && is_object_prefix(path)) {
            walk(cfg, item, path, errs);
        } else if (!ng_params_find(path) && is_object_prefix(path)) {
            char found[96];
            ng__json_describe(item, found, sizeof found);
            ng_errors_add(errs, NG_ECONFIG, path,
                          "expected an object, found %s", found);
        } else {
            ng__config_apply(cfg, path, item, errs);
        }
    }
}

static void locate(const char *text, const char *at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (const char *c = text; c < at; c++) {
        if (*c == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)*c & 0xC0) != 0x80) {
            (*col)++; /* a character of several bytes is one column */
        }
    }
}

/* population.<key>, written nested ({"population": {"partners": ...}}) or
 * flat ({"population.partners": ...}). */
static const cJSON *population_item(const cJSON *root, const char *key)
{
    const cJSON *pop = cJSON_GetObjectItemCaseSensitive(root, "population");
    const cJSON *item =
        cJSON_IsObject(pop) ? cJSON_GetObjectItemCaseSensitive(pop, key) : NULL;
    if (!item) {
        char flat[32];
        snprintf(flat, sizeof flat, "population.%s", key);
        item = cJSON_GetObjectItemCaseSensitive(root, flat);
    }
    return item;
}

/* Where cJSON stopped: past the document, only white space may follow. */
static const char *trailing_text(const char *end, const char *limit)
{
    while (end < limit &&
           (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')) {
        end++;
    }
    return end < limit ? end : NULL;
}

static int syntax_error(const char *text, const char *at, const char *source,
                        const char *what, ng_errors *errs)
{
    int line, col;
    locate(text, at, &line, &col);
    char where[PATH_MAX_LEN];
    snprintf(where, sizeof where, "%s:%d:%d", source, line, col);
    return ng_errors_add(errs, NG_ECONFIG, where, "expected %s", what);
}

/* Field errors name the file too: "configs/port.json:run.ticks". */
static void prefix_source(ng_errors *errs, size_t from, const char *source)
{
    for (size_t k = from; errs && k < errs->n; k++) {
        ng_error *e = &errs->items[k];
        size_t sl = strlen(source);
        if (strncmp(e->where, source, sl) == 0 &&
            (e->where[sl] == ':' || e->where[sl] == '\0')) {
            continue;
        }
        /* Shift the path right and put "source:" in front, cutting the
         * end if the two do not fit. */
        size_t cap = sizeof e->where - 1, head = sl + 1 < cap ? sl + 1 : cap;
        size_t tail = strlen(e->where);
        tail = tail < cap - head ? tail : cap - head;
        memmove(e->where + head, e->where, tail);
        memcpy(e->where, source, head - 1);
        e->where[head - 1] = ':';
        e->where[head + tail] = '\0';
    }
}

cJSON *ng__json_parse(const char *text, size_t len, const char *source,
                      ng_errors *errs)
{
    if (ng__json_text_check(text, len, source, errs) != 0) {
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        syntax_error(text, end ? end : text, source,
                     "valid JSON, found a syntax error", errs);
        return NULL;
    }
    const char *extra = trailing_text(end, text + len);
    if (extra) {
        cJSON_Delete(root);
        syntax_error(text, extra, source,
                     "the end of the document, found more text", errs);
        return NULL;
    }
    if (ng__json_tree_check(root, source, errs) != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int ng_config_parse(ng_config *cfg, const char *text, size_t len,
                    const char *source, ng_errors *errs)
{
    size_t before = errs ? errs->n + errs->dropped : 0;
    size_t first = errs ? errs->n : 0;
    cJSON *root = ng__json_parse(text, len, source, errs);
    if (!root) {
        return NG_ECONFIG;
    }
    if (!cJSON_IsObject(root)) {
        char found[96];
        ng__json_describe(root, found, sizeof found);
        ng_errors_add(errs, NG_ECONFIG, source,
                      "expected a JSON object at the top level, found %s",
                      found);
    } else {
        walk(cfg, root, "", errs);
        /* Partners before ties: ties refer to partners by name. */
        const cJSON *partners = population_item(root, "partners");
        if (partners) {
            parse_partners(cfg, partners, errs);
        }
        const cJSON *ties = population_item(root, "ties");
        if (ties) {
            parse_ties(cfg, ties, errs);
        }
    }
    cJSON_Delete(root);
    prefix_source(errs, first, source);
    size_t after = errs ? errs->n + errs->dropped : 0;
    return after > before ? NG_ECONFIG : 0;
}
