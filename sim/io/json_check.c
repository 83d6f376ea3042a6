/* Strict JSON: what cJSON lets through but netgov must not.
 *
 * cJSON copies string bytes as they are, so invalid UTF-8 in a partner's
 * name would reach the run document raw (strict readers then cannot read
 * it), a \u0000 escape silently cuts a name short, and raw control
 * characters inside strings are accepted.  It also keeps every copy of a
 * repeated key, and code that looks a key up finds only the first while
 * code that walks the object sees both.  The text is therefore checked
 * before cJSON sees it, and the tree after, for every file netgov reads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

/* ---- the text ---- */

typedef struct scan {
    const unsigned char *s;
    size_t len, at;
    int line, col; /* of s[at]; columns count characters, not bytes */
} scan;

/* "<source>:<line>:<col>: <what> \u0000" for an escape, "<what> 0xff"
 * for a byte. */
static int text_error(const scan *sc, const char *source, ng_errors *errs,
                      const char *what, bool escape, unsigned v)
{
    char where[sizeof((ng_error *)0)->where];
    snprintf(where, sizeof where, "%s:%d:%d", source, sc->line, sc->col);
    if (escape) {
        return ng_errors_add(errs, NG_ECONFIG, where, "%s\\u%04x", what, v);
    }
    return ng_errors_add(errs, NG_ECONFIG, where, "%s0x%02x", what, v);
}

/* Length of the well-formed UTF-8 sequence at s[at] (RFC 3629: no
 * overlong forms, no encoded surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_length(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (avail < n || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t k = 2; k < n; k++) {
        if (s[k] < 0x80 || s[k] > 0xBF) {
            return 0;
        }
    }
    return n;
}

static int hex4(const unsigned char *s, size_t avail, unsigned *out)
{
    if (avail < 4) {
        return 0;
    }
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = s[k], d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return 0;
        }
        v = v * 16 + d;
    }
    *out = v;
    return 1;
}

/* A \uXXXX escape at s[at] (at the backslash): \u0000 and a surrogate that
 * is not half of a pair are errors; anything malformed is left to cJSON,
 * which reports it as a syntax error.  Returns the bytes to skip. */
static size_t check_escape(const scan *sc, const char *source, int *rc,
                           ng_errors *errs)
{
    const unsigned char *s = sc->s + sc->at;
    size_t avail = sc->len - sc->at;
    unsigned u, v;
    if (avail < 2 || s[1] != 'u') {
        return avail < 2 ? 1 : 2;
    }
    if (!hex4(s + 2, avail - 2, &u)) {
        return 2;
    }
    if (u == 0) {
        *rc = text_error(sc, source, errs,
                         "expected a string without NUL characters, found ",
                         true, u);
        return 6;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
        *rc = text_error(sc, source, errs,
                         "expected a surrogate pair, found a lone low "
                         "surrogate ",
                         true, u);
        return 6;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        bool pair = avail >= 12 && s[6] == '\\' && s[7] == 'u' &&
                    hex4(s + 8, avail - 8, &v) && v >= 0xDC00 && v <= 0xDFFF;
        if (!pair) {
            *rc = text_error(sc, source, errs,
                             "expected a surrogate pair, found a lone high "
                             "surrogate ",
                             true, u);
            return 6;
        }
        return 12;
    }
    return 6;
}

int ng__json_text_check(const char *text, size_t len, const char *source,
                        ng_errors *errs)
{
    scan sc = {(const unsigned char *)text, len, 0, 1, 1};
    bool in_string = false;
    int rc = 0;
    while (sc.at < sc.len && rc == 0) {
        unsigned c = sc.s[sc.at];
        size_t step = 1;
        if (c == 0) {
            rc = text_error(&sc, source, errs,
                            "expected text, found a NUL byte ", false, c);
            break;
        }
        if (c >= 0x80) {
            step = utf8_length(sc.s + sc.at, sc.len - sc.at);
            if (step == 0) {
                rc = text_error(&sc, source, errs,
                                "expected UTF-8 text, found byte ", false, c);
                break;
            }
        } else if (in_string && c < 0x20) {
            rc = text_error(&sc, source, errs,
                            "expected a string without raw control "
                            "characters (write them as escapes), found byte ",
                            false, c);
            break;
        } else if (in_string && c == '\\') {
            step = check_escape(&sc, source, &rc, errs);
        } else if (c == '"') {
            in_string = !in_string;
        }
        /* A character of several bytes is one column. */
        for (size_t k = 0; k < step && sc.at < sc.len; k++) {
            if (sc.s[sc.at] == '\n') {
                sc.line++;
                sc.col = 1;
            } else if ((sc.s[sc.at] & 0xC0) != 0x80) {
                sc.col++;
            }
            sc.at++;
        }
    }
    return rc;
}

