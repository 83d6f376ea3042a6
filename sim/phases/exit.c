/* Step 10, exit, exclusion and contagion (MODEL.md 4.8).
 *
 * Value V_i = EWMA of pi_i / (beta c_i) + w_tau (tau_i - 1/2)
 *             + w_k (k_i - 1/2).
 * A member whose V_i stays below v_exit for `patience` consecutive ticks
 * exits; every exit lowers the system trust of the leaver's acquaintances
 * in the alliance by delta_exit.  Members flagged by monitoring (NAO after
 * K violations, an enforceable repeat violator under a lead) are excluded.
 * Members are visited from the end of the list so that swap-removal only
 * moves members already visited.
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

static void contagion(ng_model *m, size_t i)
{
    for (size_t d = 0; d < m->deg[i]; d++) {
        size_t j = m->nbr[i * m->k_max + d];
        if (m->state[j] == NG_MEMBER) {
            m->system_trust[j] =
                fmax(0, m->system_trust[j] - m->p->exit_contagion);
        }
    }
}

static void update_value(ng_model *m, size_t i)
{
    const ng_params *p = m->p;
    double norm = m->payoff[i] / (p->alliance_ambition * m->capacity[i]);
    double a = p->exit_value_smoothing;
    /* A member's first payoff starts its average (founders included). */
    m->payoff_avg[i] =
        m->fresh[i] ? norm : (1 - a) * m->payoff_avg[i] + a * norm;
    m->fresh[i] = 0;
    m->value[i] = m->payoff_avg[i] +
                  p->exit_trust_weight * (m->eff_trust[i] - 0.5) +
                  p->exit_commitment_weight * (m->commitment[i] - 0.5);
    m->patience[i] = m->value[i] < p->exit_threshold ? m->patience[i] + 1 : 0;
}

int ng__phase_exit(ng_model *m, ng_error *err)
{
    (void)err;
    for (size_t idx = m->n_members; idx-- > 0;) {
        size_t i = m->member[idx];
        update_value(m, i);
        if (m->flagged[i]) {
            ng__member_exclude(m, i);
        } else if (m->patience[i] >= m->p->exit_patience) {
            ng__member_exit(m, i);
            contagion(m, i);
        }
    }
    return 0;
}
