/* Unit tests of exit, exclusion and contagion (sim/phases/exit.c, MODEL.md
 * 4.8) and of breakdown (sim/phases/breakdown.c, MODEL.md 4.9).
 *
 * Value V_i = EWMA(pi_i / (beta c_i)) + w_tau (tau_i - 1/2) + w_k (k_i - 1/2)
 * is driven by setting payoffs, effective trust and commitment directly;
 * each dissolution cause is produced by a situation built for it, either
 * phase by phase or through whole ticks of ng_model_step.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

/* The exit tests' alliance: unit_config with every parameter of value,
 * exit and contagion stated; each test adds its partners. */
static void exit_config(ng_config *cfg)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_set_rules(p, "shared", "capacity");
    p->alliance_ambition = 0.1;
    p->alliance_cooldown = 17;
    p->exit_value_smoothing = 0.35;
    p->exit_trust_weight = 0.8;
    p->exit_commitment_weight = 0.6;
    p->exit_threshold = -0.3;
    p->exit_patience = 4;
    p->exit_contagion = 0.07;
}

/* A civil non-founder of the given capacity, a candidate until it joins. */
static void add_candidate(ng_config *cfg, const char *name, double capacity)
{
    const unit_spec s = {name, NG_SECTOR_CIVIL,     false,       capacity, 0.2,
                         0.2,  NG_DISP_CONDITIONAL, {1, 1, 1, 1}};
    unit_add_partners(cfg, &s, 1);
}

/* Candidate i joins at `tick`, which starts its payoff average. */
static void join_at(ng_model *m, size_t i, int64_t tick)
{
    m->tick = tick;
    ng__member_add(m, i, NG_R_invited);
}

/* Neutral trust and commitment: V is the payoff average alone. */
static void neutral(ng_model *m)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->eff_trust[i] = 0.5;
        m->commitment[i] = 0.5;
        m->payoff[i] = 0;
    }
}

static void assert_dissolution(const ng_model *m, int cause, int64_t tick)
{
    assert_true(ng_model_dissolved(m));
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_DISSOLVED);
    assert_int_equal(s.cause, cause);
    assert_true(s.lifetime == tick);
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_dissolution);
    assert_int_equal(e->reason, cause);
    assert_true(e->partner == -1);
    assert_int_equal(e->tick, tick);
    assert_int_equal(unit_count_events(m, NG_EV_dissolution, -1), 1);
}

/* ---- patience ---- */

static void test_exit_after_exactly_patience_ticks_below_threshold(void **state)
{
    (void)state;
    ng_config cfg;
    exit_config(&cfg);
    const double caps[2] = {2.5, 0.8};
    unit_add_founders(&cfg, 2, caps);
    add_candidate(&cfg, "late", 1.25);
    ng_model *m = unit_model_and_clear(&cfg);
    /* Partner 2 joins at tick 1, so its payoff average starts there. */
    const size_t i = 2;
    join_at(m, i, 1);
    /* Normalised payoffs pi / (beta c): -2, -1, -3, -2.5. */
    const double norm[4] = {-2, -1, -3, -2.5};
    double avg = 0;
    for (int64_t t = 1; t <= 4; t++) {
        m->tick = t;
        neutral(m);
        m->eff_trust[i] = 0.62;
        m->commitment[i] = 0.41;
        m->payoff[i] = norm[t - 1] * 0.1 * 1.25;
        unit_run(ng__phase_exit, m);
        /* The first payoff starts the EWMA; then weight 0.35 on the new. */
        avg = t == 1 ? norm[0] : 0.65 * avg + 0.35 * norm[t - 1];
        if (t < 4) {
            assert_rel(m->payoff_avg[i], avg, 1e-12);
            /* V = avg + 0.8 (0.62 - 0.5) + 0.6 (0.41 - 0.5) */
            assert_rel(m->value[i], avg + 0.096 - 0.054, 1e-12);
            assert_int_equal(m->state[i], NG_MEMBER);
            assert_true(m->patience[i] == t);
            assert_true(m->exits == 0);
        }
    }
    assert_int_equal(m->state[i], NG_EXITED);
    assert_int_equal(m->n_members, 2);
    assert_true(m->exits == 1 && m->total_exits == 1);
    assert_true(m->first_exit_tick == 4);
    assert_true(m->cooldown_until[i] == 4 + 17);
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_exit);
    assert_int_equal(e->reason, NG_R_low_value);
    assert_true(e->partner == (int64_t)i);
    assert_int_equal(e->tick, 4);
    /* The founders, at V = 0, stay. */
    assert_int_equal(m->state[0], NG_MEMBER);
    assert_true(m->patience[0] == 0 && m->patience[1] == 0);
    ng_model_free(m);
}

