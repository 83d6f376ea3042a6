/* netgov presets: the built-in scenarios with their descriptions. */
#include <stdio.h>

#include "cli.h"

int cmd_presets(int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "netgov: presets: usage: netgov presets\n");
        return CLI_USAGE;
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
