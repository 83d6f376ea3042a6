/* Designs: the list of parameter assignments a sweep runs, expanded from a
 * spec's axes or read from another tool's sample matrix.  Every value is
 * kept as JSON text and applied through the config parser, so a design
 * value is checked exactly like the same value in a scenario file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/config_internal.h"
#include "io/output_internal.h"
#include "netgov/model.h"
#include "netgov/sweep.h"

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

static char *number_text(double v)
{
    char buf[NG_NUMBER_TEXT];
    ng__number_text(v, buf);
    return dup_text(buf);
}

/* A range axis at unit coordinate u: reals map linearly onto [min, max];
 * integers take equal-width bins of min..max, so every whole value is as
 * likely. */
static char *range_text(const ng_axis *a, double u)
{
    if (a->param->type == NG_PARAM_INT) {
        double v = floor(a->min + u * (a->max - a->min + 1));
        return number_text(v > a->max ? a->max : v);
    }
    return number_text(a->min + u * (a->max - a->min));
}

static int alloc_design(ng_design *d, size_t cols, size_t points)
{
    d->n_cols = cols;
    d->n_points = points;
    d->paths = calloc(cols ? cols : 1, sizeof *d->paths);
    d->cells = calloc(cols && points ? cols * points : 1, sizeof *d->cells);
    d->ids = calloc(points ? points : 1, sizeof *d->ids);
    return d->paths && d->cells && d->ids ? 0 : NG_ENOMEM;
}

/* Unit-cube points of the range axes: n rows of k. */
static int unit_points(const ng_spec *s, size_t k, uint64_t seed, double **u,
                       size_t *n)
{
    switch (s->analysis) {
    case NG_ANALYSIS_SOBOL:
        *n = s->sa_samples * (k + 2);
        break;
    case NG_ANALYSIS_MORRIS:
        *n = s->sa_samples * (k + 1);
        break;
    case NG_ANALYSIS_NONE:
        *n = s->samples;
        break;
    }
    *u = malloc(*n * k * sizeof **u);
    if (!*u) {
        return NG_ENOMEM;
    }
    if (s->analysis == NG_ANALYSIS_SOBOL) {
        return ng_saltelli_design(s->sa_samples, k, *u);
    }
    if (s->analysis == NG_ANALYSIS_MORRIS) {
        return ng_morris_design(s->sa_samples, k, s->levels, seed, *u);
    }
    if (s->sampler == NG_SAMPLER_LHS) {
        return ng_sample_lhs(*n, k, seed, *u);
    }
    return ng_sample_sobol(*n, k, *u);
}

int ng_design_from_spec(const ng_spec *s, uint64_t master_seed, ng_design *d,
                        ng_errors *errs)
{
    memset(d, 0, sizeof *d);
    size_t combos = 1, k = 0;
    for (size_t a = 0; a < s->n_axes; a++) {
        if (s->axes[a].values) {
            combos *= s->axes[a].n_values;
        } else {
            k++;
        }
    }
    size_t samples = 1;
    double *u = NULL;
    if (k) {
        int rc = unit_points(s, k, ng_seed_mix(master_seed, NG_DESIGN_STREAM),
                             &u, &samples);
        if (rc) {
            free(u);
            return ng_errors_add(errs, rc, "axes", "cannot build the design");
        }
    }
    if (combos > SIZE_MAX / samples ||
        alloc_design(d, s->n_axes, combos * samples)) {
        free(u);
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "axes", "design too large");
    }
    for (size_t a = 0; a < s->n_axes; a++) {
        d->paths[a] = dup_text(s->axes[a].path);
    }
    for (size_t p = 0; p < d->n_points; p++) {
        size_t combo = p / samples, sample = p % samples, col = 0;
        /* Value axes: the last varies fastest. */
        size_t stride = combos;
        for (size_t a = 0; a < s->n_axes; a++) {
            const ng_axis *ax = &s->axes[a];
            char **cell = &d->cells[p * d->n_cols + a];
            if (ax->values) {
                stride /= ax->n_values;
                *cell = dup_text(ax->values[(combo / stride) % ax->n_values]);
            } else {
                *cell = range_text(ax, u[sample * k + col++]);
            }
        }
        char id[24];
        snprintf(id, sizeof id, "%zu", p);
        d->ids[p] = dup_text(id);
    }
    if (k) {
        /* Keep the unit coordinates per point for the estimators. */
        d->unit = malloc(d->n_points * k * sizeof *d->unit);
        d->n_unit = k;
        for (size_t p = 0; d->unit && p < d->n_points; p++) {
            memcpy(&d->unit[p * k], &u[(p % samples) * k], k * sizeof *u);
        }
    }
    free(u);
    for (size_t c = 0; c < d->n_cols * d->n_points; c++) {
        if (!d->cells[c]) {
            ng_design_free(d);
            return ng_errors_add(errs, NG_ENOMEM, "axes", "out of memory");
        }
    }
    return 0;
}

/* ---- a design from another tool ---- */

static char *id_text(const char *cell)
{
    cJSON *v = cJSON_Parse(cell);
    char *out = cJSON_IsString(v) ? dup_text(v->valuestring) : dup_text(cell);
    cJSON_Delete(v);
    return out;
}

