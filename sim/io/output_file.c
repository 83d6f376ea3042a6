#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC, fdopen, kill, dirfd */
/* Safe file output (output.h, docs/OUTPUT.md "How netgov writes files"):
 * write to a temporary beside the target and rename on success, so a
 * failed or interrupted run leaves no half file; write straight into
 * devices and FIFOs, which a rename would replace; follow symbolic links
 * to the file they name. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error_internal.h"
#include "netgov/output.h"
#include "output_internal.h"

/* Creates the parent directories of path (like mkdir -p of its dirname). */
int ng__make_parents(const char *path, ng_error *err)
{
    char dir[4096];
    if (strlen(path) >= sizeof dir) {
        return ng_error_set(err, NG_EIO, path, "path too long");
    }
    strcpy(dir, path);
    for (char *c = dir + 1; *c; c++) {
        if (*c != '/') {
            continue;
        }
        *c = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            char why[NG_ERRNO_TEXT];
            return ng_error_set(err, NG_EIO, dir, "cannot create: %s",
                                ng__errno_text(errno, why));
        }
        *c = '/';
    }
    return 0;
}

/* A JSON document for ng__write_json. */
struct json_file {
    const cJSON *doc;
    bool formatted;
};

/* Adapts a model writer to ng__write_atomic. */
typedef struct model_writer {
    const ng_model *m;
    int (*write)(const ng_model *, FILE *, ng_error *);
} model_writer;

static int write_model(void *ctx, FILE *f, ng_error *err)
{
    const model_writer *w = ctx;
    return w->write(w->m, f, err);
}

int ng_output_to_path(const ng_model *m, const char *path,
                      int (*write)(const ng_model *, FILE *, ng_error *),
                      ng_error *err)
{
    model_writer w = {m, write};
    return ng__write_atomic(path, write_model, &w, err);
}

/* Temporaries are numbered per process, so threads writing beside each
 * other never pick the same name. */
static atomic_ulong temp_serial;

/* Creates a new temporary "path.tmp.PID.N" for writing, its name in tmp.
 * Mode 0666, from which the kernel takes the umask (or a default ACL) away
 * exactly as for a file fopen creates: mkstemp's 0600 would need the umask
 * to widen, and reading it means setting it, for every thread at once.
 * O_EXCL makes a name taken by a stale temporary (a killed run of the same
 * pid) or by anyone else fail rather than be reused, so try further
 * numbers. */
static int open_temp(const char *path, char *tmp, size_t size)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned long serial = atomic_fetch_add(&temp_serial, 1);
        snprintf(tmp, size, "%s.tmp.%ld.%lu", path, (long)getpid(), serial);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    return -1; /* errno is EEXIST */
}

/* Reads the decimal number at s, at most INT_MAX (a pid is an int), that
 * ends at the character `end`; rest is what follows that character. */
static bool read_number(const char *s, char end, long *value, const char **rest)
{
    long v = 0;
    const char *c = s;
    for (; *c >= '0' && *c <= '9'; c++) {
        if (v > (INT_MAX - (*c - '0')) / 10) {
            return false;
        }
        v = v * 10 + (*c - '0');
    }
    if (c == s || *c != end) {
        return false;
    }
    *value = v;
    *rest = *c ? c + 1 : c;
    return true;
}

/* The length of the target's name in "NAME.tmp.PID.N", a temporary of a
 * netgov process that no longer runs on this machine (kill(pid, 0) fails
 * with ESRCH; not this process, whose temporaries are in use), or 0. */
static size_t stale_target_len(const char *name)
{
    for (const char *t = strstr(name, ".tmp."); t; t = strstr(t + 1, ".tmp.")) {
        const char *rest = NULL;
        long pid = 0, serial = 0;
        if (t > name && read_number(t + 5, '.', &pid, &rest) &&
            read_number(rest, '\0', &serial, &rest) && pid > 0 &&
            pid != (long)getpid()) {
            bool gone = kill((pid_t)pid, 0) != 0 && errno == ESRCH;
            return gone ? (size_t)(t - name) : 0;
        }
    }
    return 0;
}

/* Whether name is a stale temporary (of length n) of the target base. */
static bool stale_temp_of(const char *name, size_t n, const char *base)
{
    return n > 0 && n == strlen(base) && strncmp(name, base, n) == 0;
}

