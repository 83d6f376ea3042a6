/* netgov sweep and netgov sensitivity: run an experiment spec into an
 * output folder, resuming an earlier attempt, on threads or MPI ranks, as
 * one shard of several if asked; sensitivity then estimates Sobol indices
 * or Morris effects from the runs. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "experiment/analysis.h"
#include "netgov/output.h"
#include "netgov/sweep.h"

/* --shard i/n: this process runs the runs r with r % n == i - 1. */
typedef struct sweep_shard {
    size_t i, n;
} sweep_shard;

typedef struct sweep_args {
    const char *spec, *out, *design;
    int threads;
    sweep_shard shard;
    bool quiet, series;
    cli_list sets;   /* only the limits: a sweep's sets are in its spec */
    size_t max_runs; /* 0: the spec's own limit (NG_SWEEP_MAX_RUNS) */
} sweep_args;

/* Read by the worker threads and MPI coordinator: an atomic, lock-free
 * (checked below), so setting it in a signal handler is safe. */
static atomic_int stop_requested;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2,
               "the stop flag must be lock-free to be set by a signal");

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_requested, 1);
}

static bool read_shard(const char *value, void *field)
{
    sweep_shard *sh = field;
    char tail;
    return sscanf(value, "%zu/%zu%c", &sh->i, &sh->n, &tail) == 2 &&
           sh->n >= 1 && sh->i >= 1 && sh->i <= sh->n;
}

static bool read_max_runs(const char *value, void *field)
{
    char *end = NULL;
    double x = strtod(value, &end);
    if (end == value || *end || !(x >= 1 && x <= 1e12) || x != floor(x)) {
        return false;
    }
    *(size_t *)field = (size_t)x;
    return true;
}

#define ARG(f) offsetof(sweep_args, f)

static const cli_option sweep_options[] = {
    CLI_OPTION_THREADS(ARG),
    CLI_OPTIONS_LIMITS(ARG),
    {.name = "--max-runs",
     .value = "N",
     .field = ARG(max_runs),
     .read = read_max_runs,
     .expects = "a whole number of runs from 1 to 1e12",
     .help = "runs a sweep may hold (default 1e7)"},
    {.name = "--out",
     .value = "DIR",
     .field = ARG(out),
     .help = "the output folder (default out/<spec name>)"},
    {.name = "--design",
     .value = "FILE",
     .field = ARG(design),
     .help = "the points from a CSV design instead of the spec's axes"},
    {.name = "--shard",
     .value = "i/n",
     .field = ARG(shard),
     .read = read_shard,
     .expects = "i/n with 1 <= i <= n",
     .help = "run only the i-th of n shares (netgov merge joins them)"},
    {.name = "--series",
     .field = ARG(series),
     .help = "also every run's time series (runs/)"},
    {.name = "--quiet",
     .alias = 'q',
     .field = ARG(quiet),
     .help = "no progress and no summary"},
    {0},
};

#define SWEEP_SPEC                                                             \
    {                                                                          \
        .name = "SPEC", .count = CLI_ONE, .field = ARG(spec),                  \
        .what = "experiment spec", .help = "an experiment spec (JSON)"         \
    }

static const cli_command sweep_command = {
    .name = "sweep",
    .summary = "Runs an experiment spec (axes x replications) into a folder; "
               "running it again\nresumes.",
    .options = sweep_options,
    .input = SWEEP_SPEC,
};

static const cli_command sensitivity_command = {
    .name = "sensitivity",
    .summary = "A sweep of a spec with a \"sensitivity\" section, then its "
               "Sobol indices or\nMorris effects.",
    .options = sweep_options,
    .input = SWEEP_SPEC,
};

static int parse_args(const cli_command *c, int argc, char **argv,
                      sweep_args *a)
{
    memset(a, 0, sizeof *a);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->threads = cores > 0 ? (int)cores : 1;
    a->shard = (sweep_shard){1, 1};
    return cli_parse(c, argc, argv, a);
}

/* ---- the job: spec, base scenario, design ---- */

typedef struct job {
    ng_spec spec;
    ng_config base;
    ng_design design;
    ng_sweep sweep;
    char hash[32];
    char out[1024];
    char docs[1100];
} job;

