/* Unit tests of the evaluation cycle and the planned ending
 * (sim/phases/evaluate.c, MODEL.md 5): when cumulative public value reaches
 * evaluation.goal the alliance ends as completed (a success); every
 * evaluation.interval ticks the members vote on dissolving it, each voting
 * yes when its average normalised payoff is below evaluation.min_return,
 * and a passed vote dissolves it with cause no_added_value.  With a cycle
 * the goal too is checked only at evaluations.
 *
 * The alliance: three unconditional founders of capacities 1, 2, 3 paying
 * quotas 0.1, 0.2, 0.3 (B = 0.6), no overhead, W = 2 B = 1.2 per tick,
 * shared equally (benefit_scale 0): 0.4 each.  Normalised payoffs
 * (0.4 - 0.1 c) / (0.1 c) are 3, 1 and 1/3, every tick.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

static void eval_config(ng_config *cfg, int64_t interval, double goal,
                        double min_return, const char *rule)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    unit_set_decision(p, rule);
    p->evaluation_interval = interval;
    p->evaluation_goal = goal;
    p->evaluation_min_return = min_return;
    p->decision_overruled_trust_loss = 0.05;
    p->run_ticks = 20;
    p->alliance_ambition = 0.1;
    unit_param_set(p, "governance.shared.overhead_fixed", 0);
    unit_param_set(p, "governance.shared.overhead_member", 0);
    unit_param_set(p, "governance.shared.overhead_pair", 0);
    unit_param_set(p, "governance.shared.monitoring", 0);
    unit_param_set(p, "governance.shared.competence", 1);
    p->production_productivity = 2;
    p->production_diversity_bonus = 0;
    p->production_complexity = 0;
    p->production_rivalry = 1;
    p->production_benefit_scale = 0;
    p->exit_value_smoothing = 0.3;
    const double caps[3] = {1, 2, 3};
    unit_add_founders(cfg, 3, caps);
    for (size_t i = 0; i < 3; i++) {
        cfg->partners[i].disposition = NG_DISP_UNCONDITIONAL;
    }
}

/* Votes on dissolution recorded at tick t. */
static size_t votes_at(const ng_model *m, int64_t t)
{
    size_t count = 0;
    for (size_t e = 0; e < m->n_events; e++) {
        const ng_event *ev = &m->events[e];
        count +=
            ev->tick == t && ev->reason == NG_R_dissolution_vote &&
            (ev->type == NG_EV_vote_passed || ev->type == NG_EV_vote_failed);
    }
    return count;
}

/* ---- the goal ---- */

/* Without a cycle the goal is checked every tick: cumulative W is 1.2,
 * 2.4, 3.6, 4.8, so a goal of 4.2 is met at tick 4 and the run ends there
 * as completed, cause goal_reached, with a completion event (and no
 * dissolution). */
static void test_eval_goal_ends_the_run_as_completed(void **state)
{
    (void)state;
    ng_config cfg;
    eval_config(&cfg, 0, 4.2, 0, "governance");
    ng_model *m = unit_run_model(&cfg);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_COMPLETED);
    assert_int_equal(s.cause, NG_R_goal_reached);
    assert_string_equal(ng_outcome_name(s.outcome), "completed");
    assert_string_equal(ng_reason_name(s.cause), "goal_reached");
    assert_int_equal(s.lifetime, 4);
    assert_int_equal(ng_model_ticks_recorded(m), 4);
    assert_rel(s.cumulative_value, 4.8, 1e-12);
    for (size_t t = 1; t <= 4; t++) {
        assert_rel(unit_metric(m, NG_M_public_value, t), 1.2, 1e-12);
    }
    assert_true(ng_model_dissolved(m));
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_completion);
    assert_int_equal(e->reason, NG_R_goal_reached);
    assert_int_equal(e->tick, 4);
    assert_true(e->partner == -1);
    assert_int_equal(unit_count_events(m, NG_EV_completion, -1), 1);
    assert_int_equal(unit_count_events(m, NG_EV_dissolution, -1), 0);
    /* An ended run does not step on. */
    unit_run(ng_model_step, m);
    assert_int_equal(ng_model_tick(m), 4);
    ng_model_free(m);

    /* Goal 0 is no goal: the run survives to its horizon. */
    eval_config(&cfg, 0, 0, 0, "governance");
    m = unit_run_model(&cfg);
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_SURVIVED);
    assert_int_equal(s.lifetime, 20);
    assert_rel(s.cumulative_value, 24.0, 1e-12);
    ng_model_free(m);
}

/* With an evaluation cycle of 3 the goal of 4.2, met at tick 4, is seen
 * only at the evaluation of tick 6: the run completes there with
 * cumulative W 7.2.  The evaluation at tick 3 held a dissolution vote
 * (nobody's payoff is below -100, so it failed 0 to 3). */
