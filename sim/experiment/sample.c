/* Samplers of the unit hypercube (experiment.h): Latin hypercube and Sobol.
 *
 * Both write n points of [0,1)^k row-major; the sweep runner maps them to
 * parameter ranges.  Each call owns its generator, so concurrent calls are
 * independent and a given (n, k, seed) always gives the same bytes.
 *
 * Latin hypercube: for each dimension in turn, a fresh identity permutation
 * of the n strata is shuffled (gsl_ran_shuffle), then point i gets one
 * uniform draw inside stratum perm[i]: u = (perm[i] + U) / n.  The draws come
 * from one mt19937 stream in the order dimension 0's shuffle, dimension 0's
 * n uniforms, dimension 1's shuffle, and so on.  Seeds outside the
 * documented 1..2^32-1 are refused (NG_EINVAL) rather than aliased: GSL's
 * mt19937 takes 0 as its default seed 4357 and ignores bits above 32.
 *
 * Sobol: GSL's gsl_qrng_sobol (Bratley and Fox's direction numbers, the
 * Antonov-Saleev Gray-code order, 30 bits, at most 40 dimensions and 2^30 - 1
 * points).  The Sobol sequence proper starts at the origin, which is useless
 * as a design point (every input at its minimum) and spoils balance when
 * mapped to open ranges.  GSL already leaves it out: its first point is
 * (0.5, 0.5, ...), then (0.75, 0.25, ...), (0.25, 0.75, ...), so the check
 * below that skips an all-zero first point never fires with GSL 2.x; it is
 * kept so that the contract holds should GSL ever start at the origin.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "io/error_internal.h"
#include "netgov/experiment.h"

/* GSL's Sobol generator fails (GSL_EFAILED) once its 30-bit counter is
 * exhausted, after 2^30 - 1 points. */
#define SOBOL_MAX_POINTS (((size_t)1 << 30) - 1)

/* Whether an n x k array of doubles can be addressed without overflow. */
static bool size_ok(size_t n, size_t k)
{
    return n <= SIZE_MAX / k / sizeof(double);
}

/* A point of stratum j of n from a uniform U in [0,1): (j + U) / n, kept
 * strictly below the stratum's upper edge (j + 1) / n as computed in floating
 * point, where rounding of j + U or of the division could otherwise reach it
 * (and reach 1.0 in the last stratum) for large n. */
static double stratum_point(size_t j, size_t n, double uniform)
{
    double v = ((double)j + uniform) / (double)n;
    double hi = (double)(j + 1) / (double)n;
    return v < hi ? v : nextafter(hi, 0.0);
}

int ng_sample_lhs(size_t n, size_t k, uint64_t seed, double *u)
{
    ng__gsl_init();
    if (n == 0 || k == 0 || !size_ok(n, k) || n > SIZE_MAX / sizeof(size_t) ||
        seed == 0 || seed > UINT32_MAX) {
        return NG_EINVAL;
    }
    size_t *perm = malloc(n * sizeof *perm);
    gsl_rng *rng = perm ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
    if (!rng) {
        free(perm);
        return NG_ENOMEM;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    for (size_t d = 0; d < k; d++) {
        for (size_t j = 0; j < n; j++) {
            perm[j] = j;
        }
        gsl_ran_shuffle(rng, perm, n, sizeof *perm);
        for (size_t i = 0; i < n; i++) {
            u[i * k + d] = stratum_point(perm[i], n, gsl_rng_uniform(rng));
        }
    }
    gsl_rng_free(rng);
    free(perm);
    return 0;
}

static bool all_zero(const double *x, size_t k)
{
    for (size_t d = 0; d < k; d++) {
        if (x[d] != 0) {
            return false;
        }
    }
    return true;
}

int ng_sample_sobol(size_t n, size_t k, double *u)
{
    ng__gsl_init();
    if (n == 0 || k == 0 || k > NG_SOBOL_MAX_DIM || n > SOBOL_MAX_POINTS ||
        !size_ok(n, k)) {
        return NG_EINVAL;
    }
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
    if (!q) {
        return NG_ENOMEM;
    }
    int rc = gsl_qrng_get(q, u);
    if (rc == 0 && all_zero(u, k)) {
        rc = gsl_qrng_get(q, u);
    }
    for (size_t i = 1; rc == 0 && i < n; i++) {
        rc = gsl_qrng_get(q, u + i * k);
    }
    gsl_qrng_free(q);
    /* Only exhaustion can fail, and n was bounded above; a failure here
     * means GSL changed its limit. */
    return rc == 0 ? 0 : NG_EINVAL;
}
