/* The output folder of a sweep: manifest.json, runs.jsonl (appended as runs
 * finish, so a crash loses only the runs in flight), and at the end the
 * same runs in run order plus summary.json and summary.csv.
 *
 * Resuming reads back what an earlier attempt wrote; merging reads the
 * folders of several shards.  Both end in the same sort and summary, so a
 * resumed, sharded or MPI sweep ends with the same files as one run.
 *
 * Everything read back is untrusted: each line ends with a check (FNV-1a
 * of the sweep's fingerprint and the line's text), so an edited,
 * relabelled or foreign line is found, and its members are checked before
 * use.  Resuming sets a damaged line aside in quarantine.jsonl and redoes
 * its run; merging refuses it, naming the shard's file and line.  A lock
 * on sweep.lock keeps a second process out of a folder in use. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "experiment/summary_internal.h"
#include "io/config_internal.h"
#include "io/error_internal.h"
#include "io/output_internal.h"
#include "netgov/netgov.h"
#include "netgov/sweep.h"

/* 2: run lines end with their "check" member; quarantine.jsonl. */
#define LAYOUT_VERSION 2

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

static double number_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* Integers a manifest holds stay below 2^53, where doubles are exact. */
#define EXACT_MAX 9007199254740992.0

static bool whole_in(const cJSON *v, double lo, double hi)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
           v->valuedouble >= lo && v->valuedouble <= hi &&
           floor(v->valuedouble) == v->valuedouble;
}

static const char *shown(const cJSON *v, char *buf, size_t size)
{
    if (!v) {
        return "nothing";
    }
    char *text = cJSON_PrintUnformatted(v);
    snprintf(buf, size, "%.40s%s", text ? text : "a value",
             text && strlen(text) > 40 ? "..." : "");
    free(text);
    return buf;
}

static int manifest_field(ng_errors *errs, const char *path, const cJSON *m,
                          const char *key, const char *expected)
{
    char buf[64];
    return ng_errors_add(
        errs, NG_ECONFIG, path, "%s: expected %s, found %s", key, expected,
        shown(cJSON_GetObjectItemCaseSensitive(m, key), buf, sizeof buf));
}

static bool shard_text(const char *s, size_t *i, size_t *n)
{
    char tail;
    return sscanf(s, "%zu/%zu%c", i, n, &tail) == 2 && *n >= 1 && *i >= 1 &&
           *i <= *n && *n <= 1000000;
}

/* Checks every manifest field resuming and merging use, with its type and
 * range, before any of them is used. */
static int manifest_valid(const cJSON *m, const char *path, ng_errors *errs)
{
    static const char *const strings[] = {
        "command", "engine_version", "status", "spec_hash", "shard", "started"};
    if (!cJSON_IsObject(m)) {
        return ng_errors_add(errs, NG_ECONFIG, path,
                             "expected a JSON object (a sweep's manifest)");
    }
    const cJSON *lv = cJSON_GetObjectItemCaseSensitive(m, "layout_version");
    if (whole_in(lv, 1, LAYOUT_VERSION - 1)) {
        return ng_errors_add(
            errs, NG_ECONFIG, path,
            "layout_version: this folder has layout %d, whose lines carry "
            "no check; finish or merge it with the netgov version that "
            "started it, or start afresh in another --out folder",
            (int)lv->valuedouble);
    }
    if (!whole_in(lv, LAYOUT_VERSION, LAYOUT_VERSION)) {
        return manifest_field(errs, path, m, "layout_version", "2");
    }
    for (size_t k = 0; k < sizeof strings / sizeof *strings; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, strings[k]);
        if (!cJSON_IsString(v) || strlen(v->valuestring) > 100) {
            return manifest_field(errs, path, m, strings[k],
                                  "a string of at most 100 bytes");
        }
    }
    static const char *const counts[] = {"points", "replications", "runs",
                                         "runs_done", "runs_failed"};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        if (!whole_in(cJSON_GetObjectItemCaseSensitive(m, counts[k]), 0,
                      EXACT_MAX)) {
            return manifest_field(errs, path, m, counts[k],
                                  "an integer from 0 to 2^53");
        }
    }
    double points = number_of(m, "points"), reps = number_of(m, "replications");
    if (number_of(m, "runs") != points * reps) {
        return manifest_field(errs, path, m, "runs",
                              "points times replications");
    }
    if (!whole_in(cJSON_GetObjectItemCaseSensitive(m, "master_seed"), 0,
                  EXACT_MAX)) {
        return manifest_field(errs, path, m, "master_seed",
                              "an integer from 0 to 2^53");
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "confidence");
    if (!cJSON_IsNumber(c) || !(c->valuedouble > 0 && c->valuedouble < 1)) {
        return manifest_field(errs, path, m, "confidence",
                              "a number between 0 and 1");
    }
    if (!whole_in(cJSON_GetObjectItemCaseSensitive(m, "attempts"), 0,
                  1000000000)) {
        return manifest_field(errs, path, m, "attempts",
                              "an integer from 0 to 10^9");
    }
    size_t i, n;
    if (!shard_text(text_of(m, "shard"), &i, &n)) {
        return manifest_field(errs, path, m, "shard",
                              "\"i/n\" with 1 <= i <= n <= 10^6");
    }
    return 0;
}

