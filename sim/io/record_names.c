/* Names, units and meanings of metrics, events and reasons (record.h). */
#include "netgov/record.h"

#define NAME3(name, unit, meaning) #name,
#define UNIT3(name, unit, meaning) unit,
#define MEANING3(name, unit, meaning) meaning,
#define NAME2(name, meaning) #name,
#define MEANING2(name, meaning) meaning,

static const char *const metric_names[] = {NG_METRICS(NAME3)};
static const char *const metric_units[] = {NG_METRICS(UNIT3)};
static const char *const metric_meanings[] = {NG_METRICS(MEANING3)};
static const char *const event_names[] = {NG_EVENT_TYPES(NAME2)};
static const char *const reason_names[] = {NG_REASONS(NAME2)};
static const char *const reason_meanings[] = {NG_REASONS(MEANING2)};

#define PICK(table, i, count) ((i) >= 0 && (i) < (count) ? table[i] : "?")

const char *ng_metric_name(int metric)
{
    return PICK(metric_names, metric, NG_METRIC_COUNT);
}

const char *ng_metric_unit(int metric)
{
    return PICK(metric_units, metric, NG_METRIC_COUNT);
}

const char *ng_metric_meaning(int metric)
{
    return PICK(metric_meanings, metric, NG_METRIC_COUNT);
}

const char *ng_event_type_name(int type)
{
    return PICK(event_names, type, NG_EVENT_TYPE_COUNT);
}

const char *ng_reason_name(int reason)
{
    return PICK(reason_names, reason, NG_REASON_COUNT);
}

const char *ng_reason_meaning(int reason)
{
    return PICK(reason_meanings, reason, NG_REASON_COUNT);
}

const char *ng_outcome_name(int outcome)
{
    static const char *const names[] = {"survived", "dissolved", "completed"};
    return PICK(names, outcome, 3);
}

/* The amount means something only for these (record.h, ng_event). */
bool ng_event_has_amount(int type)
{
    return type == NG_EV_sanction || type == NG_EV_shock ||
           type == NG_EV_vote_passed || type == NG_EV_vote_failed;
}
