/* Unit tests of the governance modes (sim/rules/gov_*.c) through the phases
 * that use them: overhead in production (MODEL.md 4.3), monitoring and
 * sanctions (4.5), voice (4.6) and admission (4.7).
 *
 * Alliances are built from listed founders with stated attributes; the
 * tests then set contributions and memberships directly and call single
 * phases, so every expected number follows from the equations by hand.
 */
#include <gsl/gsl_rng.h>

#include "unit_helpers.h"

/* ---- helpers ---- */

static int mode_index(const char *mode)
{
    int g = ng_family_find(NG_FAMILY_GOVERNANCE, mode);
    assert_true(g >= 0);
    return g;
}

/* Explicit coefficients for all three modes (the overhead tests). */
static void set_overheads(ng_params *p)
{
    unit_param_set(p, "governance.shared.overhead_fixed", 0.137);
    unit_param_set(p, "governance.shared.overhead_member", 0.0231);
    unit_param_set(p, "governance.shared.overhead_pair", 0.00417);
    unit_param_set(p, "governance.lead.overhead_fixed", 0);
    unit_param_set(p, "governance.lead.overhead_member", 0.01);
    unit_param_set(p, "governance.lead.overhead_pair", 0.0002);
    unit_param_set(p, "governance.nao.overhead_fixed", 0.3);
    unit_param_set(p, "governance.nao.overhead_member", 0.004);
    unit_param_set(p, "governance.nao.overhead_pair", 0.0001);
}

/* n founders with the given capacities (NULL: all 2.385) under governance
 * `mode`, sharing costs by capacity: the alliance most tests here start
 * from, so only the governance mode differs between them. */
static void founders_config(ng_config *cfg, int mode, size_t n,
                            const double *caps)
{
    unit_config(cfg);
    unit_add_founders(cfg, n, caps);
    cfg->p.governance_mode = mode;
    cfg->p.cost_rule = ng_family_find(NG_FAMILY_COST, "capacity");
}

/* The overhead tests' alliance: every mode's coefficients stated and a
 * budget of 0.1 of the capacities. */
static void overhead_config(ng_config *cfg, int mode, size_t n,
                            const double *caps)
{
    founders_config(cfg, mode, n, caps);
    set_overheads(&cfg->p);
    cfg->p.alliance_ambition = 0.1;
}

/* The norm the sanction tests measure shortfalls against: quotas of 0.1 of
 * capacity, a norm of 0.8 of the quota and a tolerance of 0.05. */
static void set_norm(ng_params *p)
{
    p->alliance_ambition = 0.1;
    p->alliance_contribution_norm = 0.8;
    p->alliance_tolerance = 0.05;
}

/* The admission tests' random stream, the same in every test. */
static gsl_rng *seeded_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 2385);
    return r;
}

/* ---- overhead (MODEL.md 4.3) ---- */

static double expected_overhead(double cbar, double a, double b, double p,
                                double n)
{
    return cbar * (a + b * n + p * n * (n - 1) / 2);
}

static void test_gov_shared_overhead_grows_quadratically(void **state)
{
    (void)state;
    ng_config cfg;
    overhead_config(&cfg, mode_index("shared"), 16, NULL); /* all 2.385 */
    ng_model *m = unit_model_and_clear(&cfg);

    /* Shrink from 16 to 2 members, measuring O at each size. */
    double o[17] = {0};
    for (size_t n = 16; n >= 2; n--) {
        assert_int_equal(m->n_members, n);
        unit_produce_giving(m, 0.8);
        o[n] = m->overhead;
        assert_rel(o[n],
                   expected_overhead(2.385, 0.137, 0.0231, 0.00417, (double)n),
                   1e-12);
        ng__member_remove(m, m->member[n - 1], NG_EXITED, NG_R_low_value);
    }
    /* n, 2n, 4n = 4, 8, 16 by hand: 0.137 + 0.0231 n + 0.00417 n(n-1)/2
     * = 0.25442, 0.43856 and 1.007 mean capacities. */
    assert_rel(o[4], 2.385 * 0.25442, 1e-12);
    assert_rel(o[8], 2.385 * 0.43856, 1e-12);
    assert_rel(o[16], 2.385 * 1.007, 1e-12);
    /* Doubling the membership more than doubles the overhead. */
    assert_less(2 * (o[8] - o[4]), o[16] - o[8]);
    /* The second difference is constant and positive: cbar * o_pair. */
    for (size_t n = 3; n <= 15; n++) {
        double d2 = o[n + 1] - 2 * o[n] + o[n - 1];
        assert_near(d2, 2.385 * 0.00417, 1e-12);
        assert_true(d2 > 0);
    }
    ng_model_free(m);
}

