/* Step 11 (v2), evaluation cycle and planned ending (MODEL.md 5).
 *
 * Goal: when evaluation.goal > 0 and the cumulative public value (this
 * tick's included) has reached it, the alliance ends as `completed`: a
 * success, not a failure.  With an evaluation cycle the goal is checked at
 * evaluations, otherwise every tick.
 * Evaluation: every evaluation.interval ticks the members assess the added
 * value; a member votes to dissolve when its average normalised payoff (the
 * payoff part of its value, exit.c) is below evaluation.min_return.  If the
 * vote passes under the decision rule, the alliance dissolves with cause
 * no_added_value.
 */
#include "model/kernel.h"
#include "phases/phases.h"

static bool wants_dissolution(const ng_model *m, size_t i, const void *ctx)
{
    (void)ctx;
    return m->payoff_avg[i] < m->p->evaluation_min_return;
}

int ng__phase_evaluate(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    if (m->dissolved) {
        return 0;
    }
    int64_t every = p->evaluation_interval;
    bool evaluation = every > 0 && m->tick % every == 0;
    bool goal_met = p->evaluation_goal > 0 &&
                    m->cumulative_value + m->value_w >= p->evaluation_goal;
    if (goal_met && (every == 0 || evaluation)) {
        ng__end(m, NG_OUTCOME_COMPLETED, NG_R_goal_reached);
        return 0;
    }
    if (evaluation && m->n_members > 0 &&
        ng__vote(m, NG_R_dissolution_vote, wants_dissolution, NULL)) {
        ng__end(m, NG_OUTCOME_DISSOLVED, NG_R_no_added_value);
    }
    return 0;
}
