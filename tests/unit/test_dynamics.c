/* Whole-model tests (sim/run/model.c and every phase together): what an
 * alliance does over many ticks, determinism of the output, and the
 * structure of a 100,000-partner pool.
 *
 * full_params() states every parameter the dynamics depend on, so tuning
 * the defaults does not change what these tests run.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "netgov/output.h"
#include "unit_helpers.h"

/* ---- helpers ---- */

/* Sector s's disposition shares (NG_DIM of them). */
static double *dispositions_of(ng_params *p, int s)
{
    double *disp[4] = {p->population_government_dispositions,
                       p->population_business_dispositions,
                       p->population_knowledge_dispositions,
                       p->population_civil_dispositions};
    return disp[s];
}

static void sector(ng_params *p, int s, int64_t count, double cap, double auth,
                   double support)
{
    int64_t *counts[4] = {
        &p->population_government_count, &p->population_business_count,
        &p->population_knowledge_count, &p->population_civil_count};
    double *caps[4] = {&p->population_government_capacity_median,
                       &p->population_business_capacity_median,
                       &p->population_knowledge_capacity_median,
                       &p->population_civil_capacity_median};
    double *spread[4] = {&p->population_government_capacity_spread,
                         &p->population_business_capacity_spread,
                         &p->population_knowledge_capacity_spread,
                         &p->population_civil_capacity_spread};
    double *auths[4] = {&p->population_government_authority_mean,
                        &p->population_business_authority_mean,
                        &p->population_knowledge_authority_mean,
                        &p->population_civil_authority_mean};
    double *supports[4] = {&p->population_government_support_mean,
                           &p->population_business_support_mean,
                           &p->population_knowledge_support_mean,
                           &p->population_civil_support_mean};
    double *interests[4] = {
        p->population_government_interests, p->population_business_interests,
        p->population_knowledge_interests, p->population_civil_interests};
    const double shares[4] = {0.50, 0.30, 0.14, 0.06};
    *counts[s] = count;
    *caps[s] = cap;
    *spread[s] = 0.6;
    *auths[s] = auth;
    *supports[s] = support;
    memcpy(dispositions_of(p, s), shares, sizeof shares);
    for (int k = 0; k < NG_DIM; k++) {
        interests[s][k] = k == s ? 4 : 1;
    }
}

static void set_dispositions(ng_params *p, const double shares[4])
{
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        memcpy(dispositions_of(p, s), shares, 4 * sizeof *shares);
    }
}

/* A generated pool of 40 with every parameter of the dynamics stated. */
static void full_params(ng_config *cfg)
{
    ng_config_init(cfg);
    ng_params *p = &cfg->p;
    p->run_ticks = 60;
    p->run_seed = 2385;
    p->output_max_events = 100000;
    p->population_founders = 5;
    p->population_authority_concentration = 10;
    sector(p, NG_SECTOR_GOVERNMENT, 10, 2.0, 0.6, 0.35);
    sector(p, NG_SECTOR_BUSINESS, 14, 1.5, 0.1, 0.2);
    sector(p, NG_SECTOR_KNOWLEDGE, 6, 1.0, 0.2, 0.3);
    sector(p, NG_SECTOR_CIVIL, 10, 0.5, 0.1, 0.3);
    p->network_mean_degree = 6;
    p->network_max_degree = 24;
    p->network_homophily = 0.6;
    p->network_tie_trust = 0.5;
    p->network_stranger_trust = 0.3;
    p->power_capacity_weight = 0.5;
    p->power_authority_weight = 0.5;
    unit_set_rules(p, "shared", "capacity");
    unit_param_set(p, "cost_sharing.lead_share", 0.5);
    p->alliance_ambition = 0.1;
    p->alliance_contribution_norm = 0.8;
    p->alliance_tolerance = 0.1;
    p->alliance_min_members = 2;
    p->alliance_min_value = 0;
    p->alliance_breakdown_window = 6;
    p->alliance_cooldown = 24;
    p->behaviour_slope_min = 0.6;
    p->behaviour_slope_max = 0.95;
    p->behaviour_trust_sensitivity = 0.3;
    p->behaviour_trust_weight = 0.6;
    p->behaviour_noise = 0.03;
    p->behaviour_free_rider_floor = 0;
    p->behaviour_free_riding_cutoff = 0.2;
    p->behaviour_belief_mean = 0.5;
    p->behaviour_belief_sd = 0.15;
    p->behaviour_initial_commitment = 0.6;
    p->behaviour_initial_system_trust = 0.5;
    p->production_productivity = 2.5;
    p->production_diversity_bonus = 0.5;
    p->production_complexity = 0.3;
    p->production_rivalry = 1;
    p->production_benefit_scale = 0.5;
    unit_param_set(p, "governance.shared.overhead_fixed", 0);
    unit_param_set(p, "governance.shared.overhead_member", 0.005);
    unit_param_set(p, "governance.shared.overhead_pair", 0.0015);
    unit_param_set(p, "governance.shared.competence", 0.3);
    unit_param_set(p, "governance.shared.monitoring", 0.3);
    unit_param_set(p, "governance.shared.sanction", 1);
    unit_param_set(p, "governance.shared.transparency", 0);
    unit_param_set(p, "governance.shared.veto", 0.5);
    p->learning_belief_rate = 0.3;
    p->learning_trust_gain = 0.05;
    p->learning_trust_loss = 0.15;
    p->learning_reciprocity_level = 0.5;
    p->learning_system_trust_rate = 0.1;
    p->learning_commitment_rate = 0.1;
    p->learning_meet_probability = 0.05;
    p->learning_control_crowding = 0.3;
    p->recruitment_invite_probability = 0.1;
    p->recruitment_entry_threshold = -0.2;
    p->recruitment_trust_bonus = 0.5;
    p->exit_value_smoothing = 0.3;
    p->exit_trust_weight = 1;
    p->exit_commitment_weight = 1;
    p->exit_threshold = -0.3;
    p->exit_patience = 6;
    p->exit_contagion = 0.05;
}