static void test_exit_patience_restarts_after_a_good_tick(void **state)
{
    (void)state;
    ng_config cfg;
    exit_config(&cfg);
    unit_add_founders(&cfg, 3, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    /* tau = 0 gives V = 0.8 x -0.5 = -0.4 < -0.3; tau = 0.5 gives 0. */
    const double tau[8] = {0, 0, 0, 0.5, 0, 0, 0, 0};
    for (int64_t t = 1; t <= 8; t++) {
        m->tick = t;
        neutral(m);
        m->eff_trust[1] = tau[t - 1];
        unit_run(ng__phase_exit, m);
        assert_rel(m->value[1], 0.8 * (tau[t - 1] - 0.5), 1e-12);
        assert_int_equal(m->state[1], t < 8 ? NG_MEMBER : NG_EXITED);
    }
    assert_true(m->first_exit_tick == 8);
    ng_model_free(m);
}

static void test_exit_newcomer_value_starts_at_its_first_payoff(void **state)
{
    (void)state;
    ng_config cfg;
    exit_config(&cfg);
    unit_add_founders(&cfg, 2, NULL);
    add_candidate(&cfg, "late", 0.64);
    ng_model *m = unit_model_and_clear(&cfg);
    join_at(m, 2, 5);
    neutral(m);
    m->payoff[2] = 0.137 * 0.1 * 0.64;
    unit_run(ng__phase_exit, m);
    /* No EWMA history on the joining tick: the average is the payoff. */
    assert_rel(m->payoff_avg[2], 0.137, 1e-12);
    ng_model_free(m);
}

/* ---- contagion ---- */

/* Founders 0..3 on a ring (max degree 3), candidate 4 tied to 0. */
static ng_model *contagion_model(void)
{
    ng_config cfg;
    exit_config(&cfg);
    cfg.p.exit_patience = 1;
    cfg.p.network_max_degree = 3;
    unit_add_founders(&cfg, 4, NULL);
    add_candidate(&cfg, "cand", 0.64);
    const ng_tie_spec tie = {0, 4, 0.5};
    unit_set_ties(&cfg, &tie, 1);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_true(ng__tie_find(m, 0, 4) != NG_NONE);
    assert_true(ng__tie_find(m, 0, 1) != NG_NONE);
    assert_true(ng__tie_find(m, 0, 3) != NG_NONE);
    assert_true(ng__tie_find(m, 0, 2) == NG_NONE);
    const double s[5] = {0.6, 0.6, 0.6, 0.05, 0.6};
    memcpy(m->system_trust, s, sizeof s);
    m->tick = 1;
    neutral(m);
    return m;
}

static void test_exit_contagion_lowers_acquaintances_system_trust(void **state)
{
    (void)state;
    ng_model *m = contagion_model();
    m->eff_trust[0] = 0; /* V = -0.4: 0 leaves */
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->state[0], NG_EXITED);
    assert_rel(m->system_trust[1], 0.6 - 0.07, 1e-12); /* tied member */
    assert_near(m->system_trust[3], 0, 0);             /* floored at 0 */
    assert_near(m->system_trust[2], 0.6, 0); /* member, but not tied */
    assert_near(m->system_trust[4], 0.6, 0); /* tied, but not a member */
    assert_near(m->system_trust[0], 0.6, 0); /* the leaver itself */
    ng_model_free(m);
}

static void test_exit_exclusion_spreads_no_contagion(void **state)
{
    (void)state;
    ng_model *m = contagion_model();
    m->flagged[0] = 1;
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->state[0], NG_EXCLUDED);
    assert_true(m->exclusions == 1 && m->exits == 0);
    assert_int_equal(unit_last_event(m)->type, NG_EV_exclusion);
    assert_near(m->system_trust[1], 0.6, 0);
    assert_true(m->first_exit_tick == -1);
    ng_model_free(m);
}

/* ---- breakdown ---- */

static void test_breakdown_too_few_members(void **state)
{
    (void)state;
    ng_config cfg;
    exit_config(&cfg);
    cfg.p.exit_patience = 1;
    cfg.p.alliance_min_members = 3;
    unit_add_founders(&cfg, 3, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    m->tick = 7;
    neutral(m);
    m->value_w = 12.5; /* the alliance does produce */
    unit_run(ng__phase_breakdown, m);
    assert_false(ng_model_dissolved(m));
    m->eff_trust[2] = 0;
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->n_members, 2);
    unit_run(ng__phase_breakdown, m);
    assert_dissolution(m, NG_R_too_few_members, 7);
    /* A dissolved alliance no longer steps. */
    unit_run(ng_model_step, m);
    assert_true(ng_model_tick(m) == 7);
    assert_int_equal(unit_count_events(m, NG_EV_dissolution, -1), 1);
    ng_model_free(m);
}

static ng_model *lead_model(int64_t min_members)
{
    ng_config cfg;
    exit_config(&cfg);
    cfg.p.governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, "lead");
    cfg.p.exit_patience = 1;
    cfg.p.alliance_min_members = min_members;
    const double caps[3] = {3.5, 1.25, 0.8};
    unit_add_founders(&cfg, 3, caps);
    cfg.partners[1].lead = true; /* not the most powerful: named */
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->lead, 1);
    m->tick = 3;
    neutral(m);
    m->value_w = 12.5;
    m->eff_trust[1] = 0; /* the lead's value drops below the threshold */
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->state[1], NG_EXITED);
    unit_run(ng__phase_breakdown, m);
    return m;
}

