/* Config lifecycle, overrides and cross-field validation (config.h).
 * Field-by-field parsing, and the names of sectors and dispositions, live
 * in config_parse.c, which needs nothing from this file. */
#include "netgov/config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "error_internal.h"
#include "netgov/rules.h"

void ng_config_init(ng_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->name, sizeof cfg->name, "%s", "scenario");
    ng_params_defaults(&cfg->p);
}

void ng_config_clear(ng_config *cfg)
{
    free(cfg->partners);
    free(cfg->ties);
    cfg->partners = NULL;
    cfg->ties = NULL;
    cfg->n_partners = 0;
    cfg->n_ties = 0;
}

int ng_config_copy(ng_config *dst, const ng_config *src)
{
    *dst = *src;
    dst->partners = NULL;
    dst->ties = NULL;
    if (src->n_partners) {
        dst->partners = malloc(src->n_partners * sizeof *dst->partners);
        if (!dst->partners) {
            goto fail;
        }
        memcpy(dst->partners, src->partners,
               src->n_partners * sizeof *dst->partners);
    }
    if (src->n_ties) {
        dst->ties = malloc(src->n_ties * sizeof *dst->ties);
        if (!dst->ties) {
            goto fail;
        }
        memcpy(dst->ties, src->ties, src->n_ties * sizeof *dst->ties);
    }
    return 0;
fail:
    ng_config_clear(dst);
    return NG_ENOMEM;
}

size_t ng_config_pool_size(const ng_config *cfg)
{
    const ng_params *p = &cfg->p;
    int64_t generated =
        p->population_government_count + p->population_business_count +
        p->population_knowledge_count + p->population_civil_count;
    return cfg->n_partners + (size_t)generated;
}

/* "64 MiB", or bytes for a cap that is not a whole number of MiB. */
static void cap_text(size_t max, char *buf, size_t size)
{
    size_t mib = (size_t)1024 * 1024;
    if (max % mib == 0) {
        snprintf(buf, size, "%zu MiB", max / mib);
    } else {
        snprintf(buf, size, "%zu bytes", max);
    }
}

int ng__file_read_max(const char *path, size_t max, char **text, size_t *len,
                      ng_errors *errs)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        char why[NG_ERRNO_TEXT];
        return ng_errors_add(errs, NG_EIO, path, "cannot open: %s",
                             ng__errno_text(errno, why));
    }
    /* Read at most max + 1 bytes: one past the cap tells a file that is
     * too long (or a device that never ends) from one that just fits. */
    size_t limit = max < SIZE_MAX - 2 ? max + 1 : SIZE_MAX - 1;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (n + 1 >= cap) {
            size_t grow = cap ? (cap <= limit / 2 ? 2 * cap : limit + 1)
                              : (limit + 1 < 65536 ? limit + 1 : 65536);
            char *grown = realloc(buf, grow);
            if (!grown) {
                rc = ng_errors_add(errs, NG_ENOMEM, path, "out of memory");
                goto done;
            }
            buf = grown;
            cap = grow;
        }
        size_t want = cap - 1 - n;
        if (want > limit - n) {
            want = limit - n;
        }
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (n > max) {
            char text_cap[32];
            cap_text(max, text_cap, sizeof text_cap);
            rc = ng_errors_add(errs, NG_ECONFIG, path,
                               "expected a file of at most %s, found more",
                               text_cap);
            goto done;
        }
        if (got < want) {
            break; /* the end, or an error */
        }
    }
    if (ferror(f)) {
        char why[NG_ERRNO_TEXT];
        rc = ng_errors_add(errs, NG_EIO, path, "cannot read: %s",
                           ng__errno_text(errno, why));
        goto done;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
done:
    free(buf);
    fclose(f);
    return rc;
}

int ng__file_read(const char *path, char **text, size_t *len, ng_errors *errs)
{
    return ng__file_read_max(path, NG_INPUT_MAX_BYTES, text, len, errs);
}

