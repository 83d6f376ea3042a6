/* A read-only view of a run: what the writers, the viewer and the
 * explanations read, without the model's internals.
 *
 * ng_model_view fills the view with const pointers into the model (valid
 * until the model steps again or is freed) and the summary of the run so
 * far.  Filling it costs one summary (a sort of the capacities of partners
 * that ever joined, in the model's scratch buffer) and never allocates.
 * The arrays the view exposes are listed once, in NG_RUN_ARRAYS; the model
 * holds them among its own (sim/engine.h), so the view's fields, the
 * model's fields and their allocation come from the same list.
 */
#ifndef NETGOV_RUN_VIEW_H
#define NETGOV_RUN_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netgov/config.h"
#include "netgov/model.h"
#include "netgov/record.h"

/* A partner's membership state (the view's state[]). */
enum ng_membership {
    NG_CANDIDATE, /* in the pool, not a member (or never joined) */
    NG_MEMBER,
    NG_EXITED,
    NG_EXCLUDED
};

/* "candidate", "member", "exited", "excluded" (OUTPUT.md, partners). */
const char *ng_membership_name(int state);

/* Arrays over the pool that a run view exposes: element type, name,
 * entries per partner (partner i's are name[i*per .. (i+1)*per)), meaning.
 * `per` may name k_max, the stride of the tie arrays. */
#define NG_RUN_ARRAYS(X)                                                       \
    /* ---- partners ---- */                                                   \
    X(uint8_t, sector, 1, "enum ng_sector")                                    \
    X(uint8_t, disposition, 1, "enum ng_disposition")                          \
    X(uint8_t, state, 1, "enum ng_membership")                                 \
    X(uint8_t, founder, 1, "a founding member")                                \
    X(uint8_t, ever_joined, 1, "was a member at some tick")                    \
    X(double, capacity, 1, "capacity c_i")                                     \
    X(double, authority, 1, "formal or legal authority a_i")                   \
    X(double, support, 1, "top-level support s_i, floor of commitment")        \
    X(double, interests, NG_DIM, "interests over the perspectives")            \
    X(double, power, 1, "power P_i among the members")                         \
    X(double, alignment, 1, "cos(interests, mission)")                         \
    X(double, valuation, 1, "u_i = w_soc g_i + w_econ e (MODEL.md 5)")         \
    X(double, location, 2, "km; only with geography")                          \
    X(double, commitment, 1, "commitment k_i")                                 \
    X(double, belief, 1, "expected contribution rate of the others")           \
    X(double, system_trust, 1, "system trust S_i in the governance")           \
    X(double, value, 1, "value V_i, the exit criterion")                       \
    X(double, asked_total, 1, "quotas asked over its membership")              \
    X(double, paid_total, 1, "payments made over its membership")              \
    X(double, benefit_total, 1, "benefits received over its membership")       \
    X(double, x, 1, "contribution rate x_i this tick")                         \
    X(int64_t, violations, 1, "violations detected since it joined")           \
    X(int64_t, state_tick, 1, "tick of its last change of state")              \
    /* ---- ties: fixed stride k_max, i's are the first deg[i] ---- */         \
    X(size_t, nbr, k_max, "neighbours")                                        \
    X(double, trust, k_max, "directed trust in each neighbour")                \
    X(size_t, deg, 1, "number of ties")                                        \
    /* ---- members ---- */                                                    \
    X(size_t, member, 1, "member[0..n_members): the members")

typedef struct ng_run_view {
    const ng_config *cfg; /* the resolved config the run used */
    size_t n;             /* partners in the pool */
    size_t k_max;         /* stride of the tie arrays */
    size_t n_members;
#define NG_RUN_VIEW_FIELD(type, name, per, meaning) const type *name;
    NG_RUN_ARRAYS(NG_RUN_VIEW_FIELD)
#undef NG_RUN_VIEW_FIELD
    size_t lead;    /* the lead organisation; SIZE_MAX when there is none */
    bool geography; /* partners have locations */
    int64_t tick;   /* ticks run so far */
    size_t ticks_recorded;
    const double *series[NG_METRIC_COUNT]; /* ticks_recorded values each */
    const ng_event *events;
    size_t n_events;
    ng_summary summary;
} ng_run_view;

/* Fills *out from m (see above). */
void ng_model_view(const ng_model *m, ng_run_view *out);

/* Partner i's name as the run document gives it: a listed partner's own
 * name, a generated one's "<sector>-<id>". */
#define NG_PARTNER_NAME_MAX (NG_NAME_MAX + 32)
void ng_run_partner_name(const ng_run_view *v, size_t i, char *buf,
                         size_t size);
/* Index of j among i's ties, or SIZE_MAX. */
size_t ng_run_tie_find(const ng_run_view *v, size_t i, size_t j);

#endif
