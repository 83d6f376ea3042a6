/* Step 1, the environment (MODEL.md 5, stability vs agility).
 *
 * The problem focus z lives on the simplex over the perspectives.  Each
 * tick the threat level decays, h <- h exp(-1 / threat_duration); z takes a
 * random step, z_k <- z_k exp(drift N(0,1)) renormalised, and is pulled back
 * toward its initial value by the reversion share; then shocks arrive
 * (Poisson with rate shock_rate, plus the scheduled one at shock_tick).
 * A shock moves z toward one perspective k, z <- (1 - jump) z + jump e_k,
 * and sets the threat level to 1.  The alliance's fit is cos(m, z), and
 * public value is multiplied by fit^(1 + stakes h): under threat, a mission
 * that misses the problem is worth much less.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "model/kernel.h"
#include "phases/phases.h"

static void normalise(double *z)
{
    double total = 0;
    for (int k = 0; k < NG_DIM; k++) {
        total += z[k];
    }
    for (int k = 0; k < NG_DIM; k++) {
        z[k] = total > 0 ? z[k] / total : 1.0 / NG_DIM;
    }
}

static void drift(ng_model *m, gsl_rng *r)
{
    const ng_params *p = m->p;
    if (p->environment_drift > 0) {
        for (int k = 0; k < NG_DIM; k++) {
            m->focus[k] *= exp(p->environment_drift * gsl_ran_ugaussian(r));
        }
        normalise(m->focus);
    }
    double rev = p->environment_reversion;
    if (rev > 0) {
        for (int k = 0; k < NG_DIM; k++) {
            m->focus[k] += rev * (m->focus0[k] - m->focus[k]);
        }
    }
}

static void shock(ng_model *m, gsl_rng *r)
{
    int choice = m->p->environment_shock_perspective;
    int k = choice == 0 ? (int)gsl_rng_uniform_int(r, NG_DIM) : choice - 1;
    double jump = m->p->environment_shock_jump;
    for (int d = 0; d < NG_DIM; d++) {
        m->focus[d] = (1 - jump) * m->focus[d] + (d == k ? jump : 0);
    }
    m->threat = 1;
}

int ng__phase_environment(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    gsl_rng *r = m->rng[NG_STREAM_ENVIRONMENT];
    m->threat *= exp(-1 / p->environment_threat_duration);
    drift(m, r);
    unsigned int count = p->environment_shock_rate > 0
                             ? gsl_ran_poisson(r, p->environment_shock_rate)
                             : 0;
    count += m->tick == p->environment_shock_tick;
    for (unsigned int s = 0; s < count; s++) {
        shock(m, r);
    }
    if (count > 0) {
        m->shocks += count;
        m->total_shocks += count;
        ng__model_event(m, NG_EV_shock, NG_R_threat, -1, count);
    }
    ng__fit_update(m);
    return 0;
}
