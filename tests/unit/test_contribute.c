/* Unit tests of the contribution decision (sim/phases/contribute.c,
 * MODEL.md 4.2): one rule per disposition, effective trust, deterrence,
 * payments, and the Gaussian noise around the intended contribution.
 *
 * Four founders on a ring (0-1-2-3-0), one of each disposition:
 * 0 unconditional, 1 conditional, 2 hump-shaped, 3 free rider.
 */
#include <gsl/gsl_statistics_double.h>

#include "unit_helpers.h"

/* ---- helpers ---- */

enum { UNCOND = 0, COND = 1, HUMP = 2, FREE = 3 };

static ng_model *disposition_model(const char *mode, const char *rule,
                                   double monitoring, double sanction)
{
    ng_config cfg;
    unit_config(&cfg);
    const int disp[4] = {NG_DISP_UNCONDITIONAL, NG_DISP_CONDITIONAL,
                         NG_DISP_HUMP, NG_DISP_FREE_RIDER};
    const double caps[4] = {1.874, 2.611, 0.733, 1.402};
    for (size_t k = 0; k < 4; k++) {
        char name[8];
        snprintf(name, sizeof name, "d%zu", k);
        unit_spec s = {name, (int)k, true,    caps[k],
                       0.4,  0.2,    disp[k], {1, 2, 3, 4}};
        unit_add_partners(&cfg, &s, 1);
    }
    cfg.p.network_max_degree = 2; /* the ring */
    cfg.p.network_tie_trust = 0.5;
    cfg.p.network_stranger_trust = 0.27;
    unit_set_rules(&cfg.p, mode, rule);
    unit_param_set(&cfg.p, "governance.shared.monitoring", monitoring);
    unit_param_set(&cfg.p, "governance.shared.sanction", sanction);
    unit_param_set(&cfg.p, "governance.nao.monitoring", monitoring);
    unit_param_set(&cfg.p, "governance.nao.sanction", sanction);
    cfg.p.alliance_ambition = 0.1;
    cfg.p.alliance_contribution_norm = 0.77;
    cfg.p.behaviour_noise = 0;
    cfg.p.behaviour_free_rider_floor = 0.073;
    cfg.p.behaviour_slope_min = 0.6;
    cfg.p.behaviour_slope_max = 0.95;
    cfg.p.behaviour_trust_sensitivity = 0.35;
    cfg.p.behaviour_trust_weight = 0.65;
    ng_model *m = unit_model_and_clear(&cfg);
    assert_true(m->slope[COND] >= 0.6 && m->slope[COND] <= 0.95);
    m->slope[COND] = 0.83;
    /* Conditional member 1 trusts its ties 0.71 and 0.44 and has system
     * trust 0.58; 3 is no tie of it (stranger trust 0.27). */
    assert_true(ng__tie_find(m, COND, FREE) == NG_NONE);
    *unit_trust(m, COND, UNCOND) = 0.71;
    *unit_trust(m, COND, HUMP) = 0.44;
    m->system_trust[COND] = 0.58;
    for (size_t i = 0; i < 4; i++) {
        m->belief[i] = 0.55;
    }
    unit_run(ng__phase_quotas, m);
    return m;
}

/* Shared governance with nobody watching: no deterrence, so each member
 * follows its disposition's own rule. */
static ng_model *unwatched_model(void)
{
    return disposition_model("shared", "capacity", 0, 0.5);
}

static void contribute(ng_model *m)
{
    unit_run(ng__phase_contribute, m);
}

/* tau_1 = 0.65 (0.71 + 0.44 + 0.27) / 3 + 0.35 x 0.58 */
#define TAU1 (0.65 * (1.42 / 3) + 0.35 * 0.58)

/* ---- one rule per disposition ---- */

static void test_contribute_unconditional_gives_everything(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    m->belief[UNCOND] = 0.123;
    m->system_trust[UNCOND] = 0.02;
    contribute(m);
    assert_near(m->x[UNCOND], 1, 0);
    assert_rel(m->paid[UNCOND], 0.1 * 1.874, 1e-12);
    ng_model_free(m);
}

static void
test_contribute_free_rider_gives_the_floor_when_undeterred(void **state)
{
    (void)state;
    /* Two watching ties: (1 - 0.8^2) x 0.5 = 0.18 < 1. */
    ng_model *m = disposition_model("shared", "capacity", 0.2, 0.5);
    assert_rel(ng__deterrence(m, FREE), 0.18, 1e-12);
    contribute(m);
    assert_near(m->x[FREE], 0.073, 0);
    assert_rel(m->paid[FREE], 0.073 * 0.1 * 1.402, 1e-12);
    ng_model_free(m);
}

static void
test_contribute_free_rider_gives_the_norm_when_deterred(void **state)
{
    (void)state;
    /* NAO: mu sigma = 0.5 x 2 = 1 exactly, the threshold itself. */
    ng_model *m = disposition_model("nao", "capacity", 0.5, 2);
    assert_near(ng__deterrence(m, FREE), 1, 0);
    contribute(m);
    assert_near(m->x[FREE], 0.77, 0);
    ng_model_free(m);
    /* Just below the threshold the free rider is back at the floor. */
    m = disposition_model("nao", "capacity", 0.5, 1.999);
    contribute(m);
    assert_near(m->x[FREE], 0.073, 0);
    ng_model_free(m);
    /* Under voluntary contributions nothing deters, however watched. */
    m = disposition_model("nao", "voluntary", 1, 10);
    assert_near(ng__deterrence(m, FREE), 0, 0);
    contribute(m);
    assert_near(m->x[FREE], 0.073, 0);
    ng_model_free(m);
}

