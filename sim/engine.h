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
    ng_gov_coeffs gc;
    gsl_rng *rng[NG_STREAM_COUNT];

    /* ---- partners (pool of n) ---- */
    size_t n;
    uint8_t *sector, *disposition, *state, *founder;
    double *capacity, *authority, *support,
        *interests; /* interests: n*NG_DIM */
    double *slope, *power, *alignment;
    double *commitment, *belief, *system_trust, *eff_trust;
    double *value, *payoff_avg;
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

    /* ---- alliance ---- */
    double mission[NG_DIM];
    size_t lead; /* NG_NONE unless lead governance */
    /* Sums over members, refreshed by ng__power_update. */
    double mean_capacity, sum_capacity, sum_power;
    double sum_benefit_weight; /* sum of g_i s_i: shares of benefit */
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

/* ---- population.c, network.c ---- */
int ng__population_build(ng_model *m, ng_error *err);
void ng__network_build(ng_model *m);

/* ---- phases, in schedule order (MODEL.md section 3) ---- */
int ng__phase_recruit(ng_model *m, ng_error *err);
int ng__phase_quotas(ng_model *m, ng_error *err);
int ng__phase_contribute(ng_model *m, ng_error *err);
int ng__phase_produce(ng_model *m, ng_error *err);
int ng__phase_monitor(ng_model *m, ng_error *err);
int ng__phase_learn(ng_model *m, ng_error *err);
int ng__phase_exit(ng_model *m, ng_error *err);
int ng__phase_breakdown(ng_model *m, ng_error *err);
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
/* Power a candidate would have among the current members. */
double ng__power_of(const ng_model *m, size_t i);
/* The capacity split, shared by the capacity and voluntary rules. */
void ng__quota_by_capacity(ng_model *m, double budget);
double ng__estimate_by_capacity(const ng_model *m, size_t c);

#endif
