/* Scenario configuration: defaults, JSON loading, validation, overrides.
 *
 * A config is plain C data: the registry's parameter values plus an optional
 * list of named partners and explicit ties.  A JSON scenario only names what
 * differs from the defaults.  No cJSON tree outlives ng_config_parse.
 */
#ifndef NETGOV_CONFIG_H
#define NETGOV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "netgov/error.h"
#include "netgov/params.h"

typedef enum ng_sector {
    NG_SECTOR_GOVERNMENT,
    NG_SECTOR_BUSINESS,
    NG_SECTOR_KNOWLEDGE,
    NG_SECTOR_CIVIL,
    NG_SECTOR_COUNT
} ng_sector;

typedef enum ng_disposition {
    NG_DISP_CONDITIONAL,
    NG_DISP_FREE_RIDER,
    NG_DISP_HUMP,
    NG_DISP_UNCONDITIONAL,
    NG_DISP_COUNT
} ng_disposition;

const char *ng_sector_name(int sector);
const char *ng_disposition_name(int disposition);

/* A partner listed by name.  Attributes not given (has_* false) are drawn
 * from the sector's distributions. */
#define NG_NAME_MAX 64
typedef struct ng_partner_spec {
    char name[NG_NAME_MAX];
    int sector;
    bool founder;
    bool lead;
    bool has_capacity, has_authority, has_support, has_interests,
        has_disposition, has_location;
    double capacity;
    double authority;
    double support;
    double interests[NG_DIM];
    int disposition;
    double location[2]; /* km from the region's corner (geography) */
} ng_partner_spec;

/* An explicit acquaintance tie between two listed partners. */
typedef struct ng_tie_spec {
    size_t a, b;  /* indices into the partner list */
    double trust; /* initial trust both ways */
} ng_tie_spec;

/* ---- limits on what netgov reads ----
 * Every file is read through one reader that stops one byte past its cap,
 * so a huge file, /dev/zero or a FIFO that never ends is an error, not an
 * endless read.  Configs, experiment specs, design tables and sweep lines
 * are small: NG_INPUT_MAX_BYTES.  Documents netgov writes and reads back
 * (run documents, sweep manifests) grow with the pool and the events
 * kept: NG_DOCUMENT_MAX_BYTES (docs/OUTPUT.md, "Limits"). */
#define NG_INPUT_MAX_MIB 64
#define NG_INPUT_MAX_BYTES ((size_t)NG_INPUT_MAX_MIB * 1024 * 1024)
#define NG_DOCUMENT_MAX_MIB 512
#define NG_DOCUMENT_MAX_BYTES ((size_t)NG_DOCUMENT_MAX_MIB * 1024 * 1024)

/* ---- limits on what one scenario may imply ----
 * Validation refuses a scenario whose model would need more memory than
 * max_memory_gib or more work than max_work; 0 means the default.  A
 * config file cannot set these: only the user can raise them
 * (--max-memory, --max-work). */
#define NG_MAX_MEMORY_GIB_DEFAULT 8.0
#define NG_MAX_WORK_DEFAULT 1e11
typedef struct ng_limits {
    double max_memory_gib; /* GiB of one model; 0: the default */
    double max_work;       /* tie visits of one run; 0: the default */
} ng_limits;

/* What one run of a scenario implies, from its parameters alone. */
typedef struct ng_estimate {
    double pool;         /* partners in the pool, listed and generated */
    double bytes;        /* peak memory of one model and its run, in bytes */
    double pool_bytes;   /* of which the partner and tie arrays */
    double series_bytes; /* of which the series: metrics x run.ticks */
    double event_bytes;  /* of which the events kept */
    double work;         /* run.ticks x pool x (1 + network.max_degree) */
} ng_estimate;

typedef struct ng_config {
    char name[NG_NAME_MAX];
    char description[2048]; /* room for a teaching case's lesson */
    ng_params p;
    ng_partner_spec *partners; /* owned */
    size_t n_partners;
    ng_tie_spec *ties; /* owned */
    size_t n_ties;
    ng_limits limits; /* never read from a file; copied with the config */
} ng_config;

/* Fills cfg with the defaults and no listed partners. */
void ng_config_init(ng_config *cfg);
/* Frees the partner and tie lists; cfg may be reused after ng_config_init. */
void ng_config_clear(ng_config *cfg);
/* Deep copy; returns 0 or NG_ENOMEM (dst is then cleared). */
int ng_config_copy(ng_config *dst, const ng_config *src);

/* Merges a JSON scenario (text of `len` bytes) over cfg.  `source` names
 * the text in messages ("configs/port.json").  Collects every error it
 * finds into errs and returns NG_ECONFIG if there was any; cfg is then
 * in an unspecified but valid (freeable) state. */
int ng_config_parse(ng_config *cfg, const char *text, size_t len,
                    const char *source, ng_errors *errs);
/* Reads and merges a file; an unreadable file is NG_EIO. */
int ng_config_load(ng_config *cfg, const char *path, ng_errors *errs);
/* Applies one "path=value" override (value as JSON, or a bare word taken
 * as a string). */
int ng_config_set(ng_config *cfg, const char *assignment, ng_errors *errs);
/* Checks the cross-field rules that single fields cannot (e.g. lead_pays
 * needs lead governance, slope_min <= slope_max, a non-empty pool). */
int ng_config_validate(const ng_config *cfg, ng_errors *errs);

/* Total pool size: listed partners plus generated ones. */
size_t ng_config_pool_size(const ng_config *cfg);

/* Estimates the memory and work one run of cfg implies (every array the
 * model allocates, the series, the events it may keep, the listed
 * partners and ties), in doubles so that no product overflows.  A sweep
 * multiplies it by the runs it holds at once. */
void ng_config_estimate(const ng_config *cfg, ng_estimate *out);
/* The limits cfg is held to, its own or the defaults: GiB and tie visits. */
double ng_config_max_memory_gib(const ng_config *cfg);
double ng_config_max_work(const ng_config *cfg);

#endif
