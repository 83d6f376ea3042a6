/* Fuzz harness: a run document (or a comparison) as netgov explain, view
 * and report read it.  The input is written to the scratch folder, since
 * view and report take a path; explain's parse, the explanation as JSON
 * and text, the report's loading and page data, and the viewer's check,
 * replay and page all run on it.  Pages go to the scratch folder and are
 * removed after each input. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "io/config_internal.h"
#include "netgov/explain.h"
#include "report/report_page.h"
#include "report/view.h"

static void explain(const uint8_t *data, size_t size)
{
    ng_errors errs = {0};
    cJSON *doc = ng__json_parse((const char *)data, size, "run.json", &errs);
    if (!doc) {
        return;
    }
    ng_error err = {0};
    ng_explanation *e = ng_explain(doc, &err);
    if (e) {
        cJSON_Delete(ng_explanation_json(e));
        free(ng_explanation_text(e));
        ng_explanation_free(e);
    }
    cJSON_Delete(doc);
}

static void report(const char *dir, const char *path)
{
    ng_report r;
    ng_errors errs = {0};
    if (ng__report_load(&r, path, &errs) != 0) {
        return;
    }
    char page[4200];
    snprintf(page, sizeof page, "%s/report.html", dir);
    ng_error err = {0};
    ng__report_write(&r, NULL, page, &err);
    ng__report_clear(&r);
}

static void view(const char *dir, const char *path)
{
    cJSON *data = NULL;
    ng_errors errs = {0};
    if (ng__view_data(path, &data, &errs) == 0) {
        char page[4200];
        snprintf(page, sizeof page, "%s/view.html", dir);
        ng_error err = {0};
        ng__view_write(page, data, &err);
    }
    cJSON_Delete(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    explain(data, size);
    const char *dir = fuzz_dir();
    if (!dir || fuzz_write(dir, "run.json", data, size) != 0) {
        return 0;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/run.json", dir);
    report(dir, path);
    view(dir, path);
    fuzz_empty(dir);
    return 0;
}