static void test_eval_goal_is_checked_only_at_evaluations(void **state)
{
    (void)state;
    ng_config cfg;
    eval_config(&cfg, 3, 4.2, -100, "majority");
    ng_model *m = unit_run_model(&cfg);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_COMPLETED);
    assert_int_equal(s.cause, NG_R_goal_reached);
    assert_int_equal(s.lifetime, 6);
    assert_rel(s.cumulative_value, 7.2, 1e-12);
    assert_int_equal(unit_last_event_of(m, NG_EV_completion)->tick, 6);
    for (int64_t t = 1; t <= 6; t++) {
        assert_int_equal(votes_at(m, t), t == 3);
    }
    const ng_event *v = unit_last_event_of(m, NG_EV_vote_failed);
    assert_int_equal(v->reason, NG_R_dissolution_vote);
    assert_near(v->amount, 0, 0);
    assert_true(s.votes_held == 1 && s.votes_failed == 1);
    ng_model_free(m);
}

/* ---- the dissolution vote ---- */

/* With evaluation.min_return 1.5 the founders of capacity 2 and 3
 * (normalised payoffs 1 and 1/3) vote to dissolve and the one of capacity
 * 1 (payoff 3) does not.  Under majority the vote of tick 4 passes 2 to 1:
 * the alliance dissolves with cause no_added_value.  Under consensus it
 * fails at ticks 4, 8, 12, ... and the alliance survives.  With
 * min_return 0.2 nobody is below it and the alliance survives any rule. */
static void
test_eval_dissolution_vote_when_payoff_is_below_min_return(void **state)
{
    (void)state;
    ng_config cfg;
    eval_config(&cfg, 4, 0, 1.5, "majority");
    ng_model *m = unit_run_model(&cfg);
    const double norm[3] = {3, 1, 1.0 / 3};
    for (size_t i = 0; i < 3; i++) {
        assert_rel(m->payoff_avg[i], norm[i], 1e-12);
    }
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_DISSOLVED);
    assert_int_equal(s.cause, NG_R_no_added_value);
    assert_int_equal(s.lifetime, 4);
    const ng_event *v = unit_last_event_of(m, NG_EV_vote_passed);
    assert_int_equal(v->tick, 4);
    assert_int_equal(v->reason, NG_R_dissolution_vote);
    assert_rel(v->amount, 2.0 / 3, 1e-15);
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_dissolution);
    assert_int_equal(e->reason, NG_R_no_added_value);
    assert_int_equal(e->tick, 4);
    for (int64_t t = 1; t <= 3; t++) {
        assert_int_equal(votes_at(m, t), 0);
    }
    ng_model_free(m);

    /* Consensus: one member blocks, every four ticks. */
    eval_config(&cfg, 4, 0, 1.5, "consensus");
    m = unit_run_model(&cfg);
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_SURVIVED);
    assert_int_equal(s.lifetime, 20);
    assert_true(s.votes_held == 5 && s.votes_failed == 5);
    for (int64_t t = 1; t <= 20; t++) {
        assert_int_equal(votes_at(m, t), t % 4 == 0);
    }
    ng_model_free(m);

    /* Nobody below the minimum return: the vote fails 0 to 3. */
    eval_config(&cfg, 4, 0, 0.2, "majority");
    m = unit_run_model(&cfg);
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_SURVIVED);
    assert_true(s.votes_held == 5 && s.votes_failed == 5);
    assert_near(unit_last_event_of(m, NG_EV_vote_failed)->amount, 0, 0);
    ng_model_free(m);
}

/* Between evaluation ticks nothing is evaluated: with every member wanting
 * to dissolve (min_return 100) and a cycle of 5, the evaluation phase of
 * ticks 1-4 does nothing and that of tick 5 dissolves the alliance. */
static void test_eval_nothing_happens_between_evaluations(void **state)
{
    (void)state;
    ng_config cfg;
    eval_config(&cfg, 5, 0, 100, "consensus");
    ng_model *m = unit_model_and_clear(&cfg);
    for (int64_t t = 1; t <= 4; t++) {
        m->tick = t;
        unit_run(ng__phase_evaluate, m);
        assert_false(m->dissolved);
        assert_true(m->votes_held == 0);
    }
    assert_int_equal(m->n_events, 3); /* the founders' joins */
    m->tick = 5;
    unit_run(ng__phase_evaluate, m);
    assert_true(m->dissolved);
    assert_true(m->votes_held == 1 && m->votes_failed == 0);
    assert_int_equal(m->cause, NG_R_no_added_value);
    assert_int_equal(m->outcome, NG_OUTCOME_DISSOLVED);
    /* An ended alliance is not evaluated again. */
    m->tick = 10;
    unit_run(ng__phase_evaluate, m);
    assert_true(m->votes_held == 1);
    ng_model_free(m);

    /* No cycle (interval 0): never evaluated, whatever the payoffs. */
    eval_config(&cfg, 0, 0, 100, "consensus");
    m = unit_run_model(&cfg);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.outcome, NG_OUTCOME_SURVIVED);
    assert_int_equal(s.votes_held, 0);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval_goal_ends_the_run_as_completed),
        cmocka_unit_test(test_eval_goal_is_checked_only_at_evaluations),
        cmocka_unit_test(
            test_eval_dissolution_vote_when_payoff_is_below_min_return),
        cmocka_unit_test(test_eval_nothing_happens_between_evaluations),
    };
    return cmocka_run_group_tests_name("evaluation", tests, unit_group_setup,
                                       NULL);
}