static cJSON *manifest_read(const char *path, ng_errors *errs)
{
    cJSON *m = ng__json_file_read(path, errs);
    if (m && manifest_valid(m, path, errs)) {
        cJSON_Delete(m);
        m = NULL;
    }
    return m;
}

/* An earlier attempt must be the same sweep: same spec, engine and shard. */
static int check_earlier(ng_store *st, const ng_provenance *pv,
                         const char *path, ng_errors *errs)
{
    cJSON *old = manifest_read(path, errs);
    if (!old) {
        return NG_ECONFIG;
    }
    char shard[48];
    snprintf(shard, sizeof shard, "%zu/%zu", pv->shard, pv->shards);
    int rc = 0;
    if (strcmp(text_of(old, "spec_hash"), pv->spec_hash) != 0 ||
        (uint64_t)number_of(old, "master_seed") != pv->master_seed ||
        number_of(old, "runs") != (double)st->n_runs) {
        rc = ng_errors_add(
            errs, NG_ECONFIG, path,
            "this folder holds a different sweep (spec, base scenario, seed "
            "or design changed since the first attempt: %s, now %s); use "
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
        st->attempts = (int)number_of(old, "attempts") + 1;
    }
    cJSON_Delete(old);
    return rc;
}

/* ---- the lock and leftovers ---- */

/* A write lock (fcntl) on sweep.lock for as long as the store is open;
 * the kernel releases it when the process ends, however it ends.  The
 * holder removes the file before it lets go, so a process that locked a
 * file already removed tries again with the new one. */
static int lock_once(const char *dir, const char *path, int *out,
                     ng_errors *errs)
{
    char why[NG_ERRNO_TEXT];
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        return ng_errors_add(errs, NG_EIO, path, "cannot open: %s",
                             ng__errno_text(errno, why));
    }
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        int e = errno;
        struct flock who = {0};
        who.l_type = F_WRLCK;
        who.l_whence = SEEK_SET;
        long pid = fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK
                       ? (long)who.l_pid
                       : 0;
        close(fd);
        if (e != EACCES && e != EAGAIN) {
            return ng_errors_add(errs, NG_EIO, path, "cannot lock: %s",
                                 ng__errno_text(e, why));
        }
        char holder[48] = "another process";
        if (pid > 0) {
            snprintf(holder, sizeof holder, "process %ld", pid);
        }
        return ng_errors_add(errs, NG_EIO, dir,
                             "this folder is in use by %s (a sweep or merge "
                             "holding %s); wait for it to end or use another "
                             "--out folder",
                             holder, path);
    }
    struct stat held, named;
    if (fstat(fd, &held) != 0 || stat(path, &named) != 0 ||
        held.st_ino != named.st_ino || held.st_dev != named.st_dev) {
        close(fd);
        return 1; /* removed by its last holder meanwhile: try again */
    }
    /* For people: the kernel, not this text, says who holds the lock. */
    char text[32];
    int n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || write(fd, text, (size_t)n) != n) {
        /* The lock holds without the text. */
    }
    *out = fd;
    return 0;
}

