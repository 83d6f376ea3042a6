/* The output folder of a sweep: manifest.json, runs.jsonl (appended as runs
 * finish, so a crash loses only the runs in flight), and at the end the
 * same runs in run order plus summary.json and summary.csv.
 *
 * Resuming reads back what an earlier attempt wrote; merging reads the
 * folders of several shards.  Both end in the same sort and summary, so a
 * resumed, sharded or MPI sweep ends with the same files as one run. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "io/config_internal.h"
#include "io/error_internal.h"
#include "io/output_internal.h"
#include "netgov/netgov.h"
#include "netgov/sweep.h"

#define LAYOUT_VERSION 1

void ng_sweep_hash(const char *const *parts, size_t n, char out[32])
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t k = 0; k < n; k++) {
        for (const char *c = parts[k]; c && *c; c++) {
            h = (h ^ (unsigned char)*c) * UINT64_C(1099511628211);
        }
        h = (h ^ '\n') * UINT64_C(1099511628211);
    }
    snprintf(out, 32, "fnv1a64:%016llx", (unsigned long long)h);
}

static void path_in(const char *dir, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool mine(size_t run, size_t shard, size_t shards)
{
    return run % shards == shard - 1;
}

/* ---- manifest ---- */

static cJSON *manifest_json(const ng_store *st, const ng_provenance *pv,
                            const char *status, const char *finished,
                            size_t failed)
{
    cJSON *m = cJSON_CreateObject();
    char shard[48];
    snprintf(shard, sizeof shard, "%zu/%zu", pv->shard, pv->shards);
    cJSON_AddNumberToObject(m, "layout_version", LAYOUT_VERSION);
    cJSON_AddStringToObject(m, "command", pv->command);
    cJSON_AddStringToObject(m, "engine_version", NG_VERSION);
    cJSON_AddNumberToObject(m, "format_version", NG_FORMAT_VERSION);
    cJSON_AddStringToObject(m, "status", status);
    cJSON_AddItemToObject(m, "spec", cJSON_Parse(pv->spec_json));
    cJSON_AddStringToObject(m, "spec_hash", pv->spec_hash);
    if (pv->design_file) {
        cJSON_AddStringToObject(m, "design_file", pv->design_file);
    } else {
        cJSON_AddNullToObject(m, "design_file");
    }
    cJSON_AddNumberToObject(m, "master_seed", (double)pv->master_seed);
    cJSON_AddStringToObject(m, "random_numbers",
                            pv->common_numbers ? "common" : "independent");
    cJSON_AddNumberToObject(m, "points", (double)pv->points);
    cJSON_AddNumberToObject(m, "replications", (double)pv->replications);
    cJSON_AddNumberToObject(m, "runs", (double)st->n_runs);
    cJSON_AddNumberToObject(m, "confidence", pv->confidence);
    cJSON_AddStringToObject(m, "shard", shard);
    cJSON_AddNumberToObject(m, "runs_done", (double)st->n_done);
    cJSON_AddNumberToObject(m, "runs_failed", (double)failed);
    cJSON_AddStringToObject(m, "started", st->started);
    if (finished) {
        cJSON_AddStringToObject(m, "finished", finished);
    } else {
        cJSON_AddNullToObject(m, "finished");
    }
    cJSON_AddNumberToObject(m, "attempts", st->attempts);
    cJSON_AddNumberToObject(m, "threads", pv->threads);
    cJSON_AddNumberToObject(m, "ranks", pv->ranks);
    return m;
}

static int save_manifest(const ng_store *st, const ng_provenance *pv,
                         const char *status, const char *finished,
                         size_t failed, ng_error *err)
{
    char path[4200];
    path_in(st->dir, "manifest.json", path, sizeof path);
    cJSON *m = manifest_json(st, pv, status, finished, failed);
    int rc = m ? ng__write_json(path, m, true, err)
               : ng_error_set(err, NG_ENOMEM, path, "out of memory");
    cJSON_Delete(m);
    return rc;
}

