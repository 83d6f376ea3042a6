/* Contract tests over every registered rule (rules.h), in the manner of
 * GSL's rng/test.c loop over gsl_rng_types: whatever rules the registry
 * holds, each declares a usable name, label and summary, parameter rows
 * that fit its struct and join the parameter registry under its path, and
 * the functions its family needs; and every governance mode runs a small
 * alliance reproducibly under every cost rule it allows.  A rule made by
 * scripts/new-rule.sh is tested here without another edit. */
#include "unit_helpers.h"

#include <ctype.h>

/* ---- helpers ---- */

static const ng_family families[] = {NG_FAMILY_GOVERNANCE, NG_FAMILY_COST,
                                     NG_FAMILY_DECISION};
#define N_FAMILIES (sizeof families / sizeof families[0])

static bool is_identifier(const char *s)
{
    if (!s || !islower((unsigned char)s[0])) {
        return false;
    }
    for (const char *c = s; *c; c++) {
        if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) &&
            *c != '_') {
            return false;
        }
    }
    return true;
}

static size_t row_size(const ng_rule_param *q)
{
    return q->type == NG_PARAM_INT ? sizeof(int64_t) : sizeof(double);
}

/* The registry path of a rule's row. */
static void row_path(ng_family f, const ng_rule *r, const ng_rule_param *q,
                     char *buf, size_t size)
{
    if (r->param_prefix) {
        snprintf(buf, size, "%s.%s", r->param_prefix, q->suffix);
    } else {
        snprintf(buf, size, "%s.%s.%s", ng_family_section(f), r->name,
                 q->suffix);
    }
}

/* ---- what every rule declares ---- */

static void test_rules_have_names_labels_and_summaries(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_FAMILIES; k++) {
        ng_family f = families[k];
        assert_true(ng_family_has_rules(f));
        assert_true(ng_family_rule_count(f) > 0);
        for (size_t i = 0; i < ng_family_rule_count(f); i++) {
            const ng_rule *r = ng_family_rule(f, i);
            if (!is_identifier(r->name)) {
                fail_msg("family %s rule %zu: bad name", ng_family_section(f),
                         i);
            }
            assert_true(r->label && strlen(r->label) > 0);
            assert_true(r->summary && strlen(r->summary) > 0);
            assert_int_equal(ng_family_find(f, r->name), (int)i);
            for (size_t j = i + 1; j < ng_family_rule_count(f); j++) {
                assert_string_not_equal(r->name, ng_family_rule(f, j)->name);
            }
        }
        assert_null(ng_family_rule(f, ng_family_rule_count(f)));
    }
    assert_false(ng_family_has_rules(NG_FAMILY_PERSPECTIVE));
    assert_int_equal(ng_family_rule_count(NG_FAMILY_NONE), 0);
}

static void check_rows(ng_family f, const ng_rule *r)
{
    if (r->n_params == 0) {
        return;
    }
    assert_non_null(r->params);
    unsigned char used[4096] = {0};
    assert_true(r->params_size > 0 && r->params_size <= sizeof used);
    for (size_t k = 0; k < r->n_params; k++) {
        const ng_rule_param *q = &r->params[k];
        char path[160];
        row_path(f, r, q, path, sizeof path);
        if (!is_identifier(q->suffix) ||
            (q->type != NG_PARAM_REAL && q->type != NG_PARAM_INT)) {
            fail_msg("%s: bad suffix or type", path);
        }
        /* Within the struct, no two rows on the same bytes. */
        assert_true(q->offset + row_size(q) <= r->params_size);
        for (size_t b = q->offset; b < q->offset + row_size(q); b++) {
            assert_int_equal(used[b], 0);
            used[b] = 1;
        }
        if (!(q->min <= q->def && q->def <= q->max)) {
            fail_msg("%s: default %g outside [%g, %g]", path, q->def, q->min,
                     q->max);
        }
        if (q->type == NG_PARAM_INT) {
            assert_near(q->def, floor(q->def), 0);
        }
        assert_true(q->unit && q->meaning && strlen(q->meaning) > 0);
        if (q->serves == 0 || q->serves >= (1u << NG_SUBMODEL_COUNT)) {
            fail_msg("%s: serves no submodel of MODEL.md section 8", path);
        }
    }
}

static void test_rules_parameter_rows_fit_their_struct(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_FAMILIES; k++) {
        for (size_t i = 0; i < ng_family_rule_count(families[k]); i++) {
            check_rows(families[k], ng_family_rule(families[k], i));
        }
    }
    size_t used = 0;
    if (!ng_rule_blocks_fit(&used)) {
        fail_msg("the rules' parameters take %zu bytes, more than "
                 "NG_RULE_BLOCKS_BYTES (%d): raise it in params.h",
                 used, NG_RULE_BLOCKS_BYTES);
    }
}

/* Each row is a registry parameter under the rule's path, owned by the
 * rule, whose default lands in the rule's struct. */
