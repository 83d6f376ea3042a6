/* Designs: the list of parameter assignments a sweep runs, expanded from a
 * spec's axes or read from another tool's sample matrix.  Every value is
 * kept as JSON text and applied through the config parser, so a design
 * value is checked exactly like the same value in a scenario file. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
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

/* a * b, false when it does not fit in a size_t. */
static bool mul_size(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b) {
        return false;
    }
    *out = a * b;
    return true;
}

/* The rows of unit-cube points the range axes need (k of them). */
static bool unit_rows(const ng_spec *s, size_t k, size_t *n)
{
    switch (s->analysis) {
    case NG_ANALYSIS_SOBOL:
        return mul_size(s->sa_samples, k + 2, n);
    case NG_ANALYSIS_MORRIS:
        return mul_size(s->sa_samples, k + 1, n);
    case NG_ANALYSIS_NONE:
        break;
    }
    *n = s->samples;
    return true;
}

/* Unit-cube points of the range axes: n rows of k. */
static int unit_points(const ng_spec *s, size_t k, size_t n, uint64_t seed,
                       double **u)
{
    size_t values;
    if (!mul_size(n, k, &values) || !mul_size(values, sizeof **u, &values)) {
        return NG_ENOMEM;
    }
    *u = malloc(values);
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
        return ng_sample_lhs(n, k, seed, *u);
    }
    return ng_sample_sobol(n, k, *u);
}

/* Appends to buf (of cap bytes, holding a string) as much of the text as
 * fits, ending in "..." when it was cut. */
static void append(char *buf, size_t cap, const char *text)
{
    size_t used = strlen(buf);
    if (used + 1 >= cap) {
        return;
    }
    int w = snprintf(buf + used, cap - used, "%s", text);
    if (w < 0 || (size_t)w >= cap - used) {
        memcpy(buf + cap - 4, "...", 4);
    }
}

/* The rows of the range axes' design, as "64 samples x 22 rows". */
static void unit_rows_text(const ng_spec *s, size_t k, char *buf, size_t cap)
{
    if (s->analysis == NG_ANALYSIS_NONE) {
        snprintf(buf, cap, "%zu samples", s->samples);
    } else {
        snprintf(buf, cap, "%zu %s x %zu rows", s->sa_samples,
                 s->analysis == NG_ANALYSIS_SOBOL ? "samples" : "trajectories",
                 k + (s->analysis == NG_ANALYSIS_SOBOL ? 2 : 1));
    }
}

/* "axes: expected at most 1000000 design points, found 1.84e+19 (a 2 x
 * b 2 x ...)": what the spec asked for, axis by axis.  The product is
 * given in floating point, since it may not fit in a size_t. */
static int too_big(const ng_spec *s, size_t k, const char *what, size_t limit,
                   ng_errors *errs)
{
    char parts[200] = "", part[NG_PATH_MAX + 64];
    double product = 1;
    for (size_t a = 0; a < s->n_axes; a++) {
        if (s->axes[a].values) {
            snprintf(part, sizeof part, "%s%s %zu", parts[0] ? " x " : "",
                     s->axes[a].path, s->axes[a].n_values);
            append(parts, sizeof parts, part);
            product *= (double)s->axes[a].n_values;
        }
    }
    if (k) {
        char rows[96];
        unit_rows_text(s, k, rows, sizeof rows);
        snprintf(part, sizeof part, "%s%s", parts[0] ? " x " : "", rows);
        append(parts, sizeof parts, part);
        size_t per = s->analysis == NG_ANALYSIS_SOBOL    ? k + 2
                     : s->analysis == NG_ANALYSIS_MORRIS ? k + 1
                                                         : 1;
        product *= (double)(per > 1 ? s->sa_samples : s->samples) * (double)per;
    }
    if (strcmp(what, "design cells") == 0) {
        product *= (double)s->n_axes;
        snprintf(part, sizeof part, " x %zu columns", s->n_axes);
        append(parts, sizeof parts, part);
    }
    return ng_errors_add(errs, NG_ECONFIG, "axes",
                         "expected at most %zu %s, found %.6g (%s)", limit,
                         what, product, parts);
}

static int work_error(size_t points, size_t reps, size_t limit, ng_errors *errs)
{
    return ng_errors_add(errs, NG_ECONFIG, "replications",
                         "expected at most %zu runs (design points x "
                         "replications; raise it with --max-runs), found "
                         "%zu x %zu = %.6g",
                         limit, points, reps, (double)points * (double)reps);
}

int ng_design_check_work(const ng_design *d, const ng_spec *s, ng_errors *errs)
{
    size_t runs;
    if (!mul_size(d->n_points, s->replications, &runs) || runs > s->max_runs) {
        return work_error(d->n_points, s->replications, s->max_runs, errs);
    }
    return 0;
}

