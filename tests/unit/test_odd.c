/* Unit tests of the generated ODD description (sim/report/odd.c).
 *
 * The submodel tables claim the model's parameters by path pattern, and a
 * rule's parameters name the submodels they serve; these tests check that
 * every parameter has a submodel whatever param_table.h and the rules hold,
 * that a pattern does not claim paths it should not, and that a failed
 * write is reported as NG_EIO rather than ignored.
 */
#include "unit_helpers.h"

#include "report/odd.h"

static bool listed_somewhere(const ng_param *d)
{
    for (size_t k = 0; k < ng__odd_submodel_count(); k++) {
        if (ng__odd_submodel_lists(k, d)) {
            return true;
        }
    }
    return false;
}

/* A descriptor with only a path: how the model's own parameters are
 * matched. */
static bool lists_path(size_t k, const char *path)
{
    ng_param d;
    memset(&d, 0, sizeof d);
    d.path = path;
    return ng__odd_submodel_lists(k, &d);
}

static void test_odd_every_parameter_has_a_submodel(void **state)
{
    (void)state;
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        if (!listed_somewhere(d)) {
            fail_msg("%s is under no submodel", d->path);
        }
    }
}

static void test_odd_has_the_nineteen_submodels_of_model_md(void **state)
{
    (void)state;
    assert_int_equal(ng__odd_submodel_count(), 19);
    assert_int_equal(NG_SUBMODEL_COUNT, 19);
    assert_false(lists_path(19, "run.ticks"));
}

static void test_odd_wildcard_matches_one_segment_only(void **state)
{
    (void)state;
    /* Power and size (8.1) claims population.*.capacity_median, not
     * deeper or shorter paths. */
    assert_true(lists_path(0, "population.civil.capacity_median"));
    assert_false(lists_path(0, "population.civil.capacity_spreads"));
    assert_false(lists_path(0, "population.capacity_median"));
    assert_false(lists_path(0, "population.a.b.capacity_median"));
    /* Recording (8.11) claims everything below run. */
    assert_true(lists_path(10, "run.seed"));
    assert_false(lists_path(10, "running.seed"));
}

/* A rule's parameter is listed under the submodels it says it serves,
 * whatever its path. */
static void test_odd_rule_parameters_go_where_they_serve(void **state)
{
    (void)state;
    ng_param d;
    memset(&d, 0, sizeof d);
    d.path = "governance.committee.quorum";
    d.serves = NG_SERVES(MONITORING) | NG_SERVES(MISSION);
    for (size_t k = 0; k < ng__odd_submodel_count(); k++) {
        assert_int_equal(ng__odd_submodel_lists(k, &d),
                         k == NG_SUBMODEL_MONITORING ||
                             k == NG_SUBMODEL_MISSION);
    }
    /* Every rule's parameter names at least one submodel. */
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *q = ng_params_at(i);
        if (q->rule && q->serves == 0) {
            fail_msg("%s (rule %s) serves no submodel", q->path, q->rule->name);
        }
    }
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
        cmocka_unit_test(test_odd_rule_parameters_go_where_they_serve),
        cmocka_unit_test(test_odd_writes_the_default_scenario),
        cmocka_unit_test(test_odd_reports_a_failed_write),
    };
    return cmocka_run_group_tests_name("odd", tests, unit_group_setup, NULL);
}
