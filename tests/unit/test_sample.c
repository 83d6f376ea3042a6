/* Unit tests of the hypercube samplers (experiment.h,
 * sim/experiment/sample.c).
 *
 * Latin hypercube: the defining property (one point per stratum in every
 * dimension) for several sizes, the range, determinism in the seed, and the
 * documented draw order reproduced independently from GSL's mt19937.
 *
 * Sobol: the first points against the known Sobol sequence (Bratley-Fox /
 * Joe-Kuo direction numbers agree in the first dimensions), and the net
 * property that makes Sobol points worth having.  GSL's Sobol generator
 * starts at the second point of the sequence, (0.5, 0.5, ...), not at the
 * origin; so the first 2^m - 1 points together with the origin, and every
 * later aligned block of 2^m points, put exactly one point into each
 * interval [j/2^m, (j+1)/2^m) of every dimension.  The first 2^m points
 * alone do not: [0, 2^-m) stays empty while, in the first dimension, point
 * 2^m (3 * 2^-(m+1)) joins another in [2^-m, 2^-(m-1)).
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "netgov/experiment.h"
#include "unit_helpers.h"

/* ---- helpers ---- */

/* The stratum j of n holding v, as doubles see it: j/n <= v < (j+1)/n. */
static size_t stratum_of(double v, size_t n)
{
    size_t j = (size_t)(v * (double)n);
    j = j < n ? j : n - 1;
    while (j > 0 && (double)j / (double)n > v) {
        j--;
    }
    while (j + 1 < n && (double)(j + 1) / (double)n <= v) {
        j++;
    }
    assert_true((double)j / (double)n <= v);
    assert_true(v < (double)(j + 1) / (double)n);
    return j;
}

/* n*k doubles plus a guard cell that the sampler must not touch. */
static double *guarded(size_t n, size_t k)
{
    double *u = malloc((n * k + 1) * sizeof *u);
    assert_non_null(u);
    for (size_t i = 0; i <= n * k; i++) {
        u[i] = -1;
    }
    return u;
}

/* In every dimension, points first..first+count-1 (rows of u, k columns)
 * put exactly one point into each of `intervals` equal intervals; with
 * `origin`, the first interval is held by the origin and must get none. */
static void assert_one_per_interval(const double *u, size_t first, size_t count,
                                    size_t k, size_t intervals, bool origin)
{
    unsigned char *seen = calloc(intervals, 1);
    assert_non_null(seen);
    for (size_t d = 0; d < k; d++) {
        memset(seen, 0, intervals);
        seen[0] = origin;
        for (size_t i = first; i < first + count; i++) {
            double v = u[i * k + d];
            assert_true(v > 0 && v < 1);
            /* Sobol values are multiples of 2^-30: the product is exact. */
            size_t j = (size_t)(v * (double)intervals);
            if (seen[j]) {
                print_error("dimension %zu: two points in interval %zu of "
                            "%zu\n",
                            d, j, intervals);
                fail();
            }
            seen[j] = 1;
        }
        for (size_t j = 0; j < intervals; j++) {
            assert_true(seen[j]);
        }
    }
    free(seen);
}

/* The points (with the origin when asked) form a (0,m,2)-net in dimensions
 * 0 and 1: each box of 2^a by 2^b equal parts, a + b = m, holds one point. */
static void assert_two_dim_net(const double *u, size_t first, size_t k,
                               unsigned m, bool origin)
{
    size_t count = ((size_t)1 << m) - origin;
    unsigned char *seen = malloc((size_t)1 << m);
    assert_non_null(seen);
    for (unsigned a = 0; a <= m; a++) {
        unsigned b = m - a;
        memset(seen, 0, (size_t)1 << m);
        seen[0] = origin;
        for (size_t i = first; i < first + count; i++) {
            size_t x = (size_t)(u[i * k] * (double)((size_t)1 << a));
            size_t y = (size_t)(u[i * k + 1] * (double)((size_t)1 << b));
            size_t box = (x << b) | y;
            assert_false(seen[box]);
            seen[box] = 1;
        }
    }
    free(seen);
}

/* ---- Latin hypercube ---- */

