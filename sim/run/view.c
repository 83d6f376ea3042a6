/* Reading a run: its summary and the public run view (run_view.h).
 *
 * Above the kernel like the schedule: nothing here changes the state but
 * the scratch buffer the summary sorts in, so reading never allocates.
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "model/kernel.h"

/* ---- small partners: one definition (record.h) ---- */

double ng_small_partner_threshold(double *caps, size_t n)
{
    if (n == 0) {
        return 0;
    }
    gsl_sort(caps, 1, n);
    return caps[n / 2];
}

bool ng_small_partner(bool ever_joined, double capacity, double threshold)
{
    return ever_joined && capacity < threshold;
}

/* Counts the small partners and those of them who have left.  Sorts in the
 * model's scratch buffer, so summarising never allocates. */
static void small_partners(const ng_model *m, ng_summary *s)
{
    size_t joined = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (m->ever_joined[i]) {
            m->scratch_real[joined++] = m->capacity[i];
        }
    }
    double threshold = ng_small_partner_threshold(m->scratch_real, joined);
    for (size_t i = 0; i < m->n; i++) {
        if (ng_small_partner(m->ever_joined[i], m->capacity[i], threshold)) {
            s->small_partners++;
            s->small_partners_left +=
                m->state[i] == NG_EXITED || m->state[i] == NG_EXCLUDED;
        }
    }
}

void ng_model_summary(const ng_model *m, ng_summary *s)
{
    memset(s, 0, sizeof *s);
    s->outcome = m->dissolved ? m->outcome : NG_OUTCOME_SURVIVED;
    s->cause = m->dissolved ? m->cause : NG_R_none;
    s->lifetime = m->tick;
    s->peak_members = m->peak_members;
    s->final_members = (int64_t)m->n_members;
    s->cumulative_value = m->cumulative_value;
    s->mean_contribution =
        m->contribution_ticks
            ? m->contribution_sum / (double)m->contribution_ticks
            : 0;
    s->first_exit_tick = m->first_exit_tick;
    size_t joined = 0;
    for (size_t i = 0; i < m->n; i++) {
        joined += m->ever_joined[i];
    }
    s->share_ever_joined = m->n ? (double)joined / (double)m->n : 0;
    if (m->ticks_recorded) {
        size_t t = m->ticks_recorded - 1;
        s->final_interpersonal_trust =
            ng_model_series(m, NG_M_interpersonal_trust)[t];
        s->final_system_trust = ng_model_series(m, NG_M_system_trust)[t];
        s->final_fit = ng_model_series(m, NG_M_fit)[t];
        s->mean_fit = m->fit_sum / (double)m->ticks_recorded;
    }
    s->mission_turn = m->mission_turn_total;
    s->shocks = m->total_shocks;
    s->incidents = m->total_incidents;
    s->votes_held = m->total_votes;
    s->votes_failed = m->total_votes_failed;
    s->process_spending = m->process_total;
    ng__mission_simplex(m, s->final_mission);
    memcpy(s->final_focus, m->focus, sizeof s->final_focus);
    s->total_joins = m->total_joins;
    s->total_exits = m->total_exits;
    s->total_exclusions = m->total_exclusions;
    s->total_sanctions = m->total_sanctions;
    small_partners(m, s);
    s->events_dropped = m->events_dropped;
}

/* ---- the run view ---- */

const char *ng_membership_name(int state)
{
    static const char *const names[] = {"candidate", "member", "exited",
                                        "excluded"};
    return names[state];
}

void ng_model_view(const ng_model *m, ng_run_view *out)
{
    memset(out, 0, sizeof *out);
    out->cfg = &m->cfg;
    out->n = m->n;
    out->k_max = m->k_max;
    out->n_members = m->n_members;
#define NG_VIEW_ARRAY(type, name, per, meaning) out->name = m->name;
    NG_RUN_ARRAYS(NG_VIEW_ARRAY)
#undef NG_VIEW_ARRAY
    out->lead = m->lead;
    out->geography = ng__geography_on(m);
    out->tick = m->tick;
    out->ticks_recorded = m->ticks_recorded;
    for (int k = 0; k < NG_METRIC_COUNT; k++) {
        out->series[k] = ng_model_series(m, k);
    }
    out->events = m->events;
    out->n_events = m->n_events;
    ng_model_summary(m, &out->summary);
}

void ng_run_partner_name(const ng_run_view *v, size_t i, char *buf, size_t size)
{
    if (i < v->cfg->n_partners) {
        snprintf(buf, size, "%s", v->cfg->partners[i].name);
    } else {
        snprintf(buf, size, "%s-%zu", ng_sector_name(v->sector[i]), i);
    }
}

size_t ng_run_tie_find(const ng_run_view *v, size_t i, size_t j)
{
    return ng__tie_index(v->nbr, v->deg, v->k_max, i, j);
}
