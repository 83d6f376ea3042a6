/* Unit tests of the learning phase (sim/phases/learn.c, MODEL.md 4.6):
 * interpersonal trust (slow to build, quick to break, crowded out by
 * control), beliefs, system trust, commitment and new ties.
 *
 * Each test builds a small alliance of listed founders, sets contributions
 * and state directly and calls ng__phase_learn, so the expected values
 * follow from the update equations by hand.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

static void learn(ng_model *m)
{
    unit_run(ng__phase_learn, m);
}

/* unit_config plus the learning parameters shared by the tests, every one
 * stated. */
static void learning_config(ng_config *cfg)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_set_rules(p, "shared", "capacity");
    unit_param_set(p, "governance.shared.monitoring", 0);
    unit_param_set(p, "governance.shared.transparency", 0);
    p->learning_trust_gain = 0.04;
    p->learning_trust_loss = 0.12; /* 3 eta+ */
    p->learning_reciprocity_level = 0.6;
    p->learning_control_crowding = 0.4;
    p->learning_belief_rate = 0.27;
    p->learning_system_trust_rate = 0.23;
    p->learning_commitment_rate = 0.17;
    p->learning_meet_probability = 0;
    p->network_tie_trust = 0.55;
    p->network_stranger_trust = 0.27;
}