static int load_base(const ng_spec *s, const char *spec_path, ng_config *cfg,
                     ng_errors *errs)
{
    int rc;
    if (s->base.inline_json) {
        ng_config_init(cfg);
        snprintf(cfg->name, sizeof cfg->name, "%s", s->name);
        rc = ng_config_parse(cfg, s->base.inline_json,
                             strlen(s->base.inline_json), "base.config", errs);
    } else {
        size_t from = errs ? errs->n : 0;
        rc = cli_load_scenario(s->base.file,
                               s->base.file ? NULL : s->base.preset, cfg, errs);
        /* The preset was named in the spec, not with --preset. */
        for (size_t k = from; errs && k < errs->n; k++) {
            if (strcmp(errs->items[k].where, "--preset") == 0) {
                snprintf(errs->items[k].where, sizeof errs->items[k].where,
                         "%.100s:base.preset", spec_path);
            }
        }
    }
    size_t from = errs ? errs->n : 0;
    for (size_t k = 0; rc == 0 && k < s->n_sets; k++) {
        if (ng_config_set(cfg, s->sets[k], NULL) != 0) {
            ng_errors one = {0};
            ng_config_set(cfg, s->sets[k], &one);
            for (size_t e = 0; e < one.n; e++) {
                ng_errors_add(errs, one.items[e].code, NULL, "%s",
                              one.items[e].msg);
                snprintf(errs->items[errs->n - 1].where,
                         sizeof errs->items[0].where, "%.80s:set.%.70s",
                         spec_path, one.items[e].where);
            }
        }
    }
    return errs && errs->n > from ? NG_ECONFIG : rc;
}

static int config_text(const ng_config *cfg, char **text)
{
    size_t len;
    FILE *f = open_memstream(text, &len);
    if (!f) {
        return NG_ENOMEM;
    }
    int rc = ng_output_config(cfg, f, NULL);
    fclose(f);
    return rc;
}

/* The fingerprint of everything that decides the runs' results. */
static int job_hash(job *j)
{
    char *base = NULL;
    if (config_text(&j->base, &base)) {
        free(base);
        return NG_ENOMEM;
    }
    size_t n =
        2 + j->design.n_cols + j->design.n_points * (j->design.n_cols + 1);
    const char **parts = calloc(n, sizeof *parts);
    if (!parts) {
        free(base);
        return NG_ENOMEM;
    }
    size_t k = 0;
    parts[k++] = j->spec.canonical;
    parts[k++] = base;
    for (size_t c = 0; c < j->design.n_cols; c++) {
        parts[k++] = j->design.paths[c];
    }
    for (size_t p = 0; p < j->design.n_points; p++) {
        parts[k++] = j->design.ids[p];
        for (size_t c = 0; c < j->design.n_cols; c++) {
            parts[k++] = j->design.cells[p * j->design.n_cols + c];
        }
    }
    ng_sweep_hash(parts, k, j->hash);
    free(parts);
    free(base);
    return 0;
}

/* Every point must fit the limits one run is held to (--max-memory,
 * --max-work), its memory counted once per thread that may hold such a
 * run at once, so that a sweep is refused before it starts rather than
 * failing at allocation half way through. */
static int check_points_fit(const job *j, const sweep_args *a, ng_errors *errs)
{
    double held = (double)a->threads;
    for (size_t p = 0; p < j->design.n_points; p++) {
        ng_config cfg;
        ng_config_init(&cfg);
        if (ng_config_copy(&cfg, &j->base)) {
            return ng_errors_add(errs, NG_ENOMEM, NULL, "out of memory");
        }
        ng_design_apply(&j->design, p, &cfg, NULL);
        ng_estimate e;
        ng_config_estimate(&cfg, &e);
        double max_gib = ng_config_max_memory_gib(&cfg);
        double max_work = ng_config_max_work(&cfg);
        ng_config_clear(&cfg);
        char where[NG_PATH_MAX + 16];
        snprintf(where, sizeof where, "design point %.*s", NG_PATH_MAX - 1,
                 j->design.ids[p]);
        if (e.bytes * held > max_gib * 1073741824.0) {
            return ng_errors_add(
                errs, NG_ECONFIG, where,
                "expected runs within the memory limit of %g GiB (raise it "
                "with --max-memory, or use fewer threads with -j), found "
                "about %.3g GiB: %.3g GiB per run x %d threads",
                max_gib, e.bytes * held / 1073741824.0, e.bytes / 1073741824.0,
                a->threads);
        }
        if (e.work > max_work) {
            return ng_errors_add(
                errs, NG_ECONFIG, where,
                "expected runs within the work limit of %.3g tie visits "
                "(raise it with --max-work), found %.3g per run",
                max_work, e.work);
        }
    }
    return 0;
}

