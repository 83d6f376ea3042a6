/* Unit tests of information sharing and data incidents
 * (sim/phases/information.c, sim/phases/produce.c, MODEL.md 5): sharing
 * raises the diversity bonus to delta + synergy x sharing; an incident
 * happens with probability incident_rate x sharing x (1 - privacy_tech),
 * multiplies every member's system trust by 1 - incident_trust_loss and
 * its co-members' trust in the source by 1 - source_trust_loss; privacy
 * technology costs privacy_cost x privacy_tech x mean capacity of overhead
 * per member; without sharing nothing happens and nothing draws.
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

/* unit_config with every v2 module neutral but information sharing, and
 * the production parameters stated. */
static void info_config(ng_config *cfg, double sharing, double privacy,
                        size_t founders, const double *caps)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, "shared", "capacity");
    p->information_sharing = sharing;
    p->information_privacy_tech = privacy;
    p->information_synergy = 0.5;
    p->information_privacy_cost = 0.05;
    p->information_incident_rate = 0.2;
    p->information_incident_trust_loss = 0.15;
    p->information_source_trust_loss = 0.5;
    p->alliance_ambition = 0.1;
    unit_param_set(p, "governance.shared.overhead_fixed", 0);
    unit_param_set(p, "governance.shared.overhead_member", 0);
    unit_param_set(p, "governance.shared.overhead_pair", 0);
    unit_param_set(p, "governance.shared.competence", 0.5);
    p->production_productivity = 2;
    p->production_diversity_bonus = 0.4;
    p->production_complexity = 0.3;
    unit_add_founders(cfg, founders, caps);
}

/* Incidents in `ticks` information phases. */
static int64_t incidents_in(ng_model *m, int64_t ticks)
{
    int64_t before = m->total_incidents;
    for (int64_t t = 1; t <= ticks; t++) {
        m->tick = t;
        unit_run(ng__phase_information, m);
    }
    return m->total_incidents - before;
}

/* ---- production ---- */

/* Sharing s raises the diversity bonus from delta to delta + synergy s.
 * Four founders of four sectors (D = 1) giving 0.9 of quotas summing to
 * 0.954 put in I = 0.8586; by hand
 *   W(s = 0)   = 2 x 0.8586 x (1 + 0.4) x 0.85 = 2.043468,
 *   W(s = 0.6) = 2 x 0.8586 x (1 + 0.4 + 0.5 x 0.6) x 0.85 = 2.481354.
 * The bonus scales with diversity: one sector (D = 0) gains nothing. */
static void test_info_sharing_raises_diversity_bonus(void **state)
{
    (void)state;
    double w[2][2];
    for (int same_sector = 0; same_sector < 2; same_sector++) {
        for (int k = 0; k < 2; k++) {
            ng_config cfg;
            info_config(&cfg, k ? 0.6 : 0, 0, 4, NULL);
            for (size_t i = 0; same_sector && i < 4; i++) {
                cfg.partners[i].sector = NG_SECTOR_GOVERNMENT;
            }
            ng_model *m = unit_model_and_clear(&cfg);
            unit_produce_giving(m, 0.9);
            assert_near(m->diversity, same_sector ? 0 : 1, 1e-15);
            w[same_sector][k] = m->value_w;
            ng_model_free(m);
        }
    }
    assert_rel(w[0][0], 2.043468, 1e-12);
    assert_rel(w[0][1], 2.481354, 1e-12);
    assert_rel(w[0][1] / w[0][0], 1.7 / 1.4, 1e-12);
    assert_rel(w[1][0], 2 * 0.8586 * 0.85, 1e-12);
    assert_near(w[1][1], w[1][0], 0);

    /* Two sectors of four: D = (1 - 1/2) / (3/4) = 2/3. */
    double w2[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        info_config(&cfg, k ? 1 : 0, 0, 2, NULL);
        ng_model *m = unit_model_and_clear(&cfg);
        unit_produce_giving(m, 0.9);
        assert_rel(m->diversity, 2.0 / 3, 1e-12);
        w2[k] = m->value_w;
        ng_model_free(m);
    }
    assert_rel(w2[1] / w2[0], (1 + 0.9 * 2 / 3) / (1 + 0.4 * 2 / 3), 1e-12);
}

