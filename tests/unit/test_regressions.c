/* Regression tests: each pins down a case the engine once got wrong (found
 * while the unit tests were written), so it stays right. */
#include "unit_helpers.h"

/* A flat {"population.partners": [...]} works like every other flat dotted
 * key: the partners are parsed, not silently dropped. */
static void test_config_flat_partners_key_is_not_silently_ignored(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    int rc = unit_parse(&cfg,
                        "{\"population.partners\": [{\"name\": \"Port\","
                        " \"sector\": \"business\", \"capacity\": 2.385}]}",
                        &errs);
    if (rc == 0) {
        assert_int_equal(cfg.n_partners, 1);
        assert_string_equal(cfg.partners[0].name, "Port");
    } else {
        assert_int_equal(errs.n, 1);
    }
    ng_config_clear(&cfg);
}

/* --set of a config key that is not a parameter (population.partners,
 * population.ties) or of a group (governance.nao) says that it cannot be
 * set this way, instead of suggesting the very path the user typed. */
static void
test_config_set_of_a_non_parameter_does_not_suggest_itself(void **state)
{
    (void)state;
    const char *paths[3] = {"population.partners", "population.ties",
                            "governance.nao"};
    for (int k = 0; k < 3; k++) {
        ng_config cfg;
        ng_errors errs;
        ng_config_init(&cfg);
        memset(&errs, 0, sizeof errs);
        char assignment[64], echo[80];
        snprintf(assignment, sizeof assignment, "%s=3", paths[k]);
        snprintf(echo, sizeof echo, "did you mean \"%s\"", paths[k]);
        assert_int_equal(ng_config_set(&cfg, assignment, &errs), NG_ECONFIG);
        assert_null(strstr(errs.items[0].msg, echo));
        ng_config_clear(&cfg);
    }
}

/* A listed tie must be in the model: more listed ties for one partner than
 * network.max_degree is a validation error, not a silently dropped tie. */
static void
test_config_listed_ties_beyond_max_degree_are_not_dropped(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    unit_config(&cfg);
    cfg.p.network_max_degree = 1;
    unit_add_founders(&cfg, 3, NULL);
    const ng_tie_spec ties[2] = {{0, 1, 0.9}, {0, 2, 0.8}};
    unit_set_ties(&cfg, ties, 2);
    memset(&errs, 0, sizeof errs);
    if (ng_config_validate(&cfg, &errs) == 0) {
        ng_error err;
        ng_model *m = ng_model_alloc(&cfg, &err);
        assert_non_null(m);
        assert_true(ng__tie_find(m, 0, 1) != NG_NONE);
        assert_true(ng__tie_find(m, 0, 2) != NG_NONE);
        ng_model_free(m);
    }
    ng_config_clear(&cfg);
}

/* A uniform voice (every NAO member has governance.nao.voice, which may be
 * 0) must not change the mission: with all weights zero, founders count
 * equally instead of the mission becoming the zero vector. */
static void test_model_nao_voice_zero_keeps_the_mission(void **state)
{
    (void)state;
    double align[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        unit_config(&cfg);
        cfg.p.governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, "nao");
        unit_param_set(&cfg.p, "governance.nao.voice", k ? 0.8 : 0);
        unit_add_founders(&cfg, 3, NULL);
        cfg.partners[1].interests[0] = 0.1;
        cfg.partners[1].interests[2] = 0.5;
        ng_model *m = unit_model_and_clear(&cfg);
        align[k] = m->alignment[0];
        ng_model_free(m);
    }
    assert_true(align[1] > 0.9);
    assert_near(align[0], align[1], 1e-12);
}

/* learning.trust_gain 1 with process.share 0.3 (both within their ranges)
 * drove interpersonal trust above 1 at tick 1 and, with a large
 * process.trust_gain, into an oscillation of growing size (trust near
 * +-1e17): the trust gain times 1 + trust_gain pi was not capped.  Every
 * tie's trust stays in [0, 1] at every tick. */
