/* Step 12, recording (MODEL.md section 6): the tick's metrics into the
 * preallocated series, and the running summary. */
#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "model/kernel.h"
#include "phases/phases.h"

/* Gini of the members' payoffs, shifted so the smallest is zero. */
static double payoff_gini(ng_model *m)
{
    size_t n = m->n_members;
    if (n < 2) {
        return 0;
    }
    double *v = m->scratch_real;
    for (size_t idx = 0; idx < n; idx++) {
        v[idx] = m->payoff[m->member[idx]];
    }
    gsl_sort(v, 1, n);
    double lo = v[0], total = 0, weighted = 0;
    for (size_t k = 0; k < n; k++) {
        double y = v[k] - lo;
        total += y;
        weighted += (2.0 * (double)(k + 1) - (double)n - 1) * y;
    }
    return total > 0 ? weighted / ((double)n * total) : 0;
}

/* Mean over members of one per-partner array, through the scratch buffer. */
static double member_mean(ng_model *m, const double *field)
{
    size_t n = m->n_members;
    if (n == 0) {
        return 0;
    }
    for (size_t idx = 0; idx < n; idx++) {
        m->scratch_real[idx] = field[m->member[idx]];
    }
    return gsl_stats_mean(m->scratch_real, 1, n);
}

static double member_tie_trust(const ng_model *m)
{
    double sum = 0;
    size_t count = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        size_t i = m->member[idx];
        for (size_t d = 0; d < m->deg[i]; d++) {
            if (m->state[m->nbr[i * m->k_max + d]] == NG_MEMBER) {
                sum += m->trust[i * m->k_max + d];
                count++;
            }
        }
    }
    return count ? sum / (double)count : 0;
}

static double below_cutoff_share(const ng_model *m)
{
    size_t count = 0;
    for (size_t idx = 0; idx < m->n_members; idx++) {
        count += m->x[m->member[idx]] < m->p->behaviour_free_riding_cutoff;
    }
    return m->n_members ? (double)count / (double)m->n_members : 0;
}

static double power_herfindahl(const ng_model *m)
{
    double h = 0;
    if (m->sum_power <= 0) {
        return 0;
    }
    for (size_t idx = 0; idx < m->n_members; idx++) {
        double s = m->power[m->member[idx]] / m->sum_power;
        h += s * s;
    }
    return h;
}

int ng__phase_record(ng_model *m, ng_error *err)
{
    size_t t = m->ticks_recorded;
    double row[NG_METRIC_COUNT];
    double contribution = member_mean(m, m->x);
    ng__power_update(m);
    row[NG_M_members] = (double)m->n_members;
    row[NG_M_joins] = (double)m->joins;
    row[NG_M_exits] = (double)m->exits;
    row[NG_M_exclusions] = (double)m->exclusions;
    row[NG_M_contribution] = contribution;
    row[NG_M_free_riding] = below_cutoff_share(m);
    row[NG_M_budget] = m->budget;
    row[NG_M_pooled_input] = m->pooled;
    row[NG_M_overhead] = m->overhead;
    /* A pooled input so small (a denormal) that the ratio overflows counts
     * as none: the run would otherwise stop on a non-finite metric. */
    double ratio = m->pooled > 0 ? m->overhead / m->pooled : 1;
    row[NG_M_overhead_ratio] = isfinite(ratio) ? ratio : 1;
    row[NG_M_public_value] = m->value_w;
    row[NG_M_payoff_mean] = member_mean(m, m->payoff);
    row[NG_M_payoff_gini] = payoff_gini(m);
    row[NG_M_interpersonal_trust] = member_tie_trust(m);
    row[NG_M_system_trust] = member_mean(m, m->system_trust);
    row[NG_M_commitment] = member_mean(m, m->commitment);
    row[NG_M_value] = member_mean(m, m->value);
    row[NG_M_violations] = (double)m->violations_seen;
    row[NG_M_sanctions] = (double)m->sanctions;
    row[NG_M_power_concentration] = power_herfindahl(m);
    row[NG_M_alignment] = member_mean(m, m->alignment);
    row[NG_M_diversity] = m->diversity;
    row[NG_M_fit] = m->fit;
    row[NG_M_threat] = m->threat;
    row[NG_M_mission_change] = m->mission_turn;
    row[NG_M_process_spending] = m->process_spend;
    row[NG_M_incidents] = (double)m->incidents;
    row[NG_M_votes_held] = (double)m->votes_held;
    row[NG_M_votes_failed] = (double)m->votes_failed;
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        if (!isfinite(row[k])) {
            return ng_error_set(err, NG_ENONFINITE, ng_metric_name(k),
                                "metric is not finite at tick %lld",
                                (long long)m->tick);
        }
        m->series[(size_t)k * m->ticks_cap + t] = row[k];
    }
    m->ticks_recorded++;
    if (m->n_members > 0) {
        m->last_contribution = contribution;
        m->contribution_sum += contribution;
        m->contribution_ticks++;
    }
    if ((int64_t)m->n_members > m->peak_members) {
        m->peak_members = (int64_t)m->n_members;
    }
    m->cumulative_value += m->value_w;
    m->fit_sum += m->fit;
    return 0;
}
