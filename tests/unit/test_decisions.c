/* Unit tests of the decision rules (sim/rules/decide.c, sim/model/vote.c,
 * MODEL.md 5, decision rules): how a tally decides under consensus,
 * majority and power-weighted majority; admission votes of the members who
 * know a candidate; the retry delay of a refused candidate; the system
 * trust the outvoted lose; the "governance" rule deferring to the mode; and
 * how votes are recorded.
 *
 * Votes are held directly through ng__vote and ng__vote_admission on small
 * alliances of listed founders, so every expected number follows by hand.
 */
#include <gsl/gsl_rng.h>

#include "unit_helpers.h"

/* ---- helpers ---- */

static gsl_rng *seeded_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 2385);
    return r;
}

/* unit_config with every v2 module neutral, the decision parameters
 * stated and n founders under governance `mode`. */
static void decide_config(ng_config *cfg, const char *mode, const char *rule,
                          size_t n)
{
    unit_config(cfg);
    ng_params *p = &cfg->p;
    unit_v2_neutral(p);
    unit_set_rules(p, mode, "capacity");
    unit_set_decision(p, rule);
    p->decision_objection = 0.8;
    p->decision_retry_delay = 5;
    p->decision_overruled_trust_loss = 0.07;
    unit_add_founders(cfg, n, NULL);
}

/* Five founders (0..4) and a candidate 5 that every founder knows, with
 * trust t both ways. */
static ng_model *admission_model(const char *rule, double t)
{
    ng_config cfg;
    decide_config(&cfg, "shared", rule, 5);
    const unit_spec cand = {
        "cand", NG_SECTOR_CIVIL,     false,       1.111, 0.2,
        0.2,    NG_DISP_CONDITIONAL, {1, 2, 3, 4}};
    unit_add_partners(&cfg, &cand, 1);
    ng_tie_spec ties[5];
    for (size_t k = 0; k < 5; k++) {
        ties[k] = (ng_tie_spec){k, 5, t};
    }
    unit_set_ties(&cfg, ties, 5);
    ng_model *m = unit_model_and_clear(&cfg);
    assert_int_equal(m->n_members, 5);
    assert_int_equal(ng__tied_members(m, 5), 5);
    assert_int_equal(m->state[5], NG_CANDIDATE);
    return m;
}

/* Votes cast by ng__vote: voter i's vote is yes[i]. */
static bool scripted(const ng_model *m, size_t i, const void *ctx)
{
    (void)m;
    return ((const bool *)ctx)[i];
}

static void set_system_trust(ng_model *m, const double *s)
{
    for (size_t i = 0; i < m->n_members; i++) {
        m->system_trust[i] = s[i];
    }
}

/* ---- the tally ---- */

/* Consensus needs every voter, majority more than half of the voters,
 * power-weighted majority more than half of the voters' power; the latter
 * two outvote the losers, consensus vetoes instead.  "governance" has no
 * tally of its own. */
static void test_decide_tally_rules(void **state)
{
    (void)state;
    const ng_decision_rule *c = ng_decision_rule_find("consensus"),
                           *maj = ng_decision_rule_find("majority"),
                           *pw = ng_decision_rule_find("power_weighted"),
                           *gov = ng_decision_rule_find("governance");
    const ng_tally all = {4, 4, 4.0, 4.0}, three = {4, 3, 4.0, 1.0},
                   half = {4, 2, 4.0, 2.0}, two_of_three = {3, 2, 3.0, 1.4},
                   rich_one = {3, 1, 3.0, 1.6}, just = {4, 2, 4.0, 2.000001};
    assert_true(c->passes(&all, NULL) && maj->passes(&all, NULL) &&
                pw->passes(&all, NULL));
    /* One no blocks consensus; 3 of 4 is a majority. */
    assert_false(c->passes(&three, NULL));
    assert_true(maj->passes(&three, NULL));
    assert_false(pw->passes(&three, NULL)); /* but only 1 of 4 in power */
    /* Exactly half is not more than half. */
    assert_false(maj->passes(&half, NULL));
    assert_false(pw->passes(&half, NULL));
    assert_true(pw->passes(&just, NULL));
    assert_true(maj->passes(&two_of_three, NULL));
    assert_false(pw->passes(&two_of_three, NULL)); /* 1.4 of 3 */
    /* A powerful minority decides a power-weighted vote. */
    assert_false(maj->passes(&rich_one, NULL));
    assert_true(pw->passes(&rich_one, NULL));
    /* Flags. */
    assert_false(c->outvotes);
    assert_true(c->veto);
    assert_true(maj->outvotes && pw->outvotes);
    assert_false(maj->veto || pw->veto);
    assert_null(gov->passes);
    assert_false(gov->outvotes);
    assert_true(pw->power_weighted);
    assert_false(c->power_weighted || maj->power_weighted);
    /* The modes' own rules: consensus of peers or of the lead alone, the
     * NAO's members by majority. */
    assert_string_equal(ng_governance_find("shared")->own_rule, "consensus");
    assert_string_equal(ng_governance_find("lead")->own_rule, "consensus");
    assert_string_equal(ng_governance_find("nao")->own_rule, "majority");
}