cJSON *ng__json_file_read(const char *path, ng_errors *errs)
{
    char *text = NULL;
    size_t len = 0;
    cJSON *doc =
        ng__file_read_max(path, NG_DOCUMENT_MAX_BYTES, &text, &len, errs) == 0
            ? ng__json_parse(text, len, path, errs)
            : NULL;
    free(text);
    return doc;
}

int ng_config_load(ng_config *cfg, const char *path, ng_errors *errs)
{
    char *text;
    size_t len;
    int rc = ng__file_read(path, &text, &len, errs);
    if (rc == 0) {
        rc = ng_config_parse(cfg, text, len, path, errs);
    }
    free(text);
    return rc;
}

int ng_config_set(ng_config *cfg, const char *assignment, ng_errors *errs)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment) {
        return ng_errors_add(errs, NG_ECONFIG, "--set",
                             "expected path=value, found \"%s\"", assignment);
    }
    char path[160];
    size_t plen = (size_t)(eq - assignment);
    if (plen >= sizeof path) {
        return ng_errors_add(errs, NG_ECONFIG, "--set", "path too long");
    }
    memcpy(path, assignment, plen);
    path[plen] = '\0';
    /* The value comes from the command line, but ends up in names and in
     * the run document like any value from a file: the same strictness. */
    char source[sizeof path + 8];
    snprintf(source, sizeof source, "--set %s", path);
    const char *text = eq + 1;
    if (ng__json_text_check(text, strlen(text), source, errs) != 0) {
        return NG_ECONFIG;
    }
    /* A value that is not JSON (governance.mode=nao) is taken as a string. */
    const char *end = NULL;
    cJSON *value = cJSON_ParseWithOpts(text, &end, 1);
    if (!value) {
        for (const char *c = text; *c; c++) {
            if ((unsigned char)*c < 0x20) {
                return ng_errors_add(errs, NG_ECONFIG, source,
                                     "expected a value without control "
                                     "characters, found byte 0x%02x",
                                     (unsigned)(unsigned char)*c);
            }
        }
        value = cJSON_CreateString(text);
    } else if (ng__json_tree_check(value, source, errs) != 0) {
        cJSON_Delete(value);
        return NG_ECONFIG;
    }
    if (!value) {
        return ng_errors_add(errs, NG_ENOMEM, "--set", "out of memory");
    }
    size_t before = errs ? errs->n : 0;
    int rc = ng__config_apply(cfg, path, value, errs);
    cJSON_Delete(value);
    if (errs && errs->n > before) {
        return NG_ECONFIG;
    }
    return rc;
}

/* ---- cross-field validation ---- */

static int64_t sector_count(const ng_params *p, int s)
{
    const int64_t counts[NG_SECTOR_COUNT] = {
        p->population_government_count, p->population_business_count,
        p->population_knowledge_count, p->population_civil_count};
    return counts[s];
}

static const double *sector_dispositions(const ng_params *p, int s)
{
    const double *const shares[NG_SECTOR_COUNT] = {
        p->population_government_dispositions,
        p->population_business_dispositions,
        p->population_knowledge_dispositions, p->population_civil_dispositions};
    return shares[s];
}

/* Listed ties are kept in fixed-stride storage of network.max_degree per
 * partner: more would be silently lost, so they are an error. */
static void validate_listed_ties(const ng_config *cfg, ng_errors *errs)
{
    if (!cfg->n_ties) {
        return;
    }
    /* Counted in one pass over the ties, not one per partner. */
    int64_t *ties = calloc(cfg->n_partners, sizeof *ties);
    if (!ties) {
        ng_errors_add(errs, NG_ENOMEM, "population.ties", "out of memory");
        return;
    }
    for (size_t t = 0; t < cfg->n_ties; t++) {
        ties[cfg->ties[t].a]++;
        if (cfg->ties[t].b != cfg->ties[t].a) {
            ties[cfg->ties[t].b]++;
        }
    }
    for (size_t i = 0; i < cfg->n_partners; i++) {
        if (ties[i] > cfg->p.network_max_degree) {
            ng_errors_add(errs, NG_ECONFIG, "population.ties",
                          "expected at most network.max_degree (%lld) ties "
                          "for \"%s\", found %lld",
                          (long long)cfg->p.network_max_degree,
                          cfg->partners[i].name, (long long)ties[i]);
        }
    }
    free(ties);
}

