/* Votes among members (MODEL.md 5, decision rules).
 *
 * A vote tallies yes votes and their power, and the decision rule decides.
 * Under decision.rule "governance" the mode's own rule applies, and under a
 * lead the lead alone votes.  Rules that outvote (majority, power-weighted
 * majority) cost each member on the losing side
 * decision.overruled_trust_loss of system trust; consensus outvotes nobody
 * and instead makes a failed matter wait decision.retry_delay ticks (the
 * callers set that delay).  Every vote is an event whose amount is the yes
 * share (of power, under the power-weighted rule).
 */
#include <math.h>

#include "model/kernel.h"

static const ng_decision_rule *effective_rule(const ng_model *m,
                                              bool *lead_alone)
{
    *lead_alone = false;
    if (m->decide->passes) {
        return m->decide;
    }
    *lead_alone = m->lead != NG_NONE;
    return m->gov_decides;
}

/* The voters and their votes are kept in the scratch buffers
 * (scratch_idx, scratch_real) so the losing side can be found after the
 * tally. */
static void cast(ng_tally *t, ng_model *m, size_t i, bool yes)
{
    m->scratch_idx[t->voters] = i;
    m->scratch_real[t->voters] = yes;
    /* Power afresh: a member admitted earlier this tick has no stored
     * power until the record step. */
    double power = ng__power_of(m, i);
    t->voters++;
    t->power += power;
    if (yes) {
        t->yes++;
        t->yes_power += power;
    }
}

/* Decides the vote, records it and outvotes the losing side. */
static bool settle(ng_model *m, const ng_decision_rule *rule, const ng_tally *t,
                   int topic, long partner)
{
    /* The rule's own parameters: the chosen rule's, or the mode's own. */
    const void *block = rule == m->decide ? m->decide_params
                                          : ng_rule_params(m->p, &rule->rule);
    bool passed = rule->passes(t, block);
    double share = rule->power_weighted
                       ? (t->power > 0 ? t->yes_power / t->power : 0)
                       : (t->voters ? (double)t->yes / (double)t->voters : 0);
    m->votes_held++;
    m->total_votes++;
    if (!passed) {
        m->votes_failed++;
        m->total_votes_failed++;
    }
    ng__model_event(m, passed ? NG_EV_vote_passed : NG_EV_vote_failed, topic,
                    partner, share);
    if (rule->outvotes) {
        for (size_t v = 0; v < t->voters; v++) {
            if ((m->scratch_real[v] != 0) != passed) {
                size_t i = m->scratch_idx[v];
                m->system_trust[i] =
                    fmax(0, m->system_trust[i] -
                                m->p->decision_overruled_trust_loss);
            }
        }
    }
    return passed;
}

bool ng__vote(ng_model *m, int topic, ng_support_fn support, const void *ctx)
{
    bool lead_alone;
    const ng_decision_rule *rule = effective_rule(m, &lead_alone);
    ng_tally t = {0};
    if (lead_alone) {
        cast(&t, m, m->lead, support(m, m->lead, ctx));
    } else {
        for (size_t idx = 0; idx < m->n_members; idx++) {
            size_t i = m->member[idx];
            cast(&t, m, i, support(m, i, ctx));
        }
    }
    return settle(m, rule, &t, topic, -1);
}

bool ng__vote_admission(ng_model *m, size_t c, gsl_rng *r)
{
    const ng_decision_rule *rule = m->decide;
    ng_tally t = {0};
    /* The members who know the candidate vote; each objects with
     * probability objection (1 - its trust in the candidate). */
    for (size_t d = 0; d < m->deg[c]; d++) {
        size_t j = m->nbr[c * m->k_max + d];
        if (m->state[j] != NG_MEMBER) {
            continue;
        }
        size_t back = ng__tie_find(m, j, c);
        double trust = m->trust[j * m->k_max + back];
        bool yes = gsl_rng_uniform(r) >= m->p->decision_objection * (1 - trust);
        cast(&t, m, j, yes);
        if (!yes && rule->veto) {
            break; /* one no settles a consensus vote */
        }
    }
    if (t.voters == 0) {
        return true; /* nobody knows the candidate: nobody objects */
    }
    bool passed = settle(m, rule, &t, NG_R_admission, (long)c);
    if (!passed) {
        m->cooldown_until[c] = m->tick + m->p->decision_retry_delay;
    }
    return passed;
}
