/* netgov merge: joins the folders of the shards of one sweep (--shard i/n)
 * into one folder with the same files an unsharded sweep writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_merge(int argc, char **argv)
{
    const char *out = NULL;
    const char **dirs = calloc((size_t)argc, sizeof *dirs);
    size_t n = 0;
    bool quiet = false;
    if (!dirs) {
        return CLI_RUNTIME;
    }
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--out") == 0 && k + 1 < argc) {
            out = argv[++k];
        } else if (strcmp(argv[k], "--quiet") == 0 ||
                   strcmp(argv[k], "-q") == 0) {
            quiet = true;
        } else if (argv[k][0] == '-') {
            fprintf(stderr,
                    "netgov: merge: unknown option %s\n(try netgov "
                    "--help)\n",
                    argv[k]);
            free(dirs);
            return CLI_USAGE;
        } else {
            dirs[n++] = argv[k];
        }
    }
    if (!out || n == 0) {
        fprintf(stderr, "netgov: merge: expected --out DIR and the shards' "
                        "folders\n(try netgov --help)\n");
        free(dirs);
        return CLI_USAGE;
    }
    ng_errors errs = {0};
    int rc = ng_store_merge(out, dirs, n, &errs);
    free(dirs);
    if (rc) {
        cli_print_errors(&errs);
        /* Shards that do not fit are bad input; writing is a runtime
         * failure. */
        return rc == NG_ECONFIG ? CLI_USAGE : CLI_RUNTIME;
    }
    if (!quiet) {
        fprintf(stderr, "netgov: merged %zu shards into %s/\n", n, out);
    }
    return CLI_OK;
}
