#define _POSIX_C_SOURCE 200809L /* mkdtemp, ftruncate */
/* Unit tests of the design-table reader (experiment.h,
 * sim/experiment/table.c).
 *
 * Tables are parsed from strings (ng_table_parse) where the format is the
 * point, and read from files in a fresh temporary directory where the file
 * handling is: CRLF files, the size limit and unreadable paths.  Every cell
 * is checked as the exact canonical JSON text it must become, and every
 * error as its code, its place (file:line, or file: rows[i].column) and the
 * expected/found wording.
 */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netgov/experiment.h"
#include "unit_helpers.h"

/* ---- helpers ---- */

/* Parses text named "t.csv" or "t.json"; must succeed. */
static void parse_ok(const char *text, const char *source, ng_table *t)
{
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    int rc = ng_table_parse(text, strlen(text), source, t, &errs);
    if (rc != 0) {
        unit_print_errors(&errs);
        print_error("parse of %s failed\n", source);
        fail();
    }
    assert_int_equal(errs.n, 0);
}

/* Parses text, which must fail with NG_ECONFIG and an empty table. */
static void parse_bad(const char *text, const char *source, ng_errors *errs)
{
    ng_table t;
    memset(errs, 0, sizeof *errs);
    assert_int_equal(ng_table_parse(text, strlen(text), source, &t, errs),
                     NG_ECONFIG);
    assert_true(errs->n >= 1);
    assert_int_equal(t.n_rows, 0);
    assert_int_equal(t.n_cols, 0);
    assert_null(t.header);
    assert_null(t.cells);
    ng_table_free(&t);
}

/* Error k is NG_ECONFIG at exactly `where`, its message holding `what`. */
static void assert_error(const ng_errors *errs, size_t k, const char *where,
                         const char *what)
{
    assert_true(k < errs->n);
    assert_int_equal(errs->items[k].code, NG_ECONFIG);
    assert_string_equal(errs->items[k].where, where);
    assert_contains(errs->items[k].msg, what);
}

static void assert_one_error(const char *text, const char *source,
                             const char *where, const char *what)
{
    ng_errors errs;
    parse_bad(text, source, &errs);
    if (errs.n != 1) {
        unit_print_errors(&errs);
    }
    assert_int_equal(errs.n, 1);
    assert_error(&errs, 0, where, what);
}

static const char *cell(const ng_table *t, size_t row, size_t col)
{
    assert_true(row < t->n_rows && col < t->n_cols);
    return t->cells[row * t->n_cols + col];
}

static void assert_header(const ng_table *t, const char *const *names, size_t n)
{
    assert_int_equal(t->n_cols, n);
    for (size_t j = 0; j < n; j++) {
        assert_string_equal(t->header[j], names[j]);
    }
}

/* A fresh directory for files, removed with its files by tmp_cleanup. */
static void tmp_dir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/ng_table_XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* ---- CSV ---- */

static void test_table_csv_header_ids_and_canonical_cells(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("id,x,mode,flag\n"
             "1,0.10,nao,true\n"
             "2, 1e-1 ,\"nao\",false\n"
             "3,1.0,\"\"\"nao\"\"\",\"true\"\n",
             "t.csv", &t);
    const char *names[] = {"id", "x", "mode", "flag"};
    assert_header(&t, names, 4);
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(cell(&t, 0, 0), "1");
    assert_string_equal(cell(&t, 1, 0), "2");
    assert_string_equal(cell(&t, 2, 0), "3");
    /* 0.10, 1e-1 (trimmed) and 1.0 print as cJSON prints them. */
    assert_string_equal(cell(&t, 0, 1), "0.1");
    assert_string_equal(cell(&t, 1, 1), "0.1");
    assert_string_equal(cell(&t, 2, 1), "1");
    /* The bare word, the CSV-quoted word and the JSON string agree. */
    assert_string_equal(cell(&t, 0, 2), "\"nao\"");
    assert_string_equal(cell(&t, 1, 2), "\"nao\"");
    assert_string_equal(cell(&t, 2, 2), "\"nao\"");
    /* CSV quotes are CSV's: "true" in quotes is still the boolean. */
    assert_string_equal(cell(&t, 0, 3), "true");
    assert_string_equal(cell(&t, 1, 3), "false");
    assert_string_equal(cell(&t, 2, 3), "true");
    ng_table_free(&t);
    assert_null(t.cells);
    assert_int_equal(t.n_rows, 0);
}