/* Sets governance.<mode>.<suffix> if the mode declares that parameter;
 * returns whether it does. */
static bool set_if_declared(ng_params *p, const ng_governance *mode,
                            const char *suffix, double v)
{
    char path[128];
    snprintf(path, sizeof path, "governance.%s.%s", mode->rule.name, suffix);
    if (!ng_params_find(path)) {
        return false;
    }
    unit_param_set(p, path, v);
    return true;
}

static void test_gov_every_mode_pays_its_own_overhead_formula(void **state)
{
    (void)state;
    const double caps[5] = {2.385, 0.731, 1.914, 4.207, 0.356};
    for (size_t g = 0; g < ng_governance_count(); g++) {
        const ng_governance *mode = ng_governance_at(g);
        ng_config cfg;
        overhead_config(&cfg, (int)g, 5, caps);
        /* Distinct coefficients per mode, where the mode declares them. */
        double fixed = 0.137 + 0.1 * (double)g;
        double member = 0.0231 + 0.01 * (double)g;
        double pair = 0.00417 + 0.001 * (double)g;
        bool declared = set_if_declared(&cfg.p, mode, "overhead_fixed", fixed);
        declared &= set_if_declared(&cfg.p, mode, "overhead_member", member);
        declared &= set_if_declared(&cfg.p, mode, "overhead_pair", pair);
        ng_model *m = unit_model_and_clear(&cfg);
        if (declared) {
            assert_near(m->gc.overhead_fixed, fixed, 0);
            assert_near(m->gc.overhead_member, member, 0);
            assert_near(m->gc.overhead_pair, pair, 0);
        }
        unit_produce_giving(m, 0.9);
        /* cbar = 9.593 / 5 */
        assert_rel(m->overhead,
                   expected_overhead(1.9186, m->gc.overhead_fixed,
                                     m->gc.overhead_member, m->gc.overhead_pair,
                                     5),
                   1e-12);
        assert_rel(m->pooled, 0.9 * 0.1 * 9.593, 1e-12);
        assert_rel(m->content_input, fmax(0, m->pooled - m->overhead), 1e-12);
        ng_model_free(m);
    }
}

static void
test_gov_nao_fixed_cost_gives_worst_overhead_ratio_at_three(void **state)
{
    (void)state;
    const double caps[3] = {3.118, 0.947, 1.526};
    const char *modes[3] = {"shared", "lead", "nao"};
    double ratio[3];
    for (int k = 0; k < 3; k++) {
        ng_config cfg;
        overhead_config(&cfg, mode_index(modes[k]), 3, caps);
        unit_param_set(&cfg.p, "governance.shared.overhead_fixed",
                       0); /* the reference shape */
        unit_param_set(&cfg.p, "governance.shared.overhead_member", 0.005);
        unit_param_set(&cfg.p, "governance.shared.overhead_pair", 0.0015);
        ng_model *m = unit_model_and_clear(&cfg);
        unit_produce_giving(m, 0.8);
        ratio[k] = m->overhead / m->pooled;
        ng_model_free(m);
    }
    /* pooled = 0.8 * 0.1 * 3 cbar = 0.24 cbar, so the ratios are
     * shared (0.015 + 0.0045) / 0.24, lead (0.03 + 0.0006) / 0.24,
     * NAO (0.3 + 0.012 + 0.0003) / 0.24. */
    int shared = 0, lead = 1, nao = 2;
    assert_rel(ratio[shared], 0.08125, 1e-12);
    assert_rel(ratio[lead], 0.1275, 1e-12);
    assert_rel(ratio[nao], 1.30125, 1e-12);
    assert_less(ratio[shared], ratio[nao]);
    assert_less(ratio[lead], ratio[nao]);
}

/* ---- the lead's fines (MODEL.md 4.5) ---- */

