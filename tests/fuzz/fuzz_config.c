/* Fuzz harness: a scenario config as netgov run and validate read it
 * (ng_config_parse, then the cross-field checks of ng_config_validate). */
#include "fuzz_util.h"
#include "netgov/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    ng_config cfg;
    ng_config_init(&cfg);
    ng_errors errs = {0};
    if (ng_config_parse(&cfg, (const char *)data, size, "fuzz.json", &errs) ==
        0) {
        ng_config_validate(&cfg, &errs);
        (void)ng_config_pool_size(&cfg);
    }
    ng_config_clear(&cfg);
    return 0;
}
