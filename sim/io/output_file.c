#define _POSIX_C_SOURCE 200809L /* open's O_CLOEXEC, fdopen, getpid */
/* Safe file output (output.h): write to a temporary beside the target and
 * rename on success, so a failed or interrupted run leaves no half file. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
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
    if (strcmp(path, "-") == 0) {
        int rc = write(m, stdout, err);
        return rc ? rc : (fflush(stdout) ? NG_EIO : 0);
    }
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

int ng__write_atomic(const char *path,
                     int (*write)(void *ctx, FILE *f, ng_error *err), void *ctx,
                     ng_error *err)
{
    int rc = ng__make_parents(path, err);
    if (rc) {
        return rc;
    }
    char why[NG_ERRNO_TEXT];
    char tmp[4200];
    int fd = open_temp(path, tmp, sizeof tmp);
    if (fd < 0) {
        return ng_error_set(err, NG_EIO, path, "cannot create: %s",
                            ng__errno_text(errno, why));
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        rc = ng_error_set(err, NG_EIO, path, "cannot open: %s",
                          ng__errno_text(errno, why));
        close(fd);
        unlink(tmp);
        return rc;
    }
    rc = write(ctx, f, err);
    if (fflush(f) != 0 || ferror(f)) {
        rc = rc ? rc
                : ng_error_set(err, NG_EIO, path, "write failed: %s",
                               ng__errno_text(errno, why));
    }
    if (fclose(f) != 0 && rc == 0) {
        rc = ng_error_set(err, NG_EIO, path, "close failed: %s",
                          ng__errno_text(errno, why));
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = ng_error_set(err, NG_EIO, path, "cannot rename into place: %s",
                          ng__errno_text(errno, why));
    }
    if (rc != 0) {
        unlink(tmp);
    }
    return rc;
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
