/* Fuzz harness: a sweep folder as netgov report, merge and a resumed
 * sweep read it.  The input holds the folder's files one after another,
 * each after a line "==> NAME <==" (the headers `head` prints for several
 * files), NAME one of manifest.json, runs.jsonl, summary.json and
 * sensitivity.json; text before the first header is the manifest.  The
 * files are written into a folder in the scratch space, then:
 *   - the report page of the folder (loading, checks, data, page);
 *   - the summary of its runs.jsonl (ng_summary_write), into the scratch
 *     space;
 *   - the merge of the folder as the only shard (ng_store_merge), and the
 *     report of the merged folder;
 *   - resuming in the folder (ng_store_open) with the manifest's own
 *     spec hash, point and replication counts, so the earlier attempt is
 *     taken as the same sweep and its runs are scanned.  The command line
 *     takes those counts from the spec, not the manifest; they are capped
 *     here so the done-list stays small.
 * No run is ever started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "fuzz_util.h"
#include "io/config_internal.h"
#include "netgov/sweep.h"
#include "report/report_page.h"

static const char *const names[] = {"manifest.json", "runs.jsonl",
                                    "summary.json", "sensitivity.json"};
#define N_NAMES (sizeof names / sizeof names[0])

/* The index of the name in a header line "==> NAME <==", or -1. */
static int header(const char *line, size_t len)
{
    for (size_t k = 0; k < N_NAMES; k++) {
        size_t n = strlen(names[k]);
        if (len == n + 8 && memcmp(line, "==> ", 4) == 0 &&
            memcmp(line + 4, names[k], n) == 0 &&
            memcmp(line + 4 + n, " <==", 4) == 0) {
            return (int)k;
        }
    }
    return -1;
}

/* Writes each part of the input to its file in dir; later parts of the
 * same name replace earlier ones. */
static int split(const uint8_t *data, size_t size, const char *dir)
{
    const char *text = (const char *)data;
    const char *from[N_NAMES] = {text};
    size_t len[N_NAMES] = {0};
    int part = 0;
    size_t start = 0;
    for (size_t at = 0; at <= size;) {
        const char *nl = memchr(text + at, '\n', size - at);
        size_t end = nl ? (size_t)(nl - text) : size;
        int h = header(text + at, end - at);
        if (h >= 0) {
            len[part] = at - start;
            part = h;
            start = end + (nl != NULL);
            from[part] = text + start;
        }
        at = end + 1;
    }
    len[part] = size - start;
    for (size_t k = 0; k < N_NAMES; k++) {
        if (from[k] && fuzz_write(dir, names[k], from[k], len[k]) != 0) {
            return -1;
        }
    }
    return 0;
}

static void report(const char *dir, const char *page)
{
    ng_report r;
    ng_errors errs = {0};
    if (ng__report_load(&r, dir, &errs) == 0) {
        ng_error err = {0};
        ng__report_write(&r, NULL, page, &err);
        ng__report_clear(&r);
    }
}

static const char *text_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

/* A count from the manifest, or 0 when absent or above the harness's
 * cap. */
static size_t count_of(const cJSON *o, const char *key, double cap)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= cap
               ? (size_t)v->valuedouble
               : 0;
}

static void resume(const char *dir)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    ng_errors errs = {0};
    cJSON *man = ng__json_file_read(path, &errs);
    if (!man) {
        return;
    }
    unsigned shard = 1, shards = 1;
    if (sscanf(text_of(man, "shard"), "%u/%u", &shard, &shards) != 2 ||
        shard < 1 || shard > shards || shards > 64) {
        shard = shards = 1;
    }
    ng_provenance pv = {
        .command = "sweep",
        .spec_json = "{}",
        .spec_hash = text_of(man, "spec_hash"),
        .master_seed = 1,
        .points = count_of(man, "points", 1000),
        .replications = count_of(man, "replications", 100),
        .confidence = 0.95,
        .shard = shard,
        .shards = shards,
        .threads = 1,
        .ranks = 1,
    };
    ng_store st;
    memset(&st, 0, sizeof st);
    errs.n = 0;
    ng_store_open(&st, dir, &pv, &errs);
    ng_store_close(&st);
    cJSON_Delete(man);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    const char *root = fuzz_dir();
    if (!root) {
        return 0;
    }
    /* The scratch folder's name is at most 4095 bytes. */
    char in[4200], out[4200], merged[4200], page[4200], runs[4400];
    snprintf(in, sizeof in, "%s/in", root);
    snprintf(out, sizeof out, "%s/out", root);
    snprintf(merged, sizeof merged, "%s/merged", root);
    snprintf(page, sizeof page, "%s/report.html", root);
    snprintf(runs, sizeof runs, "%s/runs.jsonl", in);
    if (mkdir(in, 0700) == 0 && mkdir(out, 0700) == 0 &&
        split(data, size, in) == 0) {
        report(in, page);
        ng_error err = {0};
        ng_summary_write(runs, out, 0.95, &err);
        ng_errors errs = {0};
        const char *dirs[1] = {in};
        if (ng_store_merge(merged, dirs, 1, &errs) == 0) {
            report(merged, page);
        }
        resume(in);
    }
    fuzz_empty(root);
    return 0;
}
