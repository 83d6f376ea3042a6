/* netgov: the command-line entry point; dispatches to cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

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

int main(int argc, char **argv)
{
    /* GSL must report errors through return codes, never abort. */
    gsl_set_error_handler_off();
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
