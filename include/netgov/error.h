/* netgov error codes and error context.
 *
 * Library functions return 0 on success or a negative NG_E* code and, when
 * given a non-NULL ng_error, fill it with where the problem is (a config field
 * path such as "governance.nao.monitoring") and what is wrong.  The library
 * never prints and never exits; the CLI turns statuses into exit codes.
 *
 * GSL's default error handler would abort the program, so the first call
 * that can reach GSL (ng_model_alloc, the sweep runners, the samplers,
 * the sensitivity and summary statistics) switches it off, unless the
 * program has installed a handler of its own, which is left alone.  The
 * library changes no other process-wide state (umask, locale, environment)
 * and may be used from several threads, one model per thread, with two
 * limits: cJSON's parser records its last error in a process-wide variable,
 * so parse JSON (configs, specs, tables) on one thread at a time; and
 * numbers are read and written with strtod and printf, so LC_NUMERIC must
 * stay "C", as it is unless the program calls setlocale.
 */
#ifndef NETGOV_ERROR_H
#define NETGOV_ERROR_H

#include <stddef.h>

#define NG_ERRNO_MAP(XX)                                                       \
    XX(EINVAL, "invalid argument")                                             \
    XX(ENOMEM, "out of memory")                                                \
    XX(ECONFIG, "invalid scenario configuration")                              \
    XX(EIO, "input/output error")                                              \
    XX(ERULE, "rule violated its contract")                                    \
    XX(ENONFINITE, "non-finite value in model state")

enum ng_status {
    NG_OK = 0,
#define NG_ENUM_ITEM(name, text) NG_##name,
    NG_ERRNO_BASE = -100,
    NG_ERRNO_MAP(NG_ENUM_ITEM)
#undef NG_ENUM_ITEM
};

typedef struct ng_error {
    int code;        /* NG_E* */
    char where[160]; /* field path or file, "" when not applicable */
    char msg[256];   /* lower case, no trailing period */
} ng_error;

/* Up to NG_MAX_ERRORS errors collected by config validation, which reports
 * every problem it finds rather than stopping at the first.  `dropped`
 * counts errors beyond the cap. */
#define NG_MAX_ERRORS 20
typedef struct ng_errors {
    size_t n;
    size_t dropped;
    ng_error items[NG_MAX_ERRORS];
} ng_errors;

/* Text for a status code ("invalid scenario configuration"). */
const char *ng_strerror(int code);
/* Symbolic name of a status code ("ECONFIG"). */
const char *ng_err_name(int code);

/* Fills err (if non-NULL) and returns code.  `where` may be NULL. */
int ng_error_set(ng_error *err, int code, const char *where, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Appends one error to a list (if non-NULL) and returns code. */
int ng_errors_add(ng_errors *errs, int code, const char *where, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
