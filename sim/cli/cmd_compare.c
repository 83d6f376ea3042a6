/* netgov compare: the policy adviser's question in one command.  Runs
 * every governance mode with every cost-sharing rule that applies to it on
 * the same scenario and the same seeds (common random numbers), ranks the
 * combinations and says whether the best one is ahead of the next by more
 * than the replications' noise. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "experiment/summary_internal.h"
#include "io/output_internal.h"

#define LEVEL 0.95

typedef struct compare_args {
    const char *config, *preset, *out, *rank_by;
    cli_list sets; /* --set and --seed in their order */
    size_t reps;
    int threads;
    bool quiet;
} compare_args;

/* Outputs where less is better rank in ascending order. */
static bool lower_is_better(const char *metric)
{
    static const char *const lower[] = {"small_partners_left", "exits",
                                        "exclusions",          "sanctions",
                                        "incidents",           "votes_failed"};
    for (size_t k = 0; k < sizeof lower / sizeof lower[0]; k++) {
        if (strcmp(metric, lower[k]) == 0) {
            return true;
        }
    }
    return false;
}

/* --reps R: 2 to 100000 replications into a size_t. */
static bool read_reps(const char *value, void *field)
{
    char *end = NULL;
    long r = strtol(value, &end, 10);
    if (*end || r < 2 || r > 100000) {
        return false;
    }
    *(size_t *)field = (size_t)r;
    return true;
}

#define ARG(f) offsetof(compare_args, f)

static const cli_option compare_options[] = {
    CLI_OPTION_PRESET(ARG),
    {.name = "--reps",
     .value = "R",
     .field = ARG(reps),
     .read = read_reps,
     .expects = "2 to 100000",
     .help = "runs per combination (default 20)"},
    CLI_OPTION_SEED(ARG),
    CLI_OPTION_SET(ARG),
    {.name = "--rank-by",
     .value = "METRIC",
     .field = ARG(rank_by),
     .help = "the summary metric to rank by (default cumulative_value)"},
    CLI_OPTION_THREADS(ARG),
    {.name = "--out",
     .value = "FILE",
     .field = ARG(out),
     .help = "also the ranking as JSON"},
    {.name = "--quiet",
     .alias = 'q',
     .field = ARG(quiet),
     .help = "no table and no progress"},
    {0},
};

static const cli_command compare_command = {
    .name = "compare",
    .summary = "Runs every governance mode with every cost rule that applies "
               "to it on the same\nscenario and seeds, and ranks them with "
               "95% intervals.",
    .options = compare_options,
    .input = CLI_INPUT_CONFIG(ARG),
};

static int parse_args(int argc, char **argv, compare_args *a)
{
    memset(a, 0, sizeof *a);
    a->reps = 20;
    a->rank_by = "cumulative_value";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->threads = cores > 0 ? (int)cores : 1;
    int code = cli_parse(&compare_command, argc, argv, a);
    if (code == CLI_CONTINUE) {
        code = cli_check_scenario(&compare_command, a->config, a->preset);
    }
    return code;
}

/* ---- the combinations ---- */

/* A choice as the JSON text of a design cell: "nao". */
static char *quoted(const char *name)
{
    size_t n = strlen(name) + 3;
    char *s = malloc(n);
    if (s) {
        snprintf(s, n, "\"%s\"", name);
    }
    return s;
}

/* Every governance mode x cost rule the scenario accepts; the others go
 * to `skipped` with the reason the config validator gives. */
