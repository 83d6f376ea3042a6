/* Step 11, breakdown (MODEL.md 4.9): the alliance dissolves, with its cause,
 * when fewer than n_min members remain, when the lead has left, when public
 * value stays at or below W_min for E ticks, or when the pool cannot cover
 * the fixed office cost for E ticks (unfunded).  The first cause that holds,
 * in that order, is recorded. */
#include "model/kernel.h"
#include "phases/phases.h"

int ng__phase_breakdown(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    m->low_value_streak =
        m->value_w <= p->alliance_min_value ? m->low_value_streak + 1 : 0;
    int cause = NG_R_none;
    if ((int64_t)m->n_members < p->alliance_min_members) {
        cause = NG_R_too_few_members;
    } else if (m->lead != NG_NONE && m->state[m->lead] != NG_MEMBER) {
        cause = NG_R_lead_exit;
    } else if (m->low_value_streak >= p->alliance_breakdown_window) {
        cause = NG_R_no_added_value;
    } else if (m->unfunded_streak >= p->alliance_breakdown_window) {
        cause = NG_R_unfunded;
    }
    if (cause != NG_R_none) {
        ng__end(m, NG_OUTCOME_DISSOLVED, cause);
    }
    return 0;
}