static int job_load(job *j, const sweep_args *a, const char *cmd,
                    ng_errors *errs)
{
    int rc = ng_spec_load(&j->spec, a->spec, errs);
    if (rc) {
        return rc;
    }
    if (a->max_runs) {
        j->spec.max_runs = a->max_runs;
    }
    bool sensitivity = !strcmp(cmd, "sensitivity");
    if (sensitivity != (j->spec.analysis != NG_ANALYSIS_NONE)) {
        return ng_errors_add(
            errs, NG_ECONFIG, a->spec,
            sensitivity ? "expected a \"sensitivity\" section for netgov "
                          "sensitivity"
                        : "this spec asks for a sensitivity analysis: run it "
                          "with netgov sensitivity");
    }
    if (a->design && (j->spec.n_axes || sensitivity)) {
        return ng_errors_add(errs, NG_ECONFIG, a->spec,
                             "expected no axes in a spec used with --design "
                             "(the design file gives the points)");
    }
    rc = load_base(&j->spec, a->spec, &j->base, errs);
    rc = rc ? rc : cli_apply_sets(&j->base, &a->sets, errs);
    if (rc) {
        return rc;
    }
    uint64_t master =
        j->spec.has_seed ? j->spec.seed : (uint64_t)j->base.p.run_seed;
    if (a->design) {
        ng_table t = {0};
        rc = ng_table_read(a->design, &t, errs);
        rc = rc ? rc : ng_design_from_table(&t, &j->design, errs);
        rc = rc ? rc : ng_design_check_work(&j->design, &j->spec, errs);
        ng_table_free(&t);
    } else {
        rc = ng_design_from_spec(&j->spec, master, &j->design, errs);
    }
    rc = rc ? rc : ng_design_check(&j->design, &j->base, errs);
    rc = rc ? rc : check_points_fit(j, a, errs);
    if (rc) {
        return rc;
    }
    if (a->out) {
        snprintf(j->out, sizeof j->out, "%s", a->out);
    } else {
        char safe[NG_NAME_MAX];
        cli_safe_name(j->spec.name[0] ? j->spec.name : j->base.name, safe,
                      sizeof safe);
        snprintf(j->out, sizeof j->out, "out/%s", safe);
    }
    snprintf(j->docs, sizeof j->docs, "%s/runs", j->out);
    j->sweep = (ng_sweep){&j->base,
                          &j->design,
                          j->spec.replications,
                          master,
                          j->spec.common_numbers,
                          j->spec.series_every,
                          a->series ? j->docs : NULL};
    return job_hash(j) ? ng_errors_add(errs, NG_ENOMEM, NULL, "out of memory")
                       : 0;
}

static void job_free(job *j)
{
    ng_spec_free(&j->spec);
    ng_config_clear(&j->base);
    ng_design_free(&j->design);
}

/* ---- running ---- */

typedef struct sink_ctx {
    ng_store *store;
    cli_progress progress;
    ng_error err;
    int status;
} sink_ctx;

static void to_store(void *ctx, size_t run, const char *line)
{
    (void)run;
    sink_ctx *c = ctx;
    if (c->status == 0) {
        c->status = ng_store_append(c->store, line, &c->err);
    }
    if (c->status) {
        atomic_store(&stop_requested, 1);
    }
    cli_progress_step(&c->progress);
}

static size_t *todo_list(const ng_store *st, const sweep_args *a, size_t *n)
{
    size_t *todo = malloc((st->n_runs ? st->n_runs : 1) * sizeof *todo);
    *n = 0;
    for (size_t r = 0; todo && r < st->n_runs; r++) {
        if (r % a->shard.n == a->shard.i - 1 && !st->done[r]) {
            todo[(*n)++] = r;
        }
    }
    return todo;
}

