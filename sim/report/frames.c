/* Frames of a run by replay (frames.h).
 *
 * Two replays of the same config: the first checks the run against the
 * document, captures the partners' state and counts the ties of every
 * frame; the second, identical because the engine is deterministic, fills
 * the ties into a buffer sized by the first.  So the buffers are exact and
 * nothing is allocated while the model steps.  A frame with more ties than
 * the limit is captured into a scratch buffer, sized by the first pass's
 * largest frame, and its strongest ties are kept.
 */
#include "report/frames.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "netgov/run_view.h"

/* ---- frame schedule ---- */

/* Frames are tick 0, every stride-th tick and the last tick; a stride of
 * ceil(L / (max - 2)) keeps them at most max. */
static size_t frame_stride(size_t lifetime, size_t max_frames)
{
    if (max_frames < 3 || lifetime + 1 <= max_frames) {
        return 1;
    }
    return (lifetime + max_frames - 3) / (max_frames - 2);
}

static bool is_frame(size_t t, size_t lifetime, size_t stride)
{
    return t % stride == 0 || t == lifetime;
}

static size_t frame_count(size_t lifetime, size_t stride)
{
    return lifetime / stride + 1 + (lifetime % stride != 0);
}

/* ---- the strongest ties of a frame ---- */

/* Stronger first; equal trust by ids, so the choice is deterministic. */
static bool stronger(const ng_frame_tie *x, const ng_frame_tie *y)
{
    if (x->trust != y->trust) {
        return x->trust > y->trust;
    }
    return x->a != y->a ? x->a < y->a : x->b < y->b;
}

static bool by_ids(const ng_frame_tie *x, const ng_frame_tie *y)
{
    return x->a != y->a ? x->a < y->a : x->b < y->b;
}

/* In-place heapsort into the order of before(), x before y when
 * before(x, y) (qsort may allocate, and a frame is
 * captured without allocating). */
static void sift(ng_frame_tie *t, size_t root, size_t n,
                 bool (*before)(const ng_frame_tie *, const ng_frame_tie *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) {
            return;
        }
        if (child + 1 < n && before(&t[child], &t[child + 1])) {
            child++;
        }
        if (!before(&t[root], &t[child])) {
            return;
        }
        ng_frame_tie swap = t[root];
        t[root] = t[child];
        t[child] = swap;
        root = child;
    }
}

static void heap_sort(ng_frame_tie *t, size_t n,
                      bool (*before)(const ng_frame_tie *,
                                     const ng_frame_tie *))
{
    for (size_t i = n / 2; i-- > 0;) {
        sift(t, i, n, before);
    }
    for (size_t end = n; end-- > 1;) {
        ng_frame_tie swap = t[0];
        t[0] = t[end];
        t[end] = swap;
        sift(t, 0, end, before);
    }
}

/* The limit strongest of all[0..n) into out, in id order. */
static void keep_strongest(ng_frame_tie *all, size_t n, size_t limit,
                           ng_frame_tie *out)
{
    heap_sort(all, n, stronger); /* strongest first */
    memcpy(out, all, limit * sizeof *out);
    heap_sort(out, limit, by_ids);
}

/* ---- capture ---- */

static bool has_member_end(const ng_run_view *v, size_t i, size_t j)
{
    return v->state[i] == NG_MEMBER || v->state[j] == NG_MEMBER;
}

/* Ties with a member end, each pair once; stored when ties is non-NULL. */
static size_t capture_ties(const ng_run_view *v, ng_frame_tie *ties)
{
    size_t count = 0;
    for (size_t i = 0; i < v->n; i++) {
        for (size_t s = 0; s < v->deg[i]; s++) {
            size_t j = v->nbr[i * v->k_max + s];
            if (j <= i || !has_member_end(v, i, j)) {
                continue;
            }
            if (ties) {
                size_t back = ng_run_tie_find(v, j, i);
                double t = v->trust[i * v->k_max + s];
                /* Ties are made both ways; the mean is what a pair
                 * "has" when only one line is drawn. */
                if (back != SIZE_MAX) {
                    t = 0.5 * (t + v->trust[j * v->k_max + back]);
                }
                ties[count] =
                    (ng_frame_tie){(uint32_t)i, (uint32_t)j, (float)t};
            }
            count++;
        }
    }
    return count;
}

static void capture_partners(const ng_run_view *v, ng_frames *f, size_t k)
{
    f->tick[k] = v->tick;
    for (size_t i = 0; i < v->n; i++) {
        f->state[k * f->n + i] = v->state[i];
        f->x[k * f->n + i] = (float)v->x[i];
        f->system_trust[k * f->n + i] = (float)v->system_trust[i];
    }
}

/* ---- checking against the document ---- */

static bool tick_matches(const ng_run_view *v, const ng_replay_expect *want,
                         size_t t)
{
    if (v->ticks_recorded != t) {
        return false;
    }
    return v->series[NG_M_members][t - 1] == want->members[t - 1] &&
           v->series[NG_M_public_value][t - 1] == want->public_value[t - 1];
}

static bool summary_matches(const ng_run_view *v, const ng_replay_expect *want)
{
    const ng_summary *s = &v->summary;
    return s->outcome == want->outcome && s->cause == want->cause &&
           s->lifetime == (int64_t)want->lifetime;
}

