/* The parameter registry (params.h): the model's rows from param_table.h
 * and the rows every rule declares in its own file, assembled once. */
#define _POSIX_C_SOURCE 200809L /* pthread_once */
#include "netgov/params.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "netgov/rules.h"

#define ROW_D(f, path, def, lo, hi, unit, meaning)                             \
    {path,                                                                     \
     NG_PARAM_REAL,                                                            \
     offsetof(ng_params, f),                                                   \
     def,                                                                      \
     {0},                                                                      \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     lo,                                                                       \
     hi,                                                                       \
     unit,                                                                     \
     meaning,                                                                  \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     0},
#define ROW_I(f, path, def, lo, hi, unit, meaning)                             \
    {path,                                                                     \
     NG_PARAM_INT,                                                             \
     offsetof(ng_params, f),                                                   \
     (double)(def),                                                            \
     {0},                                                                      \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     (double)(lo),                                                             \
     (double)(hi),                                                             \
     unit,                                                                     \
     meaning,                                                                  \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     0},
#define ROW_C(f, path, def, family, meaning)                                   \
    {path,                                                                     \
     NG_PARAM_CHOICE,                                                          \
     offsetof(ng_params, f),                                                   \
     0,                                                                        \
     {0},                                                                      \
     def,                                                                      \
     family,                                                                   \
     0,                                                                        \
     0,                                                                        \
     "",                                                                       \
     meaning,                                                                  \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     0},
#define ROW_V(f, path, d0, d1, d2, d3, lo, hi, unit, meaning)                  \
    {path,                                                                     \
     NG_PARAM_VECTOR,                                                          \
     offsetof(ng_params, f),                                                   \
     0,                                                                        \
     {d0, d1, d2, d3},                                                         \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     lo,                                                                       \
     hi,                                                                       \
     unit,                                                                     \
     meaning,                                                                  \
     NULL,                                                                     \
     NG_FAMILY_NONE,                                                           \
     0},
/* An R row is a marker: the rules of `family` are listed here. */
#define ROW_R(family)                                                          \
    {NULL, NG_PARAM_REAL,  0, 0, {0}, NULL, family, 0, 0, NULL, NULL,          \
     NULL, NG_FAMILY_NONE, 0},

static const ng_param model_rows[] = {
    NG_PARAMS(ROW_D, ROW_I, ROW_C, ROW_V, ROW_R)};

#define N_MODEL_ROWS (sizeof model_rows / sizeof model_rows[0])

/* ---- the assembled registry ---- */

/* Bounds of the assembled table: every rule row has a path of at most
 * PATH_MAX_LEN bytes. */
#define RULE_ROWS_MAX 512
#define PATH_MAX_LEN 96
#define RULES_MAX 64

static struct registry {
    ng_param rows[N_MODEL_ROWS + RULE_ROWS_MAX];
    size_t n;
    char paths[RULE_ROWS_MAX][PATH_MAX_LEN];
    size_t n_rule_rows;
    /* Each rule with parameters and the offset of its block. */
    const ng_rule *rules[RULES_MAX];
    size_t block[RULES_MAX];
    size_t n_rules;
    size_t blocks_used; /* bytes the blocks of every rule need */
    bool fits;
} reg;

static pthread_once_t reg_once = PTHREAD_ONCE_INIT;

/* Appends the rows of one rule, if its struct fits the rule blocks. */
static void add_rule(ng_family family, const ng_rule *r)
{
    if (r->n_params == 0) {
        return;
    }
    size_t align = _Alignof(max_align_t);
    size_t start = (reg.blocks_used + align - 1) / align * align;
    reg.blocks_used = start + r->params_size;
    if (reg.blocks_used > NG_RULE_BLOCKS_BYTES || reg.n_rules >= RULES_MAX ||
        reg.n_rule_rows + r->n_params > RULE_ROWS_MAX) {
        reg.fits = false;
        return;
    }
    reg.rules[reg.n_rules] = r;
    reg.block[reg.n_rules++] = start;
    for (size_t k = 0; k < r->n_params; k++) {
        const ng_rule_param *q = &r->params[k];
        char *path = reg.paths[reg.n_rule_rows++];
        if (r->param_prefix) {
            snprintf(path, PATH_MAX_LEN, "%s.%s", r->param_prefix, q->suffix);
        } else {
            snprintf(path, PATH_MAX_LEN, "%s.%s.%s", ng_family_section(family),
                     r->name, q->suffix);
        }
        reg.rows[reg.n++] = (ng_param){
            .path = path,
            .type = q->type,
            .offset = offsetof(ng_params, rule_blocks) + start + q->offset,
            .def = q->def,
            .family = NG_FAMILY_NONE,
            .min = q->min,
            .max = q->max,
            .unit = q->unit,
            .meaning = q->meaning,
            .rule = r,
            .rule_family = family,
            .serves = q->serves,
        };
    }
}

