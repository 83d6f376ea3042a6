/* The rules of docs/EXPLAIN.md sections 4-6: turning points, candidate
 * failure mechanisms with their scores and evidence, and what held a
 * surviving alliance together.
 *
 * A mechanism's score in [0, 1] says how much of the run's failure it
 * accounts for; each rule is a short formula over the series, events and
 * partners, and every number it uses is quoted in its evidence.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/explain_internal.h"

#define add_text ng__explain_add_text
#define clamp01 ng__explain_clamp01
#define mean_of ng__explain_mean

static long count_events(const ex_run *r, const char *type, const char *reason)
{
    long n = 0;
    for (size_t i = 0; i < r->n_events; i++) {
        n += strcmp(r->events[i].type, type) == 0 &&
             (!reason || strcmp(r->events[i].reason, reason) == 0);
    }
    return n;
}

static double pct(double share)
{
    return 100 * share;
}

/* ---- turning points ---- */

static cJSON *point(cJSON *list, const char *kind, long tick)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", kind);
    cJSON_AddNumberToObject(o, "tick", (double)tick);
    cJSON_AddItemToArray(list, o);
    return o;
}

static void set_text(cJSON *o, const char *text)
{
    cJSON_AddStringToObject(o, "text", text);
}

/* The index of the first tick where v is above 0, or T. */
static size_t first_above_zero(const double *v, size_t T)
{
    size_t t = 0;
    while (t < T && !(v[t] > 0)) {
        t++;
    }
    return t;
}

static void free_riding_points(const ex_run *r, cJSON *list)
{
    char buf[256];
    size_t t = first_above_zero(r->free_riding, r->T);
    if (t < r->T) {
        cJSON *o = point(list, "first_free_riding", (long)r->tick[t]);
        ng__explain_number(o, "share", r->free_riding[t]);
        snprintf(buf, sizeof buf,
                 "first free-riding: %.0f%% of members gave less than %.0f%% "
                 "of their quota",
                 pct(r->free_riding[t]), pct(r->cutoff));
        set_text(o, buf);
    }
    t = first_above_zero(r->violations, r->T);
    if (t < r->T) {
        cJSON *o = point(list, "first_violation", (long)r->tick[t]);
        ng__explain_number(o, "violations", r->violations[t]);
        snprintf(buf, sizeof buf,
                 "first violation: monitoring caught %.0f member(s) giving "
                 "less than the contribution norm",
                 r->violations[t]);
        set_text(o, buf);
    }
}

static void trust_point(const ex_run *r, const ex_context *c, cJSON *list)
{
    bool sys = c->sys_drop.size >= c->inter_drop.size;
    ex_drop d = sys ? c->sys_drop : c->inter_drop;
    if (d.size < 0.05) {
        return; /* a drift, not a turning point */
    }
    cJSON *o = point(list, "largest_trust_drop", (long)r->tick[d.from]);
    cJSON_AddNumberToObject(o, "to_tick", r->tick[d.to]);
    cJSON_AddStringToObject(o, "series",
                            sys ? "system_trust" : "interpersonal_trust");
    ng__explain_number(o, "from", d.high);
    ng__explain_number(o, "to", d.low);
    char buf[256];
    snprintf(buf, sizeof buf,
             "largest trust drop: %s trust fell from %.2f (tick %ld) to %.2f "
             "(tick %ld)",
             sys ? "system" : "interpersonal", d.high, (long)r->tick[d.from],
             d.low, (long)r->tick[d.to]);
    set_text(o, buf);
}

/* The first voluntary exit (summary.first_exit_tick) and the first
 * exclusion are separate turning points: one says the alliance stopped
 * being worth it to someone, the other that its rules pushed someone out. */
static void first_departure_point(const ex_run *r, const char *type,
                                  const char *kind, cJSON *list)
{
    for (size_t i = 0; i < r->n_events; i++) {
        const ex_event *e = &r->events[i];
        const ex_partner *p = ng__explain_partner(r, e->partner);
        if (strcmp(e->type, type) == 0 && p) {
            cJSON *o = point(list, kind, e->tick);
            cJSON_AddStringToObject(o, "name", p->name);
            char buf[256];
            snprintf(buf, sizeof buf, "first %s: %s (%s) %s: %s",
                     strcmp(type, "exit") == 0 ? "exit" : "exclusion", p->name,
                     p->sector,
                     strcmp(type, "exit") == 0 ? "left" : "was excluded",
                     ng__explain_reason_meaning(e->reason));
            set_text(o, buf);
            return;
        }
    }
}