static int lock_folder(ng_store *st, const char *dir, ng_errors *errs)
{
    char path[4200];
    path_in(dir, "sweep.lock", path, sizeof path);
    for (int attempt = 0; attempt < 100; attempt++) {
        int rc = lock_once(dir, path, &st->lock_fd, errs);
        if (rc != 1) {
            return rc;
        }
    }
    return ng_errors_add(errs, NG_EIO, path,
                         "cannot lock: the file keeps being replaced");
}

static void unlock_folder(ng_store *st)
{
    if (st->lock_fd >= 0) {
        char path[4200];
        path_in(st->dir, "sweep.lock", path, sizeof path);
        unlink(path); /* while still holding it; see lock_once */
        close(st->lock_fd);
        st->lock_fd = -1;
    }
}

/* Removes the temporaries of an attempt killed while it replaced one of
 * the folder's files ("runs.jsonl.tmp.<pid>.<n>"); called under the
 * lock, so no live process is writing them. */
static void remove_leftovers(const char *dir)
{
    static const char *const files[] = {"runs.jsonl",       "summary.json",
                                        "summary.csv",      "manifest.json",
                                        "quarantine.jsonl", "sensitivity.json",
                                        "sensitivity.csv"};
    DIR *d = opendir(dir);
    if (!d) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
            size_t n = strlen(files[k]);
            const char *rest = e->d_name + n;
            if (strncmp(e->d_name, files[k], n) != 0 ||
                strncmp(rest, ".tmp.", 5) != 0) {
                continue;
            }
            rest += 5;
            size_t digits = strspn(rest, "0123456789");
            if (digits && rest[digits] == '.' &&
                rest[digits + 1 + strspn(rest + digits + 1, "0123456789")] ==
                    '\0') {
                char path[4200];
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                unlink(path);
            }
        }
    }
    closedir(d);
}

/* ---- runs.jsonl ---- */

/* A line ends with ,"check":"<16 hex digits>"}: FNV-1a 64 of the sweep's
 * fingerprint, a newline and the line's text before ,"check". */
static const char check_key[] = ",\"check\":\"";
#define CHECK_KEY_LEN (sizeof check_key - 1)
#define CHECK_TAIL (CHECK_KEY_LEN + 16 + 2)

static void fingerprint(const char *spec_hash, uint64_t seed, char *out,
                        size_t size)
{
    snprintf(out, size, "%s seed %llu", spec_hash, (unsigned long long)seed);
}

static uint64_t line_hash(const char *fp, const char *text, size_t len)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (const char *c = fp; *c; c++) {
        h = (h ^ (unsigned char)*c) * UINT64_C(1099511628211);
    }
    h = (h ^ '\n') * UINT64_C(1099511628211);
    for (size_t k = 0; k < len; k++) {
        h = (h ^ (unsigned char)text[k]) * UINT64_C(1099511628211);
    }
    return h;
}

/* What a line must be to count as a run of this sweep (or shard). */
typedef struct layout {
    const char *fp;
    size_t reps, n_runs, shard, shards;
} layout;

/* Checks a line (without its newline): its check, its JSON and its
 * members.  Sets *run, or writes the reason into why. */
static bool line_ok(const layout *L, const char *text, size_t len, size_t *run,
                    char *why, size_t size)
{
    if (len == 0) {
        snprintf(why, size, "blank line");
        return false;
    }
    if (memchr(text, '\0', len)) {
        snprintf(why, size, "holds a NUL byte");
        return false;
    }
    const char *tail = text + len - (len > CHECK_TAIL ? CHECK_TAIL : len);
    char *end = NULL;
    unsigned long long sum = 0;
    if (len <= CHECK_TAIL || memcmp(tail, check_key, CHECK_KEY_LEN) != 0 ||
        strspn(tail + CHECK_KEY_LEN, "0123456789abcdef") != 16 ||
        memcmp(tail + CHECK_KEY_LEN + 16, "\"}", 2) != 0) {
        snprintf(why, size,
                 "no \"check\" member at the end of the line (cut, edited, "
                 "or text after its closing brace)");
        return false;
    }
    sum = strtoull(tail + CHECK_KEY_LEN, &end, 16);
    if (sum != line_hash(L->fp, text, (size_t)(tail - text))) {
        snprintf(why, size,
                 "its check does not match its content (edited, or a line "
                 "of another sweep)");
        return false;
    }
    const char *parsed_end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &parsed_end, false);
    bool ok = doc && parsed_end == text + len;
    if (!ok) {
        snprintf(why, size, "not a JSON object");
    } else {
        ok = ng__run_line_valid(doc, L->reps, L->n_runs, run, why, size);
    }
    cJSON_Delete(doc);
    if (ok && !mine(*run, L->shard, L->shards)) {
        snprintf(why, size, "run %zu is not a run of shard %zu/%zu", *run,
                 L->shard, L->shards);
        ok = false;
    }
    return ok;
}