static const char *text_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* An earlier attempt must be the same sweep: same spec, engine and shard. */
static int check_earlier(ng_store *st, const ng_provenance *pv,
                         const char *path, ng_errors *errs)
{
    cJSON *old = ng__json_file_read(path, errs);
    if (!old) {
        return NG_ECONFIG;
    }
    char shard[48];
    snprintf(shard, sizeof shard, "%zu/%zu", pv->shard, pv->shards);
    int rc = 0;
    if (strcmp(text_of(old, "spec_hash"), pv->spec_hash) != 0) {
        rc = ng_errors_add(
            errs, NG_ECONFIG, path,
            "this folder holds a different sweep (spec, base scenario or "
            "design changed since the first attempt: %s, now %s); use "
            "another --out folder or remove this one",
            text_of(old, "spec_hash"), pv->spec_hash);
    } else if (strcmp(text_of(old, "engine_version"), NG_VERSION) != 0) {
        rc = ng_errors_add(errs, NG_ECONFIG, path,
                           "this folder was written by netgov %s, this is %s; "
                           "results would not be comparable",
                           text_of(old, "engine_version"), NG_VERSION);
    } else if (strcmp(text_of(old, "shard"), shard) != 0) {
        rc = ng_errors_add(errs, NG_ECONFIG, path,
                           "this folder holds shard %s, not %s",
                           text_of(old, "shard"), shard);
    } else {
        snprintf(st->started, sizeof st->started, "%s",
                 text_of(old, "started"));
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(old, "attempts");
        st->attempts = (cJSON_IsNumber(a) ? a->valueint : 0) + 1;
    }
    cJSON_Delete(old);
    return rc;
}

/* ---- runs.jsonl ---- */

/* The run number of a complete line, or SIZE_MAX if it is not one.  Lines
 * the runner wrote start with {"run":N, which is read directly; anything
 * else is parsed. */
static size_t line_run(const char *line, size_t len)
{
    static const char prefix[] = "{\"run\":";
    size_t pl = sizeof prefix - 1;
    if (len > pl + 1 && memcmp(line, prefix, pl) == 0 && line[len - 1] == '}') {
        char *end;
        unsigned long long run = strtoull(line + pl, &end, 10);
        if (end != line + pl && *end == ',') {
            return (size_t)run;
        }
    }
    cJSON *doc = cJSON_ParseWithLength(line, len);
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(doc, "run");
    size_t run = cJSON_IsNumber(r) && r->valuedouble >= 0
                     ? (size_t)r->valuedouble
                     : SIZE_MAX;
    cJSON_Delete(doc);
    return run;
}

/* Marks the runs an earlier attempt finished and cuts off a last line that
 * a crash left without its newline. */
static int scan_runs(ng_store *st, const char *path, const ng_provenance *pv,
                     ng_errors *errs)
{
    char why[NG_ERRNO_TEXT];
    FILE *f = fopen(path, "r");
    if (!f) {
        return errno == ENOENT
                   ? 0
                   : ng_errors_add(errs, NG_EIO, path, "cannot open: %s",
                                   ng__errno_text(errno, why));
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    off_t good = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[len - 1] != '\n') {
            break;
        }
        /* Resuming parses every line: a damaged one must not count. */
        cJSON *doc = cJSON_ParseWithLength(line, (size_t)len - 1);
        size_t run = doc ? line_run(line, (size_t)len - 1) : SIZE_MAX;
        cJSON_Delete(doc);
        if (run >= st->n_runs || !mine(run, pv->shard, pv->shards)) {
            rc = ng_errors_add(errs, NG_ECONFIG, path,
                               "line %zu is not a run of this sweep; use "
                               "another --out folder or remove this one",
                               lineno);
            break;
        }
        if (!st->done[run]) {
            st->done[run] = 1;
            st->n_done++;
        }
        good += len;
    }
    free(line);
    fclose(f);
    if (rc == 0 && truncate(path, good) != 0) {
        rc = ng_errors_add(errs, NG_EIO, path, "cannot truncate: %s",
                           ng__errno_text(errno, why));
    }
    return rc;
}