static void test_contribute_hump_rises_then_falls_in_belief(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    const double b[7] = {0.05, 0.2, 0.35, 0.5, 0.62, 0.8, 0.97};
    const double want[7] = {0.05, 0.2, 0.35, 0.5, 0.38, 0.2, 0.03};
    for (int k = 0; k < 7; k++) {
        m->belief[HUMP] = b[k];
        contribute(m);
        assert_near(m->x[HUMP], want[k], 1e-15);
        if (k > 0 && k <= 3) {
            assert_true(m->x[HUMP] > want[k - 1] - 1e-15);
        }
    }
    ng_model_free(m);
}

static void test_contribute_conditional_follows_slope_and_trust(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    assert_near(ng__deterrence(m, COND), 0, 0);
    contribute(m);
    assert_rel(m->eff_trust[COND], TAU1, 1e-12);
    /* x = 0.83 x 0.55 + 0.35 (tau - 0.5) */
    double x = 0.83 * 0.55 + 0.35 * (TAU1 - 0.5);
    assert_rel(m->x[COND], x, 1e-12);
    assert_rel(m->paid[COND], x * 0.1 * 2.611, 1e-12);
    /* Linear in belief with slope phi. */
    m->belief[COND] = 0.3;
    contribute(m);
    assert_rel(x - m->x[COND], 0.83 * 0.25, 1e-12);
    /* More system trust, more giving: dx = zeta (1 - omega) dS. */
    m->system_trust[COND] = 0.98;
    double before = m->x[COND];
    contribute(m);
    assert_rel(m->x[COND] - before, 0.35 * 0.35 * 0.4, 1e-12);
    ng_model_free(m);
}

static void
test_contribute_deterrence_pulls_conditional_toward_norm(void **state)
{
    (void)state;
    /* NAO: d = 0.6 x 0.5 = 0.3 of the gap x_norm - phi b is closed. */
    ng_model *m = disposition_model("nao", "capacity", 0.6, 0.5);
    contribute(m);
    double base = 0.83 * 0.55;
    double x = base + 0.35 * (TAU1 - 0.5) + 0.3 * (0.77 - base);
    assert_rel(m->x[COND], x, 1e-12);
    /* Above the norm already, deterrence adds nothing. */
    m->belief[COND] = 0.99;
    contribute(m);
    assert_rel(m->x[COND], 0.83 * 0.99 + 0.35 * (TAU1 - 0.5), 1e-12);
    ng_model_free(m);
}

static void test_contribute_clamps_to_the_unit_interval(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    m->belief[COND] = 1;
    m->slope[COND] = 1.9;
    contribute(m);
    assert_near(m->x[COND], 1, 0);
    m->belief[COND] = 0;
    m->system_trust[COND] = 0;
    *unit_trust(m, COND, UNCOND) = 0;
    *unit_trust(m, COND, HUMP) = 0;
    contribute(m);
    /* 0.35 (0.65 x 0.09 - 0.5) < 0 */
    assert_near(m->x[COND], 0, 0);
    ng_model_free(m);
}

static void test_contribute_noise_is_centred_with_the_given_sd(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    m->cfg.p.behaviour_noise = 0.1;
    enum { DRAWS = 5000 };
    static double xs[DRAWS];
    for (int k = 0; k < DRAWS; k++) {
        contribute(m);
        xs[k] = m->x[COND];
    }
    double intended = 0.83 * 0.55 + 0.35 * (TAU1 - 0.5);
    double mean = gsl_stats_mean(xs, 1, DRAWS);
    double sd = sqrt(gsl_stats_variance(xs, 1, DRAWS));
    assert_near(mean, intended, 4 * 0.1 / sqrt(DRAWS));
    /* The sd of a sample sd is about sigma / sqrt(2 n). */
    assert_near(sd, 0.1, 4 * 0.1 / sqrt(2.0 * DRAWS));
    ng_model_free(m);
}

static void test_contribute_resets_last_ticks_sanctions(void **state)
{
    (void)state;
    ng_model *m = unwatched_model();
    m->sanction[FREE] = 0.42;
    m->flagged[FREE] = 1;
    contribute(m);
    assert_near(m->sanction[FREE], 0, 0);
    assert_int_equal(m->flagged[FREE], 0);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contribute_unconditional_gives_everything),
        cmocka_unit_test(
            test_contribute_free_rider_gives_the_floor_when_undeterred),
        cmocka_unit_test(
            test_contribute_free_rider_gives_the_norm_when_deterred),
        cmocka_unit_test(test_contribute_hump_rises_then_falls_in_belief),
        cmocka_unit_test(test_contribute_conditional_follows_slope_and_trust),
        cmocka_unit_test(
            test_contribute_deterrence_pulls_conditional_toward_norm),
        cmocka_unit_test(test_contribute_clamps_to_the_unit_interval),
        cmocka_unit_test(test_contribute_noise_is_centred_with_the_given_sd),
        cmocka_unit_test(test_contribute_resets_last_ticks_sanctions),
    };
    return cmocka_run_group_tests_name("contribute", tests, unit_group_setup,
                                       NULL);
}