static double members_at(const ex_run *r, long tick)
{
    size_t t = ng__explain_index_of(r, tick);
    /* The members before the first departure of the cascade left. */
    double m = t > 0 ? r->members[t - 1] : r->members[t];
    return isnan(m) ? 0 : m;
}

static void cascade(const ex_run *r, long from, long to, long count,
                    cJSON *list)
{
    double before = members_at(r, from);
    if (count < 3 || (double)count < 0.15 * before) {
        return;
    }
    cJSON *o = point(list, "exit_cascade", from);
    cJSON_AddNumberToObject(o, "to_tick", (double)to);
    cJSON_AddNumberToObject(o, "departures", (double)count);
    double share = before > 0 ? (double)count / before : 1;
    ng__explain_number(o, "share_of_members", share);
    char buf[256];
    snprintf(buf, sizeof buf,
             "exit cascade: %ld partners left between ticks %ld and %ld "
             "(%.0f%% of the %.0f members)",
             count, from, to, pct(share), before);
    set_text(o, buf);
}

/* Departures closer than max(2, w/2) ticks to the previous one belong to
 * the same cluster; a cluster of at least 3 that takes at least 15% of the
 * members is a cascade. */
static void cascade_points(const ex_run *r, const ex_context *c, cJSON *list)
{
    long gap = (long)(c->w / 2 > 2 ? c->w / 2 : 2);
    long from = -1, last = -1, count = 0;
    for (size_t i = 0; i < r->n_events; i++) {
        const ex_event *e = &r->events[i];
        if (!ng__explain_is_departure(e)) {
            continue;
        }
        if (count > 0 && e->tick - last > gap) {
            cascade(r, from, last, count, list);
            count = 0;
        }
        if (count == 0) {
            from = e->tick;
        }
        last = e->tick;
        count++;
    }
    if (count > 0) {
        cascade(r, from, last, count, list);
    }
}

static void event_points(const ex_run *r, const ex_context *c, cJSON *list)
{
    int shocks = 0;
    char buf[256];
    for (size_t i = 0; i < r->n_events; i++) {
        const ex_event *e = &r->events[i];
        if (strcmp(e->type, "shock") == 0 && shocks++ < 3) {
            size_t t = ng__explain_index_of(r, e->tick);
            size_t end = t + c->w < r->T ? t + c->w : r->T;
            double before = t > 0 ? r->fit[t - 1] : r->fit[t];
            double low = before;
            for (size_t s = t; s < end; s++) {
                low = isnan(r->fit[s]) ? low : fmin(low, r->fit[s]);
            }
            cJSON *o = point(list, "shock", e->tick);
            ng__explain_number(o, "fit_before", before);
            ng__explain_number(o, "fit_low", low);
            snprintf(buf, sizeof buf,
                     "a shock pulled the problem focus away: fit %.2f -> %.2f "
                     "within %zu ticks",
                     before, low, c->w);
            set_text(o, buf);
        } else if (strcmp(e->type, "dissolution") == 0 ||
                   strcmp(e->type, "completion") == 0) {
            cJSON *o = point(list, e->type, e->tick);
            snprintf(buf, sizeof buf, "%s: %s", e->type,
                     ng__explain_reason_meaning(e->reason));
            set_text(o, buf);
        }
    }
}

static double tick_of(const cJSON *o)
{
    return cJSON_GetObjectItemCaseSensitive(o, "tick")->valuedouble;
}

/* Orders the points by tick; an insertion sort, because it is stable
 * (points of the same tick keep the order the rules found them in) and
 * the list is short. */
static cJSON *sorted_by_tick(cJSON *list)
{
    int n = cJSON_GetArraySize(list);
    cJSON **items = calloc((size_t)n + 1, sizeof *items);
    if (!items) {
        return list;
    }
    for (int i = 0; i < n; i++) {
        cJSON *item = cJSON_DetachItemFromArray(list, 0);
        int j = i;
        while (j > 0 && tick_of(items[j - 1]) > tick_of(item)) {
            items[j] = items[j - 1];
            j--;
        }
        items[j] = item;
    }
    for (int i = 0; i < n; i++) {
        cJSON_AddItemToArray(list, items[i]);
    }
    free(items);
    return list;
}

