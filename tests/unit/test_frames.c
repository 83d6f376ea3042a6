/* Unit tests of the viewer's replay (sim/report/frames.c): the frames are
 * the states of the run the document names, thinned as promised, and a
 * document that differs from the replay is caught at the right tick. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/kernel.h"
#include "report/frames.h"
#include "unit_helpers.h"

/* The default scenario with its generated pool, run to its end: the
 * reference a replay must reproduce. */
typedef struct reference {
    ng_config cfg;
    ng_model *m;
    size_t lifetime;
    double members[512], public_value[512];
} reference;

static void reference_run(reference *r, int64_t ticks)
{
    memset(r, 0, sizeof *r);
    ng_config_init(&r->cfg);
    r->cfg.p.run_ticks = ticks;
    r->cfg.p.run_seed = 7;
    r->m = unit_model(&r->cfg);
    assert_int_equal(ng_model_run(r->m, NULL), 0);
    r->lifetime = ng_model_ticks_recorded(r->m);
    assert_true(r->lifetime <= 512);
    memcpy(r->members, ng_model_series(r->m, NG_M_members),
           r->lifetime * sizeof(double));
    memcpy(r->public_value, ng_model_series(r->m, NG_M_public_value),
           r->lifetime * sizeof(double));
}

static ng_replay_expect expect_of(const reference *r)
{
    ng_summary s;
    ng_model_summary(r->m, &s);
    return (ng_replay_expect){r->members, r->public_value, r->lifetime,
                              s.outcome, s.cause};
}

static void reference_free(reference *r)
{
    ng_model_free(r->m);
    ng_config_clear(&r->cfg);
}

static void test_replay_ends_in_the_state_of_the_run(void **state)
{
    (void)state;
    reference r;
    reference_run(&r, 60);
    ng_replay_expect want = expect_of(&r);
    ng_frames f;
    int64_t diverged = -1;
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 1000, 100000, &f, &diverged, NULL), 0);
    /* Tick 0 (the founding) and every tick of the run. */
    assert_int_equal(f.n_frames, r.lifetime + 1);
    assert_int_equal(f.tick[0], 0);
    assert_int_equal(f.tick[f.n_frames - 1], (int64_t)r.lifetime);
    const uint8_t *last = f.state + (f.n_frames - 1) * f.n;
    size_t members = 0;
    for (size_t i = 0; i < f.n; i++) {
        assert_int_equal(last[i], r.m->state[i]);
        members += last[i] == NG_MEMBER;
    }
    assert_int_equal(members, r.m->n_members);
    ng__frames_free(&f);
    reference_free(&r);
}

static void test_long_runs_are_thinned_keeping_both_ends(void **state)
{
    (void)state;
    reference r;
    reference_run(&r, 120);
    ng_replay_expect want = expect_of(&r);
    ng_frames f;
    int64_t diverged = -1;
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 10, 100000, &f, &diverged, NULL), 0);
    assert_true(f.n_frames <= 10 && f.n_frames >= 3);
    assert_int_equal(f.tick[0], 0);
    assert_int_equal(f.tick[f.n_frames - 1], (int64_t)r.lifetime);
    for (size_t k = 1; k < f.n_frames; k++) {
        assert_true(f.tick[k] > f.tick[k - 1]);
    }
    ng__frames_free(&f);
    reference_free(&r);
}

/* A frame with more ties than the limit keeps the strongest, in id order;
 * one within the limit keeps them all.  Without the limit a dense pool's
 * page held every tie of every frame (238 MB for 1,990 partners). */
static void test_frames_keep_the_strongest_ties_up_to_the_limit(void **state)
{
    (void)state;
    reference r;
    reference_run(&r, 40);
    ng_replay_expect want = expect_of(&r);
    ng_frames all, few;
    int64_t diverged = -1;
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 1000, 100000, &all, &diverged, NULL),
        0);
    const size_t limit = 10;
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 1000, limit, &few, &diverged, NULL),
        0);
    assert_int_equal(all.n_frames, few.n_frames);
    size_t cut = 0;
    for (size_t k = 0; k < all.n_frames; k++) {
        size_t total = all.tie_start[k + 1] - all.tie_start[k];
        size_t kept = few.tie_start[k + 1] - few.tie_start[k];
        assert_int_equal(few.tie_total[k], total);
        assert_int_equal(kept, total < limit ? total : limit);
        cut += total > limit;
        /* The weakest kept tie is at least as strong as every tie left
         * out: count the ties of the full frame stronger than it. */
        float weakest = 2;
        for (size_t t = few.tie_start[k]; t < few.tie_start[k + 1]; t++) {
            const ng_frame_tie *x = &few.ties[t];
            weakest = x->trust < weakest ? x->trust : weakest;
            if (t > few.tie_start[k]) {
                const ng_frame_tie *p = x - 1;
                assert_true(p->a < x->a || (p->a == x->a && p->b < x->b));
            }
        }
        size_t stronger = 0;
        for (size_t t = all.tie_start[k]; t < all.tie_start[k + 1]; t++) {
            stronger += all.ties[t].trust > weakest;
        }
        assert_true(stronger <= kept);
    }
    assert_true(cut > 0); /* the limit was reached in some frame */
    ng__frames_free(&all);
    ng__frames_free(&few);
    reference_free(&r);
}

static void test_ties_touch_a_member_and_carry_trust(void **state)
{
    (void)state;
    reference r;
    reference_run(&r, 40);
    ng_replay_expect want = expect_of(&r);
    ng_frames f;
    int64_t diverged = -1;
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 1000, 100000, &f, &diverged, NULL), 0);
    size_t k = f.n_frames - 1;
    const uint8_t *st = f.state + k * f.n;
    assert_true(f.tie_start[k + 1] > f.tie_start[k]);
    for (size_t t = f.tie_start[k]; t < f.tie_start[k + 1]; t++) {
        const ng_frame_tie *tie = &f.ties[t];
        assert_true(tie->a < tie->b && tie->b < f.n);
        assert_true(st[tie->a] == NG_MEMBER || st[tie->b] == NG_MEMBER);
        assert_true(tie->trust >= 0 && tie->trust <= 1);
    }
    ng__frames_free(&f);
    reference_free(&r);
}

static void test_an_edited_document_is_caught_at_its_tick(void **state)
{
    (void)state;
    reference r;
    reference_run(&r, 40);
    r.members[9] += 1; /* tick 10 */
    ng_replay_expect want = expect_of(&r);
    ng_frames f;
    int64_t diverged = -1;
    ng_error err = {0};
    assert_int_equal(
        ng__frames_replay(&r.cfg, &want, 1000, 100000, &f, &diverged, &err),
        NG_EINVAL);
    assert_int_equal(diverged, 10);
    ng__frames_free(&f);
    reference_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay_ends_in_the_state_of_the_run),
        cmocka_unit_test(test_long_runs_are_thinned_keeping_both_ends),
        cmocka_unit_test(test_ties_touch_a_member_and_carry_trust),
        cmocka_unit_test(test_frames_keep_the_strongest_ties_up_to_the_limit),
        cmocka_unit_test(test_an_edited_document_is_caught_at_its_tick),
    };
    return cmocka_run_group_tests(tests, unit_group_setup, NULL);
}