static int build_design(const ng_config *base, ng_design *d, cJSON *skipped)
{
    memset(d, 0, sizeof *d);
    size_t cap = 0;
    for (int g = 0; ng_family_choice(NG_FAMILY_GOVERNANCE, g); g++) {
        for (int c = 0; ng_family_choice(NG_FAMILY_COST, c); c++) {
            cap++;
        }
    }
    d->n_cols = 2;
    d->paths = calloc(2, sizeof *d->paths);
    d->cells = calloc(2 * cap, sizeof *d->cells);
    d->ids = calloc(cap, sizeof *d->ids);
    if (!d->paths || !d->cells || !d->ids) {
        return NG_ENOMEM;
    }
    static const char *const paths[2] = {"governance.mode",
                                         "cost_sharing.rule"};
    for (int k = 0; k < 2; k++) {
        d->paths[k] = malloc(strlen(paths[k]) + 1);
        if (!d->paths[k]) {
            return NG_ENOMEM;
        }
        strcpy(d->paths[k], paths[k]);
    }
    for (int g = 0; ng_family_choice(NG_FAMILY_GOVERNANCE, g); g++) {
        for (int c = 0; ng_family_choice(NG_FAMILY_COST, c); c++) {
            const char *gn = ng_family_choice(NG_FAMILY_GOVERNANCE, g);
            const char *cn = ng_family_choice(NG_FAMILY_COST, c);
            ng_config cfg;
            ng_config_init(&cfg);
            if (ng_config_copy(&cfg, base)) {
                return NG_ENOMEM;
            }
            cfg.p.governance_mode = g;
            cfg.p.cost_rule = c;
            ng_errors errs = {0};
            int rc = ng_config_validate(&cfg, &errs);
            ng_config_clear(&cfg);
            if (rc) {
                cJSON *s = cJSON_CreateObject();
                cJSON_AddStringToObject(s, "governance", gn);
                cJSON_AddStringToObject(s, "cost_rule", cn);
                cJSON_AddStringToObject(s, "reason", errs.items[0].msg);
                cJSON_AddItemToArray(skipped, s);
                continue;
            }
            size_t p = d->n_points++;
            d->cells[2 * p] = quoted(gn);
            d->cells[2 * p + 1] = quoted(cn);
            char id[2 * NG_NAME_MAX];
            snprintf(id, sizeof id, "%s+%s", gn, cn);
            d->ids[p] = malloc(strlen(id) + 1);
            if (!d->ids[p] || !d->cells[2 * p] || !d->cells[2 * p + 1]) {
                return NG_ENOMEM;
            }
            strcpy(d->ids[p], id);
        }
    }
    return 0;
}

/* ---- running and ranking ---- */

typedef struct collected {
    char **lines;
    cli_progress progress;
} collected;

static void keep_line(void *ctx, size_t run, const char *line)
{
    collected *c = ctx;
    size_t n = strlen(line) + 1;
    c->lines[run] = malloc(n);
    if (c->lines[run]) {
        memcpy(c->lines[run], line, n);
    }
    cli_progress_step(&c->progress);
}

static double metric_mean(const cJSON *point, const char *metric)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(point, "metrics"), metric);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "mean");
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

typedef struct ranked {
    cJSON *summary;
    size_t point;
    double key;
} ranked;

static int by_key(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (isnan(x->key) || isnan(y->key)) {
        return isnan(x->key) - isnan(y->key);
    }
    if (x->key != y->key) {
        return x->key < y->key ? 1 : -1;
    }
    return x->point < y->point ? -1 : 1;
}

/* The paired difference of the rank metric between two points over the
 * same seeds: common random numbers make it much sharper than comparing
 * the two intervals. */
static void paired(cJSON **runs, size_t reps, size_t a, size_t b,
                   const char *metric, ng_stat *out)
{
    double *diff = malloc(reps * sizeof *diff);
    size_t n = 0;
    for (size_t r = 0; diff && r < reps; r++) {
        double x = ng__run_metric(runs[a * reps + r], metric);
        double y = ng__run_metric(runs[b * reps + r], metric);
        if (!isnan(x) && !isnan(y)) {
            diff[n++] = x - y;
        }
    }
    ng_stat_describe(diff, n, LEVEL, out);
    free(diff);
}

/* "mean [low, high]" with `decimals` digits after the point. */
static void print_stat(const cJSON *point, const char *metric, double scale,
                       int decimals)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(point, "metrics"), metric);
    double v[3];
    const char *keys[3] = {"mean", "ci_low", "ci_high"};
    for (int k = 0; k < 3; k++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(m, keys[k]);
        /* + 0.0 prints -0 as 0 */
        v[k] = cJSON_IsNumber(x) ? scale * x->valuedouble + 0.0 : (double)NAN;
    }
    char cell[64];
    snprintf(cell, sizeof cell, "%.*f [%.*f, %.*f]", decimals, v[0], decimals,
             v[1], decimals, v[2]);
    printf("  %-22s", cell);
}