int ng_design_from_spec(const ng_spec *s, uint64_t master_seed, ng_design *d,
                        ng_errors *errs)
{
    memset(d, 0, sizeof *d);
    /* Every size is checked before anything is allocated: the product of
     * the value axes alone can pass 2^64 with a few long axes. */
    size_t combos = 1, k = 0, samples = 1, points, cells, runs;
    bool fits = true;
    for (size_t a = 0; a < s->n_axes; a++) {
        if (s->axes[a].values) {
            fits = fits && mul_size(combos, s->axes[a].n_values, &combos) &&
                   combos <= NG_DESIGN_MAX_POINTS;
        } else {
            k++;
        }
    }
    fits = fits && (!k || unit_rows(s, k, &samples)) &&
           mul_size(combos, samples, &points) && points <= NG_DESIGN_MAX_POINTS;
    if (!fits || points == 0) {
        return too_big(s, k, "design points", NG_DESIGN_MAX_POINTS, errs);
    }
    if (!mul_size(points, s->n_axes, &cells) || cells > NG_DESIGN_MAX_CELLS) {
        return too_big(s, k, "design cells", NG_DESIGN_MAX_CELLS, errs);
    }
    if (!mul_size(points, s->replications, &runs) || runs > s->max_runs) {
        return work_error(points, s->replications, s->max_runs, errs);
    }
    double *u = NULL;
    if (k) {
        int rc = unit_points(s, k, samples,
                             ng_seed_mix(master_seed, NG_DESIGN_STREAM), &u);
        if (rc) {
            free(u);
            return ng_errors_add(errs, rc, "axes", "cannot build the design");
        }
    }
    if (alloc_design(d, s->n_axes, points)) {
        free(u);
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "axes", "out of memory");
    }
    for (size_t a = 0; a < s->n_axes; a++) {
        d->paths[a] = dup_text(s->axes[a].path);
    }
    for (size_t p = 0; p < d->n_points; p++) {
        size_t combo = p / samples, sample = p % samples, col = 0;
        /* Value axes: the last varies fastest.  stride stays a whole
         * product of the later axes' lengths, so it never reaches 0. */
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
        /* Keep the unit coordinates per point for the estimators (points *
         * k <= cells, checked above). */
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
    for (size_t p = 0; p < d->n_points; p++) {
        if (!d->ids[p]) {
            ng_design_free(d);
            return ng_errors_add(errs, NG_ENOMEM, "axes", "out of memory");
        }
    }
    if (k && !d->unit) {
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "axes", "out of memory");
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

/* An id and its row, sorted by id and then row. */
typedef struct id_row {
    const char *id;
    size_t row;
} id_row;

static int by_id_then_row(const void *a, const void *b)
{
    const id_row *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* A repeated id: the row it is repeated on and its first row. */
typedef struct repeat {
    size_t row, first;
} repeat;

static int by_row(const void *a, const void *b)
{
    const repeat *x = a, *y = b;
    return (x->row > y->row) - (x->row < y->row);
}

/* Reports every row whose id an earlier row holds, in row order, with the
 * first row that holds it.  Sorting keeps this O(n log n): comparing every
 * pair took seconds for 40,000 rows and hours for a million. */
static int check_unique_ids(const ng_design *d, ng_errors *errs)
{
    size_t n = d->n_points;
    id_row *v = malloc((n ? n : 1) * sizeof *v);
    repeat *rep = malloc((n ? n : 1) * sizeof *rep);
    if (!v || !rep) {
        free(v);
        free(rep);
        return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
    }
    for (size_t r = 0; r < n; r++) {
        v[r] = (id_row){d->ids[r], r};
    }
    qsort(v, n, sizeof *v, by_id_then_row);
    size_t n_rep = 0;
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(v[i].id, v[first].id) != 0) {
            first = i;
        } else {
            rep[n_rep++] = (repeat){v[i].row, v[first].row};
        }
    }
    qsort(rep, n_rep, sizeof *rep, by_row);
    for (size_t i = 0; i < n_rep; i++) {
        ng_errors_add(errs, NG_ECONFIG, "design column \"id\"",
                      "expected unique ids, found \"%.60s\" in rows %zu and "
                      "%zu",
                      d->ids[rep[i].row], rep[i].first, rep[i].row);
    }
    free(v);
    free(rep);
    return n_rep ? NG_ECONFIG : 0;
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
    size_t cells;
    if (t->n_rows > NG_DESIGN_MAX_POINTS) {
        return ng_errors_add(errs, NG_ECONFIG, "design",
                             "expected at most %zu rows (design points), "
                             "found %zu",
                             NG_DESIGN_MAX_POINTS, t->n_rows);
    }
    if (!mul_size(t->n_rows, cols, &cells) || cells > NG_DESIGN_MAX_CELLS) {
        return ng_errors_add(errs, NG_ECONFIG, "design",
                             "expected at most %zu cells (rows x parameter "
                             "columns), found %zu x %zu",
                             NG_DESIGN_MAX_CELLS, t->n_rows, cols);
    }
    if (alloc_design(d, cols, t->n_rows)) {
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
    }
    bool complete = true;
    for (size_t c = 0, out = 0; c < t->n_cols; c++) {
        if (c != id_col) {
            d->paths[out] = dup_text(t->header[c]);
            complete = complete && d->paths[out++];
        }
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0, out = 0; c < t->n_cols; c++) {
            const char *cell = t->cells[r * t->n_cols + c];
            if (c == id_col) {
                d->ids[r] = id_text(cell);
            } else {
                d->cells[r * cols + out] = dup_text(cell);
                complete = complete && d->cells[r * cols + out];
                out++;
            }
        }
        if (id_col == SIZE_MAX) {
            char id[24];
            snprintf(id, sizeof id, "%zu", r);
            d->ids[r] = dup_text(id);
        }
        complete = complete && d->ids[r];
    }
    if (!complete) {
        ng_design_free(d);
        return ng_errors_add(errs, NG_ENOMEM, "design", "out of memory");
    }
    int rc = id_col != SIZE_MAX ? check_unique_ids(d, errs) : 0;
    if (rc || (errs && errs->n + errs->dropped > before)) {
        ng_design_free(d);
        return rc ? rc : NG_ECONFIG;
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
