/* Sweeps: experiment specs, designs, the parallel runner and the output
 * folder (runs.jsonl, manifest.json, summary.json, summary.csv).
 *
 * A sweep is a list of design points (parameter assignments) times a number
 * of replications.  Run r of a sweep is design point r / R, replication
 * r % R; its seed depends only on the master seed, the point and the
 * replication (ng_sweep_seed), so a run's result does not depend on which
 * thread or MPI rank ran it or when.  docs/EXPERIMENTS.md is the reference.
 */
#ifndef NETGOV_SWEEP_H
#define NETGOV_SWEEP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netgov/config.h"
#include "netgov/error.h"
#include "netgov/experiment.h"
#include "netgov/params.h"

/* ---- specs (spec.c) ---- */

#define NG_PATH_MAX 160

/* One axis: a list of values (each the JSON text of a value) or a range
 * [min, max] of a real or integer parameter, sampled by the spec's
 * sampler. */
typedef struct ng_axis {
    char path[NG_PATH_MAX];
    const ng_param *param;
    size_t n_values;
    char **values; /* NULL for a range */
    double min, max;
} ng_axis;

typedef enum ng_sampler {
    NG_SAMPLER_NONE, /* no range axes */
    NG_SAMPLER_LHS,
    NG_SAMPLER_SOBOL
} ng_sampler;

typedef enum ng_analysis {
    NG_ANALYSIS_NONE,
    NG_ANALYSIS_SOBOL, /* Saltelli design, Jansen estimators */
    NG_ANALYSIS_MORRIS /* elementary effects on trajectories */
} ng_analysis;

/* Where the base scenario comes from: exactly one of these is set. */
typedef struct ng_base {
    char preset[NG_NAME_MAX]; /* a built-in scenario */
    char *file;               /* a config file, relative to the spec's folder */
    char *inline_json;        /* the config itself, as JSON text */
} ng_base;

typedef struct ng_spec {
    char name[NG_NAME_MAX];
    char description[2048];
    ng_base base;
    char **sets; /* fixed overrides "path=<json>" applied to the base */
    size_t n_sets;
    ng_axis *axes;
    size_t n_axes;
    ng_sampler sampler;
    size_t samples; /* sampler points */
    size_t replications;
    bool has_seed;
    uint64_t seed;       /* master seed; default: the base's run.seed */
    bool common_numbers; /* same seeds at every design point */
    size_t series_every; /* keep every k-th tick of the key series; 0:
                          * automatic (NG_SWEEP_SERIES_POINTS) */
    double confidence;   /* level of the confidence intervals */
    /* sensitivity analysis */
    ng_analysis analysis;
    size_t sa_samples; /* Sobol: base samples n; Morris: trajectories r */
    size_t levels;     /* Morris grid levels */
    size_t bootstrap;
    char **outputs; /* summary metrics to analyse */
    size_t n_outputs;
    char *canonical; /* the spec as compact JSON, for the manifest and hash */
    /* Most runs (design points x replications) a sweep of this spec may
     * have; ng_spec_parse sets NG_SWEEP_MAX_RUNS, a caller may raise it
     * before building the design. */
    size_t max_runs;
} ng_spec;

/* True for a metric a sensitivity analysis or a ranking can use: a number
 * of a run's summary object, or "survival" (1 unless it dissolved). */
bool ng_sweep_is_output(const char *name);

/* Parses and validates a spec; every problem is collected into errs with
 * its field path ("axes[1].values[0]").  `source` names the text in
 * messages; a base file is resolved relative to `dir` ("" for the current
 * folder). */
int ng_spec_parse(ng_spec *s, const char *text, size_t len, const char *source,
                  const char *dir, ng_errors *errs);
int ng_spec_load(ng_spec *s, const char *path, ng_errors *errs);
void ng_spec_free(ng_spec *s);

/* ---- designs (design.c) ---- */

/* Limits on the size of a sweep (docs/EXPERIMENTS.md): a design of more
 * points, or of more cells (points x columns), is refused before anything
 * is allocated for it; so is a sweep of more than its spec's max_runs runs
 * (NG_SWEEP_MAX_RUNS unless raised). */
#define NG_DESIGN_MAX_POINTS ((size_t)1000000)
#define NG_DESIGN_MAX_CELLS ((size_t)10000000)
#define NG_SWEEP_MAX_RUNS ((size_t)10000000)

/* Design points: n_points rows of n_cols assignments (JSON value texts)
 * to parameter paths, and a stable id per row. */
