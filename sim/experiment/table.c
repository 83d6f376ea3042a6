#define _POSIX_C_SOURCE 200809L /* fileno, fstat, XSI strerror_r */
/* Tables of values from other tools (experiment.h): a design matrix written
 * by a spreadsheet, R or Python, read as CSV or JSON.
 *
 * Whatever the format, every cell is kept as canonical JSON text, which the
 * sweep parses back with cJSON and applies to a config path:
 *
 *   - a CSV cell is trimmed of spaces and tabs; if what remains is one JSON
 *     value it is stored as cJSON_PrintUnformatted prints it ("0.10" and
 *     "1e-1" become 0.1, "[0.1, 0.2]" becomes [0.1,0.2], "\"nao\"" stays
 *     "nao"), otherwise the text is stored as a JSON string, so the bare
 *     word nao and the JSON string "nao" read the same.  CSV quoting is only
 *     CSV's: the field "0.10" (in double quotes) is the number 0.1, which is
 *     what lets a vector cell hold commas;
 *   - a JSON cell is printed the same way.
 *
 * A cell must be a number, a string, true/false or an array of those; null,
 * objects, empty CSV cells and non-finite numbers (1e999 parses to inf) are
 * errors, since none of them is a value a parameter can take.  Numbers are
 * read by cJSON only, which does not depend on the C locale.
 *
 * Errors name where they are ("design.csv:7", "design.json: rows[3].x",
 * "design.json:4:12" for JSON syntax) and are all collected before the table
 * is given up, so one pass over a hand-edited file shows every problem.  On
 * any error the table is left empty.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "io/config_internal.h" /* ng__json_describe */
#include "netgov/experiment.h"

/* Design matrices are thousands of rows; a file this big is a mistake (a
 * results file passed as a design), and reading it would take the memory. */
#define TABLE_MAX_MB 256
#define TABLE_MAX_BYTES ((size_t)TABLE_MAX_MB << 20)
#define WHERE_LEN 256

#if defined(__GNUC__)
#define NG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NG_NOINLINE __attribute__((noinline))
#else
#define NG_PRINTF(f, a)
#define NG_NOINLINE
#endif

/* One parse: where errors go and the status so far (errs may be NULL, so
 * failure cannot be read back from it). */
typedef struct parse_ctx {
    const char *source;
    ng_errors *errs;
    bool json; /* places are paths (JSON) rather than lines (CSV) */
    int rc;    /* 0, NG_ECONFIG or NG_ENOMEM */
} parse_ctx;

/* A growable list of owned strings. */
typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

/* ---- helpers ---- */

static void report(parse_ctx *c, int code, const char *where, const char *fmt,
                   ...) NG_PRINTF(4, 5);

static void report(parse_ctx *c, int code, const char *where, const char *fmt,
                   ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ng_errors_add(c->errs, code, where, "%s", msg);
    if (c->rc != NG_ENOMEM) {
        c->rc = code;
    }
}

static void out_of_memory(parse_ctx *c)
{
    report(c, NG_ENOMEM, c->source, "out of memory");
}

/* Takes ownership of s (freed on failure). */
static bool strvec_push(parse_ctx *c, strvec *sv, char *s)
{
    if (s && sv->n == sv->cap) {
        size_t cap = sv->cap ? 2 * sv->cap : 16;
        char **grown = cap < SIZE_MAX / sizeof *grown
                           ? realloc(sv->v, cap * sizeof *grown)
                           : NULL;
        if (grown) {
            sv->v = grown;
            sv->cap = cap;
        } else {
            free(s);
            s = NULL;
        }
    }
    if (!s) {
        out_of_memory(c);
        return false;
    }
    sv->v[sv->n++] = s;
    return true;
}

static void strvec_clear(strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++) {
        free(sv->v[i]);
    }
    sv->n = 0;
}