static int run_all(job *j, const sweep_args *a, ng_store *st, int ranks,
                   double *seconds)
{
    size_t n_todo;
    size_t *todo = todo_list(st, a, &n_todo);
    if (!todo) {
        fprintf(stderr, "netgov: out of memory\n");
        return CLI_RUNTIME;
    }
    sink_ctx c = {st, {0}, {0}, 0};
    cli_progress_start(&c.progress, st->n_mine, st->n_mine - n_todo, a->quiet);
    double t0 = cli_seconds();
    ng_error err = {0};
    int rc;
#ifdef NG_HAVE_MPI
    if (ranks > 1) {
        rc = ng_sweep_run_mpi(&j->sweep, todo, n_todo, to_store, &c,
                              &stop_requested, &err);
    } else
#endif
    {
        (void)ranks;
        rc = ng_sweep_run_threads(&j->sweep, todo, n_todo, a->threads, to_store,
                                  &c, &stop_requested, &err);
    }
    *seconds = cli_seconds() - t0;
    cli_progress_end(&c.progress);
    free(todo);
    if (c.status) {
        cli_print_error(&c.err);
        return CLI_RUNTIME;
    }
    if (rc) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static int finish(job *j, const sweep_args *a, ng_store *st,
                  const ng_provenance *pv, double seconds, size_t ran)
{
    if (st->n_done < st->n_mine) {
        fprintf(stderr,
                "netgov: interrupted after %zu of %zu runs; run the same "
                "command again to resume\n",
                st->n_done, st->n_mine);
        return CLI_RUNTIME;
    }
    ng_error err = {0};
    if (ng_store_finish(st, pv, &err)) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    if (!a->quiet) {
        fprintf(stderr, "netgov: %s: %zu runs (%zu this time, %.1f runs/s)",
                j->spec.name[0] ? j->spec.name : a->spec, st->n_mine, ran,
                seconds > 0 ? (double)ran / seconds : 0.0);
        if (st->n_failed) {
            fprintf(stderr, "; %zu failed (see \"error\" in runs.jsonl)",
                    st->n_failed);
        }
        fprintf(stderr, "; wrote %s/\n", j->out);
        if (a->shard.n > 1) {
            fprintf(stderr,
                    "  shard %zu/%zu: merge all shards with netgov merge\n",
                    a->shard.i, a->shard.n);
        }
    }
    return CLI_OK;
}

/* An MPI rank other than 0 runs what rank 0 hands out until it says
 * stop; rank 0 says stop at once when it cannot open the store. */
static int serve(job *j)
{
#ifdef NG_HAVE_MPI
    ng_error err = {0};
    return ng_sweep_run_mpi(&j->sweep, NULL, 0, NULL, NULL, &stop_requested,
                            &err)
               ? CLI_RUNTIME
               : CLI_OK;
#else
    (void)j;
    return CLI_OK;
#endif
}

static int run_store(job *j, const sweep_args *a, ng_store *st,
                     const ng_provenance *pv, int ranks)
{
    size_t before = st->n_done;
    double seconds = 0;
    int code = run_all(j, a, st, ranks, &seconds);
    if (code == CLI_OK) {
        code = finish(j, a, st, pv, seconds, st->n_done - before);
    }
    if (code == CLI_OK && j->spec.analysis != NG_ANALYSIS_NONE &&
        a->shard.n == 1) {
        code = cli_sensitivity_report(&j->spec, &j->design,
                                      j->sweep.master_seed, j->out, a->quiet);
    }
    return code;
}

/* The only process, or rank 0 of an MPI run: the store and the results. */
static int lead(job *j, const sweep_args *a, const char *cmd, int ranks,
                ng_errors *errs)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    ng_provenance pv = {cmd,
                        j->spec.canonical,
                        j->hash,
                        a->design,
                        j->sweep.master_seed,
                        j->spec.common_numbers,
                        j->design.n_points,
                        j->spec.replications,
                        j->spec.confidence,
                        a->shard.i,
                        a->shard.n,
                        ranks > 1 ? 1 : a->threads,
                        ranks};
    ng_store st;
    int code, rc = ng_store_open(&st, j->out, &pv, errs);
    if (rc) {
        cli_print_errors(errs);
        /* A changed spec is bad input; a folder that cannot be written is
         * a runtime failure. */
        code = rc == NG_ECONFIG ? CLI_USAGE : CLI_RUNTIME;
        if (ranks > 1) {
            serve(j);
        }
    } else {
        if (st.n_quarantined) {
            /* Said even with --quiet: results were found damaged. */
            fprintf(stderr,
                    "netgov: %s/runs.jsonl: set aside %zu damaged or foreign "
                    "line%s in %s/quarantine.jsonl; their runs are done "
                    "again\n",
                    j->out, st.n_quarantined, st.n_quarantined == 1 ? "" : "s",
                    j->out);
        }
        code = run_store(j, a, &st, &pv, ranks);
    }
    ng_store_close(&st);
    return code;
}

static int sweep_job(const char *cmd, const sweep_args *a, int rank, int ranks)
{
    job j;
    memset(&j, 0, sizeof j);
    ng_errors errs = {0};
    int code, rc = job_load(&j, a, cmd, &errs);
    if (rc) {
        if (rank == 0) {
            cli_print_errors(&errs);
        }
        code = cli_exit_code(rc);
    } else if (rank > 0) {
        code = serve(&j);
    } else {
        code = lead(&j, a, cmd, ranks, &errs);
    }
    job_free(&j);
    return code;
}

static int sweep_main(const cli_command *c, int argc, char **argv)
{
    int rank = 0, ranks = 1;
#ifdef NG_HAVE_MPI
    if (ng_mpi_start(&argc, &argv, &rank, &ranks)) {
        fprintf(stderr, "netgov: %s: MPI failed to start\n", c->name);
        return CLI_RUNTIME;
    }
#endif
    sweep_args a;
    int code = parse_args(c, argc, argv, &a);
    if (code == CLI_CONTINUE) {
        code = sweep_job(c->name, &a, rank, ranks);
    }
#ifdef NG_HAVE_MPI
    ng_mpi_stop();
#endif
    return code;
}

int cmd_sweep(int argc, char **argv)
{
    return sweep_main(&sweep_command, argc, argv);
}

int cmd_sensitivity(int argc, char **argv)
{
    return sweep_main(&sensitivity_command, argc, argv);
}
