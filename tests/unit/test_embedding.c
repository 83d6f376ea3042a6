#define _POSIX_C_SOURCE 200809L /* mkdtemp, umask */
/* The library inside another program (and on the sweep runner's threads):
 *
 *  - GSL's default error handler aborts the process.  The library's entry
 *    points switch it off themselves, so a program need not know to; a
 *    handler the program installed itself stays.
 *  - Files are written with the permissions fopen would give, without the
 *    library touching the process umask, also from several threads at once.
 *  - Error messages name the system's reason as strerror would.
 *
 * Unlike every other unit test this program never switches GSL's handler
 * off (no unit_group_setup): each check starts from the handler the process
 * started with, so ctest runs the program once per entry point, named by
 * its argument (see CMakeLists.txt); without one it checks ng_model_alloc
 * and the file output.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_sf_log.h>

#include "io/error_internal.h"
#include "io/output_internal.h"
#include "netgov/experiment.h"
#include "netgov/sweep.h"
#include "unit_helpers.h"

/* ---- GSL's error handler ---- */

/* A GSL domain error: the default handler would abort right here. */
static void assert_gsl_error_returns(void)
{
    gsl_sf_result r;
    assert_int_equal(gsl_sf_log_e(-1.0, &r), GSL_EDOM);
}

/* The handler is still the process's initial one (NULL: GSL's default). */
static void assert_default_handler(void)
{
    assert_null(gsl_set_error_handler(NULL));
}

/* The handler is GSL's "off" handler: the one gsl_set_error_handler_off
 * installs, whose address the second of two calls returns. */
static void assert_handler_off(void)
{
    gsl_error_handler_t *left = gsl_set_error_handler_off();
    gsl_error_handler_t *off = gsl_set_error_handler_off();
    assert_non_null(left);
    assert_ptr_equal(left, off);
}

static void call_model_alloc(void)
{
    ng_config cfg;
    unit_config(&cfg);
    unit_add_founders(&cfg, 3, NULL);
    ng_model_free(unit_model_and_clear(&cfg));
}

static void call_stat_describe(void)
{
    const double x[] = {1, 2, 4};
    ng_stat st;
    ng_stat_describe(x, 3, 0.95, &st);
    assert_near(st.mean, 7.0 / 3, 1e-12);
}

static void call_sample_lhs(void)
{
    double u[4 * 2];
    assert_int_equal(ng_sample_lhs(4, 2, 1, u), 0);
}

static void call_sample_sobol(void)
{
    double u[4 * 2];
    assert_int_equal(ng_sample_sobol(4, 2, u), 0);
}

static void call_saltelli_design(void)
{
    double u[4 * (2 + 2) * 2];
    assert_int_equal(ng_saltelli_design(4, 2, u), 0);
}

static void call_sobol_indices(void)
{
    /* n = 4 rows of A, B and AB_1 (k = 1). */
    const double y[] = {1, 2, 3, 5, 2, 1, 4, 3, 1, 3, 2, 4};
    ng_sobol_index out[1];
    ng_error err = {0};
    assert_int_equal(ng_sobol_indices(y, 4, 1, 10, 0.9, 1, out, &err), 0);
}

static void call_morris_design(void)
{
    double u[2 * (2 + 1) * 2];
    assert_int_equal(ng_morris_design(2, 2, 4, 1, u), 0);
}

static void call_morris_effects(void)
{
    /* Two trajectories of one input, each one step of 2/3. */
    const double u[] = {0, 2.0 / 3, 1.0 / 3, 1};
    const double y[] = {0, 1, 0.5, 1.5};
    ng_morris_effect out[1];
    ng_error err = {0};
    assert_int_equal(ng_morris_effects(u, y, 2, 1, 10, 0.9, 1, out, &err), 0);
    assert_near(out[0].mu, 1.5, 1e-12);
}

static void ignore_line(void *ctx, size_t run, const char *line)
{
    (void)ctx;
    (void)run;
    (void)line;
}

