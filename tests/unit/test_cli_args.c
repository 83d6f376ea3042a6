#define _POSIX_C_SOURCE 200809L /* dup, dup2, fileno */
/* Unit tests of the command-line parser of the CLI (cli_parse and
 * cli_print_usage in sim/cli/common.c).
 *
 * A made-up command "demo" declares one option of every kind: a text with
 * a short alias, a flag, a repeatable list with a shorthand that writes a
 * prefix, a value with its own reader, a required option.  Each test runs
 * cli_parse on a command line with standard error (and standard output for
 * --help) captured, and checks the fields filled, the status and the exact
 * wording of the usage error.
 */
#include <unistd.h>

#include "cli/cli.h"
#include "unit_helpers.h"

/* common.c also loads presets; the parser needs none. */
const cli_preset cli_presets[] = {{NULL, NULL, 0}};

typedef struct demo_args {
    const char *input, *out, *name;
    cli_list sets;
    int threads;
    bool quiet;
} demo_args;

#define ARG(f) offsetof(demo_args, f)

static const cli_option demo_options[] = {
    {.name = "--out",
     .alias = 'o',
     .value = "FILE",
     .field = ARG(out),
     .help = "where to write"},
    {.name = "--set",
     .value = "path=value",
     .field = ARG(sets),
     .repeat = true,
     .help = "an override"},
    {.name = "--seed",
     .value = "N",
     .field = ARG(sets),
     .repeat = true,
     .prefix = "run.seed=",
     .help = "the same as --set run.seed=N"},
    {.alias = 'j',
     .value = "N",
     .field = ARG(threads),
     .read = cli_read_threads,
     .expects = "1 to 1024 threads",
     .help = "threads"},
    {.name = "--quiet", .alias = 'q', .field = ARG(quiet), .help = "quiet"},
    {0},
};

static const cli_command demo = {
    .name = "demo",
    .summary = "A command of the tests.",
    .options = demo_options,
    .input = {.name = "CONFIG",
              .count = CLI_OPTIONAL,
              .field = ARG(input),
              .what = "config file",
              .help = "a config"},
};

typedef struct many_args {
    const char *name;
    cli_strings dirs;
} many_args;

static const cli_option many_options[] = {
    {.name = "--name",
     .value = "NAME",
     .field = offsetof(many_args, name),
     .required = true,
     .help = "a name"},
    {0},
};

static const cli_command many = {
    .name = "many",
    .summary = "Takes one or more folders.",
    .options = many_options,
    .input = {.name = "DIR",
              .count = CLI_ONE_OR_MORE,
              .field = offsetof(many_args, dirs),
              .what = "folders",
              .help = "a folder"},
};

static const cli_option no_options[] = {{0}};

static const cli_command bare = {
    .name = "bare",
    .summary = "Takes nothing.",
    .options = no_options,
    .help = "usage: netgov bare\nhand-written help\n",
};

/* ---- running the parser ---- */

enum { MAX_WORDS = 2 * CLI_MAX_REPEAT + 8, MAX_OUT = 8192 };

static char words[MAX_WORDS][64];
static char *argv_[MAX_WORDS];
static char err_text[MAX_OUT], out_text[MAX_OUT];

/* Sends what is written to stream to a temporary file until restore,
 * which reads it into text. */
static int redirect(FILE *stream, FILE **tmp)
{
    fflush(stream);
    int saved = dup(fileno(stream));
    *tmp = tmpfile();
    assert_non_null(*tmp);
    dup2(fileno(*tmp), fileno(stream));
    return saved;
}

static void restore(FILE *stream, int saved, FILE *tmp, char *text)
{
    fflush(stream);
    dup2(saved, fileno(stream));
    close(saved);
    rewind(tmp);
    size_t n = fread(text, 1, MAX_OUT - 1, tmp);
    text[n] = '\0';
    fclose(tmp);
}

/* cli_parse on the command name followed by the NULL-terminated list. */
static int parse(const cli_command *c, void *args, const char *const *list)
{
    int argc = 0;
    snprintf(words[argc], sizeof words[0], "%s", c->name);
    argv_[argc] = words[argc];
    for (argc = 1; list[argc - 1]; argc++) {
        snprintf(words[argc], sizeof words[0], "%s", list[argc - 1]);
        argv_[argc] = words[argc];
    }
    FILE *err, *out;
    int saved_err = redirect(stderr, &err);
    int saved_out = redirect(stdout, &out);
    int code = cli_parse(c, argc, argv_, args);
    restore(stdout, saved_out, out, out_text);
    restore(stderr, saved_err, err, err_text);
    return code;
}

static int parse_demo(demo_args *a, const char *const *list)
{
    memset(a, 0, sizeof *a);
    a->threads = 1;
    return parse(&demo, a, list);
}

/* A usage error: exit status 2, nothing on standard output, and on
 * standard error the message, the usage line and the hint. */
