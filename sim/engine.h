/* The state of a run (struct ng_model): the model's internal data, read by
 * the kernel, the phases and the rules (sim/model, sim/phases, sim/rules).
 * The functions that change this state while keeping it consistent are in
 * model/kernel.h, which includes this file.
 *
 * Partners are a structure of arrays over the whole pool (index = partner
 * id).  Ties are fixed-stride adjacency: partner i's ties are
 * nbr[i*K .. i*K+deg[i]) with i's directed trust in each neighbour in
 * trust[] at the same position, K = network.max_degree.  Members are an
 * index list (member[0..n_members)) plus member_pos[] for O(1) removal, so
 * every phase iterates members, never the pool, and no structure is N x N.
 */
#ifndef NETGOV_ENGINE_H
#define NETGOV_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "netgov/config.h"
#include "netgov/model.h"
#include "netgov/record.h"
#include "netgov/rules.h"

#define NG_NONE SIZE_MAX

/* Independent random streams, one per subsystem, so that a change in how
 * one subsystem draws does not shift the draws of another. */
enum ng_stream {
    NG_STREAM_INIT,
    NG_STREAM_RECRUIT,
    NG_STREAM_CONTRIBUTE,
    NG_STREAM_MONITOR,
    NG_STREAM_LEARN,
    NG_STREAM_ENVIRONMENT, /* drift and shocks of the problem focus */
    NG_STREAM_INFORMATION, /* data incidents */
    NG_STREAM_GEOGRAPHY,   /* generated locations */
    NG_STREAM_COUNT
};

enum ng_membership {
    NG_CANDIDATE, /* in the pool, not a member (or never joined) */
    NG_MEMBER,
    NG_EXITED,
    NG_EXCLUDED
};

struct ng_model {
    ng_config cfg;
    const ng_params *p; /* = &cfg.p */
    const ng_governance *gov;
    const ng_cost_rule *cost;
    const ng_decision_rule *decide;
    ng_gov_coeffs gc;
    gsl_rng *rng[NG_STREAM_COUNT];

    /* ---- partners (pool of n) ---- */
    size_t n;
    uint8_t *sector, *disposition, *state, *founder;
    double *capacity, *authority, *support,
        *interests; /* interests: n*NG_DIM */
    double *slope, *power, *alignment;
    double *valuation; /* u_i = w_soc g_i + w_econ e (MODEL.md 5, meaning) */
    double *location;  /* n*2 km; only with geography */
    double *commitment, *belief, *system_trust, *eff_trust;
    double *value, *payoff_avg;
    /* Totals over the ticks as a member, for explanations: quotas asked,
     * payments made, benefits received. */
    double *asked_total, *paid_total, *benefit_total;
    double *quota, *x, *paid, *benefit, *payoff, *sanction;
    int64_t *violations, *patience, *state_tick, *cooldown_until;
    uint8_t *ever_joined;
    uint8_t *flagged; /* marked for exclusion by monitoring */
    uint8_t *fresh;   /* joined since its last value update */

    /* ---- ties ---- */
    size_t k_max;
    size_t *nbr;
    double *trust;
    size_t *deg;

    /* ---- members ---- */
    size_t *member, *member_pos;
    size_t n_members;

    /* ---- scratch (sized at alloc; no allocation while stepping) ---- */
    size_t *scratch_idx;  /* n entries */
    double *scratch_real; /* n entries */

    /* ---- environment (v2) ---- */
    double focus[NG_DIM];  /* problem focus z on the simplex */
    double focus0[NG_DIM]; /* its initial value: the founders' mission */
    double threat;         /* h in [0,1] */
    double fit;            /* cos(mission, focus) */
    double fit_factor;     /* fit^(1 + stakes h), multiplies public value */
    double mission_turn;   /* angle the mission turned this tick */
    int64_t mission_retry_at;
    double process_spend;     /* this tick */
    double process_intensity; /* pi = process spend / budget, in [0,1] */

    /* ---- alliance ---- */
    double mission[NG_DIM];
    size_t lead; /* NG_NONE unless lead governance */
    /* Sums over members, refreshed by ng__power_update. */
    double mean_capacity, sum_capacity, sum_power;
    double sum_benefit_weight; /* sum of u_i s_i: shares of benefit */
    double last_contribution;  /* members' mean x of the previous tick */
    /* Fines collected by monitoring enter the pool of the next tick. */
    double fines_carry;
    double sum_benefit;
    double budget, pooled, fines, overhead, content_input, value_w,
        value_w_prev, diversity;
    int64_t tick;
    int64_t low_value_streak, unfunded_streak;
    bool dissolved;
    int outcome, cause;

    /* ---- per-tick counters ---- */
    int64_t joins, exits, exclusions, violations_seen, sanctions;
    int64_t shocks, incidents, votes_held, votes_failed;

    /* ---- records ---- */
    size_t ticks_cap, ticks_recorded;
    double *series; /* NG_METRIC_COUNT x ticks_cap, metric-major */
    ng_event *events;
    size_t events_cap, n_events;
    int64_t events_dropped;
    /* running summary */
    int64_t peak_members, first_exit_tick;
    int64_t total_joins, total_exits, total_exclusions, total_sanctions;
    double cumulative_value, contribution_sum;
    int64_t contribution_ticks;
    int64_t total_shocks, total_incidents, total_votes, total_votes_failed;
    double fit_sum, mission_turn_total, process_total;
};

#endif