/* Two tied founders; member 1's contribution is what member 0 sees. */
static ng_model *pair_model(double monitoring)
{
    ng_config cfg;
    learning_config(&cfg);
    unit_param_set(&cfg.p, "governance.shared.monitoring", monitoring);
    unit_add_founders(&cfg, 2, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_near(*unit_trust(m, 0, 1), 0.55, 0);
    m->x[0] = 0.9;
    return m;
}

/* ---- interpersonal trust ---- */

static void test_learning_trust_falls_faster_than_it_rises(void **state)
{
    (void)state;
    ng_model *up = pair_model(0), *down = pair_model(0);
    up->x[1] = 1;   /* reciprocity: x >= x_ref = 0.6 */
    down->x[1] = 0; /* betrayal at x = 0 */
    learn(up);
    learn(down);
    double gain = *unit_trust(up, 0, 1) - 0.55;
    double loss = 0.55 - *unit_trust(down, 0, 1);
    /* gain = 0.04 (1 - 0.55) = 0.018; loss = 0.12 (0.6 - 0) 0.55 = 0.0396 */
    assert_rel(gain, 0.018, 1e-12);
    assert_rel(loss, 0.0396, 1e-12);
    assert_less(2 * gain, loss);

    /* Recovering 0.5104 -> 0.55 takes three reciprocations:
     * T_k = 1 - 0.4896 * 0.96^k = 0.52998, 0.54878, 0.56683. */
    down->x[1] = 0.6; /* exactly the reciprocity level counts */
    const double path[3] = {1 - 0.4896 * 0.96, 1 - 0.4896 * 0.96 * 0.96,
                            1 - 0.4896 * 0.96 * 0.96 * 0.96};
    for (int k = 0; k < 3; k++) {
        learn(down);
        assert_rel(*unit_trust(down, 0, 1), path[k], 1e-12);
        assert_int_equal(*unit_trust(down, 0, 1) >= 0.55, k == 2);
    }
    ng_model_free(up);
    ng_model_free(down);
}

static void test_learning_partial_shortfall_costs_in_proportion(void **state)
{
    (void)state;
    ng_model *m = pair_model(0);
    m->x[1] = 0.45; /* 0.15 short of x_ref */
    learn(m);
    assert_rel(*unit_trust(m, 0, 1), 0.55 - 0.12 * 0.15 * 0.55, 1e-12);
    /* Trust is directed: 1's trust in 0 (who gave 0.9) rose. */
    assert_rel(*unit_trust(m, 1, 0), 0.55 + 0.04 * 0.45, 1e-12);
    ng_model_free(m);
}

static void test_learning_monitoring_crowds_out_trust_gains(void **state)
{
    (void)state;
    ng_model *free_ = pair_model(0), *watched = pair_model(0.75);
    free_->x[1] = watched->x[1] = 0.97;
    learn(free_);
    learn(watched);
    double g0 = *unit_trust(free_, 0, 1) - 0.55;
    double g1 = *unit_trust(watched, 0, 1) - 0.55;
    /* gain x (1 - chi mu) = 0.018 x (1 - 0.4 x 0.75) = 0.018 x 0.7 */
    assert_rel(g0, 0.018, 1e-12);
    assert_rel(g1, 0.018 * 0.7, 1e-12);
    assert_less(g1, g0);
    /* Losses are not crowded out. */
    free_->x[1] = watched->x[1] = 0.1;
    double t0 = *unit_trust(free_, 0, 1), t1 = *unit_trust(watched, 0, 1);
    learn(free_);
    learn(watched);
    assert_rel(*unit_trust(free_, 0, 1), t0 * (1 - 0.12 * 0.5), 1e-12);
    assert_rel(*unit_trust(watched, 0, 1), t1 * (1 - 0.12 * 0.5), 1e-12);
    ng_model_free(free_);
    ng_model_free(watched);
}

/* ---- beliefs ---- */

/* Four founders on the ring 0-1-2-3-0 (max degree 2). */
static ng_model *ring_model(double transparency, int64_t max_degree)
{
    ng_config cfg;
    learning_config(&cfg);
    unit_param_set(&cfg.p, "governance.shared.transparency", transparency);
    cfg.p.network_max_degree = max_degree;
    unit_add_founders(&cfg, 4, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    const double x[4] = {0.5, 0.9, 0.35, 0.62};
    for (size_t i = 0; i < 4; i++) {
        m->x[i] = x[i];
        m->belief[i] = 0.43;
    }
    return m;
}

static void test_learning_beliefs_move_toward_what_is_observed(void **state)
{
    (void)state;
    ng_model *m = ring_model(0.35, 2);
    assert_int_equal(m->deg[0], 2);
    assert_true(ng__tie_find(m, 0, 2) == NG_NONE);
    /* Member 0 sees ties 1 and 3: mean 0.76; published mean of the
     * others 1.87 / 3.  o = 0.35 published + 0.65 ties. */
    double obs = 0.35 * (1.87 / 3) + 0.65 * 0.76;
    learn(m);
    assert_rel(m->belief[0], 0.73 * 0.43 + 0.27 * obs, 1e-12);
    /* At rate lambda_b the gap shrinks by 0.73 each tick. */
    for (int k = 2; k <= 6; k++) {
        learn(m);
        assert_rel(m->belief[0] - obs, pow(0.73, k) * (0.43 - obs), 1e-9);
    }
    ng_model_free(m);
}

static void
test_learning_isolated_member_sees_only_the_published_mean(void **state)
{
    (void)state;
    /* Max degree 1: founders get no ties at all. */
    ng_model *blind = ring_model(0, 1), *told = ring_model(0.35, 1);
    assert_int_equal(blind->deg[0], 0);
    learn(blind);
    learn(told);
    assert_near(blind->belief[0], 0.43, 0); /* sees nobody, keeps it */
    assert_rel(told->belief[0], 0.73 * 0.43 + 0.27 * (1.87 / 3), 1e-12);
    ng_model_free(blind);
    ng_model_free(told);
}

/* ---- system trust ---- */

static void set_shares(ng_model *m)
{
    /* cs = q / B, bs = b / sum b:
     * member 0: 0.25 vs 0.375, F = 1 - 0.125 / 0.625 = 0.8;
     * member 1: 0.75 vs 0.625, F = 1 - 0.125 / 1.375 = 10/11. */
    m->budget = 1.2;
    m->quota[0] = 0.3;
    m->quota[1] = 0.9;
    m->sum_benefit = 2.4;
    m->benefit[0] = 0.9;
    m->benefit[1] = 1.5;
}

static void test_learning_system_trust_moves_toward_fairness(void **state)
{
    (void)state;
    ng_model *m = pair_model(0);
    m->system_trust[0] = 0.35;
    m->system_trust[1] = 0.97;
    set_shares(m);
    learn(m);
    assert_rel(m->system_trust[0], 0.35 + 0.23 * (0.8 - 0.35), 1e-12);
    assert_rel(m->system_trust[1], 0.97 + 0.23 * (10.0 / 11 - 0.97), 1e-12);
    /* Repeated, it converges on F from either side, monotonically. */
    for (int k = 0; k < 80; k++) {
        double s0 = m->system_trust[0], s1 = m->system_trust[1];
        learn(m);
        assert_true(m->system_trust[0] >= s0 && m->system_trust[0] <= 0.8);
        assert_true(m->system_trust[1] <= s1 &&
                    m->system_trust[1] >= 10.0 / 11);
    }
    assert_near(m->system_trust[0], 0.8, 1e-8);
    assert_near(m->system_trust[1], 10.0 / 11, 1e-8);
    ng_model_free(m);
}

static void test_learning_fairness_is_scaled_by_voice(void **state)
{
    (void)state;
    ng_config cfg;
    learning_config(&cfg);
    cfg.p.governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, "nao");
    unit_param_set(&cfg.p, "governance.nao.voice", 0.815);
    unit_param_set(&cfg.p, "governance.nao.monitoring", 0.5);
    unit_param_set(&cfg.p, "governance.nao.transparency", 1);
    unit_add_founders(&cfg, 2, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    m->system_trust[0] = 0.35;
    set_shares(m);
    learn(m);
    assert_rel(m->system_trust[0], 0.35 + 0.23 * (0.815 * 0.8 - 0.35), 1e-12);
    ng_model_free(m);
}

/* ---- commitment ---- */

static void test_learning_commitment_never_falls_below_support(void **state)
{
    (void)state;
    ng_config cfg;
    learning_config(&cfg);
    unit_add_founders(&cfg, 2, NULL);
    cfg.partners[0].support = 0.45;
    cfg.partners[1].support = 0.05;
    cfg.p.alliance_min_value = 0.25;
    ng_model *m = unit_model_and_clear(&cfg);
    m->commitment[0] = 0.9;
    m->commitment[1] = 0.9;
    double k1 = 0.9;
    for (int t = 1; t <= 40; t++) {
        m->value_w_prev = 5.25; /* public value fell: no success */
        m->value_w = 3.5;
        learn(m);
        k1 *= 1 - 0.17;
        assert_rel(m->commitment[0], fmax(0.45, 0.9 * pow(0.83, t)), 1e-12);
        assert_rel(m->commitment[1], fmax(0.05, k1), 1e-12);
        assert_true(m->commitment[0] >= 0.45);
        assert_true(m->commitment[1] >= 0.05);
    }
    assert_near(m->commitment[0], 0.45, 0);
    assert_near(m->commitment[1], 0.05, 0);
    /* Value holds: success pulls commitment toward 1. */
    m->value_w_prev = 3.5;
    m->value_w = 3.5;
    learn(m);
    assert_rel(m->commitment[0], 0.45 + 0.17 * 0.55, 1e-12);
    /* Value that holds at or below W_min is no success either. */
    m->commitment[1] = 0.6;
    m->value_w_prev = 0.25;
    m->value_w = 0.25;
    learn(m);
    assert_rel(m->commitment[1], 0.6 * 0.83, 1e-12);
    ng_model_free(m);
}

/* ---- new ties ---- */

/* One founder and n - 1 members admitted by hand: nobody has a tie. */
static ng_model *tieless_model(size_t n, double meet, int64_t max_degree)
{
    ng_config cfg;
    learning_config(&cfg);
    cfg.p.learning_meet_probability = meet;
    cfg.p.network_max_degree = max_degree;
    unit_add_founders(&cfg, 1, NULL);
    return unit_tieless_members(&cfg, n);
}

static void test_learning_new_ties_form_at_the_meet_probability(void **state)
{
    (void)state;
    const size_t n = 400;
    const int rounds = 50;
    ng_model *m = tieless_model(n, 0.137, 24);
    size_t made = 0;
    for (int r = 0; r < rounds; r++) {
        learn(m);
        size_t ties = unit_assert_sound_ties(m, m->k_max);
        for (size_t i = 0; i < n; i++) {
            for (size_t d = 0; d < m->deg[i]; d++) {
                /* A new tie starts at stranger trust. */
                assert_near(m->trust[i * m->k_max + d], 0.27, 0);
            }
        }
        made += ties;
        memset(m->deg, 0, n * sizeof *m->deg); /* start afresh */
    }
    /* Each member meets with p and picks one of n members, itself with
     * 1/n (no tie); mutual picks in one tick are negligible. */
    double draws = (double)rounds * (double)n;
    double expect = draws * 0.137 * (1 - 1.0 / (double)n);
    double sd = sqrt(draws * 0.137 * (1 - 0.137));
    assert_near((double)made, expect, 4 * sd);
    ng_model_free(m);

    m = tieless_model(60, 0, 24);
    for (int r = 0; r < 10; r++) {
        learn(m);
    }
    assert_int_equal(unit_assert_sound_ties(m, m->k_max), 0);
    ng_model_free(m);
}

static void test_learning_new_ties_never_exceed_max_degree(void **state)
{
    (void)state;
    ng_model *m = tieless_model(30, 1, 3);
    for (int r = 0; r < 60; r++) {
        learn(m);
        unit_assert_sound_ties(m, m->k_max);
    }
    size_t full = 0;
    for (size_t i = 0; i < 30; i++) {
        assert_true(m->deg[i] <= 3);
        full += m->deg[i] == 3;
    }
    assert_true(full >= 25); /* meetings did fill the rows */
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learning_trust_falls_faster_than_it_rises),
        cmocka_unit_test(test_learning_partial_shortfall_costs_in_proportion),
        cmocka_unit_test(test_learning_monitoring_crowds_out_trust_gains),
        cmocka_unit_test(test_learning_beliefs_move_toward_what_is_observed),
        cmocka_unit_test(
            test_learning_isolated_member_sees_only_the_published_mean),
        cmocka_unit_test(test_learning_system_trust_moves_toward_fairness),
        cmocka_unit_test(test_learning_fairness_is_scaled_by_voice),
        cmocka_unit_test(test_learning_commitment_never_falls_below_support),
        cmocka_unit_test(test_learning_new_ties_form_at_the_meet_probability),
        cmocka_unit_test(test_learning_new_ties_never_exceed_max_degree),
    };
    return cmocka_run_group_tests_name("learning", tests, unit_group_setup,
                                       NULL);
}
