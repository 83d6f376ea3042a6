/* The files of web/ compiled into the binary (cmake/NetgovWeb.cmake). */
#ifndef NETGOV_REPORT_WEB_H
#define NETGOV_REPORT_WEB_H

#include <stddef.h>

typedef struct ng_web_asset {
    const char *name; /* file name in web/, e.g. "chart_line.js" */
    const char *data; /* its bytes (UTF-8), followed by a NUL */
    size_t len;
} ng_web_asset;

/* Terminated by a NULL name. */
extern const ng_web_asset ng_web_assets[];

/* The asset called name, or NULL. */
const ng_web_asset *ng__web_asset(const char *name);

#endif