/* Builds the model of cfg and runs it to the end. */
static ng_model *run_model(const ng_config *cfg)
{
    ng_model *m = unit_model(cfg);
    unit_run(ng_model_run, m);
    return m;
}

/* Mean of a metric over ticks [from, to] (1-based) that were recorded. */
static double series_mean(const ng_model *m, int metric, size_t from, size_t to,
                          size_t *count)
{
    const double *s = ng_model_series(m, metric);
    size_t n = ng_model_ticks_recorded(m);
    double sum = 0;
    *count = 0;
    for (size_t t = from; t <= to && t <= n; t++) {
        sum += s[t - 1];
        (*count)++;
    }
    return *count ? sum / (double)*count : 0;
}

/* Reads a whole stream back into a malloc'd buffer. */
static char *slurp(FILE *f, size_t *len)
{
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    char *buf = malloc((size_t)size);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    *len = (size_t)size;
    return buf;
}

static char *output_of(const ng_config *cfg, size_t *len)
{
    ng_model *m = run_model(cfg);
    FILE *f = tmpfile();
    assert_non_null(f);
    ng_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ng_output_json(m, f, &err), 0);
    char *text = slurp(f, len);
    fclose(f);
    ng_model_free(m);
    return text;
}

/* ---- tests ---- */

static void test_dynamics_unconditional_cooperators_do_not_decay(void **state)
{
    (void)state;
    ng_config cfg;
    full_params(&cfg);
    const double all_unconditional[4] = {0, 0, 0, 1};
    set_dispositions(&cfg.p, all_unconditional);
    cfg.p.network_tie_trust = 1;
    cfg.p.network_stranger_trust = 1;
    cfg.p.behaviour_initial_system_trust = 1;
    cfg.p.behaviour_noise = 0.02;
    cfg.p.run_ticks = 60;
    ng_model *m = run_model(&cfg);
    ng_config_clear(&cfg);
    assert_false(ng_model_dissolved(m));
    assert_int_equal(ng_model_ticks_recorded(m), 60);
    const double *x = ng_model_series(m, NG_M_contribution);
    const double *exits = ng_model_series(m, NG_M_exits);
    const double *excl = ng_model_series(m, NG_M_exclusions);
    for (size_t t = 0; t < 60; t++) {
        if (!(x[t] >= 0.95)) {
            print_error("tick %zu: mean contribution %g\n", t + 1, x[t]);
            fail();
        }
        assert_near(exits[t], 0, 0);
        assert_near(excl[t], 0, 0);
    }
    ng_summary s;
    ng_model_summary(m, &s);
    assert_true(s.total_exits == 0 && s.first_exit_tick == -1);
    assert_true(s.final_members >= 5);
    ng_model_free(m);
}

