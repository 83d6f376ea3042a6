/* Unit tests of content vs process (sim/phases/produce.c, sim/phases/learn.c,
 * MODEL.md 5): a process share psi of the input goes to relationship work
 * instead of content, lowering public value now; its intensity
 * pi = min(1, process spend / budget) raises the trust gain and the meeting
 * probability and onboards newcomers toward the mission.
 *
 * Alliances are listed founders (unit_add_founders: capacity 2.385, four
 * sectors, interests (0.4, 0.3, 0.2, 0.1)); the tests call single phases
 * or step whole ticks, with every parameter of the mechanism stated.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

/* unit_config with every v2 module neutral but the process share psi, and
 * the production and learning parameters the tests here read. */
static void process_config(ng_config *cfg, double psi, size_t founders)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    p->process_share = psi;
    p->process_meet_gain = 10;
    p->process_trust_gain = 4;
    p->process_onboarding = 0.5;
    p->process_onboarding_ticks = 3;
    p->alliance_ambition = 0.1;
    unit_param_set(p, "governance.shared.overhead_fixed", 0);
    unit_param_set(p, "governance.shared.overhead_member", 0);
    unit_param_set(p, "governance.shared.overhead_pair", 0);
    unit_param_set(p, "governance.shared.competence", 0.5);
    unit_param_set(p, "governance.shared.monitoring", 0);
    unit_param_set(p, "governance.shared.transparency", 0);
    p->production_productivity = 2;
    p->production_diversity_bonus = 0.5;
    p->production_complexity = 0.3;
    p->learning_trust_gain = 0.04;
    p->learning_trust_loss = 0.12;
    p->learning_reciprocity_level = 0.6;
    p->learning_control_crowding = 0.4;
    p->learning_meet_probability = 0;
    p->network_tie_trust = 0.55;
    p->network_stranger_trust = 0.27;
    unit_add_founders(cfg, founders, NULL);
}

/* ---- production ---- */

/* The process share takes psi of the input after overhead: content input
 * and public value now fall by exactly the share psi.  By hand, with four
 * founders giving 0.8 of quotas summing to B = 0.1 x 4 x 2.385 = 0.954:
 *   I = 0.7632, P = 0.3 I = 0.22896, I_c = 0.53424, pi = P / B = 0.24,
 *   W(psi = 0) = 2 x 0.7632 x (1 + 0.5) x (1 - 0.3 x 0.5) = 1.94616. */
static void test_process_share_lowers_value_now_by_psi(void **state)
{
    (void)state;
    ng_model *m[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        process_config(&cfg, k ? 0.3 : 0, 4);
        m[k] = unit_model_and_clear(&cfg);
        unit_produce_giving(m[k], 0.8);
    }
    ng_model *none = m[0], *some = m[1];
    assert_rel(none->budget, 0.954, 1e-12);
    assert_rel(none->content_input, 0.7632, 1e-12);
    assert_rel(none->value_w, 1.94616, 1e-12);
    assert_near(none->process_spend, 0, 0);
    assert_near(none->process_intensity, 0, 0);
    assert_rel(some->process_spend, 0.22896, 1e-12);
    assert_rel(some->content_input, 0.53424, 1e-12);
    assert_rel(some->process_intensity, 0.24, 1e-12);
    assert_rel(some->value_w, 0.7 * 1.94616, 1e-12);
    /* Pooled input and overhead are the same; benefits fall with W. */
    assert_near(some->pooled, none->pooled, 0);
    for (size_t i = 0; i < 4; i++) {
        assert_rel(some->benefit[i], 0.7 * none->benefit[i], 1e-12);
    }
    /* Process spending is recorded per tick and summed in the summary. */
    unit_run(ng__phase_record, some);
    unit_produce_giving(some, 0.8);
    unit_run(ng__phase_record, some);
    assert_rel(unit_metric(some, NG_M_process_spending, 1), 0.22896, 1e-12);
    ng_summary s;
    ng_model_summary(some, &s);
    assert_rel(s.process_spending, 2 * 0.22896, 1e-12);
    ng_model_free(none);
    ng_model_free(some);
}