/* The line as a JSON string: printable ASCII as it is, every other byte
 * (NUL, control, non-ASCII) as \u00XX, so any damage can be recorded. */
static void json_bytes(FILE *f, const char *text, size_t len)
{
    fputc('"', f);
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)text[k];
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
        } else if (c < 0x20 || c >= 0x7f) {
            fprintf(f, "\\u%04x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('"', f);
}

/* Appends a set-aside line to quarantine.jsonl: the file it was in, its
 * line number, why, and its bytes. */
static int quarantine(const char *dir, const char *file, size_t lineno,
                      const char *why, const char *text, size_t len,
                      ng_errors *errs)
{
    char path[4200], err_text[NG_ERRNO_TEXT];
    path_in(dir, "quarantine.jsonl", path, sizeof path);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) {
        return ng_errors_add(errs, NG_ENOMEM, path, "out of memory");
    }
    fputs("{\"file\":", f);
    json_bytes(f, file, strlen(file));
    fprintf(f, ",\"line\":%zu,\"reason\":", lineno);
    json_bytes(f, why, strlen(why));
    fputs(",\"text\":", f);
    json_bytes(f, text, len);
    fputs("}\n", f);
    if (fclose(f) != 0) {
        free(buf);
        return ng_errors_add(errs, NG_ENOMEM, path, "out of memory");
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    ssize_t put = fd >= 0 ? write(fd, buf, n) : -1;
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && put == (ssize_t)n) {
        put = -1;
        e = errno;
    }
    free(buf);
    if (put != (ssize_t)n) {
        return ng_errors_add(errs, NG_EIO, path, "cannot write: %s",
                             put < 0 ? ng__errno_text(e, err_text)
                                     : "no space left (short write)");
    }
    return 0;
}

typedef struct keep {
    FILE *in;
    const size_t *drop; /* line numbers to leave out, increasing */
    size_t n_drop;
} keep;

/* Copies runs.jsonl without the set-aside lines and any last line without
 * its newline. */
static int copy_kept(void *ctx, FILE *out, ng_error *err)
{
    keep *k = ctx;
    char *line = NULL;
    size_t cap = 0, lineno = 0, d = 0;
    ssize_t len;
    rewind(k->in);
    while ((len = getline(&line, &cap, k->in)) > 0) {
        lineno++;
        while (d < k->n_drop && k->drop[d] < lineno) {
            d++;
        }
        if ((d < k->n_drop && k->drop[d] == lineno) || line[len - 1] != '\n') {
            continue;
        }
        fwrite(line, 1, (size_t)len, out);
    }
    free(line);
    return ferror(k->in) ? ng_error_set(err, NG_EIO, NULL, "cannot re-read")
                         : 0;
}