static void strvec_free(strvec *sv)
{
    strvec_clear(sv);
    free(sv->v);
    sv->v = NULL;
    sv->cap = 0;
}

static char *dup_mem(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The text of s[0..*len) without leading and trailing spaces and tabs. */
static const char *trim(const char *s, size_t *len)
{
    while (*len > 0 && is_blank(s[0])) {
        s++;
        (*len)--;
    }
    while (*len > 0 && is_blank(s[*len - 1])) {
        (*len)--;
    }
    return s;
}

/* ---- canonical cells ---- */

/* Reports a cell value that is not allowed; `index` ("", "[2]", "[2][0]")
 * is its place inside the cell: part of `where` for JSON, whose places are
 * paths, and told in the message for CSV, whose places are lines.  Kept out
 * of line so that check_value's recursion carries no buffers. */
static void bad_value(parse_ctx *c, const cJSON *v, const char *where,
                      const char *column, const char *index) NG_NOINLINE;

static void bad_value(parse_ctx *c, const cJSON *v, const char *where,
                      const char *column, const char *index)
{
    char place[2 * WHERE_LEN], at[WHERE_LEN + 8], found[96];
    snprintf(place, sizeof place, "%s%s", where, c->json ? index : "");
    snprintf(at, sizeof at, "%s%s", !c->json && index[0] ? " at " : "",
             c->json ? "" : index);
    ng__json_describe(v, found, sizeof found);
    report(c, NG_ECONFIG, place, "expected %s in column \"%s\"%s, found %s",
           cJSON_IsNumber(v) ? "a finite number"
                             : "a number, string, true/false or array",
           column, at, found);
}

/* A cell value is a finite number, a string, true/false or an array of
 * those; reports the first offence.  index[0..used) is the place of v
 * inside the cell, extended in place on the way down. */
static bool check_value(parse_ctx *c, const cJSON *v, const char *where,
                        const char *column, char *index, size_t used)
{
    if ((cJSON_IsNumber(v) && !isfinite(v->valuedouble)) || cJSON_IsNull(v) ||
        cJSON_IsObject(v) || cJSON_IsInvalid(v) || cJSON_IsRaw(v)) {
        bad_value(c, v, where, column, index);
        return false;
    }
    int k = 0;
    for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e; e = e->next) {
        int w = snprintf(index + used, WHERE_LEN - used, "[%d]", k++);
        size_t next =
            w > 0 && (size_t)w < WHERE_LEN - used ? used + (size_t)w : used;
        if (!check_value(c, e, where, column, index, next)) {
            return false;
        }
        index[used] = '\0';
    }
    return true;
}

/* The canonical text of a checked value, in our own allocation (cells are
 * released with free, whatever allocator cJSON was built with). */
static char *print_value(parse_ctx *c, const cJSON *v, const char *where,
                         const char *column)
{
    char index[WHERE_LEN] = "";
    if (!check_value(c, v, where, column, index, 0)) {
        return NULL;
    }
    char *printed = cJSON_PrintUnformatted(v);
    char *cell = printed ? dup_mem(printed, strlen(printed)) : NULL;
    cJSON_free(printed);
    if (!cell) {
        out_of_memory(c);
    }
    return cell;
}

/* A CSV cell: its JSON value when the trimmed text is exactly one JSON
 * value, else the text as a JSON string. */
static char *csv_cell(parse_ctx *c, const char *text, size_t len,
                      const char *where, const char *column)
{
    const char *s = trim(text, &len);
    if (len == 0) {
        report(c, NG_ECONFIG, where,
               "expected a value in column \"%s\", found an empty cell",
               column);
        return NULL;
    }
    const char *end = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(s, len, &end, 0);
    if (v && end != s + len) {
        cJSON_Delete(v);
        v = NULL;
    }
    if (!v) {
        char *str = dup_mem(s, len);
        v = str ? cJSON_CreateString(str) : NULL;
        free(str);
    }
    if (!v) {
        out_of_memory(c);
        return NULL;
    }
    char *cell = print_value(c, v, where, column);
    cJSON_Delete(v);
    return cell;
}

