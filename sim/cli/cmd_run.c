/* netgov run: load a scenario, apply overrides, run it, write the outputs
 * and print a short human summary on stderr. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_SETS 256

typedef struct run_args {
    const char *config, *preset, *out, *csv;
    const char *sets[MAX_SETS];
    size_t n_sets;
    bool quiet, explain;
} run_args;

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "netgov: run: %s%s\n(try netgov --help)\n", what, arg);
    return CLI_USAGE;
}

/* --seed N and --ticks T are spelled-out --set overrides. */
static int parse_args(int argc, char **argv, run_args *a, char *seed_set,
                      char *ticks_set, size_t set_size)
{
    memset(a, 0, sizeof *a);
    for (int k = 1; k < argc; k++) {
        const char *s = argv[k];
        const char *val = k + 1 < argc ? argv[k + 1] : NULL;
        bool takes = strcmp(s, "--preset") == 0 || strcmp(s, "--seed") == 0 ||
                     strcmp(s, "--ticks") == 0 || strcmp(s, "--set") == 0 ||
                     strcmp(s, "--out") == 0 || strcmp(s, "--csv") == 0;
        if (takes && !val) {
            return usage_error("missing value after ", s);
        }
        if (takes && a->n_sets >= MAX_SETS) {
            return usage_error("too many options at ", s);
        }
        if (strcmp(s, "--preset") == 0) {
            a->preset = val;
        } else if (strcmp(s, "--seed") == 0) {
            snprintf(seed_set, set_size, "run.seed=%s", val);
            a->sets[a->n_sets++] = seed_set;
        } else if (strcmp(s, "--ticks") == 0) {
            snprintf(ticks_set, set_size, "run.ticks=%s", val);
            a->sets[a->n_sets++] = ticks_set;
        } else if (strcmp(s, "--set") == 0) {
            a->sets[a->n_sets++] = val;
        } else if (strcmp(s, "--out") == 0) {
            a->out = val;
        } else if (strcmp(s, "--csv") == 0) {
            a->csv = val;
        } else if (strcmp(s, "--quiet") == 0 || strcmp(s, "-q") == 0) {
            a->quiet = true;
            continue;
        } else if (strcmp(s, "--explain") == 0) {
            a->explain = true;
            continue;
        } else if (s[0] == '-' && s[1] != '\0') {
            return usage_error("unknown option ", s);
        } else if (a->config) {
            return usage_error("more than one config file: ", s);
        } else {
            a->config = s;
            continue;
        }
        k++;
    }
    if (a->config && a->preset) {
        return usage_error("give a config file or --preset, not both", "");
    }
    if (a->out && a->csv && strcmp(a->out, "-") == 0 &&
        strcmp(a->csv, "-") == 0) {
        return usage_error("--out - and --csv - would mix two documents on "
                           "standard output",
                           "");
    }
    return CLI_OK;
}