static void test_table_csv_quoted_commas_and_quotes(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("name,note,n\n"
             "\"Smith, J\",\"say \"\"hi\"\"\",1\n"
             "  \"padded\"  ,plain text,\"2\"\n"
             "x,1.5abc,-0.25\n",
             "t.csv", &t);
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(cell(&t, 0, 0), "\"Smith, J\"");
    assert_string_equal(cell(&t, 0, 1), "\"say \\\"hi\\\"\"");
    assert_string_equal(cell(&t, 0, 2), "1");
    assert_string_equal(cell(&t, 1, 0), "\"padded\"");
    assert_string_equal(cell(&t, 1, 1), "\"plain text\"");
    assert_string_equal(cell(&t, 1, 2), "2");
    /* Text that only starts like a number is a string. */
    assert_string_equal(cell(&t, 2, 1), "\"1.5abc\"");
    assert_string_equal(cell(&t, 2, 2), "-0.25");
    ng_table_free(&t);
}

static void test_table_csv_vector_cells(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("id,interests,modes\n"
             "a,\"[0.1,0.2,0.3,0.4]\",\"[\"\"nao\"\", \"\"lead\"\"]\"\n"
             "b,\"[0.10, 2e-1, 0.30 ,0.4]\",\"[]\"\n",
             "t.csv", &t);
    assert_string_equal(cell(&t, 0, 1), "[0.1,0.2,0.3,0.4]");
    assert_string_equal(cell(&t, 1, 1), "[0.1,0.2,0.3,0.4]");
    assert_string_equal(cell(&t, 0, 2), "[\"nao\",\"lead\"]");
    assert_string_equal(cell(&t, 1, 2), "[]");
    ng_table_free(&t);
}

static void test_table_csv_crlf_blank_lines_and_bom(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("\xEF\xBB\xBF\r\n"
             "a , b\r\n"
             "\r\n"
             "1,2\r\n"
             "  \t \r\n"
             "3,\"x\r\ny\"\r\n"
             "\r\n",
             "t.csv", &t);
    const char *names[] = {"a", "b"};
    assert_header(&t, names, 2);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(cell(&t, 0, 0), "1");
    assert_string_equal(cell(&t, 0, 1), "2");
    assert_string_equal(cell(&t, 1, 0), "3");
    /* A line end inside quotes belongs to the field. */
    assert_string_equal(cell(&t, 1, 1), "\"x\\r\\ny\"");
    ng_table_free(&t);

    parse_ok("a,b\n5,6", "t.csv", &t); /* no final line end */
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(cell(&t, 0, 1), "6");
    ng_table_free(&t);
}

static void test_table_csv_ragged_row_names_line_and_counts(void **state)
{
    (void)state;
    assert_one_error("a,b,c\n1,2,3\n\n4,5\n", "t.csv", "t.csv:4",
                     "expected 3 fields as in the header, found 2");
    assert_one_error("a,b\n1,2,3\n", "t.csv", "t.csv:2",
                     "expected 2 fields as in the header, found 3");
    /* A record spanning lines moves the count on. */
    assert_one_error("a,b\n\"x\ny\",1\n3\n", "t.csv", "t.csv:4", "found 1");
}

static void test_table_csv_cell_errors(void **state)
{
    (void)state;
    assert_one_error("a,b\n1,\n", "t.csv", "t.csv:2",
                     "expected a value in column \"b\", found an empty cell");
    assert_one_error("a,b\n1,\"  \"\n", "t.csv", "t.csv:2",
                     "found an empty cell");
    assert_one_error("a\n1e999\n", "t.csv", "t.csv:2",
                     "expected a finite number in column \"a\", found inf");
    assert_one_error("a\nnull\n", "t.csv", "t.csv:2",
                     "expected a number, string, true/false or array in "
                     "column \"a\", found null");
    assert_one_error("a\n\"{\"\"k\"\": 1}\"\n", "t.csv", "t.csv:2",
                     "found an object");
    assert_one_error("a\n\"[1, null]\"\n", "t.csv", "t.csv:2",
                     "expected a number, string, true/false or array in "
                     "column \"a\" at [1], found null");
}

