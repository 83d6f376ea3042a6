/* Pieces of the run document shared with the sweep runner, so a run's
 * summary reads the same in a run document and in a line of runs.jsonl. */
#ifndef NETGOV_OUTPUT_INTERNAL_H
#define NETGOV_OUTPUT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

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
 * %.15g and %.17g, checked with strtod). */
void ng__json_write(FILE *f, const cJSON *v);
/* Creates the parent folders of path (mkdir -p of its dirname). */
int ng__make_parents(const char *path, ng_error *err);
/* Calls write(ctx, f, err) on a temporary file beside path and renames it
 * to path on success (creating missing parent folders); removes the
 * temporary on failure. */
int ng__write_atomic(const char *path,
                     int (*write)(void *ctx, FILE *f, ng_error *err), void *ctx,
                     ng_error *err);

/* Writes a JSON document atomically: indented by cJSON, or compact with
 * exact numbers (ng__json_write); ends with a newline. */
int ng__write_json(const char *path, const cJSON *doc, bool formatted,
                   ng_error *err);

#endif