cJSON *ng__explain_turning_points(const ex_run *r, const ex_context *c)
{
    cJSON *list = cJSON_CreateArray();
    free_riding_points(r, list);
    trust_point(r, c, list);
    first_departure_point(r, "exit", "first_exit", list);
    first_departure_point(r, "exclusion", "first_exclusion", list);
    cascade_points(r, c, list);
    event_points(r, c, list);
    return sorted_by_tick(list);
}

/* ---- candidate mechanisms ---- */

typedef double (*mechanism_rule)(const ex_run *r, const ex_context *c,
                                 cJSON *evidence);

/* Paid over asked of the partners who left and of those who stayed: when
 * the leavers paid much more of their quotas, the contributors carried the
 * free-riders until they quit. */
static void carried(const ex_run *r, cJSON *ev)
{
    double paid[2] = {0, 0}, asked[2] = {0, 0};
    for (size_t i = 0; i < r->n_partners; i++) {
        const ex_partner *p = &r->partners[i];
        if (p->ever_joined && !isnan(p->asked)) {
            int left = strcmp(p->state, "exited") == 0 ||
                       strcmp(p->state, "excluded") == 0;
            paid[left] += p->paid;
            asked[left] += p->asked;
        }
    }
    if (asked[0] <= 0 || asked[1] <= 0) {
        return;
    }
    double stay = paid[0] / asked[0], left = paid[1] / asked[1];
    add_text(ev,
             "the partners who left had paid %.0f%% of what they were asked, "
             "those who stayed %.0f%%%s",
             pct(left), pct(stay),
             left > stay + 0.2
                 ? ": the contributors carried the free-riders until they quit"
                 : "");
}

static double free_riding(const ex_run *r, const ex_context *c, cJSON *ev)
{
    double early = mean_of(r->contribution, c->early_from, c->early_to);
    double late = mean_of(r->contribution, c->late_from, r->T);
    double fr = mean_of(r->free_riding, c->late_from, r->T);
    double drop = early > 0 ? clamp01((early - late) / early) : 0;
    if (isnan(fr) || isnan(late)) {
        return 0;
    }
    add_text(ev,
             "mean contribution went from %.2f of the quota (ticks %ld-%ld) "
             "to %.2f (ticks %ld-%ld)",
             early, (long)r->tick[c->early_from],
             (long)r->tick[c->early_to - 1], late, (long)r->tick[c->late_from],
             (long)r->tick[r->T - 1]);
    add_text(ev,
             "in the last %zu ticks %.0f%% of members gave less than %.0f%% "
             "of their quota",
             r->T - c->late_from, pct(fr), pct(r->cutoff));
    if (c->inter_drop.size >= 0.05) {
        add_text(ev,
                 "interpersonal trust, which follows the contributions "
                 "partners see, fell from %.2f (tick %ld) to %.2f (tick %ld)",
                 c->inter_drop.high, (long)r->tick[c->inter_drop.from],
                 c->inter_drop.low, (long)r->tick[c->inter_drop.to]);
    }
    long low_value = count_events(r, "exit", "low_value");
    if (low_value > 0) {
        add_text(ev,
                 "%ld member(s) left because the alliance was no longer worth "
                 "it to them (value below the exit threshold)",
                 low_value);
    }
    carried(r, ev);
    return fmax(fr, drop);
}

/* Cost shares against benefit shares of the partners who left. */
static double unfair_costs(const ex_run *r, const ex_context *c, cJSON *ev)
{
    double asked = 0, benefit = 0, asked_gone = 0, benefit_gone = 0;
    double trust_gone = 0, trust_stay = 0;
    long gone = 0, stay = 0;
    for (size_t i = 0; i < r->n_partners; i++) {
        const ex_partner *p = &r->partners[i];
        if (!p->ever_joined || isnan(p->asked)) {
            continue;
        }
        bool left = strcmp(p->state, "exited") == 0 ||
                    strcmp(p->state, "excluded") == 0;
        asked += p->asked;
        benefit += p->benefit;
        asked_gone += left ? p->asked : 0;
        benefit_gone += left ? p->benefit : 0;
        trust_gone += left ? p->system_trust : 0;
        trust_stay += left ? 0 : p->system_trust;
        gone += left;
        stay += !left;
    }
    if (gone == 0 || asked <= 0 || benefit <= 0) {
        return 0;
    }
    double cost_share = asked_gone / asked,
           benefit_share = benefit_gone / benefit;
    double ratio = benefit_share > 0 ? cost_share / benefit_share : 10;
    add_text(ev,
             "the %ld partners who left were asked for %.0f%% of all quotas "
             "but received %.0f%% of the benefits (%.1fx their benefit "
             "share) under the %s cost rule",
             gone, pct(cost_share), pct(benefit_share), ratio, r->cost_rule);
    add_text(ev,
             "%ld of %ld small partners left, against %ld of %ld large ones",
             c->small_left, c->small_joined, c->large_left,
             c->joined - c->small_joined);
    if (stay > 0) {
        add_text(ev,
                 "system trust, which follows how fairly costs and benefits "
                 "are shared, was %.2f for those who left against %.2f for "
                 "those who stayed",
                 trust_gone / (double)gone, trust_stay / (double)stay);
    }
    double share = c->joined ? (double)gone / (double)c->joined : 0;
    return clamp01(share * 2) * clamp01((ratio - 1) / 1.5);
}