typedef struct ng_design {
    size_t n_cols, n_points;
    char **paths; /* n_cols */
    char **cells; /* n_points * n_cols */
    char **ids;   /* n_points */
    /* Unit-cube coordinates of the range axes (n_points * n_unit), for the
     * sensitivity estimators; NULL when there are none. */
    double *unit;
    size_t n_unit;
    /* The cells parsed once by ng_design_check, so that runs on several
     * threads only read them (cJSON's parser writes a shared error
     * record). */
    struct cJSON **values;
} ng_design;

/* Expands a spec's axes: the full factorial of the value axes (the first
 * axis varies slowest), times the sampler's points of the range axes (or
 * the Saltelli / Morris design when the spec asks for a sensitivity
 * analysis).  Random designs (LHS, Morris) draw from a generator seeded with
 * ng_seed_mix(master_seed, NG_DESIGN_STREAM). */
#define NG_DESIGN_STREAM UINT64_C(0x64657369676e) /* "design" */
int ng_design_from_spec(const ng_spec *s, uint64_t master_seed, ng_design *d,
                        ng_errors *errs);
/* Takes a table from another tool: one point per row; a column "id" holds
 * the rows' ids (unique), otherwise the ids are the row numbers from 0. */
int ng_design_from_table(const ng_table *t, ng_design *d, ng_errors *errs);
/* Refuses (NG_ECONFIG, naming the sizes) a design whose points times the
 * spec's replications exceed the spec's max_runs.  ng_design_from_spec
 * checks this itself; a design from a table must be checked with it. */
int ng_design_check_work(const ng_design *d, const ng_spec *s, ng_errors *errs);
/* Applies point p's assignments to cfg. */
int ng_design_apply(const ng_design *d, size_t p, ng_config *cfg,
                    ng_errors *errs);
/* Parses every cell once (see values) and applies every point to a copy
 * of base, reporting assignments that are not valid parameter values with
 * the point and its id.  A sweep's runner needs a checked design. */
int ng_design_check(ng_design *d, const ng_config *base, ng_errors *errs);
void ng_design_free(ng_design *d);

/* ---- runs (runner.c) ---- */

/* The key observables every run line carries as series. */
#define NG_SWEEP_SERIES(X)                                                     \
    X(members)                                                                 \
    X(contribution)                                                            \
    X(free_riding) X(interpersonal_trust) X(system_trust) X(public_value)

/* With series_every 0, a run keeps every ceil(run.ticks / 50)-th tick of
 * its key series, at most about 50 points: writing and reading the series
 * would otherwise cost as much as the run itself. */
#define NG_SWEEP_SERIES_POINTS 50

typedef struct ng_sweep {
    const ng_config *base; /* the spec's base with its fixed overrides */
    const ng_design *design;
    size_t replications;
    uint64_t master_seed;
    bool common_numbers;
    size_t series_every;
    const char *documents_dir; /* full run documents go here, or NULL */
} ng_sweep;

/* Seed of replication `rep` at design point `point`: splitmix64 of the
 * master seed and the stream rep (common random numbers) or
 * (point + 1) * 2^32 + rep (independent), through ng_seed_mix. */
uint64_t ng_sweep_seed(uint64_t master, size_t point, size_t rep,
                       bool common_numbers);
size_t ng_sweep_runs(const ng_sweep *s);

/* Runs run `r` and formats its line of runs.jsonl (no newline) into a
 * malloc'ed string.  A run that fails (invalid combination of parameters,
 * a broken invariant) still gives a line, with "error" instead of the
 * results.  Returns 0, NG_ENOMEM, or NG_EINVAL for a design that has not
 * been through ng_design_check. */
int ng_sweep_run_line(const ng_sweep *s, size_t r, char **line);

/* Receives finished lines; calls are serialised. */
typedef void (*ng_line_sink)(void *ctx, size_t run, const char *line);

/* Runs the listed runs on `threads` threads and hands each line to sink.
 * Stops taking new runs once *stop becomes non-zero (lines of runs in
 * flight are still delivered).  stop may be set from a signal handler: a
 * lock-free atomic_int is async-signal-safe and, unlike a volatile
 * sig_atomic_t, may be read by other threads.  Returns 0 or NG_ENOMEM /
 * NG_EINVAL. */
int ng_sweep_run_threads(const ng_sweep *s, const size_t *todo, size_t n_todo,
                         int threads, ng_line_sink sink, void *ctx,
                         atomic_int *stop, ng_error *err);

