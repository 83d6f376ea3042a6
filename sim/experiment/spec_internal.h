/* Experiment specs below the text parser (spec.c). */
#ifndef NETGOV_SPEC_INTERNAL_H
#define NETGOV_SPEC_INTERNAL_H

#include <cjson/cJSON.h>

#include "netgov/sweep.h"

/* ng_spec_parse on a document already parsed: the checks of every field
 * and every list do not rely on the text parser having refused repeated
 * keys (a tree built in memory may hold them). */
int ng__spec_from_json(ng_spec *s, const cJSON *root, const char *source,
                       const char *dir, ng_errors *errs);

#endif