static void assert_usage_error(const cli_command *c, int code,
                               const char *message)
{
    char first[256], usage[64], hint[64];
    snprintf(first, sizeof first, "netgov: %s: %s\n", c->name, message);
    snprintf(usage, sizeof usage, "\nusage: netgov %s", c->name);
    snprintf(hint, sizeof hint, "(try netgov %s --help)\n", c->name);
    assert_int_equal(code, CLI_USAGE);
    assert_string_equal(out_text, "");
    assert_true(strncmp(err_text, first, strlen(first)) == 0);
    assert_contains(err_text, usage);
    assert_contains(err_text, hint);
}

/* ---- values ---- */

static void test_cli_args_every_kind_of_option(void **state)
{
    (void)state;
    demo_args a;
    const char *const line[] = {"--seed", "7",  "-q", "--set",
                                "a.b=1",  "-o", "-",  "c.json",
                                "-j",     "3",  NULL};
    assert_int_equal(parse_demo(&a, line), CLI_CONTINUE);
    assert_string_equal(err_text, "");
    assert_string_equal(a.input, "c.json");
    assert_string_equal(a.out, "-");
    assert_true(a.quiet);
    assert_int_equal(a.threads, 3);
    assert_int_equal(a.sets.n, 2);
    char buf[64];
    assert_string_equal(cli_list_text(&a.sets, 0, buf, sizeof buf),
                        "run.seed=7");
    assert_string_equal(cli_list_text(&a.sets, 1, buf, sizeof buf), "a.b=1");
}

static void test_cli_args_defaults_stay_when_absent(void **state)
{
    (void)state;
    demo_args a;
    const char *const line[] = {NULL};
    assert_int_equal(parse_demo(&a, line), CLI_CONTINUE);
    assert_null(a.input);
    assert_null(a.out);
    assert_false(a.quiet);
    assert_int_equal(a.threads, 1);
    assert_int_equal(a.sets.n, 0);
}

/* --seed N is --set run.seed=N where it stands: the last one wins. */
static void test_cli_args_shorthand_keeps_its_place(void **state)
{
    (void)state;
    demo_args a;
    const char *const line[] = {"--set",  "run.seed=1", "--seed",
                                "2",      "--set",      "run.seed=3",
                                "--seed", "4",          NULL};
    assert_int_equal(parse_demo(&a, line), CLI_CONTINUE);
    const char *want[] = {"run.seed=1", "run.seed=2", "run.seed=3",
                          "run.seed=4"};
    assert_int_equal(a.sets.n, 4);
    for (size_t k = 0; k < 4; k++) {
        char buf[64];
        assert_string_equal(cli_list_text(&a.sets, k, buf, sizeof buf),
                            want[k]);
    }
}

/* A value is the next argument whatever it looks like; "-" alone is a
 * positional argument. */
static void test_cli_args_values_that_look_like_options(void **state)
{
    (void)state;
    demo_args a;
    const char *const line[] = {"--out", "--quiet", "-", NULL};
    assert_int_equal(parse_demo(&a, line), CLI_CONTINUE);
    assert_string_equal(a.out, "--quiet");
    assert_false(a.quiet);
    assert_string_equal(a.input, "-");
}

/* ---- usage errors ---- */

static void test_cli_args_unknown_options(void **state)
{
    (void)state;
    demo_args a;
    const char *const bogus[] = {"--bogus", NULL};
    assert_usage_error(&demo, parse_demo(&a, bogus), "unknown option --bogus");
    const char *const joined[] = {"--out=x", NULL};
    assert_usage_error(&demo, parse_demo(&a, joined), "unknown option --out=x");
    const char *const bundled[] = {"-qj", "2", NULL};
    assert_usage_error(&demo, parse_demo(&a, bundled), "unknown option -qj");
}

static void test_cli_args_missing_values(void **state)
{
    (void)state;
    demo_args a;
    const char *const at_end[] = {"c.json", "--out", NULL};
    assert_usage_error(&demo, parse_demo(&a, at_end),
                       "missing value after --out");
    const char *const empty[] = {"-o", "", "c.json", NULL};
    assert_usage_error(&demo, parse_demo(&a, empty), "missing value after -o");
}

static void test_cli_args_repeated_options(void **state)
{
    (void)state;
    demo_args a;
    const char *const twice[] = {"--out", "a", "--out", "b", NULL};
    assert_usage_error(&demo, parse_demo(&a, twice), "--out given twice");
    const char *const alias[] = {"-o", "a", "--out", "b", NULL};
    assert_usage_error(&demo, parse_demo(&a, alias), "--out given twice");
    const char *const threads[] = {"-j", "1", "-j", "2", NULL};
    assert_usage_error(&demo, parse_demo(&a, threads), "-j given twice");
}

/* A flag given twice is still the flag. */
static void test_cli_args_repeated_flag(void **state)
{
    (void)state;
    demo_args a;
    const char *const line[] = {"--quiet", "-q", NULL};
    assert_int_equal(parse_demo(&a, line), CLI_CONTINUE);
    assert_true(a.quiet);
}