/* A device or a pipe named runs.jsonl would be read without end. */
static bool regular(FILE *f)
{
    struct stat sb;
    return fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Marks the runs an earlier attempt finished.  A damaged line (and a
 * second line of a run) is set aside in quarantine.jsonl and its run will
 * be redone; a last line a crash left without its newline is dropped.
 * Nothing else of the file is lost. */
static int scan_runs(ng_store *st, const char *path, const layout *L,
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
    if (!regular(f)) {
        fclose(f);
        return ng_errors_add(errs, NG_ECONFIG, path,
                             "expected a regular file (a sweep's runs)");
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0, n_drop = 0, drop_cap = 0;
    size_t *drop = NULL;
    off_t good = 0;
    bool cut = false;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[len - 1] != '\n') {
            cut = true; /* the last line: a crash cut it short */
            break;
        }
        char reason[256];
        size_t run = 0;
        if (line_ok(L, line, (size_t)len - 1, &run, reason, sizeof reason)) {
            if (!st->done[run]) {
                st->done[run] = 1;
                st->n_done++;
                good += len;
                continue;
            }
            snprintf(reason, sizeof reason, "a second line of run %zu", run);
        }
        if (n_drop == drop_cap) {
            drop_cap = drop_cap ? 2 * drop_cap : 16;
            size_t *grown = realloc(drop, drop_cap * sizeof *grown);
            if (!grown) {
                rc = ng_errors_add(errs, NG_ENOMEM, path, "out of memory");
                break;
            }
            drop = grown;
        }
        drop[n_drop++] = lineno;
        rc = quarantine(st->dir, "runs.jsonl", lineno, reason, line,
                        (size_t)len - 1, errs);
        st->n_quarantined++;
    }
    free(line);
    if (rc == 0 && n_drop) {
        /* Rewritten without the set-aside lines (already recorded), so
         * that the runs redone now replace them. */
        keep k = {f, drop, n_drop};
        ng_error err = {0};
        if (ng__write_atomic(path, copy_kept, &k, &err)) {
            rc = ng_errors_add(errs, err.code, err.where, "%s", err.msg);
        }
    } else if (rc == 0 && cut && truncate(path, good) != 0) {
        rc = ng_errors_add(errs, NG_EIO, path, "cannot truncate: %s",
                           ng__errno_text(errno, why));
    }
    free(drop);
    fclose(f);
    return rc;
}

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : 0;
}

