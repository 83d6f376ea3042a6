/* Step 2, mission adaptation (MODEL.md 5, stability vs agility).
 *
 * When the mission m misses the problem focus z (fit < 1), a proposal moves
 * it a share a = adaptation_rate x agility_G of the way:
 *   m' = (1 - a) m + a z          (m normalised to the simplex first)
 * and the members vote under the decision rule.  A member supports the
 * proposal when it expects more from it: its valuation times the fit
 * factor, u_i(m') F(m') > u_i(m) F(m), with F(fit) = fit^(1 + stakes h)
 * (environment.c).  A threat raises F's weight, so crises make change
 * easier to agree on.  If it passes, the mission turns by the angle
 * theta = acos(cos(m, m')); every member's alignment follows the new
 * mission and its commitment falls by change_cost x theta (never below its
 * floor): change unsettles.  A failed proposal waits retry_delay ticks.
 * The share a is capped at 1: beyond it m' would overshoot z and leave the
 * simplex (a governance mode may declare an agility above 1).
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

typedef struct proposal {
    double next[NG_DIM];
    double factor_now, factor_next;
} proposal;

static bool supports(const ng_model *m, size_t i, const void *ctx)
{
    const proposal *pr = ctx;
    double g = ng__cosine(m->interests + i * NG_DIM, pr->next);
    return ng__valuation_of(m, i, g) * pr->factor_next >
           m->valuation[i] * pr->factor_now;
}

static void propose(const ng_model *m, double a, proposal *pr)
{
    double now[NG_DIM];
    ng__mission_simplex(m, now);
    for (int k = 0; k < NG_DIM; k++) {
        pr->next[k] = (1 - a) * now[k] + a * m->focus[k];
    }
    pr->factor_now = m->fit_factor;
    pr->factor_next = ng__fit_factor(m, ng__cosine(pr->next, m->focus));
}

static void turn(ng_model *m, const proposal *pr)
{
    double c = ng__cosine(m->mission, pr->next);
    double angle = acos(fmin(1, fmax(-1, c)));
    ng__mission_set(m, pr->next);
    ng__fit_update(m);
    ng__power_update(m); /* benefit shares follow the new valuations */
    m->mission_turn += angle;
    m->mission_turn_total += angle;
    double loss = m->p->mission_change_cost * angle;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->commitment[i] = fmax(m->support[i], m->commitment[i] - loss);
    }
}

int ng__phase_mission(ng_model *m, ng_error *err)
{
    (void)err;
    double a = fmin(1, m->p->mission_adaptation_rate * m->gc.agility);
    if (a <= 0 || m->fit >= 1 || m->n_members == 0 ||
        m->tick < m->mission_retry_at) {
        return 0;
    }
    proposal pr;
    propose(m, a, &pr);
    if (ng__vote(m, NG_R_mission_change, supports, &pr)) {
        turn(m, &pr);
    } else {
        m->mission_retry_at = m->tick + m->p->decision_retry_delay;
    }
    return 0;
}
