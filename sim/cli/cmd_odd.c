/* netgov odd: the ODD description (Markdown) of a scenario as it would
 * run, after its preset or file and every --set override. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "io/output_internal.h"
#include "report/odd.h"

#define MAX_SETS 256

static const char *const odd_usage =
    "usage: netgov odd [CONFIG] [--preset NAME] [--set path=value ...] "
    "[--out FILE|-]\n"
    "Writes the ODD protocol description (Markdown) of the scenario: a "
    "config file,\na built-in preset (default: default), with overrides "
    "applied. --out writes\nFILE atomically; default (or -) is standard "
    "output.\n";

typedef struct odd_args {
    const char *config, *preset, *out;
    const char *sets[MAX_SETS];
    size_t n_sets;
    bool help;
} odd_args;

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "netgov: odd: %s%s\n(try netgov odd --help)\n", what, arg);
    return CLI_USAGE;
}

/* Stores the value of an option that takes one. */
static int take_value(odd_args *a, const char *opt, const char *val)
{
    if (strcmp(opt, "--preset") == 0) {
        a->preset = val;
    } else if (strcmp(opt, "--out") == 0) {
        a->out = val;
    } else if (a->n_sets >= MAX_SETS) {
        return usage_error("too many options at ", opt);
    } else {
        a->sets[a->n_sets++] = val;
    }
    return CLI_OK;
}

static int parse_args(int argc, char **argv, odd_args *a)
{
    memset(a, 0, sizeof *a);
    for (int k = 1; k < argc; k++) {
        const char *s = argv[k];
        bool takes = strcmp(s, "--preset") == 0 || strcmp(s, "--set") == 0 ||
                     strcmp(s, "--out") == 0;
        if (takes) {
            if (k + 1 >= argc) {
                return usage_error("missing value after ", s);
            }
            int code = take_value(a, s, argv[++k]);
            if (code != CLI_OK) {
                return code;
            }
        } else if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            a->help = true;
        } else if (s[0] == '-' && s[1] != '\0') {
            return usage_error("unknown option ", s);
        } else if (a->config) {
            return usage_error("more than one config file: ", s);
        } else {
            a->config = s;
        }
    }
    if (a->config && a->preset) {
        return usage_error("give a config file or --preset, not both", "");
    }
    return CLI_OK;
}

/* The scenario as it would run: loaded, overridden, validated. */
static int load(const odd_args *a, ng_config *cfg, ng_errors *errs)
{
    int rc = cli_load_scenario(a->config, a->preset, cfg, errs);
    for (size_t k = 0; rc == 0 && k < a->n_sets; k++) {
        if (ng_config_set(cfg, a->sets[k], errs) != 0) {
            rc = NG_ECONFIG;
        }
    }
    if (rc == 0) {
        rc = ng_config_validate(cfg, errs);
    }
    return rc;
}

static int write_odd(void *ctx, FILE *f, ng_error *err)
{
    return ng__odd_write(f, ctx, err);
}

int cmd_odd(int argc, char **argv)
{
    odd_args a;
    int code = parse_args(argc, argv, &a);
    if (code != CLI_OK || a.help) {
        if (a.help && code == CLI_OK) {
            fputs(odd_usage, stdout);
        }
        return code;
    }
    ng_config cfg;
    ng_errors errs = {0};
    int rc = load(&a, &cfg, &errs);
    if (rc != 0) {
        cli_print_errors(&errs);
        ng_config_clear(&cfg);
        return cli_exit_code(rc);
    }
    ng_error err = {0};
    if (a.out && strcmp(a.out, "-") != 0) {
        rc = ng__write_atomic(a.out, write_odd, &cfg, &err);
    } else {
        rc = ng__odd_write(stdout, &cfg, &err);
    }
    ng_config_clear(&cfg);
    if (rc != 0) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}