int ng_store_open(ng_store *st, const char *dir, const ng_provenance *pv,
                  ng_errors *errs)
{
    memset(st, 0, sizeof *st);
    st->fd = -1;
    st->lock_fd = -1;
    snprintf(st->dir, sizeof st->dir, "%s", dir);
    st->n_runs = pv->points * pv->replications;
    fingerprint(pv->spec_hash, pv->master_seed, st->fingerprint,
                sizeof st->fingerprint);
    st->done = calloc(st->n_runs ? st->n_runs : 1, 1);
    if (!st->done) {
        return ng_errors_add(errs, NG_ENOMEM, dir, "out of memory");
    }
    for (size_t r = 0; r < st->n_runs; r++) {
        st->n_mine += mine(r, pv->shard, pv->shards);
    }
    now_utc(st->started);
    st->attempts = 1;
    char path[4200], runs[4200];
    ng_error err = {0};
    path_in(dir, "manifest.json", path, sizeof path);
    path_in(dir, "runs.jsonl", runs, sizeof runs);
    if (ng__make_parents(path, &err)) {
        return ng_errors_add(errs, err.code, err.where, "%s", err.msg);
    }
    int rc = lock_folder(st, dir, errs);
    if (rc) {
        return rc;
    }
    remove_leftovers(dir);
    layout L = {st->fingerprint, pv->replications, st->n_runs, pv->shard,
                pv->shards};
    if (access(path, F_OK) == 0) {
        rc = check_earlier(st, pv, path, errs);
        rc = rc ? rc : scan_runs(st, runs, &L, errs);
    } else if (file_size(runs) > 0) {
        rc = ng_errors_add(
            errs, NG_ECONFIG, runs,
            "this folder has runs but no manifest.json, so nothing tells "
            "which sweep they belong to; move runs.jsonl away (or remove the "
            "folder) to start afresh, or use another --out folder");
    }
    if (rc) {
        return rc;
    }
    if (save_manifest(st, pv, "running", NULL, 0, &err)) {
        return ng_errors_add(errs, err.code, err.where, "%s", err.msg);
    }
    st->fd = open(runs, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (st->fd < 0) {
        char why[NG_ERRNO_TEXT];
        return ng_errors_add(errs, NG_EIO, runs, "cannot open: %s",
                             ng__errno_text(errno, why));
    }
    return 0;
}

int ng_store_append(ng_store *st, const char *line, ng_error *err)
{
    char path[4200];
    path_in(st->dir, "runs.jsonl", path, sizeof path);
    size_t n = strlen(line);
    if (n == 0 || line[n - 1] != '}') {
        return ng_error_set(err, NG_EINVAL, path, "expected a JSON object");
    }
    char *buf = malloc(n + CHECK_TAIL + 1);
    if (!buf) {
        return ng_error_set(err, NG_ENOMEM, path, "out of memory");
    }
    memcpy(buf, line, n - 1);
    unsigned long long sum = line_hash(st->fingerprint, line, n - 1);
    snprintf(buf + n - 1, CHECK_TAIL + 2, "%s%016llx\"}\n", check_key, sum);
    size_t total = n - 1 + CHECK_TAIL + 1, put = 0;
    /* One write normally; a short one (a full disk) is continued so that
     * the next call reports the system's reason. */
    while (put < total) {
        ssize_t w = write(st->fd, buf + put, total - put);
        if (w <= 0) {
            char why[NG_ERRNO_TEXT];
            int e = w < 0 ? errno : ENOSPC;
            free(buf);
            return ng_error_set(err, NG_EIO, path, "cannot write: %s",
                                ng__errno_text(e, why));
        }
        put += (size_t)w;
    }
    free(buf);
    st->n_done++;
    return 0;
}

void ng_store_close(ng_store *st)
{
    if (st->fd >= 0) {
        close(st->fd);
    }
    unlock_folder(st);
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
    const char *const *names; /* the inputs, for messages */
    entry *e;
    size_t n;
    size_t failed;
} collation;

/* Indexes the lines of one input, each checked: a damaged one is refused
 * with the file and line number. */
static int index_file(collation *c, size_t file, const char *path,
                      const layout *L, ng_error *err)
{
    char *line = NULL;
    size_t cap = 0, room = c->n, lineno = 0;
    off_t at = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, c->in[file])) > 0) {
        lineno++;
        char why[256];
        entry e = {0, file, at, (size_t)len};
        bool whole = line[len - 1] == '\n';
        if (!whole) {
            snprintf(why, sizeof why, "cut short (no newline at its end)");
        }
        if (!whole ||
            !line_ok(L, line, (size_t)len - 1, &e.run, why, sizeof why)) {
            rc = ng_error_set(err, NG_ECONFIG, path, "line %zu: %s", lineno,
                              why);
            break;
        }
        if (c->n == room) {
            room = room ? 2 * room : 1024;
            entry *grown = realloc(c->e, room * sizeof *grown);
            if (!grown) {
                rc = ng_error_set(err, NG_ENOMEM, path, "out of memory");
                break;
            }
            c->e = grown;
        }
        c->e[c->n++] = e;
        at += len;
    }
    if (rc == 0 && ferror(c->in[file])) {
        char why[NG_ERRNO_TEXT];
        rc = ng_error_set(err, NG_EIO, path, "cannot read: %s",
                          ng__errno_text(errno, why));
    }
    free(line);
    return rc;
}

static int copy_in_order(void *ctx, FILE *out, ng_error *err)
{
    collation *c = ctx;
    char *buf = NULL;
    size_t cap = 0;
    c->failed = 0;
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
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
            return ng_error_set(err, NG_EIO, c->names[e->file],
                                "cannot re-read (changed while being read)");
        }
        buf[e->len] = '\0';
        c->failed += strstr(buf, ",\"error\":{") != NULL;
        fwrite(buf, 1, e->len, out);
    }
    free(buf);
    return 0;
}

static void collate_close(collation *c, size_t n_inputs)
{
    for (size_t k = 0; c->in && k < n_inputs; k++) {
        if (c->in[k]) {
            fclose(c->in[k]);
        }
    }
    free(c->in);
    free(c->e);
    c->in = NULL;
    c->e = NULL;
}

/* Reads and checks the runs of several runs.jsonl files (layouts[k] says
 * what the lines of inputs[k] must be), sorts them by run and checks that
 * every run of the shard is there once.  Writes nothing. */
