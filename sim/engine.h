/* The state of a run (struct ng_model): the model's internal data, read by
 * the kernel, the phases and the rules (sim/model, sim/phases, sim/rules).
 * Nothing above them includes this file: writers and reports read a run
 * through the public run view (netgov/run_view.h).  The functions that
 * change this state while keeping it consistent are in model/kernel.h,
 * which includes this file.
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
#include "netgov/run_view.h"

/* No partner (the lead of a run view without one is SIZE_MAX too). */
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

/* The arrays sized by the pool are declared once: those a run view
 * exposes in NG_RUN_ARRAYS (netgov/run_view.h), the model's own here, each
 * with element type, name, entries per partner (partner i's are
 * name[i*per .. (i+1)*per)) and meaning.  The struct fields, ng_model_alloc,
 * ng_model_free and ng_model_view are generated from the two lists, so an
 * array cannot be added without being allocated and freed.  `per` may
 * name k_max, the tie stride. */
#define NG_MODEL_ARRAYS(X)                                                     \
    /* ---- partners ---- */                                                   \
    X(uint8_t, flagged, 1, "marked for exclusion by monitoring")               \
    X(uint8_t, fresh, 1, "joined since its last value update")                 \
    X(double, slope, 1, "matching slope of a conditional cooperator")          \
    X(double, eff_trust, 1, "effective trust: interpersonal and system")       \
    X(double, payoff_avg, 1, "EWMA of normalised payoff, inside V_i")          \
    X(double, quota, 1, "quota q_i this tick")                                 \
    X(double, paid, 1, "payment y_i this tick")                                \
    X(double, benefit, 1, "benefit this tick")                                 \
    X(double, payoff, 1, "payoff this tick")                                   \
    X(double, sanction, 1, "sanctions this tick")                              \
    X(int64_t, patience, 1, "consecutive ticks of value below the threshold")  \
    X(int64_t, cooldown_until, 1, "first tick it may be invited again")        \
    /* ---- members ---- */                                                    \
    X(size_t, member_pos, 1, "index in member[], NG_NONE if none")             \
    /* ---- scratch: no allocation while stepping ---- */                      \
    X(size_t, scratch_idx, 1, "scratch")                                       \
    X(double, scratch_real, 1, "scratch")

/* Both lists at once. */
#define NG_POOL_ARRAYS(X) NG_RUN_ARRAYS(X) NG_MODEL_ARRAYS(X)

struct ng_model {
    ng_config cfg;
    const ng_params *p; /* = &cfg.p */
    const ng_governance *gov;
    const ng_cost_rule *cost;
    const ng_decision_rule *decide;
    const ng_decision_rule *gov_decides; /* the mode's own rule (own_rule) */
    /* The chosen rules' parameter structs inside cfg.p (ng_rule_params). */
    const void *gov_params, *cost_params, *decide_params;
    ng_gov_coeffs gc;
    gsl_rng *rng[NG_STREAM_COUNT];

    /* ---- the pool: n partners, k_max ties each ---- */
    size_t n, k_max, n_members;
#define NG_MODEL_FIELD(type, name, per, meaning) type *name;
    NG_POOL_ARRAYS(NG_MODEL_FIELD)
#undef NG_MODEL_FIELD

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
    /* Fines imposed by monitoring, for the pool of the next tick: written
     * and emptied only by the kernel (ng__sanction_fine, ng__fines_collect). */
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
