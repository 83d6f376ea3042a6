/* netgov: the command-line entry point; dispatches to cmd_*.c. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "io/error_internal.h"

static const char usage[] =
    "usage: netgov <command> [options]\n"
    "\n"
    "Simulates multi-partner alliances under different governance modes and\n"
    "cost-sharing rules and writes each run's time series as JSON.\n"
    "\n"
    "commands:\n"
    "  run [CONFIG] [--preset NAME] [--seed N] [--ticks T]\n"
    "      [--set path=value ...] [--out FILE|-] [--csv FILE] [--quiet]\n"
    "      [--explain]\n"
    "                    run a scenario (default: the built-in default);\n"
    "                    writes out/<scenario>.json unless --out is given;\n"
    "                    --explain prints what happened and why\n"
    "  explain RUN.json [--json] [--out FILE]\n"
    "                    phases, turning points, the main failure mechanism\n"
    "                    with its numbers, who left and why\n"
    "  view RUN.json [--out FILE] [--quiet]\n"
    "                    the animated viewer of a run: one self-contained\n"
    "                    HTML page (default RUN.view.html)\n"
    "  report INPUT [--out FILE] [--quiet]\n"
    "                    one self-contained HTML page (charts, explanation,\n"
    "                    parameters) for a run document, a sweep folder or\n"
    "                    a comparison (default out/<name>.report.html)\n"
    "  validate FILE     check a scenario config and report every error\n"
    "  params [--json|--markdown]\n"
    "                    list every model parameter with default, range,\n"
    "                    unit and meaning\n"
    "  presets           list the built-in scenarios\n"
    "  sweep SPEC [-j N] [--out DIR] [--design FILE] [--shard i/n]\n"
    "        [--series] [--quiet]\n"
    "                    run an experiment spec (axes x replications) into\n"
    "                    DIR (default out/<spec name>); re-running resumes\n"
    "  sensitivity SPEC [same options]\n"
    "                    a sweep with Sobol indices or Morris effects\n"
    "  merge --out DIR SHARD_DIR...\n"
    "                    join the folders of a sweep's shards\n"
    "  compare [CONFIG] [--preset NAME] [--reps R] [--seed N]\n"
    "        [--set path=value ...] [--rank-by METRIC] [-j N] [--out FILE]\n"
    "        [--quiet]\n"
    "                    every governance mode x cost rule on common seeds,\n"
    "                    ranked with 95% intervals\n"
    "  odd [CONFIG] [--preset NAME] [--set path=value ...] [--out FILE|-]\n"
    "                    the ODD protocol description (Markdown) of a\n"
    "                    scenario, with every parameter's value"
    "\n"
    "options:\n"
    "  -h, --help        show this help\n"
    "  --version         show the engine version\n"
    "\n"
    "exit status: 0 success, 1 runtime failure, 2 bad usage or bad input\n"
    "docs: README.md, docs/MODEL.md (the model), docs/OUTPUT.md (the output),\n"
    "      docs/EXPERIMENTS.md (sweeps, compare, sensitivity), "
    "docs/EXPLAIN.md,\n"
    "      docs/VIEWER.md, docs/REPORT.md, docs/TEACHING.md\n";

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"run", cmd_run},         {"validate", cmd_validate},
    {"params", cmd_params},   {"presets", cmd_presets},
    {"sweep", cmd_sweep},     {"sensitivity", cmd_sensitivity},
    {"merge", cmd_merge},     {"compare", cmd_compare},
    {"explain", cmd_explain}, {"view", cmd_view},
    {"report", cmd_report},   {"odd", cmd_odd},
    /* one per line */
};

/* Standard output is buffered, and the C library keeps only a flag, not
 * the reason, when a write of it fails: by the time the command ends,
 * errno says nothing about it.  With glibc, standard output is therefore
 * written through a stream whose writes record the errno of the first
 * failure; elsewhere a failure is reported without its reason. */
typedef struct stdout_sink {
    FILE *original;
    int error; /* errno of the first failed write, or 0 */
} stdout_sink;

#if defined(__GLIBC__)
static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
    stdout_sink *s = cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(STDOUT_FILENO, buf + done, size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            s->error = s->error ? s->error : n < 0 ? errno : EIO;
            return (ssize_t)done; /* 0: the stream sets its error flag */
        }
        done += (size_t)n;
    }
    return (ssize_t)size;
}

static void open_stdout(stdout_sink *s)
{
    s->original = stdout;
    FILE *f = fopencookie(s, "w", (cookie_io_functions_t){.write = sink_write});
    if (!f) {
        return; /* the plain stream still works, only reasons are lost */
    }
    /* The buffering stdout would have: by line on a terminal. */
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
    stdout = f;
}
#else
static void open_stdout(stdout_sink *s)
{
    s->original = stdout;
}
#endif

/* A full disk, a closed descriptor or a pipe whose reader left (when
 * SIGPIPE is ignored) may only show when standard output is flushed:
 * flush and close it after every command, so that output lost there fails
 * the command (status 1, with the reason) instead of passing unnoticed.
 * A command that failed already keeps its own status and message
 * (netgov run --out - reports standard output itself). */
static int finish_stdout(stdout_sink *s, int code)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int why = s->error ? s->error : errno;
    if (stdout != s->original) {
        fclose(stdout); /* flushed above; the descriptor stays open */
        stdout = s->original;
    }
    errno = 0;
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        why = errno;
    }
    if (!failed || code != CLI_OK) {
        return code;
    }
    char text[NG_ERRNO_TEXT];
    if (why == 0) { /* no reason recorded */
        fputs("netgov: <stdout>: write failed\n", stderr);
    } else {
        fprintf(stderr, "netgov: <stdout>: write failed: %s\n",
                ng__errno_text(why, text));
    }
    return CLI_RUNTIME;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("netgov %s (output format %d)\n", NG_VERSION, NG_FORMAT_VERSION);
        return CLI_OK;
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(argv[1], commands[c].name) == 0) {
            return commands[c].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "netgov: unknown command \"%s\" (try netgov --help)\n",
            argv[1]);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    /* GSL must report errors through return codes, never abort. */
    gsl_set_error_handler_off();
    stdout_sink sink = {NULL, 0};
    open_stdout(&sink);
    int code = dispatch(argc, argv);
    return finish_stdout(&sink, code);
}