static void call_sweep_run_threads(void)
{
    ng_config base;
    unit_config(&base);
    ng_design design = {0};
    ng_sweep s = {&base, &design, 1, 1, false, 0, NULL};
    ng_error err = {0};
    assert_int_equal(
        ng_sweep_run_threads(&s, NULL, 0, 2, ignore_line, NULL, NULL, &err), 0);
    ng_config_clear(&base);
}

typedef struct entry_point {
    const char *name;
    void (*call)(void);
} entry_point;

static const entry_point entry_points[] = {
    {"model", call_model_alloc},
    {"stat", call_stat_describe},
    {"lhs", call_sample_lhs},
    {"sobol", call_sample_sobol},
    {"saltelli", call_saltelli_design},
    {"sobol-indices", call_sobol_indices},
    {"morris-design", call_morris_design},
    {"morris-effects", call_morris_effects},
    {"sweep", call_sweep_run_threads},
};

/* The entry point this process checks (main's argument). */
static const entry_point *chosen;

/* A program that never heard of GSL's handler calls the entry point; GSL
 * errors are then returned, not fatal. */
static void test_entry_point_switches_the_handler_off(void **state)
{
    (void)state;
    assert_default_handler();
    chosen->call();
    assert_gsl_error_returns();
    chosen->call(); /* and again: nothing changes */
    assert_handler_off();
}

static int own_handler_calls;

static void own_handler(const char *reason, const char *file, int line,
                        int gsl_errno)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)gsl_errno;
    own_handler_calls++;
}

/* A program with a handler of its own keeps it. */
static void test_own_handler_is_kept(void **state)
{
    (void)state;
    assert_default_handler();
    gsl_set_error_handler(own_handler);
    call_model_alloc();
    call_stat_describe();
    gsl_error_handler_t *now = gsl_set_error_handler(own_handler);
    assert_true(now == own_handler);
    assert_gsl_error_returns();
    assert_int_equal(own_handler_calls, 1);
}

/* ---- files ---- */

/* The text written by the tests below. */
static char word[] = "x";

