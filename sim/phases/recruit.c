/* Step 3, recruitment (MODEL.md 4.7).
 *
 * Each member invites one non-member acquaintance with probability
 * recruitment.invite_probability; a governance mode with outreach (the NAO)
 * also invites a random pool partner.  The candidate weighs what joining
 * would bring, normalised by its reference contribution beta c_c:
 *
 *   A_c = (u_c s_c W / (n+1)^gamma - xbar q_c) / (beta c_c)
 *         + trust_bonus (T_c,inviter - 1/2)
 *
 * with u_c the valuation and s_c the size factor of produce.c, W last tick's
 * public value, xbar the members' last mean contribution (a candidate expects
 * to contribute as the members do) and q_c the quota the cost rule would set.
 * It joins when A_c >= entry_threshold and is admitted: by the governance mode,
 * or under an explicit decision rule by a vote of the members who know it
 * (vote.c).  Only members at the start of the tick invite.
 */
#include <math.h>

#include "model/kernel.h"
#include "phases/phases.h"

/* Exclusion is final: a partner the alliance threw out is not invited
 * again.  One that left may come back after the cool-down. */
static bool eligible(const ng_model *m, size_t c)
{
    return (m->state[c] == NG_CANDIDATE || m->state[c] == NG_EXITED) &&
           m->tick >= m->cooldown_until[c];
}

static double trust_in(const ng_model *m, size_t c, long inviter)
{
    if (inviter < 0) {
        return m->p->network_stranger_trust;
    }
    size_t d = ng__tie_find(m, c, (size_t)inviter);
    return d == NG_NONE ? m->p->network_stranger_trust
                        : m->trust[c * m->k_max + d];
}

static double attractiveness(const ng_model *m, size_t c, double t_inviter)
{
    const ng_params *p = m->p;
    double n1 = (double)m->n_members + 1;
    double share = m->valuation[c] * ng__size_factor(m, c) * m->value_w /
                   pow(n1, p->production_rivalry);
    double cost = m->last_contribution * m->cost->estimate(m, c);
    double ref = p->alliance_ambition * m->capacity[c];
    return (share - cost) / ref +
           p->recruitment_trust_bonus * (t_inviter - 0.5);
}

static void consider(ng_model *m, size_t c, long inviter, gsl_rng *r)
{
    double t = trust_in(m, c, inviter);
    if (attractiveness(m, c, t) < m->p->recruitment_entry_threshold) {
        return;
    }
    /* Under an explicit decision rule the members who know the candidate
     * vote; otherwise the governance mode admits as it does. */
    bool admitted = m->decide->passes ? ng__vote_admission(m, c, r)
                                      : m->gov->admit(m, c, inviter, r);
    if (!admitted) {
        return;
    }
    ng__member_add(m, c, inviter < 0 ? NG_R_outreach : NG_R_invited);
    /* Newcomers expect what members currently give; their commitment
     * starts from their trust in whoever brought them in. */
    m->belief[c] = m->last_contribution;
    m->commitment[c] = fmax(m->support[c], t);
}

/* A non-member acquaintance of i, or NG_NONE: the first eligible tie from
 * a random offset, so one draw suffices (ties that follow ineligible ones
 * are picked a little more often than uniform). */
static size_t pick_acquaintance(const ng_model *m, size_t i, gsl_rng *r)
{
    size_t deg = m->deg[i];
    if (deg == 0) {
        return NG_NONE;
    }
    size_t off = gsl_rng_uniform_int(r, deg);
    for (size_t k = 0; k < deg; k++) {
        size_t c = m->nbr[i * m->k_max + (off + k) % deg];
        if (eligible(m, c)) {
            return c;
        }
    }
    return NG_NONE;
}

int ng__phase_recruit(ng_model *m, ng_error *err)
{
    (void)err;
    gsl_rng *r = m->rng[NG_STREAM_RECRUIT];
    size_t inviters = m->n_members;
    for (size_t idx = 0; idx < inviters; idx++) {
        size_t i = m->member[idx];
        if (gsl_rng_uniform(r) >= m->p->recruitment_invite_probability) {
            continue;
        }
        size_t c = pick_acquaintance(m, i, r);
        if (c != NG_NONE) {
            consider(m, c, (long)i, r);
        }
    }
    if (m->gc.outreach > 0 && m->n_members > 0 &&
        gsl_rng_uniform(r) < m->gc.outreach) {
        size_t c = gsl_rng_uniform_int(r, m->n);
        if (eligible(m, c)) {
            consider(m, c, -1, r);
        }
    }
    return 0;
}