int ng_store_open(ng_store *st, const char *dir, const ng_provenance *pv,
                  ng_errors *errs)
{
    memset(st, 0, sizeof *st);
    st->fd = -1;
    snprintf(st->dir, sizeof st->dir, "%s", dir);
    st->n_runs = pv->points * pv->replications;
    st->done = calloc(st->n_runs ? st->n_runs : 1, 1);
    if (!st->done) {
        return ng_errors_add(errs, NG_ENOMEM, dir, "out of memory");
    }
    for (size_t r = 0; r < st->n_runs; r++) {
        st->n_mine += mine(r, pv->shard, pv->shards);
    }
    now_utc(st->started);
    st->attempts = 1;
    char path[4200];
    ng_error err = {0};
    path_in(dir, "manifest.json", path, sizeof path);
    if (ng__make_parents(path, &err)) {
        return ng_errors_add(errs, err.code, err.where, "%s", err.msg);
    }
    if (access(path, F_OK) == 0) {
        int rc = check_earlier(st, pv, path, errs);
        path_in(dir, "runs.jsonl", path, sizeof path);
        rc = rc ? rc : scan_runs(st, path, pv, errs);
        if (rc) {
            return rc;
        }
    }
    if (save_manifest(st, pv, "running", NULL, 0, &err)) {
        return ng_errors_add(errs, err.code, err.where, "%s", err.msg);
    }
    path_in(dir, "runs.jsonl", path, sizeof path);
    st->fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (st->fd < 0) {
        char why[NG_ERRNO_TEXT];
        return ng_errors_add(errs, NG_EIO, path, "cannot open: %s",
                             ng__errno_text(errno, why));
    }
    return 0;
}

int ng_store_append(ng_store *st, const char *line, ng_error *err)
{
    size_t n = strlen(line);
    char *buf = malloc(n + 1);
    if (!buf) {
        return ng_error_set(err, NG_ENOMEM, st->dir, "out of memory");
    }
    memcpy(buf, line, n);
    buf[n] = '\n';
    ssize_t put = write(st->fd, buf, n + 1);
    free(buf);
    if (put != (ssize_t)(n + 1)) {
        char why[NG_ERRNO_TEXT];
        return ng_error_set(err, NG_EIO, st->dir, "cannot write runs.jsonl: %s",
                            put < 0 ? ng__errno_text(errno, why)
                                    : "short write");
    }
    st->n_done++;
    return 0;
}

void ng_store_close(ng_store *st)
{
    if (st->fd >= 0) {
        close(st->fd);
    }
    free(st->done);
    st->fd = -1;
    st->done = NULL;
}

/* ---- run order ---- */

typedef struct entry {
    size_t run, file;
    off_t offset;
    size_t len; /* with the newline */
} entry;

static int by_run(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->run != y->run) {
        return x->run < y->run ? -1 : 1;
    }
    return x->file != y->file
               ? (x->file < y->file ? -1 : 1)
               : (x->offset > y->offset) - (x->offset < y->offset);
}

typedef struct collation {
    FILE **in;
    entry *e;
    size_t n;
    size_t failed;
} collation;

static int index_file(collation *c, size_t file, const char *path,
                      ng_error *err)
{
    char *line = NULL;
    size_t cap = 0, room = c->n;
    off_t at = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, c->in[file])) > 0) {
        if (line[len - 1] == '\n') {
            if (c->n == room) {
                room = room ? 2 * room : 1024;
                entry *grown = realloc(c->e, room * sizeof *grown);
                if (!grown) {
                    free(line);
                    return ng_error_set(err, NG_ENOMEM, path, "out of memory");
                }
                c->e = grown;
            }
            entry e = {line_run(line, (size_t)len - 1), file, at, (size_t)len};
            if (e.run != SIZE_MAX) {
                c->e[c->n++] = e;
            }
        }
        at += len;
    }
    free(line);
    return 0;
}

static int copy_in_order(void *ctx, FILE *out, ng_error *err)
{
    collation *c = ctx;
    char *buf = NULL;
    size_t cap = 0;
    c->failed = 0;
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        if (k && c->e[k - 1].run == e->run) {
            continue; /* the same run twice: keep the first */
        }
        if (e->len + 1 > cap) {
            char *grown = realloc(buf, e->len + 1);
            if (!grown) {
                free(buf);
                return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
            }
            buf = grown;
            cap = e->len + 1;
        }
        FILE *in = c->in[e->file];
        if (fseeko(in, e->offset, SEEK_SET) != 0 ||
            fread(buf, 1, e->len, in) != e->len) {
            free(buf);
            return ng_error_set(err, NG_EIO, NULL, "cannot re-read runs.jsonl");
        }
        buf[e->len] = '\0';
        c->failed += strstr(buf, ",\"error\":{") != NULL;
        fwrite(buf, 1, e->len, out);
    }
    free(buf);
    return 0;
}

