/* Self-contained HTML pages (html.h) and the web/ asset table (web.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "report/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/netgov.h"

#include "io/output_internal.h"
#include "report/web.h"

const ng_web_asset *ng__web_asset(const char *name)
{
    for (const ng_web_asset *a = ng_web_assets; a->name; a++) {
        if (strcmp(a->name, name) == 0) {
            return a;
        }
    }
    return NULL;
}

/* True if text contains "</tag" in any letter case: inside an inlined
 * <script> or <style> element it would end the element early. */
static int closes_element(const char *text, const char *tag)
{
    size_t n = strlen(tag);
    for (const char *p = strchr(text, '<'); p; p = strchr(p + 1, '<')) {
        if (p[1] != '/') {
            continue;
        }
        size_t i = 0;
        while (i < n && p[2 + i] &&
               (p[2 + i] | 0x20) == tag[i]) { /* ASCII letters only */
            i++;
        }
        if (i == n) {
            return 1;
        }
    }
    return 0;
}

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* Writes the JSON data with '<' as \u003c: JSON allows it only inside
 * strings, where the escape means the same, and the browser's HTML parser
 * then never sees "</script" or "<!--" inside the data. */
static int put_data(FILE *f, const cJSON *data, ng_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    ng__json_write(mem, data);
    if (fclose(mem) != 0 || !text) {
        free(text);
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '<') {
            fputs("\\u003c", f);
        } else {
            fputc(text[i], f);
        }
    }
    free(text);
    return 0;
}

static int check_assets(const char *const *names, const char *tag,
                        ng_error *err)
{
    for (size_t i = 0; names && names[i]; i++) {
        const ng_web_asset *a = ng__web_asset(names[i]);
        if (!a) {
            return ng_error_set(err, NG_EINVAL, names[i],
                                "no such file in web/ compiled in");
        }
        if (tag && closes_element(a->data, tag)) {
            return ng_error_set(err, NG_EINVAL, names[i],
                                "contains \"</%s\", which would end the "
                                "inlined element early",
                                tag);
        }
    }
    return 0;
}

static int write_page(void *ctx, FILE *f, ng_error *err)
{
    const ng_html_page *page = ctx;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"netgov " NG_VERSION "\">\n"
          "<title>",
          f);
    put_escaped(f, page->title ? page->title : "netgov");
    fputs("</title>\n", f);
    for (size_t i = 0; page->styles && page->styles[i]; i++) {
        fprintf(f, "<style>\n%s</style>\n",
                ng__web_asset(page->styles[i])->data);
    }
    fputs("</head>\n<body>\n", f);
    if (page->body) {
        fputs(ng__web_asset(page->body)->data, f);
    }
    if (page->data) {
        fputs("<script type=\"application/json\" id=\"netgov-data\">", f);
        int rc = put_data(f, page->data, err);
        if (rc) {
            return rc;
        }
        fputs("</script>\n", f);
    }
    for (size_t i = 0; page->scripts && page->scripts[i]; i++) {
        fprintf(f, "<script>\n%s</script>\n",
                ng__web_asset(page->scripts[i])->data);
    }
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? ng_error_set(err, NG_EIO, NULL, "write failed") : 0;
}

int ng__html_write(const char *path, const ng_html_page *page, ng_error *err)
{
    const char *body[] = {page->body, NULL};
    int rc = check_assets(page->styles, "style", err);
    if (!rc) {
        rc = check_assets(page->scripts, "script", err);
    }
    if (!rc && page->body) {
        rc = check_assets(body, NULL, err);
    }
    ng_html_page copy = *page; /* the writer's context is not const */
    return rc ? rc : ng__write_atomic(path, write_page, &copy, err);
}