static void assemble(void)
{
    reg.fits = true;
    for (size_t i = 0; i < N_MODEL_ROWS; i++) {
        const ng_param *d = &model_rows[i];
        if (d->path) {
            reg.rows[reg.n++] = *d;
            continue;
        }
        for (size_t k = 0; k < ng_family_rule_count(d->family); k++) {
            add_rule(d->family, ng_family_rule(d->family, k));
        }
    }
}

static const struct registry *registry(void)
{
    pthread_once(&reg_once, assemble);
    return &reg;
}

size_t ng_params_count(void)
{
    return registry()->n;
}

const ng_param *ng_params_at(size_t i)
{
    const struct registry *r = registry();
    return i < r->n ? &r->rows[i] : NULL;
}

const ng_param *ng_params_find(const char *path)
{
    const struct registry *r = registry();
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->rows[i].path, path) == 0) {
            return &r->rows[i];
        }
    }
    return NULL;
}

const void *ng_rule_params(const ng_params *p, const ng_rule *rule)
{
    const struct registry *r = registry();
    for (size_t k = 0; k < r->n_rules; k++) {
        if (r->rules[k] == rule) {
            return p->rule_blocks + r->block[k];
        }
    }
    return NULL;
}

bool ng_rule_blocks_fit(size_t *used)
{
    const struct registry *r = registry();
    if (used) {
        *used = r->blocks_used;
    }
    return r->fits;
}

double *ng_param_real(ng_params *p, const ng_param *d)
{
    return (double *)(void *)((char *)p + d->offset);
}

int64_t *ng_param_int(ng_params *p, const ng_param *d)
{
    return (int64_t *)(void *)((char *)p + d->offset);
}

int *ng_param_choice(ng_params *p, const ng_param *d)
{
    return (int *)(void *)((char *)p + d->offset);
}

double *ng_param_vector(ng_params *p, const ng_param *d)
{
    return (double *)(void *)((char *)p + d->offset);
}

void ng_params_defaults(ng_params *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        switch (d->type) {
        case NG_PARAM_REAL:
            *ng_param_real(p, d) = d->def;
            break;
        case NG_PARAM_INT:
            *ng_param_int(p, d) = (int64_t)d->def;
            break;
        case NG_PARAM_CHOICE:
            *ng_param_choice(p, d) = ng_family_find(d->family, d->def_choice);
            break;
        case NG_PARAM_VECTOR:
            memcpy(ng_param_vector(p, d), d->def_vec, sizeof d->def_vec);
            break;
        }
    }
}

/* Choice 0 lets each shock draw its perspective; choice k+1 is
 * perspective k of the interest vectors. */
static const char *const perspectives[NG_DIM + 1] = {
    "random", "enforcement", "care", "economic", "knowledge"};

const char *ng_family_choice(ng_family family, int index)
{
    if (index < 0) {
        return NULL;
    }
    size_t i = (size_t)index;
    switch (family) {
    case NG_FAMILY_GOVERNANCE:
    case NG_FAMILY_COST:
    case NG_FAMILY_DECISION:
        return i < ng_family_rule_count(family)
                   ? ng_family_rule(family, i)->name
                   : NULL;
    case NG_FAMILY_PERSPECTIVE:
        return i < sizeof perspectives / sizeof perspectives[0]
                   ? perspectives[i]
                   : NULL;
    case NG_FAMILY_NONE:
        break;
    }
    return NULL;
}

int ng_family_find(ng_family family, const char *name)
{
    const char *c;
    for (int i = 0; (c = ng_family_choice(family, i)) != NULL; i++) {
        if (strcmp(c, name) == 0) {
            return i;
        }
    }
    return -1;
}

void ng_family_list(ng_family family, char *buf, size_t size)
{
    size_t used = 0;
    const char *c;
    buf[0] = '\0';
    for (int i = 0; (c = ng_family_choice(family, i)) != NULL; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", c);
        if (w < 0 || (size_t)w >= size - used) {
            break;
        }
        used += (size_t)w;
    }
}
