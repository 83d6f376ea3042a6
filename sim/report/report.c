/* netgov report: input detection, field checks and the page (report_page.h).
 *
 * A directory is a sweep folder (manifest.json and summary.json); a file is
 * parsed as JSON and is a comparison when it has "ranking", a run document
 * when it has "series" and "format_version".  Everything else is refused
 * with the path and what was expected.  The page is web/report.html with
 * the charts and web/report.js; the data block carries only what the page
 * shows, so a report stays small enough to mail.
 */
#define _POSIX_C_SOURCE 200809L
#include "report/report_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "netgov/record.h"
#include "netgov/rules.h"

#include "io/config_internal.h"
#include "report/html.h"
#include "report/web.h"

/* ---- loading ---- */

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* "out/sweep/" -> "sweep", "a/cmp.json" -> "cmp" */
static void stem(const char *path, char *out, size_t size, int drop_ext)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", path);
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/') {
        copy[--n] = '\0';
    }
    const char *slash = strrchr(copy, '/');
    snprintf(out, size, "%s", slash ? slash + 1 : copy);
    char *dot = drop_ext ? strrchr(out, '.') : NULL;
    if (dot && dot != out) {
        *dot = '\0';
    }
}

static int load_sweep(ng_report *r, const char *dir, ng_errors *errs)
{
    static const char *const need[] = {"manifest.json", "summary.json"};
    char path[600];
    for (size_t k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, need[k]);
        if (!exists(path)) {
            return ng_errors_add(errs, NG_ECONFIG, dir,
                                 "expected a sweep folder with manifest.json "
                                 "and summary.json, found no %s",
                                 need[k]);
        }
    }
    r->kind = NG_REPORT_SWEEP;
    stem(dir, r->name, sizeof r->name, 0);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    r->manifest = ng__json_file_read(path, errs);
    snprintf(path, sizeof path, "%s/summary.json", dir);
    r->doc = r->manifest ? ng__json_file_read(path, errs) : NULL;
    snprintf(path, sizeof path, "%s/sensitivity.json", dir);
    if (r->doc && exists(path)) {
        r->sensitivity = ng__json_file_read(path, errs);
        if (!r->sensitivity) {
            return NG_ECONFIG;
        }
    }
    if (!r->manifest || !r->doc) {
        return NG_ECONFIG;
    }
    return ng__report_check_sweep(r, errs);
}

static int not_a_report(const cJSON *doc, const char *source, ng_errors *errs)
{
    char found[200] = "";
    if (cJSON_IsObject(doc)) {
        size_t used = (size_t)snprintf(found, sizeof found, "an object with ");
        int k = 0;
        for (const cJSON *c = doc->child; c && used < 150; c = c->next, k++) {
            used += (size_t)snprintf(found + used, sizeof found - used,
                                     "%s\"%s\"", k ? ", " : "", c->string);
        }
        if (k == 0) {
            snprintf(found, sizeof found, "an empty object");
        } else if (used >= 150) {
            snprintf(found + 150, sizeof found - 150, ", ...");
        }
    } else {
        ng__json_describe(doc, found, sizeof found);
    }
    return ng_errors_add(errs, NG_ECONFIG, source,
                         "expected a run document (with \"format_version\" "
                         "and \"series\"), a comparison (with \"ranking\") "
                         "or a sweep folder, found %s",
                         found);
}

