/* Unit tests of geography (sim/model/geography.c, MODEL.md 5): partner
 * locations in a square region of side geography.area (generated uniformly,
 * listed ones override), a tie between partners at distance d accepted with
 * probability exp(-d / tie_range), and each member pair's coordination cost
 * raised by (d / cost_distance)^2, summed over pairs in O(n) as
 *   G = sum_{i<j} |p_i - p_j|^2 / D^2 = (n sum |p_i|^2 - |sum p_i|^2) / D^2.
 * With geography.area = 0 nobody has a location and nothing draws.
 */
#include <gsl/gsl_rng.h>

#include "unit_helpers.h"

/* ---- helpers ---- */

/* unit_config with every v2 module neutral but geography, and a generated
 * pool of 4 x `per_sector` partners. */
static void geo_config(ng_config *cfg, double area, int64_t per_sector)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    unit_set_sector_counts(p, per_sector, per_sector, per_sector, per_sector);
    p->population_founders = 3;
    p->geography_area = area;
    p->geography_tie_range = 10;
    p->geography_cost_distance = 5;
}

static double dist(const ng_model *m, size_t i, size_t j)
{
    double dx = m->location[2 * i] - m->location[2 * j];
    double dy = m->location[2 * i + 1] - m->location[2 * j + 1];
    return sqrt(dx * dx + dy * dy);
}

/* The brute-force O(n^2) sum over member pairs of (d_ij / D)^2. */
static double brute_pair_distance(const ng_model *m, double d)
{
    double sum = 0;
    for (size_t a = 0; a < m->n_members; a++) {
        for (size_t b = a + 1; b < m->n_members; b++) {
            double r = dist(m, m->member[a], m->member[b]) / d;
            sum += r * r;
        }
    }
    return sum;
}

static void place(ng_model *m, size_t i, double x, double y)
{
    m->location[2 * i] = x;
    m->location[2 * i + 1] = y;
}

static void locate(ng_partner_spec *ps, double x, double y)
{
    ps->has_location = true;
    ps->location[0] = x;
    ps->location[1] = y;
}

static void admit_everybody(ng_model *m)
{
    for (size_t i = 0; i < m->n; i++) {
        if (m->state[i] != NG_MEMBER) {
            ng__member_add(m, i, NG_R_invited);
        }
    }
}

/* ---- locations ---- */

/* With geography.area = 0 nobody gets a location, the geography stream
 * never draws, ties are accepted without a draw, there is no pair-distance
 * cost, and the tie range and cost distance change nothing at all. */
static void test_geo_area_zero_changes_nothing(void **state)
{
    (void)state;
    ng_model *m[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        geo_config(&cfg, 0, 25);
        cfg.p.network_mean_degree = 6;
        cfg.p.geography_tie_range = k ? 1000 : 0.01;
        cfg.p.geography_cost_distance = k ? 1000 : 0.01;
        m[k] = unit_model_and_clear(&cfg);
        assert_false(ng__geography_on(m[k]));
        for (size_t i = 0; i < 2 * m[k]->n; i++) {
            assert_true(m[k]->location[i] == 0);
        }
        assert_true(unit_stream_untouched(m[k], NG_STREAM_GEOGRAPHY));
    }
    /* The same network either way. */
    assert_int_equal(m[0]->n, 100);
    assert_memory_equal(m[0]->deg, m[1]->deg, m[0]->n * sizeof *m[0]->deg);
    for (size_t i = 0; i < m[0]->n; i++) {
        assert_memory_equal(m[0]->nbr + i * m[0]->k_max,
                            m[1]->nbr + i * m[1]->k_max,
                            m[0]->deg[i] * sizeof *m[0]->nbr);
    }
    assert_true(unit_assert_sound_ties(m[0], 24) > 250);
    /* Acceptance is certain and takes no draw. */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937), *copy = gsl_rng_clone(r);
    for (int k = 0; k < 100; k++) {
        assert_true(ng__geography_accept(m[0], 0, 99, r));
    }
    assert_true(gsl_rng_get(r) == gsl_rng_get(copy));
    gsl_rng_free(r);
    gsl_rng_free(copy);
    admit_everybody(m[0]);
    assert_near(ng__geography_pair_distance(m[0]), 0, 0);
    ng_model_free(m[0]);
    ng_model_free(m[1]);
}

/* Generated locations are uniform over [0, area]^2: all inside, with mean
 * area / 2 per coordinate (sd area / sqrt(12 n)). */
static void test_geo_generated_locations_lie_in_the_region(void **state)
{
    (void)state;
    ng_config cfg;
    geo_config(&cfg, 37.5, 100);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_true(ng__geography_on(m));
    double mean[2] = {0, 0};
    for (size_t i = 0; i < m->n; i++) {
        for (int c = 0; c < 2; c++) {
            double v = m->location[2 * i + (size_t)c];
            assert_true(v >= 0 && v <= 37.5);
            mean[c] += v / (double)m->n;
        }
    }
    double sd = 37.5 / sqrt(12.0 * 400);
    assert_near(mean[0], 18.75, 4 * sd);
    assert_near(mean[1], 18.75, 4 * sd);
    assert_false(unit_stream_untouched(m, NG_STREAM_GEOGRAPHY));
    ng_model_free(m);
}