static void test_table_csv_header_errors(void **state)
{
    (void)state;
    assert_one_error("a,b,a\n1,2,3\n", "t.csv", "t.csv:1",
                     "expected each column name once, found \"a\" again");
    assert_one_error("a,,b\n1,2,3\n", "t.csv", "t.csv:1",
                     "expected a column name, found an empty one");
    assert_one_error("a,b\n\n  \n", "t.csv", "t.csv:1",
                     "expected at least one row, found only the header");
    assert_one_error("\n \n", "t.csv", "t.csv",
                     "expected a header line, found an empty file");
    assert_one_error("", "t.csv", "t.csv", "found an empty file");
}

static void test_table_csv_quoting_errors(void **state)
{
    (void)state;
    assert_one_error("a,b\n1,\"2\n3,4\n", "t.csv", "t.csv:2",
                     "expected a closing double quote, found the end of the "
                     "file");
    assert_one_error("a,b\n1,\"2\"x\n", "t.csv", "t.csv:2",
                     "expected a comma or the end of the line after a closing "
                     "double quote, found 'x'");

    /* A NUL byte (length given, so the text goes on past it). */
    ng_table t;
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_parse("a\n1\n\0\n", 6, "t.csv", &t, &errs),
                     NG_ECONFIG);
    assert_error(&errs, 0, "t.csv:3:1", "expected text, found a NUL byte");
}

/* Every problem is reported, not only the first; the table stays empty. */
static void test_table_csv_reports_every_error(void **state)
{
    (void)state;
    ng_errors errs;
    parse_bad("a,a\n1,2\n3\n4,\n5,6\n", "t.csv", &errs);
    assert_int_equal(errs.n, 3);
    assert_error(&errs, 0, "t.csv:1", "found \"a\" again");
    assert_error(&errs, 1, "t.csv:3", "found 1");
    assert_error(&errs, 2, "t.csv:4", "found an empty cell");

    ng_table t;
    assert_int_equal(ng_table_parse("a\n\n", 3, "t.csv", &t, NULL), NG_ECONFIG);
    assert_null(t.cells);
}

/* ---- JSON ---- */

static void test_table_json_array_of_objects(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("\n  [{\"x\": 0.10, \"mode\": \"nao\", \"v\": [0.1, 2e-1]},\n"
             "   {\"mode\": \"lead\", \"v\": [], \"x\": 2}]\n",
             "t.json", &t);
    const char *names[] = {"x", "mode", "v"};
    assert_header(&t, names, 3); /* the first row's key order */
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(cell(&t, 0, 0), "0.1");
    assert_string_equal(cell(&t, 0, 1), "\"nao\"");
    assert_string_equal(cell(&t, 0, 2), "[0.1,0.2]");
    assert_string_equal(cell(&t, 1, 0), "2");
    assert_string_equal(cell(&t, 1, 1), "\"lead\"");
    assert_string_equal(cell(&t, 1, 2), "[]");
    ng_table_free(&t);
}

static void test_table_json_columns_and_rows(void **state)
{
    (void)state;
    ng_table t;
    parse_ok("{\"columns\": [\"x\", \"governance.mode\"],\n"
             " \"rows\": [[0.5, \"nao\"], [1e0, \"shared\"], [true, \"l\"]]}",
             "t.json", &t);
    const char *names[] = {"x", "governance.mode"};
    assert_header(&t, names, 2);
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(cell(&t, 0, 0), "0.5");
    assert_string_equal(cell(&t, 1, 0), "1");
    assert_string_equal(cell(&t, 1, 1), "\"shared\"");
    assert_string_equal(cell(&t, 2, 0), "true");
    ng_table_free(&t);
}

