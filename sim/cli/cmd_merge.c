/* netgov merge: joins the folders of the shards of one sweep (--shard i/n)
 * into one folder with the same files an unsharded sweep writes. */
#include <stdio.h>

#include "cli.h"

typedef struct merge_args {
    const char *out;
    cli_strings dirs;
    bool quiet;
} merge_args;

#define ARG(f) offsetof(merge_args, f)

static const cli_option merge_options[] = {
    {.name = "--out",
     .value = "DIR",
     .field = ARG(out),
     .required = true,
     .help = "the folder of the merged sweep"},
    {.name = "--quiet",
     .alias = 'q',
     .field = ARG(quiet),
     .help = "no summary"},
    {0},
};

static const cli_command merge_command = {
    .name = "merge",
    .summary = "Joins the folders of a sweep's shards (sweep --shard i/n) into "
               "one folder with\nthe files an unsharded sweep writes.",
    .options = merge_options,
    .input = {.name = "SHARD_DIR",
              .count = CLI_ONE_OR_MORE,
              .field = ARG(dirs),
              .what = "shards' folders",
              .help = "the folder of each shard"},
};

int cmd_merge(int argc, char **argv)
{
    merge_args a = {0};
    int code = cli_parse(&merge_command, argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_errors errs = {0};
    int rc =
        ng_store_merge(a.out, (const char *const *)a.dirs.v, a.dirs.n, &errs);
    if (rc) {
        cli_print_errors(&errs);
        /* Shards that do not fit are bad input; writing is a runtime
         * failure. */
        return rc == NG_ECONFIG ? CLI_USAGE : CLI_RUNTIME;
    }
    if (!a.quiet) {
        fprintf(stderr, "netgov: merged %zu shards into %s/\n", a.dirs.n,
                a.out);
    }
    return CLI_OK;
}
