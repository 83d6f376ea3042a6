/* Unit tests of the generated ODD description (sim/report/odd.c).
 *
 * The submodel tables claim registry parameters by path pattern; these
 * tests check that every parameter has a submodel whatever param_table.h
 * holds, that a pattern does not claim paths it should not, and that a
 * failed write is reported as NG_EIO rather than ignored.
 */
#include "unit_helpers.h"

#include "report/odd.h"

static bool listed_somewhere(const char *path)
{
    for (size_t k = 0; k < ng__odd_submodel_count(); k++) {
        if (ng__odd_submodel_lists(k, path)) {
            return true;
        }
    }
    return false;
}

static void test_odd_every_parameter_has_a_submodel(void **state)
{
    (void)state;
    for (size_t i = 0; i < ng_params_count(); i++) {
        const char *path = ng_params_at(i)->path;
        if (!listed_somewhere(path)) {
            fail_msg("%s is under no submodel", path);
        }
    }
}

static void test_odd_has_the_nineteen_submodels_of_model_md(void **state)
{
    (void)state;
    assert_int_equal(ng__odd_submodel_count(), 19);
    assert_false(ng__odd_submodel_lists(19, "run.ticks"));
}

static void test_odd_wildcard_matches_one_segment_only(void **state)
{
    (void)state;
    /* Monitoring (8.6) claims governance.*.monitoring, not the mode's
     * other coefficients nor deeper or shorter paths. */
    assert_true(ng__odd_submodel_lists(5, "governance.nao.monitoring"));
    assert_false(ng__odd_submodel_lists(5, "governance.nao.outreach"));
    assert_false(ng__odd_submodel_lists(5, "governance.monitoring"));
    assert_false(ng__odd_submodel_lists(5, "governance.a.b.monitoring"));
    /* Recording (8.11) claims everything below run. */
    assert_true(ng__odd_submodel_lists(10, "run.seed"));
    assert_false(ng__odd_submodel_lists(10, "running.seed"));
}

static void test_odd_writes_the_default_scenario(void **state)
{
    (void)state;
    ng_config cfg;
    ng_config_init(&cfg);
    FILE *f = tmpfile();
    assert_non_null(f);
    ng_error err = {0};
    assert_int_equal(ng__odd_write(f, &cfg, &err), 0);
    assert_true(ftell(f) > 10000);
    fclose(f);
    ng_config_clear(&cfg);
}

static void test_odd_reports_a_failed_write(void **state)
{
    (void)state;
    ng_config cfg;
    ng_config_init(&cfg);
    FILE *f = fopen("/dev/null", "r");
    assert_non_null(f);
    ng_error err = {0};
    assert_int_equal(ng__odd_write(f, &cfg, &err), NG_EIO);
    assert_int_equal(err.code, NG_EIO);
    fclose(f);
    ng_config_clear(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odd_every_parameter_has_a_submodel),
        cmocka_unit_test(test_odd_has_the_nineteen_submodels_of_model_md),
        cmocka_unit_test(test_odd_wildcard_matches_one_segment_only),
        cmocka_unit_test(test_odd_writes_the_default_scenario),
        cmocka_unit_test(test_odd_reports_a_failed_write),
    };
    return cmocka_run_group_tests_name("odd", tests, unit_group_setup, NULL);
}