/* Every rule of the registry: found by its name at its index, and every
 * governance mode's own rule is a registered rule that tallies votes. */
static void test_decide_registry_contract(void **state)
{
    (void)state;
    for (size_t k = 0; k < ng_decision_rule_count(); k++) {
        const ng_decision_rule *r = ng_decision_rule_at(k);
        assert_ptr_equal(ng_decision_rule_find(r->rule.name), r);
        assert_int_equal(ng_family_find(NG_FAMILY_DECISION, r->rule.name),
                         (int)k);
        /* One "no" cannot both settle a vote and be outvoted. */
        assert_false(r->veto && r->outvotes);
    }
    assert_null(ng_decision_rule_at(ng_decision_rule_count()));
    for (size_t g = 0; g < ng_governance_count(); g++) {
        const ng_governance *mode = ng_governance_at(g);
        const ng_decision_rule *own = ng_decision_rule_find(mode->own_rule);
        assert_non_null(own);
        assert_non_null(own->passes);
    }
}

/* ---- admission ---- */

/* Each of the five members who know the candidate objects with
 * objection x (1 - trust) = 0.8 x 0.5 = 0.4: consensus admits with
 * 0.6^5 = 0.07776, majority with P(at least 3 of 5 yes) = 0.68256.  The
 * same random stream admits far fewer under consensus. */
static void test_decide_consensus_admits_fewer_than_majority(void **state)
{
    (void)state;
    const int trials = 20000;
    const char *rules[3] = {"consensus", "majority", "power_weighted"};
    const double expect[3] = {0.07776, 0.68256, 0.68256};
    int admitted[3];
    for (int k = 0; k < 3; k++) {
        ng_model *m = admission_model(rules[k], 0.5);
        gsl_rng *r = seeded_rng();
        admitted[k] = 0;
        for (int n = 0; n < trials; n++) {
            admitted[k] += ng__vote_admission(m, 5, r);
        }
        double p = expect[k];
        assert_near((double)admitted[k] / trials, p,
                    4 * sqrt(p * (1 - p) / trials));
        assert_true(m->total_votes == trials);
        assert_true(m->total_votes_failed == trials - admitted[k]);
        gsl_rng_free(r);
        ng_model_free(m);
    }
    assert_less(3.0 * admitted[0], (double)admitted[1]);
    /* Equal power: the power-weighted vote decides as the majority. */
    assert_int_equal(admitted[2], admitted[1]);
}

/* Over whole runs of a generated pool (same seeds), consensus admission
 * lets fewer partners join than majority admission. */
static void test_decide_consensus_grows_the_alliance_slower(void **state)
{
    (void)state;
    int64_t joins[2] = {0, 0}, votes[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        for (int64_t seed = 1; seed <= 5; seed++) {
            ng_config cfg;
            unit_lively_config(&cfg);
            cfg.p.run_seed = 100 + seed;
            unit_set_decision(&cfg.p, k ? "majority" : "consensus");
            cfg.p.decision_objection = 0.8;
            cfg.p.decision_retry_delay = 5;
            cfg.p.decision_overruled_trust_loss = 0.05;
            ng_model *m = unit_run_model(&cfg);
            ng_summary s;
            ng_model_summary(m, &s);
            joins[k] += s.total_joins;
            votes[k] += s.votes_held;
            ng_model_free(m);
        }
    }
    assert_true(votes[0] > 0 && votes[1] > 0);
    /* Not noise: consensus lets in well under 85% as many. */
    assert_less((double)joins[0], 0.85 * (double)joins[1]);
}

/* A refused candidate waits decision.retry_delay ticks before it can be
 * considered again: its cool-down ends at tick + retry_delay.  An
 * admitted one gets no cool-down. */