static void print_summary(const ng_model *m, const char *out)
{
    const ng_config *cfg = ng_model_config(m);
    ng_summary s;
    ng_model_summary(m, &s);
    const ng_params *p = &cfg->p;
    fprintf(
        stderr, "netgov: %s: %s governance, %s cost split, seed %lld\n",
        cfg->name, ng_family_choice(NG_FAMILY_GOVERNANCE, p->governance_mode),
        ng_family_choice(NG_FAMILY_COST, p->cost_rule), (long long)p->run_seed);
    if (s.outcome == NG_OUTCOME_SURVIVED) {
        fprintf(stderr, "  outcome   survived to the horizon (%lld ticks)\n",
                (long long)s.lifetime);
    } else if (s.outcome == NG_OUTCOME_COMPLETED) {
        fprintf(stderr, "  outcome   completed at tick %lld: %s\n",
                (long long)s.lifetime, ng_reason_meaning(s.cause));
    } else {
        fprintf(stderr, "  outcome   dissolved at tick %lld: %s (%s)\n",
                (long long)s.lifetime, ng_reason_name(s.cause),
                ng_reason_meaning(s.cause));
    }
    fprintf(stderr,
            "  members   peak %lld, final %lld; %lld joined, %lld left, "
            "%lld excluded\n",
            (long long)s.peak_members, (long long)s.final_members,
            (long long)s.total_joins, (long long)s.total_exits,
            (long long)s.total_exclusions);
    fprintf(stderr, "  giving    mean contribution %.2f of the quota\n",
            s.mean_contribution);
    fprintf(stderr, "  trust     final interpersonal %.2f, system %.2f\n",
            s.final_interpersonal_trust, s.final_system_trust);
    fprintf(stderr, "  value     cumulative public value %.1f\n",
            s.cumulative_value);
    if (s.shocks > 0 || s.mission_turn > 0 || s.mean_fit < 1) {
        fprintf(stderr,
                "  problem   %lld shocks; mean fit %.2f, final %.2f; mission "
                "turned %.2f rad\n",
                (long long)s.shocks, s.mean_fit, s.final_fit, s.mission_turn);
    }
    if (s.votes_held > 0) {
        fprintf(stderr, "  votes     %lld held, %lld failed\n",
                (long long)s.votes_held, (long long)s.votes_failed);
    }
    if (s.incidents > 0) {
        fprintf(stderr, "  data      %lld incidents\n", (long long)s.incidents);
    }
    if (strcmp(out, "-") != 0) {
        fprintf(stderr, "  wrote     %s\n", out);
    }
}

static int apply_sets(ng_config *cfg, const run_args *a, ng_errors *errs)
{
    int rc = 0;
    for (size_t k = 0; k < a->n_sets; k++) {
        if (ng_config_set(cfg, a->sets[k], errs) != 0) {
            rc = NG_ECONFIG;
        }
    }
    return rc;
}

int cmd_run(int argc, char **argv)
{
    run_args a;
    char seed_set[64], ticks_set[64];
    int code = parse_args(argc, argv, &a, seed_set, ticks_set, sizeof seed_set);
    if (code != CLI_OK) {
        return code;
    }
    ng_config cfg;
    ng_errors errs = {0};
    int rc = cli_load_scenario(a.config, a.preset, &cfg, &errs);
    if (rc == 0) {
        rc = apply_sets(&cfg, &a, &errs);
    }
    if (rc == 0) {
        rc = ng_config_validate(&cfg, &errs);
    }
    if (rc != 0) {
        cli_print_errors(&errs);
        ng_config_clear(&cfg);
        return cli_exit_code(rc);
    }
    char out[NG_NAME_MAX + 16];
    char safe[NG_NAME_MAX];
    cli_safe_name(cfg.name, safe, sizeof safe);
    snprintf(out, sizeof out, "out/%s.json", safe);
    const char *out_path = a.out ? a.out : out;
    ng_error err = {0};
    ng_model *m = ng_model_alloc(&cfg, &err);
    ng_config_clear(&cfg);
    rc = m ? ng_model_run(m, &err) : err.code;
    if (rc == 0) {
        rc = ng_output_to_path(m, out_path, ng_output_json, &err);
    }
    if (rc == 0 && a.csv) {
        rc = ng_output_to_path(m, a.csv, ng_output_csv, &err);
    }
    if (rc != 0) {
        cli_print_error(&err);
        ng_model_free(m);
        return rc == NG_EIO ? CLI_RUNTIME : cli_exit_code(rc);
    }
    if (!a.quiet) {
        print_summary(m, out_path);
    }
    /* The explanation goes to standard output, unless the run document
     * does: then it joins the summary on standard error. */
    if (a.explain) {
        fflush(stderr);
        rc = cli_explain_model(m, strcmp(out_path, "-") == 0 ? stderr : stdout);
    }
    ng_model_free(m);
    return rc;
}