/* ---- CSV ---- */

typedef struct csv_reader {
    const char *p, *end;
    size_t line; /* the line p is on, from 1 */
} csv_reader;

/* At a line end ("\n", "\r\n", a "\r" before the end of the text) or at the
 * end of the text. */
static bool at_line_end(const csv_reader *r)
{
    return r->p == r->end || r->p[0] == '\n' ||
           (r->p[0] == '\r' && (r->p + 1 == r->end || r->p[1] == '\n'));
}

/* Moves past the line end at_line_end found. */
static void skip_line_end(csv_reader *r)
{
    if (r->p < r->end && r->p[0] == '\r') {
        r->p++;
    }
    if (r->p < r->end && r->p[0] == '\n') {
        r->p++;
        r->line++;
    }
}

/* Skips lines that hold nothing but spaces and tabs. */
static void skip_blank_lines(csv_reader *r)
{
    for (;;) {
        csv_reader probe = *r;
        while (probe.p < probe.end && is_blank(*probe.p)) {
            probe.p++;
        }
        if (probe.p < probe.end && !at_line_end(&probe)) {
            return; /* a line with content: r stays at its start */
        }
        skip_line_end(&probe);
        *r = probe;
        if (r->p == r->end) {
            return;
        }
    }
}

/* Whether q (before end) is a closing double quote rather than the first
 * of a "" pair. */
static bool closing_quote(const char *q, const char *end)
{
    return q[0] == '"' && (q + 1 == end || q[1] != '"');
}

/* A double-quoted field from its opening quote: "" stands for one quote and
 * line ends inside belong to the field (RFC 4180).  The closing quote is
 * found first, so the field is allocated at its own size. */
static char *csv_quoted(parse_ctx *c, csv_reader *r)
{
    const char *q = ++r->p;
    size_t len = 0;
    for (; q < r->end && !closing_quote(q, r->end); len++) {
        q += q[0] == '"' ? 2 : 1;
    }
    if (q == r->end) {
        char where[WHERE_LEN];
        snprintf(where, sizeof where, "%s:%zu", c->source, r->line);
        report(c, NG_ECONFIG, where,
               "expected a closing double quote, found the end of the file");
        return NULL;
    }
    char *out = malloc(len + 1);
    if (!out) {
        out_of_memory(c);
        return NULL;
    }
    for (len = 0; r->p < q; r->p++) {
        r->line += r->p[0] == '\n';
        r->p += r->p[0] == '"'; /* the first of a "" pair */
        out[len++] = r->p[0];
    }
    out[len] = '\0';
    r->p = q + 1;
    return out;
}

/* One field and the separator after it; *last is set at the record's end.
 * Returns the field's text (untrimmed) or NULL after reporting. */
static char *csv_field(parse_ctx *c, csv_reader *r, bool *last)
{
    while (r->p < r->end && is_blank(*r->p)) {
        r->p++;
    }
    char *field;
    if (r->p < r->end && *r->p == '"') {
        field = csv_quoted(c, r);
        while (field && r->p < r->end && is_blank(*r->p)) {
            r->p++;
        }
        if (field && !at_line_end(r) && *r->p != ',') {
            char where[WHERE_LEN];
            snprintf(where, sizeof where, "%s:%zu", c->source, r->line);
            unsigned char ch = (unsigned char)*r->p;
            report(c, NG_ECONFIG, where,
                   ch > ' ' && ch < 127
                       ? "expected a comma or the end of the line after a "
                         "closing double quote, found '%c'"
                       : "expected a comma or the end of the line after a "
                         "closing double quote, found byte %#x",
                   ch);
            free(field);
            return NULL;
        }
    } else {
        const char *start = r->p;
        while (!at_line_end(r) && *r->p != ',') {
            r->p++;
        }
        field = dup_mem(start, (size_t)(r->p - start));
        if (!field) {
            out_of_memory(c);
        }
    }
    *last = at_line_end(r);
    r->p += field && !*last; /* the comma */
    return field;
}

