/* Unit tests of the summary statistics (experiment.h, sim/experiment/stats.c).
 *
 * Known answers computed by hand: the mean and sample standard deviation of
 * small samples, and intervals built from Student t quantiles taken from an
 * independent source (30-digit values from mpmath's incomplete beta
 * function, matching published tables), never from GSL itself.  The edge
 * cases pin the documented NaN conventions.
 */
#include "netgov/experiment.h"
#include "unit_helpers.h"

/* t_{p, nu}: quantiles of Student's t. */
#define T_975_7 2.3646242515927847379
#define T_95_7 1.8945786050900067854
#define T_995_7 3.4994832973504932609
#define T_975_1 12.706204736174693314

static const double sample8[8] = {2, 4, 4, 4, 5, 5, 7, 9};

static void test_stats_hand_computed_sample(void **state)
{
    (void)state;
    ng_stat s;
    ng_stat_describe(sample8, 8, 0.95, &s);
    /* Deviations from 5 are -3 -1 -1 -1 0 0 2 4: squares sum to 32. */
    double sd = sqrt(32.0 / 7.0);
    double half = T_975_7 * sd / sqrt(8.0);
    assert_int_equal(s.n, 8);
    assert_rel(s.mean, 5.0, 1e-15);
    assert_rel(s.sd, sd, 1e-14);
    assert_rel(s.sd, 2.1380899352993950775, 1e-14);
    assert_rel(s.ci_low, 5.0 - half, 1e-12);
    assert_rel(s.ci_high, 5.0 + half, 1e-12);
    assert_rel(s.ci_high - s.mean, 1.7874879182362104, 1e-12);
}

static void test_stats_level_sets_the_t_quantile(void **state)
{
    (void)state;
    ng_stat s90, s99;
    ng_stat_describe(sample8, 8, 0.90, &s90);
    ng_stat_describe(sample8, 8, 0.99, &s99);
    double se = sqrt(32.0 / 7.0) / sqrt(8.0);
    /* Level 0.9 is two-sided: t at 0.95, not at 0.9. */
    assert_rel(s90.ci_high - s90.mean, T_95_7 * se, 1e-12);
    assert_rel(s90.mean - s90.ci_low, T_95_7 * se, 1e-12);
    assert_rel(s99.ci_high - s99.mean, T_995_7 * se, 1e-12);
    assert_less(s90.ci_high, s99.ci_high);
}

static void test_stats_two_values_use_one_degree_of_freedom(void **state)
{
    (void)state;
    const double x[2] = {1, 3};
    ng_stat s;
    ng_stat_describe(x, 2, 0.95, &s);
    /* sd = sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2); se = sqrt(2)/sqrt(2). */
    assert_int_equal(s.n, 2);
    assert_rel(s.mean, 2.0, 1e-15);
    assert_rel(s.sd, sqrt(2.0), 1e-15);
    assert_rel(s.ci_low, 2.0 - T_975_1, 1e-12);
    assert_rel(s.ci_high, 2.0 + T_975_1, 1e-12);
}

static void test_stats_one_value_has_no_spread(void **state)
{
    (void)state;
    const double x[1] = {4.25};
    ng_stat s;
    ng_stat_describe(x, 1, 0.95, &s);
    assert_int_equal(s.n, 1);
    assert_near(s.mean, 4.25, 0);
    assert_true(isnan(s.sd));
    assert_true(isnan(s.ci_low));
    assert_true(isnan(s.ci_high));
}

static void test_stats_no_values_are_all_nan(void **state)
{
    (void)state;
    ng_stat s;
    memset(&s, 0x5a, sizeof s);
    ng_stat_describe(NULL, 0, 0.95, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean));
    assert_true(isnan(s.sd));
    assert_true(isnan(s.ci_low));
    assert_true(isnan(s.ci_high));
}

static void test_stats_constant_sample_has_zero_width(void **state)
{
    (void)state;
    const double x[5] = {0.3, 0.3, 0.3, 0.3, 0.3};
    ng_stat s;
    ng_stat_describe(x, 5, 0.95, &s);
    assert_int_equal(s.n, 5);
    assert_near(s.mean, 0.3, 0);
    assert_near(s.sd, 0, 0);
    assert_near(s.ci_low, 0.3, 0);
    assert_near(s.ci_high, 0.3, 0);
}

static void test_stats_level_outside_unit_interval_gives_nan_ci(void **state)
{
    (void)state;
    const double levels[4] = {0, 1, -0.5, (double)NAN};
    for (int k = 0; k < 4; k++) {
        ng_stat s;
        ng_stat_describe(sample8, 8, levels[k], &s);
        assert_rel(s.mean, 5.0, 1e-15);
        assert_rel(s.sd, sqrt(32.0 / 7.0), 1e-14);
        assert_true(isnan(s.ci_low));
        assert_true(isnan(s.ci_high));
    }
}

static void test_stats_nan_input_propagates(void **state)
{
    (void)state;
    const double x[3] = {1, (double)NAN, 3};
    ng_stat s;
    ng_stat_describe(x, 3, 0.95, &s);
    assert_int_equal(s.n, 3);
    assert_true(isnan(s.mean));
    assert_true(isnan(s.ci_high));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stats_hand_computed_sample),
        cmocka_unit_test(test_stats_level_sets_the_t_quantile),
        cmocka_unit_test(test_stats_two_values_use_one_degree_of_freedom),
        cmocka_unit_test(test_stats_one_value_has_no_spread),
        cmocka_unit_test(test_stats_no_values_are_all_nan),
        cmocka_unit_test(test_stats_constant_sample_has_zero_width),
        cmocka_unit_test(test_stats_level_outside_unit_interval_gives_nan_ci),
        cmocka_unit_test(test_stats_nan_input_propagates),
    };
    return cmocka_run_group_tests_name("stats", tests, unit_group_setup, NULL);
}