/* A listed location overrides the drawn one; every other partner keeps
 * exactly the location it would have had without the listing. */
static void test_geo_listed_locations_override(void **state)
{
    (void)state;
    ng_model *m[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        geo_config(&cfg, 40, 5);
        unit_add_founders(&cfg, 3, NULL);
        if (k) {
            locate(&cfg.partners[0], 3, 4);
            locate(&cfg.partners[2], 0, 40);
        }
        m[k] = unit_model_and_clear(&cfg);
    }
    assert_near(m[1]->location[0], 3, 0);
    assert_near(m[1]->location[1], 4, 0);
    assert_near(m[1]->location[4], 0, 0);
    assert_near(m[1]->location[5], 40, 0);
    assert_true(m[0]->location[0] != 3);
    for (size_t i = 0; i < m[0]->n; i++) {
        if (i == 0 || i == 2) {
            continue;
        }
        assert_near(m[1]->location[2 * i], m[0]->location[2 * i], 0);
        assert_near(m[1]->location[2 * i + 1], m[0]->location[2 * i + 1], 0);
    }
    ng_model_free(m[0]);
    ng_model_free(m[1]);
}

/* ---- coordination cost ---- */

/* The O(n) pair-distance sum equals the brute-force O(n^2) one.  By hand
 * for members at (0, 0), (3, 4), (6, 0) and D = 5: (25 + 36 + 25) / 25 =
 * 3.44.  Then for 60 generated locations, before and after members leave. */
static void test_geo_pair_distance_matches_brute_force(void **state)
{
    (void)state;
    ng_config cfg;
    geo_config(&cfg, 100, 0);
    unit_add_founders(&cfg, 3, NULL);
    locate(&cfg.partners[0], 0, 0);
    locate(&cfg.partners[1], 3, 4);
    locate(&cfg.partners[2], 6, 0);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_rel(ng__geography_pair_distance(m), 3.44, 1e-12);
    assert_rel(brute_pair_distance(m, 5), 3.44, 1e-12);
    ng__member_remove(m, 1, NG_EXITED, NG_R_low_value);
    assert_rel(ng__geography_pair_distance(m), 36.0 / 25, 1e-12);
    ng__member_remove(m, 2, NG_EXITED, NG_R_low_value);
    assert_near(ng__geography_pair_distance(m), 0, 0); /* one member */
    ng_model_free(m);

    geo_config(&cfg, 100, 15);
    cfg.p.geography_cost_distance = 13.7;
    m = unit_model_and_clear(&cfg);
    admit_everybody(m);
    assert_int_equal(m->n_members, 60);
    double fast = ng__geography_pair_distance(m);
    assert_rel(fast, brute_pair_distance(m, 13.7), 1e-10);
    assert_true(fast > 1000); /* 1770 pairs, mean d^2 ~ 3333 / 187.7 */
    for (size_t i = 0; i < 60; i += 9) {
        ng__member_remove(m, i, NG_EXITED, NG_R_low_value);
    }
    assert_int_equal(m->n_members, 53);
    assert_rel(ng__geography_pair_distance(m), brute_pair_distance(m, 13.7),
               1e-10);
    ng_model_free(m);
}

/* Overhead's pair term is o_pair [n(n-1)/2 + G]: spreading the members
 * raises it, co-locating them leaves the plain n(n-1)/2.  Three members of
 * capacity 2, o_pair 0.01, other coefficients 0:
 *   at (0,0), (3,4), (6,0):  O = 2 x 0.01 x (3 + 3.44)  = 0.1288
 *   twice as far apart:      O = 2 x 0.01 x (3 + 13.76) = 0.3352
 *   all at (5, 5):           O = 2 x 0.01 x 3           = 0.06 */
static void test_geo_overhead_pair_term_grows_with_spread(void **state)
{
    (void)state;
    const double scale[3] = {1, 2, 0};
    const double want[3] = {0.1288, 0.3352, 0.06};
    const double caps[3] = {2, 2, 2};
    for (int k = 0; k < 3; k++) {
        ng_config cfg;
        geo_config(&cfg, 100, 0);
        cfg.p.alliance_ambition = 0.1;
        unit_param_set(&cfg.p, "governance.shared.overhead_fixed", 0);
        unit_param_set(&cfg.p, "governance.shared.overhead_member", 0);
        unit_param_set(&cfg.p, "governance.shared.overhead_pair", 0.01);
        unit_add_founders(&cfg, 3, caps);
        const double xy[3][2] = {{0, 0}, {3, 4}, {6, 0}};
        for (size_t i = 0; i < 3; i++) {
            locate(&cfg.partners[i], k == 2 ? 5 : scale[k] * xy[i][0],
                   k == 2 ? 5 : scale[k] * xy[i][1]);
        }
        ng_model *m = unit_model_and_clear(&cfg);
        unit_run(ng__phase_quotas, m);
        unit_give(m, 1);
        unit_run(ng__phase_produce, m);
        assert_rel(m->overhead, want[k], 1e-12);
        assert_rel(m->content_input, 0.6 - want[k], 1e-12);
        ng_model_free(m);
    }
}