static void print_table(const ng_config *base, const compare_args *a,
                        const ranked *rk, size_t n, const cJSON *skipped)
{
    printf("netgov compare: %s, %zu runs per combination on common seeds "
           "(master seed %lld)\n",
           base->name, a->reps, (long long)base->p.run_seed);
    printf("ranked by %s (%s is better); [95%% confidence intervals]\n\n",
           a->rank_by, lower_is_better(a->rank_by) ? "lower" : "higher");
    printf(" #  %-10s %-12s  %-22s  %-22s  %-22s  %-22s  %-22s\n", "governance",
           "cost rule", "survival %", "lifetime (ticks)", "public value",
           "mean contribution", "small partners left");
    for (size_t i = 0; i < n; i++) {
        const cJSON *pp =
            cJSON_GetObjectItemCaseSensitive(rk[i].summary, "params");
        printf("%2zu  %-10s %-12s", i + 1,
               cJSON_GetObjectItemCaseSensitive(pp, "governance.mode")
                   ->valuestring,
               cJSON_GetObjectItemCaseSensitive(pp, "cost_sharing.rule")
                   ->valuestring);
        print_stat(rk[i].summary, "survival", 100, 0);
        print_stat(rk[i].summary, "lifetime", 1, 0);
        print_stat(rk[i].summary, "cumulative_value", 1, 0);
        print_stat(rk[i].summary, "mean_contribution", 1, 2);
        print_stat(rk[i].summary, "small_partners_left", 1, 1);
        putchar('\n');
    }
    for (const cJSON *s = skipped->child; s; s = s->next) {
        printf("    not applicable: %s + %s (%s)\n",
               cJSON_GetObjectItemCaseSensitive(s, "governance")->valuestring,
               cJSON_GetObjectItemCaseSensitive(s, "cost_rule")->valuestring,
               cJSON_GetObjectItemCaseSensitive(s, "reason")->valuestring);
    }
}

static void print_verdict(const ranked *rk, size_t n, const ng_stat *d,
                          const compare_args *a)
{
    const cJSON *p0 = cJSON_GetObjectItemCaseSensitive(rk[0].summary, "id");
    printf("\nbest: %s (%s %.4g)", p0->valuestring, a->rank_by, rk[0].key);
    if (n < 2) {
        printf("\n");
        return;
    }
    const cJSON *p1 = cJSON_GetObjectItemCaseSensitive(rk[1].summary, "id");
    bool resolved = d->n > 1 && (d->ci_low > 0 || d->ci_high < 0);
    if (d->n > 1 && d->mean == 0 && d->sd == 0) {
        printf("; tied with %s on every one of the same %zu seeds\n",
               p1->valuestring, d->n);
        return;
    }
    printf("; ahead of %s by %.4g [%.4g, %.4g] on the same %zu seeds: %s\n",
           p1->valuestring, d->mean, d->ci_low, d->ci_high, d->n,
           resolved ? "a real difference at 95%"
                    : "within the noise of the replications (try more --reps)");
}

static cJSON *result_json(const ng_config *base, const compare_args *a,
                          const ranked *rk, size_t n, cJSON *skipped,
                          const ng_stat *d)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "engine_version", NG_VERSION);
    cJSON_AddStringToObject(doc, "scenario", base->name);
    cJSON_AddNumberToObject(doc, "replications", (double)a->reps);
    cJSON_AddNumberToObject(doc, "master_seed", (double)base->p.run_seed);
    cJSON_AddStringToObject(doc, "random_numbers", "common");
    cJSON_AddNumberToObject(doc, "confidence", LEVEL);
    cJSON_AddStringToObject(doc, "rank_by", a->rank_by);
    cJSON_AddBoolToObject(doc, "lower_is_better", lower_is_better(a->rank_by));
    cJSON *ranking = cJSON_AddArrayToObject(doc, "ranking");
    for (size_t i = 0; i < n; i++) {
        cJSON *r = cJSON_Duplicate(rk[i].summary, 1);
        const cJSON *pp = cJSON_GetObjectItemCaseSensitive(r, "params");
        cJSON_AddNumberToObject(r, "rank", (double)(i + 1));
        cJSON_AddStringToObject(
            r, "governance",
            cJSON_GetObjectItemCaseSensitive(pp, "governance.mode")
                ->valuestring);
        cJSON_AddStringToObject(
            r, "cost_rule",
            cJSON_GetObjectItemCaseSensitive(pp, "cost_sharing.rule")
                ->valuestring);
        cJSON_DeleteItemFromObjectCaseSensitive(r, "series");
        cJSON_AddItemToArray(ranking, r);
    }
    cJSON_AddItemToObject(doc, "not_applicable", cJSON_Duplicate(skipped, 1));
    if (n > 1) {
        cJSON *b = cJSON_AddObjectToObject(doc, "best_vs_next");
        cJSON_AddNumberToObject(b, "n", (double)d->n);
        cJSON_AddNumberToObject(b, "mean", d->mean);
        cJSON_AddNumberToObject(b, "sd", d->sd);
        cJSON_AddNumberToObject(b, "ci_low", d->ci_low);
        cJSON_AddNumberToObject(b, "ci_high", d->ci_high);
    }
    return doc;
}