/* "320 GiB", "1.5 GiB", "12 MiB" */
static void bytes_text(double bytes, char *buf, size_t size)
{
    double gib = bytes / (1024.0 * 1024 * 1024);
    if (gib >= 1) {
        snprintf(buf, size, "%.3g GiB", gib);
    } else {
        snprintf(buf, size, "%.3g MiB", bytes / (1024.0 * 1024));
    }
}

/* A scenario is refused before anything is allocated when one run of it
 * would need more memory or work than the limits (ng_limits), naming the
 * fields that drive the estimate. */
static void validate_size(const ng_config *cfg, ng_errors *errs)
{
    const ng_params *p = &cfg->p;
    ng_estimate e;
    ng_config_estimate(cfg, &e);
    double max_gib = ng_config_max_memory_gib(cfg);
    if (e.bytes > max_gib * 1024.0 * 1024 * 1024) {
        char total[32], part[32];
        bytes_text(e.bytes, total, sizeof total);
        if (e.event_bytes > e.pool_bytes && e.event_bytes > e.series_bytes) {
            bytes_text(e.event_bytes, part, sizeof part);
            ng_errors_add(errs, NG_ECONFIG, "output.max_events",
                          "expected a scenario within the memory limit of "
                          "%g GiB (raise it with --max-memory), found "
                          "about %s: up to %lld events kept take %s",
                          max_gib, total, (long long)p->output_max_events,
                          part);
        } else if (e.series_bytes > e.pool_bytes) {
            bytes_text(e.series_bytes, part, sizeof part);
            ng_errors_add(errs, NG_ECONFIG, "run.ticks",
                          "expected a scenario within the memory limit of "
                          "%g GiB (raise it with --max-memory), found "
                          "about %s: the series of %lld ticks take %s",
                          max_gib, total, (long long)p->run_ticks, part);
        } else {
            bytes_text(e.pool_bytes, part, sizeof part);
            ng_errors_add(errs, NG_ECONFIG, "population",
                          "expected a scenario within the memory limit of "
                          "%g GiB (raise it with --max-memory), found "
                          "about %s: a pool of %.0f partners x "
                          "network.max_degree %lld takes %s",
                          max_gib, total, e.pool,
                          (long long)p->network_max_degree, part);
        }
    }
    double max_work = ng_config_max_work(cfg);
    if (e.work > max_work) {
        ng_errors_add(errs, NG_ECONFIG, "run.ticks",
                      "expected a scenario within the work limit of %.3g "
                      "tie visits (raise it with --max-work), found "
                      "run.ticks %lld x a pool of %.0f x (1 + "
                      "network.max_degree %lld) = %.3g",
                      max_work, (long long)p->run_ticks, e.pool,
                      (long long)p->network_max_degree, e.work);
    }
}

/* Listed locations need a region and must lie inside it. */
static void validate_locations(const ng_config *cfg, ng_errors *errs)
{
    double area = cfg->p.geography_area;
    for (size_t i = 0; i < cfg->n_partners; i++) {
        const ng_partner_spec *ps = &cfg->partners[i];
        if (!ps->has_location) {
            continue;
        }
        char where[64];
        snprintf(where, sizeof where, "population.partners[%zu].location", i);
        if (area <= 0) {
            ng_errors_add(errs, NG_ECONFIG, where,
                          "expected geography.area > 0 for a located "
                          "partner, found geography.area %g",
                          area);
        } else if (ps->location[0] < 0 || ps->location[1] < 0 ||
                   ps->location[0] > area || ps->location[1] > area) {
            ng_errors_add(errs, NG_ECONFIG, where,
                          "expected coordinates within geography.area "
                          "(%g km), found [%g, %g]",
                          area, ps->location[0], ps->location[1]);
        }
    }
}

