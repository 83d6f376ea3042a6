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

/* Largest first; NaN last. */
static const char *rank_key;
static int by_key(const void *a, const void *b)
{
    double x = num(*(cJSON *const *)a, rank_key);
    double y = num(*(cJSON *const *)b, rank_key);
    if (isnan(x) || isnan(y)) {
        return isnan(x) - isnan(y);
    }
    return (x < y) - (x > y);
}

static void print_output(const cJSON *rows, bool sobol)
{
    size_t n = (size_t)cJSON_GetArraySize(rows);
    cJSON **order = calloc(n ? n : 1, sizeof *order);
    if (!order) {
        return;
    }
    size_t k = 0;
    for (cJSON *r = rows->child; r; r = r->next) {
        order[k++] = r;
    }
    rank_key = sobol ? "total" : "mu_star";
    qsort(order, n, sizeof *order, by_key);
    if (sobol) {
        printf("  %-40s %22s %22s\n", "parameter", "first order S_i",
               "total S_Ti");
    } else {
        printf("  %-40s %22s %9s %9s\n", "parameter", "mu* (elementary effect)",
               "mu", "sigma");
    }
    for (size_t i = 0; i < n; i++) {
        const cJSON *r = order[i];
        const char *p =
            cJSON_GetObjectItemCaseSensitive(r, "parameter")->valuestring;
        if (sobol) {
            printf("  %-40s %6.3f [%6.3f, %6.3f] %6.3f [%6.3f, %6.3f]\n", p,
                   num(r, "first"), num(r, "first_low"), num(r, "first_high"),
                   num(r, "total"), num(r, "total_low"), num(r, "total_high"));
        } else {
            printf("  %-40s %7.3g [%6.3g, %6.3g] %9.3g %9.3g\n", p,
                   num(r, "mu_star"), num(r, "mu_star_low"),
                   num(r, "mu_star_high"), num(r, "mu"), num(r, "sigma"));
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
