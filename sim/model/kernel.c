/* The model kernel (kernel.h): membership, ties, events, power, valuation,
 * mission and fit, violations and sanctions.
 *
 * The phases and the rules change shared state only through these
 * functions where the change has to keep other state in step: a member
 * added or removed updates the member list, its position, its state and
 * the counters and records an event; a sanction updates the payoff, the
 * counters and the events; a fine also enters the next tick's pool.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/kernel.h"

/* ---- events and membership ---- */

void ng__model_event(ng_model *m, int type, int reason, long partner,
                     double amount)
{
    if (m->n_events >= m->events_cap) {
        m->events_dropped++;
        return;
    }
    ng_event *e = &m->events[m->n_events++];
    e->tick = (int32_t)m->tick;
    e->type = (uint8_t)type;
    e->reason = (uint8_t)reason;
    e->partner = partner;
    e->amount = amount;
}

void ng__member_add(ng_model *m, size_t i, int reason)
{
    m->member_pos[i] = m->n_members;
    m->member[m->n_members++] = i;
    m->state[i] = NG_MEMBER;
    m->state_tick[i] = m->tick;
    m->ever_joined[i] = 1;
    m->violations[i] = 0;
    m->patience[i] = 0;
    m->flagged[i] = 0;
    m->fresh[i] = 1;
    m->x[i] = m->paid[i] = m->benefit[i] = m->payoff[i] = m->sanction[i] = 0;
    if (reason != NG_R_founder) {
        m->joins++;
        m->total_joins++;
    }
    ng__model_event(m, NG_EV_join, reason, (long)i, 0);
}

void ng__member_remove(ng_model *m, size_t i, int new_state, int reason)
{
    size_t pos = m->member_pos[i];
    size_t last = m->member[m->n_members - 1];
    m->member[pos] = last;
    m->member_pos[last] = pos;
    m->n_members--;
    m->member_pos[i] = NG_NONE;
    m->state[i] = (uint8_t)new_state;
    m->state_tick[i] = m->tick;
    m->cooldown_until[i] = m->tick + m->p->alliance_cooldown;
    int type = new_state == NG_EXCLUDED ? NG_EV_exclusion : NG_EV_exit;
    ng__model_event(m, type, reason, (long)i, 0);
}

void ng__member_exit(ng_model *m, size_t i)
{
    ng__member_remove(m, i, NG_EXITED, NG_R_low_value);
    m->exits++;
    m->total_exits++;
    if (m->first_exit_tick < 0) {
        m->first_exit_tick = m->tick;
    }
}

void ng__member_exclude(ng_model *m, size_t i)
{
    ng__member_remove(m, i, NG_EXCLUDED, NG_R_repeated_violations);
    m->exclusions++;
    m->total_exclusions++;
}

void ng__end(ng_model *m, int outcome, int cause)
{
    m->dissolved = true;
    m->outcome = outcome;
    m->cause = cause;
    ng__model_event(m,
                    outcome == NG_OUTCOME_COMPLETED ? NG_EV_completion
                                                    : NG_EV_dissolution,
                    cause, -1, 0);
}

/* ---- mission and valuation ---- */

double ng__valuation_of(const ng_model *m, size_t i, double alignment)
{
    int s = m->sector[i];
    return m->p->meaning_societal_weight[s] * alignment +
           m->p->meaning_economic_weight[s] * m->p->meaning_economic_return;
}

void ng__valuation_update(ng_model *m, size_t i)
{
    m->valuation[i] = ng__valuation_of(m, i, m->alignment[i]);
}

void ng__mission_simplex(const ng_model *m, double *out)
{
    double total = 0;
    for (int k = 0; k < NG_DIM; k++) {
        total += m->mission[k];
    }
    for (int k = 0; k < NG_DIM; k++) {
        out[k] = total > 0 ? m->mission[k] / total : 1.0 / NG_DIM;
    }
}

void ng__mission_set(ng_model *m, const double *mission)
{
    memcpy(m->mission, mission, sizeof m->mission);
    for (size_t i = 0; i < m->n; i++) {
        m->alignment[i] = ng__cosine(m->interests + i * NG_DIM, m->mission);
        ng__valuation_update(m, i);
    }
}

/* ---- ties ---- */

size_t ng__tie_index(const size_t *nbr, const size_t *deg, size_t k_max,
                     size_t i, size_t j)
{
    const size_t *row = nbr + i * k_max;
    for (size_t d = 0; d < deg[i]; d++) {
        if (row[d] == j) {
            return d;
        }
    }
    return NG_NONE;
}

size_t ng__tie_find(const ng_model *m, size_t i, size_t j)
{
    return ng__tie_index(m->nbr, m->deg, m->k_max, i, j);
}

