/* JSON and file helpers of the config reader, shared with the experiment
 * specs (sim/experiment/spec.c), so both report errors the same way. */
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

/* Reports an unknown parameter path, suggesting the closest known one. */
void ng__unknown_key(const char *path, ng_errors *errs);
/* Parses a whole JSON document strictly; a syntax error, trailing text,
 * text that is not UTF-8, a NUL (raw or \u0000), a raw control character
 * or a lone surrogate in a string is reported as "<source>:<line>:<col>",
 * a key repeated in any object at any depth as "<source>:<path>", and each
 * gives NULL. */
cJSON *ng__json_parse(const char *text, size_t len, const char *source,
                      ng_errors *errs);
/* The text half of ng__json_parse: the first encoding problem (invalid
 * UTF-8, NUL, raw control character or lone surrogate in a string) as
 * "<source>:<line>:<col>"; 0 or NG_ECONFIG. */
int ng__json_text_check(const char *text, size_t len, const char *source,
                        ng_errors *errs);
/* The tree half: every key repeated in an object, at any depth, as
 * "<source>:<path>.<key>"; 0, NG_ECONFIG or NG_ENOMEM. */
int ng__json_tree_check(const cJSON *root, const char *source, ng_errors *errs);
/* Reports every key that occurs twice in obj as "<prefix>.<key>". */
void ng__json_reject_duplicates(const cJSON *obj, const char *prefix,
                                ng_errors *errs);
/* Reads a whole file into a NUL-terminated buffer the caller frees, at
 * most NG_INPUT_MAX_BYTES (config.h): a longer file, or a device or FIFO
 * that does not end, is an error after reading one byte past the cap. */
int ng__file_read(const char *path, char **text, size_t *len, ng_errors *errs);
/* The same with a cap of `max` bytes (NG_DOCUMENT_MAX_BYTES for netgov's
 * own documents). */
int ng__file_read_max(const char *path, size_t max, char **text, size_t *len,
                      ng_errors *errs);
/* Reads and parses a JSON document netgov wrote (a run document, a sweep
 * manifest): ng__file_read_max with NG_DOCUMENT_MAX_BYTES, then
 * ng__json_parse with the path as source; NULL with errs filled when
 * either fails. */
cJSON *ng__json_file_read(const char *path, ng_errors *errs);

#endif