/* Lead L (0), a stronger partner S (1) and a weaker one W (2). */
static ng_model *lead_alliance(int64_t exclusion_after)
{
    ng_config cfg;
    unit_config(&cfg);
    const unit_spec s[3] = {{"L",
                             NG_SECTOR_GOVERNMENT,
                             true,
                             1.237,
                             0.35,
                             0.2,
                             NG_DISP_CONDITIONAL,
                             {4, 1, 1, 1}},
                            {"S",
                             NG_SECTOR_BUSINESS,
                             true,
                             4.813,
                             0.9,
                             0.2,
                             NG_DISP_CONDITIONAL,
                             {3, 1, 2, 1}},
                            {"W",
                             NG_SECTOR_CIVIL,
                             true,
                             0.592,
                             0.1,
                             0.2,
                             NG_DISP_CONDITIONAL,
                             {2, 3, 1, 1}}};
    unit_add_partners(&cfg, s, 3);
    cfg.partners[0].lead = true;
    cfg.p.governance_mode = mode_index("lead");
    cfg.p.cost_rule = ng_family_find(NG_FAMILY_COST, "capacity");
    set_norm(&cfg.p);
    cfg.p.power_capacity_weight = 0.5;
    cfg.p.power_authority_weight = 0.5;
    unit_param_set(&cfg.p, "governance.lead.monitoring", 1);
    unit_param_set(&cfg.p, "governance.lead.sanction", 1.75);
    unit_param_set(&cfg.p, "governance.lead.exclusion_after",
                   (double)exclusion_after);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->lead, 0);
    unit_run(ng__phase_quotas, m);
    return m;
}

static void test_gov_lead_cannot_fully_fine_a_stronger_partner(void **state)
{
    (void)state;
    ng_model *m = lead_alliance(0);
    /* cbar = 6.642 / 3 = 2.214; P = 0.5 c / cbar + 0.5 a. */
    double pl = 0.5 * 1.237 / 2.214 + 0.5 * 0.35;
    double ps = 0.5 * 4.813 / 2.214 + 0.5 * 0.9;
    double pw = 0.5 * 0.592 / 2.214 + 0.5 * 0.1;
    assert_rel(m->power[0], pl, 1e-12);
    assert_rel(m->power[1], ps, 1e-12);
    assert_rel(m->power[2], pw, 1e-12);
    assert_true(pw < pl && pl < ps);

    m->x[0] = 0.95;
    m->x[1] = 0.213;
    m->x[2] = 0.213;
    unit_run(ng__phase_monitor, m);
    double full_s = 1.75 * (0.8 - 0.213) * 0.1 * 4.813;
    double full_w = 1.75 * (0.8 - 0.213) * 0.1 * 0.592;
    /* S pays only P_L / P_S of the fine; W, weaker than the lead, all. */
    assert_rel(m->sanction[1], full_s * pl / ps, 1e-12);
    assert_rel(m->sanction[2], full_w, 1e-12);
    assert_near(m->sanction[0], 0, 0);
    assert_true(m->sanction[1] < full_s);
    assert_rel(m->fines_carry, full_s * pl / ps + full_w, 1e-12);
    assert_true(m->violations_seen == 2);
    assert_int_equal(unit_count_events(m, NG_EV_sanction, NG_R_fine), 2);
    /* Deterrence follows the same enforceability. */
    assert_rel(ng__deterrence(m, 1), 1.75 * pl / ps, 1e-12);
    assert_rel(ng__deterrence(m, 2), 1.75, 1e-12);
    assert_near(ng__deterrence(m, 0), 0, 0);
    ng_model_free(m);
}

static void test_gov_lead_excludes_only_violators_it_can_enforce(void **state)
{
    (void)state;
    ng_model *m = lead_alliance(2);
    for (int t = 1; t <= 3; t++) {
        m->x[0] = 0.95;
        m->x[1] = 0.118;
        m->x[2] = 0.118;
        for (size_t i = 0; i < 3; i++) {
            m->flagged[i] = 0;
        }
        unit_run(ng__phase_monitor, m);
        assert_true(m->violations[1] == t && m->violations[2] == t);
        assert_int_equal(m->flagged[2], t >= 2);
        assert_int_equal(m->flagged[1], 0); /* stronger than the lead */
    }
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->state[2], NG_EXCLUDED);
    assert_int_equal(m->state[1], NG_MEMBER);
    ng_model_free(m);
}

