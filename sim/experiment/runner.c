/* The sweep runner: one run of a design point as a line of runs.jsonl, and
 * a pool of threads that works through a list of runs.
 *
 * A run's line depends only on the sweep and the run number, never on the
 * thread that ran it, so the output is the same whatever the thread count;
 * the threads share nothing but the index of the next run and the sink. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/error_internal.h"
#include "io/output_internal.h"
#include "netgov/model.h"
#include "netgov/output.h"
#include "netgov/sweep.h"

uint64_t ng_sweep_seed(uint64_t master, size_t point, size_t rep,
                       bool common_numbers)
{
    uint64_t stream = (uint64_t)rep;
    if (!common_numbers) {
        stream += ((uint64_t)point + 1) << 32;
    }
    return ng_seed_mix(master, stream);
}

size_t ng_sweep_runs(const ng_sweep *s)
{
    return s->design->n_points * s->replications;
}

/* ---- one run ---- */

static cJSON *params_json(const ng_design *d, size_t p)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t c = 0; o && c < d->n_cols; c++) {
        cJSON_AddItemToObject(o, d->paths[c],
                              cJSON_Duplicate(d->values[p * d->n_cols + c], 1));
    }
    return o;
}

static cJSON *error_json(const ng_error *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", ng_err_name(e->code));
    cJSON_AddStringToObject(o, "where", e->where);
    cJSON_AddStringToObject(o, "message", e->msg);
    return o;
}

/* The key observables at every series_every-th recorded tick, as the text
 * of the line's "series" member.  Written by hand with 9 significant
 * digits: printing them through cJSON (exact round trip, checked with a
 * scan per number) cost more than the run itself.  Full precision is in
 * the run documents (--series). */
static char *series_text(const ng_model *m, size_t every)
{
    static const int keys[] = {
#define NG_KEY_METRIC(name) NG_M_##name,
        NG_SWEEP_SERIES(NG_KEY_METRIC)
#undef NG_KEY_METRIC
    };
    size_t ticks = ng_model_ticks_recorded(m), n = (ticks + every - 1) / every;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        return NULL;
    }
    fputs("\"series\":{\"tick\":[", f);
    for (size_t t = 0; t < n; t++) {
        fprintf(f, "%s%zu", t ? "," : "", t * every + 1);
    }
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const double *x = ng_model_series(m, keys[k]);
        fprintf(f, "],\"%s\":[", ng_metric_name(keys[k]));
        for (size_t t = 0; t < n; t++) {
            fprintf(f, "%s%.9g", t ? "," : "", x[t * every]);
        }
    }
    fputs("]}", f);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static char *line_text(const cJSON *line, const char *series)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        return NULL;
    }
    ng__json_write(f, line);
    if (series) {
        /* {...} -> {...,"series":{...}} */
        fseek(f, -1, SEEK_CUR);
        fprintf(f, ",%s}", series);
    }
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static int write_document(const ng_sweep *s, size_t r, const ng_model *m,
                          ng_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/run-%06zu.json", s->documents_dir, r);
    return ng_output_to_path(m, path, ng_output_json, err);
}

/* Runs cfg and adds its results (or its error) to the line. */
static void run_into(const ng_sweep *s, size_t r, const ng_config *cfg,
                     cJSON *line, char **series)
{
    ng_error err = {0};
    ng_model *m = ng_model_alloc(cfg, &err);
    int rc = m ? ng_model_run(m, &err) : err.code ? err.code : NG_ENOMEM;
    if (rc == 0 && s->documents_dir) {
        rc = write_document(s, r, m, &err);
    }
    if (rc) {
        if (!err.code) {
            ng_error_set(&err, rc, NULL, "%s", ng_strerror(rc));
        }
        cJSON_AddItemToObject(line, "error", error_json(&err));
    } else {
        ng_summary sum;
        ng_model_summary(m, &sum);
        cJSON_AddStringToObject(line, "outcome", ng_outcome_name(sum.outcome));
        cJSON_AddStringToObject(line, "cause", ng_reason_name(sum.cause));
        cJSON_AddItemToObject(line, "summary", ng__summary_json(&sum));
        size_t every = s->series_every;
        if (every == 0) {
            size_t ticks = (size_t)cfg->p.run_ticks;
            every =
                (ticks + NG_SWEEP_SERIES_POINTS - 1) / NG_SWEEP_SERIES_POINTS;
        }
        *series = series_text(m, every ? every : 1);
    }
    ng_model_free(m);
}