static void test_decide_failed_admission_sets_cooldown(void **state)
{
    (void)state;
    gsl_rng *r = seeded_rng();
    for (int k = 0; k < 2; k++) {
        ng_model *m = admission_model(k ? "majority" : "consensus", 0);
        m->cfg.p.decision_objection = 1; /* zero trust: everybody objects */
        m->tick = 7;
        assert_false(ng__vote_admission(m, 5, r));
        assert_true(m->cooldown_until[5] == 7 + 5);
        assert_int_equal(m->state[5], NG_CANDIDATE);
        ng_model_free(m);
    }
    ng_model *m = admission_model("majority", 1); /* full trust: no one */
    m->tick = 7;
    assert_true(ng__vote_admission(m, 5, r));
    assert_true(m->cooldown_until[5] == 0);
    ng_model_free(m);
    gsl_rng_free(r);
}

/* Through recruitment: every member invites the candidate every tick, the
 * vote fails, and the candidate comes up again only at ticks 1, 6, 11. */
static void
test_decide_refused_candidate_is_not_reconsidered_early(void **state)
{
    (void)state;
    ng_model *m = admission_model("consensus", 0);
    m->cfg.p.decision_objection = 1;
    m->cfg.p.recruitment_invite_probability = 1;
    m->cfg.p.recruitment_entry_threshold = -100; /* it always wants in */
    for (int64_t t = 1; t <= 12; t++) {
        m->tick = t;
        int64_t before = m->total_votes;
        unit_run(ng__phase_recruit, m);
        /* Five members invite, but after the first refusal the candidate
         * is cooling down: one vote per eligible tick. */
        bool eligible = t == 1 || t == 6 || t == 11;
        assert_true(m->total_votes - before == (eligible ? 1 : 0));
        assert_int_equal(m->state[5], NG_CANDIDATE);
        assert_true(m->cooldown_until[5] == (t < 6 ? 6 : (t < 11 ? 11 : 16)));
    }
    assert_int_equal(unit_count_events(m, NG_EV_vote_failed, NG_R_admission),
                     3);
    ng_model_free(m);

    /* Under the "governance" rule the mode admits: no vote is held. */
    m = admission_model("governance", 0);
    m->cfg.p.recruitment_invite_probability = 1;
    m->cfg.p.recruitment_entry_threshold = -100;
    unit_param_set(&m->cfg.p, "governance.shared.veto",
                   1); /* zero trust: vetoed */
    for (int64_t t = 1; t <= 5; t++) {
        m->tick = t;
        unit_run(ng__phase_recruit, m);
    }
    assert_true(m->total_votes == 0);
    assert_int_equal(m->state[5], NG_CANDIDATE);
    ng_model_free(m);
}

/* ---- outvoting ---- */

/* Majority: the losing side loses decision.overruled_trust_loss = 0.07 of
 * system trust (never below 0), the winners nothing.  Consensus outvotes
 * nobody: the same votes fail and every trust stays. */
static void test_decide_majority_outvotes_losers(void **state)
{
    (void)state;
    const bool yes[5] = {true, false, true, true, false};
    const double trust[5] = {0.6, 0.6, 0.45, 0.8, 0.03};
    ng_config cfg;
    decide_config(&cfg, "shared", "majority", 5);
    ng_model *m = unit_model_and_clear(&cfg);
    set_system_trust(m, trust);
    assert_true(ng__vote(m, NG_R_mission_change, scripted, yes));
    const double after[5] = {0.6, 0.53, 0.45, 0.8, 0};
    for (size_t i = 0; i < 5; i++) {
        assert_near(m->system_trust[i], after[i], 1e-15);
    }
    /* A failed majority vote outvotes its yes side. */
    const bool few[5] = {true, false, false, true, false};
    set_system_trust(m, trust);
    assert_false(ng__vote(m, NG_R_mission_change, scripted, few));
    const double after_few[5] = {0.53, 0.6, 0.45, 0.73, 0.03};
    for (size_t i = 0; i < 5; i++) {
        assert_near(m->system_trust[i], after_few[i], 1e-15);
    }
    ng_model_free(m);

    decide_config(&cfg, "shared", "consensus", 5);
    m = unit_model_and_clear(&cfg);
    set_system_trust(m, trust);
    assert_false(ng__vote(m, NG_R_mission_change, scripted, yes));
    for (size_t i = 0; i < 5; i++) {
        assert_near(m->system_trust[i], trust[i], 0);
    }
    const bool every[5] = {true, true, true, true, true};
    assert_true(ng__vote(m, NG_R_mission_change, scripted, every));
    ng_model_free(m);
}

