/* Unit tests of the cost-sharing rules (sim/rules/cost_*.c) and of the
 * quota phase that calls them (sim/phases/quotas.c, MODEL.md 4.1).
 *
 * One generic contract test loops over every registered rule: after
 * ng__phase_quotas the quotas are finite, non-negative and sum to the
 * budget B = beta * sum of members' capacities within a relative 1e-9.
 * Each rule then has a known-answer test on a fixed five-member alliance
 * whose expected quotas were computed by hand (see the comments).
 */
#include "unit_helpers.h"

/* ---- the reference alliance ---- */

/* Five founders; partner 3 (the largest) is the lead under lead mode. */
static const double caps[5] = {2.385, 0.731, 1.914, 4.207, 0.356};
static const double auths[5] = {0.62, 0.15, 0.48, 0.91, 0.07};
#define BETA 0.137
#define LEAD 3
/* B = 0.137 * (2.385 + 0.731 + 1.914 + 4.207 + 0.356) = 0.137 * 9.593 */
#define BUDGET 1.314241

static void reference_config(ng_config *cfg, const char *rule, const char *mode)
{
    unit_config(cfg);
    for (size_t k = 0; k < 5; k++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu", k);
        unit_spec s = {name,
                       (int)(k % NG_SECTOR_COUNT),
                       true,
                       caps[k],
                       auths[k],
                       0.3,
                       NG_DISP_CONDITIONAL,
                       {1.0 + (double)k, 2.0, 0.5, 1.5}};
        unit_add_partners(cfg, &s, 1);
    }
    /* A candidate that is not a member, for the estimates. */
    unit_spec cand = {"cand", NG_SECTOR_CIVIL,     false,       0.918, 0.33,
                      0.3,    NG_DISP_CONDITIONAL, {1, 1, 1, 1}};
    unit_add_partners(cfg, &cand, 1);
    cfg->partners[LEAD].lead = true;
    cfg->p.alliance_ambition = BETA;
    cfg->p.power_capacity_weight = 0.7;
    cfg->p.power_authority_weight = 1.3;
    unit_param_set(&cfg->p, "cost_sharing.lead_share", 0.35);
    cfg->p.production_benefit_scale = 0;
    cfg->p.alliance_contribution_norm = 0.8;
    unit_set_rules(&cfg->p, mode, rule);
}

static ng_model *reference_model(const char *rule, const char *mode)
{
    ng_config cfg;
    reference_config(&cfg, rule, mode);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->n_members, 5);
    return m;
}

static void run_quotas(ng_model *m)
{
    unit_run(ng__phase_quotas, m);
}

/* The reference alliance under `rule` and `mode` with its quotas set. */
static ng_model *quoted_model(const char *rule, const char *mode)
{
    ng_model *m = reference_model(rule, mode);
    run_quotas(m);
    return m;
}

/* 0.137 * c_i: the capacity rule's quotas, and the voluntary reference. */
static const double beta_times_caps[5] = {0.326745, 0.100147, 0.262218,
                                          0.576359, 0.048772};

static void assert_quotas(const ng_model *m, const double *expected)
{
    for (size_t i = 0; i < 5; i++) {
        assert_rel(m->quota[i], expected[i], 1e-12);
    }
}

/* Checks the contract on the current members. */
static void check_contract(const ng_model *m, const char *rule)
{
    double sum = 0, cap_sum = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        double q = m->quota[i];
        if (!isfinite(q) || q < 0) {
            print_error("%s: quota %g of member %zu\n", rule, q, i);
            fail();
        }
        assert_true(q <= m->capacity[i]);
        sum += q;
        cap_sum += m->capacity[i];
    }
    assert_rel(m->budget, BETA * cap_sum, 1e-12);
    if (fabs(sum - m->budget) > 1e-9 * m->budget) {
        print_error("%s: quotas sum to %.17g, budget %.17g\n", rule, sum,
                    m->budget);
        fail();
    }
}

/* ---- the generic contract over the registry ---- */

