/* Fuzz harness: --set assignments.  Each line of the input is one
 * "path=value" given to ng_config_set on a default config, as netgov run
 * applies its --set options in order; then the config is validated. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "netgov/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    char *text = fuzz_text(data, size);
    if (!text) {
        return 0;
    }
    ng_config cfg;
    ng_config_init(&cfg);
    ng_errors errs = {0};
    int failed = 0;
    /* A command line cannot hold a NUL, so an argument ends at the first
     * one, as it does here. */
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) {
            *next++ = '\0';
        }
        failed |= ng_config_set(&cfg, line, &errs) != 0;
    }
    if (!failed) {
        ng_config_validate(&cfg, &errs);
    }
    ng_config_clear(&cfg);
    free(text);
    return 0;
}