static double data_incidents(const ex_run *r, const ex_context *c, cJSON *ev)
{
    double incidents = ng__explain_total(r->incidents, r->T);
    if (incidents < 1) {
        return 0;
    }
    add_text(ev, "%.0f data incident(s): shared data leaked or was misused",
             incidents);
    add_text(ev, "system trust fell by %.2f at its largest drop",
             c->sys_drop.size);
    return clamp01(incidents / 4) * fmax(0.5, clamp01(c->sys_drop.size / 0.2));
}

static double exclusions(const ex_run *r, const ex_context *c, cJSON *ev)
{
    if (c->exclusions == 0) {
        return 0;
    }
    add_text(ev,
             "%ld member(s) were excluded after repeated violations; %.0f "
             "sanctions in all (%ld warnings, %ld fines, %ld social costs)",
             c->exclusions, ng__explain_total(r->sanctions, r->T),
             count_events(r, "sanction", "warning"),
             count_events(r, "sanction", "fine"),
             count_events(r, "sanction", "social_cost"));
    return clamp01(2.0 * (double)c->exclusions / (double)c->joined);
}

static double lead_exit(const ex_run *r, const ex_context *c, cJSON *ev)
{
    (void)c;
    if (strcmp(r->cause, "lead_exit") != 0) {
        return 0;
    }
    for (size_t i = 0; i < r->n_partners; i++) {
        const ex_partner *p = &r->partners[i];
        if (p->lead) {
            add_text(ev,
                     "the lead organisation %s left at tick %ld (value %.2f, "
                     "paid %.1f for a benefit of %.1f)",
                     p->name, p->state_tick, p->value, p->paid, p->benefit);
        }
    }
    add_text(ev, "without its lead the alliance could not go on");
    return 1;
}

static double unfunded(const ex_run *r, const ex_context *c, cJSON *ev)
{
    if (strcmp(r->cause, "unfunded") != 0) {
        return 0;
    }
    add_text(ev,
             "the pooled input (%.1f per tick in the last %zu ticks) did not "
             "cover the fixed office cost of the NAO",
             mean_of(r->pooled_input, c->late_from, r->T), r->T - c->late_from);
    return 0.9;
}

static double overhead(const ex_run *r, const ex_context *c, cJSON *ev)
{
    /* Judged on the early window: later, free-riding shrinks the input and
     * raises the ratio without the overhead being the cause. */
    double ratio = mean_of(r->overhead_ratio, c->early_from, c->early_to);
    if (isnan(ratio)) {
        return 0;
    }
    add_text(ev,
             "coordination overhead took %.0f%% of the pooled input in ticks "
             "%ld-%ld, while contributions were still at their early level",
             pct(ratio), (long)r->tick[c->early_from],
             (long)r->tick[c->early_to - 1]);
    return clamp01((ratio - 0.3) / 0.5);
}

static double misfit(const ex_run *r, const ex_context *c, cJSON *ev)
{
    double late = mean_of(r->fit, c->late_from, r->T);
    long shocks = count_events(r, "shock", NULL);
    long passed = count_events(r, "vote_passed", "mission_change");
    long failed = count_events(r, "vote_failed", "mission_change");
    if (isnan(late) || late > 0.97) {
        return 0;
    }
    add_text(ev,
             "the mission's fit with the problem was %.2f in the last %zu "
             "ticks after %ld shock(s)",
             late, r->T - c->late_from, shocks);
    if (passed + failed > 0) {
        add_text(ev, "%ld of %ld votes to adapt the mission failed", failed,
                 passed + failed);
    }
    return clamp01((1 - late) / 0.3);
}