static void test_gov_lead_tolerates_a_shortfall_within_the_margin(void **state)
{
    (void)state;
    ng_model *m = lead_alliance(0);
    m->x[1] = 0.8 - 0.05 + 1e-9; /* just inside the KPI tolerance */
    m->x[2] = 0.8 - 0.05 - 1e-9; /* just outside */
    assert_false(ng__violates(m, 1));
    assert_true(ng__violates(m, 2));
    unit_run(ng__phase_monitor, m);
    assert_true(m->violations_seen == 1);
    /* The fine is on the whole gap to the norm. */
    assert_rel(m->sanction[2], 1.75 * (0.05 + 1e-9) * 0.1 * 0.592, 1e-12);
    ng_model_free(m);
}

/* ---- the NAO's graduated sanctions ---- */

static void test_gov_nao_warns_then_fines_then_excludes(void **state)
{
    (void)state;
    ng_config cfg;
    const double caps[4] = {1.874, 2.611, 0.733, 1.402};
    founders_config(&cfg, mode_index("nao"), 4, caps);
    set_norm(&cfg.p);
    unit_param_set(&cfg.p, "governance.nao.monitoring", 1);
    unit_param_set(&cfg.p, "governance.nao.sanction", 1.5);
    unit_param_set(&cfg.p, "governance.nao.exclusion_after", 3);
    ng_model *m = unit_model_and_clear(&cfg);
    unit_run(ng__phase_quotas, m);
    const size_t v = 2; /* the violator: quota 0.1 * 0.733 */
    assert_rel(m->quota[v], 0.0733, 1e-12);
    const double fine = 1.5 * (0.8 - 0.137) * 0.0733;

    for (int t = 1; t <= 3; t++) {
        m->tick = t;
        unit_give(m, 0.93);
        m->x[v] = 0.137;
        for (size_t i = 0; i < 4; i++) {
            m->sanction[i] = 0;
            m->flagged[i] = 0;
        }
        unit_run(ng__phase_monitor, m);
        assert_true(m->violations[v] == t);
        const ng_event *e = unit_last_event(m);
        assert_int_equal(e->type, NG_EV_sanction);
        assert_true(e->partner == (int64_t)v);
        assert_int_equal(e->tick, t);
        if (t == 1) {
            /* First violation: a warning, nothing paid. */
            assert_int_equal(e->reason, NG_R_warning);
            assert_near(e->amount, 0, 0);
            assert_near(m->sanction[v], 0, 0);
            assert_near(m->fines_carry, 0, 0);
        } else {
            assert_int_equal(e->reason, NG_R_fine);
            assert_rel(e->amount, fine, 1e-12);
            assert_rel(m->sanction[v], fine, 1e-12);
            assert_rel(m->fines_carry, (t - 1) * fine, 1e-12);
        }
        /* Flagged for exclusion at K = 3, not before. */
        assert_int_equal(m->flagged[v], t == 3);
    }
    for (size_t i = 0; i < 4; i++) {
        assert_true(i == v || m->violations[i] == 0);
    }
    unit_run(ng__phase_exit, m);
    assert_int_equal(m->state[v], NG_EXCLUDED);
    assert_int_equal(m->n_members, 3);
    assert_true(m->exclusions == 1 && m->total_exclusions == 1);
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_exclusion);
    assert_int_equal(e->reason, NG_R_repeated_violations);
    assert_true(e->partner == (int64_t)v);
    assert_int_equal(unit_count_events(m, NG_EV_exit, -1), 0);
    ng_model_free(m);
}

static void test_gov_shared_peers_impose_a_lost_social_cost(void **state)
{
    (void)state;
    ng_config cfg;
    const double caps[5] = {1.874, 2.611, 0.733, 1.402, 0.958};
    founders_config(&cfg, mode_index("shared"), 5, caps);
    cfg.p.network_max_degree = 2; /* founders form the ring 0-1-2-3-4-0 */
    set_norm(&cfg.p);
    unit_param_set(&cfg.p, "governance.shared.monitoring", 1);
    unit_param_set(&cfg.p, "governance.shared.sanction", 0.85);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->deg[0], 2);
    unit_run(ng__phase_quotas, m);
    unit_give(m, 0.9);
    m->x[3] = 0.291;
    unit_run(ng__phase_monitor, m);
    assert_true(m->violations_seen == 1);
    assert_rel(m->sanction[3], 0.85 * (0.8 - 0.291) * 0.1 * 1.402, 1e-12);
    assert_int_equal(unit_last_event(m)->reason, NG_R_social_cost);
    assert_near(m->fines_carry, 0, 0); /* informal: nothing is pooled */
    /* Detection 1 - (1 - mu)^ties: with mu = 1 and two ties, certain. */
    assert_rel(ng__deterrence(m, 3), 0.85, 1e-12);
    ng_model_free(m);
}