/* One record (a non-blank line, or more when quotes hold line ends). */
static bool csv_record(parse_ctx *c, csv_reader *r, strvec *fields)
{
    strvec_clear(fields);
    for (bool last = false; !last;) {
        char *field = csv_field(c, r, &last);
        if (!field || !strvec_push(c, fields, field)) {
            return false;
        }
    }
    skip_line_end(r);
    return true;
}

/* ---- columns ---- */

static bool has_column(const strvec *header, const char *name, size_t len)
{
    for (size_t i = 0; i < header->n; i++) {
        if (strlen(header->v[i]) == len &&
            memcmp(header->v[i], name, len) == 0) {
            return true;
        }
    }
    return false;
}

/* Adds a column name, reporting an empty or repeated one; the name is kept
 * either way, so rows are still checked against the number of columns.
 * False only when out of memory. */
static bool add_column(parse_ctx *c, strvec *header, const char *name,
                       size_t len, const char *where)
{
    /* Columns are parameter paths: a few hundred at most.  The limit also
     * keeps the check for repeated names below (linear per name) small. */
    if (header->n >= NG_TABLE_MAX_COLUMNS) {
        report(c, NG_ECONFIG, where, "expected at most %d columns, found more",
               NG_TABLE_MAX_COLUMNS);
        return false;
    }
    if (len == 0) {
        report(c, NG_ECONFIG, where,
               "expected a column name, found an empty one");
    } else if (has_column(header, name, len)) {
        report(c, NG_ECONFIG, where,
               "expected each column name once, found \"%.*s\" again",
               (int)(len < 80 ? len : 80), name);
    }
    return strvec_push(c, header, dup_mem(name, len));
}

/* ---- CSV tables ---- */

/* The header line; false when it cannot be read past. */
static bool csv_header(parse_ctx *c, csv_reader *r, strvec *fields,
                       strvec *header)
{
    char where[WHERE_LEN];
    snprintf(where, sizeof where, "%s:%zu", c->source, r->line);
    if (!csv_record(c, r, fields)) {
        return false;
    }
    for (size_t j = 0; j < fields->n; j++) {
        size_t len = strlen(fields->v[j]);
        const char *name = trim(fields->v[j], &len);
        if (!add_column(c, header, name, len, where)) {
            return false;
        }
    }
    return true;
}

/* One data record: its cells are kept only while the table is sound (on
 * any error the table is dropped, but every row is still checked). */
static void csv_row(parse_ctx *c, const strvec *fields, const strvec *header,
                    size_t line, strvec *cells)
{
    char where[WHERE_LEN];
    snprintf(where, sizeof where, "%s:%zu", c->source, line);
    if (fields->n != header->n) {
        report(c, NG_ECONFIG, where,
               "expected %zu fields as in the header, found %zu", header->n,
               fields->n);
        return;
    }
    for (size_t j = 0; j < fields->n && c->rc != NG_ENOMEM; j++) {
        char *cell = csv_cell(c, fields->v[j], strlen(fields->v[j]), where,
                              header->v[j]);
        if (cell && c->rc == 0) {
            strvec_push(c, cells, cell);
        } else {
            free(cell);
        }
    }
}

