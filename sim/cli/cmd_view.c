/* netgov view RUN.json [-o FILE] [--quiet]: the animated viewer of a run
 * as one self-contained HTML page (sim/report/view.h, docs/VIEWER.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report/view.h"

static const char view_help[] =
    "usage: netgov view RUN.json [-o|--out FILE] [--quiet]\n"
    "\n"
    "Writes the animated viewer of a run (a document of netgov run) as\n"
    "one self-contained HTML page that opens offline in a browser.\n"
    "The run is replayed from its config and seed to get every tick's\n"
    "partners and ties, and checked against the document.\n"
    "\n"
    "  -o, --out FILE  the page (default: RUN with .json replaced by\n"
    "                  .view.html)\n"
    "  -q, --quiet     do not print the path written\n"
    "  -h, --help      this help\n"
    "\n"
    "See docs/VIEWER.md.\n";

static const cli_command view_command = {
    .name = "view",
    .summary = "Writes the animated viewer of a run as one self-contained HTML "
               "page.",
    .options = cli_page_options,
    .input = {.name = "RUN.json",
              .count = CLI_ONE,
              .field = offsetof(cli_page_args, input),
              .what = "run document",
              .help = "a run document (netgov run)"},
    .help = view_help,
};

/* "out/run.json" -> "out/run.view.html"; other names get the suffix. */
static char *default_out(const char *run)
{
    size_t n = strlen(run);
    char *out = malloc(n + 16);
    if (!out) {
        return NULL;
    }
    memcpy(out, run, n + 1);
    if (n > 5 && strcmp(run + n - 5, ".json") == 0) {
        out[n - 5] = '\0';
    }
    strcat(out, ".view.html");
    return out;
}

static int write_page(const char *out, const cJSON *data, bool quiet)
{
    ng_error err = {0};
    if (ng__view_write(out, data, &err) != 0) {
        cli_print_error(&err);
        return CLI_RUNTIME;
    }
    if (!quiet) {
        fprintf(stderr, "netgov: wrote %s\n", out);
    }
    return CLI_OK;
}

int cmd_view(int argc, char **argv)
{
    cli_page_args a = {0};
    int code = cli_parse(&view_command, argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_errors errs = {0};
    cJSON *data = NULL;
    int rc = ng__view_data(a.input, &data, &errs);
    if (rc != 0) {
        cli_print_errors(&errs);
        return cli_exit_code(rc);
    }
    char *fallback = a.out ? NULL : default_out(a.input);
    const char *out = a.out ? a.out : fallback;
    code = out ? write_page(out, data, a.quiet) : CLI_RUNTIME;
    free(fallback);
    cJSON_Delete(data);
    return code;
}