/* The stale temporaries of other targets found in the folder scanned
 * last, so that writing many files into one folder (a sweep's run
 * documents) reads it once rather than once a file.  Bookkeeping of the
 * file system only, shared by the threads of the process; it never
 * touches a run.  The folder is known by its path and inode (an inode
 * alone is soon reused by a new folder).  A folder with more leftovers
 * than fit is not cached (read at every write). */
#define STALE_CACHE_NAMES 16
static struct stale_cache {
    pthread_mutex_t lock;
    bool valid;
    char dir[NG_OUT_PATH_MAX];
    dev_t dev;
    ino_t ino;
    size_t n;
    char names[STALE_CACHE_NAMES][256];
} stale = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Removes the temporaries "BASE.tmp.PID.N" beside target that a netgov
 * process left when it was killed while writing (SIGKILL cannot be
 * caught, so only the next write can clean up): those whose PID names no
 * process on this machine.  A live writer's temporary, this process's own
 * and any other name are left alone.  The folder is read at the first
 * write into it; later writes there remove what that reading found.
 * Failures only mean a leftover stays, so they are not errors. */
static void remove_stale_temps(const char *target)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char dir[NG_OUT_PATH_MAX], path[NG_OUT_PATH_MAX + 256];
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    memcpy(dir, target, dir_len);
    strcpy(dir + dir_len, dir_len ? "" : "./");
    struct stat ds;
    if (stat(dir, &ds) != 0) {
        return;
    }
    pthread_mutex_lock(&stale.lock);
    bool known = stale.valid && stale.dev == ds.st_dev &&
                 stale.ino == ds.st_ino && strcmp(stale.dir, dir) == 0;
    for (size_t k = 0; known && k < stale.n;) {
        if (stale_temp_of(stale.names[k], stale_target_len(stale.names[k]),
                          base)) {
            snprintf(path, sizeof path, "%s%s", dir, stale.names[k]);
            unlink(path);
            stale.n--;
            memcpy(stale.names[k], stale.names[stale.n], sizeof stale.names[k]);
        } else {
            k++;
        }
    }
    pthread_mutex_unlock(&stale.lock);
    DIR *d = known ? NULL : opendir(dir);
    if (!d) {
        return;
    }
    char others[STALE_CACHE_NAMES][256];
    size_t n_others = 0;
    bool complete = true;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        const char *n = e->d_name;
        size_t len = stale_target_len(n);
        if (len == 0) {
            continue;
        } else if (stale_temp_of(n, len, base)) {
            unlinkat(dirfd(d), n, 0);
        } else if (n_others < STALE_CACHE_NAMES && strlen(n) < 256) {
            strcpy(others[n_others++], n);
        } else {
            complete = false;
        }
    }
    closedir(d);
    pthread_mutex_lock(&stale.lock);
    stale.valid = complete;
    strcpy(stale.dir, dir);
    stale.dev = ds.st_dev;
    stale.ino = ds.st_ino;
    stale.n = n_others;
    memcpy(stale.names, others, n_others * sizeof others[0]);
    pthread_mutex_unlock(&stale.lock);
}

/* Follows the symbolic links of path, a chain of them too, to the name
 * the data goes to (a link's relative target counts from the link's
 * folder), so that writing replaces the file a link points at and leaves
 * the link in place.  A dangling link yields the name it points at. */
static int resolve_links(const char *path, char *out, size_t size,
                         ng_error *err)
{
    if (strlen(path) >= size) {
        return ng_error_set(err, NG_EIO, path,
                            "expected a path of at most %zu bytes", size - 1);
    }
    strcpy(out, path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode)) {
            return 0;
        }
        if (hops == NG_OUT_MAX_LINKS) {
            return ng_error_set(err, NG_EIO, path,
                                "expected a file, found a chain of more than "
                                "%d symbolic links (a loop?)",
                                NG_OUT_MAX_LINKS);
        }
        char link[NG_OUT_PATH_MAX];
        ssize_t n = readlink(out, link, sizeof link);
        if (n < 0) {
            char why[NG_ERRNO_TEXT];
            return ng_error_set(err, NG_EIO, path,
                                "cannot read the symbolic link %s: %s", out,
                                ng__errno_text(errno, why));
        }
        const char *slash = strrchr(out, '/');
        size_t keep = link[0] == '/' || !slash ? 0 : (size_t)(slash - out) + 1;
        if ((size_t)n >= sizeof link || keep + (size_t)n >= size) {
            return ng_error_set(err, NG_EIO, path,
                                "expected a path of at most %zu bytes through "
                                "its symbolic links",
                                size - 1);
        }
        memcpy(out + keep, link, (size_t)n);
        out[keep + (size_t)n] = '\0';
    }
}