static void test_rules_parameters_join_the_registry(void **state)
{
    (void)state;
    ng_params p;
    ng_params_defaults(&p);
    size_t owned = 0;
    for (size_t k = 0; k < N_FAMILIES; k++) {
        ng_family f = families[k];
        for (size_t i = 0; i < ng_family_rule_count(f); i++) {
            const ng_rule *r = ng_family_rule(f, i);
            const unsigned char *block = ng_rule_params(&p, r);
            assert_true((block != NULL) == (r->n_params > 0));
            for (size_t j = 0; j < r->n_params; j++) {
                const ng_rule_param *q = &r->params[j];
                char path[160];
                row_path(f, r, q, path, sizeof path);
                const ng_param *d = ng_params_find(path);
                if (!d) {
                    fail_msg("%s is not in the registry", path);
                }
                assert_ptr_equal(d->rule, r);
                assert_int_equal(d->rule_family, f);
                assert_int_equal(d->serves, q->serves);
                assert_int_equal(d->offset,
                                 (size_t)(block - (const unsigned char *)&p) +
                                     q->offset);
                double v =
                    q->type == NG_PARAM_INT
                        ? (double)*(const int64_t *)(const void *)(block +
                                                                   q->offset)
                        : *(const double *)(const void *)(block + q->offset);
                assert_near(v, q->def, 0);
                owned++;
            }
        }
    }
    size_t listed = 0;
    for (size_t i = 0; i < ng_params_count(); i++) {
        listed += ng_params_at(i)->rule != NULL;
    }
    assert_int_equal(listed, owned);
}

static void test_rules_have_their_familys_functions(void **state)
{
    (void)state;
    for (size_t i = 0; i < ng_governance_count(); i++) {
        const ng_governance *g = ng_governance_at(i);
        assert_true(g->admit && g->monitor && g->voice && g->deterrence);
        const ng_decision_rule *own = ng_decision_rule_find(g->own_rule);
        if (!own || !own->passes) {
            fail_msg("mode %s: own rule \"%s\" is not a registered rule "
                     "that tallies votes",
                     g->rule.name, g->own_rule);
        }
    }
    bool needs_lead = false, has_lead = false;
    for (size_t i = 0; i < ng_cost_rule_count(); i++) {
        const ng_cost_rule *c = ng_cost_rule_at(i);
        assert_true(c->quotas && c->estimate);
        needs_lead |= c->needs_lead;
    }
    for (size_t i = 0; i < ng_governance_count(); i++) {
        has_lead |= ng_governance_at(i)->has_lead;
    }
    /* A rule that needs a lead must have a mode to run under. */
    assert_true(!needs_lead || has_lead);
    for (size_t i = 0; i < ng_decision_rule_count(); i++) {
        const ng_decision_rule *d = ng_decision_rule_at(i);
        assert_false(d->veto && d->outvotes);
        assert_true(d->passes || (!d->veto && !d->outvotes));
    }
}

/* ---- every mode runs ---- */

/* A generated alliance of 20 for 24 ticks under `mode` and cost rule
 * `cost`; returns its summary. */
static ng_summary run_small(const ng_governance *mode, const ng_cost_rule *cost,
                            int64_t seed)
{
    ng_config cfg;
    ng_config_init(&cfg);
    cfg.p.run_ticks = 24;
    cfg.p.run_seed = seed;
    unit_set_sector_counts(&cfg.p, 6, 6, 4, 4);
    unit_set_rules(&cfg.p, mode->rule.name, cost->rule.name);
    ng_errors errs;
    memset(&errs, 0, sizeof errs);
    assert_int_equal(ng_config_validate(&cfg, &errs), 0);
    ng_model *m = unit_model_and_clear(&cfg);
    ng_error err = {0};
    assert_int_equal(ng_model_run(m, &err), 0);
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        double v = mode->voice(m, i), d = mode->deterrence(m, i);
        assert_true(v >= 0 && v <= 1);
        assert_true(isfinite(d) && d >= 0);
    }
    ng_summary s;
    ng_model_summary(m, &s);
    ng_model_free(m);
    return s;
}

static void test_rules_every_mode_runs_reproducibly(void **state)
{
    (void)state;
    for (size_t g = 0; g < ng_governance_count(); g++) {
        const ng_governance *mode = ng_governance_at(g);
        for (size_t c = 0; c < ng_cost_rule_count(); c++) {
            const ng_cost_rule *cost = ng_cost_rule_at(c);
            if (cost->needs_lead && !mode->has_lead) {
                continue;
            }
            ng_summary a = run_small(mode, cost, 2385);
            ng_summary b = run_small(mode, cost, 2385);
            assert_memory_equal(&a, &b, sizeof a);
            assert_true(a.lifetime >= 1 && a.lifetime <= 24);
            assert_true(isfinite(a.cumulative_value));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_have_names_labels_and_summaries),
        cmocka_unit_test(test_rules_parameter_rows_fit_their_struct),
        cmocka_unit_test(test_rules_parameters_join_the_registry),
        cmocka_unit_test(test_rules_have_their_familys_functions),
        cmocka_unit_test(test_rules_every_mode_runs_reproducibly),
    };
    return cmocka_run_group_tests_name("rules", tests, unit_group_setup, NULL);
}
