/* netgov report: one self-contained HTML page for a run document, a sweep
 * folder or a comparison, to be mailed to someone who does not run netgov.
 *
 * Loading detects the kind of input and checks the fields the page needs,
 * so a bad input is reported with its file and field path before anything
 * is written.  The page's data is a cJSON tree built here (report_run.c,
 * report_sweep.c) and rendered by web/report.js.
 */
#ifndef NETGOV_REPORT_PAGE_H
#define NETGOV_REPORT_PAGE_H

#include <cjson/cJSON.h>

#include "netgov/error.h"

typedef enum ng_report_kind {
    NG_REPORT_RUN,
    NG_REPORT_SWEEP,
    NG_REPORT_COMPARE
} ng_report_kind;

typedef struct ng_report {
    ng_report_kind kind;
    char source[512];   /* the input path as given */
    char name[128];     /* scenario, sweep folder or comparison file name */
    cJSON *doc;         /* run document, comparison, or sweep summary.json */
    cJSON *manifest;    /* sweep: manifest.json */
    cJSON *sensitivity; /* sweep: sensitivity.json, or NULL */
} ng_report;

/* Reads input (a run document, a comparison JSON or a sweep folder) into r
 * and checks the fields the page uses.  Returns 0, or NG_EIO (unreadable)
 * or NG_ECONFIG (not one of the three kinds, or a field missing or of the
 * wrong type) with errs naming the file and field path.  r is cleared on
 * failure; on success the caller calls ng__report_clear. */
int ng__report_load(ng_report *r, const char *input, ng_errors *errs);
void ng__report_clear(ng_report *r);

/* Writes the page for r atomically to path.  For a run, preset_config is
 * the resolved config of the built-in preset the run's scenario is named
 * after (or NULL), used to say how to reproduce the run.  NG_EIO on a
 * write failure, NG_ENOMEM when out of memory. */
int ng__report_write(const ng_report *r, const cJSON *preset_config,
                     const char *path, ng_error *err);

/* ---- the page's data, by kind (report_run.c, report_sweep.c) ---- */

/* Checks the fields of each kind; errors name source and field path. */
int ng__report_check_run(const cJSON *doc, const char *source, ng_errors *errs);
int ng__report_check_sweep(const ng_report *r, ng_errors *errs);
int ng__report_check_compare(const cJSON *doc, const char *source,
                             ng_errors *errs);

/* The data block of each kind; NULL when out of memory. */
cJSON *ng__report_run_data(const ng_report *r, const cJSON *preset_config);
cJSON *ng__report_sweep_data(const ng_report *r);
cJSON *ng__report_compare_data(const ng_report *r);

/* Checks that obj has a field at the dotted path of the JSON type test
 * (cJSON_IsString, ...); adds "source: path: expected <what>, found ..."
 * and returns the item, or NULL. */
const cJSON *ng__report_need(const cJSON *obj, const char *path,
                             cJSON_bool (*test)(const cJSON *),
                             const char *what, const char *source,
                             ng_errors *errs);
/* The item at a dotted path ("summary.outcome"), or NULL. */
const cJSON *ng__report_at(const cJSON *obj, const char *path);
/* Adds a deep copy of item (if any) to obj under key. */
void ng__report_copy(cJSON *obj, const char *key, const cJSON *item);

#endif