/* Privacy technology costs privacy_cost x privacy_tech of mean capacity per
 * member per tick (produce.c: o_priv p n cbar).  With capacities 1.2, 2.4,
 * 3.6 (mean 2.4), overhead coefficients 0.1, 0.02, 0.005 and privacy_tech
 * 0.7, by hand
 *   O = 2.4 (0.1 + 0.02 x 3 + 0.005 x 3 + 0.05 x 0.7 x 3) = 0.672
 * against 0.42 without; the input loses the same 0.252.  Five members of
 * capacity 2.385 pay 0.05 x 0.7 x 5 x 2.385 = 0.417375 for it. */
static void test_info_privacy_tech_costs_overhead(void **state)
{
    (void)state;
    const double caps[3] = {1.2, 2.4, 3.6};
    ng_model *m[2];
    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        info_config(&cfg, 0.5, k ? 0.7 : 0, 3, caps);
        unit_param_set(&cfg.p, "governance.shared.overhead_fixed", 0.1);
        unit_param_set(&cfg.p, "governance.shared.overhead_member", 0.02);
        unit_param_set(&cfg.p, "governance.shared.overhead_pair", 0.005);
        m[k] = unit_model_and_clear(&cfg);
        unit_produce_giving(m[k], 1);
    }
    assert_rel(m[0]->overhead, 0.42, 1e-12);
    assert_rel(m[1]->overhead, 0.672, 1e-12);
    assert_rel(m[0]->content_input - m[1]->content_input, 0.252, 1e-9);
    ng_model_free(m[0]);
    ng_model_free(m[1]);

    for (int k = 0; k < 2; k++) {
        ng_config cfg;
        info_config(&cfg, 0.5, k ? 0.7 : 0, 5, NULL);
        m[k] = unit_model_and_clear(&cfg);
        unit_produce_giving(m[k], 1);
    }
    assert_near(m[0]->overhead, 0, 0);
    assert_rel(m[1]->overhead, 0.417375, 1e-12);
    ng_model_free(m[0]);
    ng_model_free(m[1]);
}

/* ---- incidents ---- */

/* An incident happens with incident_rate x sharing x (1 - privacy_tech):
 * 0.2 x 0.5 = 0.1 per tick without privacy technology, 0.04 with 0.6 of
 * it, never with full privacy technology. */
static void test_info_privacy_tech_lowers_incident_frequency(void **state)
{
    (void)state;
    const int64_t ticks = 20000;
    const double tech[3] = {0, 0.6, 1};
    const double p[3] = {0.1, 0.04, 0};
    int64_t count[3];
    for (int k = 0; k < 3; k++) {
        ng_config cfg;
        info_config(&cfg, 0.5, tech[k], 4, NULL);
        ng_model *m = unit_model_and_clear(&cfg);
        count[k] = incidents_in(m, ticks);
        double sd = sqrt((double)ticks * p[k] * (1 - p[k]));
        assert_near((double)count[k], (double)ticks * p[k], 4 * sd);
        ng_model_free(m);
    }
    assert_int_equal(count[2], 0);
    assert_less(2 * (double)count[1], (double)count[0]);
    /* The same holds over seeds: 40 runs of 50 ticks each. */
    int64_t by_seed[2] = {0, 0};
    for (int64_t seed = 1; seed <= 40; seed++) {
        for (int k = 0; k < 2; k++) {
            ng_config cfg;
            info_config(&cfg, 0.5, tech[k], 4, NULL);
            cfg.p.run_seed = seed;
            ng_model *m = unit_model_and_clear(&cfg);
            by_seed[k] += incidents_in(m, 50);
            ng_model_free(m);
        }
    }
    /* Expected 200 and 80 (sd 13.4 and 8.8). */
    assert_near((double)by_seed[0], 200, 4 * sqrt(2000 * 0.1 * 0.9));
    assert_near((double)by_seed[1], 80, 4 * sqrt(2000 * 0.04 * 0.96));
}

