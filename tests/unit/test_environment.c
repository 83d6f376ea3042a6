/* Unit tests of the environment and the mission (sim/phases/environment.c,
 * sim/phases/mission.c, MODEL.md 5, stability vs agility): the problem focus
 * z, its drift, reversion and shocks, the threat level h, the fit cos(m, z)
 * and the fit factor fit^(1 + stakes h) on public value, mission proposals
 * voted by the members, the commitment a turn costs and the retry delay.
 * Also the neutrality of every v2 module at its defaults.
 *
 * Founders made by unit_add_founders share the interests (0.4, 0.3, 0.2,
 * 0.1), so the mission and the initial focus are exactly that vector and a
 * shock of jump 0.5 toward "care" moves the focus to
 * z1 = (0.2, 0.65, 0.1, 0.05), where by hand
 *   fit = m.z1 / (|m| |z1|) = 0.3 / sqrt(0.3 x 0.475) = 0.3 / sqrt(0.1425).
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

static const double M0[NG_DIM] = {0.4, 0.3, 0.2, 0.1};
static const double Z1[NG_DIM] = {0.2, 0.65, 0.1, 0.05};
#define FIT_Z1 (0.3 / sqrt(0.1425))

static int perspective(const char *name)
{
    int k = ng_family_find(NG_FAMILY_PERSPECTIVE, name);
    assert_true(k >= 0);
    return k;
}

/* unit_config with every v2 module neutral, then the environment and the
 * mission parameters the tests here read, every one stated: no drift, no
 * reversion, no random shocks; a scheduled shock (tick `shock_tick`, 0:
 * none) of jump 0.5 toward "care"; threat life 6, stakes 1.5; mission
 * proposals closing 0.3 x agility 0.5 = 0.15 of the gap. */
static void env_config(ng_config *cfg, size_t founders, int64_t shock_tick)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    p->environment_shock_tick = shock_tick;
    p->environment_shock_perspective = perspective("care");
    p->environment_shock_jump = 0.5;
    p->environment_threat_duration = 6;
    p->environment_threat_stakes = 1.5;
    p->mission_adaptation_rate = 0.3;
    unit_param_set(p, "governance.shared.agility", 0.5);
    p->mission_change_cost = 0;
    p->decision_retry_delay = 3;
    p->decision_overruled_trust_loss = 0.05;
    unit_add_founders(cfg, founders, NULL);
}

/* Runs the environment phase as tick t. */
static void environment_at(ng_model *m, int64_t t)
{
    m->tick = t;
    unit_run(ng__phase_environment, m);
}

static void assert_vector_near(const double *a, const double *b, double tol)
{
    for (int k = 0; k < NG_DIM; k++) {
        assert_near(a[k], b[k], tol);
    }
}

/* Sum and minimum of a vector on the simplex. */
static void assert_on_simplex(const double *z)
{
    double total = 0;
    for (int k = 0; k < NG_DIM; k++) {
        assert_true(z[k] > 0);
        total += z[k];
    }
    assert_near(total, 1, 1e-12);
}

/* The mission m_t after t accepted proposals of share a from M0 toward a
 * fixed focus z: m_t - z = (1 - a)^t (M0 - z). */
static void mission_after(double a, int t, const double *z, double *out)
{
    for (int k = 0; k < NG_DIM; k++) {
        out[k] = z[k] + pow(1 - a, t) * (M0[k] - z[k]);
    }
}

/* ---- the environment ---- */

/* A static environment keeps the fit exactly 1 and the fit factor exactly
 * 1, even when the mission is a weighted sum of unequal interests (so that
 * cos(m, z) is 1 only up to rounding), and nothing ever adapts. */
static void test_env_static_environment_keeps_fit_exactly_one(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 4, 0);
    const double interests[4][NG_DIM] = {{0.4, 0.3, 0.2, 0.1},
                                         {0.1, 0.2, 0.3, 0.4},
                                         {0.25, 0.25, 0.25, 0.25},
                                         {0.7, 0.1, 0.1, 0.1}};
    for (size_t i = 0; i < 4; i++) {
        memcpy(cfg.partners[i].interests, interests[i], sizeof interests[i]);
    }
    cfg.p.mission_adaptation_rate = 1;
    cfg.p.run_ticks = 40;
    ng_model *m = unit_run_model(&cfg);
    assert_int_equal(ng_model_ticks_recorded(m), 40);
    for (size_t t = 1; t <= 40; t++) {
        assert_true(unit_metric(m, NG_M_fit, t) == 1);
        assert_true(unit_metric(m, NG_M_threat, t) == 0);
        assert_true(unit_metric(m, NG_M_mission_change, t) == 0);
        assert_true(unit_metric(m, NG_M_votes_held, t) == 0);
    }
    assert_true(m->fit_factor == 1);
    assert_memory_equal(m->focus, m->focus0, sizeof m->focus);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_true(s.mean_fit == 1 && s.final_fit == 1);
    assert_true(s.shocks == 0 && s.votes_held == 0);
    assert_true(s.mission_turn == 0);
    ng_model_free(m);
}