/* What a target is, in words, for a refusal. */
static const char *kind_text(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return "a directory";
    }
    if (S_ISBLK(mode)) {
        return "a block device";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "a special file";
}

/* Decides how o is written: standard output, straight into a character
 * device or FIFO (renaming a file over those would replace the device
 * node or pipe, e.g. /dev/null, with a plain file), or through a
 * temporary renamed over the regular file (or new name) a path leads to.
 * Directories, block devices and sockets are refused. */
static int classify(ng__output *o, ng_error *err)
{
    o->tmp[0] = '\0';
    o->truncate = false;
    if (strcmp(o->path, "-") == 0) {
        o->kind = NG__OUT_STDOUT;
        return 0;
    }
    int rc = resolve_links(o->path, o->target, sizeof o->target, err);
    if (rc) {
        return rc;
    }
    /* What the kernel reaches may not be what the links' text names: the
     * links of /proc/PID/fd (/dev/stdout) name pipes as "pipe:[1234]" and
     * files as they were when opened. */
    struct stat st, at;
    bool reached = stat(o->path, &st) == 0;
    bool named = lstat(o->target, &at) == 0;
    o->kind = NG__OUT_REPLACE;
    if (reached && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) &&
        !S_ISFIFO(st.st_mode)) {
        if (strcmp(o->target, o->path) != 0) {
            return ng_error_set(err, NG_EIO, o->path,
                                "expected a file to write, found a symbolic "
                                "link to %s (%s)",
                                kind_text(st.st_mode), o->target);
        }
        return ng_error_set(err, NG_EIO, o->path,
                            "expected a file to write, found %s",
                            kind_text(st.st_mode));
    }
    if (reached && (!S_ISREG(st.st_mode) || !named || at.st_dev != st.st_dev ||
                    at.st_ino != st.st_ino)) {
        /* A device or FIFO, or a file no name leads to: written into,
         * through the path as given; a file is emptied first, as a
         * shell's > does. */
        o->kind = NG__OUT_DIRECT;
        o->truncate = S_ISREG(st.st_mode);
        strcpy(o->target, o->path); /* no longer than the links' target */
        return 0;
    }
    o->exists = reached;
    o->mode = reached ? st.st_mode : 0;
    o->uid = reached ? st.st_uid : 0;
    o->gid = reached ? st.st_gid : 0;
    return 0; /* a missing name is created, or creating it says why */
}

/* Where an error about o's data happened: the path given, or the file a
 * symbolic link led to. */
static const char *shown(const ng__output *o)
{
    return o->kind == NG__OUT_STDOUT ? "<stdout>" : o->target;
}

/* Flushes f after its writer returned rc, with errno then in `saved`.
 * A failed stream is reported as such, with its path and reason, in
 * place of what the writer made of it ("cannot write the text"): the
 * reason is fflush's, or else the writer's last failed write's (glibc
 * keeps the error flag, not errno, so errno right after the writer is the
 * best record of it). */
static int check_stream(FILE *f, int rc, int saved, const char *where,
                        ng_error *err)
{
    errno = 0;
    if (fflush(f) == 0 && !ferror(f)) {
        return rc;
    }
    int why = errno ? errno : saved;
    char text[NG_ERRNO_TEXT];
    if (why == 0) {
        return ng_error_set(err, NG_EIO, where, "write failed");
    }
    return ng_error_set(err, NG_EIO, where, "write failed: %s",
                        ng__errno_text(why, text));
}

/* Calls o's writer on f and flushes; closes f unless it is stdout. */
static int write_stream(ng__output *o, FILE *f, ng_error *err)
{
    errno = 0;
    int rc = o->write(o->ctx, f, err);
    rc = check_stream(f, rc, errno, shown(o), err);
    if (f != stdout && fclose(f) != 0 && rc == 0) {
        char why[NG_ERRNO_TEXT];
        rc = ng_error_set(err, NG_EIO, shown(o), "close failed: %s",
                          ng__errno_text(errno, why));
    }
    return rc;
}