static int collate_open(collation *c, const char *const *inputs,
                        const layout *layouts, size_t n_inputs, size_t n_runs,
                        size_t shard, size_t shards, ng_error *err)
{
    char why[NG_ERRNO_TEXT];
    *c = (collation){calloc(n_inputs ? n_inputs : 1, sizeof(FILE *)), inputs,
                     NULL, 0, 0};
    int rc = c->in ? 0 : ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    for (size_t k = 0; rc == 0 && k < n_inputs; k++) {
        c->in[k] = fopen(inputs[k], "r");
        rc = !c->in[k] ? ng_error_set(err, NG_EIO, inputs[k], "cannot open: %s",
                                      ng__errno_text(errno, why))
             : !regular(c->in[k])
                 ? ng_error_set(err, NG_ECONFIG, inputs[k],
                                "expected a regular file (a sweep's runs)")
                 : index_file(c, k, inputs[k], &layouts[k], err);
    }
    if (rc == 0 && c->n) {
        qsort(c->e, c->n, sizeof *c->e, by_run);
    }
    for (size_t k = 1; k < c->n && rc == 0; k++) {
        if (c->e[k].run == c->e[k - 1].run) {
            rc = ng_error_set(err, NG_ECONFIG, inputs[c->e[k].file],
                              "run %zu has two lines", c->e[k].run);
        }
    }
    size_t k = 0;
    for (size_t r = 0; r < n_runs && rc == 0; r++) {
        if (!mine(r, shard, shards)) {
            continue;
        }
        while (k < c->n && c->e[k].run < r) {
            k++;
        }
        if (k == c->n || c->e[k].run != r) {
            rc = ng_error_set(err, NG_ECONFIG, n_inputs == 1 ? inputs[0] : NULL,
                              "run %zu is missing", r);
        }
    }
    if (rc) {
        collate_close(c, n_inputs);
    }
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
    layout L = {st->fingerprint, pv->replications, st->n_runs, pv->shard,
                pv->shards};
    collation c;
    int rc =
        collate_open(&c, in, &L, 1, st->n_runs, pv->shard, pv->shards, err);
    if (rc == NG_ECONFIG) {
        /* The folder's own file, changed under the lock: not the input's
         * fault but a failure of this run. */
        rc = err->code = NG_EIO;
    }
    if (rc == 0) {
        rc = ng__write_atomic(runs, copy_in_order, &c, err);
        collate_close(&c, 1);
    }
    size_t failed = c.failed;
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
                          text_of(man[0], "engine_version")) != 0 ||
                   number_of(man[k], "master_seed") !=
                       number_of(man[0], "master_seed") ||
                   number_of(man[k], "runs") != number_of(man[0], "runs") ||
                   number_of(man[k], "replications") !=
                       number_of(man[0], "replications")) {
            rc = ng_errors_add(errs, NG_ECONFIG, dirs[k],
                               "expected the same sweep as %s, found another "
                               "spec hash, engine version, seed or size",
                               dirs[0]);
        } else {
            seen[i - 1] = 1;
        }
    }
    free(seen);
    return rc;
}

/* Sets a member, replacing it or adding it. */
static bool set_member(cJSON *o, const char *key, cJSON *v)
{
    if (!v) {
        return false;
    }
    bool ok = cJSON_GetObjectItemCaseSensitive(o, key)
                  ? cJSON_ReplaceItemInObjectCaseSensitive(o, key, v)
                  : cJSON_AddItemToObject(o, key, v);
    if (!ok) {
        cJSON_Delete(v);
    }
    return ok;
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
    bool ok =
        set_member(m, "shard", cJSON_CreateString("1/1")) &&
        set_member(m, "started", cJSON_CreateString(started)) &&
        set_member(m, "finished", cJSON_CreateString(finished)) &&
        set_member(m, "runs_done",
                   cJSON_CreateNumber(number_of(man[0], "runs"))) &&
        set_member(m, "runs_failed", cJSON_CreateNumber((double)failed)) &&
        set_member(m, "merged_from", cJSON_CreateStringArray(dirs, (int)n));
    char path[4200];
    path_in(out_dir, "manifest.json", path, sizeof path);
    int rc = ok ? ng__write_json(path, m, true, err)
                : ng_error_set(err, NG_ENOMEM, path, "out of memory");
    cJSON_Delete(m);
    return rc;
}