/* A shock pulls the focus toward its perspective, z <- (1 - jump) z +
 * jump e_k, sets the threat to 1 and lowers the fit below 1; it is one
 * shock event. */
static void test_env_shock_sets_threat_and_lowers_fit(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 4, 3);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_vector_near(m->focus, M0, 1e-15);
    for (int64_t t = 1; t <= 2; t++) {
        environment_at(m, t);
        assert_true(m->threat == 0 && m->fit == 1 && m->fit_factor == 1);
    }
    assert_int_equal(unit_count_events(m, NG_EV_shock, -1), 0);
    environment_at(m, 3);
    assert_vector_near(m->focus, Z1, 1e-15);
    assert_near(m->threat, 1, 0);
    assert_rel(m->fit, FIT_Z1, 1e-12); /* 0.7947 */
    assert_less(m->fit, 0.8);
    /* fit^(1 + 1.5 x 1) */
    assert_rel(m->fit_factor, pow(FIT_Z1, 2.5), 1e-12);
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_shock);
    assert_int_equal(e->reason, NG_R_threat);
    assert_int_equal(e->tick, 3);
    assert_true(e->partner == -1);
    assert_near(e->amount, 1, 0);
    assert_true(m->shocks == 1 && m->total_shocks == 1);
    /* The mission itself did not move. */
    assert_near(ng__cosine(m->mission, M0), 1, 1e-15);
    ng_model_free(m);
}

/* After a shock the threat decays by exp(-1 / duration) per tick, and the
 * fit factor follows fit^(1 + stakes h) with the fit unchanged. */
static void test_env_threat_decays_exponentially(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 3, 1);
    cfg.p.environment_threat_duration = 4;
    cfg.p.environment_threat_stakes = 2;
    ng_model *m = unit_model_and_clear(&cfg);
    environment_at(m, 1);
    assert_near(m->threat, 1, 0);
    for (int64_t t = 2; t <= 25; t++) {
        environment_at(m, t);
        double h = exp(-(double)(t - 1) / 4);
        assert_rel(m->threat, h, 1e-12);
        assert_rel(m->fit, FIT_Z1, 1e-12);
        assert_rel(m->fit_factor, pow(FIT_Z1, 1 + 2 * h), 1e-12);
    }
    /* One tick of decay is exactly the factor exp(-1/4) = 0.7788. */
    double before = m->threat;
    environment_at(m, 26);
    assert_rel(m->threat / before, exp(-0.25), 1e-15);
    /* As the threat fades the factor tends to the plain fit. */
    assert_less(m->fit_factor, FIT_Z1);
    assert_near(m->fit_factor, FIT_Z1, 1e-3);
    ng_model_free(m);
}

/* Shocks also arrive at random, Poisson with rate shock_rate. */
static void test_env_random_shocks_arrive_at_the_rate(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 2, 0);
    cfg.p.environment_shock_rate = 0.2;
    cfg.p.environment_shock_perspective = perspective("random");
    ng_model *m = unit_model_and_clear(&cfg);
    const int64_t ticks = 5000;
    for (int64_t t = 1; t <= ticks; t++) {
        environment_at(m, t);
        assert_on_simplex(m->focus);
    }
    /* Poisson: mean and variance 0.2 x 5000 = 1000. */
    assert_near((double)m->total_shocks, 1000, 4 * sqrt(1000));
    ng_model_free(m);
}

/* F(fit) = fit^(1 + stakes h) multiplies public value: under misfit and
 * threat the same input produces less. */
