/* Shared pieces of the fuzz harnesses: a private scratch folder per
 * process for the surfaces netgov reads from files, and NUL-terminated
 * copies of the fuzzer's bytes.
 *
 * Every harness is deterministic and quiet: the library never prints,
 * and error lists are collected into a local ng_errors and dropped.
 */
#ifndef NETGOV_FUZZ_UTIL_H
#define NETGOV_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The entry point libFuzzer calls (and tests/fuzz/replay.c). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs above this are skipped: every surface refuses or handles large
 * files the same way as middle-sized ones, and a harness must stay fast. */
#define FUZZ_MAX_INPUT (256u * 1024u)

/* A malloc'ed NUL-terminated copy of data[0..size); NULL when out of
 * memory. */
char *fuzz_text(const uint8_t *data, size_t size);

/* The process's scratch folder (created on first use under $TMPDIR or
 * /tmp, removed with everything in it at exit); NULL if it cannot be
 * made. */
const char *fuzz_dir(void);

/* Writes size bytes to dir/name; 0 or -1. */
int fuzz_write(const char *dir, const char *name, const void *data,
               size_t size);

/* Removes everything inside dir (not dir itself). */
void fuzz_empty(const char *dir);

#endif
