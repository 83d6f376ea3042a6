/* Frames of a run for the viewer: per-tick partner and tie state, captured
 * by replaying the run (the engine is deterministic, so a config and a seed
 * give back every tick).
 *
 * A frame is the state at the end of a tick (tick 0: the founding state).
 * Long runs are thinned to at most max_frames frames: tick 0, every
 * stride-th tick and the last tick.  A frame keeps at most max_frame_ties
 * ties: when more have a member end, the strongest (highest trust; ties
 * of equal trust by ids), so a dense pool's page stays drawable.  The replay is
 * checked against the document's members and public value series and its
 * outcome, so a page never animates a run other than the one it names.  All
 * buffers are allocated before the model steps; capturing a frame never
 * allocates.
 */
#ifndef NETGOV_REPORT_FRAMES_H
#define NETGOV_REPORT_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include "netgov/config.h"
#include "netgov/error.h"

/* A tie with at least one member end, as the mean of the trust each end
 * has in the other; a < b. */
typedef struct ng_frame_tie {
    uint32_t a, b;
    float trust;
} ng_frame_tie;

typedef struct ng_frames {
    size_t n;            /* partners in the pool */
    size_t n_frames;     /* frames captured */
    int64_t *tick;       /* n_frames */
    uint8_t *state;      /* n_frames x n: enum ng_membership */
    float *x;            /* n_frames x n: contribution rate */
    float *system_trust; /* n_frames x n */
    size_t *tie_start;   /* n_frames + 1: frame k's ties are
                          * ties[tie_start[k] .. tie_start[k+1]) */
    size_t *tie_total;   /* n_frames: ties with a member end, kept or not */
    size_t tie_limit;    /* max_frame_ties */
    ng_frame_tie *ties;
    /* constant over the run */
    uint8_t *sector; /* n */
    float *capacity; /* n */
    double free_riding_cutoff;
} ng_frames;

/* What the replay must reproduce: the document's series for ticks
 * 1..lifetime and its summary. */
typedef struct ng_replay_expect {
    const double *members;
    const double *public_value;
    size_t lifetime;
    int outcome; /* ng_outcome */
    int cause;   /* ng_reason */
} ng_replay_expect;

/* Replays cfg (validated; its run.seed is the run's seed) for
 * want->lifetime ticks and fills out (zeroed here; free it with
 * ng__frames_free, also after a failure).  Returns 0; NG_EINVAL with
 * *diverged set to the first tick that differs from want; NG_ENOMEM; or
 * the engine's error. */
int ng__frames_replay(const ng_config *cfg, const ng_replay_expect *want,
                      size_t max_frames, size_t max_frame_ties, ng_frames *out,
                      int64_t *diverged, ng_error *err);
void ng__frames_free(ng_frames *f);

#endif
