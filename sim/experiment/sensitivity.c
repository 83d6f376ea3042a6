/* Variance-based sensitivity analysis: Saltelli's design and Jansen's
 * estimators of first-order and total Sobol indices (experiment.h).
 *
 * The design is the cheapest one that yields both indices for every input:
 * two independent quasi-random matrices A and B and, per input i, the
 * matrix AB_i that differs from A only in column i, n (k + 2) model runs in
 * all.  A and B come from one 2k-dimensional Sobol sequence rather than two
 * k-dimensional ones, because the columns of one sequence are jointly well
 * spread while two copies of the same k-dimensional sequence would be
 * identical.  GSL's Sobol generator never returns the sequence's all-zero
 * point: its first point is (1/2, ..., 1/2).  So every point GSL returns is
 * used and no draw is discarded.
 *
 * Conventions of the estimators (Jansen 1999; Saltelli et al. 2010):
 *  - V is the sample variance of the 2n outputs of A and B with the 2n - 1
 *    denominator (gsl_stats_variance), the unbiased estimate of Var(Y);
 *  - the numerators are (1/2n) sum_j (...)^2 with n, not n - 1: the
 *    differences have mean zero by construction and no mean is estimated
 *    from them, so (1/2n) sum is already unbiased for V (1 - S_i) and V S_Ti;
 *  - the bootstrap resamples the n row indices j with replacement, the same
 *    j for A, B and every AB_i, and recomputes V and both indices from the
 *    resampled rows alone.  A resample whose V is 0 (every drawn output
 *    equal) has no defined index and is skipped; the percentile interval is
 *    taken over the resamples kept, and is NaN when none was kept.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "io/error_internal.h"
#include "netgov/experiment.h"

/* a * b without overflow into *out; false when it would overflow. */
static bool mul_size(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b) {
        return false;
    }
    *out = a * b;
    return true;
}

/* Writes row j of A, B and every AB_i from one 2k-dimensional point. */
static void put_design_row(const double *point, size_t n, size_t k, size_t j,
                           double *u)
{
    double *a = u + j * k, *b = u + (n + j) * k;
    for (size_t c = 0; c < k; c++) {
        a[c] = point[c];
        b[c] = point[k + c];
    }
    for (size_t i = 0; i < k; i++) {
        double *ab = u + ((2 + i) * n + j) * k;
        for (size_t c = 0; c < k; c++) {
            ab[c] = c == i ? b[c] : a[c];
        }
    }
}

int ng_saltelli_design(size_t n, size_t k, double *u)
{
    ng__gsl_init();
    size_t rows, cells;
    if (n == 0 || k == 0 || k > NG_SOBOL_MAX_DIM / 2 || !u ||
        !mul_size(n, k + 2, &rows) || !mul_size(rows, k, &cells)) {
        return NG_EINVAL;
    }
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned int)(2 * k));
    double *point = malloc(2 * k * sizeof *point);
    int rc = q && point ? 0 : NG_ENOMEM;
    for (size_t j = 0; rc == 0 && j < n; j++) {
        /* GSL refuses points beyond its 2^30 - 1 bits of sequence. */
        if (gsl_qrng_get(q, point) != 0) {
            rc = NG_EINVAL;
        } else {
            put_design_row(point, n, k, j, u);
        }
    }
    free(point);
    if (q) {
        gsl_qrng_free(q);
    }
    return rc;
}

/* Jansen's estimators over the rows idx[0..n) (idx NULL: rows 0..n-1),
 * into first[k] and total[k].  buf holds 2n doubles of scratch.  Returns V;
 * when V is 0 first and total are left untouched. */
static double jansen(const double *y, size_t n, size_t k, const size_t *idx,
                     double *buf, double *first, double *total)
{
    const double *ya = y, *yb = y + n;
    for (size_t j = 0; j < n; j++) {
        size_t row = idx ? idx[j] : j;
        buf[j] = ya[row];
        buf[n + j] = yb[row];
    }
    double v = gsl_stats_variance(buf, 1, 2 * n);
    if (v == 0) {
        return v;
    }
    double denom = 2.0 * (double)n * v;
    for (size_t i = 0; i < k; i++) {
        const double *yab = y + (2 + i) * n;
        double sum_b = 0, sum_a = 0;
        for (size_t j = 0; j < n; j++) {
            size_t row = idx ? idx[j] : j;
            double db = yb[row] - yab[row], da = ya[row] - yab[row];
            sum_b += db * db;
            sum_a += da * da;
        }
        first[i] = 1.0 - sum_b / denom;
        total[i] = sum_a / denom;
    }
    return v;
}

/* The [alpha, 1 - alpha] percentile interval of x[0..m), sorted in place;
 * NaN when m == 0. */
static void percentile_interval(double *x, size_t m, double level, double *lo,
                                double *hi)
{
    if (m == 0) {
        *lo = *hi = NAN;
        return;
    }
    double alpha = (1.0 - level) / 2.0;
    gsl_sort(x, 1, m);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, m, alpha);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, m, 1.0 - alpha);
}

/* Scratch of the bootstrap: resampled rows, outputs and per-resample
 * indices, stored input-major (boot_first[i * bootstrap + b]). */
typedef struct boot_work {
    size_t *idx;
    double *buf, *first, *total, *boot_first, *boot_total;
} boot_work;

