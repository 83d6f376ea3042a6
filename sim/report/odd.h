/* The ODD protocol description of a scenario (Markdown), generated.
 *
 * Written from three sources only: the parameter registry (paths, units,
 * meanings, defaults), the rule tables (names and summaries of the
 * governance mode, cost rule and decision rule) and the config the run
 * would use (its values, listed partners and ties).  The section titles,
 * schedule and submodel names follow docs/MODEL.md, the hand-written
 * reference; tests/cli/test_odd.py keeps the two in step.
 */
#ifndef NETGOV_REPORT_ODD_H
#define NETGOV_REPORT_ODD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "netgov/config.h"
#include "netgov/error.h"

/* Writes the ODD description of cfg (validated by the caller) to f.
 * Returns 0, or NG_EIO (err filled) if writing to f failed.  Does not
 * close f. */
int ng__odd_write(FILE *f, const ng_config *cfg, ng_error *err);

/* Number of submodel subsections (as in MODEL.md section 8). */
size_t ng__odd_submodel_count(void);
/* Whether submodel k lists registry parameter d: a rule's parameter by
 * the submodels it declares it serves, the model's own by path pattern. */
bool ng__odd_submodel_lists(size_t k, const ng_param *d);

#endif