bool ng__tie_add(ng_model *m, size_t i, size_t j, double t)
{
    if (i == j || m->deg[i] >= m->k_max || m->deg[j] >= m->k_max ||
        ng__tie_find(m, i, j) != NG_NONE) {
        return false;
    }
    m->nbr[i * m->k_max + m->deg[i]] = j;
    m->trust[i * m->k_max + m->deg[i]++] = t;
    m->nbr[j * m->k_max + m->deg[j]] = i;
    m->trust[j * m->k_max + m->deg[j]++] = t;
    return true;
}

size_t ng__tied_members(const ng_model *m, size_t i)
{
    size_t count = 0;
    const size_t *row = m->nbr + i * m->k_max;
    for (size_t d = 0; d < m->deg[i]; d++) {
        count += m->state[row[d]] == NG_MEMBER;
    }
    return count;
}

double ng__cosine(const double *a, const double *b)
{
    double ab = 0, aa = 0, bb = 0;
    for (int k = 0; k < NG_DIM; k++) {
        ab += a[k] * b[k];
        aa += a[k] * a[k];
        bb += b[k] * b[k];
    }
    return aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0;
}

/* ---- power ---- */

double ng__power_of(const ng_model *m, size_t i)
{
    double rel = m->mean_capacity > 0 ? m->capacity[i] / m->mean_capacity : 1;
    return m->p->power_capacity_weight * rel +
           m->p->power_authority_weight * m->authority[i];
}

void ng__power_update(ng_model *m)
{
    double cap = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        cap += m->capacity[m->member[idx]];
    }
    m->sum_capacity = cap;
    m->mean_capacity = m->n_members ? cap / (double)m->n_members : 0;
    double power = 0, weight = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        m->power[i] = ng__power_of(m, i);
        power += m->power[i];
        weight += m->valuation[i] * ng__size_factor(m, i);
    }
    m->sum_power = power;
    m->sum_benefit_weight = weight;
}

/* ---- violations and sanctions ---- */

bool ng__violates(const ng_model *m, size_t i)
{
    /* Monitoring lets a shortfall within the tolerance pass, so a member
     * who means to comply is not punished for the noise in its giving. */
    return m->cost->shortfall_is_violation &&
           m->x[i] <
               m->p->alliance_contribution_norm - m->p->alliance_tolerance;
}

double ng__shortfall_amount(const ng_model *m, size_t i)
{
    double gap = m->p->alliance_contribution_norm - m->x[i];
    return gap > 0 ? gap * m->quota[i] : 0;
}

void ng__sanction(ng_model *m, size_t i, int reason, double amount)
{
    m->sanction[i] += amount;
    m->payoff[i] -= amount;
    m->sanctions++;
    m->total_sanctions++;
    ng__model_event(m, NG_EV_sanction, reason, (long)i, amount);
}

int64_t ng__violation_record(ng_model *m, size_t i)
{
    m->violations_seen++;
    return ++m->violations[i];
}

void ng__sanction_fine(ng_model *m, size_t i, double fine)
{
    m->fines_carry += fine;
    ng__sanction(m, i, NG_R_fine, fine);
}

void ng__exclusion_mark(ng_model *m, size_t i)
{
    m->flagged[i] = 1;
}

double ng__fines_collect(ng_model *m)
{
    double fines = m->fines_carry;
    m->fines_carry = 0;
    return fines;
}

double ng__deterrence(const ng_model *m, size_t i)
{
    return m->cost->shortfall_is_violation ? m->gov->deterrence(m, i) : 0;
}

double ng__size_factor(const ng_model *m, size_t i)
{
    double rel = m->mean_capacity > 0 ? m->capacity[i] / m->mean_capacity : 1;
    return pow(rel, m->p->production_benefit_scale);
}

/* ---- fit ---- */

/* A fit within rounding of 1 is 1, so an unchanged environment leaves
 * public value exactly as without the module. */
#define FIT_EXACT 1e-12

double ng__fit_factor(const ng_model *m, double fit)
{
    if (fit >= 1) {
        return 1;
    }
    double exponent = 1 + m->p->environment_threat_stakes * m->threat;
    return pow(fmax(0, fit), exponent);
}

void ng__fit_update(ng_model *m)
{
    double fit = ng__cosine(m->mission, m->focus);
    m->fit = fit > 1 - FIT_EXACT ? 1 : fit;
    m->fit_factor = ng__fit_factor(m, m->fit);
}

/* ---- invariants ---- */

/* Rounding slack of a range check: the updates keep their variables in
 * range up to the last bit, and a real escape is far larger. */
#define RANGE_SLACK 1e-9

/* The first broken invariant is described in msg; later checks are
 * skipped (a broken state breaks many at once). */
typedef struct check {
    const ng_model *m;
    char *msg;
    size_t size;
    bool ok;
} check;