/* ---- the tree ---- */

static int key_order(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int d = strcmp(x->string, y->string);
    /* Ties keep document order, so the copy reported is the later one. */
    if (d == 0) {
        d = (x > y) - (x < y);
    }
    return d;
}

typedef struct dup_walk {
    const char *source;
    ng_errors *errs;
    size_t found;
    const cJSON **keys; /* scratch, `room` entries */
    size_t room;
    int rc;
} dup_walk;

/* "population.partners[2].name", cut with "..." when it does not fit. */
static void child_path(char *out, size_t size, const char *prefix,
                       const cJSON *item, size_t index, bool in_array)
{
    int w;
    if (in_array) {
        w = snprintf(out, size, "%s[%zu]", prefix, index);
    } else {
        w = snprintf(out, size, "%s%s%s", prefix, prefix[0] ? "." : "",
                     item->string);
    }
    if (w < 0 || (size_t)w >= size) {
        memcpy(out + size - 4, "...", 4);
    }
}

static void report_duplicate(dup_walk *dw, const char *path, const char *key)
{
    char where[sizeof((ng_error *)0)->where];
    int w = snprintf(where, sizeof where, "%s%s%s%s%s",
                     dw->source ? dw->source : "", dw->source ? ":" : "", path,
                     path[0] ? "." : "", key);
    if (w < 0 || (size_t)w >= sizeof where) {
        memcpy(where + sizeof where - 4, "...", 4);
    }
    ng_errors_add(dw->errs, NG_ECONFIG, where,
                  "expected each key once, found it twice");
    dw->found++;
}

/* Sorting the keys makes the check O(n log n) per object: a machine-made
 * object with a million keys is checked in a fraction of a second. */
static void check_object(dup_walk *dw, const cJSON *obj, const char *path)
{
    size_t n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        n++;
    }
    if (n < 2) {
        return;
    }
    if (n > dw->room) {
        const cJSON **grown = realloc(dw->keys, n * sizeof *grown);
        if (!grown) {
            dw->rc =
                ng_errors_add(dw->errs, NG_ENOMEM,
                              dw->source ? dw->source : path, "out of memory");
            return;
        }
        dw->keys = grown;
        dw->room = n;
    }
    size_t k = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        dw->keys[k++] = c;
    }
    qsort(dw->keys, n, sizeof *dw->keys, key_order);
    for (k = 1; k < n; k++) {
        if (strcmp(dw->keys[k]->string, dw->keys[k - 1]->string) == 0 &&
            (k < 2 ||
             strcmp(dw->keys[k]->string, dw->keys[k - 2]->string) != 0)) {
            report_duplicate(dw, path, dw->keys[k]->string);
        }
    }
}

/* cJSON nests at most CJSON_NESTING_LIMIT (1000) deep, which bounds the
 * recursion. */
static void check_tree(dup_walk *dw, const cJSON *node, const char *path)
{
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) {
        return;
    }
    bool in_array = cJSON_IsArray(node);
    if (!in_array) {
        check_object(dw, node, path);
    }
    size_t index = 0;
    for (const cJSON *c = node->child; c && dw->rc == 0; c = c->next) {
        if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
            char sub[160];
            child_path(sub, sizeof sub, path, c, index, in_array);
            check_tree(dw, c, sub);
        }
        index++;
    }
}

int ng__json_tree_check(const cJSON *root, const char *source, ng_errors *errs)
{
    dup_walk dw = {source, errs, 0, NULL, 0, 0};
    check_tree(&dw, root, "");
    free(dw.keys);
    if (dw.rc) {
        return dw.rc;
    }
    return dw.found ? NG_ECONFIG : 0;
}

/* JSON allows repeated keys and cJSON keeps them all; a document that sets
 * one field twice is almost certainly a mistake, so it is an error. */
void ng__json_reject_duplicates(const cJSON *obj, const char *prefix,
                                ng_errors *errs)
{
    dup_walk dw = {NULL, errs, 0, NULL, 0, 0};
    if (cJSON_IsObject(obj)) {
        check_object(&dw, obj, prefix);
    }
    free(dw.keys);
}