/* pi = min(1, P / B), P taken from the input after overhead (and after
 * last tick's fines join the pool). */
static void test_process_intensity_is_spend_over_budget(void **state)
{
    (void)state;
    ng_config cfg;
    process_config(&cfg, 0.5, 4);
    unit_param_set(&cfg.p, "governance.shared.overhead_fixed",
                   0.1); /* O = 0.1 x 2.385 */
    ng_model *m = unit_model_and_clear(&cfg);
    unit_produce_giving(m, 0.6);
    /* P = 0.5 (0.6 x 0.954 - 0.2385) = 0.16695; pi = 0.16695 / 0.954 */
    assert_rel(m->overhead, 0.2385, 1e-12);
    assert_rel(m->process_spend, 0.16695, 1e-12);
    assert_rel(m->process_intensity, 0.16695 / 0.954, 1e-12);
    ng_model_free(m);

    process_config(&cfg, 1, 4);
    m = unit_model_and_clear(&cfg);
    unit_produce_giving(m, 1); /* all of the budget goes to process */
    assert_rel(m->process_spend, 0.954, 1e-12);
    assert_near(m->process_intensity, 1, 1e-12);
    assert_near(m->value_w, 0, 0);
    m->fines_carry = 0.5; /* spend above the budget: capped at 1 */
    unit_produce_giving(m, 1);
    assert_rel(m->process_spend, 1.454, 1e-12);
    assert_near(m->process_intensity, 1, 0);
    ng_model_free(m);
}

/* ---- learning ---- */

/* Process multiplies the trust gain eta+ by 1 + trust_gain pi: with pi =
 * 0.25 and trust_gain 4 the gain doubles, 0.04 (1 - 0.55) x 2 = 0.036;
 * losses are not softened. */
static void test_process_raises_trust_gain(void **state)
{
    (void)state;
    ng_config cfg;
    process_config(&cfg, 0, 2);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_near(*unit_trust(m, 0, 1), 0.55, 0);
    m->x[0] = 0.9;
    m->x[1] = 1;
    m->process_intensity = 0.25;
    unit_run(ng__phase_learn, m);
    assert_rel(*unit_trust(m, 0, 1), 0.55 + 0.036, 1e-12);
    /* Without process: 0.018. */
    m->process_intensity = 0;
    *unit_trust(m, 0, 1) = 0.55;
    unit_run(ng__phase_learn, m);
    assert_rel(*unit_trust(m, 0, 1), 0.55 + 0.018, 1e-12);
    /* A betrayal costs the same with or without process. */
    m->process_intensity = 0.25;
    m->x[1] = 0.1;
    *unit_trust(m, 0, 1) = 0.55;
    unit_run(ng__phase_learn, m);
    assert_rel(*unit_trust(m, 0, 1), 0.55 * (1 - 0.12 * 0.5), 1e-12);
    ng_model_free(m);
}

/* The effective trust gain min(1, eta+ (1 - chi mu) (1 + trust_gain pi)) is
 * capped at 1: with eta+ = 1, trust_gain 1000 and pi = 1 the uncapped gain
 * is 1001 x 0.6 = 600.6, which took trust from 0.55 to 270.8; capped, a
 * reciprocated tie jumps to full trust and stays there, and a betrayal
 * afterwards still lowers it by the ordinary loss. */
static void test_process_trust_gain_is_capped_at_one(void **state)
{
    (void)state;
    ng_config cfg;
    process_config(&cfg, 0, 2);
    cfg.p.learning_trust_gain = 1;
    cfg.p.process_trust_gain = 1000;
    ng_model *m = unit_model_and_clear(&cfg);
    m->x[0] = 0.9;
    m->x[1] = 1;
    for (int t = 0; t < 3; t++) {
        m->process_intensity = 1;
        unit_run(ng__phase_learn, m);
        assert_near(*unit_trust(m, 0, 1), 1, 0);
        assert_near(*unit_trust(m, 1, 0), 1, 0);
    }
    m->x[1] = 0.1;
    unit_run(ng__phase_learn, m);
    assert_rel(*unit_trust(m, 0, 1), 1 - 0.12 * 0.5, 1e-12);
    ng_model_free(m);
}

