/* How the library writes files (sim/io/output_file.c): the writers report
 * a failed stream, several outputs are written all or none, symbolic links
 * are followed, directories refused, stale temporaries removed. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, symlink, readlink */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "io/output_internal.h"
#include "netgov/netgov.h"
#include "unit_helpers.h"

/* A stream whose every write fails (EPIPE: a pipe nobody reads, with
 * SIGPIPE ignored for the test). */
static FILE *failing_stream(void)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    FILE *f = fdopen(fds[1], "w");
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0); /* every write reaches the pipe */
    return f;
}

static ng_model *short_run(void)
{
    ng_config cfg;
    ng_config_init(&cfg);
    cfg.p.run_ticks = 5;
    ng_model *m = unit_model_and_clear(&cfg);
    ng_error err = {0};
    assert_int_equal(ng_model_run(m, &err), 0);
    return m;
}

/* Each writer says when its stream failed, rather than returning 0. */
static void test_writers_report_failed_streams(void **state)
{
    (void)state;
    ng_model *m = short_run();
    int (*writers[])(const ng_model *, FILE *, ng_error *) = {ng_output_json,
                                                              ng_output_csv};
    for (size_t k = 0; k < 2; k++) {
        FILE *f = failing_stream();
        ng_error err = {0};
        assert_int_equal(writers[k](m, f, &err), NG_EIO);
        assert_string_equal(err.msg, "write failed");
        fclose(f);
    }
    FILE *f = failing_stream();
    ng_error err = {0};
    assert_int_equal(ng_output_config(ng_model_config(m), f, &err), NG_EIO);
    fclose(f);

    f = failing_stream();
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "x", 1.5);
    assert_int_equal(ng__json_write(f, doc), -1);
    cJSON_Delete(doc);
    fclose(f);
    ng_model_free(m);
}

static int write_text(void *ctx, FILE *f, ng_error *err)
{
    fputs(ctx, f);
    return ng__stream_status(f, err);
}

static int write_nothing_and_fail(void *ctx, FILE *f, ng_error *err)
{
    (void)ctx;
    fputs("half", f);
    return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The file's text (up to 63 bytes), or "" when it cannot be read. */
static const char *text_of(const char *dir, const char *name)
{
    static char buf[64];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    return buf;
}

static bool exists(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    return lstat(path, &st) == 0;
}

static void remove_all(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A writer failing on the second output leaves the first untouched and
 * no temporary behind. */
static void test_sets_are_all_or_none(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_output_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    put(dir, "a.txt", "old a");
    put(dir, "b.txt", "old b");
    char a[300], b[300], new_a[] = "new a", new_b[] = "new b";
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/b.txt", dir);
    ng__output files[2] = {
        {.path = a, .write = write_text, .ctx = new_a},
        {.path = b, .write = write_nothing_and_fail, .ctx = NULL}};
    ng_error err = {0};
    assert_int_equal(ng__write_set(files, 2, &err), NG_ENOMEM);
    assert_string_equal(text_of(dir, "a.txt"), "old a");
    assert_string_equal(text_of(dir, "b.txt"), "old b");

    files[1].write = write_text;
    files[1].ctx = new_b;
    assert_int_equal(ng__write_set(files, 2, &err), 0);
    assert_string_equal(text_of(dir, "a.txt"), "new a");
    assert_string_equal(text_of(dir, "b.txt"), "new b");

    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp", dir);
    assert_int_not_equal(system(cmd), 0); /* no temporary left */
    remove_all(dir);
}

/* Links are written through and stay; directories are refused. */
static void test_links_and_directories(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_output_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char link[300], sub[300], path[300], via[] = "via link", x[] = "x";
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(symlink("target", link), 0);
    ng_error err = {0};
    assert_int_equal(ng__write_atomic(link, write_text, via, &err), 0);
    assert_string_equal(text_of(dir, "target"), "via link");
    char to[64];
    ssize_t n = readlink(link, to, sizeof to - 1);
    assert_int_equal(n, 6);

    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    assert_int_equal(ng__write_atomic(sub, write_text, x, &err), NG_EIO);
    assert_string_equal(err.msg, "expected a file to write, found a directory");

    /* A link whose target's folder is missing: folders are created only
     * for the path given, never where a link points. */
    snprintf(path, sizeof path, "%s/far", dir);
    assert_int_equal(symlink("nowhere/file", path), 0);
    assert_int_equal(ng__write_atomic(path, write_text, x, &err), NG_EIO);
    assert_false(exists(dir, "nowhere"));
    remove_all(dir);
}

/* Temporaries of a process that has ended are removed; a live process's
 * and other names are kept. */
static void test_stale_temporaries_are_removed(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_output_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        _exit(0);
    }
    assert_int_equal(waitpid(child, NULL, 0), child);
    char dead[64], dead2[64], live[64], other[64];
    snprintf(dead, sizeof dead, "out.json.tmp.%ld.0", (long)child);
    snprintf(dead2, sizeof dead2, "out.json.tmp.%ld.12", (long)child);
    snprintf(live, sizeof live, "out.json.tmp.%ld.0", (long)getppid());
    snprintf(other, sizeof other, "other.json.tmp.%ld.0", (long)child);
    const char *names[] = {dead, dead2, live, other};
    for (size_t k = 0; k < 4; k++) {
        put(dir, names[k], "partial");
    }
    char path[300], done[] = "done";
    snprintf(path, sizeof path, "%s/out.json", dir);
    ng_error err = {0};
    assert_int_equal(ng__write_atomic(path, write_text, done, &err), 0);
    assert_false(exists(dir, dead));
    assert_false(exists(dir, dead2));
    assert_true(exists(dir, live));
    assert_true(exists(dir, other));
    assert_string_equal(text_of(dir, "out.json"), "done");
    /* The folder was read once; writing the other target there removes
     * the leftover that reading found. */
    snprintf(path, sizeof path, "%s/other.json", dir);
    assert_int_equal(ng__write_atomic(path, write_text, done, &err), 0);
    assert_false(exists(dir, other));
    assert_true(exists(dir, live));
    remove_all(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writers_report_failed_streams),
        cmocka_unit_test(test_sets_are_all_or_none),
        cmocka_unit_test(test_links_and_directories),
        cmocka_unit_test(test_stale_temporaries_are_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