static void test_table_json_key_set_errors_name_the_row(void **state)
{
    (void)state;
    assert_one_error("[{\"a\": 1, \"b\": 2}, {\"a\": 3}]", "t.json",
                     "t.json: rows[1]",
                     "expected key \"b\" as in rows[0], found none");
    assert_one_error("[{\"a\": 1}, {\"a\": 3}, {\"a\": 4, \"c\": 5}]", "t.json",
                     "t.json: rows[2].c",
                     "expected only the keys of rows[0], found an extra key");
    assert_one_error("[{\"a\": 1}, 7]", "t.json", "t.json: rows[1]",
                     "expected an object (one row), found 7");
    assert_one_error("[{}]", "t.json", "t.json: rows[0]",
                     "expected at least one column, found an empty object");
}

static void test_table_json_cell_errors(void **state)
{
    (void)state;
    assert_one_error("[{\"a\": 1, \"b\": \"x\"}, {\"a\": null, \"b\": \"y\"}]",
                     "t.json", "t.json: rows[1].a",
                     "expected a number, string, true/false or array in "
                     "column \"a\", found null");
    assert_one_error("[{\"a\": {\"k\": 1}}]", "t.json", "t.json: rows[0].a",
                     "found an object");
    assert_one_error("[{\"a\": [1, [2, null]]}]", "t.json",
                     "t.json: rows[0].a[1][1]", "found null");
    assert_one_error("[{\"a\": [[1, 2], [3, null]]}]", "t.json",
                     "t.json: rows[0].a[1][1]", "found null");
    assert_one_error("[{\"a\": 1e400}]", "t.json", "t.json: rows[0].a",
                     "expected a finite number");
    assert_one_error("{\"columns\": [\"a\"], \"rows\": [[1], [null]]}",
                     "t.json", "t.json: rows[1].a", "found null");
}

static void test_table_json_duplicate_keys(void **state)
{
    (void)state;
    assert_one_error("[{\"a\": 1, \"b\": 2, \"a\": 3}]", "t.json",
                     "t.json: rows[0].a",
                     "expected each key once, found it twice");
    assert_one_error("[{\"a\": 1}, {\"a\": 2, \"a\": 2}]", "t.json",
                     "t.json: rows[1].a", "found it twice");
    assert_one_error("{\"columns\": [\"a\", \"a\"], \"rows\": [[1, 2]]}",
                     "t.json", "t.json: columns[1]",
                     "expected each column name once, found \"a\" again");
    assert_one_error("{\"columns\": [\"a\"], \"rows\": [[1]], \"rows\": []}",
                     "t.json", "t.json: rows", "found it twice");
}

static void test_table_json_shape_errors(void **state)
{
    (void)state;
    assert_one_error("{\"columns\": [\"a\", \"b\"], \"rows\": [[1, 2], [3]]}",
                     "t.json", "t.json: rows[1]",
                     "expected an array of 2 values (one per column), found "
                     "an array of 1");
    assert_one_error("{\"columns\": [\"a\"], \"rows\": []}", "t.json",
                     "t.json: rows", "expected at least one row");
    assert_one_error("{\"rows\": [[1]]}", "t.json", "t.json: columns",
                     "expected a non-empty array of column names, found none");
    assert_one_error("{\"columns\": [\"a\", 3], \"rows\": [[1, 2]]}", "t.json",
                     "t.json: columns[1]",
                     "expected a column name (a string), found 3");
    assert_one_error("{\"columns\": [\"a\"], \"rows\": [[1]], \"extra\": 1}",
                     "t.json", "t.json: extra",
                     "expected only \"columns\" and \"rows\", found an "
                     "unknown key");
    assert_one_error("[]", "t.json", "t.json",
                     "expected at least one row, found an empty array");
}

static void test_table_json_syntax_errors_name_line_and_column(void **state)
{
    (void)state;
    assert_one_error("[{\"a\": 1},\n {\"a\": }]", "t.json", "t.json:2:8",
                     "expected valid JSON, found a syntax error");
    assert_one_error("[{\"a\": 1}]\n  x", "t.json", "t.json:2:3",
                     "expected the end of the document, found more text");
}

/* ---- files ---- */