static void boot_free(boot_work *w)
{
    free(w->idx);
    free(w->buf);
    free(w->first);
    free(w->total);
    free(w->boot_first);
    free(w->boot_total);
}

static int boot_alloc(boot_work *w, size_t n, size_t k, size_t bootstrap)
{
    /* 2n doubles fit: the caller's n (k + 2) outputs do. */
    size_t cells;
    if (!mul_size(k, bootstrap, &cells) || cells > SIZE_MAX / sizeof(double)) {
        return NG_ENOMEM;
    }
    w->idx = malloc(n * sizeof *w->idx);
    w->buf = malloc(2 * n * sizeof *w->buf);
    w->first = malloc(k * sizeof *w->first);
    w->total = malloc(k * sizeof *w->total);
    w->boot_first = malloc(cells * sizeof *w->boot_first);
    w->boot_total = malloc(cells * sizeof *w->boot_total);
    bool ok = w->idx && w->buf && w->first && w->total && w->boot_first &&
              w->boot_total;
    return ok ? 0 : NG_ENOMEM;
}

/* Fills the intervals of out[k] from `bootstrap` resamples of the n rows. */
static int sobol_bootstrap(const double *y, size_t n, size_t k,
                           size_t bootstrap, double level, uint64_t seed,
                           ng_sobol_index *out)
{
    boot_work w = {0};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = r ? boot_alloc(&w, n, k, bootstrap) : NG_ENOMEM;
    if (rc == 0) {
        /* mt19937 takes a 32-bit seed: only the low 32 bits of seed count. */
        gsl_rng_set(r, (unsigned long)seed);
        size_t kept = 0;
        for (size_t b = 0; b < bootstrap; b++) {
            for (size_t j = 0; j < n; j++) {
                w.idx[j] = gsl_rng_uniform_int(r, n);
            }
            if (jansen(y, n, k, w.idx, w.buf, w.first, w.total) == 0) {
                continue;
            }
            for (size_t i = 0; i < k; i++) {
                w.boot_first[i * bootstrap + kept] = w.first[i];
                w.boot_total[i * bootstrap + kept] = w.total[i];
            }
            kept++;
        }
        for (size_t i = 0; i < k; i++) {
            percentile_interval(w.boot_first + i * bootstrap, kept, level,
                                &out[i].first_low, &out[i].first_high);
            percentile_interval(w.boot_total + i * bootstrap, kept, level,
                                &out[i].total_low, &out[i].total_high);
        }
    }
    boot_free(&w);
    if (r) {
        gsl_rng_free(r);
    }
    return rc;
}

static int check_sobol_args(const double *y, size_t n, size_t k,
                            size_t bootstrap, double level,
                            const ng_sobol_index *out, ng_error *err)
{
    size_t rows;
    if (!y || !out) {
        return ng_error_set(err, NG_EINVAL, NULL,
                            "missing array: expected outputs and a result "
                            "array, found NULL");
    }
    if (n < 2) {
        return ng_error_set(err, NG_EINVAL, "n",
                            "too few base samples: expected n >= 2, found %zu",
                            n);
    }
    if (k == 0 || !mul_size(n, k + 2, &rows)) {
        return ng_error_set(err, NG_EINVAL, "k",
                            "bad number of inputs: expected 1 <= k with "
                            "n (k + 2) representable, found k = %zu",
                            k);
    }
    if (bootstrap > 0 && !(level > 0 && level < 1)) {
        return ng_error_set(err, NG_EINVAL, "level",
                            "bad confidence level: expected 0 < level < 1, "
                            "found %g",
                            level);
    }
    for (size_t row = 0; row < rows; row++) {
        if (!isfinite(y[row])) {
            return ng_error_set(err, NG_EINVAL, "y",
                                "non-finite output: expected a finite number "
                                "in every row, found %g in row %zu",
                                y[row], row);
        }
    }
    return 0;
}

int ng_sobol_indices(const double *y, size_t n, size_t k, size_t bootstrap,
                     double level, uint64_t seed, ng_sobol_index *out,
                     ng_error *err)
{
    ng__gsl_init();
    int rc = check_sobol_args(y, n, k, bootstrap, level, out, err);
    if (rc != 0) {
        return rc;
    }
    for (size_t i = 0; i < k; i++) {
        out[i] = (ng_sobol_index){NAN, NAN, NAN, NAN, NAN, NAN};
    }
    double *first = malloc(k * sizeof *first);
    double *total = malloc(k * sizeof *total);
    double *buf = malloc(2 * n * sizeof *buf);
    rc = first && total && buf ? 0 : NG_ENOMEM;
    /* Constant output: every index is 0 / 0, left NaN, and so is every
     * resample, so the bootstrap is not run. */
    if (rc == 0 && jansen(y, n, k, NULL, buf, first, total) != 0) {
        for (size_t i = 0; i < k; i++) {
            out[i].first = first[i];
            out[i].total = total[i];
        }
        if (bootstrap > 0) {
            rc = sobol_bootstrap(y, n, k, bootstrap, level, seed, out);
        }
    }
    free(first);
    free(total);
    free(buf);
    return rc == NG_ENOMEM ? ng_error_set(err, rc, NULL, "out of memory") : rc;
}
