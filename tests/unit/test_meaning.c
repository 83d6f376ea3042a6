/* Unit tests of societal vs economic meaning (sim/model/kernel.c
 * ng__valuation_update, sim/phases/produce.c, MODEL.md 5): a partner values
 * the alliance at u_i = w_soc(sector) g_i + w_econ(sector) e, with g_i its
 * alignment with the mission and e the economic return; its benefit is
 * u_i (c_i / cbar)^epsilon W / n^gamma.  So a business that counts only
 * economic return leaves when there is none, and a government that counts
 * only societal value leaves when the mission is not its own.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

static const double MISSION[NG_DIM] = {0.4, 0.3, 0.2, 0.1};

/* unit_config with every v2 module neutral but meaning, and production,
 * exit and learning parameters that make payoffs computable by hand:
 * capacity split at ambition 0.1, no overhead, W = 3 I (no diversity
 * bonus, no complexity loss), W shared as W / n, no monitoring, and a
 * member's value equal to its average normalised payoff, leaving after 3
 * ticks below 0. */
static void meaning_config(ng_config *cfg)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    p->alliance_ambition = 0.1;
    unit_param_set(p, "governance.shared.overhead_fixed", 0);
    unit_param_set(p, "governance.shared.overhead_member", 0);
    unit_param_set(p, "governance.shared.overhead_pair", 0);
    unit_param_set(p, "governance.shared.monitoring", 0);
    unit_param_set(p, "governance.shared.competence", 1);
    p->production_productivity = 3;
    p->production_diversity_bonus = 0;
    p->production_complexity = 0;
    p->production_rivalry = 1;
    p->production_benefit_scale = 0.5;
    p->exit_threshold = 0;
    p->exit_patience = 3;
    p->exit_value_smoothing = 0.5;
    p->exit_trust_weight = 0;
    p->exit_commitment_weight = 0;
    p->exit_contagion = 0;
    p->alliance_min_members = 1;
    p->alliance_min_value = -1;
}

static void set_weights(ng_params *p, const double soc[NG_SECTOR_COUNT],
                        const double econ[NG_SECTOR_COUNT], double e)
{
    memcpy(p->meaning_societal_weight, soc, NG_SECTOR_COUNT * sizeof *soc);
    memcpy(p->meaning_economic_weight, econ, NG_SECTOR_COUNT * sizeof *econ);
    p->meaning_economic_return = e;
}

/* A listed partner of capacity 2 giving all of its quota. */
static void add_partner(ng_config *cfg, const char *name, int sector,
                        bool founder, const double *interests)
{
    unit_spec s = {name, sector, founder, 2, 0.4, 0.2, NG_DISP_UNCONDITIONAL,
                   {0}};
    memcpy(s.interests, interests, sizeof s.interests);
    unit_add_partners(cfg, &s, 1);
}

static void step_to(ng_model *m, int64_t t)
{
    while (m->tick < t) {
        unit_run(ng_model_step, m);
    }
}

/* ---- valuation ---- */

/* u_i = w_soc(sector) g_i + w_econ(sector) e for every sector, for members
 * and candidates alike, and it follows the mission.  With weights
 * w_soc = (1, 0.3, 0.8, 1.2), w_econ = (0.1, 1, 0.4, 0), e = 0.35 and
 * aligned founders (g = 1), by hand: government 1.035, business 0.65,
 * knowledge 0.94, civil 1.2.  Benefits are in proportion to u_i. */
static void test_meaning_valuation_formula_per_sector(void **state)
{
    (void)state;
    const double soc[4] = {1, 0.3, 0.8, 1.2}, econ[4] = {0.1, 1, 0.4, 0};
    ng_config cfg;
    meaning_config(&cfg);
    set_weights(&cfg.p, soc, econ, 0.35);
    const char *names[4] = {"gov", "biz", "uni", "ngo"};
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        add_partner(&cfg, names[s], s, true, MISSION);
    }
    const double far_[NG_DIM] = {0, 0, 0, 1};
    add_partner(&cfg, "outsider", NG_SECTOR_CIVIL, false, far_);
    ng_model *m = unit_model_and_clear(&cfg);
    const double by_hand[4] = {1.035, 0.65, 0.94, 1.2};
    for (size_t i = 0; i < 4; i++) {
        assert_near(m->alignment[i], 1, 1e-15);
        assert_rel(m->valuation[i], by_hand[i], 1e-12);
    }
    /* The candidate: g = 0.1 / sqrt(0.3) = 0.18257, civil. */
    double g = 0.1 / sqrt(0.3);
    assert_rel(m->alignment[4], g, 1e-12);
    assert_rel(m->valuation[4], 1.2 * g, 1e-12);

    /* Benefits: b_i = u_i W / 4 (equal capacities, size factor 1). */
    unit_run(ng__phase_quotas, m);
    unit_give(m, 1);
    unit_run(ng__phase_produce, m);
    assert_rel(m->value_w, 3 * 0.8, 1e-12); /* W = 3 x 0.1 x 4 x 2 */
    for (size_t i = 0; i < 4; i++) {
        assert_rel(m->benefit[i], by_hand[i] * 2.4 / 4, 1e-12);
    }

    /* A new mission moves every alignment and every valuation with it. */
    ng__mission_set(m, far_);
    for (size_t i = 0; i < 4; i++) {
        int s = m->sector[i];
        assert_rel(m->alignment[i], g, 1e-12);
        assert_rel(m->valuation[i], soc[s] * g + econ[s] * 0.35, 1e-12);
    }
    assert_near(m->valuation[4], 1.2, 1e-12);
    /* And the formula itself, for a value set by hand. */
    m->alignment[1] = 0.5;
    ng__valuation_update(m, 1);
    assert_rel(m->valuation[1], 0.3 * 0.5 + 1 * 0.35, 1e-15);
    ng_model_free(m);
}

