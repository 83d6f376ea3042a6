/* The model kernel: the narrow context the phases and rules work through.
 *
 * Layering, bottom up:
 *   engine.h         the state (struct ng_model); read by everything below
 *                    the public API, written through this header's functions
 *                    wherever a write has to keep other state in step
 *   model/kernel.h   this file: membership, ties, events, sanctions and
 *                    violations, power, valuation and mission helpers
 *                    (kernel.c), geography (geography.c), votes (vote.c)
 *   model/build.h    building the pool and the network (population.c,
 *                    network.c), on top of the kernel
 *   phases/phases.h  the phases of a tick (sim/phases/), on top of the
 *                    kernel; rules (sim/rules/) are called by the phases
 *   model.c          allocation, the schedule and the accessors, the only
 *                    file that calls the phases
 *
 * Functions here keep the model's invariants: member[] and member_pos[]
 * agree, every join, exit, exclusion, sanction and vote is counted and
 * recorded as an event, ties stay symmetric and within k_max.  None of them
 * allocates.
 */
#ifndef NETGOV_MODEL_KERNEL_H
#define NETGOV_MODEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "engine.h"

/* ---- events and the end of the run ---- */
void ng__model_event(ng_model *m, int type, int reason, long partner,
                     double amount);
/* Ends the run with an outcome and cause, recording the event. */
void ng__end(ng_model *m, int outcome, int cause);

/* ---- membership ---- */
void ng__member_add(ng_model *m, size_t i, int reason);
/* Removes member i with state NG_EXITED or NG_EXCLUDED (no counters). */
void ng__member_remove(ng_model *m, size_t i, int new_state, int reason);
/* Member i leaves for low value, or is excluded for repeated violations:
 * removal plus the tick's and the run's counters (and the first exit). */
void ng__member_exit(ng_model *m, size_t i);
void ng__member_exclude(ng_model *m, size_t i);

/* ---- ties ---- */
/* Index of j among i's ties, or NG_NONE; the second form on the tie
 * arrays alone (a run view's too). */
size_t ng__tie_find(const ng_model *m, size_t i, size_t j);
size_t ng__tie_index(const size_t *nbr, const size_t *deg, size_t k_max,
                     size_t i, size_t j);
/* Adds an undirected tie with initial trust t both ways; false if either
 * end is full or the tie exists. */
bool ng__tie_add(ng_model *m, size_t i, size_t j, double t);
/* Number of i's ties to current members. */
size_t ng__tied_members(const ng_model *m, size_t i);

/* ---- power, valuation, mission, fit ---- */
/* Cosine similarity of two interest vectors, in [0,1]. */
double ng__cosine(const double *a, const double *b);
/* Recomputes power over current members (capacity relative to the members'
 * mean) and the members' mean capacity. */
void ng__power_update(ng_model *m);
/* Power a candidate would have among the current members. */
double ng__power_of(const ng_model *m, size_t i);
/* (c_i / mean member capacity)^epsilon: how a member's benefit scales with
 * its size (produce.c). */
double ng__size_factor(const ng_model *m, size_t i);
/* Sets the mission and recomputes every partner's alignment and
 * valuation (O(N)). */
void ng__mission_set(ng_model *m, const double *mission);
/* The mission scaled to sum 1 (the founders' mission is a weighted sum). */
void ng__mission_simplex(const ng_model *m, double *out);
/* u_i = w_soc(sector) g_i + w_econ(sector) e for partner i, with the given
 * alignment g_i; the update stores it for the current alignment. */
double ng__valuation_of(const ng_model *m, size_t i, double alignment);
void ng__valuation_update(ng_model *m, size_t i);
/* fit^(1 + stakes h) for a mission with fit `fit`, and the update of the
 * model's fit and fit factor from its mission and focus. */
double ng__fit_factor(const ng_model *m, double fit);
void ng__fit_update(ng_model *m);

/* ---- violations and sanctions: what a governance mode's monitor writes
 * (rules.h) ---- */
/* Whether member i's contribution this tick is a violation. */
bool ng__violates(const ng_model *m, size_t i);
/* Shortfall x_norm - x_i times quota: the base of fines and social costs. */
double ng__shortfall_amount(const ng_model *m, size_t i);
/* Expected sanction per unit of shortfall (governance x cost rule). */
double ng__deterrence(const ng_model *m, size_t i);
/* Records a detected violation of member i: its own count and the tick's.
 * Returns i's count of detected violations since it joined. */
int64_t ng__violation_record(ng_model *m, size_t i);
/* Records a sanction of `amount` on member i (payoff and event); the
 * amount is lost to the alliance (a warning, a social cost). */
void ng__sanction(ng_model *m, size_t i, int reason, double amount);
/* A fine on member i: a sanction whose amount enters the next tick's
 * pool. */
void ng__sanction_fine(ng_model *m, size_t i, double fine);
/* Marks member i for exclusion at this tick's exit phase. */
void ng__exclusion_mark(ng_model *m, size_t i);
/* The fines imposed since the last collection, for this tick's pool
 * (produce.c); the carry starts again from zero. */
double ng__fines_collect(ng_model *m);

/* ---- invariants ---- */
/* Whether the state is sound: every state variable finite and within its
 * range (trust, shares, commitment, beliefs in [0, 1], commitment of a
 * member at least its support, quotas within capacity, amounts
 * non-negative), every count non-negative, the member list, positions and
 * states in agreement, ties symmetric and within k_max.  If not, msg gets
 * the first broken one with the variable, the partner and the tick.  The
 * schedule checks this after every tick in builds without NDEBUG. */
bool ng__invariants_hold(const ng_model *m, char *msg, size_t size);

/* ---- geography.c ---- */
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

#endif
