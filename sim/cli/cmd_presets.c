/* netgov presets: the built-in scenarios with their descriptions. */
#include <stdio.h>

#include "cli.h"

static const cli_option presets_options[] = {{0}};

static const cli_command presets_command = {
    .name = "presets",
    .summary = "Lists the built-in scenarios with their descriptions.",
    .options = presets_options,
};

int cmd_presets(int argc, char **argv)
{
    int code = cli_parse(&presets_command, argc, argv, NULL);
    if (code != CLI_CONTINUE) {
        return code;
    }
    for (const cli_preset *p = cli_presets; p->name; p++) {
        ng_config cfg;
        ng_errors errs = {0};
        int rc = cli_load_scenario(NULL, p->name, &cfg, &errs);
        printf("%-26s %s\n", p->name,
               rc == 0 ? cfg.description : "(does not load)");
        ng_config_clear(&cfg);
    }
    printf("\nrun one with: netgov run --preset NAME\n");
    return CLI_OK;
}