static void test_table_reads_csv_and_json_files(void **state)
{
    (void)state;
    char dir[64], csv[96], json[96];
    tmp_dir(dir, sizeof dir);
    snprintf(csv, sizeof csv, "%s/design.csv", dir);
    snprintf(json, sizeof json, "%s/design.json", dir);
    write_file(csv, "run,x\r\n1,\"0.250\"\r\n2,nao\r\n");
    write_file(json,
               "[{\"run\": 1, \"x\": 0.25}, {\"run\": 2, \"x\": \"nao\"}]");
    ng_table a, b;
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_read(csv, &a, &errs), 0);
    assert_int_equal(ng_table_read(json, &b, &errs), 0);
    assert_int_equal(errs.n, 0);
    /* The two files describe the same table. */
    assert_int_equal(a.n_rows, 2);
    assert_int_equal(b.n_rows, 2);
    for (size_t j = 0; j < 2; j++) {
        assert_string_equal(a.header[j], b.header[j]);
    }
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(a.cells[i], b.cells[i]);
    }
    assert_string_equal(a.cells[1], "0.25");
    assert_string_equal(a.cells[3], "\"nao\"");
    ng_table_free(&a);
    ng_table_free(&b);

    /* Errors name the file as it was given. */
    write_file(csv, "run,x\n1\n");
    char where[128];
    snprintf(where, sizeof where, "%s:2", csv);
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_read(csv, &a, &errs), NG_ECONFIG);
    assert_error(&errs, 0, where, "found 1");
    assert_int_equal(remove(csv), 0);
    assert_int_equal(remove(json), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_table_unreadable_files_are_io_errors(void **state)
{
    (void)state;
    char dir[64], missing[96];
    tmp_dir(dir, sizeof dir);
    snprintf(missing, sizeof missing, "%s/none.csv", dir);
    ng_table t;
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_read(missing, &t, &errs), NG_EIO);
    assert_int_equal(errs.items[0].code, NG_EIO);
    assert_string_equal(errs.items[0].where, missing);
    assert_contains(errs.items[0].msg, "cannot open");
    assert_null(t.cells);
    /* A directory opens but cannot be read. */
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_read(dir, &t, &errs), NG_EIO);
    assert_contains(errs.items[0].msg, "cannot read");
    assert_int_equal(rmdir(dir), 0);
}

static void test_table_refuses_files_over_256_mb(void **state)
{
    (void)state;
    char dir[64], big[96];
    tmp_dir(dir, sizeof dir);
    snprintf(big, sizeof big, "%s/big.csv", dir);
    write_file(big, "a\n1\n");
    /* A sparse file: refused from its size, before any reading. */
    assert_int_equal(truncate(big, (off_t)257 << 20), 0);
    ng_table t;
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_read(big, &t, &errs), NG_ECONFIG);
    assert_string_equal(errs.items[0].where, big);
    assert_contains(errs.items[0].msg,
                    "expected a file of at most 256 MB, found a larger one");
    assert_null(t.cells);
    assert_int_equal(remove(big), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* ---- limits ---- */

/* A growable text for generated tables. */
typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *s)
{
    size_t len = strlen(s);
    if (t->n + len + 1 > t->cap) {
        t->cap = 2 * (t->n + len + 1);
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->n, s, len + 1);
    t->n += len;
}

static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static void test_table_refuses_more_than_1000_columns(void **state)
{
    (void)state;
    for (int form = 0; form < 3; form++) {
        for (int cols = 1000; cols <= 1001; cols++) {
            text t = {0};
            char name[32];
            put(&t, form == 0 ? "" : form == 1 ? "[{" : "{\"columns\": [");
            for (int j = 0; j < cols; j++) {
                snprintf(name, sizeof name,
                         form == 0   ? "%sc%d"
                         : form == 1 ? "%s\"c%d\": 1"
                                     : "%s\"c%d\"",
                         j ? ", " : "", j);
                put(&t, name);
            }
            put(&t, form == 0 ? "\n" : form == 1 ? "}]" : "], \"rows\": [[");
            for (int j = 0; form != 1 && j < cols; j++) {
                put(&t, j ? ",1" : "1");
            }
            put(&t, form == 2 ? "]]}" : "\n");
            ng_table tab;
            ng_errors errs;
            memset(&errs, 0, sizeof errs);
            const char *source = form ? "t.json" : "t.csv";
            int rc = ng_table_parse(t.s, t.n, source, &tab, &errs);
            if (cols == 1000) {
                if (rc) {
                    unit_print_errors(&errs);
                }
                assert_int_equal(rc, 0);
                assert_int_equal(tab.n_cols, 1000);
                assert_int_equal(tab.n_rows, 1);
            } else {
                assert_int_equal(rc, NG_ECONFIG);
                assert_int_equal(errs.n, 1);
                assert_contains(errs.items[0].msg,
                                "expected at most 1000 columns, found more");
                assert_null(tab.cells);
            }
            ng_table_free(&tab);
            free(t.s);
        }
    }
}