/* ---- ties ---- */

/* A tie at distance d is accepted with probability exp(-d / tie_range):
 * with range 10, 0.6065 at 5 km and 0.0067 at 50 km. */
static void test_geo_tie_acceptance_falls_with_distance(void **state)
{
    (void)state;
    ng_config cfg;
    geo_config(&cfg, 100, 0);
    unit_add_founders(&cfg, 3, NULL);
    locate(&cfg.partners[0], 10, 10);
    locate(&cfg.partners[1], 13, 14);
    locate(&cfg.partners[2], 40, 50);
    ng_model *m = unit_model_and_clear(&cfg);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2385);
    const int trials = 20000;
    int near_ = 0, far_ = 0;
    for (int k = 0; k < trials; k++) {
        near_ += ng__geography_accept(m, 0, 1, r);
        far_ += ng__geography_accept(m, 0, 2, r);
    }
    double p_near = exp(-0.5), p_far = exp(-5);
    assert_near((double)near_ / trials, p_near,
                4 * sqrt(p_near * (1 - p_near) / trials));
    assert_near((double)far_ / trials, p_far,
                4 * sqrt(p_far * (1 - p_far) / trials));
    gsl_rng_free(r);
    ng_model_free(m);
}

/* In the generated network, near pairs are far more often tied than
 * distant ones: with tie range 10 in a region of 100 km, pairs closer than
 * 15 km are tied at over 20 times the rate of pairs over 40 km apart, and
 * tied partners are on average much closer than random pairs (~52 km). */
static void test_geo_distant_pairs_get_fewer_ties(void **state)
{
    (void)state;
    ng_config cfg;
    geo_config(&cfg, 100, 100);
    cfg.p.network_mean_degree = 4;
    cfg.p.network_max_degree = 24;
    ng_model *m = unit_model_and_clear(&cfg);
    size_t ties = unit_assert_sound_ties(m, 24);
    assert_true(ties > 600); /* most of the 800 wanted were made */
    double pairs_near = 0, pairs_far = 0, tied_near = 0, tied_far = 0;
    double tied_dist = 0, all_dist = 0;
    for (size_t i = 0; i < m->n; i++) {
        for (size_t j = i + 1; j < m->n; j++) {
            double d = dist(m, i, j);
            bool tied = ng__tie_find(m, i, j) != NG_NONE;
            pairs_near += d < 15;
            pairs_far += d > 40;
            tied_near += tied && d < 15;
            tied_far += tied && d > 40;
            tied_dist += tied ? d : 0;
            all_dist += d;
        }
    }
    double n_pairs = (double)m->n * (double)(m->n - 1) / 2;
    assert_less(20 * (tied_far / pairs_far), tied_near / pairs_near);
    assert_less(tied_dist / (double)ties, 0.4 * all_dist / n_pairs);
    ng_model_free(m);
}

/* New ties from meetings obey the same rule: two clusters 141 km apart
 * (exp(-14.1) = 7e-7) meet only within their cluster, where distance 0
 * accepts every meeting. */
static void test_geo_meetings_stay_local(void **state)
{
    (void)state;
    ng_config cfg;
    geo_config(&cfg, 100, 25);
    cfg.p.network_mean_degree = 0;
    cfg.p.learning_meet_probability = 0.5;
    ng_model *m = unit_model_and_clear(&cfg);
    admit_everybody(m);
    for (size_t i = 0; i < m->n; i++) {
        place(m, i, i % 2 ? 100 : 0, i % 2 ? 100 : 0);
        m->x[i] = 0.7;
    }
    size_t made = 0;
    for (int round = 0; round < 10; round++) {
        unit_run(ng__phase_learn, m);
        for (size_t i = 0; i < m->n; i++) {
            for (size_t d = 0; d < m->deg[i]; d++) {
                assert_int_equal(m->nbr[i * m->k_max + d] % 2, i % 2);
            }
        }
        made += unit_assert_sound_ties(m, m->k_max);
        memset(m->deg, 0, m->n * sizeof *m->deg);
    }
    /* Half the meetings pick the other cluster and are refused; a pick
     * within the cluster is oneself with 1/100. */
    double trials = 10 * 100, p = 0.5 * 49.0 / 100;
    assert_near((double)made, trials * p, 4 * sqrt(trials * p * (1 - p)));
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geo_area_zero_changes_nothing),
        cmocka_unit_test(test_geo_generated_locations_lie_in_the_region),
        cmocka_unit_test(test_geo_listed_locations_override),
        cmocka_unit_test(test_geo_pair_distance_matches_brute_force),
        cmocka_unit_test(test_geo_overhead_pair_term_grows_with_spread),
        cmocka_unit_test(test_geo_tie_acceptance_falls_with_distance),
        cmocka_unit_test(test_geo_distant_pairs_get_fewer_ties),
        cmocka_unit_test(test_geo_meetings_stay_local),
    };
    return cmocka_run_group_tests_name("geography", tests, unit_group_setup,
                                       NULL);
}
