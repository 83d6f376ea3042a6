/* Unit tests of the sensitivity analyses (sim/experiment/sensitivity.c,
 * sim/experiment/morris.c): Saltelli's design and Jansen's Sobol indices,
 * Morris's trajectory design and elementary effects.
 *
 * Known answers:
 *  - Ishigami, f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3 with
 *    a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al. 2010):
 *      V   = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
 *      V1  = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,  V3 = 0,
 *      V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225,
 *    so S = (0.3139, 0.4424, 0) and ST = (0.5576, 0.4424, 0.2437).
 *  - An additive y = c1 u1 + c2 u2 + c3 u3 of independent uniforms has
 *    V_i = c_i^2 / 12, so with c = (1, 2, 0) S = (1/5, 4/5, 0) = ST.
 *  - A linear y = c . u has the elementary effect c_i at every point, so
 *    mu = c, mu* = |c|, sigma = 0; y = u1 u2 has EE_1 = u2, which varies.
 */
#include "unit_helpers.h"

#include "netgov/experiment.h"

/* ---- helpers ---- */

/* M_PI is POSIX, not C11. */
#define PI 3.14159265358979323846
#define ISHIGAMI_A 7.0
#define ISHIGAMI_B 0.1

typedef double (*model_fn)(const double *u);

static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0];
    double x2 = -PI + 2 * PI * u[1];
    double x3 = -PI + 2 * PI * u[2];
    double s2 = sin(x2);
    return sin(x1) + ISHIGAMI_A * s2 * s2 + ISHIGAMI_B * pow(x3, 4) * sin(x1);
}

/* Analytic first-order and total indices of the Ishigami function. */
static void ishigami_indices(double first[3], double total[3])
{
    double a = ISHIGAMI_A, b = ISHIGAMI_B;
    double pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
    double v2 = a * a / 8;
    double v13 = 8 * b * b * pi8 / 225;
    first[0] = v1 / v;
    first[1] = v2 / v;
    first[2] = 0;
    total[0] = (v1 + v13) / v;
    total[1] = v2 / v;
    total[2] = v13 / v;
}

static double additive_120(const double *u)
{
    return 1 * u[0] + 2 * u[1] + 0 * u[2];
}

static double linear_3m20(const double *u)
{
    return 3 * u[0] - 2 * u[1] + 0 * u[2];
}

static double product_12(const double *u)
{
    return u[0] * u[1];
}

/* y[row] = f(u[row]) for `rows` rows of k values; y is malloc'ed. */
static double *evaluate(const double *u, size_t rows, size_t k, model_fn f)
{
    double *y = malloc(rows * sizeof *y);
    assert_non_null(y);
    for (size_t row = 0; row < rows; row++) {
        y[row] = f(u + row * k);
    }
    return y;
}

/* A Saltelli design of n base samples in k = 3 and the outputs of f on it. */
static double *saltelli_outputs(size_t n, model_fn f)
{
    size_t k = 3, rows = n * (k + 2);
    double *u = malloc(rows * k * sizeof *u);
    assert_non_null(u);
    assert_int_equal(ng_saltelli_design(n, k, u), 0);
    double *y = evaluate(u, rows, k, f);
    free(u);
    return y;
}

/* Runs ng_sobol_indices, which must succeed. */
static void sobol_ok(const double *y, size_t n, size_t k, size_t bootstrap,
                     uint64_t seed, ng_sobol_index *out)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    int rc = ng_sobol_indices(y, n, k, bootstrap, 0.95, seed, out, &err);
    if (rc != 0) {
        print_error("ng_sobol_indices: %s: %s\n", err.where, err.msg);
    }
    assert_int_equal(rc, 0);
}

/* A Morris design of r trajectories in k = 3 on `levels` levels and the
 * outputs of f on it, effects into out (bootstrap 200 at 0.95). */