/* Writes the runs of several runs.jsonl files to out in run order and
 * checks that every run of the shard is there once. */
static int collate(const char *const *inputs, size_t n_inputs, const char *out,
                   size_t n_runs, size_t shard, size_t shards, size_t *failed,
                   ng_error *err)
{
    char why[NG_ERRNO_TEXT];
    collation c = {calloc(n_inputs ? n_inputs : 1, sizeof(FILE *)), NULL, 0, 0};
    int rc = c.in ? 0 : ng_error_set(err, NG_ENOMEM, out, "out of memory");
    for (size_t k = 0; rc == 0 && k < n_inputs; k++) {
        c.in[k] = fopen(inputs[k], "r");
        rc = c.in[k] ? index_file(&c, k, inputs[k], err)
                     : ng_error_set(err, NG_EIO, inputs[k], "cannot open: %s",
                                    ng__errno_text(errno, why));
    }
    if (rc == 0) {
        if (c.n) {
            qsort(c.e, c.n, sizeof *c.e, by_run);
        }
        size_t k = 0;
        for (size_t r = 0; r < n_runs && rc == 0; r++) {
            if (!mine(r, shard, shards)) {
                continue;
            }
            while (k < c.n && c.e[k].run < r) {
                k++;
            }
            if (k == c.n || c.e[k].run != r) {
                rc = ng_error_set(err, NG_EIO, out, "run %zu is missing", r);
            }
        }
    }
    if (rc == 0) {
        rc = ng__write_atomic(out, copy_in_order, &c, err);
        *failed = c.failed;
    }
    for (size_t k = 0; c.in && k < n_inputs; k++) {
        if (c.in[k]) {
            fclose(c.in[k]);
        }
    }
    free(c.in);
    free(c.e);
    return rc;
}

int ng_store_finish(ng_store *st, const ng_provenance *pv, ng_error *err)
{
    if (st->fd >= 0) {
        close(st->fd);
        st->fd = -1;
    }
    char runs[4200];
    path_in(st->dir, "runs.jsonl", runs, sizeof runs);
    const char *in[1] = {runs};
    size_t failed = 0;
    int rc =
        collate(in, 1, runs, st->n_runs, pv->shard, pv->shards, &failed, err);
    st->n_failed = failed;
    if (rc == 0 && pv->shards == 1) {
        rc = ng_summary_write(runs, st->dir, pv->confidence, err);
    }
    if (rc == 0) {
        char finished[32];
        now_utc(finished);
        rc = save_manifest(st, pv, "complete", finished, failed, err);
    }
    return rc;
}

/* ---- merging shards ---- */

static int merge_check(cJSON **man, const char *const *dirs, size_t n,
                       ng_errors *errs)
{
    size_t first = 0, total = 0;
    if (sscanf(text_of(man[0], "shard"), "%zu/%zu", &first, &total) == 2 &&
        total != n && total > 0) {
        /* Name the shards that were not given. */
        char missing[200] = "";
        size_t used = 0;
        for (size_t i = 1; i <= total && used < sizeof missing - 24; i++) {
            bool given = false;
            for (size_t k = 0; k < n; k++) {
                size_t ki = 0, kn = 0;
                given |= sscanf(text_of(man[k], "shard"), "%zu/%zu", &ki,
                                &kn) == 2 &&
                         ki == i && kn == total;
            }
            if (!given) {
                used +=
                    (size_t)snprintf(missing + used, sizeof missing - used,
                                     "%s%zu/%zu", used ? ", " : "", i, total);
            }
        }
        return ng_errors_add(errs, NG_ECONFIG, dirs[0],
                             "this folder holds shard %zu/%zu; the sweep has "
                             "%zu shards, found %zu folders (missing: %s); "
                             "give every shard's folder once",
                             first, total, total, n, used ? missing : "none");
    }
    unsigned char *seen = calloc(n, 1);
    int rc = seen ? 0 : NG_ENOMEM;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        size_t i = 0, of = 0;
        const char *shard = text_of(man[k], "shard");
        if (sscanf(shard, "%zu/%zu", &i, &of) != 2 || of != n || i < 1 ||
            i > n || seen[i - 1]) {
            rc = ng_errors_add(errs, NG_ECONFIG, dirs[k],
                               "expected one shard of each 1/%zu to %zu/%zu, "
                               "found shard \"%s\"",
                               n, n, n, shard);
        } else if (strcmp(text_of(man[k], "status"), "complete") != 0) {
            rc = ng_errors_add(errs, NG_ECONFIG, dirs[k],
                               "expected a complete shard, found status \"%s\" "
                               "(re-run its sweep command to finish it)",
                               text_of(man[k], "status"));
        } else if (strcmp(text_of(man[k], "spec_hash"),
                          text_of(man[0], "spec_hash")) != 0 ||
                   strcmp(text_of(man[k], "engine_version"),
                          text_of(man[0], "engine_version")) != 0) {
            rc = ng_errors_add(errs, NG_ECONFIG, dirs[k],
                               "expected the same sweep as %s, found another "
                               "spec hash or engine version",
                               dirs[0]);
        } else {
            seen[i - 1] = 1;
        }
    }
    free(seen);
    return rc;
}