static int write_word(void *ctx, FILE *f, ng_error *err)
{
    (void)err;
    fputs(ctx, f);
    return 0;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Atomic writes create their files as fopen does: 0666 less the umask. */
static void test_written_files_get_fopen_permissions(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_embedding_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    const mode_t masks[] = {022, 027, 077, 002, 0};
    mode_t before = umask(022);
    for (size_t k = 0; k < sizeof masks / sizeof masks[0]; k++) {
        umask(masks[k]);
        char ours[256], theirs[256];
        snprintf(ours, sizeof ours, "%s/sub/ours-%zu.txt", dir, k);
        snprintf(theirs, sizeof theirs, "%s/theirs-%zu.txt", dir, k);
        ng_error err = {0};
        assert_int_equal(ng__write_atomic(ours, write_word, word, &err), 0);
        FILE *f = fopen(theirs, "w");
        assert_non_null(f);
        fclose(f);
        assert_int_equal(mode_of(ours), 0666 & ~masks[k]);
        assert_int_equal(mode_of(ours), mode_of(theirs));
        /* Writing never changes the umask. */
        assert_int_equal(umask(masks[k]), masks[k]);
        unlink(ours);
        unlink(theirs);
    }
    umask(before);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* The text of an errno value is strerror's, also for unknown values. */
static void test_errno_text_is_strerrors(void **state)
{
    (void)state;
    const int extra[] = {-1, 200, 4095, 99999};
    for (int e = 0; e < 140; e++) {
        char buf[NG_ERRNO_TEXT];
        assert_string_equal(ng__errno_text(e, buf), strerror(e));
    }
    for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++) {
        char buf[NG_ERRNO_TEXT];
        assert_string_equal(ng__errno_text(extra[k], buf), strerror(extra[k]));
    }
}

/* A write that cannot start says why, and leaves nothing behind. */
static void test_write_failure_names_the_reason(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_embedding_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[256], path[300];
    snprintf(file, sizeof file, "%s/plain", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/x.json", file);
    ng_error err = {0};
    assert_int_equal(ng__write_atomic(path, write_word, word, &err), NG_EIO);
    assert_string_equal(err.msg, "cannot create: Not a directory");

    /* Parents exist, but the folder cannot be written. */
    char locked[256];
    snprintf(locked, sizeof locked, "%s/locked", dir);
    assert_int_equal(mkdir(locked, 0555), 0);
    snprintf(path, sizeof path, "%s/x.json", locked);
    int rc = ng__write_atomic(path, write_word, word, &err);
    if (geteuid() != 0) { /* root writes anyway */
        assert_int_equal(rc, NG_EIO);
        assert_string_equal(err.msg, "cannot create: Permission denied");
    } else {
        assert_int_equal(rc, 0);
        unlink(path);
    }
    assert_int_equal(rmdir(locked), 0);
    unlink(file);
    assert_int_equal(rmdir(dir), 0);
}

#define WRITERS 4
#define WRITES 50

typedef struct writer {
    const char *dir;
    int id;
    int failures;
} writer;

/* Each writer writes its own file and, in turns with the others, a shared
 * one: temporaries beside the same target must not collide. */
static void *write_many(void *arg)
{
    writer *w = arg;
    char own[256], shared[256], text[16];
    snprintf(own, sizeof own, "%s/own-%d.txt", w->dir, w->id);
    snprintf(shared, sizeof shared, "%s/shared.txt", w->dir);
    snprintf(text, sizeof text, "w%d", w->id);
    for (int k = 0; k < WRITES; k++) {
        ng_error err = {0};
        w->failures += ng__write_atomic(own, write_word, text, &err) != 0;
        w->failures += ng__write_atomic(shared, write_word, text, &err) != 0;
    }
    return NULL;
}

static void test_threads_write_side_by_side(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng_embedding_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    pthread_t tid[WRITERS];
    writer w[WRITERS];
    for (int t = 0; t < WRITERS; t++) {
        w[t] = (writer){dir, t, 0};
        assert_int_equal(pthread_create(&tid[t], NULL, write_many, &w[t]), 0);
    }
    for (int t = 0; t < WRITERS; t++) {
        pthread_join(tid[t], NULL);
        assert_int_equal(w[t].failures, 0);
    }
    /* Only the targets are left: every temporary was renamed. */
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.') {
            continue;
        }
        assert_null(strstr(e->d_name, ".tmp."));
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
        files++;
    }
    closedir(d);
    assert_int_equal(files, WRITERS + 1);
    assert_int_equal(rmdir(dir), 0);
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "model";
    if (strcmp(name, "own-handler") == 0) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_own_handler_is_kept),
        };
        return cmocka_run_group_tests_name("embedding.own-handler", tests, NULL,
                                           NULL);
    }
    for (size_t k = 0; k < sizeof entry_points / sizeof entry_points[0]; k++) {
        if (strcmp(name, entry_points[k].name) == 0) {
            chosen = &entry_points[k];
        }
    }
    if (!chosen) {
        fprintf(stderr, "test_embedding: unknown entry point \"%s\"\n", name);
        return 2;
    }
    if (chosen != &entry_points[0]) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_entry_point_switches_the_handler_off),
        };
        return cmocka_run_group_tests_name("embedding", tests, NULL, NULL);
    }
    /* The handler test comes first: it needs the process's initial
     * handler.  The file tests need no fresh process: they run once, here. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entry_point_switches_the_handler_off),
        cmocka_unit_test(test_written_files_get_fopen_permissions),
        cmocka_unit_test(test_errno_text_is_strerrors),
        cmocka_unit_test(test_write_failure_names_the_reason),
        cmocka_unit_test(test_threads_write_side_by_side),
    };
    return cmocka_run_group_tests_name("embedding", tests, NULL, NULL);
}