static void test_env_fit_factor_scales_public_value(void **state)
{
    (void)state;
    ng_model *w[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        env_config(&cfg, 4, k ? 1 : 0); /* model 1 is shocked at tick 1 */
        ng_params *p = &cfg.p;
        p->environment_threat_stakes = 2;
        p->mission_adaptation_rate = 0;
        p->alliance_ambition = 0.1;
        unit_param_set(p, "governance.shared.overhead_fixed", 0);
        unit_param_set(p, "governance.shared.overhead_member", 0);
        unit_param_set(p, "governance.shared.overhead_pair", 0);
        unit_param_set(p, "governance.shared.competence", 0.5);
        p->production_productivity = 2;
        p->production_diversity_bonus = 0.5;
        p->production_complexity = 0.3;
        w[k] = unit_model_and_clear(&cfg);
        environment_at(w[k], 1);
        unit_run(ng__phase_quotas, w[k]);
        unit_give(w[k], 0.9);
        unit_run(ng__phase_produce, w[k]);
    }
    /* F itself: 1 at full fit, pow(fit, 1 + 2 h) otherwise. */
    ng_model *m = w[1];
    assert_near(ng__fit_factor(m, 1), 1, 0);
    assert_rel(ng__fit_factor(m, 0.9), pow(0.9, 3), 1e-15);
    assert_rel(ng__fit_factor(m, 0.5), 0.125, 1e-15);
    assert_near(ng__fit_factor(m, 0), 0, 0);
    m->threat = 0.25;
    assert_rel(ng__fit_factor(m, 0.5), pow(0.5, 1.5), 1e-15);
    m->threat = 1;
    /* W = r I (1 + delta D)(1 - kappa (1 - competence)) F with
     * I = 0.9 x 0.1 x 4 x 2.385 = 0.8586, D = 1 (four sectors):
     * 2 x 0.8586 x 1.5 x 0.85 = 2.18943. */
    assert_rel(w[0]->value_w, 2.18943, 1e-12);
    assert_rel(w[1]->value_w, 2.18943 * pow(FIT_Z1, 3), 1e-12);
    assert_less(w[1]->value_w, 0.51 * w[0]->value_w); /* 0.7947^3 = 0.502 */
    /* The input itself is the same: only its worth changed. */
    assert_near(w[1]->content_input, w[0]->content_input, 0);
    ng_model_free(w[0]);
    ng_model_free(w[1]);
}

/* ---- the focus ---- */

/* Drift is a multiplicative random step renormalised: the focus stays on
 * the simplex and wanders away from the mission, so the fit falls. */
static void test_env_drift_keeps_focus_on_simplex(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 2, 0);
    cfg.p.environment_drift = 0.25;
    ng_model *m = unit_model_and_clear(&cfg);
    double moved = 0;
    for (int64_t t = 1; t <= 300; t++) {
        environment_at(m, t);
        assert_on_simplex(m->focus);
        assert_rel(m->fit, ng__cosine(m->mission, m->focus), 1e-12);
        assert_true(m->threat == 0);
        moved = 0;
        for (int k = 0; k < NG_DIM; k++) {
            moved += fabs(m->focus[k] - M0[k]);
        }
    }
    assert_true(moved > 0.05);
    assert_less(m->fit, 1);
    assert_vector_near(m->focus0, M0, 1e-15); /* the anchor stays */
    ng_model_free(m);
}

/* Reversion pulls the focus back toward its initial value by the share
 * `reversion` per tick: after a shock, z_t - z0 = 0.8^(t-1) (z1 - z0), and
 * under drift the focus stays nearer z0 than without reversion. */
static void test_env_reversion_pulls_focus_back(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 2, 1);
    cfg.p.environment_reversion = 0.2;
    ng_model *m = unit_model_and_clear(&cfg);
    environment_at(m, 1);
    assert_vector_near(m->focus, Z1, 1e-15);
    double fit = m->fit;
    for (int64_t t = 2; t <= 30; t++) {
        environment_at(m, t);
        double want[NG_DIM];
        for (int k = 0; k < NG_DIM; k++) {
            want[k] = M0[k] + pow(0.8, (double)(t - 1)) * (Z1[k] - M0[k]);
        }
        assert_vector_near(m->focus, want, 1e-12);
        assert_on_simplex(m->focus);
        assert_true(m->fit > fit || m->fit == 1); /* the fit recovers */
        fit = m->fit;
    }
    ng_model_free(m);

    /* Same seed, same drift draws, with and without reversion. */
    double distance[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        env_config(&cfg, 2, 0);
        cfg.p.environment_drift = 0.2;
        cfg.p.environment_reversion = k ? 0.1 : 0;
        m = unit_model_and_clear(&cfg);
        for (int64_t t = 1; t <= 500; t++) {
            environment_at(m, t);
            for (int d = 0; d < NG_DIM; d++) {
                distance[k] += fabs(m->focus[d] - M0[d]) / 500;
            }
        }
        ng_model_free(m);
    }
    assert_less(distance[1], 0.5 * distance[0]);
}