static void test_gov_shared_deterrence_grows_with_watching_ties(void **state)
{
    (void)state;
    ng_config cfg;
    founders_config(&cfg, mode_index("shared"), 6, NULL);
    cfg.p.network_max_degree = 2;
    unit_param_set(&cfg.p, "governance.shared.monitoring", 0.35);
    unit_param_set(&cfg.p, "governance.shared.sanction", 1.25);
    ng_model *m = unit_model_and_clear(&cfg);
    /* Two ties: (1 - 0.65^2) * 1.25; then one tie leaves the alliance. */
    assert_rel(ng__deterrence(m, 0), (1 - 0.65 * 0.65) * 1.25, 1e-12);
    ng__member_remove(m, 1, NG_EXITED, NG_R_low_value);
    assert_rel(ng__deterrence(m, 0), 0.35 * 1.25, 1e-12);
    ng__member_remove(m, 5, NG_EXITED, NG_R_low_value);
    assert_near(ng__deterrence(m, 0), 0, 0);
    ng_model_free(m);
}

/* ---- voice (MODEL.md 4.6) ---- */

static void test_gov_lead_voice_falls_with_the_power_gap(void **state)
{
    (void)state;
    ng_config cfg;
    const double caps[4] = {3.2, 1.6, 0.8, 4.8};
    founders_config(&cfg, mode_index("lead"), 4, caps);
    cfg.partners[0].lead = true;
    cfg.p.power_capacity_weight = 1; /* P_i = c_i / cbar */
    cfg.p.power_authority_weight = 0;
    unit_param_set(&cfg.p, "governance.lead.voice_loss", 0.73);
    ng_model *m = unit_model_and_clear(&cfg);
    const ng_governance *g = m->gov;
    /* gap = (P_L - P_i) / P_L: 0.5 for c = 1.6, 0.75 for c = 0.8. */
    assert_near(g->voice(m, 0), 1, 0);
    assert_rel(g->voice(m, 1), 1 - 0.73 * 0.5, 1e-12);
    assert_rel(g->voice(m, 2), 1 - 0.73 * 0.75, 1e-12);
    assert_near(g->voice(m, 3), 1, 0); /* stronger than the lead */
    assert_less(g->voice(m, 2), g->voice(m, 1));
    ng_model_free(m);
}

static void test_gov_shared_and_nao_voice_are_flat(void **state)
{
    (void)state;
    const double caps[3] = {3.2, 1.6, 0.8};
    const char *modes[2] = {"shared", "nao"};
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        founders_config(&cfg, mode_index(modes[k]), 3, caps);
        unit_param_set(&cfg.p, "governance.nao.voice", 0.815);
        ng_model *m = unit_model_and_clear(&cfg);
        double want = k == 1 ? 0.815 : 1;
        for (size_t i = 0; i < 3; i++) {
            assert_near(m->gov->voice(m, i), want, 0);
        }
        ng_model_free(m);
    }
}

/* ---- admission (MODEL.md 4.7) ---- */

/* Founders 0..2 and a candidate 3 tied to founders 0 and 1 at trust t. */
static ng_model *admission_model(const char *mode, double t)
{
    ng_config cfg;
    founders_config(&cfg, mode_index(mode), 3, NULL);
    const unit_spec cand = {
        "cand", NG_SECTOR_CIVIL,     false,       1.111, 0.2,
        0.2,    NG_DISP_CONDITIONAL, {1, 2, 3, 4}};
    unit_add_partners(&cfg, &cand, 1);
    const ng_tie_spec ties[2] = {{0, 3, t}, {1, 3, t}};
    unit_set_ties(&cfg, ties, 2);
    unit_param_set(&cfg.p, "governance.shared.veto", 0.6);
    unit_param_set(&cfg.p, "governance.nao.admission_alignment", 0.537);
    unit_param_set(&cfg.p, "governance.lead.admission_alignment", 0.615);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->state[3], NG_CANDIDATE);
    return m;
}

