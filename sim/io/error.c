/* Status codes and error context (error.h), and the thread-safe error
 * helpers of error_internal.h. */
#define _POSIX_C_SOURCE 200809L /* strerror_r, pthread_once */
#include "netgov/error.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "error_internal.h"

const char *ng_strerror(int code)
{
    switch (code) {
    case NG_OK:
        return "success";
#define NG_STR_ITEM(name, text)                                                \
    case NG_##name:                                                            \
        return text;
        NG_ERRNO_MAP(NG_STR_ITEM)
#undef NG_STR_ITEM
    default:
        return "unknown error";
    }
}

const char *ng_err_name(int code)
{
    switch (code) {
    case NG_OK:
        return "OK";
#define NG_NAME_ITEM(name, text)                                               \
    case NG_##name:                                                            \
        return #name;
        NG_ERRNO_MAP(NG_NAME_ITEM)
#undef NG_NAME_ITEM
    default:
        return "UNKNOWN";
    }
}

static void fill(ng_error *e, int code, const char *where, const char *fmt,
                 va_list ap)
{
    e->code = code;
    snprintf(e->where, sizeof e->where, "%s", where ? where : "");
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int ng_error_set(ng_error *err, int code, const char *where, const char *fmt,
                 ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, where, fmt, ap);
        va_end(ap);
    }
    return code;
}

int ng_errors_add(ng_errors *errs, int code, const char *where, const char *fmt,
                  ...)
{
    if (!errs) {
        return code;
    }
    if (errs->n >= NG_MAX_ERRORS) {
        errs->dropped++;
        return code;
    }
    va_list ap;
    va_start(ap, fmt);
    fill(&errs->items[errs->n++], code, where, fmt, ap);
    va_end(ap);
    return code;
}

const char *ng__errno_text(int errnum, char buf[NG_ERRNO_TEXT])
{
    /* Without _GNU_SOURCE glibc declares the POSIX strerror_r, which returns
     * a status and fills buf; the GNU one returns a char * that need not be
     * buf.  Defining _GNU_SOURCE here would switch, so that fails to build. */
    _Static_assert(
        _Generic(strerror_r(errnum, buf, NG_ERRNO_TEXT), int : 1, default : 0),
        "expected the POSIX (XSI) strerror_r");
    if (strerror_r(errnum, buf, NG_ERRNO_TEXT) != 0) {
        /* An unknown errnum (EINVAL): glibc's strerror says the same. */
        snprintf(buf, NG_ERRNO_TEXT, "Unknown error %d", errnum);
    }
    return buf;
}

static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;

static void gsl_handler_off(void)
{
    /* GSL can only read its handler by replacing it.  A handler the program
     * installed (it may log, or switch handlers off itself, as netgov's own
     * main does) is put back: the library changes only the default, which
     * would abort the program for a domain error. */
    gsl_error_handler_t *before = gsl_set_error_handler_off();
    if (before) {
        gsl_set_error_handler(before);
    }
}

void ng__gsl_init(void)
{
    pthread_once(&gsl_once, gsl_handler_off);
}
