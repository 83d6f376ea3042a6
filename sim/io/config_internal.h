/* Shared between config.c and config_parse.c. */
#ifndef NETGOV_CONFIG_INTERNAL_H
#define NETGOV_CONFIG_INTERNAL_H

#include <cjson/cJSON.h>

#include "netgov/config.h"

/* Applies one JSON value at a dotted registry path (or a plain config key:
 * name, description); reports unknown paths with a suggestion. */
int ng__config_apply(ng_config *cfg, const char *path, const cJSON *value,
                     ng_errors *errs);
/* A short description of a JSON value for "found ..." in messages. */
void ng__json_describe(const cJSON *v, char *buf, size_t size);
/* The closest known key to `key` among `candidates` (NULL-terminated), or
 * NULL when nothing is close enough to be a likely typo. */
const char *ng__did_you_mean(const char *key, const char *const *candidates,
                             size_t n);

#endif
