/* Internal view of ng_model, shared by the model, the phases and the rules.
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
    const ng_decision_rule *gov_decides; /* the mode's own rule (own_rule) */
    /* The chosen rules' parameter structs inside cfg.p (ng_rule_params). */
    const void *gov_params, *cost_params, *decide_params;
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

/* ---- model.c: membership and events ---- */
void ng__model_event(ng_model *m, int type, int reason, long partner,
                     double amount);
void ng__member_add(ng_model *m, size_t i, int reason);
/* Removes member i with state NG_EXITED or NG_EXCLUDED. */
void ng__member_remove(ng_model *m, size_t i, int new_state, int reason);
/* Index of j among i's ties, or NG_NONE. */
size_t ng__tie_find(const ng_model *m, size_t i, size_t j);
/* Adds an undirected tie with initial trust t both ways; false if either
 * end is full or the tie exists. */
bool ng__tie_add(ng_model *m, size_t i, size_t j, double t);
/* Cosine similarity of two interest vectors, in [0,1]. */
double ng__cosine(const double *a, const double *b);
/* Recomputes power over current members (capacity relative to the members'
 * mean) and the members' mean capacity. */
void ng__power_update(ng_model *m);
/* Expected sanction per unit of shortfall (governance x cost rule). */
double ng__deterrence(const ng_model *m, size_t i);

/* Sets the mission and recomputes every partner's alignment and
 * valuation (O(N)). */
void ng__mission_set(ng_model *m, const double *mission);
/* The mission scaled to sum 1 (the founders' mission is a weighted sum). */
void ng__mission_simplex(const ng_model *m, double *out);
/* u_i = w_soc(sector) g_i + w_econ(sector) e for partner i, with the given
 * alignment g_i; the update stores it for the current alignment. */
double ng__valuation_of(const ng_model *m, size_t i, double alignment);
void ng__valuation_update(ng_model *m, size_t i);

/* ---- population.c, network.c, geography.c ---- */
int ng__population_build(ng_model *m, ng_error *err);
void ng__network_build(ng_model *m);
bool ng__geography_on(const ng_model *m);
/* Generated locations, uniform over the region; listed ones override. */
void ng__geography_place(ng_model *m);
/* Whether a tie between i and j is accepted: always without geography,
 * else with probability exp(-d_ij / tie_range) (draws from r). */
bool ng__geography_accept(const ng_model *m, size_t i, size_t j, gsl_rng *r);
/* Sum over member pairs of (d_ij / cost_distance)^2, in O(n). */
double ng__geography_pair_distance(const ng_model *m);

/* ---- vote.c: decisions among members (MODEL.md 5) ---- */
/* Whether voter i supports the proposal. */
typedef bool (*ng_support_fn)(const ng_model *m, size_t i, const void *ctx);
/* Holds a vote of all members (of the lead alone under a lead with the
 * "governance" rule) on `topic` (an ng_reason), records it and outvotes
 * the losers.  Returns whether it passed. */
bool ng__vote(ng_model *m, int topic, ng_support_fn support, const void *ctx);
/* Admission vote of the members tied to candidate c under an explicit
 * decision rule; returns whether c is admitted. */
bool ng__vote_admission(ng_model *m, size_t c, gsl_rng *r);

/* ---- phases, in schedule order (MODEL.md section 3) ---- */
int ng__phase_environment(ng_model *m, ng_error *err);
int ng__phase_mission(ng_model *m, ng_error *err);
int ng__phase_recruit(ng_model *m, ng_error *err);
int ng__phase_quotas(ng_model *m, ng_error *err);
int ng__phase_contribute(ng_model *m, ng_error *err);
int ng__phase_produce(ng_model *m, ng_error *err);
int ng__phase_information(ng_model *m, ng_error *err);
int ng__phase_monitor(ng_model *m, ng_error *err);
int ng__phase_learn(ng_model *m, ng_error *err);
int ng__phase_exit(ng_model *m, ng_error *err);
int ng__phase_breakdown(ng_model *m, ng_error *err);
int ng__phase_evaluate(ng_model *m, ng_error *err);
int ng__phase_record(ng_model *m, ng_error *err);

/* ---- helpers shared by phases and rules ---- */
/* Whether member i's contribution this tick is a violation. */
bool ng__violates(const ng_model *m, size_t i);
/* Shortfall x_norm - x_i times quota: the base of fines and social costs. */
double ng__shortfall_amount(const ng_model *m, size_t i);
/* Records a sanction of `amount` on member i (payoff and event). */
void ng__sanction(ng_model *m, size_t i, int reason, double amount);
/* Number of i's ties to current members. */
size_t ng__tied_members(const ng_model *m, size_t i);
/* (c_i / mean member capacity)^epsilon: how a member's benefit scales with
 * its size (produce.c). */
double ng__size_factor(const ng_model *m, size_t i);
/* fit^(1 + stakes h) for a mission with fit `fit`, and the update of the
 * model's fit and fit factor from its mission and focus (environment.c). */
void ng__fit_update(ng_model *m);
double ng__fit_factor(const ng_model *m, double fit);
/* Ends the run with an outcome and cause, recording the event. */
void ng__end(ng_model *m, int outcome, int cause);
/* Power a candidate would have among the current members. */
double ng__power_of(const ng_model *m, size_t i);
/* The capacity split, shared by the capacity and voluntary rules. */
void ng__quota_by_capacity(ng_model *m, double budget);
double ng__estimate_by_capacity(const ng_model *m, size_t c);

#endif