/* Keys of a row beyond the columns, and keys of the columns/rows form's
 * top level, are reported without comparing every pair of them: 200,000
 * keys took minutes (2 * 10^10 comparisons), now a fraction of a second. */
static void test_table_rows_of_many_keys_take_linear_time(void **state)
{
    (void)state;
    for (int form = 0; form < 2; form++) {
        text t = {0};
        put(&t, form == 0 ? "[{\"a\": 1}, {\"a\": 2"
                          : "{\"columns\": [\"a\"], "
                            "\"rows\": [[1]]");
        char key[32];
        for (int j = 0; j < 200000; j++) {
            snprintf(key, sizeof key, ", \"k%d\": 1", j);
            put(&t, key);
        }
        put(&t, form == 0 ? "}]" : "}");
        ng_table tab;
        ng_errors errs;
        memset(&errs, 0, sizeof errs);
        double t0 = cpu_seconds();
        assert_int_equal(ng_table_parse(t.s, t.n, "t.json", &tab, &errs),
                         NG_ECONFIG);
        double cpu = cpu_seconds() - t0;
        print_message("200000 keys (%s): %.3f s CPU\n",
                      form ? "top level" : "row", cpu);
        assert_true(cpu < 5.0);
        assert_int_equal(errs.n, NG_MAX_ERRORS);
        assert_int_equal(errs.dropped, 200000 - NG_MAX_ERRORS);
        assert_string_equal(errs.items[0].where,
                            form ? "t.json: k0" : "t.json: rows[1].k0");
        ng_table_free(&tab);
        free(t.s);
    }
    /* A repeated column key among many is still found, in its row. */
    text t = {0};
    put(&t, "[{\"a\": 1, \"b\": 2}, {\"b\": 3, \"a\": 4, \"b\": 5}]");
    ng_errors errs;
    ng_table tab;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_table_parse(t.s, t.n, "t.json", &tab, &errs),
                     NG_ECONFIG);
    assert_int_equal(errs.n, 1);
    assert_error(&errs, 0, "t.json: rows[1].b",
                 "expected each key once, found it twice");
    free(t.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_csv_header_ids_and_canonical_cells),
        cmocka_unit_test(test_table_csv_quoted_commas_and_quotes),
        cmocka_unit_test(test_table_csv_vector_cells),
        cmocka_unit_test(test_table_csv_crlf_blank_lines_and_bom),
        cmocka_unit_test(test_table_csv_ragged_row_names_line_and_counts),
        cmocka_unit_test(test_table_csv_cell_errors),
        cmocka_unit_test(test_table_csv_header_errors),
        cmocka_unit_test(test_table_csv_quoting_errors),
        cmocka_unit_test(test_table_csv_reports_every_error),
        cmocka_unit_test(test_table_json_array_of_objects),
        cmocka_unit_test(test_table_json_columns_and_rows),
        cmocka_unit_test(test_table_json_key_set_errors_name_the_row),
        cmocka_unit_test(test_table_json_cell_errors),
        cmocka_unit_test(test_table_json_duplicate_keys),
        cmocka_unit_test(test_table_json_shape_errors),
        cmocka_unit_test(test_table_json_syntax_errors_name_line_and_column),
        cmocka_unit_test(test_table_reads_csv_and_json_files),
        cmocka_unit_test(test_table_unreadable_files_are_io_errors),
        cmocka_unit_test(test_table_refuses_files_over_256_mb),
        cmocka_unit_test(test_table_refuses_more_than_1000_columns),
        cmocka_unit_test(test_table_rows_of_many_keys_take_linear_time),
    };
    return cmocka_run_group_tests_name("table", tests, unit_group_setup, NULL);
}