static void
test_dynamics_free_riders_erode_unmonitored_cooperation(void **state)
{
    (void)state;
    const int seeds = 20;
    double early = 0, late = 0;
    for (int k = 0; k < seeds; k++) {
        ng_config cfg;
        full_params(&cfg);
        unit_param_set(&cfg.p, "governance.shared.monitoring", 0);
        /* Measure the decay, not survival: no breakdown before tick 20. */
        cfg.p.alliance_min_value = -1;
        cfg.p.alliance_min_members = 1;
        cfg.p.run_ticks = 20;
        cfg.p.run_seed = 1000 + 7 * k;
        ng_model *m = run_model(&cfg);
        ng_config_clear(&cfg);
        size_t n_early, n_late;
        early += series_mean(m, NG_M_contribution, 1, 3, &n_early);
        late += series_mean(m, NG_M_contribution, 15, 20, &n_late);
        assert_int_equal(n_early, 3);
        if (n_late == 0) {
            print_error("seed %d dissolved before tick 15\n", k);
            fail();
        }
        ng_model_free(m);
    }
    early /= seeds;
    late /= seeds;
    assert_less(late, early);
    /* Not noise: cooperation lost more than a tenth of its level. */
    assert_less(late, 0.9 * early);
}

/* The event list holds every event of a run unless output.max_events is
 * lower; what the cap leaves out is counted, never lost silently. */
static void test_dynamics_event_cap_counts_what_it_drops(void **state)
{
    (void)state;
    ng_config cfg;
    full_params(&cfg);
    ng_model *m = unit_model(&cfg);
    unit_run(ng_model_run, m);
    ng_summary all;
    ng_model_summary(m, &all);
    size_t events = ng_model_event_count(m);
    assert_int_equal(all.events_dropped, 0);
    assert_true(events > 10);
    ng_model_free(m);

    cfg.p.output_max_events = 7;
    m = unit_model_and_clear(&cfg);
    unit_run(ng_model_run, m);
    ng_summary capped;
    ng_model_summary(m, &capped);
    assert_int_equal(ng_model_event_count(m), 7);
    assert_int_equal(capped.events_dropped, (int64_t)(events - 7));
    ng_model_free(m);
}

static void test_dynamics_same_seed_gives_identical_output(void **state)
{
    (void)state;
    ng_config cfg;
    full_params(&cfg);
    cfg.p.run_ticks = 30;
    cfg.p.run_seed = 2385;
    size_t la, lb, lc;
    char *a = output_of(&cfg, &la);
    char *b = output_of(&cfg, &lb);
    cfg.p.run_seed = 2386;
    char *c = output_of(&cfg, &lc);
    ng_config_clear(&cfg);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    assert_true(la != lc || memcmp(a, c, la) != 0);
    assert_non_null(strstr(a, "\"seed\":2385"));
    assert_non_null(strstr(c, "\"seed\":2386"));
    free(a);
    free(b);
    free(c);
}

static void test_dynamics_hundred_thousand_pool_has_sound_ties(void **state)
{
    (void)state;
    ng_config cfg;
    full_params(&cfg);
    /* The default sector mix scaled by 2500: 100,000 partners. */
    unit_set_sector_counts(&cfg.p, 25000, 35000, 15000, 25000);
    cfg.p.run_ticks = 3;
    cfg.p.network_mean_degree = 6;
    cfg.p.network_max_degree = 24;
    assert_int_equal(ng_config_pool_size(&cfg), 100000);
    ng_model *m = run_model(&cfg);
    ng_config_clear(&cfg);
    assert_int_equal(ng_model_tick(m), 3);
    assert_int_equal(m->n, 100000);
    size_t ties = unit_assert_sound_ties(m, 24);
    /* About N k / 2 ties were drawn. */
    assert_near((double)ties, 300000, 3000);
    ng_model_free(m);
}

/* ---- invariants ---- */

/* Three founders, tied, quiet: a state every invariant holds in. */
static ng_model *sound_model(void)
{
    ng_config cfg;
    unit_config(&cfg);
    unit_v2_neutral(&cfg.p);
    unit_add_founders(&cfg, 3, NULL);
    ng_model *m = unit_model_and_clear(&cfg);
    char msg[256];
    assert_true(ng__invariants_hold(m, msg, sizeof msg));
    return m;
}

/* The invariant check names the variable, the partner and the tick of the
 * first broken invariant. */
