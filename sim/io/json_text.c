/* Numbers and JSON as text that reads back exactly (output_internal.h).
 *
 * The lowest piece of the writers: run documents, sweep lines, designs and
 * error messages all print numbers through ng__number_text, so a number
 * reads the same wherever netgov writes it.  It depends on nothing of the
 * model, so the config parser's messages and the writers can both use it.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "netgov/output.h"
#include "output_internal.h"

void ng__number_text(double v, char buf[NG_NUMBER_TEXT])
{
    snprintf(buf, NG_NUMBER_TEXT, "%.15g", v);
    if (strtod(buf, NULL) != v) {
        snprintf(buf, NG_NUMBER_TEXT, "%.17g", v);
    }
}

void ng_output_number(FILE *f, double v)
{
    char buf[NG_NUMBER_TEXT];
    ng__number_text(v, buf);
    fputs(buf, f);
}

int ng__stream_status(FILE *f, ng_error *err)
{
    return ferror(f) ? ng_error_set(err, NG_EIO, NULL, "write failed") : 0;
}

/* Compact JSON with exact numbers.  Numbers take the shortest of %.15g and
 * %.17g that reads back exactly (checked with strtod, much cheaper than
 * cJSON's own check); strings and literals are printed by cJSON. */
int ng__json_write(FILE *f, const cJSON *v)
{
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble)) {
        fputs("null", f); /* undefined, e.g. the sd of a single run */
    } else if (cJSON_IsNumber(v)) {
        ng_output_number(f, v->valuedouble);
    } else if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        bool obj = cJSON_IsObject(v);
        fputc(obj ? '{' : '[', f);
        for (const cJSON *c = v->child; c; c = c->next) {
            if (obj) {
                cJSON *key = cJSON_CreateStringReference(c->string);
                ng__json_write(f, key);
                cJSON_Delete(key);
                fputc(':', f);
            }
            ng__json_write(f, c);
            if (c->next) {
                fputc(',', f);
            }
        }
        fputc(obj ? '}' : ']', f);
    } else {
        char *text = cJSON_PrintUnformatted(v);
        fputs(text ? text : "null", f);
        free(text);
    }
    return ferror(f) ? -1 : 0;
}