/* Removes what a failed merge wrote, so that the folder never holds runs
 * without their summary and manifest. */
static void unmerge(const char *out_dir)
{
    static const char *const files[] = {"manifest.json", "runs.jsonl",
                                        "summary.json", "summary.csv"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char path[4200];
        path_in(out_dir, files[k], path, sizeof path);
        unlink(path);
    }
}

int ng_store_merge(const char *out_dir, const char *const *dirs, size_t n,
                   ng_errors *errs)
{
    cJSON **man = calloc(n ? n : 1, sizeof *man);
    char **runs = calloc(n ? n : 1, sizeof *runs);
    layout *lay = calloc(n ? n : 1, sizeof *lay);
    char(*fps)[96] = calloc(n ? n : 1, sizeof *fps);
    int rc = man && runs && lay && fps && n ? 0 : NG_EINVAL;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        char path[4200];
        path_in(dirs[k], "manifest.json", path, sizeof path);
        man[k] = manifest_read(path, errs);
        rc = man[k] ? 0 : NG_ECONFIG;
        runs[k] = malloc(4200);
        if (!runs[k]) {
            rc = ng_errors_add(errs, NG_ENOMEM, dirs[k], "out of memory");
        } else {
            path_in(dirs[k], "runs.jsonl", runs[k], 4200);
        }
    }
    rc = rc ? rc : merge_check(man, dirs, n, errs);
    ng_error err = {0};
    size_t total = 0;
    collation c = {0};
    if (rc == 0) {
        total = (size_t)number_of(man[0], "runs");
        for (size_t k = 0; k < n; k++) {
            size_t i = 0, of = 0;
            shard_text(text_of(man[k], "shard"), &i, &of);
            fingerprint(text_of(man[k], "spec_hash"),
                        (uint64_t)number_of(man[k], "master_seed"), fps[k],
                        sizeof fps[k]);
            lay[k] = (layout){fps[k], (size_t)number_of(man[k], "replications"),
                              total, i, of};
        }
        /* Every line of every shard is checked before anything is
         * written. */
        rc = collate_open(&c, (const char *const *)runs, lay, n, total, 1, 1,
                          &err);
        if (rc == NG_ECONFIG && err.where[0]) {
            ng_errors_add(errs, rc, err.where,
                          "%s; nothing was merged: run that shard's sweep "
                          "command again (it sets a damaged line aside in "
                          "quarantine.jsonl and redoes its run), then merge",
                          err.msg);
        } else if (rc) {
            ng_errors_add(errs, rc, err.where[0] ? err.where : NULL, "%s",
                          err.msg);
        }
    }
    ng_store lock = {.fd = -1, .lock_fd = -1};
    snprintf(lock.dir, sizeof lock.dir, "%s", out_dir);
    if (rc == 0) {
        char path[4200];
        path_in(out_dir, "manifest.json", path, sizeof path);
        rc = ng__make_parents(path, &err);
        if (rc) {
            ng_errors_add(errs, rc, err.where, "%s", err.msg);
        } else {
            rc = lock_folder(&lock, out_dir, errs);
        }
        if (rc == 0) {
            remove_leftovers(out_dir);
            /* No manifest while the other files are replaced: a merge
             * killed midway leaves no folder that claims to be
             * complete. */
            unlink(path);
            char out_runs[4200];
            path_in(out_dir, "runs.jsonl", out_runs, sizeof out_runs);
            rc = ng__write_atomic(out_runs, copy_in_order, &c, &err);
            rc = rc ? rc
                    : ng_summary_write(out_runs, out_dir,
                                       number_of(man[0], "confidence"), &err);
            rc = rc ? rc
                    : merged_manifest(man, dirs, n, out_dir, c.failed, &err);
            if (rc) {
                unmerge(out_dir);
                ng_errors_add(errs, rc, err.where, "%s", err.msg);
            }
        }
        collate_close(&c, n);
    }
    unlock_folder(&lock);
    for (size_t k = 0; k < n; k++) {
        cJSON_Delete(man ? man[k] : NULL);
        free(runs ? runs[k] : NULL);
    }
    free(man);
    free(runs);
    free(lay);
    free(fps);
    return rc;
}