/* Writes o's data into its temporary; on failure removes it. */
static int write_temp(ng__output *o, bool parents, ng_error *err)
{
    int rc = parents ? ng__make_parents(o->target, err) : 0;
    if (rc) {
        return rc;
    }
    remove_stale_temps(o->target);
    char why[NG_ERRNO_TEXT];
    int fd = open_temp(o->target, o->tmp, sizeof o->tmp);
    if (fd < 0) {
        o->tmp[0] = '\0';
        return ng_error_set(err, NG_EIO, shown(o), "cannot create: %s",
                            ng__errno_text(errno, why));
    }
    if (o->exists) {
        /* Replacing keeps what writing in place would keep: the owner
         * where allowed (only root may give a file away) and the mode. */
        if (fchown(fd, o->uid, o->gid) != 0) {
            (void)!fchown(fd, (uid_t)-1, o->gid);
        }
        (void)!fchmod(fd, o->mode & 0777);
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        rc = ng_error_set(err, NG_EIO, shown(o), "cannot open: %s",
                          ng__errno_text(errno, why));
        close(fd);
    } else {
        rc = write_stream(o, f, err);
    }
    if (rc) {
        unlink(o->tmp);
        o->tmp[0] = '\0';
    }
    return rc;
}

/* Writes o's data straight into standard output, a device or a FIFO
 * (opening a FIFO waits for a reader, as a shell's > does). */
static int write_direct(ng__output *o, ng_error *err)
{
    if (o->kind == NG__OUT_STDOUT) {
        return write_stream(o, stdout, err);
    }
    char why[NG_ERRNO_TEXT];
    int fd = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC |
                                 (o->truncate ? O_TRUNC : 0));
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int rc = ng_error_set(err, NG_EIO, shown(o), "cannot open: %s",
                              ng__errno_text(errno, why));
        if (fd >= 0) {
            close(fd);
        }
        return rc;
    }
    return write_stream(o, f, err);
}

static void remove_temps(ng__output *files, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (files[k].tmp[0]) {
            unlink(files[k].tmp);
            files[k].tmp[0] = '\0';
        }
    }
}

int ng__write_set(ng__output *files, size_t n, ng_error *err)
{
    for (size_t k = 0; k < n; k++) {
        files[k].tmp[0] = '\0'; /* nothing to remove yet */
    }
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        rc = classify(&files[k], err);
    }
    /* Every temporary is complete before anything is replaced or sent,
     * so a failure leaves every target as it was. */
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (files[k].kind == NG__OUT_REPLACE) {
            /* Folders are created for the name given, never where a
             * symbolic link happens to point. */
            bool parents = strcmp(files[k].target, files[k].path) == 0;
            rc = write_temp(&files[k], parents, err);
        }
    }
    /* Streams cannot be taken back, so they come next: if one fails, no
     * file has been replaced yet. */
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (files[k].kind != NG__OUT_REPLACE) {
            rc = write_direct(&files[k], err);
        }
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        ng__output *o = &files[k];
        if (o->kind == NG__OUT_REPLACE && rename(o->tmp, o->target) != 0) {
            char why[NG_ERRNO_TEXT];
            rc = ng_error_set(err, NG_EIO, shown(o),
                              "cannot rename into place: %s",
                              ng__errno_text(errno, why));
        } else {
            o->tmp[0] = '\0';
        }
    }
    remove_temps(files, n);
    return rc;
}

int ng__write_atomic(const char *path,
                     int (*write)(void *ctx, FILE *f, ng_error *err), void *ctx,
                     ng_error *err)
{
    ng__output o = {.path = path, .write = write, .ctx = ctx};
    return ng__write_set(&o, 1, err);
}

static int write_tree(void *ctx, FILE *f, ng_error *err)
{
    const struct json_file *j = ctx;
    if (j->formatted) {
        char *text = cJSON_Print(j->doc);
        if (!text) {
            return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        }
        fputs(text, f);
        free(text);
    } else {
        ng__json_write(f, j->doc);
    }
    fputc('\n', f);
    return 0;
}

int ng__write_json(const char *path, const cJSON *doc, bool formatted,
                   ng_error *err)
{
    struct json_file j = {doc, formatted};
    return ng__write_atomic(path, write_tree, &j, err);
}
