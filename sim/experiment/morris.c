/* Morris's elementary-effects screening: the trajectory design and the
 * effects mu, mu* and sigma per input (experiment.h).
 *
 * Screening ranks many inputs with few runs, r (k + 1), before a costlier
 * variance-based analysis of the ones that matter.  The design is Morris's
 * B* construction (Morris 1991, as described by Campolongo et al. 2007):
 * on the grid {0, 1/(p-1), ..., 1} of p levels the step delta = p / (2(p-1))
 * is p/2 grid steps, so every input takes one of the pairs
 * {l/(p-1), (l + p/2)/(p-1)} with the lower level l uniform in [0, p/2),
 * which keeps both ends on the grid and every level equally likely.  A
 * trajectory starts at the lower end of the pair (direction +1) or the
 * upper one (direction -1), drawn per input, and moves the inputs one at a
 * time, in a random permutation order, to the other end.
 *
 * The effects accept any design that steps one input per row and every
 * input once per trajectory, so designs read from other tools work too;
 * the step is taken from the design rather than assumed to be delta.
 * mu* uses |EE| (Campolongo 2007) because effects of opposite sign cancel
 * in mu; sigma is the sample standard deviation (n - 1), NaN for r == 1.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
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

/* Scratch of one trajectory: the grid level of each input, whether it
 * moves up, and the order in which the inputs move. */
typedef struct trajectory_work {
    size_t *level, *order;
    bool *up;
} trajectory_work;

/* Writes the k + 1 rows of one trajectory into u. */
static void draw_trajectory(gsl_rng *r, size_t k, size_t levels,
                            trajectory_work *w, double *u)
{
    size_t half = levels / 2;
    double top = (double)(levels - 1);
    for (size_t i = 0; i < k; i++) {
        size_t lower = gsl_rng_uniform_int(r, half);
        w->up[i] = gsl_rng_uniform_int(r, 2) == 1;
        w->level[i] = w->up[i] ? lower : lower + half;
        w->order[i] = i;
    }
    gsl_ran_shuffle(r, w->order, k, sizeof *w->order);
    for (size_t s = 0; s <= k; s++) {
        if (s > 0) {
            size_t i = w->order[s - 1];
            w->level[i] = w->up[i] ? w->level[i] + half : w->level[i] - half;
        }
        for (size_t i = 0; i < k; i++) {
            u[s * k + i] = (double)w->level[i] / top;
        }
    }
}

int ng_morris_design(size_t r, size_t k, size_t levels, uint64_t seed,
                     double *u)
{
    ng__gsl_init();
    size_t rows, cells;
    if (r == 0 || k == 0 || levels < 2 || levels % 2 != 0 || !u ||
        !mul_size(r, k + 1, &rows) || !mul_size(rows, k, &cells)) {
        return NG_EINVAL;
    }
    trajectory_work w = {
        malloc(k * sizeof *w.level),
        malloc(k * sizeof *w.order),
        malloc(k * sizeof *w.up),
    };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = w.level && w.order && w.up && rng ? 0 : NG_ENOMEM;
    if (rc == 0) {
        /* mt19937 takes a 32-bit seed: only the low 32 bits of seed count. */
        gsl_rng_set(rng, (unsigned long)seed);
        for (size_t t = 0; t < r; t++) {
            draw_trajectory(rng, k, levels, &w, u + t * (k + 1) * k);
        }
    }
    free(w.level);
    free(w.order);
    free(w.up);
    if (rng) {
        gsl_rng_free(rng);
    }
    return rc;
}

/* The one input that differs between rows a and b of k values, or k when
 * none or several differ (*changed counts them). */
static size_t changed_input(const double *a, const double *b, size_t k,
                            size_t *changed)
{
    size_t which = k;
    *changed = 0;
    for (size_t i = 0; i < k; i++) {
        if (a[i] != b[i]) {
            which = i;
            ++*changed;
        }
    }
    return *changed == 1 ? which : k;
}

/* The k elementary effects of trajectory t into ee[k], in input order,
 * checking that each row steps exactly one input not stepped before.  seen
 * holds k flags of scratch. */
static int trajectory_effects(const double *u, const double *y, size_t t,
                              size_t k, bool *seen, double *ee, ng_error *err)
{
    size_t first = t * (k + 1);
    for (size_t i = 0; i < k; i++) {
        seen[i] = false;
    }
    for (size_t s = 0; s < k; s++) {
        const double *prev = u + (first + s) * k, *next = prev + k;
        size_t changed;
        size_t i = changed_input(prev, next, k, &changed);
        if (i == k) {
            return ng_error_set(err, NG_EINVAL, "u",
                                "design row %zu: expected exactly one input "
                                "to change from the previous row, found %zu",
                                first + s + 1, changed);
        }
        if (seen[i]) {
            return ng_error_set(err, NG_EINVAL, "u",
                                "design row %zu: expected each input to "
                                "change once per trajectory, found input %zu "
                                "changed again in trajectory %zu",
                                first + s + 1, i, t);
        }
        seen[i] = true;
        ee[i] = (y[first + s + 1] - y[first + s]) / (next[i] - prev[i]);
    }
    return 0;
}