static void validate_population(const ng_config *cfg, ng_errors *errs)
{
    const ng_params *p = &cfg->p;
    size_t pool = ng_config_pool_size(cfg);
    size_t founders = 0, leads = 0;
    for (size_t i = 0; i < cfg->n_partners; i++) {
        founders += cfg->partners[i].founder || cfg->partners[i].lead;
        leads += cfg->partners[i].lead;
    }
    if (pool == 0) {
        ng_errors_add(errs, NG_ECONFIG, "population",
                      "expected at least one partner (listed or generated), "
                      "found none");
    } else if (founders == 0 && (size_t)p->population_founders > pool) {
        ng_errors_add(errs, NG_ECONFIG, "population.founders",
                      "expected at most the pool size %zu, found %lld", pool,
                      (long long)p->population_founders);
    }
    if (leads > 1) {
        ng_errors_add(errs, NG_ECONFIG, "population.partners",
                      "expected at most one partner marked lead, found %zu",
                      leads);
    }
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        const double *d = sector_dispositions(p, s);
        if (sector_count(p, s) > 0 && d[0] + d[1] + d[2] + d[3] <= 0) {
            ng_errors_add(errs, NG_ECONFIG, "population.dispositions",
                          "expected shares with a positive sum for sector "
                          "%s, found all zero",
                          ng_sector_name(s));
        }
    }
}

/* A chosen rule whose parameter struct found no room in the rule blocks
 * cannot run (a rule added without raising NG_RULE_BLOCKS_BYTES). */
static void validate_rule_room(const ng_params *p, ng_family family,
                               const ng_rule *rule, ng_errors *errs)
{
    if (rule && rule->n_params && !ng_rule_params(p, rule)) {
        size_t used = 0;
        ng_rule_blocks_fit(&used);
        ng_errors_add(errs, NG_ECONFIG, ng_family_section(family),
                      "expected the parameters of every rule to fit in "
                      "NG_RULE_BLOCKS_BYTES (%d bytes, params.h), found %zu "
                      "bytes: rule \"%s\" cannot run",
                      NG_RULE_BLOCKS_BYTES, used, rule->name);
    }
}

static void validate_rules(const ng_params *p, ng_errors *errs)
{
    const ng_cost_rule *cost = ng_params_cost_rule(p);
    const ng_governance *gov = ng_params_governance(p);
    const ng_decision_rule *decide = ng_params_decision_rule(p);
    if (cost && gov && cost->needs_lead && !gov->has_lead) {
        char modes[256];
        ng_governance_lead_modes(modes, sizeof modes);
        ng_errors_add(errs, NG_ECONFIG, "cost_sharing.rule",
                      "expected governance.mode %s for rule \"%s\", found "
                      "\"%s\"",
                      modes, cost->rule.name, gov->rule.name);
    }
    validate_rule_room(p, NG_FAMILY_GOVERNANCE, gov ? &gov->rule : NULL, errs);
    validate_rule_room(p, NG_FAMILY_COST, cost ? &cost->rule : NULL, errs);
    validate_rule_room(p, NG_FAMILY_DECISION, decide ? &decide->rule : NULL,
                       errs);
}

int ng_config_validate(const ng_config *cfg, ng_errors *errs)
{
    const ng_params *p = &cfg->p;
    size_t before = errs ? errs->n + errs->dropped : 0;
    if (p->behaviour_slope_min > p->behaviour_slope_max) {
        ng_errors_add(errs, NG_ECONFIG, "behaviour.slope_min",
                      "expected at most behaviour.slope_max (%g), found %g",
                      p->behaviour_slope_max, p->behaviour_slope_min);
    }
    if (p->network_mean_degree > (double)p->network_max_degree) {
        ng_errors_add(errs, NG_ECONFIG, "network.mean_degree",
                      "expected at most network.max_degree (%lld), found %g",
                      (long long)p->network_max_degree, p->network_mean_degree);
    }
    validate_rules(p, errs);
    validate_population(cfg, errs);
    validate_listed_ties(cfg, errs);
    validate_locations(cfg, errs);
    validate_size(cfg, errs);
    size_t after = errs ? errs->n + errs->dropped : 0;
    return after > before ? NG_ECONFIG : 0;
}