/* ---- the mission ---- */

/* With adaptation the mission turns toward the focus and the fit recovers
 * tick by tick; with mission.adaptation_rate = 0 the fit stays at its shock
 * value.  Members that value only the outcome (societal weight 0, economic
 * return 0.5 for every sector) back every step that raises the fit factor,
 * so each proposal passes and m_t - z1 = 0.85^t (M0 - z1). */
static void test_env_adaptation_turns_mission_and_fit_recovers(void **state)
{
    (void)state;
    ng_model *m[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        env_config(&cfg, 4, 2);
        for (int s = 0; s < NG_SECTOR_COUNT; s++) {
            cfg.p.meaning_societal_weight[s] = 0;
            cfg.p.meaning_economic_weight[s] = 1;
        }
        cfg.p.meaning_economic_return = 0.5;
        cfg.p.mission_adaptation_rate = k ? 0.3 : 0;
        cfg.p.run_ticks = 30;
        m[k] = unit_run_model(&cfg);
        assert_int_equal(ng_model_ticks_recorded(m[k]), 30);
    }
    ng_model *fixed = m[0], *agile = m[1];
    assert_true(unit_metric(agile, NG_M_fit, 1) == 1);
    assert_true(unit_metric(fixed, NG_M_fit, 1) == 1);
    double prev = 0;
    for (size_t t = 2; t <= 30; t++) {
        /* Without adaptation: the shock's fit for good. */
        assert_rel(unit_metric(fixed, NG_M_fit, t), FIT_Z1, 1e-12);
        assert_true(unit_metric(fixed, NG_M_mission_change, t) == 0);
        /* With it: t - 1 proposals passed by the end of tick t. */
        double mt[NG_DIM], mprev[NG_DIM];
        mission_after(0.15, (int)t - 1, Z1, mt);
        mission_after(0.15, (int)t - 2, Z1, mprev);
        double fit = unit_metric(agile, NG_M_fit, t);
        assert_rel(fit, ng__cosine(mt, Z1), 1e-9);
        assert_rel(unit_metric(agile, NG_M_mission_change, t),
                   acos(ng__cosine(mprev, mt)), 1e-6);
        assert_near(unit_metric(agile, NG_M_votes_held, t), 1, 0);
        assert_near(unit_metric(agile, NG_M_votes_failed, t), 0, 0);
        assert_true(fit > prev);
        prev = fit;
    }
    /* By hand: the first step 0.85 M0 + 0.15 z1 has fit 0.85864 and turns
     * the mission by 0.11407 rad. */
    assert_rel(unit_metric(agile, NG_M_fit, 2), 0.8586409010113072, 1e-9);
    assert_rel(unit_metric(agile, NG_M_mission_change, 2), 0.1140670836282553,
               1e-9);
    assert_true(prev > 0.9999); /* 0.85^29 of the gap is left */
    assert_int_equal(
        unit_count_events(agile, NG_EV_vote_passed, NG_R_mission_change), 29);
    ng_summary s;
    ng_model_summary(agile, &s);
    assert_true(s.mean_fit > FIT_Z1);
    assert_vector_near(s.final_focus, Z1, 1e-15);
    ng_model_summary(fixed, &s);
    assert_true(s.votes_held == 0 && s.mission_turn == 0);
    ng_model_free(fixed);
    ng_model_free(agile);
}

/* A proposal closes the share a = adaptation_rate x agility of the mode
 * of the gap: with rate 0.5 and agilities shared 0.4, lead 0.9, NAO 0.6
 * one passed vote moves the mission to (1 - a) M0 + a z1 with a = 0.2,
 * 0.45 and 0.3, turning it by acos(cos(M0, m1)). */
