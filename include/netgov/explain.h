/* What happened in a run and why, derived from its run document (series,
 * events, partners, config) by the documented rules of docs/EXPLAIN.md.
 *
 * The explanation is data first (ng_explanation_json) and text second
 * (ng_explanation_text renders the same data), so the report page, the
 * command line and scripts all say the same thing.
 */
#ifndef NETGOV_EXPLAIN_H
#define NETGOV_EXPLAIN_H

#include "netgov/error.h"

struct cJSON;
struct ng_run_view;
typedef struct ng_explanation ng_explanation;

/* Explains a parsed run document (OUTPUT.md).  Returns NULL and fills err
 * (with the field path) when the document lacks what the rules need. */
ng_explanation *ng_explain(const struct cJSON *run, ng_error *err);
/* Explains a run in memory: the same explanation as of the run document
 * the run would write, without writing and parsing it.  The model behind
 * the view must not step or be freed during the call. */
ng_explanation *ng_explain_view(const struct ng_run_view *run, ng_error *err);
void ng_explanation_free(ng_explanation *e);

/* The explanation as a JSON object (caller frees with cJSON_Delete):
 *   scenario, outcome, cause, lifetime   as in the run summary
 *   headline        one sentence
 *   phases          [{phase: formation|growth|plateau|decline|end,
 *                     from, to, members_from, members_to, text}]
 *   turning_points  [{kind, tick, [to_tick,] text, ...numbers}]
 *                   kinds: first_free_riding, first_violation,
 *                   largest_trust_drop, first_exit, first_exclusion,
 *                   exit_cascade, shock,
 *                   dissolution, completion
 *   mechanism       {name, title, score, evidence: [text], text} the
 *                   dominant failure mechanism (null when nothing failed)
 *   mechanisms      [{name, title, score}] every candidate, best first
 *   departures      [{partner, name, sector, small, tick, type: exit |
 *                     exclusion, reason, text}]
 *   held_together   [text] for a surviving or completed alliance
 */
struct cJSON *ng_explanation_json(const ng_explanation *e);

/* The explanation as plain text (caller frees), lines of at most 78
 * characters; NULL when out of memory. */
char *ng_explanation_text(const ng_explanation *e);

#endif