/* Ranks the combinations, prints the table and writes --out. */
static int report(const ng_config *base, const compare_args *a,
                  const ng_design *d, cJSON **runs, cJSON *skipped)
{
    ranked *rk = calloc(d->n_points ? d->n_points : 1, sizeof *rk);
    if (!rk) {
        return CLI_RUNTIME;
    }
    double sign = lower_is_better(a->rank_by) ? -1 : 1;
    for (size_t p = 0; p < d->n_points; p++) {
        rk[p].summary = ng__point_summary(runs + p * a->reps, a->reps, LEVEL);
        rk[p].point = p;
        rk[p].key = sign * metric_mean(rk[p].summary, a->rank_by);
    }
    qsort(rk, d->n_points, sizeof *rk, by_key);
    for (size_t p = 0; p < d->n_points; p++) {
        rk[p].key *= sign;
    }
    ng_stat diff = {0};
    if (d->n_points > 1) {
        paired(runs, a->reps, rk[0].point, rk[1].point, a->rank_by, &diff);
    }
    if (!a->quiet) {
        print_table(base, a, rk, d->n_points, skipped);
        print_verdict(rk, d->n_points, &diff, a);
    }
    int code = CLI_OK;
    if (a->out) {
        cJSON *doc = result_json(base, a, rk, d->n_points, skipped, &diff);
        ng_error err = {0};
        if (ng__write_json(a->out, doc, true, &err)) {
            cli_print_error(&err);
            code = CLI_RUNTIME;
        }
        cJSON_Delete(doc);
    }
    for (size_t p = 0; p < d->n_points; p++) {
        cJSON_Delete(rk[p].summary);
    }
    free(rk);
    return code;
}

static int run_and_report(const ng_config *base, const compare_args *a,
                          const ng_design *d, cJSON *skipped)
{
    ng_sweep sw = {base, d, a->reps, (uint64_t)base->p.run_seed, true, 0, NULL};
    size_t n = ng_sweep_runs(&sw);
    size_t *todo = malloc((n ? n : 1) * sizeof *todo);
    collected c = {calloc(n ? n : 1, sizeof(char *)), {0}};
    cJSON **runs = calloc(n ? n : 1, sizeof *runs);
    int code = todo && c.lines && runs ? CLI_OK : CLI_RUNTIME;
    ng_error err = {0};
    if (code == CLI_OK) {
        for (size_t r = 0; r < n; r++) {
            todo[r] = r;
        }
        cli_progress_start(&c.progress, n, 0, a->quiet);
        if (ng_sweep_run_threads(&sw, todo, n, a->threads, keep_line, &c, NULL,
                                 &err)) {
            cli_print_error(&err);
            code = CLI_RUNTIME;
        }
        cli_progress_end(&c.progress);
    }
    for (size_t r = 0; code == CLI_OK && r < n; r++) {
        runs[r] = c.lines[r] ? cJSON_Parse(c.lines[r]) : NULL;
        code = runs[r] ? CLI_OK : CLI_RUNTIME;
    }
    if (code == CLI_OK) {
        code = report(base, a, d, runs, skipped);
    }
    for (size_t r = 0; r < n; r++) {
        cJSON_Delete(runs ? runs[r] : NULL);
        free(c.lines ? c.lines[r] : NULL);
    }
    free(runs);
    free(c.lines);
    free(todo);
    return code;
}

int cmd_compare(int argc, char **argv)
{
    compare_args a;
    int code = parse_args(argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_config base;
    ng_errors errs = {0};
    int rc = cli_load_scenario(a.config, a.preset, &base, &errs);
    if (rc == 0) {
        rc = cli_apply_sets(&base, &a.sets, &errs);
    }
    bool known = ng_sweep_is_output(a.rank_by);
    if (rc == 0 && !known) {
        rc = ng_errors_add(&errs, NG_ECONFIG, "--rank-by",
                           "expected survival or a numeric summary metric "
                           "(docs/OUTPUT.md), found \"%s\"",
                           a.rank_by);
    }
    if (rc) {
        cli_print_errors(&errs);
        ng_config_clear(&base);
        return cli_exit_code(rc);
    }
    ng_design d;
    cJSON *skipped = cJSON_CreateArray();
    if (build_design(&base, &d, skipped) || d.n_points == 0 ||
        ng_design_check(&d, &base, &errs)) {
        fprintf(stderr, "netgov: compare: no governance mode and cost rule "
                        "combination is valid for this scenario\n");
        code = CLI_USAGE;
    } else {
        code = run_and_report(&base, &a, &d, skipped);
    }
    cJSON_Delete(skipped);
    ng_design_free(&d);
    ng_config_clear(&base);
    return code;
}
