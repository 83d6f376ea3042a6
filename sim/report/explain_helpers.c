/* The small computations the explanation rules share (explain_internal.h):
 * means and totals over series that skip ticks without members, the
 * largest drawdown, tick look-ups, rounding and text.  Both explain.c and
 * explain_rules.c build on them; they depend on neither.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "netgov/record.h"
#include "report/explain_internal.h"

double ng__explain_clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* Numbers in the explanation keep 4 decimals: enough to check a statement,
 * short enough to read. */
static double round4(double x)
{
    return isfinite(x) ? round(x * 1e4) / 1e4 : 0;
}

void ng__explain_number(cJSON *o, const char *key, double v)
{
    cJSON_AddNumberToObject(o, key, round4(v));
}

void ng__explain_add_text(cJSON *array, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cJSON_AddItemToArray(array, cJSON_CreateString(buf));
}

const char *ng__explain_reason_meaning(const char *reason)
{
    for (int r = 0; r < NG_REASON_COUNT; r++) {
        if (strcmp(ng_reason_name(r), reason) == 0) {
            return ng_reason_meaning(r);
        }
    }
    return reason;
}

/* Mean of v over indices [a, b), skipping ticks without members (NaN). */
double ng__explain_mean(const double *v, size_t a, size_t b)
{
    double sum = 0;
    size_t n = 0;
    for (size_t t = a; t < b; t++) {
        if (!isnan(v[t])) {
            sum += v[t];
            n++;
        }
    }
    return n ? sum / (double)n : (double)NAN;
}

double ng__explain_total(const double *v, size_t T)
{
    double sum = 0;
    for (size_t t = 0; t < T; t++) {
        sum += isnan(v[t]) ? 0 : v[t];
    }
    return sum;
}

/* The last value of v that is not NaN. */
double ng__explain_last(const double *v, size_t T)
{
    for (size_t t = T; t-- > 0;) {
        if (!isnan(v[t])) {
            return v[t];
        }
    }
    return (double)NAN;
}

bool ng__explain_is_departure(const ex_event *e)
{
    return strcmp(e->type, "exit") == 0 || strcmp(e->type, "exclusion") == 0;
}

/* The index of the first recorded tick at or after `tick`. */
size_t ng__explain_index_of(const ex_run *r, long tick)
{
    size_t t = 0;
    while (t + 1 < r->T && (long)r->tick[t] < tick) {
        t++;
    }
    return t;
}

/* The largest fall of v from a running peak to a later trough. */
ex_drop ng__explain_drawdown(const double *v, size_t T)
{
    ex_drop best = {0, 0, 0, (double)NAN, (double)NAN};
    size_t peak = T;
    for (size_t t = 0; t < T; t++) {
        if (isnan(v[t])) {
            continue;
        }
        if (peak == T || v[t] > v[peak]) {
            peak = t;
        }
        if (v[peak] - v[t] > best.size) {
            best = (ex_drop){v[peak] - v[t], peak, t, v[peak], v[t]};
        }
    }
    return best;
}
