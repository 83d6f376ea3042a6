/* Reading the documents a report is made of (report_page.h): look-ups by
 * dotted path, checks that name what is missing, and copies into the
 * page's data.  report.c, report_run.c and report_sweep.c all use them.
 */
#include <stdio.h>
#include <string.h>

#include "io/config_internal.h"
#include "report/report_page.h"

const cJSON *ng__report_at(const cJSON *obj, const char *path)
{
    char key[128];
    const char *p = path;
    while (obj && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= sizeof key) {
            return NULL;
        }
        memcpy(key, p, n);
        key[n] = '\0';
        obj = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key)
                                  : NULL;
        p += n + (dot ? 1 : 0);
    }
    return obj;
}

const cJSON *ng__report_need(const cJSON *obj, const char *path,
                             cJSON_bool (*test)(const cJSON *),
                             const char *what, const char *source,
                             ng_errors *errs)
{
    const cJSON *item = ng__report_at(obj, path);
    if (item && test(item)) {
        return item;
    }
    char found[96] = "nothing";
    if (item) {
        ng__json_describe(item, found, sizeof found);
    }
    char where[160];
    snprintf(where, sizeof where, "%s: %s", source, path);
    ng_errors_add(errs, NG_ECONFIG, where, "expected %s, found %s", what,
                  found);
    return NULL;
}

void ng__report_copy(cJSON *obj, const char *key, const cJSON *item)
{
    if (item) {
        cJSON_AddItemToObject(obj, key, cJSON_Duplicate(item, 1));
    }
}