static int check_finite(const double *x, size_t count, const char *where,
                        const char *what, ng_error *err)
{
    for (size_t j = 0; j < count; j++) {
        if (!isfinite(x[j])) {
            return ng_error_set(err, NG_EINVAL, where,
                                "non-finite %s: expected a finite number in "
                                "every cell, found %g at index %zu",
                                what, x[j], j);
        }
    }
    return 0;
}

static int check_morris_args(const double *u, const double *y, size_t r,
                             size_t k, size_t bootstrap, double level,
                             const ng_morris_effect *out, ng_error *err)
{
    size_t rows, cells;
    if (!u || !y || !out) {
        return ng_error_set(err, NG_EINVAL, NULL,
                            "missing array: expected a design, outputs and a "
                            "result array, found NULL");
    }
    if (r < 1 || k < 1 || !mul_size(r, k + 1, &rows) ||
        !mul_size(rows, k, &cells)) {
        return ng_error_set(err, NG_EINVAL, NULL,
                            "bad design size: expected r >= 1 trajectories of "
                            "k >= 1 inputs, found r = %zu, k = %zu",
                            r, k);
    }
    if (bootstrap > 0 && !(level > 0 && level < 1)) {
        return ng_error_set(err, NG_EINVAL, "level",
                            "bad confidence level: expected 0 < level < 1, "
                            "found %g",
                            level);
    }
    int rc = check_finite(u, cells, "u", "design value", err);
    return rc != 0 ? rc : check_finite(y, rows, "y", "output", err);
}

/* mu, mu* and sigma of each input from the elementary effects ee[r][k]
 * and their absolute values abs_ee[r][k]. */
static void summarise(const double *ee, const double *abs_ee, size_t r,
                      size_t k, ng_morris_effect *out)
{
    for (size_t i = 0; i < k; i++) {
        out[i].mu = gsl_stats_mean(ee + i, k, r);
        out[i].mu_star = gsl_stats_mean(abs_ee + i, k, r);
        out[i].sigma = NAN;
        if (r > 1) {
            out[i].sigma = gsl_stats_sd(ee + i, k, r);
        }
        out[i].mu_star_low = out[i].mu_star_high = NAN;
    }
}

/* mu*'s percentile intervals from `bootstrap` resamples of the r
 * trajectories, each recomputing mu* from the drawn trajectories' |EE|.
 * The resamples keep sums; dividing the two quantiles by r afterwards is
 * the same as taking quantiles of the means, as x -> x / r is increasing. */
static int mu_star_bootstrap(const double *abs_ee, size_t r, size_t k,
                             size_t bootstrap, double level, uint64_t seed,
                             ng_morris_effect *out)
{
    size_t cells;
    if (!mul_size(k, bootstrap, &cells) || cells > SIZE_MAX / sizeof(double)) {
        return NG_ENOMEM;
    }
    double *boot = malloc(cells * sizeof *boot);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!boot || !rng) {
        free(boot);
        if (rng) {
            gsl_rng_free(rng);
        }
        return NG_ENOMEM;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    for (size_t b = 0; b < bootstrap; b++) {
        for (size_t i = 0; i < k; i++) {
            boot[i * bootstrap + b] = 0;
        }
        for (size_t draw = 0; draw < r; draw++) {
            const double *row = abs_ee + gsl_rng_uniform_int(rng, r) * k;
            for (size_t i = 0; i < k; i++) {
                boot[i * bootstrap + b] += row[i];
            }
        }
    }
    double alpha = (1.0 - level) / 2.0;
    for (size_t i = 0; i < k; i++) {
        double *x = boot + i * bootstrap;
        gsl_sort(x, 1, bootstrap);
        out[i].mu_star_low =
            gsl_stats_quantile_from_sorted_data(x, 1, bootstrap, alpha) /
            (double)r;
        out[i].mu_star_high =
            gsl_stats_quantile_from_sorted_data(x, 1, bootstrap, 1 - alpha) /
            (double)r;
    }
    free(boot);
    gsl_rng_free(rng);
    return 0;
}

int ng_morris_effects(const double *u, const double *y, size_t r, size_t k,
                      size_t bootstrap, double level, uint64_t seed,
                      ng_morris_effect *out, ng_error *err)
{
    ng__gsl_init();
    int rc = check_morris_args(u, y, r, k, bootstrap, level, out, err);
    if (rc != 0) {
        return rc;
    }
    /* r k fits: the caller's design holds r (k + 1) k values. */
    double *ee = malloc(r * k * sizeof *ee);
    double *abs_ee = malloc(r * k * sizeof *abs_ee);
    bool *seen = malloc(k * sizeof *seen);
    rc = ee && abs_ee && seen ? 0 : NG_ENOMEM;
    for (size_t t = 0; rc == 0 && t < r; t++) {
        rc = trajectory_effects(u, y, t, k, seen, ee + t * k, err);
    }
    if (rc == 0) {
        for (size_t c = 0; c < r * k; c++) {
            abs_ee[c] = fabs(ee[c]);
        }
        summarise(ee, abs_ee, r, k, out);
        if (bootstrap > 0) {
            rc = mu_star_bootstrap(abs_ee, r, k, bootstrap, level, seed, out);
        }
    }
    free(ee);
    free(abs_ee);
    free(seen);
    return rc == NG_ENOMEM ? ng_error_set(err, rc, NULL, "out of memory") : rc;
}