static void morris_ok(size_t r, size_t levels, model_fn f,
                      ng_morris_effect out[3])
{
    size_t k = 3, rows = r * (k + 1);
    double *u = malloc(rows * k * sizeof *u);
    assert_non_null(u);
    assert_int_equal(ng_morris_design(r, k, levels, 17, u), 0);
    double *y = evaluate(u, rows, k, f);
    ng_error err;
    memset(&err, 0, sizeof err);
    int rc = ng_morris_effects(u, y, r, k, 200, 0.95, 5, out, &err);
    if (rc != 0) {
        print_error("ng_morris_effects: %s: %s\n", err.where, err.msg);
    }
    assert_int_equal(rc, 0);
    free(u);
    free(y);
}

/* ---- Saltelli's design ---- */

/* A, B and AB_i are laid out as documented, AB_i is A with B's column i,
 * and A and B are different halves of GSL's Sobol points. */
static void test_saltelli_design_has_documented_blocks(void **state)
{
    (void)state;
    size_t n = 64, k = 3;
    double *u = malloc(n * (k + 2) * k * sizeof *u);
    assert_non_null(u);
    assert_int_equal(ng_saltelli_design(n, k, u), 0);
    const double *a = u, *b = u + n * k;
    for (size_t row = 0; row < n * (k + 2); row++) {
        for (size_t c = 0; c < k; c++) {
            assert_true(u[row * k + c] >= 0 && u[row * k + c] < 1);
        }
    }
    for (size_t i = 0; i < k; i++) {
        const double *ab = u + (2 + i) * n * k;
        for (size_t j = 0; j < n; j++) {
            for (size_t c = 0; c < k; c++) {
                double want = c == i ? b[j * k + c] : a[j * k + c];
                assert_true(ab[j * k + c] == want);
            }
        }
    }
    /* GSL's first Sobol point is (1/2, ..., 1/2), not the zero point, so
     * A and B share exactly their first row and differ in every other. */
    size_t same_rows = 0;
    for (size_t j = 0; j < n; j++) {
        same_rows += memcmp(a + j * k, b + j * k, k * sizeof *a) == 0;
    }
    assert_int_equal(same_rows, 1);
    for (size_t c = 0; c < k; c++) {
        assert_true(a[c] == 0.5 && b[c] == 0.5);
    }
    /* Column 0 is van der Corput's sequence: its first 63 points and the
     * zero point GSL omits are the 64 multiples of 1/64. */
    bool hit[64] = {false};
    hit[0] = true;
    for (size_t j = 0; j + 1 < n; j++) {
        double scaled = a[j * k] * 64;
        assert_true(scaled == floor(scaled));
        hit[(size_t)scaled] = true;
    }
    for (size_t m = 0; m < 64; m++) {
        assert_true(hit[m]);
    }
    free(u);
}

static void test_saltelli_design_rejects_bad_sizes(void **state)
{
    (void)state;
    double u[8 * 44];
    assert_int_equal(ng_saltelli_design(0, 2, u), NG_EINVAL);
    assert_int_equal(ng_saltelli_design(4, 0, u), NG_EINVAL);
    assert_int_equal(ng_saltelli_design(1, NG_SOBOL_MAX_DIM / 2 + 1, u),
                     NG_EINVAL);
    assert_int_equal(ng_saltelli_design(4, 2, NULL), NG_EINVAL);
    /* The largest k is allowed. */
    double *big = malloc(2 * (NG_SOBOL_MAX_DIM / 2 + 2) *
                         (NG_SOBOL_MAX_DIM / 2) * sizeof *big);
    assert_non_null(big);
    assert_int_equal(ng_saltelli_design(2, NG_SOBOL_MAX_DIM / 2, big), 0);
    free(big);
}

/* ---- Sobol indices ---- */

/* n = 8192 (40960 runs).  The point estimates draw no random numbers (the
 * Sobol design is fixed), so they cannot fail by chance: at this n they
 * are within 6e-4 of the analytic values, and 0.01 leaves a wide margin
 * while still catching a wrong estimator (n for 2n in a numerator doubles
 * S_Ti, swapping A and B in AB_i misses by far more than 0.01).  The
 * bootstrap intervals treat the rows as independent draws, so they are
 * wider than the quasi-random error (half-widths up to 0.035) and must hold
 * the analytic values. */