static bool in_range(double v, double lo, double hi)
{
    return isfinite(v) && v >= lo - RANGE_SLACK && v <= hi + RANGE_SLACK;
}

/* A real of the alliance (partner NG_NONE) or of partner i in [lo, hi]. */
static void check_real(check *c, const char *name, size_t i, double v,
                       double lo, double hi)
{
    if (!c->ok || in_range(v, lo, hi)) {
        return;
    }
    c->ok = false;
    if (i == NG_NONE) {
        snprintf(c->msg, c->size, "%s is %.17g at tick %lld, expected %g to %g",
                 name, v, (long long)c->m->tick, lo, hi);
    } else {
        snprintf(c->msg, c->size,
                 "%s of partner %zu is %.17g at tick %lld, expected %g to %g",
                 name, i, v, (long long)c->m->tick, lo, hi);
    }
}

static void check_count(check *c, const char *name, size_t i, int64_t v)
{
    if (!c->ok || v >= 0) {
        return;
    }
    c->ok = false;
    if (i == NG_NONE) {
        snprintf(c->msg, c->size, "%s is %lld at tick %lld, expected >= 0",
                 name, (long long)v, (long long)c->m->tick);
    } else {
        snprintf(c->msg, c->size,
                 "%s of partner %zu is %lld at tick %lld, expected >= 0", name,
                 i, (long long)v, (long long)c->m->tick);
    }
}

/* A condition on the alliance (i = NG_NONE), on partner i or on the tie
 * from i to j. */
static void check_true(check *c, bool holds, const char *what, size_t i,
                       size_t j)
{
    if (!c->ok || holds) {
        return;
    }
    c->ok = false;
    long long tick = (long long)c->m->tick;
    if (i == NG_NONE) {
        snprintf(c->msg, c->size, "%s at tick %lld", what, tick);
    } else if (j == NG_NONE) {
        snprintf(c->msg, c->size, "%s: partner %zu at tick %lld", what, i,
                 tick);
    } else {
        snprintf(c->msg, c->size, "%s: partner %zu, partner %zu at tick %lld",
                 what, i, j, tick);
    }
}

static void check_ties(check *c, size_t i)
{
    const ng_model *m = c->m;
    check_true(c, m->deg[i] <= m->k_max, "more ties than network.max_degree", i,
               NG_NONE);
    for (size_t d = 0; c->ok && d < m->deg[i]; d++) {
        size_t j = m->nbr[i * m->k_max + d];
        check_true(c, j < m->n && j != i, "a tie to no partner of the pool", i,
                   j);
        check_true(c, c->ok && ng__tie_find(m, j, i) != NG_NONE,
                   "a tie without its reverse", i, j);
        double t = m->trust[i * m->k_max + d];
        if (c->ok && !in_range(t, 0, 1)) {
            c->ok = false;
            snprintf(c->msg, c->size,
                     "trust of partner %zu in partner %zu is %.17g at tick "
                     "%lld, expected 0 to 1",
                     i, j, t, (long long)m->tick);
        }
    }
}

static void check_partner(check *c, size_t i)
{
    const ng_model *m = c->m;
    bool member = m->state[i] == NG_MEMBER;
    check_true(c, m->state[i] <= NG_EXCLUDED, "an unknown membership state", i,
               NG_NONE);
    check_true(c,
               member ? m->member_pos[i] < m->n_members &&
                            m->member[m->member_pos[i]] == i
                      : m->member_pos[i] == NG_NONE,
               "membership state and member list disagree", i, NG_NONE);
    check_real(c, "capacity", i, m->capacity[i], 0, HUGE_VAL);
    check_real(c, "authority", i, m->authority[i], 0, 1);
    check_real(c, "support", i, m->support[i], 0, 1);
    for (size_t k = 0; k < NG_DIM; k++) {
        check_real(c, "interests", i, m->interests[i * NG_DIM + k], 0, 1);
    }
    check_real(c, "power", i, m->power[i], 0, HUGE_VAL);
    check_real(c, "alignment", i, m->alignment[i], 0, 1);
    check_real(c, "valuation", i, m->valuation[i], 0, HUGE_VAL);
    check_real(c, "commitment", i, m->commitment[i], member ? m->support[i] : 0,
               1);
    check_real(c, "belief", i, m->belief[i], 0, 1);
    check_real(c, "system_trust", i, m->system_trust[i], 0, 1);
    check_real(c, "eff_trust", i, m->eff_trust[i], 0, 1);
    check_real(c, "contribution", i, m->x[i], 0, 1);
    check_real(c, "quota", i, m->quota[i], 0,
               member ? m->capacity[i] : HUGE_VAL);
    check_real(c, "paid", i, m->paid[i], 0, HUGE_VAL);
    check_real(c, "benefit", i, m->benefit[i], 0, HUGE_VAL);
    check_real(c, "sanction", i, m->sanction[i], 0, HUGE_VAL);
    check_real(c, "payoff", i, m->payoff[i], -HUGE_VAL, HUGE_VAL);
    check_real(c, "payoff_avg", i, m->payoff_avg[i], -HUGE_VAL, HUGE_VAL);
    check_real(c, "value", i, m->value[i], -HUGE_VAL, HUGE_VAL);
    check_real(c, "asked_total", i, m->asked_total[i], 0, HUGE_VAL);
    check_real(c, "paid_total", i, m->paid_total[i], 0, HUGE_VAL);
    check_real(c, "benefit_total", i, m->benefit_total[i], 0, HUGE_VAL);
    check_count(c, "violations", i, m->violations[i]);
    check_count(c, "patience", i, m->patience[i]);
    check_ties(c, i);
}