static void assert_broken(ng_model *m, const char *want)
{
    char msg[256] = "";
    assert_false(ng__invariants_hold(m, msg, sizeof msg));
    assert_contains(msg, want);
}

static void test_dynamics_invariants_name_what_broke(void **state)
{
    (void)state;
    ng_model *m = sound_model();
    m->tick = 7;
    *unit_trust(m, 0, 1) = 1.5;
    assert_broken(m, "trust of partner 0 in partner 1 is 1.5 at tick 7");
    ng_model_free(m);

    m = sound_model();
    m->tick = 2;
    m->system_trust[2] = NAN;
    assert_broken(m, "system_trust of partner 2 is nan at tick 2");
    ng_model_free(m);

    m = sound_model();
    m->support[1] = 0.7;
    m->commitment[1] = 0.6; /* a member's commitment is at least support */
    assert_broken(m, "commitment of partner 1 is 0.59999999999999998");
    ng_model_free(m);

    m = sound_model();
    m->exits = -1;
    assert_broken(m, "exits is -1 at tick 0");
    ng_model_free(m);

    m = sound_model();
    m->quota[0] = m->capacity[0] * 2;
    assert_broken(m, "quota of partner 0");
    ng_model_free(m);

    m = sound_model();
    m->n_members = 2; /* partner member[2] is still marked a member */
    assert_broken(m, "membership state and member list disagree");
    ng_model_free(m);

    m = sound_model();
    size_t d = ng__tie_find(m, 1, 0);
    m->nbr[1 * m->k_max + d] = 2; /* 0 -> 1 has no reverse now */
    assert_broken(m, "a tie without its reverse");
    ng_model_free(m);
}

/* A lively run with every module on keeps every invariant at every tick. */
static void test_dynamics_invariants_hold_over_a_run(void **state)
{
    (void)state;
    ng_config cfg;
    unit_lively_config(&cfg);
    cfg.p.process_share = 0.3;
    cfg.p.information_sharing = 0.5;
    cfg.p.environment_drift = 0.2;
    cfg.p.environment_shock_rate = 0.1;
    ng_model *m = unit_model_and_clear(&cfg);
    char msg[256];
    while (!ng_model_dissolved(m) && ng_model_tick(m) < 60) {
        unit_run(ng_model_step, m);
        if (!ng__invariants_hold(m, msg, sizeof msg)) {
            print_error("%s\n", msg);
            fail();
        }
    }
    assert_true(ng_model_tick(m) > 10);
    ng_model_free(m);
}

/* Built without NDEBUG, a tick that leaves an invariant broken aborts with
 * its description; with NDEBUG the check is compiled out and the step
 * returns. */
static void test_dynamics_broken_invariant_aborts_in_debug(void **state)
{
    (void)state;
    ng_model *m = sound_model();
    *unit_trust(m, 0, 1) = 1.5; /* one tick of learning leaves it above 1 */
#ifdef NDEBUG
    ng_error err;
    assert_int_equal(ng_model_step(m, &err), 0);
    assert_true(*unit_trust(m, 0, 1) > 1);
#else
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        ng_error err;
        ng_model_step(m, &err);
        _exit(0);
    }
    close(fds[1]);
    char out[1024] = "";
    size_t used = 0;
    ssize_t got;
    while (used + 1 < sizeof out &&
           (got = read(fds[0], out + used, sizeof out - 1 - used)) > 0) {
        used += (size_t)got;
    }
    out[used] = '\0';
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
    assert_contains(out, "invariant broken: trust of partner 0 in partner 1");
    assert_contains(out, "at tick 1");
#endif
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dynamics_unconditional_cooperators_do_not_decay),
        cmocka_unit_test(
            test_dynamics_free_riders_erode_unmonitored_cooperation),
        cmocka_unit_test(test_dynamics_event_cap_counts_what_it_drops),
        cmocka_unit_test(test_dynamics_same_seed_gives_identical_output),
        cmocka_unit_test(test_dynamics_hundred_thousand_pool_has_sound_ties),
        cmocka_unit_test(test_dynamics_invariants_name_what_broke),
        cmocka_unit_test(test_dynamics_invariants_hold_over_a_run),
        cmocka_unit_test(test_dynamics_broken_invariant_aborts_in_debug),
    };
    return cmocka_run_group_tests_name("dynamics", tests, unit_group_setup,
                                       NULL);
}
