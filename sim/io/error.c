/* Status codes and error context (error.h). */
#include "netgov/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