/* Process spending is a share of the input left after overhead
 * (MODEL.md 8.15), so it is measured against that; a third of it going to
 * process scores 1. */
static double process_heavy(const ex_run *r, const ex_context *c, cJSON *ev)
{
    (void)c;
    double net = ng__explain_total(r->pooled_input, r->T) -
                 ng__explain_total(r->overhead, r->T);
    double process = ng__explain_total(r->process_spending, r->T);
    if (net <= 0 || process <= 0) {
        return 0;
    }
    add_text(ev,
             "%.0f%% of the input left after overhead went to relationships "
             "and onboarding (process) instead of the content",
             pct(process / net));
    double first = r->interpersonal_trust[0];
    double last = ng__explain_last(r->interpersonal_trust, r->T);
    if (last > first) {
        add_text(ev,
                 "interpersonal trust rose from %.2f to %.2f: the "
                 "relationships grew, the public value did not",
                 first, last);
    }
    if (strcmp(r->cause, "no_added_value") == 0) {
        add_text(ev, "the alliance ended because %s",
                 ng__explain_reason_meaning(r->cause));
    }
    return clamp01(process / net / 0.3);
}

static double dominance(const ex_run *r, const ex_context *c, cJSON *ev)
{
    double hhi = mean_of(r->power_concentration, c->early_from, r->T);
    long large = c->joined - c->small_joined;
    if (isnan(hhi) || c->small_joined == 0 || large == 0) {
        return 0;
    }
    double small_share = (double)c->small_left / (double)c->small_joined;
    double large_share = (double)c->large_left / (double)large;
    add_text(ev,
             "power concentration (Herfindahl index) averaged %.2f; %.0f%% of "
             "small partners left against %.0f%% of large ones",
             hhi, pct(small_share), pct(large_share));
    return clamp01((hhi - 0.15) / 0.35) *
           clamp01(2 * (small_share - large_share));
}

static double never_grew(const ex_run *r, const ex_context *c, cJSON *ev)
{
    if (strcmp(r->outcome, "dissolved") != 0 ||
        (double)c->admissions > 0.5 * (double)r->founders) {
        return 0;
    }
    add_text(ev,
             "only %ld partner(s) joined after the %ld founders; at most %ld "
             "members at once",
             c->admissions, r->founders, r->peak_members);
    return 0.7;
}

static const struct {
    const char *name, *title;
    mechanism_rule rule;
} mechanisms[] = {
    {"free_riding", "Free-riding eroded contributions", free_riding},
    {"unfair_costs", "Costs fell unfairly on the partners who left",
     unfair_costs},
    {"data_incidents", "Data incidents destroyed trust", data_incidents},
    {"exclusions", "Sanctions pushed members out", exclusions},
    {"lead_exit", "The lead organisation walked away", lead_exit},
    {"unfunded", "The network office could not be funded", unfunded},
    {"overhead", "Coordination overhead ate the input", overhead},
    {"misfit", "The mission no longer fitted the problem", misfit},
    {"process_heavy", "Process crowded out content", process_heavy},
    {"dominance", "A few powerful partners dominated", dominance},
    {"never_grew", "The alliance never grew", never_grew},
};

static int by_score(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    double sx = cJSON_GetObjectItemCaseSensitive(x, "score")->valuedouble;
    double sy = cJSON_GetObjectItemCaseSensitive(y, "score")->valuedouble;
    if (sx != sy) {
        return sx < sy ? 1 : -1;
    }
    /* Equal scores keep the table order (index stored in "rank"). */
    double ix = cJSON_GetObjectItemCaseSensitive(x, "rank")->valuedouble;
    double iy = cJSON_GetObjectItemCaseSensitive(y, "rank")->valuedouble;
    return (ix > iy) - (ix < iy);
}

static cJSON *candidate(const ex_run *r, const ex_context *c, size_t k)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *ev = cJSON_CreateArray();
    double score = mechanisms[k].rule(r, c, ev);
    cJSON_AddStringToObject(o, "name", mechanisms[k].name);
    cJSON_AddStringToObject(o, "title", mechanisms[k].title);
    ng__explain_number(o, "score", score);
    cJSON_AddNumberToObject(o, "rank", (double)k);
    cJSON_AddItemToObject(o, "evidence", ev);
    return o;
}

/* The winner's one-line text: its title, its score and the runner-up, so
 * a reader sees how clear the verdict is. */