/* n members, one founder and n - 1 admitted by hand, none tied. */
static ng_model *tieless_model(size_t n, double meet)
{
    ng_config cfg;
    process_config(&cfg, 0, 1);
    cfg.p.learning_meet_probability = meet;
    return unit_tieless_members(&cfg, n);
}

/* Ties made in `rounds` learning phases at intensity pi, each round from
 * no ties. */
static size_t ties_made(ng_model *m, double pi, int rounds)
{
    size_t made = 0;
    for (int r = 0; r < rounds; r++) {
        m->process_intensity = pi;
        unit_run(ng__phase_learn, m);
        made += unit_assert_sound_ties(m, m->k_max);
        memset(m->deg, 0, m->n * sizeof *m->deg);
    }
    return made;
}

/* Process multiplies the meeting probability by 1 + meet_gain pi (capped
 * at 1): 0.02 becomes 0.02 x (1 + 10 x 0.5) = 0.12, six times as many new
 * ties. */
static void test_process_raises_meeting_probability(void **state)
{
    (void)state;
    const size_t n = 400;
    const int rounds = 50;
    const double p[2] = {0.02, 0.12};
    size_t made[2];
    for (int k = 0; k < 2; k++) {
        ng_model *m = tieless_model(n, 0.02);
        made[k] = ties_made(m, k ? 0.5 : 0, rounds);
        /* A member picks itself with 1/n (no tie). */
        double trials = rounds * (double)n;
        double expect = trials * p[k] * (1 - 1.0 / (double)n);
        assert_near((double)made[k], expect,
                    4 * sqrt(trials * p[k] * (1 - p[k])));
        ng_model_free(m);
    }
    assert_less(4.0 * (double)made[0], (double)made[1]);
    /* 0.5 x (1 + 10 x 1) > 1: every member meets somebody every tick;
     * only picks of itself or of a partner that just picked it add none. */
    ng_model *m = tieless_model(n, 0.5);
    size_t all = ties_made(m, 1, 1);
    assert_true(all <= n && all >= n - 12);
    ng_model_free(m);
}

/* Over whole ticks (same seed), an alliance that spends a process share
 * forms more ties: 30 unconditional founders give all of their quotas, so
 * pi = psi = 0.3 and meetings happen with 0.02 x 4 = 0.08 instead of
 * 0.02. */
static void test_process_forms_more_ties_over_a_run(void **state)
{
    (void)state;
    const size_t n = 30;
    const int64_t ticks = 20;
    size_t ties[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        process_config(&cfg, k ? 0.3 : 0, n);
        for (size_t i = 0; i < n; i++) {
            cfg.partners[i].disposition = NG_DISP_UNCONDITIONAL;
        }
        cfg.p.learning_meet_probability = 0.02;
        cfg.p.network_max_degree = 29;
        cfg.p.run_ticks = ticks;
        ng_model *m = unit_model_and_clear(&cfg);
        memset(m->deg, 0, m->n * sizeof *m->deg); /* founders start apart */
        for (int64_t t = 0; t < ticks; t++) {
            unit_run(ng_model_step, m);
            assert_rel(m->process_intensity, k ? 0.3 : 0, 1e-12);
        }
        assert_int_equal(m->n_members, n);
        ties[k] = unit_assert_sound_ties(m, m->k_max);
        /* About ticks x n x chance new ties (less repeats). */
        double chance = k ? 0.08 : 0.02, trials = (double)ticks * (double)n;
        assert_near((double)ties[k], trials * chance,
                    4 * sqrt(trials * chance * (1 - chance)) + 3);
        ng_model_free(m);
    }
    assert_less(2.0 * (double)ties[0], (double)ties[1]);
}

/* ---- onboarding ---- */

/* Onboarding moves a newcomer's interests toward the mission at rate
 * onboarding pi = 0.5 x 0.4 = 0.2 for its first onboarding_ticks = 3
 * ticks: theta_k = target + 0.8^k (theta_0 - target), so its alignment
 * rises; a founder's interests never move, and without process nobody's
 * do. */