static void parse_csv(parse_ctx *c, const char *text, size_t len,
                      strvec *header, strvec *cells, size_t *n_rows)
{
    csv_reader r = {text, text + len, 1};
    strvec fields = {NULL, 0, 0};
    skip_blank_lines(&r);
    if (r.p == r.end) {
        report(c, NG_ECONFIG, c->source,
               "expected a header line, found an empty file");
        return;
    }
    size_t header_line = r.line;
    bool readable = csv_header(c, &r, &fields, header);
    while (readable && c->rc != NG_ENOMEM) {
        skip_blank_lines(&r);
        if (r.p == r.end) {
            break;
        }
        size_t line = r.line;
        /* After a quoting error there is no telling where records start. */
        readable = csv_record(c, &r, &fields);
        if (readable) {
            csv_row(c, &fields, header, line, cells);
            (*n_rows)++;
        }
    }
    strvec_free(&fields);
    if (readable && *n_rows == 0) {
        char where[WHERE_LEN];
        snprintf(where, sizeof where, "%s:%zu", c->source, header_line);
        report(c, NG_ECONFIG, where,
               "expected at least one row, found only the header");
    }
}

/* ---- JSON tables ---- */

static void row_where(char *buf, const parse_ctx *c, size_t row,
                      const char *key)
{
    snprintf(buf, WHERE_LEN, "%s: rows[%zu]%s%s", c->source, row,
             key ? "." : "", key ? key : "");
}

/* The columns of the array-of-objects form sorted by name, so that each
 * key of a row is found in O(log n): rows of many keys are checked in time
 * linear in the file, not quadratic in the row. */
typedef struct named {
    const char *name;
    size_t j;
} named;

typedef struct column_index {
    const strvec *header;
    named *order; /* the columns sorted by name */
    /* Per column: the row that last used it (plus one) and its value. */
    size_t *seen;
    const cJSON **value;
} column_index;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static bool index_columns(parse_ctx *c, const strvec *header, column_index *ix)
{
    size_t n = header->n ? header->n : 1;
    ix->header = header;
    ix->order = malloc(n * sizeof *ix->order);
    ix->seen = calloc(n, sizeof *ix->seen);
    ix->value = calloc(n, sizeof *ix->value);
    if (!ix->order || !ix->seen || !ix->value) {
        out_of_memory(c);
        return false;
    }
    for (size_t j = 0; j < header->n; j++) {
        ix->order[j] = (named){header->v[j], j};
    }
    qsort(ix->order, header->n, sizeof *ix->order, by_name);
    return true;
}

static void index_free(column_index *ix)
{
    free(ix->order);
    free(ix->seen);
    free(ix->value);
}

/* The column named `name`, or SIZE_MAX. */
static size_t find_column(const column_index *ix, const char *name)
{
    size_t lo = 0, hi = ix->header->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(name, ix->order[mid].name);
        if (cmp == 0) {
            return ix->order[mid].j;
        }
        if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return SIZE_MAX;
}

/* The names of an object's members, for the columns/rows form's top
 * level, which allows only two: a repeated one is reported, and other
 * keys are reported by the caller as unknown. */
static void reject_repeated_top(parse_ctx *c, const cJSON *obj)
{
    bool columns = false, rows = false;
    for (const cJSON *e = obj->child; e; e = e->next) {
        bool *seen = strcmp(e->string, "columns") == 0 ? &columns
                     : strcmp(e->string, "rows") == 0  ? &rows
                                                       : NULL;
        if (seen && *seen) {
            char where[2 * WHERE_LEN];
            snprintf(where, sizeof where, "%s: %s", c->source, e->string);
            report(c, NG_ECONFIG, where,
                   "expected each key once, found it twice");
        }
        if (seen) {
            *seen = true;
        }
    }
}

/* The columns: the keys of the first row, in its order. */
static bool json_keys(parse_ctx *c, const cJSON *first, strvec *header)
{
    for (const cJSON *e = first->child; e; e = e->next) {
        char where[WHERE_LEN];
        row_where(where, c, 0, e->string);
        size_t len = strlen(e->string);
        /* A repeated key is reported by json_object_row. */
        if (!(len > 0 && has_column(header, e->string, len)) &&
            !add_column(c, header, e->string, len, where)) {
            return false;
        }
    }
    if (header->n == 0) {
        char where[WHERE_LEN];
        row_where(where, c, 0, NULL);
        report(c, NG_ECONFIG, where,
               "expected at least one column, found an empty object");
        return false;
    }
    return true;
}