static void test_cost_rules_every_rule_splits_the_budget_exactly(void **state)
{
    (void)state;
    assert_true(ng_cost_rule_count() > 0);
    for (size_t r = 0; r < ng_cost_rule_count(); r++) {
        const ng_cost_rule *rule = ng_cost_rule_at(r);
        const char *name = rule->rule.name;
        assert_non_null(rule->quotas);
        assert_non_null(rule->estimate);
        for (size_t g = 0; g < ng_governance_count(); g++) {
            /* Every governance mode that the rule allows. */
            const ng_governance *mode = ng_governance_at(g);
            if (rule->needs_lead && !mode->has_lead) {
                continue;
            }
            ng_model *m = reference_model(name, mode->rule.name);
            assert_ptr_equal(m->cost, rule);
            run_quotas(m);
            check_contract(m, name);
            /* A smaller alliance (the lead stays): a new budget. */
            ng__member_remove(m, 0, NG_EXITED, NG_R_low_value);
            ng__member_remove(m, 4, NG_EXITED, NG_R_low_value);
            run_quotas(m);
            assert_int_equal(m->n_members, 3);
            check_contract(m, name);
            /* The estimate for a candidate is a usable amount. */
            double est = rule->estimate(m, 5);
            assert_true(isfinite(est) && est >= 0);
            ng_model_free(m);
        }
    }
}

static void test_cost_rules_registry_finds_by_name(void **state)
{
    (void)state;
    for (size_t r = 0; r < ng_cost_rule_count(); r++) {
        const ng_cost_rule *rule = ng_cost_rule_at(r);
        assert_ptr_equal(ng_cost_rule_find(rule->rule.name), rule);
        assert_int_equal(ng_family_find(NG_FAMILY_COST, rule->rule.name),
                         (int)r);
    }
    assert_null(ng_cost_rule_find("propotional"));
    assert_null(ng_cost_rule_find("Equal"));
    assert_null(ng_cost_rule_find(""));
    assert_null(ng_cost_rule_at(ng_cost_rule_count()));
    /* The capabilities the rules declare: lead_pays needs a lead,
     * voluntary forgives shortfalls, equal does neither. */
    assert_true(ng_cost_rule_find("lead_pays")->needs_lead);
    assert_true(ng_cost_rule_find("lead_pays")->shortfall_is_violation);
    assert_false(ng_cost_rule_find("voluntary")->needs_lead);
    assert_false(ng_cost_rule_find("voluntary")->shortfall_is_violation);
    assert_false(ng_cost_rule_find("equal")->needs_lead);
    assert_true(ng_cost_rule_find("equal")->shortfall_is_violation);
}

/* ---- known answers ---- */

static void test_cost_equal_gives_everyone_budget_over_n(void **state)
{
    (void)state;
    ng_model *m = quoted_model("equal", "shared");
    assert_rel(m->budget, BUDGET, 1e-14);
    /* 1.314241 / 5 */
    const double q[5] = {0.2628482, 0.2628482, 0.2628482, 0.2628482, 0.2628482};
    assert_quotas(m, q);
    /* A candidate of capacity 0.918 expects 0.137 (9.593 + 0.918) / 6. */
    assert_rel(m->cost->estimate(m, 5), 0.137 * 10.511 / 6, 1e-12);
    ng_model_free(m);
}

static void test_cost_capacity_charges_beta_times_capacity(void **state)
{
    (void)state;
    ng_model *m = quoted_model("capacity", "nao");
    assert_quotas(m, beta_times_caps);
    assert_rel(m->cost->estimate(m, 5), 0.137 * 0.918, 1e-12);
    ng_model_free(m);
}

static void test_cost_benefit_follows_alignment_shares(void **state)
{
    (void)state;
    ng_model *m = reference_model("benefit", "shared");
    const double align[5] = {0.912, 0.503, 0.774, 0.655, 0.281};
    for (size_t i = 0; i < 5; i++) {
        m->alignment[i] = align[i];
        ng__valuation_update(m, i);
    }
    run_quotas(m);
    /* B g_i / 3.125 */
    const double q[5] = {0.38354809344, 0.21154023136, 0.32551121088,
                         0.2754649136, 0.11817655072};
    assert_quotas(m, q);
    ng_model_free(m);
}

static void test_cost_benefit_scales_with_size_factor(void **state)
{
    (void)state;
    ng_config cfg;
    reference_config(&cfg, "benefit", "nao");
    cfg.p.production_benefit_scale = 0.5;
    ng_model *m = unit_model_and_clear(&cfg);
    const double align[5] = {0.912, 0.503, 0.774, 0.655, 0.281};
    for (size_t i = 0; i < 5; i++) {
        m->alignment[i] = align[i];
        ng__valuation_update(m, i);
    }
    run_quotas(m);
    /* w_i = g_i (c_i / 1.9186)^0.5, q_i = B w_i / sum w */
    assert_rel(ng__size_factor(m, 3), sqrt(4.207 / 1.9186), 1e-12);
    const double q[5] = {0.4187441294308162, 0.1278604931150083,
                         0.3183622965599971, 0.39942685195933064,
                         0.04984722893484749};
    assert_quotas(m, q);
    ng_model_free(m);
}

