/* Steps 6 and 7, production, benefits and payoffs (MODEL.md 4.3, 4.4, 5).
 *
 *   O   = cbar (o_fixed + o_member n + o_pair [n(n-1)/2 + G] + o_priv p n)
 *   I   = max(0, sum y + fines - O)     fines: collected last tick
 *   P   = psi I  (process),  I_c = I - P  (content)
 *   W   = r I_c (1 + (delta + syn s) D) (1 - kappa (1 - competence)) F
 *   b_i = u_i (c_i / cbar)^epsilon W / n^gamma,  pi_i = b_i - y_i
 *   (sanctions follow in step 8)
 * G = sum over member pairs of (d_ij / cost_distance)^2 with geography (else
 * 0), o_priv p n the cost of privacy technology at every member, s the sharing
 * level, F the fit factor of environment.c, u_i the valuation (alignment g_i
 * weighted by the sector's societal weight plus its economic weight times the
 * economic return).  With every v2 module neutral, P = G = 0, F = 1, u_i = g_i.
 * The process intensity pi = min(1, P / B) drives learn.c.
 *
 * The size factor (c_i/cbar)^epsilon departs from MODEL.md 4.4 (where every
 * member draws g_i W / n^gamma): a large organisation puts the alliance's
 * output to use across more of its work than a small one.  With epsilon = 0
 * the smallest member would draw as much as the largest, which makes any
 * capacity-based split absurdly favourable to small partners and leaves
 * perceived fairness blind to size.  epsilon = 0 restores the reference.
 *
 * D is the normalised Gini-Simpson diversity of members' sectors.
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

static double sector_diversity(const ng_model *m)
{
    double count[NG_SECTOR_COUNT] = {0};
    for (size_t idx = 0; idx < m->n_members; idx++) {
        count[m->sector[m->member[idx]]] += 1;
    }
    double n = (double)m->n_members, simpson = 0;
    if (n == 0) {
        return 0;
    }
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        simpson += (count[s] / n) * (count[s] / n);
    }
    /* 1 - 1/S is the largest Gini-Simpson value over S sectors. */
    return (1 - simpson) / (1 - 1.0 / NG_SECTOR_COUNT);
}

static double overhead(const ng_model *m)
{
    double n = (double)m->n_members;
    return m->mean_capacity *
           (m->gc.overhead_fixed + m->gc.overhead_member * n +
            m->gc.overhead_pair * n * (n - 1) / 2 +
            m->gc.overhead_pair * ng__geography_pair_distance(m) +
            m->p->information_privacy_cost * m->p->information_privacy_tech *
                n);
}

int ng__phase_produce(ng_model *m, ng_error *err)
{
    const ng_params *p = m->p;
    double paid = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        paid += m->paid[m->member[idx]];
    }
    m->fines = ng__fines_collect(m);
    m->pooled = paid + m->fines;
    m->overhead = overhead(m);
    double input = fmax(0, m->pooled - m->overhead);
    m->process_spend = p->process_share * input;
    m->process_total += m->process_spend;
    m->process_intensity =
        m->budget > 0 ? fmin(1, m->process_spend / m->budget) : 0;
    m->content_input = input - m->process_spend;
    m->diversity = sector_diversity(m);
    double delta = p->production_diversity_bonus +
                   p->information_synergy * p->information_sharing;
    m->value_w_prev = m->value_w;
    m->value_w = p->production_productivity * m->content_input *
                 (1 + delta * m->diversity) *
                 (1 - p->production_complexity * (1 - m->gc.competence)) *
                 m->fit_factor;
    if (!isfinite(m->value_w)) {
        return ng_error_set(err, NG_ENONFINITE, "production",
                            "public value is not finite at tick %lld",
                            (long long)m->tick);
    }
    /* An unfunded fixed office cost (the NAO's) counts towards breakdown. */
    double fixed = m->mean_capacity * m->gc.overhead_fixed;
    m->unfunded_streak =
        fixed > 0 && m->pooled < fixed ? m->unfunded_streak + 1 : 0;
    double per = m->n_members ? m->value_w / pow((double)m->n_members,
                                                 p->production_rivalry)
                              : 0;
    m->sum_benefit = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->benefit[i] = m->valuation[i] * ng__size_factor(m, i) * per;
        m->payoff[i] = m->benefit[i] - m->paid[i];
        m->sum_benefit += m->benefit[i];
        m->asked_total[i] += m->quota[i];
        m->paid_total[i] += m->paid[i];
        m->benefit_total[i] += m->benefit[i];
    }
    return 0;
}
