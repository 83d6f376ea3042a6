/* Experiments: samplers, summary statistics and sensitivity analysis.
 *
 * The pieces here are pure functions on arrays: they know nothing of the
 * model, so they can be tested against known answers (hand-computed
 * statistics, the Ishigami function's analytic Sobol indices).  The sweep
 * runner that uses them lives in sweep.h.
 */
#ifndef NETGOV_EXPERIMENT_H
#define NETGOV_EXPERIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "netgov/error.h"

/* ---- summary statistics (stats.c) ---- */

/* Mean, sample standard deviation and the two-sided confidence interval of
 * the mean (Student's t with n-1 degrees of freedom) of n values.
 * Undefined parts are NaN: all of them when n == 0, sd and the interval
 * when n == 1.  An interval of a constant sample has zero width. */
typedef struct ng_stat {
    size_t n;
    double mean, sd, ci_low, ci_high;
} ng_stat;

void ng_stat_describe(const double *x, size_t n, double level, ng_stat *out);

/* ---- samplers of the unit hypercube (sample.c) ---- */

/* Latin hypercube: n points in [0,1)^k written row-major into u (n*k).
 * Each dimension's n strata [j/n, (j+1)/n) hold exactly one point, placed
 * uniformly inside its stratum; strata are paired across dimensions by
 * independent random permutations.  Draws come from an mt19937 generator
 * seeded with `seed` (1..2^32-1).  Returns 0 or NG_EINVAL (n == 0, k == 0)
 * or NG_ENOMEM. */
int ng_sample_lhs(size_t n, size_t k, uint64_t seed, double *u);

/* The first n points of GSL's Sobol sequence in k dimensions (1 <= k <=
 * NG_SOBOL_MAX_DIM), row-major into u.  GSL never outputs the all-zero
 * point: its sequence starts at (1/2, ..., 1/2).
 * Returns 0 or NG_EINVAL or NG_ENOMEM. */
#define NG_SOBOL_MAX_DIM 40
int ng_sample_sobol(size_t n, size_t k, double *u);

/* ---- tables of values from other tools (table.c) ---- */

/* A design matrix read from CSV or JSON: a header of column names and
 * n_rows x n_cols cells, each the JSON text of one value ("0.25",
 * "\"nao\"", "[0.1,0.2,0.3,0.4]").  CSV cells that are not valid JSON are
 * taken as strings and quoted, so `nao` and `"nao"` read the same. */
typedef struct ng_table {
    size_t n_cols, n_rows;
    char **header; /* n_cols names */
    char **cells;  /* n_rows * n_cols JSON texts, row-major */
} ng_table;

/* Reads `path`: JSON when its first non-blank character is '[' (an array
 * of objects, one per row, all with the same keys) or '{' (an object
 * {"columns": [...], "rows": [[...], ...]}), CSV otherwise (a header line,
 * comma-separated, double quotes around fields that hold commas or quotes,
 * blank lines ignored, CRLF accepted).  Every problem is reported as
 * "<path>:<line>" (CSV) or "<path>: rows[3].x" (JSON) with what was expected
 * and found; returns 0, NG_EIO (unreadable) or NG_ECONFIG. */
int ng_table_read(const char *path, ng_table *t, ng_errors *errs);
/* A table has at most this many columns (one per parameter path, and an
 * id); a wider header is refused. */
#define NG_TABLE_MAX_COLUMNS 1000
/* Same from text in memory; `source` names it in messages. */
int ng_table_parse(const char *text, size_t len, const char *source,
                   ng_table *t, ng_errors *errs);
void ng_table_free(ng_table *t);

/* ---- sensitivity analysis (sensitivity.c, morris.c) ---- */

/* Saltelli's design for Sobol indices of k inputs with n base samples:
 * n*(k+2) rows of k values in [0,1), row-major into u.  Rows [0, n) are
 * matrix A, rows [n, 2n) matrix B, and rows [(2+i)n, (3+i)n) matrix AB_i
 * (A with column i taken from B), for i = 0..k-1.  A and B are the two
 * halves of the first n points of a 2k-dimensional Sobol sequence, so
 * k <= NG_SOBOL_MAX_DIM / 2.  Returns 0 or NG_EINVAL or NG_ENOMEM. */
int ng_saltelli_design(size_t n, size_t k, double *u);

typedef struct ng_sobol_index {
    double first, first_low, first_high; /* S_i and its bootstrap interval */
    double total, total_low, total_high; /* S_Ti and its bootstrap interval */
} ng_sobol_index;

/* First-order and total Sobol indices from outputs y (n*(k+2), in the row
 * order of ng_saltelli_design), with Jansen's estimators:
 *   V    = variance of the 2n outputs of A and B,
 *   S_i  = 1 - sum_j (y_B[j] - y_ABi[j])^2 / (2 n V),
 *   S_Ti =     sum_j (y_A[j] - y_ABi[j])^2 / (2 n V).
 * Percentile bootstrap intervals at `level` from `bootstrap` resamples of
 * the n rows (mt19937 seeded with `seed`); bootstrap == 0 leaves the
 * intervals NaN.  When V == 0 every index is NaN.  Returns 0, NG_EINVAL
 * (n < 2, a non-finite y) or NG_ENOMEM. */
int ng_sobol_indices(const double *y, size_t n, size_t k, size_t bootstrap,
                     double level, uint64_t seed, ng_sobol_index *out,
                     ng_error *err);

/* Morris's trajectory design: r trajectories of k+1 points each on a grid
 * of `levels` (even, >= 2) levels in [0,1], step delta = levels /
 * (2 (levels - 1)); each trajectory changes one input at a time, in a
 * random order and direction.  Row-major into u (r*(k+1)*k).  mt19937
 * seeded with `seed`.  Returns 0 or NG_EINVAL or NG_ENOMEM. */
int ng_morris_design(size_t r, size_t k, size_t levels, uint64_t seed,
                     double *u);

typedef struct ng_morris_effect {
    double mu;      /* mean elementary effect */
    double mu_star; /* mean absolute elementary effect */
    double sigma;   /* standard deviation of the elementary effects */
    double mu_star_low, mu_star_high; /* bootstrap interval of mu_star */
} ng_morris_effect;

/* Elementary effects (y(x + delta e_i) - y(x)) / delta per input from the
 * design u and outputs y (r*(k+1)), in the input's unit-cube scale.  A
 * percentile bootstrap over trajectories gives mu_star's interval (NaN when
 * bootstrap == 0).  Returns 0, NG_EINVAL (r < 1, a non-finite y, a design
 * that does not step one input per row) or NG_ENOMEM. */
int ng_morris_effects(const double *u, const double *y, size_t r, size_t k,
                      size_t bootstrap, double level, uint64_t seed,
                      ng_morris_effect *out, ng_error *err);

#endif