static void
test_cost_benefit_falls_back_to_equal_without_alignment(void **state)
{
    (void)state;
    ng_model *m = reference_model("benefit", "shared");
    for (size_t i = 0; i < 5; i++) {
        m->alignment[i] = 0;
        ng__valuation_update(m, i);
    }
    run_quotas(m);
    for (size_t i = 0; i < 5; i++) {
        assert_rel(m->quota[i], BUDGET / 5, 1e-12);
    }
    ng_model_free(m);
}

static void test_cost_power_follows_power_shares(void **state)
{
    (void)state;
    ng_model *m = quoted_model("power", "lead");
    /* P_i = 0.7 c_i / 1.9186 + 1.3 a_i, q_i = B P_i / sum P. */
    assert_rel(m->power[0], 0.7 * 2.385 / 1.9186 + 1.3 * 0.62, 1e-12);
    assert_rel(m->power[4], 0.7 * 0.356 / 1.9186 + 1.3 * 0.07, 1e-12);
    const double q[5] = {0.34425468760743855, 0.09482598765432095,
                         0.2715814008438818, 0.5582127837162055,
                         0.04536614017815283};
    assert_quotas(m, q);
    ng_model_free(m);
}

static void test_cost_lead_pays_charges_the_lead_its_share(void **state)
{
    (void)state;
    ng_model *m = reference_model("lead_pays", "lead");
    assert_int_equal(m->lead, LEAD);
    run_quotas(m);
    /* lead: 0.35 B; the four others: 0.65 B / 4 */
    const double q[5] = {0.2135641625, 0.2135641625, 0.2135641625, 0.45998435,
                         0.2135641625};
    assert_quotas(m, q);
    /* A candidate would be the fifth of the non-leads. */
    assert_rel(m->cost->estimate(m, 5), 0.65 * 0.137 * 10.511 / 5, 1e-12);
    ng_model_free(m);
}

static void test_cost_voluntary_reference_is_beta_times_capacity(void **state)
{
    (void)state;
    ng_model *m = quoted_model("voluntary", "shared");
    assert_quotas(m, beta_times_caps);
    ng_model_free(m);
}

static void test_cost_quotas_are_capped_at_capacity(void **state)
{
    (void)state;
    ng_config cfg;
    unit_config(&cfg);
    const double c[2] = {5.0, 0.01};
    unit_add_founders(&cfg, 2, c);
    cfg.p.alliance_ambition = 0.5;
    unit_set_rules(&cfg.p, "shared", "equal");
    ng_model *m = unit_model_and_clear(&cfg);
    run_quotas(m);
    /* B = 2.505, half of it is 1.2525, but the small one only has 0.01. */
    assert_rel(m->budget, 2.505, 1e-14);
    assert_rel(m->quota[0], 1.2525, 1e-14);
    assert_rel(m->quota[1], 0.01, 1e-14);
    ng_model_free(m);
}

/* ---- mechanisms ---- */

static void
test_cost_equal_charges_small_partner_more_per_capacity(void **state)
{
    (void)state;
    ng_model *eq = quoted_model("equal", "shared");
    ng_model *cap = quoted_model("capacity", "shared");
    size_t small = 4, large = LEAD;
    double eq_small = eq->quota[small] / eq->capacity[small];
    double cap_small = cap->quota[small] / cap->capacity[small];
    /* Equal: 0.2628482 / 0.356 = 0.738; capacity: beta = 0.137. */
    assert_rel(eq_small, 0.2628482 / 0.356, 1e-12);
    assert_rel(cap_small, BETA, 1e-12);
    assert_less(cap_small, eq_small);
    /* ... and the large partner less: the equal split is regressive. */
    assert_less(eq->quota[large] / eq->capacity[large],
                cap->quota[large] / cap->capacity[large]);
    ng_model_free(eq);
    ng_model_free(cap);
}

/* Everyone gives 0.137 of quota, far below the norm of 0.8, and every
 * mode watches with certainty. */