/* Row i of the array-of-objects form: exactly the keys of the first row,
 * each once. */
static void json_object_row(parse_ctx *c, const cJSON *obj, size_t i,
                            column_index *ix, strvec *cells)
{
    char where[WHERE_LEN], found[96];
    row_where(where, c, i, NULL);
    if (!cJSON_IsObject(obj)) {
        ng__json_describe(obj, found, sizeof found);
        report(c, NG_ECONFIG, where, "expected an object (one row), found %s",
               found);
        return;
    }
    const strvec *header = ix->header;
    /* The first value of each column; later ones are repeats. */
    for (const cJSON *e = obj->child; e; e = e->next) {
        size_t j = find_column(ix, e->string);
        if (j == SIZE_MAX) {
            continue;
        }
        if (ix->seen[j] == i + 1) {
            char kwhere[WHERE_LEN];
            row_where(kwhere, c, i, e->string);
            report(c, NG_ECONFIG, kwhere,
                   "expected each key once, found it twice");
        } else {
            ix->seen[j] = i + 1;
            ix->value[j] = e;
        }
    }
    for (size_t j = 0; j < header->n && c->rc != NG_ENOMEM; j++) {
        if (ix->seen[j] != i + 1) {
            report(c, NG_ECONFIG, where,
                   "expected key \"%s\" as in rows[0], found none",
                   header->v[j]);
            continue;
        }
        char cwhere[WHERE_LEN];
        row_where(cwhere, c, i, header->v[j]);
        char *cell = print_value(c, ix->value[j], cwhere, header->v[j]);
        if (cell && c->rc == 0) {
            strvec_push(c, cells, cell);
        } else {
            free(cell);
        }
    }
    for (const cJSON *e = obj->child; e; e = e->next) {
        if (find_column(ix, e->string) == SIZE_MAX) {
            char kwhere[WHERE_LEN];
            row_where(kwhere, c, i, e->string);
            report(c, NG_ECONFIG, kwhere,
                   "expected only the keys of rows[0], found an extra key");
        }
    }
}

/* [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}] */
static void json_objects_form(parse_ctx *c, const cJSON *root, strvec *header,
                              strvec *cells, size_t *n_rows)
{
    const cJSON *first = root->child;
    if (!first) {
        report(c, NG_ECONFIG, c->source,
               "expected at least one row, found an empty array");
        return;
    }
    if (!cJSON_IsObject(first)) {
        char where[WHERE_LEN], found[96];
        row_where(where, c, 0, NULL);
        ng__json_describe(first, found, sizeof found);
        report(c, NG_ECONFIG, where, "expected an object (one row), found %s",
               found);
        return;
    }
    column_index ix = {0};
    if (!json_keys(c, first, header) || !index_columns(c, header, &ix)) {
        index_free(&ix);
        return;
    }
    size_t i = 0;
    for (const cJSON *e = first; e && c->rc != NG_ENOMEM; e = e->next) {
        json_object_row(c, e, i++, &ix, cells);
    }
    index_free(&ix);
    *n_rows = i;
}