static void test_sobol_recovers_ishigami_indices(void **state)
{
    (void)state;
    size_t n = 8192;
    double *y = saltelli_outputs(n, ishigami);
    ng_sobol_index s[3];
    sobol_ok(y, n, 3, 500, 42, s);
    double first[3], total[3];
    ishigami_indices(first, total);
    assert_near(first[0], 0.3139, 1e-4);
    assert_near(total[2], 0.2437, 1e-4);
    for (size_t i = 0; i < 3; i++) {
        assert_near(s[i].first, first[i], 0.01);
        assert_near(s[i].total, total[i], 0.01);
        assert_true(s[i].first_low <= s[i].first);
        assert_true(s[i].first <= s[i].first_high);
        assert_true(s[i].total_low <= s[i].total);
        assert_true(s[i].total <= s[i].total_high);
        assert_true(s[i].first_low <= first[i]);
        assert_true(first[i] <= s[i].first_high);
        assert_true(s[i].total_low <= total[i]);
        assert_true(total[i] <= s[i].total_high);
        /* Intervals are informative, not [0, 1]. */
        assert_less(s[i].first_high - s[i].first_low, 0.1);
        assert_less(s[i].total_high - s[i].total_low, 0.1);
    }
    free(y);
}

/* Without interactions total equals first order; an input without effect
 * has AB_i = A exactly, so its total index is exactly 0. */
static void test_sobol_additive_model_has_no_interactions(void **state)
{
    (void)state;
    size_t n = 4096;
    double *y = saltelli_outputs(n, additive_120);
    ng_sobol_index s[3];
    sobol_ok(y, n, 3, 0, 1, s);
    const double want[3] = {0.2, 0.8, 0};
    for (size_t i = 0; i < 3; i++) {
        assert_near(s[i].first, want[i], 0.01);
        assert_near(s[i].total, want[i], 0.01);
        assert_near(s[i].total, s[i].first, 0.01);
        /* bootstrap == 0 leaves the intervals NaN. */
        assert_true(isnan(s[i].first_low) && isnan(s[i].first_high));
        assert_true(isnan(s[i].total_low) && isnan(s[i].total_high));
    }
    assert_true(s[2].total == 0);
    free(y);
}

/* n = 2, k = 2 by hand, which pins the conventions: V over the 2n outputs
 * of A and B with the 2n - 1 denominator, (1/2n) sum in the numerators.
 *   yA = (0, 2), yB = (1, 5), yAB0 = (1, 2), yAB1 = (0, 5);
 *   V = var(0, 2, 1, 5) = 14/3, so 2 n V = 56/3;
 *   S_0 = 1 - (0 + 9) 3/56 = 29/56,  S_T0 = (1 + 0) 3/56 = 3/56,
 *   S_1 = 1 - (1 + 0) 3/56 = 53/56,  S_T1 = (0 + 9) 3/56 = 27/56.
 * V of A alone (2) or with the 2n denominator (7/2) gives other values. */
static void test_sobol_hand_computed_conventions(void **state)
{
    (void)state;
    const double y[] = {0, 2, 1, 5, 1, 2, 0, 5};
    ng_sobol_index s[2];
    sobol_ok(y, 2, 2, 0, 1, s);
    assert_near(s[0].first, 29.0 / 56, 1e-14);
    assert_near(s[0].total, 3.0 / 56, 1e-14);
    assert_near(s[1].first, 53.0 / 56, 1e-14);
    assert_near(s[1].total, 27.0 / 56, 1e-14);
}

/* n = 2, k = 1 with yA = (1, 0), yB = (1, 2), yAB0 = (1, 1): S = 5/8 and
 * S_T = 3/8 (V = 2/3).  A resample that draws row 0 twice has outputs
 * (1, 1, 1, 1) and V = 0, a quarter of all resamples: they are skipped.
 * Every other resample, rows (0, 1), (1, 0) or (1, 1), gives again 5/8 and
 * 3/8, so the intervals collapse onto the estimates instead of turning
 * NaN. */
