/* netgov validate FILE: check a scenario and report every error found. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_validate(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "netgov: validate: expected one config file\n"
                        "usage: netgov validate FILE\n");
        return CLI_USAGE;
    }
    ng_config cfg;
    ng_errors errs = {0};
    int rc = cli_load_scenario(argv[1], NULL, &cfg, &errs);
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
           argv[1], cfg.name, ng_config_pool_size(&cfg), cfg.n_partners,
           ng_family_choice(NG_FAMILY_GOVERNANCE, cfg.p.governance_mode),
           ng_family_choice(NG_FAMILY_COST, cfg.p.cost_rule),
           (long long)cfg.p.run_ticks);
    ng_config_clear(&cfg);
    return CLI_OK;
}