/* The "columns" array of the columns/rows form. */
static bool json_columns(parse_ctx *c, const cJSON *cols, strvec *header)
{
    char where[WHERE_LEN], found[96];
    if (!cJSON_IsArray(cols) || !cols->child) {
        snprintf(where, sizeof where, "%s: columns", c->source);
        ng__json_describe(cols, found, sizeof found);
        report(c, NG_ECONFIG, where,
               "expected a non-empty array of column names, found %s",
               cols ? found : "none");
        return false;
    }
    size_t j = 0;
    for (const cJSON *e = cols->child; e; e = e->next, j++) {
        snprintf(where, sizeof where, "%s: columns[%zu]", c->source, j);
        bool ok;
        if (cJSON_IsString(e)) {
            const char *name = e->valuestring;
            ok = add_column(c, header, name, strlen(name), where);
        } else {
            ng__json_describe(e, found, sizeof found);
            report(c, NG_ECONFIG, where,
                   "expected a column name (a string), found %s", found);
            /* A stand-in, so rows are still checked for their length. */
            ok = strvec_push(c, header, dup_mem("", 0));
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* Row i of the columns/rows form: one value per column. */
static void json_array_row(parse_ctx *c, const cJSON *row, size_t i,
                           const strvec *header, strvec *cells)
{
    char where[WHERE_LEN], found[96];
    row_where(where, c, i, NULL);
    if (!cJSON_IsArray(row) || (size_t)cJSON_GetArraySize(row) != header->n) {
        ng__json_describe(row, found, sizeof found);
        report(c, NG_ECONFIG, where,
               "expected an array of %zu values (one per column), found %s",
               header->n, found);
        return;
    }
    size_t j = 0;
    for (const cJSON *v = row->child; v && c->rc != NG_ENOMEM; v = v->next) {
        row_where(where, c, i, header->v[j]);
        char *cell = print_value(c, v, where, header->v[j++]);
        if (cell && c->rc == 0) {
            strvec_push(c, cells, cell);
        } else {
            free(cell);
        }
    }
}

/* {"columns": ["a", "b"], "rows": [[1, "x"], [2, "y"]]} */
static void json_columns_form(parse_ctx *c, const cJSON *root, strvec *header,
                              strvec *cells, size_t *n_rows)
{
    char where[WHERE_LEN], found[96];
    reject_repeated_top(c, root);
    for (const cJSON *e = root->child; e; e = e->next) {
        if (strcmp(e->string, "columns") != 0 && strcmp(e->string, "rows")) {
            snprintf(where, sizeof where, "%s: %s", c->source, e->string);
            report(c, NG_ECONFIG, where,
                   "expected only \"columns\" and \"rows\", found an unknown "
                   "key");
        }
    }
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(root, "rows");
    if (!json_columns(c, cJSON_GetObjectItemCaseSensitive(root, "columns"),
                      header)) {
        return;
    }
    if (!cJSON_IsArray(rows) || !rows->child) {
        snprintf(where, sizeof where, "%s: rows", c->source);
        ng__json_describe(rows, found, sizeof found);
        report(c, NG_ECONFIG, where,
               "expected at least one row (an array of arrays), found %s",
               rows ? found : "none");
        return;
    }
    size_t i = 0;
    for (const cJSON *e = rows->child; e && c->rc != NG_ENOMEM; e = e->next) {
        json_array_row(c, e, i++, header, cells);
    }
    *n_rows = i;
}

/* 1-based line and column of `at` in text. */
static void locate(const char *text, const char *at, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at; p++) {
        *col = *p == '\n' ? 1 : *col + 1;
        *line += *p == '\n';
    }
}

static void syntax_error(parse_ctx *c, const char *text, const char *at,
                         const char *what)
{
    size_t line, col;
    locate(text, at, &line, &col);
    char where[WHERE_LEN];
    snprintf(where, sizeof where, "%s:%zu:%zu", c->source, line, col);
    report(c, NG_ECONFIG, where, "expected %s", what);
}

static void parse_json(parse_ctx *c, const char *text, size_t len,
                       strvec *header, strvec *cells, size_t *n_rows)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        syntax_error(c, text, end && end <= text + len ? end : text,
                     "valid JSON, found a syntax error");
        return;
    }
    while (end < text + len && strchr(" \t\r\n", *end)) {
        end++;
    }
    if (end < text + len) {
        syntax_error(c, text, end, "the end of the document, found more text");
    } else if (cJSON_IsArray(root)) {
        json_objects_form(c, root, header, cells, n_rows);
    } else {
        json_columns_form(c, root, header, cells, n_rows);
    }
    cJSON_Delete(root);
}