static void test_sobol_bootstrap_skips_zero_variance_resamples(void **state)
{
    (void)state;
    const double y[] = {1, 0, 1, 2, 1, 1};
    ng_sobol_index s[1];
    sobol_ok(y, 2, 1, 400, 9, s);
    assert_near(s[0].first, 5.0 / 8, 1e-14);
    assert_near(s[0].total, 3.0 / 8, 1e-14);
    assert_near(s[0].first_low, 5.0 / 8, 1e-14);
    assert_near(s[0].first_high, 5.0 / 8, 1e-14);
    assert_near(s[0].total_low, 3.0 / 8, 1e-14);
    assert_near(s[0].total_high, 3.0 / 8, 1e-14);
}

static void test_sobol_constant_output_is_nan(void **state)
{
    (void)state;
    size_t n = 16, k = 2;
    double y[16 * 4];
    for (size_t j = 0; j < n * (k + 2); j++) {
        y[j] = 2.5;
    }
    ng_sobol_index s[2];
    sobol_ok(y, n, k, 100, 3, s);
    for (size_t i = 0; i < k; i++) {
        assert_true(isnan(s[i].first) && isnan(s[i].total));
        assert_true(isnan(s[i].first_low) && isnan(s[i].first_high));
        assert_true(isnan(s[i].total_low) && isnan(s[i].total_high));
    }
}

static void test_sobol_rejects_bad_input(void **state)
{
    (void)state;
    double y[16 * 4];
    for (size_t j = 0; j < 16 * 4; j++) {
        y[j] = (double)(j % 7);
    }
    ng_sobol_index s[2];
    ng_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_sobol_indices(y, 1, 2, 0, 0.95, 1, s, &err), NG_EINVAL);
    assert_int_equal(err.code, NG_EINVAL);
    assert_string_equal(err.where, "n");
    assert_contains(err.msg, "expected n >= 2, found 1");

    memset(&err, 0, sizeof err);
    y[37] = NAN;
    assert_int_equal(ng_sobol_indices(y, 16, 2, 0, 0.95, 1, s, &err),
                     NG_EINVAL);
    assert_int_equal(err.code, NG_EINVAL);
    assert_string_equal(err.where, "y");
    assert_contains(err.msg, "non-finite output");
    assert_contains(err.msg, "row 37");
    y[37] = INFINITY;
    assert_int_equal(ng_sobol_indices(y, 16, 2, 0, 0.95, 1, s, NULL),
                     NG_EINVAL);
    y[37] = 1;

    memset(&err, 0, sizeof err);
    assert_int_equal(ng_sobol_indices(y, 16, 2, 10, 1.0, 1, s, &err),
                     NG_EINVAL);
    assert_string_equal(err.where, "level");
    assert_int_equal(ng_sobol_indices(y, 16, 0, 0, 0.95, 1, s, &err),
                     NG_EINVAL);
    assert_int_equal(ng_sobol_indices(y, 16, 2, 0, 0.95, 1, s, &err), 0);
}

static bool same_intervals(const ng_sobol_index *a, const ng_sobol_index *b,
                           size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (a[i].first_low != b[i].first_low ||
            a[i].first_high != b[i].first_high ||
            a[i].total_low != b[i].total_low ||
            a[i].total_high != b[i].total_high) {
            return false;
        }
    }
    return true;
}

/* The bootstrap is a function of its seed alone; the point estimates do
 * not depend on the seed at all. */
static void test_sobol_bootstrap_is_seeded(void **state)
{
    (void)state;
    size_t n = 512;
    double *y = saltelli_outputs(n, ishigami);
    ng_sobol_index s1[3], s2[3], s3[3];
    sobol_ok(y, n, 3, 200, 7, s1);
    sobol_ok(y, n, 3, 200, 7, s2);
    sobol_ok(y, n, 3, 200, 8, s3);
    assert_true(same_intervals(s1, s2, 3));
    assert_false(same_intervals(s1, s3, 3));
    for (size_t i = 0; i < 3; i++) {
        assert_true(s1[i].first == s3[i].first);
        assert_true(s1[i].total == s3[i].total);
    }
    free(y);
}

/* ---- Morris ---- */

/* Every row on the grid, every step one input by +-delta, every input
 * stepped once per trajectory, for several grid sizes. */