/* An incident is a trust shock: every member's system trust is multiplied
 * by 1 - 0.15, every co-member tied to the source trusts it half as much,
 * and nothing else changes (the source's own trust in others, ties away
 * from the source, non-members).  Six founders on a ring (max degree 2);
 * founder 5 has left, so it is tied to members but is none. */
static void test_info_incident_is_a_trust_shock(void **state)
{
    (void)state;
    ng_config cfg;
    info_config(&cfg, 1, 0, 6, NULL);
    cfg.p.information_incident_rate = 1; /* certain */
    cfg.p.network_max_degree = 2;
    cfg.p.run_ticks = 30;
    ng_model *m = unit_model_and_clear(&cfg);
    ng__member_remove(m, 5, NG_EXITED, NG_R_low_value);
    assert_int_equal(m->deg[0], 2);
    assert_true(ng__tie_find(m, 5, 0) != NG_NONE);
    size_t next_to_leaver = 0;
    for (int64_t t = 1; t <= 25; t++) {
        double trust[6 * 2], system[6];
        memcpy(trust, m->trust, sizeof trust);
        memcpy(system, m->system_trust, sizeof system);
        m->tick = t;
        unit_run(ng__phase_information, m);
        const ng_event *e = unit_last_event(m);
        assert_int_equal(e->type, NG_EV_incident);
        assert_int_equal(e->reason, NG_R_data_incident);
        assert_int_equal(e->tick, t);
        size_t src = (size_t)e->partner;
        assert_int_equal(m->state[src], NG_MEMBER);
        assert_true(m->incidents == t && m->total_incidents == t);
        for (size_t i = 0; i < 6; i++) {
            bool member = m->state[i] == NG_MEMBER;
            assert_near(m->system_trust[i], system[i] * (member ? 0.85 : 1),
                        1e-15);
            for (size_t d = 0; d < m->deg[i]; d++) {
                size_t j = m->nbr[i * 2 + d];
                bool hit = member && j == src;
                assert_near(m->trust[i * 2 + d],
                            trust[i * 2 + d] * (hit ? 0.5 : 1), 1e-15);
                next_to_leaver += i == 5 && j == src;
            }
        }
    }
    /* The leaver was tied to a source at least once and kept its trust. */
    assert_true(next_to_leaver > 0);
    /* Recorded: the incidents metric of the tick and the summary total. */
    unit_run(ng__phase_record, m);
    assert_near(unit_metric(m, NG_M_incidents, 1), 25, 0);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.incidents, 25);
    ng_model_free(m);
}

/* Without sharing there are no incidents, whatever the incident rate, and
 * the information stream never draws. */
static void test_info_no_sharing_no_incidents(void **state)
{
    (void)state;
    ng_config cfg;
    info_config(&cfg, 0, 0, 4, NULL);
    cfg.p.information_incident_rate = 1;
    cfg.p.information_incident_trust_loss = 1;
    ng_model *m = unit_model_and_clear(&cfg);
    double system[4];
    memcpy(system, m->system_trust, sizeof system);
    assert_int_equal(incidents_in(m, 1000), 0);
    assert_memory_equal(m->system_trust, system, sizeof system);
    assert_int_equal(unit_count_events(m, NG_EV_incident, -1), 0);
    assert_true(unit_stream_untouched(m, NG_STREAM_INFORMATION));
    ng_model_free(m);

    /* A whole run: no incident in the series or the summary. */
    info_config(&cfg, 0, 0, 4, NULL);
    cfg.p.information_incident_rate = 1;
    cfg.p.run_ticks = 40;
    m = unit_run_model(&cfg);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_int_equal(s.incidents, 0);
    for (size_t t = 1; t <= 40; t++) {
        assert_near(unit_metric(m, NG_M_incidents, t), 0, 0);
    }
    assert_true(unit_stream_untouched(m, NG_STREAM_INFORMATION));
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_sharing_raises_diversity_bonus),
        cmocka_unit_test(test_info_privacy_tech_costs_overhead),
        cmocka_unit_test(test_info_privacy_tech_lowers_incident_frequency),
        cmocka_unit_test(test_info_incident_is_a_trust_shock),
        cmocka_unit_test(test_info_no_sharing_no_incidents),
    };
    return cmocka_run_group_tests_name("information", tests, unit_group_setup,
                                       NULL);
}