static int load_file(ng_report *r, const char *path, ng_errors *errs)
{
    r->doc = ng__json_file_read(path, errs);
    if (!r->doc) {
        return NG_ECONFIG;
    }
    const cJSON *d = r->doc;
    if (cJSON_IsObject(d) && cJSON_HasObjectItem(d, "ranking")) {
        r->kind = NG_REPORT_COMPARE;
        stem(path, r->name, sizeof r->name, 1);
        return ng__report_check_compare(d, path, errs);
    }
    /* Any of a run document's own fields makes it one, so a damaged run
     * document is reported by its first bad field, as explain and view
     * report it, rather than as not a run document at all. */
    if (cJSON_IsObject(d) && (cJSON_HasObjectItem(d, "series") ||
                              cJSON_HasObjectItem(d, "format_version") ||
                              cJSON_HasObjectItem(d, "summary"))) {
        r->kind = NG_REPORT_RUN;
        int rc = ng__report_check_run(d, path, errs);
        if (!rc) {
            snprintf(r->name, sizeof r->name, "%s",
                     cJSON_GetObjectItem(d, "scenario")->valuestring);
        }
        return rc;
    }
    return not_a_report(d, path, errs);
}

void ng__report_clear(ng_report *r)
{
    cJSON_Delete(r->doc);
    cJSON_Delete(r->manifest);
    cJSON_Delete(r->sensitivity);
    memset(r, 0, sizeof *r);
}

int ng__report_load(ng_report *r, const char *input, ng_errors *errs)
{
    memset(r, 0, sizeof *r);
    snprintf(r->source, sizeof r->source, "%s", input);
    int rc;
    if (is_dir(input)) {
        rc = load_sweep(r, input, errs);
    } else if (!exists(input)) {
        rc = ng_errors_add(errs, NG_EIO, input,
                           "cannot open: no such file or folder (expected a "
                           "run document, a comparison or a sweep folder)");
    } else {
        rc = load_file(r, input, errs);
    }
    if (rc) {
        ng__report_clear(r);
    }
    return rc;
}

/* ---- writing ---- */

/* The names pages use for a family's rules (labels) and their one-line
 * meanings, from the registry, so a page never lists rules of its own. */
static void add_rules(cJSON *glossary, const char *key, const char *labels,
                      ng_family family)
{
    cJSON *meaning = cJSON_AddObjectToObject(glossary, key);
    cJSON *label = cJSON_AddObjectToObject(glossary, labels);
    for (size_t i = 0; i < ng_family_rule_count(family); i++) {
        const ng_rule *r = ng_family_rule(family, i);
        cJSON_AddStringToObject(meaning, r->name, r->summary);
        cJSON_AddStringToObject(label, r->name, r->label);
    }
}

/* The rules' names and meanings and the reasons' meanings, so the page
 * explains names in plain words. */
static void add_glossary(cJSON *data)
{
    cJSON *g = cJSON_AddObjectToObject(data, "glossary");
    add_rules(g, "governance", "governance_labels", NG_FAMILY_GOVERNANCE);
    add_rules(g, "cost_rules", "cost_rule_labels", NG_FAMILY_COST);
    cJSON *reasons = cJSON_AddObjectToObject(g, "reasons");
    for (int k = 1; k < NG_REASON_COUNT; k++) {
        cJSON_AddStringToObject(reasons, ng_reason_name(k),
                                ng_reason_meaning(k));
    }
}

int ng__report_write(const ng_report *r, const cJSON *preset_config,
                     const char *path, ng_error *err)
{
    static const char *const styles[] = {"report.css", NULL};
    static const char *const scripts[] = {"chart_svg.js",  "chart_line.js",
                                          "chart_bars.js", "chart_heatmap.js",
                                          "report.js",     NULL};
    cJSON *data = NULL;
    switch (r->kind) {
    case NG_REPORT_RUN:
        data = ng__report_run_data(r, preset_config);
        break;
    case NG_REPORT_SWEEP:
        data = ng__report_sweep_data(r);
        break;
    case NG_REPORT_COMPARE:
        data = ng__report_compare_data(r);
        break;
    }
    if (!data) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    add_glossary(data);
    const cJSON *title = cJSON_GetObjectItem(data, "title");
    ng_html_page page = {
        .title = cJSON_IsString(title) ? title->valuestring : "netgov report",
        .styles = styles,
        .body = "report.html",
        .data = data,
        .scripts = scripts,
    };
    int rc = ng__html_write(path, &page, err);
    cJSON_Delete(data);
    return rc;
}
