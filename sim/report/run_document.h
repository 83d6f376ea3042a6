/* The one reader of a run document (docs/OUTPUT.md section 2) for the
 * commands that read one: explain, view and report.
 *
 * A run document is untrusted input, also when netgov wrote it: it may be
 * hand-edited, truncated or made up.  ng__run_doc_read checks every field
 * any of the three uses, with its type and its range, before any of them
 * converts a number to an integer or indexes an array with it:
 *
 *   - format_version is this format's, engine_version and scenario are
 *     strings, seed an integer in 1..4294967295;
 *   - config is a scenario that parses and validates (when asked for),
 *     giving run.ticks and the pool size;
 *   - summary.lifetime is an integer in [1, run.ticks], every series the
 *     commands read has exactly lifetime finite numbers, series.tick is
 *     1..lifetime, count series are integers in [0, pool];
 *   - partners are the pool, in id order, with known names of sectors,
 *     dispositions and states, and ticks in [0, lifetime];
 *   - events have a known type and reason, a tick in [0, lifetime] not
 *     before the previous event's, and a partner id in [0, pool).
 *
 * So explain, view and report accept and refuse the same documents, with
 * the same message, which names the field by its JSON path ("run.json:
 * events[3].tick: expected an integer tick in [0, 120], found 1e+300").
 */
#ifndef NETGOV_REPORT_RUN_DOCUMENT_H
#define NETGOV_REPORT_RUN_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "netgov/config.h"
#include "netgov/error.h"

typedef struct ng_run_doc {
    const cJSON *root, *config, *series, *partners, *events, *summary;
    const char *scenario, *engine;
    uint32_t seed;
    int outcome, cause; /* ng_outcome, ng_reason */
    size_t lifetime;    /* ticks recorded: the length of every series */
    size_t n_partners;  /* the pool */
    size_t n_events;
} ng_run_doc;

/* Checks doc as a run document and fills out.  With cfg non-NULL the
 * document's config is parsed and validated into cfg (its run.seed set to
 * the document's seed; the caller clears it with ng_config_clear, also on
 * failure), and partners must be its pool; with cfg NULL the config is
 * only required to be an object.  source names the document in messages
 * ("run.json:summary.lifetime"); NULL gives bare paths.  Returns 0, or
 * NG_EINVAL (NG_ECONFIG for a bad config) with the first problem in
 * errs; NG_ENOMEM. */
int ng__run_doc_read(const cJSON *doc, const char *source, ng_config *cfg,
                     ng_run_doc *out, ng_errors *errs);

#endif