static void test_env_agility_of_each_mode_scales_the_step(void **state)
{
    (void)state;
    const char *modes[3] = {"shared", "lead", "nao"};
    const double a[3] = {0.2, 0.45, 0.3};
    for (int g = 0; g < 3; g++) {
        ng_config cfg;
        env_config(&cfg, 4, 1);
        unit_set_rules(&cfg.p, modes[g], "capacity");
        cfg.p.mission_adaptation_rate = 0.5;
        unit_param_set(&cfg.p, "governance.shared.agility", 0.4);
        unit_param_set(&cfg.p, "governance.lead.agility", 0.9);
        unit_param_set(&cfg.p, "governance.nao.agility", 0.6);
        for (int s = 0; s < NG_SECTOR_COUNT; s++) {
            cfg.p.meaning_societal_weight[s] = 0;
            cfg.p.meaning_economic_weight[s] = 1;
        }
        cfg.p.meaning_economic_return = 0.5;
        ng_model *m = unit_model_and_clear(&cfg);
        assert_rel(m->gc.agility, a[g] / 0.5, 1e-15);
        environment_at(m, 1);
        unit_run(ng__phase_mission, m);
        double m1[NG_DIM];
        mission_after(a[g], 1, Z1, m1);
        assert_near(ng__cosine(m->mission, m1), 1, 1e-15);
        assert_vector_near(m->mission, m1, 1e-15); /* stored on the simplex */
        assert_rel(m->mission_turn, acos(ng__cosine(M0, m1)), 1e-9);
        assert_rel(m->fit, ng__cosine(m1, Z1), 1e-12);
        ng_model_free(m);
    }
}

/* A turn of theta radians costs every member change_cost x theta of
 * commitment, never below its top-level support, and moves every
 * alignment to the new mission.  Founders whose interests are the old
 * mission still back the first step under threat: with h = 1 and stakes
 * 1.5, u F = cos(M0, m1) fit(m1)^2.5 = 0.6787 > fit(M0)^2.5 = 0.5630. */
static void test_env_mission_change_costs_commitment(void **state)
{
    (void)state;
    ng_config cfg;
    env_config(&cfg, 4, 1);
    cfg.p.mission_change_cost = 1.5;
    cfg.partners[2].support = 0.85;
    ng_model *m = unit_model_and_clear(&cfg);
    for (size_t i = 0; i < 4; i++) {
        m->commitment[i] = 0.9;
    }
    environment_at(m, 1);
    unit_run(ng__phase_mission, m);
    double m1[NG_DIM];
    mission_after(0.15, 1, Z1, m1);
    const double theta = 0.1140670836282553; /* acos(cos(M0, m1)) */
    assert_rel(m->mission_turn, theta, 1e-9);
    assert_near(ng__cosine(m->mission, m1), 1, 1e-15);
    assert_rel(m->fit, 0.8586409010113072, 1e-12);
    for (size_t i = 0; i < 4; i++) {
        double want = i == 2 ? 0.85 : 0.9 - 1.5 * theta; /* 0.7289 */
        assert_rel(m->commitment[i], want, 1e-9);
        assert_rel(m->alignment[i], 0.9935014010708152, 1e-12);
    }
    assert_int_equal(unit_last_event(m)->type, NG_EV_vote_passed);
    assert_int_equal(unit_last_event(m)->reason, NG_R_mission_change);
    ng_model_free(m);
}

/* A failed proposal waits decision.retry_delay ticks.  Members that value
 * only the outcome back every step toward the focus, but a business that
 * values nothing (societal and economic weight 0, so u = 0) never does:
 * under consensus every proposal fails and they come up at ticks 2, 5, 8,
 * 11 only; under majority each passes, 3 to 1, and the business is
 * outvoted every tick. */
static void test_env_failed_mission_vote_waits_retry_delay(void **state)
{
    (void)state;
    for (int majority = 0; majority < 2; majority++) {
        ng_config cfg;
        env_config(&cfg, 4, 2); /* p1 is the business */
        for (int s = 0; s < NG_SECTOR_COUNT; s++) {
            cfg.p.meaning_societal_weight[s] = 0;
            cfg.p.meaning_economic_weight[s] = 1;
        }
        cfg.p.meaning_economic_return = 0.5;
        cfg.p.meaning_economic_weight[NG_SECTOR_BUSINESS] = 0;
        unit_set_decision(&cfg.p, majority ? "majority" : "consensus");
        cfg.p.decision_retry_delay = 3;
        cfg.p.learning_system_trust_rate = 0;
        cfg.p.run_ticks = 12;
        ng_model *m = unit_model_and_clear(&cfg);
        assert_int_equal(m->sector[1], NG_SECTOR_BUSINESS);
        for (int64_t t = 1; t <= 12; t++) {
            double trust = m->system_trust[1];
            unit_run(ng_model_step, m);
            bool vote = t == 2 || (!majority && (t - 2) % 3 == 0);
            vote = vote || (majority && t > 2);
            assert_near(unit_metric(m, NG_M_votes_held, (size_t)t), vote, 0);
            assert_near(unit_metric(m, NG_M_votes_failed, (size_t)t),
                        vote && !majority, 0);
            if (!majority && t >= 2) {
                assert_true(m->mission_retry_at == t - (t - 2) % 3 + 3);
                assert_true(unit_metric(m, NG_M_fit, (size_t)t) == m->fit);
                assert_rel(m->fit, FIT_Z1, 1e-12);
            }
            if (majority && vote) {
                /* 3 of 4 back it; the business is outvoted. */
                const ng_event *e = unit_last_event_of(m, NG_EV_vote_passed);
                assert_int_equal(e->tick, t);
                assert_int_equal(e->reason, NG_R_mission_change);
                assert_rel(e->amount, 0.75, 1e-15);
                assert_rel(m->system_trust[1], fmax(0, trust - 0.05), 1e-12);
            }
        }
        ng_summary s;
        ng_model_summary(m, &s);
        assert_int_equal(s.votes_held, majority ? 11 : 4);
        assert_int_equal(s.votes_failed, majority ? 0 : 4);
        ng_model_free(m);
    }
}