static void test_cli_args_reader_rejects(void **state)
{
    (void)state;
    demo_args a;
    const char *const bad[] = {"-j", "0", NULL};
    assert_usage_error(&demo, parse_demo(&a, bad),
                       "-j expects 1 to 1024 threads, found 0");
    const char *const text[] = {"-j", "2x", NULL};
    assert_usage_error(&demo, parse_demo(&a, text),
                       "-j expects 1 to 1024 threads, found 2x");
}

static void test_cli_args_too_many_values(void **state)
{
    (void)state;
    static const char *line[2 * CLI_MAX_REPEAT + 3];
    for (size_t k = 0; k <= CLI_MAX_REPEAT; k++) {
        line[2 * k] = "--set";
        line[2 * k + 1] = "a=1";
    }
    line[2 * CLI_MAX_REPEAT + 2] = NULL;
    demo_args a;
    assert_usage_error(&demo, parse_demo(&a, line),
                       "too many options at --set");
}

/* ---- positional arguments ---- */

static void test_cli_args_positional_counts(void **state)
{
    (void)state;
    demo_args a;
    const char *const two[] = {"a.json", "b.json", NULL};
    assert_usage_error(&demo, parse_demo(&a, two),
                       "more than one config file: b.json");
    const char *const extra[] = {"x", NULL};
    assert_usage_error(&bare, parse(&bare, NULL, extra),
                       "unexpected argument x");
}

/* The folders keep their order around the options between them. */
static void test_cli_args_one_or_more(void **state)
{
    (void)state;
    many_args a = {0};
    const char *const line[] = {"a", "--name", "n", "b", "c", NULL};
    assert_int_equal(parse(&many, &a, line), CLI_CONTINUE);
    assert_string_equal(a.name, "n");
    assert_int_equal(a.dirs.n, 3);
    assert_string_equal(a.dirs.v[0], "a");
    assert_string_equal(a.dirs.v[1], "b");
    assert_string_equal(a.dirs.v[2], "c");
    const char *const none[] = {"--name", "n", NULL};
    assert_usage_error(&many, parse(&many, &a, none),
                       "missing the folders (DIR)");
    const char *const unnamed[] = {"a", NULL};
    assert_usage_error(&many, parse(&many, &a, unnamed),
                       "expected --name NAME");
}

/* ---- usage and help ---- */

static void test_cli_args_help(void **state)
{
    (void)state;
    many_args m = {0};
    const char *const help[] = {"--help", NULL};
    /* A required argument may be left out when asking for help. */
    assert_int_equal(parse(&many, &m, help), CLI_OK);
    assert_string_equal(err_text, "");
    assert_true(
        strncmp(out_text, "usage: netgov many DIR... --name NAME\n", 38) == 0);
    assert_contains(out_text, "Takes one or more folders.");
    assert_contains(out_text, "  --name NAME");
    assert_contains(out_text, "  -h, --help");
    const char *const h[] = {"-h", NULL};
    assert_int_equal(parse(&bare, NULL, h), CLI_OK);
    assert_string_equal(out_text, "usage: netgov bare\nhand-written help\n");
    /* A usage error wins over --help. */
    demo_args a;
    const char *const both[] = {"--help", "--bogus", NULL};
    assert_usage_error(&demo, parse_demo(&a, both), "unknown option --bogus");
}

static void test_cli_args_usage_line(void **state)
{
    (void)state;
    demo_args a;
    const char *const bogus[] = {"--bogus", NULL};
    parse_demo(&a, bogus);
    assert_contains(err_text,
                    "usage: netgov demo [CONFIG] [-o|--out FILE] "
                    "[--set path=value ...]\n"
                    "                   [--seed N ...] [-j N] [-q|--quiet]\n");
    /* No line of the usage or the help is wider than 79 columns. */
    const char *const help[] = {"--help", NULL};
    parse_demo(&a, help);
    for (const char *text = out_text; *text;) {
        const char *nl = strchr(text, '\n');
        assert_non_null(nl);
        assert_true(nl - text <= 79);
        text = nl + 1;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_args_every_kind_of_option),
        cmocka_unit_test(test_cli_args_defaults_stay_when_absent),
        cmocka_unit_test(test_cli_args_shorthand_keeps_its_place),
        cmocka_unit_test(test_cli_args_values_that_look_like_options),
        cmocka_unit_test(test_cli_args_unknown_options),
        cmocka_unit_test(test_cli_args_missing_values),
        cmocka_unit_test(test_cli_args_repeated_options),
        cmocka_unit_test(test_cli_args_repeated_flag),
        cmocka_unit_test(test_cli_args_reader_rejects),
        cmocka_unit_test(test_cli_args_too_many_values),
        cmocka_unit_test(test_cli_args_positional_counts),
        cmocka_unit_test(test_cli_args_one_or_more),
        cmocka_unit_test(test_cli_args_help),
        cmocka_unit_test(test_cli_args_usage_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
