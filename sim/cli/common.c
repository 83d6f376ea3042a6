/* Scenario loading and error reporting shared by the subcommands. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_preset *cli_preset_find(const char *name)
{
    for (const cli_preset *p = cli_presets; p->name; p++) {
        if (strcmp(p->name, name) == 0) {
            return p;
        }
    }
    return NULL;
}

static void unknown_preset(const char *name, ng_errors *errs)
{
    char list[512] = "";
    size_t used = 0;
    for (const cli_preset *p = cli_presets; p->name; p++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s",
                         used ? ", " : "", p->name);
        used += w > 0 && (size_t)w < sizeof list - used ? (size_t)w : 0;
    }
    ng_errors_add(errs, NG_ECONFIG, "--preset",
                  "expected one of: %s, found \"%s\"", list, name);
}

/* "configs/port-crime.json" -> "port-crime" */
static void base_name(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *start = slash ? slash + 1 : path;
    snprintf(out, size, "%s", start);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) {
        *dot = '\0';
    }
}

int cli_load_scenario(const char *file, const char *preset, ng_config *cfg,
                      ng_errors *errs)
{
    ng_config_init(cfg);
    cfg->name[0] = '\0';
    int rc;
    char fallback[NG_NAME_MAX];
    if (file) {
        rc = ng_config_load(cfg, file, errs);
        base_name(file, fallback, sizeof fallback);
    } else {
        const char *name = preset ? preset : "default";
        const cli_preset *p = cli_preset_find(name);
        if (!p) {
            unknown_preset(name, errs);
            return NG_ECONFIG;
        }
        char source[NG_NAME_MAX + 16];
        snprintf(source, sizeof source, "preset %s", name);
        rc = ng_config_parse(cfg, p->text, p->len, source, errs);
        snprintf(fallback, sizeof fallback, "%s", name);
    }
    if (!cfg->name[0]) {
        snprintf(cfg->name, sizeof cfg->name, "%s", fallback);
    }
    return rc;
}

void cli_print_error(const ng_error *e)
{
    if (e->where[0]) {
        fprintf(stderr, "netgov: %s: %s\n", e->where, e->msg);
    } else {
        fprintf(stderr, "netgov: %s\n", e->msg);
    }
}

void cli_print_errors(const ng_errors *errs)
{
    for (size_t i = 0; i < errs->n; i++) {
        cli_print_error(&errs->items[i]);
    }
    if (errs->dropped) {
        fprintf(stderr, "netgov: ... and %zu more errors\n", errs->dropped);
    }
}

int cli_exit_code(int status)
{
    switch (status) {
    case 0:
        return CLI_OK;
    case NG_ECONFIG:
    case NG_EINVAL:
    case NG_EIO:
        return CLI_USAGE;
    default:
        return CLI_RUNTIME;
    }
}

void cli_safe_name(const char *name, char *out, size_t size)
{
    size_t k = 0;
    for (; name[k] && k + 1 < size; k++) {
        char c = name[k];
        bool ok = isalnum((unsigned char)c) || c == '-' || c == '_' ||
                  (c == '.' && k > 0);
        out[k] = ok ? c : '_';
    }
    out[k] = '\0';
    if (k == 0) {
        snprintf(out, size, "scenario");
    }
}

static int page_usage_error(const char *command, const char *usage,
                            const char *what, const char *arg)
{
    fprintf(stderr, "netgov: %s: %s%s\n%s\n", command, what, arg, usage);
    return CLI_USAGE;
}

int cli_parse_page_args(int argc, char **argv, const char *command,
                        const char *usage, const char *input_name,
                        cli_page_args *a)
{
    memset(a, 0, sizeof *a);
    for (int k = 1; k < argc; k++) {
        const char *s = argv[k];
        if (strcmp(s, "-o") == 0 || strcmp(s, "--out") == 0) {
            if (k + 1 >= argc || !argv[k + 1][0]) {
                return page_usage_error(command, usage, "missing file after ",
                                        s);
            }
            a->out = argv[++k];
        } else if (strcmp(s, "--quiet") == 0 || strcmp(s, "-q") == 0) {
            a->quiet = true;
        } else if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            a->help = true;
        } else if (s[0] == '-' && s[1] != '\0') {
            return page_usage_error(command, usage, "unknown option ", s);
        } else if (a->input) {
            return page_usage_error(command, usage, "more than one input: ", s);
        } else {
            a->input = s;
        }
    }
    if (!a->input && !a->help) {
        return page_usage_error(command, usage, "missing ", input_name);
    }
    return CLI_OK;
}