static void test_breakdown_lead_exit(void **state)
{
    (void)state;
    ng_model *m = lead_model(2);
    assert_int_equal(m->n_members, 2);
    assert_dissolution(m, NG_R_lead_exit, 3);
    ng_model_free(m);
    /* With too few left as well, the first cause in order is recorded. */
    m = lead_model(3);
    assert_dissolution(m, NG_R_too_few_members, 3);
    ng_model_free(m);
}

static void test_breakdown_no_added_value(void **state)
{
    (void)state;
    ng_config cfg;
    exit_config(&cfg);
    cfg.p.exit_threshold = -100;
    /* Free riders nobody can deter give the floor 0: W = 0 every tick. */
    ng_params *p = &cfg.p;
    unit_add_founders(&cfg, 4, NULL);
    for (size_t k = 0; k < 4; k++) {
        cfg.partners[k].disposition = NG_DISP_FREE_RIDER;
    }
    p->cost_rule = ng_family_find(NG_FAMILY_COST, "voluntary");
    p->behaviour_free_rider_floor = 0;
    p->behaviour_noise = 0;
    p->alliance_min_value = 0;
    p->alliance_min_members = 2;
    p->alliance_breakdown_window = 4;
    p->run_ticks = 30;
    ng_model *m = unit_model_and_clear(&cfg);
    for (int t = 1; t <= 3; t++) {
        unit_run(ng_model_step, m);
        assert_near(m->value_w, 0, 0);
        assert_false(ng_model_dissolved(m));
    }
    unit_run(ng_model_step, m);
    assert_dissolution(m, NG_R_no_added_value, 4);
    assert_int_equal(ng_model_ticks_recorded(m), 4);
    ng_model_free(m);
}

static ng_model *nao_model(double office_cost)
{
    ng_config cfg;
    exit_config(&cfg);
    ng_params *p = &cfg.p;
    unit_set_rules(p, "nao", "capacity");
    unit_param_set(p, "governance.nao.overhead_fixed", office_cost);
    unit_param_set(p, "governance.nao.overhead_member", 0.004);
    unit_param_set(p, "governance.nao.overhead_pair", 0.0001);
    unit_param_set(p, "governance.nao.outreach", 0);
    p->exit_threshold = -100;
    p->behaviour_noise = 0;
    p->alliance_min_value = -1; /* W = 0 is not what ends it here */
    p->alliance_min_members = 2;
    p->alliance_breakdown_window = 3;
    p->alliance_ambition = 0.1;
    p->run_ticks = 30;
    const double caps[4] = {1.874, 2.611, 0.733, 1.402};
    unit_add_founders(&cfg, 4, caps);
    for (size_t k = 0; k < 4; k++) {
        cfg.partners[k].disposition = NG_DISP_UNCONDITIONAL;
    }
    ng_model *m = unit_model_and_clear(&cfg);
    return m;
}

static void test_breakdown_unfunded_nao(void **state)
{
    (void)state;
    /* Everyone pays in full, 0.1 x 4 cbar = 0.4 cbar, short of an office
     * costing 2.5 cbar. */
    ng_model *m = nao_model(2.5);
    for (int t = 1; t <= 2; t++) {
        unit_run(ng_model_step, m);
        assert_rel(m->pooled, 0.1 * 6.62, 1e-12);
        assert_true(m->unfunded_streak == t);
        assert_false(ng_model_dissolved(m));
    }
    unit_run(ng_model_step, m);
    assert_dissolution(m, NG_R_unfunded, 3);
    ng_model_free(m);

    /* An office of 0.3 cbar is covered: no breakdown. */
    m = nao_model(0.3);
    for (int t = 1; t <= 10; t++) {
        unit_run(ng_model_step, m);
    }
    assert_false(ng_model_dissolved(m));
    assert_true(m->unfunded_streak == 0);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_exit_after_exactly_patience_ticks_below_threshold),
        cmocka_unit_test(test_exit_patience_restarts_after_a_good_tick),
        cmocka_unit_test(test_exit_newcomer_value_starts_at_its_first_payoff),
        cmocka_unit_test(test_exit_contagion_lowers_acquaintances_system_trust),
        cmocka_unit_test(test_exit_exclusion_spreads_no_contagion),
        cmocka_unit_test(test_breakdown_too_few_members),
        cmocka_unit_test(test_breakdown_lead_exit),
        cmocka_unit_test(test_breakdown_no_added_value),
        cmocka_unit_test(test_breakdown_unfunded_nao),
    };
    return cmocka_run_group_tests_name("exit", tests, unit_group_setup, NULL);
}
