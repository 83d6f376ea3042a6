/* netgov report INPUT [-o FILE] [--quiet]: one self-contained HTML page
 * for a run document, a sweep folder or a comparison, to read offline or
 * mail (sim/report/report_page.h).  A bad input exits 2 before anything
 * is written; the page is written atomically, so a failure leaves no file.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "report/report_page.h"

static const char report_help[] =
    "usage: netgov report INPUT [-o FILE] [--quiet]\n\n"
    "Writes one self-contained HTML page (charts, explanation, "
    "parameters;\nno network needed) for INPUT, which is one of:\n"
    "  a run document      netgov run ... --out run.json\n"
    "  a sweep folder      netgov sweep SPEC --out DIR\n"
    "  a comparison        netgov compare ... --out cmp.json\n\n"
    "options:\n"
    "  -o, --out FILE  where to write (default "
    "out/<name>.report.html)\n"
    "  --quiet         do not print the path written\n"
    "  -h, --help      show this help\n";

static const cli_command report_command = {
    .name = "report",
    .summary = "Writes one self-contained HTML page for a run, a sweep or a "
               "comparison.",
    .options = cli_page_options,
    .input = {.name = "INPUT",
              .count = CLI_ONE,
              .field = offsetof(cli_page_args, input),
              .what = "input",
              .help = "a run document, a sweep folder or a comparison"},
    .help = report_help,
};

/* The resolved config of the preset the run's scenario is named after, so
 * the page can say "netgov run --preset NAME --seed N"; NULL if none. */
static cJSON *preset_config(const ng_report *r)
{
    if (r->kind != NG_REPORT_RUN || !cli_preset_find(r->name)) {
        return NULL;
    }
    ng_config cfg;
    ng_errors errs = {0};
    cJSON *json = NULL;
    if (cli_load_scenario(NULL, r->name, &cfg, &errs) == 0) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        ng_error err = {0};
        if (mem && ng_output_config(&cfg, mem, &err) == 0 && fclose(mem) == 0) {
            json = cJSON_ParseWithLength(text, len);
        } else if (mem) {
            fclose(mem);
        }
        free(text);
    }
    ng_config_clear(&cfg);
    return json;
}

int cmd_report(int argc, char **argv)
{
    cli_page_args a = {0};
    int rc = cli_parse(&report_command, argc, argv, &a);
    if (rc != CLI_CONTINUE) {
        return rc;
    }
    ng_report r;
    ng_errors errs = {0};
    if (ng__report_load(&r, a.input, &errs) != 0) {
        cli_print_errors(&errs);
        return CLI_USAGE;
    }
    char path[1024];
    if (a.out) {
        snprintf(path, sizeof path, "%s", a.out);
    } else {
        char safe[160];
        cli_safe_name(r.name, safe, sizeof safe);
        snprintf(path, sizeof path, "out/%s.report.html", safe);
    }
    cJSON *preset = preset_config(&r);
    ng_error err = {0};
    rc = ng__report_write(&r, preset, path, &err);
    cJSON_Delete(preset);
    ng__report_clear(&r);
    if (rc != 0) {
        fprintf(stderr, "netgov: report: %s: %s%s%s\n", path, err.where,
                err.where[0] ? ": " : "", err.msg);
        return CLI_RUNTIME;
    }
    if (!a.quiet) {
        fprintf(stderr, "netgov: report: wrote %s\n", path);
    }
    return CLI_OK;
}