/* Power-weighted majority: one member with power 3 outweighs four with
 * 0.5 each (3 > 5 / 2); the four are outvoted and the event's amount is
 * the yes share of power, 3 / 5.  Votes weigh power as it is now (capacity
 * relative to the members' mean, here the only term), so the capacities
 * are set and power recomputed. */
static void test_decide_power_weighted_follows_power(void **state)
{
    (void)state;
    ng_config cfg;
    decide_config(&cfg, "shared", "power_weighted", 5);
    cfg.p.power_capacity_weight = 1;
    cfg.p.power_authority_weight = 0;
    ng_model *m = unit_model_and_clear(&cfg);
    const double capacity[5] = {3, 0.5, 0.5, 0.5, 0.5};
    for (size_t i = 0; i < 5; i++) {
        m->capacity[i] = capacity[i];
        m->system_trust[i] = 0.5;
    }
    ng__power_update(m);
    assert_rel(m->power[0], 3.0, 1e-15);
    const bool yes[5] = {true, false, false, false, false};
    assert_true(ng__vote(m, NG_R_dissolution_vote, scripted, yes));
    assert_near(m->system_trust[0], 0.5, 0);
    for (size_t i = 1; i < 5; i++) {
        assert_near(m->system_trust[i], 0.43, 1e-15);
    }
    const ng_event *e = unit_last_event(m);
    assert_int_equal(e->type, NG_EV_vote_passed);
    assert_rel(e->amount, 0.6, 1e-15);
    /* The four together (2 of 5) do not carry it. */
    const bool four[5] = {false, true, true, true, true};
    assert_false(ng__vote(m, NG_R_dissolution_vote, scripted, four));
    assert_rel(unit_last_event(m)->amount, 0.4, 1e-15);
    ng_model_free(m);
}

/* A voter's power is its power now, not the value stored at the last record
 * step: a partner admitted this tick (stored power 0) still weighs in.
 * Member 4 leaves and rejoins with its stored power zeroed; alone it holds
 * 3 of the 5 units of power and carries the vote. */
static void test_decide_power_weighted_uses_current_power(void **state)
{
    (void)state;
    ng_config cfg;
    decide_config(&cfg, "shared", "power_weighted", 5);
    cfg.p.power_capacity_weight = 1;
    cfg.p.power_authority_weight = 0;
    ng_model *m = unit_model_and_clear(&cfg);
    const double capacity[5] = {0.5, 0.5, 0.5, 0.5, 3};
    for (size_t i = 0; i < 5; i++) {
        m->capacity[i] = capacity[i];
    }
    ng__power_update(m);
    ng__member_remove(m, 4, NG_EXITED, NG_R_low_value);
    ng__member_add(m, 4, NG_R_invited);
    m->power[4] = 0;
    const bool yes[5] = {false, false, false, false, true};
    assert_true(ng__vote(m, NG_R_dissolution_vote, scripted, yes));
    assert_rel(unit_last_event(m)->amount, 0.6, 1e-15);
    ng_model_free(m);
}

/* ---- the governance rule ---- */

/* Under decision.rule "governance" with a lead, only the lead votes: its
 * no blocks what all others want and its yes carries what all others
 * oppose; nobody is outvoted.  Under shared governance all vote by
 * consensus, under an NAO by majority (with outvoting). */