static void test_model_large_trust_gain_keeps_trust_in_range(void **state)
{
    (void)state;
    const double process_gain[2] = {4, 1000};
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        unit_lively_config(&cfg);
        cfg.p.learning_trust_gain = 1;
        cfg.p.process_share = 0.3;
        cfg.p.process_trust_gain = process_gain[k];
        ng_model *m = unit_model_and_clear(&cfg);
        while (!ng_model_dissolved(m) && ng_model_tick(m) < 60) {
            unit_run(ng_model_step, m);
            for (size_t i = 0; i < m->n; i++) {
                for (size_t d = 0; d < m->deg[i]; d++) {
                    double t = m->trust[i * m->k_max + d];
                    assert_true(t >= 0 && t <= 1);
                }
            }
            size_t t = ng_model_ticks_recorded(m);
            double mean = unit_metric(m, NG_M_interpersonal_trust, t);
            assert_true(mean >= 0 && mean <= 1);
        }
        assert_true(ng_model_tick(m) > 1);
        ng_model_free(m);
    }
}

/* The share a mission proposal moves, adaptation_rate x agility, is capped
 * at 1: a governance mode whose agility exceeds 1 would otherwise propose
 * a mission beyond the problem focus, off the simplex (here a = 3 made
 * the proposal (-1.2, 2.2, ...)); capped, the mission becomes the focus. */
static void test_model_mission_step_is_capped_at_the_focus(void **state)
{
    (void)state;
    ng_config cfg;
    unit_config(&cfg);
    unit_v2_neutral(&cfg.p);
    cfg.p.mission_adaptation_rate = 1;
    unit_add_founders(&cfg, 3, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    m->gc.agility = 3;
    const double focus[NG_DIM] = {0, 1, 0, 0};
    memcpy(m->focus, focus, sizeof focus);
    ng__fit_update(m);
    assert_true(m->fit < 1);
    /* Every founder gains from a better fit, so the proposal passes. */
    for (size_t i = 0; i < 3; i++) {
        memcpy(m->interests + i * NG_DIM, focus, sizeof focus);
    }
    m->tick = 1;
    unit_run(ng__phase_mission, m);
    double simplex[NG_DIM];
    ng__mission_simplex(m, simplex);
    for (int k = 0; k < NG_DIM; k++) {
        assert_near(simplex[k], focus[k], 1e-12);
        assert_true(m->mission[k] >= 0);
    }
    assert_near(m->fit, 1, 0);
    ng_model_free(m);
}

/* A listed partner may have any capacity above 0, down to a denormal
 * (1e-320 passes validation).  Its payment made the pooled input so small
 * that overhead / pooled overflowed, and the run stopped at tick 1 with
 * "overhead_ratio: metric is not finite" although validate accepted the
 * config.  Such a pool counts as none (ratio 1) and the run goes on. */
static void test_model_denormal_pool_does_not_stop_the_run(void **state)
{
    (void)state;
    ng_config cfg;
    unit_config(&cfg);
    unit_add_founders(&cfg, 2, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    m->tick = 1;
    m->overhead = 0.005;
    m->pooled = 1e-320;
    unit_run(ng__phase_record, m);
    assert_near(unit_metric(m, NG_M_overhead_ratio, 1), 1, 0);
    m->pooled = 0.01; /* an ordinary pool keeps its ratio */
    unit_run(ng__phase_record, m);
    assert_near(unit_metric(m, NG_M_overhead_ratio, 2), 0.5, 1e-15);
    ng_model_free(m);

    /* The whole run of such a config. */
    unit_config(&cfg);
    cfg.p.run_ticks = 5;
    cfg.p.alliance_ambition = 0.001;
    unit_add_founders(&cfg, 2, NULL);
    cfg.partners[0].capacity = 1e-320;
    cfg.partners[1].capacity = 1;
    m = unit_run_model(&cfg);
    assert_int_equal(ng_model_ticks_recorded(m), 5);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_flat_partners_key_is_not_silently_ignored),
        cmocka_unit_test(
            test_config_set_of_a_non_parameter_does_not_suggest_itself),
        cmocka_unit_test(
            test_config_listed_ties_beyond_max_degree_are_not_dropped),
        cmocka_unit_test(test_model_nao_voice_zero_keeps_the_mission),
        cmocka_unit_test(test_model_large_trust_gain_keeps_trust_in_range),
        cmocka_unit_test(test_model_mission_step_is_capped_at_the_focus),
        cmocka_unit_test(test_model_denormal_pool_does_not_stop_the_run),
    };
    return cmocka_run_group_tests_name("regressions", tests, unit_group_setup,
                                       NULL);
}
