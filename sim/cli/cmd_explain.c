/* netgov explain: what happened in a run and why, from its run document
 * (docs/EXPLAIN.md); also `netgov run --explain`. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "io/config_internal.h"
#include "io/output_internal.h"
#include "netgov/explain.h"
#include "report/run_document.h"

static const char explain_help[] =
    "usage: netgov explain RUN.json [--json] [--out FILE]\n"
    "\n"
    "Explains a run document: its phases, turning points, the dominant\n"
    "failure mechanism with the numbers behind it, who left and why, or\n"
    "what held the alliance together.  Text by default; --json gives the\n"
    "same as a JSON object.  The rules are in docs/EXPLAIN.md.\n";

typedef struct explain_args {
    const char *path, *out;
    bool json;
} explain_args;

#define ARG(f) offsetof(explain_args, f)

static const cli_option explain_options[] = {
    {.name = "--json",
     .field = ARG(json),
     .help = "the explanation as a JSON object"},
    {.name = "--out",
     .value = "FILE",
     .field = ARG(out),
     .help = "write FILE atomically (default: standard output)"},
    {0},
};

static const cli_command explain_command = {
    .name = "explain",
    .summary = "Explains a run document: phases, turning points, the main "
               "failure mechanism.",
    .options = explain_options,
    .input = {.name = "RUN.json",
              .count = CLI_ONE,
              .field = ARG(path),
              .what = "run document",
              .help = "a run document (netgov run)"},
    .help = explain_help,
};

/* Prints an explanation as text or JSON and frees it; an explanation that
 * could not be made (e NULL) is reported as "netgov: SOURCE: path: ...". */
static int print_explanation(ng_explanation *e, const ng_error *err, bool json,
                             const char *source, FILE *f)
{
    if (!e) {
        fprintf(stderr, "netgov: %s: %s%s%s\n", source, err->where,
                err->where[0] ? ": " : "", err->msg);
        return err->code == NG_ENOMEM ? CLI_RUNTIME : CLI_USAGE;
    }
    cJSON *doc = json ? ng_explanation_json(e) : NULL;
    char *text =
        json ? (doc ? cJSON_Print(doc) : NULL) : ng_explanation_text(e);
    if (text) {
        fprintf(f, json ? "%s\n" : "%s", text);
    }
    free(text);
    cJSON_Delete(doc);
    ng_explanation_free(e);
    return CLI_OK;
}

int cli_print_explanation(const cJSON *run, bool json, const char *source,
                          FILE *f)
{
    ng_error err = {0};
    ng_explanation *e = ng_explain(run, &err);
    return print_explanation(e, &err, json, source, f);
}

/* Explains the run in memory through its run view: the same text as
 * `netgov explain` of its document, without writing and parsing it. */
int cli_explain_model(const ng_model *m, FILE *f)
{
    ng_run_view v;
    ng_model_view(m, &v);
    ng_error err = {0};
    ng_explanation *e = ng_explain_view(&v, &err);
    return print_explanation(e, &err, false, "run", f);
}

static int write_text(void *ctx, FILE *f, ng_error *err)
{
    fputs(ctx, f);
    return ng__stream_status(f, err);
}

/* Explains into a memory buffer first, so a bad document leaves no file. */
static int explain_to(const cJSON *run, bool json, const char *source,
                      const char *out)
{
    if (!out) {
        return cli_print_explanation(run, json, source, stdout);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        fputs("netgov: out of memory\n", stderr);
        return CLI_RUNTIME;
    }
    int rc = cli_print_explanation(run, json, source, mem);
    if (fclose(mem) != 0 && rc == CLI_OK) {
        fputs("netgov: out of memory\n", stderr);
        rc = CLI_RUNTIME;
    }
    ng_error err = {0};
    if (rc == CLI_OK && ng__write_atomic(out, write_text, text, &err) != 0) {
        cli_print_error(&err);
        rc = CLI_RUNTIME;
    }
    free(text);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    explain_args a = {0};
    int code = cli_parse(&explain_command, argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    ng_errors errs = {0};
    cJSON *run = ng__json_file_read(a.path, &errs);
    if (!run) {
        cli_print_errors(&errs);
        return CLI_USAGE;
    }
    /* The whole document, config included, is checked as view and report
     * check it, so the three commands accept the same documents and name
     * a bad field the same way. */
    ng_config cfg;
    ng_run_doc doc;
    int rc = ng__run_doc_read(run, a.path, &cfg, &doc, &errs);
    ng_config_clear(&cfg);
    if (rc != 0) {
        cli_print_errors(&errs);
        cJSON_Delete(run);
        return cli_exit_code(rc);
    }
    rc = explain_to(run, a.json, a.path, a.out);
    cJSON_Delete(run);
    return rc;
}