static void test_morris_design_is_trajectories_on_the_grid(void **state)
{
    (void)state;
    const size_t levels_list[] = {2, 4, 6};
    size_t r = 25, k = 5;
    double *u = malloc(r * (k + 1) * k * sizeof *u);
    assert_non_null(u);
    for (size_t g = 0; g < sizeof levels_list / sizeof levels_list[0]; g++) {
        size_t p = levels_list[g];
        double delta = (double)p / (2.0 * (double)(p - 1));
        assert_int_equal(ng_morris_design(r, k, p, 99, u), 0);
        for (size_t c = 0; c < r * (k + 1) * k; c++) {
            double level = u[c] * (double)(p - 1);
            assert_near(level, round(level), 1e-12);
            assert_true(u[c] >= 0 && u[c] <= 1);
        }
        for (size_t t = 0; t < r; t++) {
            size_t times_changed[5] = {0};
            for (size_t s = 0; s < k; s++) {
                const double *prev = u + (t * (k + 1) + s) * k;
                const double *next = prev + k;
                size_t changed = 0;
                for (size_t i = 0; i < k; i++) {
                    if (prev[i] != next[i]) {
                        changed++;
                        times_changed[i]++;
                        assert_near(fabs(next[i] - prev[i]), delta, 1e-12);
                    }
                }
                assert_int_equal(changed, 1);
            }
            for (size_t i = 0; i < k; i++) {
                assert_int_equal(times_changed[i], 1);
            }
        }
    }
    free(u);
}

/* Both directions and several orders occur, and the seed fixes them. */
static void test_morris_design_randomises_order_and_direction(void **state)
{
    (void)state;
    size_t r = 40, k = 3, cells = r * (k + 1) * k;
    double *u = malloc(cells * sizeof *u), *v = malloc(cells * sizeof *v);
    assert_non_null(u);
    assert_non_null(v);
    assert_int_equal(ng_morris_design(r, k, 4, 11, u), 0);
    assert_int_equal(ng_morris_design(r, k, 4, 11, v), 0);
    assert_memory_equal(u, v, cells * sizeof *u);
    /* Count the directions of all steps and which input moves first. */
    size_t ups = 0, downs = 0, moves_first[3] = {0};
    for (size_t t = 0; t < r; t++) {
        for (size_t s = 0; s < k; s++) {
            const double *prev = u + (t * (k + 1) + s) * k;
            for (size_t i = 0; i < k; i++) {
                ups += prev[k + i] > prev[i];
                downs += prev[k + i] < prev[i];
                moves_first[i] += s == 0 && prev[k + i] != prev[i];
            }
        }
    }
    assert_int_equal(ups + downs, r * k);
    assert_true(ups > r && downs > r);
    for (size_t i = 0; i < k; i++) {
        assert_true(moves_first[i] > 0);
    }
    assert_int_equal(ng_morris_design(r, k, 4, 12, v), 0);
    assert_true(memcmp(u, v, cells * sizeof *u) != 0);
    assert_int_equal(ng_morris_design(r, k, 3, 1, u), NG_EINVAL);
    assert_int_equal(ng_morris_design(r, k, 0, 1, u), NG_EINVAL);
    assert_int_equal(ng_morris_design(0, k, 4, 1, u), NG_EINVAL);
    assert_int_equal(ng_morris_design(r, 0, 4, 1, u), NG_EINVAL);
    free(u);
    free(v);
}

static void test_morris_linear_effects_are_the_slopes(void **state)
{
    (void)state;
    ng_morris_effect e[3];
    morris_ok(20, 4, linear_3m20, e);
    const double mu[3] = {3, -2, 0};
    for (size_t i = 0; i < 3; i++) {
        assert_near(e[i].mu, mu[i], 1e-12);
        assert_near(e[i].mu_star, fabs(mu[i]), 1e-12);
        assert_near(e[i].sigma, 0, 1e-12);
        assert_near(e[i].mu_star_low, fabs(mu[i]), 1e-12);
        assert_near(e[i].mu_star_high, fabs(mu[i]), 1e-12);
    }
}

/* y = u1 u2: EE_1 = u2 and EE_2 = u1 take several grid values, so both
 * spread (sigma > 0) around a positive mean; u3 has no effect at all. */
