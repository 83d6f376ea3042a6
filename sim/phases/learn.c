/* Step 9, learning (MODEL.md 4.6).
 *
 * Beliefs: b <- (1 - lambda_b) b + lambda_b o, where the observation o mixes
 * the published member mean (weight: the mode's transparency) with the mean
 * contribution of tied co-members.
 * Interpersonal trust on tie i->j, when i sees x_j:
 *   x_j >= x_ref:  T += eta+ (1 - chi mu) (1 - T)   (control crowds out gains)
 *   x_j <  x_ref:  T -= eta- (x_ref - x_j) T        (eta- ~ 3 eta+)
 * System trust: S += eta_S (F - S), fairness
 *   F = voice (1 - |cs - bs| / (cs + bs)),
 * cs = q_i / B the cost share, bs = b_i / sum b the benefit share.  The
 * relative gap (rather than |cs - bs| itself) keeps fairness meaningful in
 * large alliances, where every share is small.
 * Commitment: k += eta_k (success - k), success = 1 when W did not fall
 * and exceeds W_min; never below top-level support s_i.
 * New ties: with p_meet a member meets a random co-member; the new tie
 * starts at stranger trust t0 (with geography it is kept with probability
 * exp(-d / tie_range)).
 * Process (MODEL.md 5, content vs process), with intensity pi from
 * produce.c: eta+ and p_meet are multiplied by 1 + trust_gain pi and
 * 1 + meet_gain pi, and newcomers are onboarded (onboard below).
 *
 * Every rate that is a product of rates is capped at 1: each update above is
 * a convex combination of the old value and a target in [0, 1] (or a loss of
 * a share of it), which keeps trust, beliefs and interests in their ranges
 * only while the step is at most 1.  A gain of 1 + trust_gain pi alone can
 * reach 1001, and trust would then overshoot 1 and oscillate without bound.
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

static void update_ties(ng_model *m, size_t i, double *tie_sum,
                        size_t *tie_count)
{
    const ng_params *p = m->p;
    double gain =
        fmin(1, p->learning_trust_gain *
                    (1 - p->learning_control_crowding * m->gc.monitoring) *
                    (1 + p->process_trust_gain * m->process_intensity));
    double ref = p->learning_reciprocity_level;
    *tie_sum = 0;
    *tie_count = 0;
    for (size_t d = 0; d < m->deg[i]; d++) {
        size_t j = m->nbr[i * m->k_max + d];
        if (m->state[j] != NG_MEMBER) {
            continue;
        }
        double *t = &m->trust[i * m->k_max + d];
        double xj = m->x[j];
        if (xj >= ref) {
            *t += gain * (1 - *t);
        } else {
            *t -= fmin(1, p->learning_trust_loss * (ref - xj)) * *t;
        }
        *tie_sum += xj;
        (*tie_count)++;
    }
}

static void update_belief(ng_model *m, size_t i, double total_x, double tie_sum,
                          size_t tie_count)
{
    double rho = m->gc.transparency;
    size_t others = m->n_members - 1;
    if (others == 0) {
        return;
    }
    double published = (total_x - m->x[i]) / (double)others;
    double obs;
    if (tie_count > 0) {
        obs = rho * published + (1 - rho) * tie_sum / (double)tie_count;
    } else if (rho > 0) {
        obs = published;
    } else {
        return; /* sees nobody: keeps its belief */
    }
    double lambda = m->p->learning_belief_rate;
    m->belief[i] = (1 - lambda) * m->belief[i] + lambda * obs;
}

static double fairness(const ng_model *m, size_t i)
{
    double cs = m->budget > 0 ? m->quota[i] / m->budget : 0;
    double bs = m->sum_benefit > 0 ? m->benefit[i] / m->sum_benefit : 0;
    double gap = cs + bs > 0 ? fabs(cs - bs) / (cs + bs) : 0;
    return m->gov->voice(m, i) * (1 - gap);
}

static void meet(ng_model *m, size_t i, double chance, gsl_rng *r)
{
    if (gsl_rng_uniform(r) < chance) {
        size_t j = m->member[gsl_rng_uniform_int(r, m->n_members)];
        if (ng__geography_accept(m, i, j, r)) {
            ng__tie_add(m, i, j, m->p->network_stranger_trust);
        }
    }
}

/* Onboarding: a newcomer's interests move toward the mission at rate
 * onboarding pi for its first onboarding_ticks ticks. */
static void onboard(ng_model *m)
{
    const ng_params *p = m->p;
    double rate = fmin(1, p->process_onboarding * m->process_intensity);
    if (rate <= 0) {
        return;
    }
    double target[NG_DIM];
    ng__mission_simplex(m, target);
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (m->founder[i] ||
            m->tick - m->state_tick[i] >= p->process_onboarding_ticks) {
            continue;
        }
        double *th = m->interests + i * NG_DIM;
        for (int k = 0; k < NG_DIM; k++) {
            th[k] += rate * (target[k] - th[k]);
        }
        m->alignment[i] = ng__cosine(th, m->mission);
        ng__valuation_update(m, i);
    }
}

int ng__phase_learn(ng_model *m, ng_error *err)
{
    (void)err;
    const ng_params *p = m->p;
    double total_x = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        total_x += m->x[m->member[idx]];
    }
    /* An alliance that produces nothing is no success, even when its
     * (zero) value did not fall. */
    double success =
        m->value_w >= m->value_w_prev && m->value_w > m->p->alliance_min_value
            ? 1
            : 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        double tie_sum;
        size_t tie_count;
        update_ties(m, i, &tie_sum, &tie_count);
        update_belief(m, i, total_x, tie_sum, tie_count);
        m->system_trust[i] += p->learning_system_trust_rate *
                              (fairness(m, i) - m->system_trust[i]);
        m->commitment[i] +=
            p->learning_commitment_rate * (success - m->commitment[i]);
        m->commitment[i] = fmax(m->commitment[i], m->support[i]);
    }
    onboard(m);
    gsl_rng *r = m->rng[NG_STREAM_LEARN];
    double chance =
        fmin(1, p->learning_meet_probability *
                    (1 + p->process_meet_gain * m->process_intensity));
    for (size_t idx = 0; idx < m->n_members; idx++) {
        meet(m, m->member[idx], chance, r);
    }
    return 0;
}