/* Share of `trials` admissions of candidate 3. */
static double admit_rate(const ng_model *m, gsl_rng *r, int trials)
{
    int admitted = 0;
    for (int k = 0; k < trials; k++) {
        admitted += m->gov->admit(m, 3, 0, r);
    }
    return (double)admitted / trials;
}

static void assert_rate(double rate, double p, int trials)
{
    double sd = sqrt(p * (1 - p) / trials);
    assert_near(rate, p, 4 * sd);
}

static void test_gov_shared_veto_depends_on_trust(void **state)
{
    (void)state;
    const int trials = 20000;
    gsl_rng *r = seeded_rng();
    /* Each of two tied members vetoes with 0.6 (1 - t). */
    ng_model *high = admission_model("shared", 0.85);
    ng_model *low = admission_model("shared", 0.15);
    double p_high = (1 - 0.6 * 0.15) * (1 - 0.6 * 0.15); /* 0.8281 */
    double p_low = (1 - 0.6 * 0.85) * (1 - 0.6 * 0.85);  /* 0.2401 */
    double r_high = admit_rate(high, r, trials);
    double r_low = admit_rate(low, r, trials);
    assert_rate(r_high, p_high, trials);
    assert_rate(r_low, p_low, trials);
    assert_less(r_low, r_high);

    /* It is the member's trust in the candidate that counts. */
    *unit_trust(low, 0, 3) = 0.85;
    *unit_trust(low, 1, 3) = 0.85;
    *unit_trust(low, 3, 0) = 0.05;
    *unit_trust(low, 3, 1) = 0.05;
    assert_rate(admit_rate(low, r, trials), p_high, trials);
    /* Full trust: no veto; nobody tied: nobody to veto. */
    *unit_trust(low, 0, 3) = 1;
    *unit_trust(low, 1, 3) = 1;
    assert_near(admit_rate(low, r, 200), 1, 0);
    ng__member_remove(high, 0, NG_EXITED, NG_R_low_value);
    ng__member_remove(high, 1, NG_EXITED, NG_R_low_value);
    assert_near(admit_rate(high, r, 200), 1, 0);
    ng_model_free(high);
    ng_model_free(low);
    gsl_rng_free(r);
}

static void test_gov_nao_admission_needs_alignment(void **state)
{
    (void)state;
    gsl_rng *r = seeded_rng();
    ng_model *m = admission_model("nao", 0.05);
    m->alignment[3] = 0.536;
    assert_false(m->gov->admit(m, 3, -1, r));
    assert_false(m->gov->admit(m, 3, 0, r));
    m->alignment[3] = 0.537;
    assert_true(m->gov->admit(m, 3, -1, r));
    m->alignment[3] = 0.912;
    /* Trust plays no part: the office checks the mission only. */
    assert_near(admit_rate(m, r, 200), 1, 0);
    ng_model_free(m);
    gsl_rng_free(r);
}

static void test_gov_lead_admits_partners_aligned_with_itself(void **state)
{
    (void)state;
    gsl_rng *r = seeded_rng();
    ng_model *m = admission_model("lead", 0.5);
    size_t l = m->lead;
    double *lead_in = m->interests + l * NG_DIM;
    double *cand = m->interests + 3 * NG_DIM;
    /* cos((0.4,0.3,0.2,0.1), (0.2,0.2,0.3,0.3)) = 0.23 / sqrt(0.3 * 0.26)
     * = 0.8235; with (0,0,0.7,0.3): 0.17 / sqrt(0.3 * 0.58) = 0.4075. */
    assert_near(lead_in[0], 0.4, 0);
    const double near_[NG_DIM] = {0.2, 0.2, 0.3, 0.3};
    const double far_[NG_DIM] = {0, 0, 0.7, 0.3};
    memcpy(cand, near_, sizeof near_);
    assert_rel(ng__cosine(cand, lead_in), 0.23 / sqrt(0.3 * 0.26), 1e-12);
    assert_true(m->gov->admit(m, 3, 0, r));
    memcpy(cand, far_, sizeof far_);
    assert_rel(ng__cosine(cand, lead_in), 0.17 / sqrt(0.3 * 0.58), 1e-12);
    assert_false(m->gov->admit(m, 3, 0, r));
    ng_model_free(m);
    gsl_rng_free(r);
}

