/* The parameter registry (params.h), generated from param_table.h. */
#include "netgov/params.h"

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
     meaning},
#define ROW_I(f, path, def, lo, hi, unit, meaning)                             \
    {path,   NG_PARAM_INT,   offsetof(ng_params, f), (double)(def), {0},       \
     NULL,   NG_FAMILY_NONE, (double)(lo),           (double)(hi),  unit,      \
     meaning},
#define ROW_C(f, path, def, family, meaning)                                   \
    {path, NG_PARAM_CHOICE, offsetof(ng_params, f), 0, {0}, def, family, 0, 0, \
     "",   meaning},
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
     meaning},

static const ng_param registry[] = {NG_PARAMS(ROW_D, ROW_I, ROW_C, ROW_V)};

#define N_PARAMS (sizeof registry / sizeof registry[0])

size_t ng_params_count(void)
{
    return N_PARAMS;
}

const ng_param *ng_params_at(size_t i)
{
    return i < N_PARAMS ? &registry[i] : NULL;
}

const ng_param *ng_params_find(const char *path)
{
    for (size_t i = 0; i < N_PARAMS; i++) {
        if (strcmp(registry[i].path, path) == 0) {
            return &registry[i];
        }
    }
    return NULL;
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
    for (size_t i = 0; i < N_PARAMS; i++) {
        const ng_param *d = &registry[i];
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
        return i < ng_governance_count() ? ng_governance_at(i)->name : NULL;
    case NG_FAMILY_COST:
        return i < ng_cost_rule_count() ? ng_cost_rule_at(i)->name : NULL;
    case NG_FAMILY_DECISION:
        return i < ng_decision_rule_count() ? ng_decision_rule_at(i)->name
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
