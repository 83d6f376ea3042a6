/* netgov odd: the ODD description (Markdown) of a scenario as it would
 * run, after its preset or file and every --set override. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "io/output_internal.h"
#include "report/odd.h"

static const char odd_help[] =
    "usage: netgov odd [CONFIG] [--preset NAME] [--set path=value ...] "
    "[--out FILE|-]\n"
    "Writes the ODD protocol description (Markdown) of the scenario: a "
    "config file,\na built-in preset (default: default), with overrides "
    "applied. --out writes\nFILE atomically; default (or -) is standard "
    "output.\n";

typedef struct odd_args {
    const char *config, *preset, *out;
    cli_list sets;
} odd_args;

#define ARG(f) offsetof(odd_args, f)

static const cli_option odd_options[] = {
    CLI_OPTION_PRESET(ARG),
    CLI_OPTION_SET(ARG),
    {.name = "--out",
     .value = "FILE|-",
     .field = ARG(out),
     .help = "write FILE atomically (default, or -: standard output)"},
    {0},
};

static const cli_command odd_command = {
    .name = "odd",
    .summary = "Writes the ODD protocol description (Markdown) of a scenario.",
    .options = odd_options,
    .input = CLI_INPUT_CONFIG(ARG),
    .help = odd_help,
};

static int write_odd(void *ctx, FILE *f, ng_error *err)
{
    return ng__odd_write(f, ctx, err);
}

int cmd_odd(int argc, char **argv)
{
    odd_args a;
    memset(&a, 0, sizeof a);
    int code = cli_parse(&odd_command, argc, argv, &a);
    if (code == CLI_CONTINUE) {
        code = cli_check_scenario(&odd_command, a.config, a.preset);
    }
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_config cfg;
    ng_errors errs = {0};
    int rc = cli_load_overridden(a.config, a.preset, &a.sets, &cfg, &errs);
    if (rc != 0) {
        cli_print_errors(&errs);
        ng_config_clear(&cfg);
        return cli_exit_code(rc);
    }
    ng_error err = {0};
    rc = ng__write_atomic(a.out ? a.out : "-", write_odd, &cfg, &err);
    ng_config_clear(&cfg);
    if (rc != 0) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}