static void verdict_text(cJSON *best, const cJSON *next)
{
    char buf[320];
    double score = cJSON_GetObjectItemCaseSensitive(best, "score")->valuedouble;
    const char *title =
        cJSON_GetObjectItemCaseSensitive(best, "title")->valuestring;
    double runner =
        next ? cJSON_GetObjectItemCaseSensitive(next, "score")->valuedouble : 0;
    if (next && runner >= 0.1) {
        snprintf(buf, sizeof buf, "%s (score %.2f; next: %s, %.2f)", title,
                 score,
                 cJSON_GetObjectItemCaseSensitive(next, "name")->valuestring,
                 runner);
    } else {
        snprintf(buf, sizeof buf,
                 "%s (score %.2f; no other candidate reaches 0.1)", title,
                 score);
    }
    cJSON_AddStringToObject(best, "text", buf);
}

cJSON *ng__explain_mechanisms(const ex_run *r, const ex_context *c)
{
    enum { N = sizeof mechanisms / sizeof mechanisms[0] };
    cJSON *items[N];
    for (size_t k = 0; k < N; k++) {
        items[k] = candidate(r, c, k);
    }
    qsort(items, N, sizeof items[0], by_score);
    verdict_text(items[0], N > 1 ? items[1] : NULL);
    cJSON *list = cJSON_CreateArray();
    for (size_t k = 0; k < N; k++) {
        cJSON_DeleteItemFromObjectCaseSensitive(items[k], "rank");
        cJSON_AddItemToArray(list, items[k]);
    }
    return list;
}

cJSON *ng__explain_unclear(const ex_run *r, const ex_context *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *ev = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "name", "unclear");
    cJSON_AddStringToObject(o, "title", "No single mechanism stands out");
    cJSON_AddNumberToObject(o, "score", 0);
    add_text(ev,
             "%ld of %ld partners that joined left; no candidate rule "
             "scored 0.1 or more",
             c->departures, c->joined);
    cJSON_AddItemToObject(o, "evidence", ev);
    cJSON_AddStringToObject(o, "text",
                            "No single mechanism stands out: see the turning "
                            "points and who left");
    (void)r;
    return o;
}

/* ---- what held it together ---- */

cJSON *ng__explain_held(const ex_run *r, const ex_context *c)
{
    cJSON *a = cJSON_CreateArray();
    if (strcmp(r->outcome, "completed") == 0) {
        add_text(a,
                 "cumulative public value reached the goal of %.0f at tick "
                 "%ld",
                 r->goal, r->lifetime);
    }
    if (r->mean_contribution >= 0.6) {
        add_text(a, "members gave on average %.0f%% of their quota",
                 pct(r->mean_contribution));
    }
    double trust = ng__explain_last(r->system_trust, r->T);
    if (!isnan(trust) && !isnan(r->initial_trust) &&
        trust >= r->initial_trust - 0.02) {
        add_text(a, "system trust ended at %.2f (it started at %.2f)", trust,
                 r->initial_trust);
    }
    double violations = ng__explain_total(r->violations, r->T);
    double sanctions = ng__explain_total(r->sanctions, r->T);
    if (violations > 0 && sanctions > 0 && c->exclusions > 0) {
        add_text(a,
                 "free-riding was detected and sanctioned (%.0f violations, "
                 "%.0f sanctions) and %ld persistent free-rider(s) excluded",
                 violations, sanctions, c->exclusions);
    } else if (violations > 0 && sanctions > 0) {
        add_text(a,
                 "free-riding was detected and sanctioned (%.0f violations, "
                 "%.0f sanctions) without excluding anyone",
                 violations, sanctions);
    }
    if (c->joined > 0 && c->departures == 0) {
        add_text(a, "none of the %ld partners that joined left", c->joined);
    } else if (c->joined > 0) {
        add_text(a, "only %ld of the %ld partners that joined left",
                 c->departures, c->joined);
    }
    if (r->peak_members > r->founders && r->founders > 0) {
        add_text(a, "the alliance grew from %ld founders to %ld members",
                 r->founders, r->peak_members);
    }
    long passed = count_events(r, "vote_passed", "mission_change");
    if (passed > 0) {
        add_text(a, "the mission adapted %ld times; its fit averaged %.2f",
                 passed, mean_of(r->fit, 0, r->T));
    }
    double ratio = mean_of(r->overhead_ratio, c->early_from, r->T);
    if (!isnan(ratio) && ratio < 0.3) {
        add_text(a, "coordination overhead took only %.0f%% of the input",
                 pct(ratio));
    }
    return a;
}
