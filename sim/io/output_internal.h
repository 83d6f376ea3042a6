/* Pieces of the run document shared with the sweep runner, so a run's
 * summary reads the same in a run document and in a line of runs.jsonl. */
#ifndef NETGOV_OUTPUT_INTERNAL_H
#define NETGOV_OUTPUT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "netgov/error.h"
#include "netgov/record.h"

/* The summary object of OUTPUT.md section "summary"; NULL when out of
 * memory. */
cJSON *ng__summary_json(const ng_summary *s);

/* The shortest of %.15g and %.17g that reads back as exactly v: 1.2, not
 * 1.19999... */
#define NG_NUMBER_TEXT 40
void ng__number_text(double v, char buf[NG_NUMBER_TEXT]);
/* Writes v as compact JSON whose numbers read back exactly (shortest of
 * %.15g and %.17g, checked with strtod); -1 when the stream has failed
 * (ferror), else 0. */
int ng__json_write(FILE *f, const cJSON *v);
/* 0, or NG_EIO ("write failed") when a write to f has failed: writers
 * print piece by piece and check the stream's error flag once at the end,
 * which stays set from the first failure. */
int ng__stream_status(FILE *f, ng_error *err);
/* Creates the parent folders of path (mkdir -p of its dirname). */
int ng__make_parents(const char *path, ng_error *err);
/* The longest path written (bytes) and the longest chain of symbolic
 * links followed to the file a path names (Linux's own limit). */
#define NG_OUT_PATH_MAX 4096
#define NG_OUT_MAX_LINKS 40

/* One output of ng__write_set.  The caller fills path ("-" is standard
 * output), write and ctx (which must stay valid through the call); the
 * rest belongs to output_file.c. */
enum { NG__OUT_REPLACE, NG__OUT_DIRECT, NG__OUT_STDOUT };
typedef struct ng__output {
    const char *path;
    int (*write)(void *ctx, FILE *f, ng_error *err);
    void *ctx;
    int kind;
    bool exists;   /* the target is a regular file now */
    bool truncate; /* written directly into a regular file */
    mode_t mode;   /* its mode, owner and group, kept on replacing */
    uid_t uid;
    gid_t gid;
    char target[NG_OUT_PATH_MAX]; /* path, through its symbolic links */
    char tmp[NG_OUT_PATH_MAX + 48];
} ng__output;

/* Writes several outputs all or none (docs/OUTPUT.md "How netgov writes
 * files"): a regular file (or a new name) gets a temporary beside it,
 * "NAME.tmp.PID.N", replacing it only when every temporary is complete;
 * a symbolic link is followed (a chain too) and the file it names is
 * replaced, the link stays; a character device or FIFO is written
 * straight into, standard output ("-") too, before any file is replaced;
 * a directory, block device or socket is refused (NG_EIO, as any output that
 * cannot be written).  Missing parent folders of a path given are created.
 * Temporaries of the same target left by a killed process are removed (the
 * folder is read at the process's first write into it).  On failure every
 * temporary is removed and err names the path and the reason (NG_EIO).
 * A device, FIFO or standard output that fails while written may have
 * received part of the data; files are then left untouched. */
int ng__write_set(ng__output *files, size_t n, ng_error *err);
/* ng__write_set of one output. */
int ng__write_atomic(const char *path,
                     int (*write)(void *ctx, FILE *f, ng_error *err), void *ctx,
                     ng_error *err);

/* Writes a JSON document atomically: indented by cJSON, or compact with
 * exact numbers (ng__json_write); ends with a newline. */
int ng__write_json(const char *path, const cJSON *doc, bool formatted,
                   ng_error *err);

#endif