static void check_alliance(check *c)
{
    const ng_model *m = c->m;
    const struct {
        const char *name;
        double v, lo, hi;
    } reals[] = {
        {"threat", m->threat, 0, 1},
        {"fit", m->fit, 0, 1},
        {"fit_factor", m->fit_factor, 0, 1},
        {"process_intensity", m->process_intensity, 0, 1},
        {"diversity", m->diversity, 0, 1},
        {"budget", m->budget, 0, HUGE_VAL},
        {"pooled_input", m->pooled, 0, HUGE_VAL},
        {"fines", m->fines, 0, HUGE_VAL},
        {"fines_carry", m->fines_carry, 0, HUGE_VAL},
        {"overhead", m->overhead, 0, HUGE_VAL},
        {"content_input", m->content_input, 0, HUGE_VAL},
        {"process_spending", m->process_spend, 0, HUGE_VAL},
        {"mean_capacity", m->mean_capacity, 0, HUGE_VAL},
        {"sum_capacity", m->sum_capacity, 0, HUGE_VAL},
        {"sum_power", m->sum_power, 0, HUGE_VAL},
        {"sum_benefit", m->sum_benefit, 0, HUGE_VAL},
        {"mission_change", m->mission_turn, 0, HUGE_VAL},
        {"public_value", m->value_w, -HUGE_VAL, HUGE_VAL},
        {"cumulative_value", m->cumulative_value, -HUGE_VAL, HUGE_VAL},
    };
    for (size_t k = 0; k < sizeof reals / sizeof reals[0]; k++) {
        check_real(c, reals[k].name, NG_NONE, reals[k].v, reals[k].lo,
                   reals[k].hi);
    }
    for (int k = 0; k < NG_DIM; k++) {
        check_real(c, "focus", NG_NONE, m->focus[k], 0, 1);
        check_real(c, "mission", NG_NONE, m->mission[k], 0, HUGE_VAL);
    }
    const struct {
        const char *name;
        int64_t v;
    } counts[] = {
        {"joins", m->joins},
        {"exits", m->exits},
        {"exclusions", m->exclusions},
        {"violations", m->violations_seen},
        {"sanctions", m->sanctions},
        {"shocks", m->shocks},
        {"incidents", m->incidents},
        {"votes_held", m->votes_held},
        {"votes_failed", m->votes_failed},
        {"low_value_streak", m->low_value_streak},
        {"unfunded_streak", m->unfunded_streak},
        {"events_dropped", m->events_dropped},
        {"total_joins", m->total_joins},
        {"total_exits", m->total_exits},
        {"total_exclusions", m->total_exclusions},
        {"total_sanctions", m->total_sanctions},
        {"total_votes", m->total_votes},
        {"total_votes_failed", m->total_votes_failed},
    };
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        check_count(c, counts[k].name, NG_NONE, counts[k].v);
    }
    check_true(c, m->votes_failed <= m->votes_held,
               "more failed votes than votes", NG_NONE, NG_NONE);
    check_true(c,
               m->n_members <= m->n && m->n_events <= m->events_cap &&
                   m->ticks_recorded <= m->ticks_cap,
               "a count beyond its storage", NG_NONE, NG_NONE);
}

bool ng__invariants_hold(const ng_model *m, char *msg, size_t size)
{
    check c = {m, msg, size, true};
    check_alliance(&c);
    size_t members = 0;
    for (size_t i = 0; c.ok && i < m->n; i++) {
        check_partner(&c, i);
        members += m->state[i] == NG_MEMBER;
    }
    if (c.ok && members != m->n_members) {
        c.ok = false;
        snprintf(msg, size,
                 "%zu partners are members but the member list holds %zu at "
                 "tick %lld",
                 members, m->n_members, (long long)m->tick);
    }
    return c.ok;
}
