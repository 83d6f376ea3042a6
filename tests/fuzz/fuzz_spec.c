/* Fuzz harness: an experiment spec as netgov sweep and sensitivity read
 * it, without running anything: ng_spec_parse, the base scenario (an
 * inline config; a preset or file base stands for the default config,
 * since presets live in the command line program and files are not
 * read here), the fixed overrides, the design (ng_design_from_spec) and
 * its check against the base (ng_design_check). */
#include <string.h>

#include "fuzz_util.h"
#include "netgov/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    ng_spec spec;
    memset(&spec, 0, sizeof spec);
    ng_errors errs = {0};
    if (ng_spec_parse(&spec, (const char *)data, size, "fuzz.spec.json", "",
                      &errs) != 0) {
        ng_spec_free(&spec);
        return 0;
    }
    ng_config base;
    ng_config_init(&base);
    int rc = 0;
    if (spec.base.inline_json) {
        rc = ng_config_parse(&base, spec.base.inline_json,
                             strlen(spec.base.inline_json), "base.config",
                             &errs);
    }
    for (size_t k = 0; rc == 0 && k < spec.n_sets; k++) {
        rc = ng_config_set(&base, spec.sets[k], &errs);
    }
    rc = rc ? rc : ng_config_validate(&base, &errs);
    /* A design within the documented limits (10^6 points) takes time in
     * proportion to its size, seconds under the sanitizers: the run limit
     * is lowered so that every size is still computed and checked for
     * overflow, but no input builds more than 10^4 runs' worth of
     * points. */
    spec.max_runs = 10000;
    if (rc == 0) {
        uint64_t master = spec.has_seed ? spec.seed : (uint64_t)base.p.run_seed;
        ng_design d;
        memset(&d, 0, sizeof d);
        if (ng_design_from_spec(&spec, master, &d, &errs) == 0) {
            ng_design_check(&d, &base, &errs);
        }
        ng_design_free(&d);
    }
    ng_config_clear(&base);
    ng_spec_free(&spec);
    return 0;
}
