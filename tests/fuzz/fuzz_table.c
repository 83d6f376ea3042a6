/* Fuzz harness: a design table (CSV or JSON) as netgov sweep --design
 * reads it: ng_table_parse, ng_design_from_table and the check of every
 * point against the default config (ng_design_check). */
#include <string.h>

#include "fuzz_util.h"
#include "netgov/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    ng_table t;
    memset(&t, 0, sizeof t);
    ng_errors errs = {0};
    if (ng_table_parse((const char *)data, size, "fuzz.csv", &t, &errs) == 0) {
        ng_design d;
        memset(&d, 0, sizeof d);
        if (ng_design_from_table(&t, &d, &errs) == 0) {
            ng_config base;
            ng_config_init(&base);
            ng_design_check(&d, &base, &errs);
            ng_config_clear(&base);
        }
        ng_design_free(&d);
    }
    ng_table_free(&t);
    return 0;
}