static void test_decide_governance_rule_defers_to_the_mode(void **state)
{
    (void)state;
    ng_config cfg;
    decide_config(&cfg, "lead", "governance", 5);
    cfg.partners[2].lead = true;
    ng_model *m = unit_model_and_clear(&cfg);
    assert_true(m->lead == 2);
    for (size_t i = 0; i < 5; i++) {
        m->system_trust[i] = 0.5;
    }
    const bool lead_no[5] = {true, true, false, true, true};
    assert_false(ng__vote(m, NG_R_mission_change, scripted, lead_no));
    assert_int_equal(unit_last_event(m)->type, NG_EV_vote_failed);
    assert_near(unit_last_event(m)->amount, 0, 0); /* 0 of 1 voter */
    const bool lead_yes[5] = {false, false, true, false, false};
    assert_true(ng__vote(m, NG_R_mission_change, scripted, lead_yes));
    assert_near(unit_last_event(m)->amount, 1, 0); /* 1 of 1 voter */
    for (size_t i = 0; i < 5; i++) {
        assert_near(m->system_trust[i], 0.5, 0);
    }
    ng_model_free(m);

    const bool three[5] = {true, true, false, true, false};
    decide_config(&cfg, "shared", "governance", 5);
    m = unit_model_and_clear(&cfg);
    assert_false(ng__vote(m, NG_R_mission_change, scripted, three));
    assert_rel(unit_last_event(m)->amount, 0.6, 1e-15); /* all five voted */
    ng_model_free(m);

    decide_config(&cfg, "nao", "governance", 5);
    m = unit_model_and_clear(&cfg);
    for (size_t i = 0; i < 5; i++) {
        m->system_trust[i] = 0.5;
    }
    assert_true(ng__vote(m, NG_R_mission_change, scripted, three));
    assert_near(m->system_trust[2], 0.43, 1e-15);
    assert_near(m->system_trust[4], 0.43, 1e-15);
    assert_near(m->system_trust[0], 0.5, 0);
    ng_model_free(m);
}

/* ---- records ---- */

/* Every vote is a vote_passed or vote_failed event with its topic as the
 * reason and the yes share as the amount (the candidate as the partner of
 * an admission vote); the tick's votes_held and votes_failed count them,
 * and so do the summary's totals. */
static void test_decide_votes_are_recorded(void **state)
{
    (void)state;
    ng_model *m = admission_model("majority", 1);
    m->tick = 1;
    size_t before = m->n_events;
    const bool three[5] = {true, true, false, true, false};
    const bool two[5] = {true, false, false, true, false};
    assert_true(ng__vote(m, NG_R_mission_change, scripted, three));
    assert_false(ng__vote(m, NG_R_dissolution_vote, scripted, two));
    gsl_rng *r = seeded_rng();
    assert_true(ng__vote_admission(m, 5, r)); /* full trust: 5 of 5 */
    gsl_rng_free(r);
    assert_int_equal(m->n_events, before + 3);
    const ng_event *e = &m->events[before];
    assert_int_equal(e[0].type, NG_EV_vote_passed);
    assert_int_equal(e[0].reason, NG_R_mission_change);
    assert_rel(e[0].amount, 0.6, 1e-15);
    assert_true(e[0].partner == -1);
    assert_int_equal(e[0].tick, 1);
    assert_int_equal(e[1].type, NG_EV_vote_failed);
    assert_int_equal(e[1].reason, NG_R_dissolution_vote);
    assert_rel(e[1].amount, 0.4, 1e-15);
    assert_int_equal(e[2].type, NG_EV_vote_passed);
    assert_int_equal(e[2].reason, NG_R_admission);
    assert_true(e[2].partner == 5);
    assert_near(e[2].amount, 1, 0);
    assert_string_equal(ng_event_type_name(NG_EV_vote_failed), "vote_failed");
    assert_string_equal(ng_reason_name(NG_R_admission), "admission");
    assert_true(m->votes_held == 3 && m->votes_failed == 1);
    unit_run(ng__phase_record, m);
    assert_near(unit_metric(m, NG_M_votes_held, 1), 3, 0);
    assert_near(unit_metric(m, NG_M_votes_failed, 1), 1, 0);
    ng_summary s;
    ng_model_summary(m, &s);
    assert_true(s.votes_held == 3 && s.votes_failed == 1);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decide_tally_rules),
        cmocka_unit_test(test_decide_registry_contract),
        cmocka_unit_test(test_decide_consensus_admits_fewer_than_majority),
        cmocka_unit_test(test_decide_consensus_grows_the_alliance_slower),
        cmocka_unit_test(test_decide_failed_admission_sets_cooldown),
        cmocka_unit_test(
            test_decide_refused_candidate_is_not_reconsidered_early),
        cmocka_unit_test(test_decide_majority_outvotes_losers),
        cmocka_unit_test(test_decide_power_weighted_follows_power),
        cmocka_unit_test(test_decide_power_weighted_uses_current_power),
        cmocka_unit_test(test_decide_governance_rule_defers_to_the_mode),
        cmocka_unit_test(test_decide_votes_are_recorded),
    };
    return cmocka_run_group_tests_name("decisions", tests, unit_group_setup,
                                       NULL);
}
