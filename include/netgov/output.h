/* Writers of a run's results: one JSON document, or the series as CSV.
 *
 * Files are written to a temporary name beside the target and renamed when
 * complete, so a failed run never leaves a half-written file; devices and
 * FIFOs are written into, symbolic links followed (docs/OUTPUT.md "How
 * netgov writes files").  The writers return NG_EIO when a write to their
 * stream failed.
 */
#ifndef NETGOV_OUTPUT_H
#define NETGOV_OUTPUT_H

#include <stdio.h>

#include "netgov/error.h"
#include "netgov/model.h"

/* Writes the run document (format version, engine version, seed, resolved
 * config, series, events, partners' final state, summary) to a stream. */
int ng_output_json(const ng_model *m, FILE *f, ng_error *err);
/* Writes the series as CSV, one row per tick, a header of metric names. */
int ng_output_csv(const ng_model *m, FILE *f, ng_error *err);
/* Writes the resolved config as JSON (what `netgov run` used). */
int ng_output_config(const ng_config *cfg, FILE *f, ng_error *err);

/* Calls write(m, f, err) on a temporary file beside `path` and renames it
 * to `path` on success; creates missing parent directories; removes the
 * temporary on failure.  "-" writes to stdout; a character device or FIFO
 * is written directly, a symbolic link followed to the file it names, a
 * directory refused (NG_EIO).  Errors name the path and the reason. */
int ng_output_to_path(const ng_model *m, const char *path,
                      int (*write)(const ng_model *, FILE *, ng_error *),
                      ng_error *err);

/* Prints a double so that it reads back exactly, shortest of %.15g/%.17g.
 * Non-finite values are the caller's error. */
void ng_output_number(FILE *f, double v);

#endif
