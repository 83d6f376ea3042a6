/* netgov validate FILE: check a scenario and report every error found. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct validate_args {
    const char *file;
    cli_list sets; /* only the limits: validate takes no --set */
} validate_args;

#define ARG(f) offsetof(validate_args, f)
static const cli_option validate_options[] = {CLI_OPTIONS_LIMITS(ARG), {0}};
#undef ARG

static const cli_command validate_command = {
    .name = "validate",
    .summary = "Checks a scenario config and reports every error found.",
    .options = validate_options,
    .input = {.name = "FILE",
              .count = CLI_ONE,
              .field = offsetof(validate_args, file),
              .what = "config file",
              .help = "a scenario config (JSON)"},
};

int cmd_validate(int argc, char **argv)
{
    validate_args a = {0};
    int code = cli_parse(&validate_command, argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_config cfg;
    ng_errors errs = {0};
    int rc = cli_load_scenario(a.file, NULL, &cfg, &errs);
    if (rc == 0) {
        rc = cli_apply_sets(&cfg, &a.sets, &errs);
    }
    if (rc == 0) {
        rc = ng_config_validate(&cfg, &errs);
    }
    if (rc != 0) {
        cli_print_errors(&errs);
        ng_config_clear(&cfg);
        return cli_exit_code(rc);
    }
    printf("%s: ok: scenario \"%s\", %zu partners in the pool (%zu listed), "
           "%s governance, %s cost split, %lld ticks\n",
           a.file, cfg.name, ng_config_pool_size(&cfg), cfg.n_partners,
           ng_family_choice(NG_FAMILY_GOVERNANCE, cfg.p.governance_mode),
           ng_family_choice(NG_FAMILY_COST, cfg.p.cost_rule),
           (long long)cfg.p.run_ticks);
    ng_config_clear(&cfg);
    return CLI_OK;
}
