/* Self-contained HTML pages: styles, scripts and data inlined, so a page
 * opens from a file:// URL (or a mail attachment) with no network. */
#ifndef NETGOV_REPORT_HTML_H
#define NETGOV_REPORT_HTML_H

#include <cjson/cJSON.h>

#include "netgov/error.h"

typedef struct ng_html_page {
    const char *title;          /* <title>, escaped here */
    const char *const *styles;  /* web/ asset names, NULL-terminated */
    const char *body;           /* web/ asset name of the body's HTML */
    const cJSON *data;          /* inlined as JSON in
                                 * <script type="application/json"
                                 * id="netgov-data">; may be NULL */
    const char *const *scripts; /* web/ asset names in load order,
                                 * NULL-terminated; run after the body */
} ng_html_page;

/* Writes the page atomically to path.  NG_EIO on a write failure,
 * NG_EINVAL if an asset is missing or would end its <script> or <style>
 * element early. */
int ng__html_write(const char *path, const ng_html_page *page, ng_error *err);

#endif