/* ---- the registry ---- */

/* The coefficient of ng_gov_coeffs a mode's parameter of the same name
 * sets, or NULL. */
static double *coefficient(ng_gov_coeffs *c, const char *suffix)
{
    struct {
        const char *name;
        double *field;
    } fields[] = {
        {"overhead_fixed", &c->overhead_fixed},
        {"overhead_member", &c->overhead_member},
        {"overhead_pair", &c->overhead_pair},
        {"competence", &c->competence},
        {"monitoring", &c->monitoring},
        {"sanction", &c->sanction},
        {"transparency", &c->transparency},
        {"outreach", &c->outreach},
        {"agility", &c->agility},
    };
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        if (strcmp(fields[k].name, suffix) == 0) {
            return fields[k].field;
        }
    }
    return NULL;
}

/* Every mode of the registry: its coefficients come from its own
 * parameters of the same name (each set to a distinct value here), and
 * the rest are defined numbers. */
static void test_gov_coeffs_read_each_modes_own_parameters(void **state)
{
    (void)state;
    assert_true(ng_governance_count() > 0);
    for (size_t g = 0; g < ng_governance_count(); g++) {
        const ng_governance *gov = ng_governance_at(g);
        assert_ptr_equal(ng_governance_find(gov->rule.name), gov);
        ng_params p;
        ng_params_defaults(&p);
        ng_gov_coeffs want;
        memset(&want, 0, sizeof want);
        for (size_t k = 0; k < gov->rule.n_params; k++) {
            const ng_rule_param *q = &gov->rule.params[k];
            double *field = coefficient(&want, q->suffix);
            if (field && q->type == NG_PARAM_REAL) {
                /* Distinct, within range, unlike the default. */
                *field = q->min + (q->max - q->min) *
                                      (0.0123 * (double)k + 0.0071 * (double)g);
                char path[128];
                snprintf(path, sizeof path, "governance.%s.%s", gov->rule.name,
                         q->suffix);
                unit_param_set(&p, path, *field);
            }
        }
        ng_gov_coeffs c;
        memset(&c, 0xFF, sizeof c);
        ng_governance_coeffs(gov, ng_rule_params(&p, &gov->rule), &c);
        for (size_t k = 0; k < gov->rule.n_params; k++) {
            const char *suffix = gov->rule.params[k].suffix;
            double *field = coefficient(&want, suffix);
            if (field) {
                assert_near(*coefficient(&c, suffix), *field, 0);
            }
        }
        const double *all = &c.overhead_fixed;
        for (size_t k = 0; k < sizeof c / sizeof(double); k++) {
            assert_true(isfinite(all[k]) && all[k] >= 0);
        }
    }
    assert_null(ng_governance_find("anarchy"));
    assert_null(ng_governance_at(ng_governance_count()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gov_shared_overhead_grows_quadratically),
        cmocka_unit_test(test_gov_every_mode_pays_its_own_overhead_formula),
        cmocka_unit_test(
            test_gov_nao_fixed_cost_gives_worst_overhead_ratio_at_three),
        cmocka_unit_test(test_gov_lead_cannot_fully_fine_a_stronger_partner),
        cmocka_unit_test(test_gov_lead_excludes_only_violators_it_can_enforce),
        cmocka_unit_test(test_gov_lead_tolerates_a_shortfall_within_the_margin),
        cmocka_unit_test(test_gov_nao_warns_then_fines_then_excludes),
        cmocka_unit_test(test_gov_shared_peers_impose_a_lost_social_cost),
        cmocka_unit_test(test_gov_shared_deterrence_grows_with_watching_ties),
        cmocka_unit_test(test_gov_lead_voice_falls_with_the_power_gap),
        cmocka_unit_test(test_gov_shared_and_nao_voice_are_flat),
        cmocka_unit_test(test_gov_shared_veto_depends_on_trust),
        cmocka_unit_test(test_gov_nao_admission_needs_alignment),
        cmocka_unit_test(test_gov_lead_admits_partners_aligned_with_itself),
        cmocka_unit_test(test_gov_coeffs_read_each_modes_own_parameters),
    };
    return cmocka_run_group_tests_name("governance", tests, unit_group_setup,
                                       NULL);
}