/* ---- replay ---- */

typedef struct replay_pass {
    const ng_replay_expect *want;
    size_t stride;
    ng_frames *f;
    bool fill_ties;        /* second pass: ties only */
    ng_frame_tie *scratch; /* second pass: a frame's ties before the limit */
    int64_t *diverged;
} replay_pass;

static void capture(const ng_run_view *v, const replay_pass *p, size_t k)
{
    ng_frames *f = p->f;
    if (p->fill_ties) {
        if (f->tie_total[k] <= f->tie_limit) {
            capture_ties(v, f->ties + f->tie_start[k]);
        } else {
            capture_ties(v, p->scratch);
            keep_strongest(p->scratch, f->tie_total[k], f->tie_limit,
                           f->ties + f->tie_start[k]);
        }
        return;
    }
    capture_partners(v, f, k);
    size_t total = capture_ties(v, NULL);
    f->tie_total[k] = total;
    f->tie_start[k + 1] =
        f->tie_start[k] + (total < f->tie_limit ? total : f->tie_limit);
}

/* Steps a model through the run, checking and capturing from its view. */
static int replay_steps(ng_model *m, const replay_pass *p, ng_error *err)
{
    ng_run_view v;
    ng_model_view(m, &v);
    size_t k = 0;
    capture(&v, p, k++);
    for (size_t t = 1; t <= p->want->lifetime; t++) {
        int rc = ng_model_step(m, err);
        if (rc != 0) {
            return rc;
        }
        ng_model_view(m, &v);
        if (!p->fill_ties && !tick_matches(&v, p->want, t)) {
            *p->diverged = (int64_t)t;
            return NG_EINVAL;
        }
        if (is_frame(t, p->want->lifetime, p->stride)) {
            capture(&v, p, k++);
        }
    }
    if (!p->fill_ties && !summary_matches(&v, p->want)) {
        *p->diverged = (int64_t)p->want->lifetime;
        return NG_EINVAL;
    }
    for (size_t i = 0; i < v.n && !p->fill_ties; i++) {
        p->f->sector[i] = v.sector[i];
        p->f->capacity[i] = (float)v.capacity[i];
    }
    return 0;
}

static int replay(const ng_config *cfg, const replay_pass *p, ng_error *err)
{
    ng_model *m = ng_model_alloc(cfg, err);
    if (!m) {
        return err ? err->code : NG_ENOMEM;
    }
    int rc = replay_steps(m, p, err);
    ng_model_free(m);
    return rc;
}

static int alloc_frames(ng_frames *f, size_t n, size_t n_frames)
{
    f->n = n;
    f->n_frames = n_frames;
    f->tick = calloc(n_frames, sizeof *f->tick);
    f->state = calloc(n_frames * n, sizeof *f->state);
    f->x = calloc(n_frames * n, sizeof *f->x);
    f->system_trust = calloc(n_frames * n, sizeof *f->system_trust);
    f->tie_start = calloc(n_frames + 1, sizeof *f->tie_start);
    f->tie_total = calloc(n_frames, sizeof *f->tie_total);
    f->sector = calloc(n, sizeof *f->sector);
    f->capacity = calloc(n, sizeof *f->capacity);
    bool ok = f->tick && f->state && f->x && f->system_trust && f->tie_start &&
              f->tie_total && f->sector && f->capacity;
    return ok ? 0 : NG_ENOMEM;
}

int ng__frames_replay(const ng_config *cfg, const ng_replay_expect *want,
                      size_t max_frames, size_t max_frame_ties, ng_frames *out,
                      int64_t *diverged, ng_error *err)
{
    memset(out, 0, sizeof *out);
    *diverged = -1;
    size_t stride = frame_stride(want->lifetime, max_frames);
    size_t n = ng_config_pool_size(cfg);
    if (alloc_frames(out, n, frame_count(want->lifetime, stride)) != 0) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    out->free_riding_cutoff = cfg->p.behaviour_free_riding_cutoff;
    out->tie_limit = max_frame_ties;
    replay_pass p = {want, stride, out, false, NULL, diverged};
    int rc = replay(cfg, &p, err);
    if (rc != 0) {
        return rc;
    }
    size_t total = out->tie_start[out->n_frames], most = 0;
    for (size_t k = 0; k < out->n_frames; k++) {
        most = out->tie_total[k] > most ? out->tie_total[k] : most;
    }
    out->ties = malloc((total ? total : 1) * sizeof *out->ties);
    if (most > max_frame_ties) {
        p.scratch = malloc(most * sizeof *p.scratch);
    }
    if (!out->ties || (most > max_frame_ties && !p.scratch)) {
        free(p.scratch);
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    p.fill_ties = true;
    rc = replay(cfg, &p, err);
    free(p.scratch);
    return rc;
}

void ng__frames_free(ng_frames *f)
{
    free(f->tick);
    free(f->state);
    free(f->x);
    free(f->system_trust);
    free(f->tie_start);
    free(f->tie_total);
    free(f->ties);
    free(f->sector);
    free(f->capacity);
    memset(f, 0, sizeof *f);
}