/* ---- neutrality ---- */

/* With every v2 module at its neutral default, the parameters that only
 * shape those modules change nothing: a lively v1 run (recruitment,
 * meetings, exits, noise) is bit for bit the same, every metric and every
 * event.  A scheduled shock, by contrast, does change it. */
static void test_env_neutral_modules_leave_v1_dynamics_unchanged(void **state)
{
    (void)state;
    static const char *const changes[] = {
        "mission.adaptation_rate=0.9",
        "mission.change_cost=50",
        "governance.shared.agility=1",
        "environment.threat_stakes=10",
        "environment.threat_duration=0.5",
        "environment.shock_jump=1",
        "environment.shock_perspective=\"economic\"",
        "decision.retry_delay=40",
        "decision.objection=1",
        "decision.overruled_trust_loss=1",
        "process.meet_gain=500",
        "process.trust_gain=500",
        "process.onboarding=50",
        "process.onboarding_ticks=100",
        "information.synergy=5",
        "information.incident_rate=1",
        "information.privacy_cost=10",
        "information.incident_trust_loss=1",
        "information.source_trust_loss=1",
        "meaning.economic_weight=[3, 3, 3, 3]",
        "evaluation.min_return=50",
        "geography.tie_range=0.01",
        "geography.cost_distance=0.01",
    };
    ng_config cfg;
    unit_lively_config(&cfg);
    ng_model *base = unit_run_model(&cfg);
    ng_summary s;
    ng_model_summary(base, &s);
    /* The baseline is not trivial: partners joined and left. */
    assert_true(s.total_joins > 5 && s.total_exits > 0);
    assert_true(ng_model_ticks_recorded(base) >= 20);
    for (size_t c = 0; c < sizeof changes / sizeof changes[0]; c++) {
        unit_lively_config(&cfg);
        unit_set(&cfg, changes[c]);
        ng_model *m = unit_run_model(&cfg);
        unit_assert_same_run(base, m, changes[c]);
        ng_model_free(m);
    }
    /* The comparison can fail: a shock at tick 10 changes public value. */
    unit_lively_config(&cfg);
    unit_set(&cfg, "environment.shock_tick=10");
    ng_model *shocked = unit_run_model(&cfg);
    assert_true(unit_metric(shocked, NG_M_public_value, 9) ==
                unit_metric(base, NG_M_public_value, 9));
    assert_true(unit_metric(shocked, NG_M_public_value, 10) !=
                unit_metric(base, NG_M_public_value, 10));
    ng_model_free(shocked);
    ng_model_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_static_environment_keeps_fit_exactly_one),
        cmocka_unit_test(test_env_shock_sets_threat_and_lowers_fit),
        cmocka_unit_test(test_env_threat_decays_exponentially),
        cmocka_unit_test(test_env_random_shocks_arrive_at_the_rate),
        cmocka_unit_test(test_env_fit_factor_scales_public_value),
        cmocka_unit_test(test_env_drift_keeps_focus_on_simplex),
        cmocka_unit_test(test_env_reversion_pulls_focus_back),
        cmocka_unit_test(test_env_adaptation_turns_mission_and_fit_recovers),
        cmocka_unit_test(test_env_agility_of_each_mode_scales_the_step),
        cmocka_unit_test(test_env_mission_change_costs_commitment),
        cmocka_unit_test(test_env_failed_mission_vote_waits_retry_delay),
        cmocka_unit_test(test_env_neutral_modules_leave_v1_dynamics_unchanged),
    };
    return cmocka_run_group_tests_name("environment", tests, unit_group_setup,
                                       NULL);
}