int ng_design_from_table(const ng_table *t, ng_design *d, ng_errors *errs)
{
    memset(d, 0, sizeof *d);
    size_t id_col = SIZE_MAX;
    size_t before = errs ? errs->n + errs->dropped : 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        char where[NG_PATH_MAX + 32];
        snprintf(where, sizeof where, "design column \"%.*s\"", NG_PATH_MAX - 1,
                 t->header[c]);
        if (strcmp(t->header[c], "id") == 0) {
            id_col = c;
        } else if (strcmp(t->header[c], "run.seed") == 0) {
            ng_errors_add(errs, NG_ECONFIG, where,
                          "expected a model parameter, found run.seed (seeds "
                          "come from the spec's seed and replications)");
        } else if (!ng_params_find(t->header[c])) {
            ng__unknown_key(t->header[c], errs);
        }
    }
    size_t cols = t->n_cols - (id_col != SIZE_MAX);
    if (errs && errs->n + errs->dropped > before) {
        return NG_ECONFIG;
    }
    if (alloc_design(d, cols, t->n_rows)) {
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
    }
    for (size_t c = 0, out = 0; c < t->n_cols; c++) {
        if (c != id_col) {
            d->paths[out++] = dup_text(t->header[c]);
        }
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0, out = 0; c < t->n_cols; c++) {
            const char *cell = t->cells[r * t->n_cols + c];
            if (c == id_col) {
                d->ids[r] = id_text(cell);
            } else {
                d->cells[r * cols + out++] = dup_text(cell);
            }
        }
        if (id_col == SIZE_MAX) {
            char id[24];
            snprintf(id, sizeof id, "%zu", r);
            d->ids[r] = dup_text(id);
        }
        for (size_t q = 0; q < r && d->ids[r]; q++) {
            if (strcmp(d->ids[q], d->ids[r]) == 0) {
                ng_errors_add(errs, NG_ECONFIG, "design column \"id\"",
                              "expected unique ids, found \"%.60s\" in rows "
                              "%zu and %zu",
                              d->ids[r], q, r);
                break;
            }
        }
    }
    if (errs && errs->n + errs->dropped > before) {
        ng_design_free(d);
        return NG_ECONFIG;
    }
    return 0;
}

/* ---- applying points ---- */

int ng_design_apply(const ng_design *d, size_t p, ng_config *cfg,
                    ng_errors *errs)
{
    size_t before = errs ? errs->n + errs->dropped : 0;
    for (size_t c = 0; c < d->n_cols; c++) {
        size_t cell = p * d->n_cols + c;
        cJSON *own = d->values ? NULL : cJSON_Parse(d->cells[cell]);
        const cJSON *v = d->values ? d->values[cell] : own;
        if (!v) {
            return ng_errors_add(errs, NG_ECONFIG, d->paths[c],
                                 "expected a JSON value, found %.60s",
                                 d->cells[cell]);
        }
        ng__config_apply(cfg, d->paths[c], v, errs);
        cJSON_Delete(own);
    }
    return errs && errs->n + errs->dropped > before ? NG_ECONFIG : 0;
}

/* "design point 3 (id \"a\"): governance.mode": which row was wrong. */
static void name_point(const ng_design *d, size_t p, ng_errors *errs,
                       size_t from)
{
    for (size_t k = from; errs && k < errs->n; k++) {
        ng_error *e = &errs->items[k];
        char path[sizeof e->where];
        memcpy(path, e->where, sizeof path);
        snprintf(e->where, sizeof e->where,
                 "design point %zu (id \"%.30s\"): %.80s", p, d->ids[p], path);
    }
}

static int parse_cells(ng_design *d, ng_errors *errs)
{
    size_t n = d->n_points * d->n_cols;
    d->values = calloc(n ? n : 1, sizeof *d->values);
    if (!d->values) {
        return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
    }
    for (size_t c = 0; c < n; c++) {
        d->values[c] = cJSON_Parse(d->cells[c]);
        if (!d->values[c]) {
            return ng_errors_add(errs, NG_ECONFIG, d->paths[c % d->n_cols],
                                 "expected a JSON value, found %.60s",
                                 d->cells[c]);
        }
    }
    return 0;
}

int ng_design_check(ng_design *d, const ng_config *base, ng_errors *errs)
{
    int status = d->values ? 0 : parse_cells(d, errs);
    if (status) {
        return status;
    }
    for (size_t p = 0; p < d->n_points; p++) {
        ng_config cfg;
        ng_config_init(&cfg);
        if (ng_config_copy(&cfg, base)) {
            return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
        }
        size_t from = errs ? errs->n : 0;
        int rc = ng_design_apply(d, p, &cfg, errs);
        ng_config_clear(&cfg);
        if (rc) {
            name_point(d, p, errs, from);
            status = rc;
            if (errs && errs->n >= NG_MAX_ERRORS) {
                break;
            }
        }
    }
    return status;
}

void ng_design_free(ng_design *d)
{
    if (!d) {
        return;
    }
    for (size_t c = 0; d->paths && c < d->n_cols; c++) {
        free(d->paths[c]);
    }
    for (size_t c = 0; d->cells && c < d->n_cols * d->n_points; c++) {
        free(d->cells[c]);
    }
    for (size_t p = 0; d->ids && p < d->n_points; p++) {
        free(d->ids[p]);
    }
    free(d->paths);
    free(d->cells);
    free(d->ids);
    free(d->unit);
    for (size_t c = 0; d->values && c < d->n_cols * d->n_points; c++) {
        cJSON_Delete(d->values[c]);
    }
    free(d->values);
    memset(d, 0, sizeof *d);
}