/* ---- entry points ---- */

int ng_table_parse(const char *text, size_t len, const char *source,
                   ng_table *t, ng_errors *errs)
{
    memset(t, 0, sizeof *t);
    parse_ctx c = {source ? source : "<input>", errs, false, 0};
    text = len ? text : "";
    if (len > TABLE_MAX_BYTES) {
        report(&c, NG_ECONFIG, c.source,
               "expected at most %d MB of text, found %zu bytes", TABLE_MAX_MB,
               len);
        return c.rc;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        syntax_error(&c, text, nul, "text, found a NUL byte");
        return c.rc;
    }
    /* Spreadsheets often start UTF-8 CSV with a byte order mark. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    size_t lead = 0;
    while (lead < len && strchr(" \t\r\n", text[lead])) {
        lead++;
    }
    strvec header = {NULL, 0, 0}, cells = {NULL, 0, 0};
    size_t n_rows = 0;
    c.json = lead < len && (text[lead] == '[' || text[lead] == '{');
    if (c.json) {
        parse_json(&c, text, len, &header, &cells, &n_rows);
    } else {
        parse_csv(&c, text, len, &header, &cells, &n_rows);
    }
    if (c.rc != 0) {
        strvec_free(&header);
        strvec_free(&cells);
        return c.rc;
    }
    t->n_cols = header.n;
    t->n_rows = n_rows;
    t->header = header.v;
    t->cells = cells.v;
    return 0;
}

void ng_table_free(ng_table *t)
{
    if (!t) {
        return;
    }
    for (size_t j = 0; t->header && j < t->n_cols; j++) {
        free(t->header[j]);
    }
    for (size_t i = 0; t->cells && i < t->n_rows * t->n_cols; i++) {
        free(t->cells[i]);
    }
    free(t->header);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* errno as text, without strerror's shared buffer. */
static int io_error(ng_errors *errs, const char *path, const char *what,
                    int errnum)
{
    char text[128];
    if (strerror_r(errnum, text, sizeof text) != 0) {
        snprintf(text, sizeof text, "error %d", errnum);
    }
    return ng_errors_add(errs, NG_EIO, path, "%s: %s", what, text);
}

static int too_big(ng_errors *errs, const char *path)
{
    return ng_errors_add(errs, NG_ECONFIG, path,
                         "expected a file of at most %d MB, found a larger one",
                         TABLE_MAX_MB);
}

/* Reads all of f, refusing more than TABLE_MAX_BYTES. */
static int slurp(FILE *f, const char *path, char **out, size_t *out_len,
                 ng_errors *errs)
{
    const size_t limit = TABLE_MAX_BYTES + 1;
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t next = cap ? 2 * cap : 65536;
            next = next < limit ? next : limit;
            char *grown = cap < limit ? realloc(text, next) : NULL;
            if (!grown) {
                free(text);
                return cap < limit ? ng_errors_add(errs, NG_ENOMEM, path,
                                                   "out of memory")
                                   : too_big(errs, path);
            }
            text = grown;
            cap = next;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        free(text);
        return io_error(errs, path, "cannot read", errno);
    }
    *out = text;
    *out_len = len;
    return 0;
}

int ng_table_read(const char *path, ng_table *t, ng_errors *errs)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return io_error(errs, path, "cannot open", errno);
    }
    /* A regular file's size is known up front: refuse before reading. */
    struct stat st;
    char *text = NULL;
    size_t len = 0;
    int rc = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
                     (uintmax_t)st.st_size > TABLE_MAX_BYTES
                 ? too_big(errs, path)
                 : slurp(f, path, &text, &len, errs);
    fclose(f);
    if (rc == 0) {
        rc = ng_table_parse(text, len, path, t, errs);
    }
    free(text);
    return rc;
}
