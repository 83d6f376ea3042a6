/* netgov run: load a scenario, apply overrides, run it, write the outputs
 * and print a short human summary on stderr. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "io/output_internal.h"

typedef struct run_args {
    const char *config, *preset, *out, *csv;
    cli_list sets; /* --set, --seed and --ticks in their order */
    bool quiet, explain;
} run_args;

#define ARG(f) offsetof(run_args, f)

static const cli_option run_options[] = {
    CLI_OPTION_PRESET(ARG),
    CLI_OPTION_SEED(ARG),
    {.name = "--ticks",
     .value = "T",
     .field = ARG(sets),
     .repeat = true,
     .prefix = "run.ticks=",
     .help = "the same as --set run.ticks=T"},
    CLI_OPTION_SET(ARG),
    {.name = "--out",
     .value = "FILE|-",
     .field = ARG(out),
     .help = "the run document (default out/<scenario>.json)"},
    {.name = "--csv",
     .value = "FILE|-",
     .field = ARG(csv),
     .help = "also the time series as CSV"},
    {.name = "--quiet",
     .alias = 'q',
     .field = ARG(quiet),
     .help = "no summary on standard error"},
    {.name = "--explain",
     .field = ARG(explain),
     .help = "print what happened and why"},
    {0},
};

static const cli_command run_command = {
    .name = "run",
    .summary = "Runs a scenario: a config file or a built-in preset (default: "
               "default), with\nevery override applied, writes its run "
               "document and prints a summary.",
    .options = run_options,
    .input = CLI_INPUT_CONFIG(ARG),
};

static int parse_args(int argc, char **argv, run_args *a)
{
    memset(a, 0, sizeof *a);
    int code = cli_parse(&run_command, argc, argv, a);
    if (code == CLI_CONTINUE) {
        code = cli_check_scenario(&run_command, a->config, a->preset);
    }
    if (code == CLI_CONTINUE && a->out && a->csv &&
        strcmp(a->out, a->csv) == 0) {
        code = cli_usage_error(&run_command,
                               strcmp(a->out, "-") == 0
                                   ? "--out - and --csv - would mix two "
                                     "documents on standard output"
                                   : "--out and --csv name the same file: ",
                               strcmp(a->out, "-") == 0 ? "" : a->out);
    }
    return code;
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

static int write_json(void *ctx, FILE *f, ng_error *err)
{
    return ng_output_json(ctx, f, err);
}

static int write_csv(void *ctx, FILE *f, ng_error *err)
{
    return ng_output_csv(ctx, f, err);
}

/* The run document and the CSV, both or neither: a CSV that cannot be
 * written must not leave a new run document beside an old CSV. */
static int write_outputs(ng_model *m, const char *out_path, const char *csv,
                         ng_error *err)
{
    ng__output files[2] = {{.path = out_path, .write = write_json, .ctx = m},
                           {.path = csv, .write = write_csv, .ctx = m}};
    return ng__write_set(files, csv ? 2 : 1, err);
}

/* Runs the scenario and writes the run document to out_path, the CSV,
 * the summary and the explanation. */
static int run_model(const ng_config *cfg, const run_args *a,
                     const char *out_path)
{
    ng_error err = {0};
    ng_model *m = ng_model_alloc(cfg, &err);
    int rc = m ? ng_model_run(m, &err) : err.code;
    if (rc == 0) {
        rc = write_outputs(m, out_path, a->csv, &err);
    }
    if (rc != 0) {
        cli_print_error(&err);
        ng_model_free(m);
        return rc == NG_EIO ? CLI_RUNTIME : cli_exit_code(rc);
    }
    if (!a->quiet) {
        print_summary(m, out_path);
    }
    /* The explanation goes to standard output, unless the run document
     * does: then it joins the summary on standard error. */
    if (a->explain) {
        fflush(stderr);
        rc = cli_explain_model(m, strcmp(out_path, "-") == 0 ? stderr : stdout);
    }
    ng_model_free(m);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    run_args a;
    int code = parse_args(argc, argv, &a);
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
    char out[NG_NAME_MAX + 16];
    char safe[NG_NAME_MAX];
    cli_safe_name(cfg.name, safe, sizeof safe);
    snprintf(out, sizeof out, "out/%s.json", safe);
    code = run_model(&cfg, &a, a.out ? a.out : out);
    ng_config_clear(&cfg);
    return code;
}