static ng_model *shortfall_model(const char *rule, const char *mode)
{
    ng_config cfg;
    reference_config(&cfg, rule, mode);
    unit_param_set(&cfg.p, "governance.shared.monitoring", 1);
    unit_param_set(&cfg.p, "governance.shared.sanction", 0.5);
    unit_param_set(&cfg.p, "governance.lead.monitoring", 1);
    unit_param_set(&cfg.p, "governance.lead.sanction", 2);
    unit_param_set(&cfg.p, "governance.lead.exclusion_after", 1);
    unit_param_set(&cfg.p, "governance.nao.monitoring", 1);
    unit_param_set(&cfg.p, "governance.nao.sanction", 1.5);
    unit_param_set(&cfg.p, "governance.nao.exclusion_after", 1);
    cfg.p.alliance_tolerance = 0.05;
    ng_model *m = unit_model_and_clear(&cfg);
    run_quotas(m);
    unit_give(m, 0.137);
    unit_run(ng__phase_monitor, m);
    return m;
}

static void test_cost_voluntary_never_counts_a_shortfall(void **state)
{
    (void)state;
    for (int g = 0; g < 3; g++) {
        const char *mode = ng_family_choice(NG_FAMILY_GOVERNANCE, g);
        ng_model *vol = shortfall_model("voluntary", mode);
        assert_true(vol->violations_seen == 0);
        assert_true(vol->sanctions == 0);
        assert_near(vol->fines_carry, 0, 0);
        assert_int_equal(unit_count_events(vol, NG_EV_sanction, -1), 0);
        for (size_t idx = 0; idx < vol->n_members; idx++) {
            size_t i = vol->member[idx];
            assert_false(ng__violates(vol, i));
            assert_near(ng__deterrence(vol, i), 0, 0);
            assert_int_equal(vol->flagged[i], 0);
            assert_true(vol->violations[i] == 0);
        }
        /* The same shortfall under the capacity split is caught. */
        ng_model *cap = shortfall_model("capacity", mode);
        int64_t expected = strcmp(mode, "lead") == 0 ? 4 : 5;
        assert_true(cap->violations_seen == expected);
        assert_true(cap->sanctions == expected);
        ng_model_free(vol);
        ng_model_free(cap);
    }
}

/* ---- the engine checks the contract ---- */

static void quotas_short(ng_model *m, double budget)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        m->quota[m->member[idx]] = 0.5 * budget / (double)m->n_members;
    }
}

static void quotas_negative(ng_model *m, double budget)
{
    for (size_t idx = 0; idx < m->n_members; idx++) {
        m->quota[m->member[idx]] = idx == 0 ? -budget : 2 * budget;
    }
}

static void quotas_nan(ng_model *m, double budget)
{
    (void)budget;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        m->quota[m->member[idx]] = nan("");
    }
}

static void test_cost_broken_rule_is_reported_as_erule(void **state)
{
    (void)state;
    void (*broken[3])(ng_model *, double) = {quotas_short, quotas_negative,
                                             quotas_nan};
    for (int k = 0; k < 3; k++) {
        ng_cost_rule bad = *ng_cost_rule_find("equal");
        bad.rule.name = "broken";
        bad.quotas = broken[k];
        ng_model *m = reference_model("equal", "shared");
        m->cost = &bad;
        ng_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(ng__phase_quotas(m, &err), NG_ERULE);
        assert_int_equal(err.code, NG_ERULE);
        assert_string_equal(err.where, "cost_sharing.rule");
        assert_contains(err.msg, "\"broken\"");
        ng_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cost_rules_every_rule_splits_the_budget_exactly),
        cmocka_unit_test(test_cost_rules_registry_finds_by_name),
        cmocka_unit_test(test_cost_equal_gives_everyone_budget_over_n),
        cmocka_unit_test(test_cost_capacity_charges_beta_times_capacity),
        cmocka_unit_test(test_cost_benefit_follows_alignment_shares),
        cmocka_unit_test(test_cost_benefit_scales_with_size_factor),
        cmocka_unit_test(
            test_cost_benefit_falls_back_to_equal_without_alignment),
        cmocka_unit_test(test_cost_power_follows_power_shares),
        cmocka_unit_test(test_cost_lead_pays_charges_the_lead_its_share),
        cmocka_unit_test(test_cost_voluntary_reference_is_beta_times_capacity),
        cmocka_unit_test(test_cost_quotas_are_capped_at_capacity),
        cmocka_unit_test(
            test_cost_equal_charges_small_partner_more_per_capacity),
        cmocka_unit_test(test_cost_voluntary_never_counts_a_shortfall),
        cmocka_unit_test(test_cost_broken_rule_is_reported_as_erule),
    };
    return cmocka_run_group_tests_name("cost_rules", tests, unit_group_setup,
                                       NULL);
}
