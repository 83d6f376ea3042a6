/* The parameter registry: one descriptor per model parameter.
 *
 * Assembled from two kinds of declarations: the model's own parameters in
 * param_table.h, and the parameters each governance mode, cost rule and
 * decision rule declares in its own file (ng_rule_param rows, see rules.h).
 * Every use of a parameter by path (config parsing, validation, --set,
 * listings, sweep axes, the ODD text, the resolved config in the output)
 * goes through this table, so a parameter is declared exactly once.
 *
 * A rule's rows appear where param_table.h has an R row for the rule's
 * family, rule by rule in registry order, and their values live in the
 * rule's own parameter struct inside ng_params.rule_blocks at an offset the
 * registry gives each rule.  The table is assembled once, on first use,
 * and never changes afterwards, so it may be read from any thread.
 */
#ifndef NETGOV_PARAMS_H
#define NETGOV_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netgov/param_table.h"

struct ng_rule; /* rules.h */

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

/* Room for the parameter structs of every registered rule together.  A
 * rule whose struct does not fit has no parameters in the registry and
 * fails validation when chosen (ng_config_validate names the rule); the
 * registry's contract test (tests/unit/test_params.c) fails first. */
#define NG_RULE_BLOCKS_BYTES 2048

/* All parameter values of a scenario, one field per table row, and the
 * rules' own parameter structs.  Choice parameters hold an index into
 * their rule family's registry. */
typedef struct ng_params {
#define NG_FIELD_D(f, ...) double f;
#define NG_FIELD_I(f, ...) int64_t f;
#define NG_FIELD_C(f, ...) int f;
#define NG_FIELD_V(f, ...) double f[NG_DIM];
#define NG_FIELD_R(family)
    NG_PARAMS(NG_FIELD_D, NG_FIELD_I, NG_FIELD_C, NG_FIELD_V, NG_FIELD_R)
#undef NG_FIELD_D
#undef NG_FIELD_I
#undef NG_FIELD_C
#undef NG_FIELD_V
#undef NG_FIELD_R
    /* Plain bytes, so ng_params stays a value that copies with `=`. */
    _Alignas(max_align_t) unsigned char rule_blocks[NG_RULE_BLOCKS_BYTES];
} ng_params;

/* The submodels of docs/MODEL.md section 8, in its order.  A rule's
 * parameter names the submodels it serves (NG_SERVES bits), so the ODD
 * text lists it there; the model's own parameters are matched by path
 * patterns in sim/report/odd.c instead. */
#define NG_SUBMODELS(X)                                                        \
    X(POWER)                                                                   \
    X(QUOTAS)                                                                  \
    X(CONTRIBUTIONS)                                                           \
    X(PRODUCTION)                                                              \
    X(BENEFITS)                                                                \
    X(MONITORING)                                                              \
    X(LEARNING)                                                                \
    X(RECRUITMENT)                                                             \
    X(EXIT)                                                                    \
    X(BREAKDOWN)                                                               \
    X(RECORDING)                                                               \
    X(ENVIRONMENT)                                                             \
    X(MISSION)                                                                 \
    X(DECISIONS)                                                               \
    X(PROCESS)                                                                 \
    X(INFORMATION)                                                             \
    X(MEANING)                                                                 \
    X(EVALUATION)                                                              \
    X(GEOGRAPHY)

enum ng_submodel {
#define NG_SUBMODEL_ENUM(name) NG_SUBMODEL_##name,
    NG_SUBMODELS(NG_SUBMODEL_ENUM)
#undef NG_SUBMODEL_ENUM
        NG_SUBMODEL_COUNT
};
#define NG_SERVES(name) (1u << NG_SUBMODEL_##name)

/* One parameter a rule declares in its own file: the last segment of its
 * path (the field's name), its type, where it sits in the rule's parameter
 * struct, its default and inclusive range, unit, meaning, and the
 * submodels it serves.  Write rows with NG_RULE_PARAM. */
typedef struct ng_rule_param {
    const char *suffix;
    ng_param_type type; /* NG_PARAM_REAL or NG_PARAM_INT */
    size_t offset;      /* of the field in the rule's parameter struct */
    double def, min, max;
    const char *unit;
    const char *meaning;
    unsigned serves; /* NG_SERVES(...) bits */
} ng_rule_param;

/* A row for field `field` (double or int64_t, checked at compile time) of
 * the rule's parameter struct T:
 *   NG_RULE_PARAM(nao_params, monitoring, 0.9, 0, 1, "probability",
 *                 "chance KPI monitoring observes a contribution",
 *                 NG_SERVES(MONITORING))  */
#define NG_RULE_PARAM(T, field, def, lo, hi, unit, meaning, serves)            \
    {                                                                          \
#field,                                                                \
            _Generic(((T *)0)->field, double                                   \
                     : NG_PARAM_REAL, int64_t                                  \
                     : NG_PARAM_INT),                                          \
            offsetof(T, field), (double)(def), (double)(lo), (double)(hi),     \
            unit, meaning, serves                                              \
    }

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
    /* Declared by a rule (NULL for the model's own parameters): the rule,
     * its family, and the submodels the parameter serves. */
    const struct ng_rule *rule;
    ng_family rule_family;
    unsigned serves;
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

/* The families that hold rules (governance, cost, decision), and for each
 * its rules in registry order. */
bool ng_family_has_rules(ng_family family);
size_t ng_family_rule_count(ng_family family);
const struct ng_rule *ng_family_rule(ng_family family, size_t index);
/* The section of the config a family's choice lives in ("governance",
 * "cost_sharing", "decision"); a rule's parameters sit below it. */
const char *ng_family_section(ng_family family);

/* The parameter struct of `rule` inside p, or NULL when the rule declares
 * no parameters or they did not fit NG_RULE_BLOCKS_BYTES. */
const void *ng_rule_params(const ng_params *p, const struct ng_rule *rule);
/* Whether every registered rule's parameters fit the rule blocks, and the
 * bytes they take together. */
bool ng_rule_blocks_fit(size_t *used);

/* Typed access to the field a descriptor describes. */
double *ng_param_real(ng_params *p, const ng_param *d);
int64_t *ng_param_int(ng_params *p, const ng_param *d);
int *ng_param_choice(ng_params *p, const ng_param *d);
double *ng_param_vector(ng_params *p, const ng_param *d);

#endif