/* ---- exits ---- */

/* A business that counts only economic return (w_soc 0, w_econ 1) next to
 * a government that counts only societal value (w_soc 1, w_econ 0), both
 * aligned, each of capacity 2 paying its quota 0.2.  W = 3 x 0.4 = 1.2,
 * W / n = 0.6:
 *   e = 0:   u = 0 for the business: payoff -0.2, normalised -1 < 0, so it
 *            leaves after 3 ticks (low value);
 *   e = 0.5: u = 0.5: payoff 0.3 - 0.2 = 0.1, normalised 0.5: it stays.
 * The government's payoff is 0.4 either way. */
static void test_meaning_business_needs_economic_return(void **state)
{
    (void)state;
    const double soc[4] = {1, 0, 1, 1}, econ[4] = {0, 1, 0, 0};
    for (int k = 0; k < 2; k++) {
        double e = k ? 0.5 : 0;
        ng_config cfg;
        meaning_config(&cfg);
        set_weights(&cfg.p, soc, econ, e);
        cfg.p.run_ticks = 12;
        add_partner(&cfg, "gov", NG_SECTOR_GOVERNMENT, true, MISSION);
        add_partner(&cfg, "biz", NG_SECTOR_BUSINESS, true, MISSION);
        ng_model *m = unit_model_and_clear(&cfg);
        assert_near(m->valuation[0], 1, 1e-15);
        assert_near(m->valuation[1], e, 1e-15);
        step_to(m, 1);
        assert_rel(m->value_w, 1.2, 1e-12);
        assert_rel(m->payoff[0], 0.4, 1e-12);
        assert_rel(m->payoff[1], k ? 0.1 : -0.2, 1e-12);
        assert_rel(m->payoff_avg[1], k ? 0.5 : -1, 1e-12);
        step_to(m, 2);
        assert_int_equal(m->state[1], NG_MEMBER);
        step_to(m, 3);
        assert_int_equal(m->state[1], k ? NG_MEMBER : NG_EXITED);
        if (!k) {
            const ng_event *x = unit_last_event_of(m, NG_EV_exit);
            assert_true(x->partner == 1);
            assert_int_equal(x->tick, 3);
            assert_int_equal(x->reason, NG_R_low_value);
        }
        step_to(m, 12);
        assert_int_equal(m->state[0], NG_MEMBER);
        assert_int_equal(m->n_members, k ? 2 : 1);
        assert_int_equal(unit_count_events(m, NG_EV_exit, -1), k ? 0 : 1);
        ng_model_free(m);
    }
}

/* A government that counts only societal value (w_soc 1, w_econ 0) values
 * the alliance by its alignment: a newcomer whose interests are
 * (0, 0, 0, 1) has g = u = 0.18257 against 1 for the aligned founders,
 * draws that share of their benefit, and no economic return changes it.
 * With three members W / n = 3 x 0.6 / 3 = 0.6: its payoff is
 * 0.6 g - 0.2 = -0.0905, so it leaves after 3 ticks while the aligned
 * founders (payoff 0.4) stay. */
static void test_meaning_government_needs_alignment(void **state)
{
    (void)state;
    const double soc[4] = {1, 0, 1, 1}, econ[4] = {0, 1, 0, 0};
    const double far_[NG_DIM] = {0, 0, 0, 1};
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        meaning_config(&cfg);
        set_weights(&cfg.p, soc, econ, k ? 1 : 0.5);
        cfg.p.run_ticks = 10;
        add_partner(&cfg, "ministry", NG_SECTOR_GOVERNMENT, true, MISSION);
        add_partner(&cfg, "police", NG_SECTOR_GOVERNMENT, true, MISSION);
        add_partner(&cfg, "agency", NG_SECTOR_GOVERNMENT, false, far_);
        ng_model *m = unit_model_and_clear(&cfg);
        ng__member_add(m, 2, NG_R_invited);
        double g = 0.1 / sqrt(0.3);
        assert_rel(m->valuation[2], g, 1e-12); /* e plays no part */
        assert_near(m->valuation[0], 1, 1e-15);
        step_to(m, 1);
        assert_rel(m->value_w, 1.8, 1e-12);
        assert_rel(m->benefit[2], g * m->benefit[0], 1e-12);
        assert_rel(m->payoff[2], 0.6 * g - 0.2, 1e-12);
        assert_rel(m->payoff[0], 0.4, 1e-12);
        step_to(m, 10);
        assert_int_equal(m->state[2], NG_EXITED);
        assert_int_equal(unit_last_event_of(m, NG_EV_exit)->tick, 3);
        assert_int_equal(m->state[0], NG_MEMBER);
        assert_int_equal(m->state[1], NG_MEMBER);
        ng_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meaning_valuation_formula_per_sector),
        cmocka_unit_test(test_meaning_business_needs_economic_return),
        cmocka_unit_test(test_meaning_government_needs_alignment),
    };
    return cmocka_run_group_tests_name("meaning", tests, unit_group_setup,
                                       NULL);
}
