/* Step 5, contributions (MODEL.md 4.2).
 *
 * Effective trust tau_i = omega Tbar_i + (1 - omega) S_i, where Tbar_i is
 * i's mean trust in its co-members: trust on ties, stranger trust t0 for
 * the rest.  Then by disposition, with d_i the expected sanction per unit
 * of shortfall (deterrence, capped at 1):
 *   unconditional:  x = 1
 *   conditional:    x = phi b + zeta (tau - 1/2) + d (x_norm - phi b)^+
 *                   (the deterrence term pulls toward the norm)
 *   hump-shaped:    x = b for b <= 1/2, else 1 - b
 *   free rider:     x = x_norm if d >= 1, else x_floor
 * plus Gaussian noise sigma_x, clamped to [0, 1].  It pays y = x q.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "model/kernel.h"
#include "phases/phases.h"

static double clamp01(double v)
{
    return v < 0 ? 0 : (v > 1 ? 1 : v);
}

static double mean_trust_in_comembers(const ng_model *m, size_t i)
{
    size_t others = m->n_members - 1;
    if (others == 0) {
        return m->p->network_stranger_trust;
    }
    double sum = 0;
    size_t tied = 0;
    const size_t *row = m->nbr + i * m->k_max;
    for (size_t d = 0; d < m->deg[i]; d++) {
        if (m->state[row[d]] == NG_MEMBER) {
            sum += m->trust[i * m->k_max + d];
            tied++;
        }
    }
    sum += (double)(others - tied) * m->p->network_stranger_trust;
    return sum / (double)others;
}

static double intended(const ng_model *m, size_t i)
{
    const ng_params *p = m->p;
    double b = m->belief[i];
    double deter = fmin(1, ng__deterrence(m, i));
    switch ((ng_disposition)m->disposition[i]) {
    case NG_DISP_UNCONDITIONAL:
        return 1;
    case NG_DISP_CONDITIONAL: {
        double base = m->slope[i] * b;
        return base + p->behaviour_trust_sensitivity * (m->eff_trust[i] - 0.5) +
               deter * fmax(0, p->alliance_contribution_norm - base);
    }
    case NG_DISP_HUMP:
        return b <= 0.5 ? b : 1 - b;
    case NG_DISP_FREE_RIDER:
        return ng__deterrence(m, i) >= 1 ? p->alliance_contribution_norm
                                         : p->behaviour_free_rider_floor;
    case NG_DISP_COUNT:
        break;
    }
    return 0;
}

int ng__phase_contribute(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    gsl_rng *r = m->rng[NG_STREAM_CONTRIBUTE];
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->eff_trust[i] =
            p->behaviour_trust_weight * mean_trust_in_comembers(m, i) +
            (1 - p->behaviour_trust_weight) * m->system_trust[i];
        double noise = gsl_ran_gaussian(r, p->behaviour_noise);
        m->x[i] = clamp01(intended(m, i) + noise);
        m->paid[i] = m->x[i] * m->quota[i];
        m->sanction[i] = 0;
        m->flagged[i] = 0;
    }
    return 0;
}
