/* The partner pool: listed partners first, then generated ones sector by
 * sector, each partner's attributes drawn from its sector's distributions
 * (MODEL.md section 2) and overridden by what a listed partner states.
 * Then the acquaintance network, the founders, the lead and the mission.
 *
 * Every partner draws the same attributes in the same order whether or not
 * some are overridden, so listing one attribute does not shift the draws
 * of every later partner.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "model/build.h"

static const double *sector_vector(const ng_params *p, int s, bool interests)
{
    const double *const in[NG_SECTOR_COUNT] = {
        p->population_government_interests, p->population_business_interests,
        p->population_knowledge_interests, p->population_civil_interests};
    const double *const disp[NG_SECTOR_COUNT] = {
        p->population_government_dispositions,
        p->population_business_dispositions,
        p->population_knowledge_dispositions, p->population_civil_dispositions};
    return interests ? in[s] : disp[s];
}

typedef struct sector_draws {
    double cap_median, cap_spread, authority, support;
    int64_t count;
} sector_draws;

static sector_draws sector_params(const ng_params *p, int s)
{
    const sector_draws all[NG_SECTOR_COUNT] = {
        {p->population_government_capacity_median,
         p->population_government_capacity_spread,
         p->population_government_authority_mean,
         p->population_government_support_mean, p->population_government_count},
        {p->population_business_capacity_median,
         p->population_business_capacity_spread,
         p->population_business_authority_mean,
         p->population_business_support_mean, p->population_business_count},
        {p->population_knowledge_capacity_median,
         p->population_knowledge_capacity_spread,
         p->population_knowledge_authority_mean,
         p->population_knowledge_support_mean, p->population_knowledge_count},
        {p->population_civil_capacity_median,
         p->population_civil_capacity_spread,
         p->population_civil_authority_mean, p->population_civil_support_mean,
         p->population_civil_count}};
    return all[s];
}

/* A beta draw with the given mean and concentration; the mean is kept off
 * 0 and 1 so both shape parameters stay positive. */
static double beta_mean(gsl_rng *r, double mean, double concentration)
{
    const double edge = 1e-3;
    double mu = fmin(fmax(mean, edge), 1 - edge);
    return gsl_ran_beta(r, mu * concentration, (1 - mu) * concentration);
}

static int draw_disposition(gsl_rng *r, const double *shares)
{
    double total = 0;
    for (int d = 0; d < NG_DISP_COUNT; d++) {
        total += shares[d];
    }
    double u = gsl_rng_uniform(r) * total, acc = 0;
    for (int d = 0; d < NG_DISP_COUNT; d++) {
        acc += shares[d];
        if (u < acc) {
            return d;
        }
    }
    return NG_DISP_CONDITIONAL;
}

static void draw_partner(ng_model *m, size_t i, int s)
{
    const ng_params *p = m->p;
    gsl_rng *r = m->rng[NG_STREAM_INIT];
    sector_draws sd = sector_params(p, s);
    m->sector[i] = (uint8_t)s;
    m->capacity[i] = gsl_ran_lognormal(r, log(sd.cap_median), sd.cap_spread);
    m->authority[i] =
        beta_mean(r, sd.authority, p->population_authority_concentration);
    m->support[i] =
        beta_mean(r, sd.support, p->population_authority_concentration);
    gsl_ran_dirichlet(r, NG_DIM, sector_vector(p, s, true),
                      m->interests + i * NG_DIM);
    m->disposition[i] =
        (uint8_t)draw_disposition(r, sector_vector(p, s, false));
    m->slope[i] =
        gsl_ran_flat(r, p->behaviour_slope_min, p->behaviour_slope_max);
    double b =
        p->behaviour_belief_mean + gsl_ran_gaussian(r, p->behaviour_belief_sd);
    m->belief[i] = fmin(fmax(b, 0), 1);
    m->system_trust[i] = p->behaviour_initial_system_trust;
    m->state[i] = NG_CANDIDATE;
    m->member_pos[i] = NG_NONE;
}

