/* The table `netgov sensitivity` prints: per output, the parameters ranked
 * by their total Sobol index (or Morris's mu*), with intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "experiment/analysis.h"

static double num(const cJSON *row, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, key);
    return cJSON_IsNumber(v) ? v->valuedouble : (double)NAN;
}

/* A row and the number it is ranked by. */
typedef struct ranked {
    const cJSON *row;
    double key;
} ranked;

/* Largest first; NaN last. */
static int by_key(const void *a, const void *b)
{
    double x = ((const ranked *)a)->key, y = ((const ranked *)b)->key;
    if (isnan(x) || isnan(y)) {
        return isnan(x) - isnan(y);
    }
    return (x < y) - (x > y);
}

/* One number to three decimals (fixed) or three significant digits, or
 * "n/a" where the analysis has none: an index of an output that did not
 * vary, or an interval without bootstrap resamples (null in
 * sensitivity.json). */
static const char *cell(char *buf, size_t cap, bool fixed, double v)
{
    if (!isfinite(v)) {
        return "n/a";
    }
    snprintf(buf, cap, fixed ? "%.3f" : "%.3g", v);
    return buf;
}

static void print_output(const cJSON *rows, bool sobol)
{
    size_t n = 0;
    for (const cJSON *r = rows->child; r; r = r->next) {
        n++;
    }
    ranked *order = calloc(n ? n : 1, sizeof *order);
    if (!order) {
        return;
    }
    size_t k = 0;
    for (const cJSON *r = rows->child; r; r = r->next) {
        order[k++] = (ranked){r, num(r, sobol ? "total" : "mu_star")};
    }
    qsort(order, n, sizeof *order, by_key);
    if (sobol) {
        printf("  %-40s %22s %22s\n", "parameter", "first order S_i",
               "total S_Ti");
    } else {
        printf("  %-40s %22s %9s %9s\n", "parameter", "mu* (elementary effect)",
               "mu", "sigma");
    }
    for (size_t i = 0; i < n; i++) {
        const cJSON *r = order[i].row;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(r, "parameter");
        const char *p = cJSON_IsString(name) ? name->valuestring : "?";
        char c[6][32];
        if (sobol) {
            printf("  %-40s %6s [%6s, %6s] %6s [%6s, %6s]\n", p,
                   cell(c[0], 32, true, num(r, "first")),
                   cell(c[1], 32, true, num(r, "first_low")),
                   cell(c[2], 32, true, num(r, "first_high")),
                   cell(c[3], 32, true, num(r, "total")),
                   cell(c[4], 32, true, num(r, "total_low")),
                   cell(c[5], 32, true, num(r, "total_high")));
        } else {
            printf("  %-40s %7s [%6s, %6s] %9s %9s\n", p,
                   cell(c[0], 32, false, num(r, "mu_star")),
                   cell(c[1], 32, false, num(r, "mu_star_low")),
                   cell(c[2], 32, false, num(r, "mu_star_high")),
                   cell(c[3], 32, false, num(r, "mu")),
                   cell(c[4], 32, false, num(r, "sigma")));
        }
    }
    free(order);
}

int cli_sensitivity_report(const ng_spec *s, const ng_design *d,
                           uint64_t master_seed, const char *dir, bool quiet)
{
    cJSON *doc = NULL;
    ng_error err = {0};
    if (ng_sensitivity_write(s, d, master_seed, dir, &doc, &err)) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    if (!quiet) {
        bool sobol = s->analysis == NG_ANALYSIS_SOBOL;
        const cJSON *outputs = cJSON_GetObjectItemCaseSensitive(doc, "outputs");
        for (const cJSON *o = outputs->child; o; o = o->next) {
            printf("%s indices of %s (%.0f%% bootstrap intervals, %zu "
                   "resamples):\n",
                   sobol ? "Sobol" : "Morris", o->string, 100 * s->confidence,
                   s->bootstrap);
            print_output(o, sobol);
        }
        printf("wrote %s/sensitivity.json and sensitivity.csv\n", dir);
    }
    cJSON_Delete(doc);
    return CLI_OK;
}
