/* The parameter registry: one descriptor per model parameter.
 *
 * Generated from param_table.h.  Every use of a parameter by path (config
 * parsing, validation, --set, listings, the resolved config in the output)
 * goes through this table, so a parameter is declared exactly once.
 */
#ifndef NETGOV_PARAMS_H
#define NETGOV_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "netgov/param_table.h"

/* Perspectives of interests and sectors are fixed at four each. */
#define NG_DIM 4

typedef enum ng_param_type {
    NG_PARAM_REAL,
    NG_PARAM_INT,
    NG_PARAM_CHOICE,
    NG_PARAM_VECTOR
} ng_param_type;

/* Families of names that choice parameters pick from. */
typedef enum ng_family {
    NG_FAMILY_NONE,
    NG_FAMILY_GOVERNANCE,
    NG_FAMILY_COST,
    NG_FAMILY_DECISION,
    NG_FAMILY_PERSPECTIVE /* "random", then the NG_DIM perspectives */
} ng_family;

/* All parameter values of a scenario, one field per table row.  Choice
 * parameters hold an index into their rule family's registry. */
typedef struct ng_params {
#define NG_FIELD_D(f, ...) double f;
#define NG_FIELD_I(f, ...) int64_t f;
#define NG_FIELD_C(f, ...) int f;
#define NG_FIELD_V(f, ...) double f[NG_DIM];
    NG_PARAMS(NG_FIELD_D, NG_FIELD_I, NG_FIELD_C, NG_FIELD_V)
#undef NG_FIELD_D
#undef NG_FIELD_I
#undef NG_FIELD_C
#undef NG_FIELD_V
} ng_params;

typedef struct ng_param {
    const char *path; /* dotted path, e.g. "governance.nao.monitoring" */
    ng_param_type type;
    size_t offset;          /* of the field in ng_params */
    double def;             /* default (REAL, INT) */
    double def_vec[NG_DIM]; /* default (VECTOR) */
    const char *def_choice; /* default (CHOICE) */
    ng_family family;       /* CHOICE only */
    double min, max;        /* inclusive bounds (REAL, INT, VECTOR elements) */
    const char *unit;       /* "" when dimensionless */
    const char *meaning;    /* one line */
} ng_param;

/* Number of registered parameters. */
size_t ng_params_count(void);
/* Descriptor i (0 <= i < ng_params_count()). */
const ng_param *ng_params_at(size_t i);
/* Descriptor by exact dotted path, or NULL. */
const ng_param *ng_params_find(const char *path);
/* Fills every field with its default. */
void ng_params_defaults(ng_params *p);

/* Name of choice `index` of a family, or NULL past the end. */
const char *ng_family_choice(ng_family family, int index);
/* Index of `name` in a family, or -1. */
int ng_family_find(ng_family family, const char *name);
/* Comma-separated list of a family's names, written into buf. */
void ng_family_list(ng_family family, char *buf, size_t size);

/* Typed access to the field a descriptor describes. */
double *ng_param_real(ng_params *p, const ng_param *d);
int64_t *ng_param_int(ng_params *p, const ng_param *d);
int *ng_param_choice(ng_params *p, const ng_param *d);
double *ng_param_vector(ng_params *p, const ng_param *d);

#endif