/* ---- the output folder (store.c) ---- */

/* What the manifest records about a sweep. */
typedef struct ng_provenance {
    const char *command;     /* "sweep" or "sensitivity" */
    const char *spec_json;   /* the spec, compact */
    const char *spec_hash;   /* ng_sweep_hash of spec, base and design */
    const char *design_file; /* --design FILE, or NULL */
    uint64_t master_seed;
    bool common_numbers;
    size_t points, replications;
    double confidence;
    size_t shard, shards; /* this is shard `shard` (1-based) of `shards` */
    int threads, ranks;
} ng_provenance;

/* An open output folder: runs.jsonl opened for appending, which runs of
 * this shard it already holds, and the lock on the folder. */
typedef struct ng_store {
    char dir[4096];
    int fd;
    int lock_fd;          /* holds the lock on sweep.lock */
    char fingerprint[96]; /* what each line's check covers besides it */
    size_t n_quarantined; /* lines set aside when it was opened */
    size_t n_runs;        /* of the whole sweep */
    unsigned char *done;
    size_t n_done, n_mine; /* done and total runs of this shard */
    size_t n_failed;       /* runs with an error, known after finishing */
    char started[32];
    int attempts;
} ng_store;

/* "fnv1a64:<16 hex digits>" of the parts, each followed by a newline: a
 * fingerprint that tells a changed spec from the one a folder was made
 * with (not a cryptographic hash). */
void ng_sweep_hash(const char *const *parts, size_t n, char out[32]);

/* Opens (creating) the folder and locks it (sweep.lock; NG_EIO naming the
 * holder's pid when another process has it), removing the temporaries of
 * a killed attempt.  If it holds an earlier attempt of the same sweep
 * (same spec hash, seed, engine version and shard), the runs already in
 * runs.jsonl count as done: a line that is damaged, foreign or a second
 * line of a run is set aside in quarantine.jsonl (its run is redone) and a
 * line cut short by a crash is dropped.  A folder made by a different
 * spec, a damaged manifest, or runs without a manifest are refused with
 * NG_ECONFIG.  Writes the manifest with status "running".  The lock is a
 * POSIX record lock, so it keeps other processes out, not another store
 * of the same process on the same folder. */
int ng_store_open(ng_store *st, const char *dir, const ng_provenance *pv,
                  ng_errors *errs);
/* Appends one line (a JSON object, which gets its "check" member) with a
 * single write, so a crash loses at most the lines not yet written. */
int ng_store_append(ng_store *st, const char *line, ng_error *err);
/* Rewrites runs.jsonl in run order, writes summary.json and summary.csv
 * (unless this is one shard of several) and marks the manifest
 * "complete". */
int ng_store_finish(ng_store *st, const ng_provenance *pv, ng_error *err);
void ng_store_close(ng_store *st);

/* Merges the folders of all shards of one sweep into out_dir: the same
 * runs.jsonl, summary.json and summary.csv as an unsharded sweep.  Every
 * manifest field and line is checked before anything is written; a
 * damaged line is refused (NG_ECONFIG) naming its file and line, and a
 * failed merge leaves no runs without summary and manifest. */
int ng_store_merge(const char *out_dir, const char *const *dirs, size_t n,
                   ng_errors *errs);

/* ---- MPI (runner_mpi.c, only in a build with -DNETGOV_MPI=ON, which
 * defines NG_HAVE_MPI) ---- */

/* Initialises MPI (once) and tells this process's rank and the count. */
int ng_mpi_start(int *argc, char ***argv, int *rank, int *ranks);
void ng_mpi_stop(void);
/* On rank 0: hands the listed runs to the other ranks one at a time and
 * passes their lines to sink; on the other ranks: runs what rank 0 sends
 * (todo and sink are ignored there).  Needs at least two ranks. */
int ng_sweep_run_mpi(const ng_sweep *s, const size_t *todo, size_t n_todo,
                     ng_line_sink sink, void *ctx, atomic_int *stop,
                     ng_error *err);

/* ---- summaries (summary.c) ---- */

/* Writes summary.json and summary.csv into dir from the runs of a sorted
 * runs.jsonl (grouped by design point): per point the mean, sd and
 * confidence interval of every numeric summary metric, the outcome and
 * cause frequencies, and the mean key series with confidence bands. */
int ng_summary_write(const char *runs_path, const char *dir, double level,
                     ng_error *err);

#endif