static double number_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* The merged manifest: the first shard's, as one complete sweep. */
static int merged_manifest(cJSON **man, const char *const *dirs, size_t n,
                           const char *out_dir, size_t failed, ng_error *err)
{
    cJSON *m = cJSON_Duplicate(man[0], 1);
    if (!m) {
        return ng_error_set(err, NG_ENOMEM, out_dir, "out of memory");
    }
    const char *started = text_of(man[0], "started");
    for (size_t k = 1; k < n; k++) {
        if (strcmp(text_of(man[k], "started"), started) < 0) {
            started = text_of(man[k], "started");
        }
    }
    char finished[32];
    now_utc(finished);
    cJSON_ReplaceItemInObjectCaseSensitive(m, "shard",
                                           cJSON_CreateString("1/1"));
    cJSON_ReplaceItemInObjectCaseSensitive(m, "started",
                                           cJSON_CreateString(started));
    cJSON_ReplaceItemInObjectCaseSensitive(m, "finished",
                                           cJSON_CreateString(finished));
    cJSON_ReplaceItemInObjectCaseSensitive(
        m, "runs_done", cJSON_CreateNumber(number_of(man[0], "runs")));
    cJSON_ReplaceItemInObjectCaseSensitive(m, "runs_failed",
                                           cJSON_CreateNumber((double)failed));
    cJSON *from = cJSON_CreateStringArray(dirs, (int)n);
    cJSON_AddItemToObject(m, "merged_from", from);
    char path[4200];
    path_in(out_dir, "manifest.json", path, sizeof path);
    int rc = ng__write_json(path, m, true, err);
    cJSON_Delete(m);
    return rc;
}

int ng_store_merge(const char *out_dir, const char *const *dirs, size_t n,
                   ng_errors *errs)
{
    cJSON **man = calloc(n ? n : 1, sizeof *man);
    char **runs = calloc(n ? n : 1, sizeof *runs);
    int rc = man && runs && n ? 0 : NG_EINVAL;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        char path[4200];
        path_in(dirs[k], "manifest.json", path, sizeof path);
        man[k] = ng__json_file_read(path, errs);
        rc = man[k] ? 0 : NG_ECONFIG;
        runs[k] = malloc(4200);
        if (runs[k]) {
            path_in(dirs[k], "runs.jsonl", runs[k], 4200);
        }
    }
    rc = rc ? rc : merge_check(man, dirs, n, errs);
    ng_error err = {0};
    size_t failed = 0;
    char out_runs[4200];
    path_in(out_dir, "runs.jsonl", out_runs, sizeof out_runs);
    if (rc == 0) {
        size_t total = (size_t)number_of(man[0], "runs");
        rc = collate((const char *const *)runs, n, out_runs, total, 1, 1,
                     &failed, &err);
        rc = rc ? rc
                : ng_summary_write(out_runs, out_dir,
                                   number_of(man[0], "confidence"), &err);
        rc = rc ? rc : merged_manifest(man, dirs, n, out_dir, failed, &err);
        if (rc) {
            ng_errors_add(errs, rc, err.where, "%s", err.msg);
        }
    }
    for (size_t k = 0; k < n; k++) {
        cJSON_Delete(man ? man[k] : NULL);
        free(runs ? runs[k] : NULL);
    }
    free(man);
    free(runs);
    return rc;
}