static void test_lhs_one_point_per_stratum(void **state)
{
    (void)state;
    const size_t sizes[][2] = {{1, 1},  {2, 3},   {7, 4},  {10, 2},
                               {49, 3}, {100, 5}, {257, 2}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s][0], k = sizes[s][1];
        double *u = guarded(n, k);
        assert_int_equal(ng_sample_lhs(n, k, 2385 + s, u), 0);
        assert_near(u[n * k], -1, 0); /* nothing written past n*k */
        unsigned char *seen = malloc(n);
        assert_non_null(seen);
        for (size_t d = 0; d < k; d++) {
            memset(seen, 0, n);
            for (size_t i = 0; i < n; i++) {
                double v = u[i * k + d];
                assert_true(v >= 0 && v < 1);
                size_t j = stratum_of(v, n);
                assert_false(seen[j]);
                seen[j] = 1;
            }
        }
        free(seen);
        free(u);
    }
}

static void test_lhs_same_seed_same_bytes(void **state)
{
    (void)state;
    double a[60], b[60], c[60];
    assert_int_equal(ng_sample_lhs(20, 3, 42, a), 0);
    assert_int_equal(ng_sample_lhs(20, 3, 42, b), 0);
    assert_int_equal(ng_sample_lhs(20, 3, 43, c), 0);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_not_equal(a, c, sizeof a);
}

/* The documented construction, rebuilt from GSL directly: per dimension a
 * shuffle of the identity, then one uniform per point, in that order. */
static void test_lhs_follows_the_documented_draw_order(void **state)
{
    (void)state;
    const size_t n = 9, k = 3;
    double u[27];
    assert_int_equal(ng_sample_lhs(n, k, 777, u), 0);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 777);
    size_t perm[9];
    for (size_t d = 0; d < k; d++) {
        for (size_t j = 0; j < n; j++) {
            perm[j] = j;
        }
        gsl_ran_shuffle(r, perm, n, sizeof perm[0]);
        for (size_t i = 0; i < n; i++) {
            double want = ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
            assert_near(u[i * k + d], want, 0);
        }
    }
    gsl_rng_free(r);
}

/* Over many seeds the position inside the stratum is uniform and every
 * stratum is equally likely for a given point. */
static void test_lhs_is_uniform_inside_strata(void **state)
{
    (void)state;
    const size_t n = 4, seeds = 4000;
    double offset_sum = 0;
    size_t first_in[4] = {0, 0, 0, 0};
    for (size_t s = 1; s <= seeds; s++) {
        double u[4];
        assert_int_equal(ng_sample_lhs(n, 1, s, u), 0);
        first_in[stratum_of(u[0], n)]++;
        for (size_t i = 0; i < n; i++) {
            offset_sum += u[i] * (double)n - (double)stratum_of(u[i], n);
        }
    }
    /* Mean offset 0.5 +- 0.289/sqrt(16000) = 0.0023; stratum share 1/4 +-
     * 0.0068: bounds of about 5 standard errors. */
    assert_near(offset_sum / (double)(n * seeds), 0.5, 0.012);
    for (size_t j = 0; j < n; j++) {
        assert_near((double)first_in[j] / (double)seeds, 0.25, 0.035);
    }
}

static void test_lhs_rejects_bad_arguments(void **state)
{
    (void)state;
    double u[4] = {-1, -1, -1, -1};
    assert_int_equal(ng_sample_lhs(0, 2, 1, u), NG_EINVAL);
    assert_int_equal(ng_sample_lhs(2, 0, 1, u), NG_EINVAL);
    /* Seeds outside 1..2^32-1 would alias others in mt19937's seeding. */
    assert_int_equal(ng_sample_lhs(2, 2, 0, u), NG_EINVAL);
    assert_int_equal(ng_sample_lhs(2, 2, (uint64_t)1 << 32, u), NG_EINVAL);
    assert_near(u[0], -1, 0);
    assert_int_equal(ng_sample_lhs(2, 2, UINT32_MAX, u), 0);
}

/* ---- Sobol ---- */