static void test_morris_interaction_spreads_effects(void **state)
{
    (void)state;
    ng_morris_effect e[3];
    morris_ok(30, 4, product_12, e);
    for (size_t i = 0; i < 2; i++) {
        assert_true(e[i].sigma > 0.1);
        assert_true(e[i].mu > 0 && e[i].mu <= 1);
        assert_near(e[i].mu_star, e[i].mu, 1e-12);
        assert_true(e[i].mu_star_low <= e[i].mu_star);
        assert_true(e[i].mu_star <= e[i].mu_star_high);
        assert_less(e[i].mu_star_low, e[i].mu_star_high);
    }
    assert_true(e[2].mu == 0 && e[2].mu_star == 0 && e[2].sigma == 0);
}

/* One trajectory: sigma is undefined; without bootstrap no interval. */
static void test_morris_single_trajectory(void **state)
{
    (void)state;
    const double u[] = {0, 0, 2.0 / 3, 0, 2.0 / 3, 2.0 / 3};
    const double y[] = {1, 3, 2};
    ng_morris_effect e[2];
    ng_error err;
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err), 0);
    assert_near(e[0].mu, 3.0, 1e-12);
    assert_near(e[1].mu, -1.5, 1e-12);
    assert_near(e[1].mu_star, 1.5, 1e-12);
    assert_true(isnan(e[0].sigma) && isnan(e[1].sigma));
    assert_true(isnan(e[0].mu_star_low) && isnan(e[0].mu_star_high));
}

static void test_morris_rejects_bad_designs(void **state)
{
    (void)state;
    /* Row 1 changes both inputs. */
    double u[] = {0, 0, 2.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3};
    double y[] = {1, 2, 3};
    ng_morris_effect e[2];
    ng_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err),
                     NG_EINVAL);
    assert_int_equal(err.code, NG_EINVAL);
    assert_string_equal(err.where, "u");
    assert_contains(err.msg, "design row 1");
    assert_contains(err.msg, "exactly one input");
    assert_contains(err.msg, "found 2");
    /* Row 2 changes input 0 a second time (and input 1 never). */
    u[3] = 0;
    u[4] = 1.0 / 3;
    u[5] = 0;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err),
                     NG_EINVAL);
    assert_contains(err.msg, "design row 2");
    assert_contains(err.msg, "input 0 changed again");
    /* Row 2 repeats row 1. */
    u[4] = 2.0 / 3;
    u[5] = 0;
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err),
                     NG_EINVAL);
    assert_contains(err.msg, "found 0");
    /* A valid design with a non-finite output. */
    u[5] = 2.0 / 3;
    y[2] = NAN;
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err),
                     NG_EINVAL);
    assert_string_equal(err.where, "y");
    assert_contains(err.msg, "non-finite output");
    y[2] = 3;
    assert_int_equal(ng_morris_effects(u, y, 0, 2, 0, 0.95, 1, e, &err),
                     NG_EINVAL);
    assert_int_equal(ng_morris_effects(u, y, 1, 2, 0, 0.95, 1, e, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_saltelli_design_has_documented_blocks),
        cmocka_unit_test(test_saltelli_design_rejects_bad_sizes),
        cmocka_unit_test(test_sobol_recovers_ishigami_indices),
        cmocka_unit_test(test_sobol_additive_model_has_no_interactions),
        cmocka_unit_test(test_sobol_hand_computed_conventions),
        cmocka_unit_test(test_sobol_bootstrap_skips_zero_variance_resamples),
        cmocka_unit_test(test_sobol_constant_output_is_nan),
        cmocka_unit_test(test_sobol_rejects_bad_input),
        cmocka_unit_test(test_sobol_bootstrap_is_seeded),
        cmocka_unit_test(test_morris_design_is_trajectories_on_the_grid),
        cmocka_unit_test(test_morris_design_randomises_order_and_direction),
        cmocka_unit_test(test_morris_linear_effects_are_the_slopes),
        cmocka_unit_test(test_morris_interaction_spreads_effects),
        cmocka_unit_test(test_morris_single_trajectory),
        cmocka_unit_test(test_morris_rejects_bad_designs),
    };
    return cmocka_run_group_tests_name("sensitivity", tests, unit_group_setup,
                                       NULL);
}