static void test_process_onboarding_aligns_newcomers_only(void **state)
{
    (void)state;
    ng_config cfg;
    process_config(&cfg, 0, 3);
    /* The founders: two at (0.4, 0.3, 0.2, 0.1), one at (0.1, 0.2, 0.3,
     * 0.4), so the mission (0.9, 0.8, 0.7, 0.6) suits none exactly. */
    const double other[NG_DIM] = {0.1, 0.2, 0.3, 0.4};
    memcpy(cfg.partners[2].interests, other, sizeof other);
    const unit_spec newcomer = {
        "new", NG_SECTOR_BUSINESS,  false,           1.5, 0.2,
        0.2,   NG_DISP_CONDITIONAL, {0, 0, 0.5, 0.5}};
    unit_add_partners(&cfg, &newcomer, 1);
    ng_model *m = unit_model_and_clear(&cfg);
    const double target[NG_DIM] = {0.9 / 3, 0.8 / 3, 0.7 / 3, 0.6 / 3};
    const double theta0[NG_DIM] = {0, 0, 0.5, 0.5};
    ng__member_add(m, 3, NG_R_invited); /* joins at tick 0 */
    double founders[3 * NG_DIM], founder_align = m->alignment[2];
    memcpy(founders, m->interests, sizeof founders);
    double align = m->alignment[3];
    assert_rel(align, ng__cosine(theta0, target), 1e-12);

    /* No process, no onboarding. */
    m->tick = 1;
    m->process_intensity = 0;
    unit_run(ng__phase_learn, m);
    assert_memory_equal(m->interests + 3 * NG_DIM, theta0, sizeof theta0);

    for (int64_t t = 1; t <= 4; t++) {
        m->tick = t;
        m->process_intensity = 0.4;
        unit_run(ng__phase_learn, m);
        int k = t < 3 ? (int)t : 2; /* onboarded at ticks 1 and 2 only */
        const double *th = m->interests + 3 * NG_DIM;
        for (int d = 0; d < NG_DIM; d++) {
            assert_rel(th[d], target[d] + pow(0.8, k) * (theta0[d] - target[d]),
                       1e-12);
        }
        assert_rel(m->alignment[3], ng__cosine(th, m->mission), 1e-12);
        /* Valuation follows alignment (societal weight 1). */
        assert_rel(m->valuation[3], m->alignment[3], 1e-15);
        if (t <= 2) {
            assert_less(align, m->alignment[3]);
        } else {
            assert_near(m->alignment[3], align, 0);
        }
        align = m->alignment[3];
        /* Founders keep their interests and alignment. */
        assert_memory_equal(m->interests, founders, sizeof founders);
        assert_near(m->alignment[2], founder_align, 0);
    }
    /* By hand: cos((0, 0, .5, .5), (.9, .8, .7, .6)) = 0.65 / sqrt(0.5 x
     * 2.3) = 0.6061 before; after two ticks theta = 0.36 target + 0.64
     * theta_0 = (0.108, 0.096, 0.404, 0.392), alignment
     * 0.692 / sqrt(0.33776 x 2.3) = 0.7851. */
    assert_rel(ng__cosine(theta0, target), 0.65 / sqrt(0.5 * 2.3), 1e-12);
    assert_rel(align, 0.692 / sqrt(0.33776 * 2.3), 1e-12);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_process_share_lowers_value_now_by_psi),
        cmocka_unit_test(test_process_intensity_is_spend_over_budget),
        cmocka_unit_test(test_process_raises_trust_gain),
        cmocka_unit_test(test_process_trust_gain_is_capped_at_one),
        cmocka_unit_test(test_process_raises_meeting_probability),
        cmocka_unit_test(test_process_forms_more_ties_over_a_run),
        cmocka_unit_test(test_process_onboarding_aligns_newcomers_only),
    };
    return cmocka_run_group_tests_name("process", tests, unit_group_setup,
                                       NULL);
}