static void apply_listed(ng_model *m, size_t i, const ng_partner_spec *ps)
{
    if (ps->has_capacity) {
        m->capacity[i] = ps->capacity;
    }
    if (ps->has_authority) {
        m->authority[i] = ps->authority;
    }
    if (ps->has_support) {
        m->support[i] = ps->support;
    }
    if (ps->has_interests) {
        memcpy(m->interests + i * NG_DIM, ps->interests, sizeof ps->interests);
    }
    if (ps->has_disposition) {
        m->disposition[i] = (uint8_t)ps->disposition;
    }
    m->founder[i] = ps->founder || ps->lead;
}

/* Founders: the listed ones, or population.founders drawn at random. */
static void choose_founders(ng_model *m)
{
    for (size_t i = 0; i < m->cfg.n_partners; i++) {
        if (m->founder[i]) {
            return;
        }
    }
    size_t f = (size_t)m->p->population_founders;
    for (size_t i = 0; i < m->n; i++) {
        m->scratch_idx[i] = i;
    }
    /* Partial Fisher-Yates: the first f entries become a uniform sample. */
    gsl_rng *r = m->rng[NG_STREAM_INIT];
    for (size_t k = 0; k < f; k++) {
        size_t j = k + gsl_rng_uniform_int(r, m->n - k);
        size_t t = m->scratch_idx[k];
        m->scratch_idx[k] = m->scratch_idx[j];
        m->scratch_idx[j] = t;
        m->founder[m->scratch_idx[k]] = 1;
    }
}

/* Founders know each other: each is tied to the next few founders. */
static void tie_founders(ng_model *m)
{
    size_t f = m->n_members, span = m->k_max / 2;
    for (size_t a = 0; a < f; a++) {
        for (size_t d = 1; d <= span && d < f; d++) {
            ng__tie_add(m, m->member[a], m->member[(a + d) % f],
                        m->p->network_tie_trust);
        }
    }
}

static void choose_lead(ng_model *m)
{
    if (!m->gov->has_lead) {
        return;
    }
    for (size_t i = 0; i < m->cfg.n_partners; i++) {
        if (m->cfg.partners[i].lead) {
            m->lead = i;
            return;
        }
    }
    /* Without a named lead, the most powerful founder leads. */
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        if (m->lead == NG_NONE || m->power[i] > m->power[m->lead]) {
            m->lead = i;
        }
    }
}

/* The mission is the founders' interests weighted by their voice: equal
 * under shared governance and an NAO, dominated by a powerful lead, who
 * sets the agenda (MODEL.md 4.6 defines voice). */
static void set_mission(ng_model *m)
{
    double mission[NG_DIM] = {0};
    double total = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        total += m->gov->voice(m, m->member[idx]);
    }
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        /* Nobody has a voice (e.g. NAO voice 0): founders count equally. */
        double w = total > 0 ? m->gov->voice(m, i) : 1;
        for (size_t k = 0; k < NG_DIM; k++) {
            mission[k] += w * m->interests[i * NG_DIM + k];
        }
    }
    ng__mission_set(m, mission);
}

int ng__population_build(ng_model *m, ng_error *err)
{
    (void)err;
    size_t i = 0;
    for (; i < m->cfg.n_partners; i++) {
        draw_partner(m, i, m->cfg.partners[i].sector);
        apply_listed(m, i, &m->cfg.partners[i]);
    }
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        int64_t count = sector_params(m->p, s).count;
        for (int64_t c = 0; c < count; c++, i++) {
            draw_partner(m, i, s);
        }
    }
    ng__geography_place(m);
    ng__network_build(m);
    choose_founders(m);
    for (i = 0; i < m->n; i++) {
        if (m->founder[i]) {
            ng__member_add(m, i, NG_R_founder);
            m->commitment[i] =
                fmax(m->p->behaviour_initial_commitment, m->support[i]);
        }
    }
    tie_founders(m);
    ng__power_update(m);
    choose_lead(m);
    set_mission(m);
    ng__power_update(m); /* sums of valuation follow the mission */
    /* The problem focus starts where the founders' mission points. */
    ng__mission_simplex(m, m->focus);
    memcpy(m->focus0, m->focus, sizeof m->focus0);
    m->fit = m->fit_factor = 1;
    m->last_contribution = m->p->behaviour_belief_mean;
    m->peak_members = (int64_t)m->n_members;
    return 0;
}