static void test_sobol_first_points_are_the_known_sequence(void **state)
{
    (void)state;
    /* Points 1..7 of the Sobol sequence in 3 dimensions (point 0, the
     * origin, is not part of GSL's output). */
    const double want[7][3] = {{0.5, 0.5, 0.5},       {0.75, 0.25, 0.75},
                               {0.25, 0.75, 0.25},    {0.375, 0.375, 0.625},
                               {0.875, 0.875, 0.125}, {0.625, 0.125, 0.375},
                               {0.125, 0.625, 0.875}};
    double u[21], u2[14];
    assert_int_equal(ng_sample_sobol(7, 3, u), 0);
    assert_int_equal(ng_sample_sobol(7, 2, u2), 0);
    for (size_t i = 0; i < 7; i++) {
        for (size_t d = 0; d < 3; d++) {
            assert_near(u[i * 3 + d], want[i][d], 0);
        }
        for (size_t d = 0; d < 2; d++) {
            assert_near(u2[i * 2 + d], want[i][d], 0);
        }
    }
}

static void test_sobol_is_balanced_in_every_dimension(void **state)
{
    (void)state;
    const size_t k = NG_SOBOL_MAX_DIM;
    const size_t total = ((size_t)1 << 12) * 2 - 1;
    double *u = guarded(total, k);
    assert_int_equal(ng_sample_sobol(total, k, u), 0);
    assert_near(u[total * k], -1, 0);
    for (unsigned m = 0; m <= 12; m++) {
        size_t block = (size_t)1 << m;
        /* The first 2^m - 1 points and the origin GSL leaves out. */
        assert_one_per_interval(u, 0, block - 1, k, block, true);
        /* GSL points 2^m .. 2^(m+1) - 1 are ours 2^m - 1 .. 2^(m+1) - 2. */
        assert_one_per_interval(u, block - 1, block, k, block, false);
    }
    free(u);
}

static void test_sobol_first_two_dimensions_form_nets(void **state)
{
    (void)state;
    const size_t total = 511;
    double u[511 * 2];
    assert_int_equal(ng_sample_sobol(total, 2, u), 0);
    for (unsigned m = 1; m <= 8; m++) {
        assert_two_dim_net(u, 0, 2, m, true);
        assert_two_dim_net(u, ((size_t)1 << m) - 1, 2, m, false);
    }
}

static void test_sobol_is_a_prefix_of_longer_runs(void **state)
{
    (void)state;
    double a[5 * 4], b[50 * 4];
    assert_int_equal(ng_sample_sobol(5, 4, a), 0);
    assert_int_equal(ng_sample_sobol(50, 4, b), 0);
    assert_memory_equal(a, b, sizeof a);
    for (size_t i = 0; i < 50; i++) {
        bool all_zero = true;
        for (size_t d = 0; d < 4; d++) {
            all_zero = all_zero && b[i * 4 + d] == 0;
        }
        assert_false(all_zero);
    }
}

static void test_sobol_rejects_bad_arguments(void **state)
{
    (void)state;
    double u[41] = {0};
    assert_int_equal(ng_sample_sobol(0, 2, u), NG_EINVAL);
    assert_int_equal(ng_sample_sobol(1, 0, u), NG_EINVAL);
    assert_int_equal(ng_sample_sobol(1, NG_SOBOL_MAX_DIM + 1, u), NG_EINVAL);
    /* GSL's 30-bit counter runs out after 2^30 - 1 points. */
    assert_int_equal(ng_sample_sobol((size_t)1 << 30, 1, u), NG_EINVAL);
    assert_near(u[0], 0, 0);
    assert_int_equal(ng_sample_sobol(1, NG_SOBOL_MAX_DIM, u), 0);
    assert_near(u[NG_SOBOL_MAX_DIM - 1], 0.5, 0);
    assert_near(u[NG_SOBOL_MAX_DIM], 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lhs_one_point_per_stratum),
        cmocka_unit_test(test_lhs_same_seed_same_bytes),
        cmocka_unit_test(test_lhs_follows_the_documented_draw_order),
        cmocka_unit_test(test_lhs_is_uniform_inside_strata),
        cmocka_unit_test(test_lhs_rejects_bad_arguments),
        cmocka_unit_test(test_sobol_first_points_are_the_known_sequence),
        cmocka_unit_test(test_sobol_is_balanced_in_every_dimension),
        cmocka_unit_test(test_sobol_first_two_dimensions_form_nets),
        cmocka_unit_test(test_sobol_is_a_prefix_of_longer_runs),
        cmocka_unit_test(test_sobol_rejects_bad_arguments),
    };
    return cmocka_run_group_tests_name("sample", tests, unit_group_setup, NULL);
}