int ng_sweep_run_line(const ng_sweep *s, size_t r, char **out)
{
    if (!s->design->values && s->design->n_cols) {
        return NG_EINVAL; /* the design must pass ng_design_check first */
    }
    size_t p = r / s->replications, rep = r % s->replications;
    uint64_t seed = ng_sweep_seed(s->master_seed, p, rep, s->common_numbers);
    cJSON *line = cJSON_CreateObject();
    if (!line) {
        return NG_ENOMEM;
    }
    cJSON_AddNumberToObject(line, "run", (double)r);
    cJSON_AddNumberToObject(line, "point", (double)p);
    cJSON_AddStringToObject(line, "id", s->design->ids[p]);
    cJSON_AddNumberToObject(line, "rep", (double)rep);
    cJSON_AddNumberToObject(line, "seed", (double)seed);
    cJSON_AddItemToObject(line, "params", params_json(s->design, p));

    ng_config cfg;
    ng_config_init(&cfg);
    ng_errors errs = {0};
    char *series = NULL;
    int rc = ng_config_copy(&cfg, s->base);
    if (rc == 0) {
        ng_design_apply(s->design, p, &cfg, &errs);
        cfg.p.run_seed = (int64_t)seed;
        if (errs.n == 0) {
            ng_config_validate(&cfg, &errs);
        }
    }
    if (rc == 0 && errs.n) {
        /* An invalid combination of values is this run's result. */
        cJSON_AddItemToObject(line, "error", error_json(&errs.items[0]));
    } else if (rc == 0) {
        run_into(s, r, &cfg, line, &series);
    }
    ng_config_clear(&cfg);
    *out = rc ? NULL : line_text(line, series);
    cJSON_Delete(line);
    free(series);
    return *out ? 0 : NG_ENOMEM;
}

/* ---- threads ---- */

typedef struct pool {
    const ng_sweep *s;
    const size_t *todo;
    size_t n_todo, next;
    ng_line_sink sink;
    void *ctx;
    atomic_int *stop;
    int status;
    pthread_mutex_t lock;
} pool;

static void *worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        bool done = pl->next >= pl->n_todo || pl->status ||
                    (pl->stop && atomic_load(pl->stop));
        size_t r = done ? 0 : pl->todo[pl->next++];
        pthread_mutex_unlock(&pl->lock);
        if (done) {
            return NULL;
        }
        char *line = NULL;
        int rc = ng_sweep_run_line(pl->s, r, &line);
        pthread_mutex_lock(&pl->lock);
        if (rc) {
            pl->status = rc;
        } else {
            pl->sink(pl->ctx, r, line);
        }
        pthread_mutex_unlock(&pl->lock);
        free(line);
    }
}

int ng_sweep_run_threads(const ng_sweep *s, const size_t *todo, size_t n_todo,
                         int threads, ng_line_sink sink, void *ctx,
                         atomic_int *stop, ng_error *err)
{
    /* Once, before any worker thread starts. */
    ng__gsl_init();
    if (threads < 1) {
        return ng_error_set(err, NG_EINVAL, "-j", "expected at least 1 thread");
    }
    if (!s->design->values && s->design->n_cols) {
        return ng_error_set(err, NG_EINVAL, "design",
                            "expected a design checked by ng_design_check");
    }
    pool pl = {
        s, todo, n_todo, 0, sink, ctx, stop, 0, PTHREAD_MUTEX_INITIALIZER};
    size_t n = (size_t)threads < n_todo ? (size_t)threads : n_todo;
    pthread_t *tid = calloc(n ? n : 1, sizeof *tid);
    if (!tid) {
        return ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
    }
    size_t started = 0;
    /* The calling thread works too, so -j 1 starts no thread at all. */
    for (; started + 1 < n; started++) {
        if (pthread_create(&tid[started], NULL, worker, &pl)) {
            break;
        }
    }
    worker(&pl);
    for (size_t t = 0; t < started; t++) {
        pthread_join(tid[t], NULL);
    }
    free(tid);
    pthread_mutex_destroy(&pl.lock);
    if (pl.status) {
        return ng_error_set(err, pl.status, NULL, "%s", ng_strerror(pl.status));
    }
    return 0;
}
