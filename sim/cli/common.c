/* Scenario loading, error reporting and the one command-line parser
 * shared by the subcommands. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- arguments shared by several commands ---- */

int cli_apply_sets(ng_config *cfg, const cli_list *sets, ng_errors *errs)
{
    int rc = 0;
    for (size_t k = 0; k < sets->n; k++) {
        /* The limits were checked when the command line was read. */
        const cli_item *it = &sets->items[k];
        if (strcmp(it->prefix, CLI_PREFIX_MAX_MEMORY) == 0) {
            cfg->limits.max_memory_gib = strtod(it->value, NULL);
            continue;
        }
        if (strcmp(it->prefix, CLI_PREFIX_MAX_WORK) == 0) {
            cfg->limits.max_work = strtod(it->value, NULL);
            continue;
        }
        /* 64 bytes are plenty for run.seed=N and run.ticks=T. */
        char buf[64];
        if (ng_config_set(cfg, cli_list_text(sets, k, buf, sizeof buf), errs) !=
            0) {
            rc = NG_ECONFIG;
        }
    }
    return rc;
}

int cli_load_overridden(const char *file, const char *preset,
                        const cli_list *sets, ng_config *cfg, ng_errors *errs)
{
    int rc = cli_load_scenario(file, preset, cfg, errs);
    if (rc == 0) {
        rc = cli_apply_sets(cfg, sets, errs);
    }
    if (rc == 0) {
        rc = ng_config_validate(cfg, errs);
    }
    return rc;
}

const char *cli_list_text(const cli_list *l, size_t k, char *buf, size_t size)
{
    const cli_item *it = &l->items[k];
    if (!it->prefix[0]) {
        return it->value;
    }
    snprintf(buf, size, "%s%s", it->prefix, it->value);
    return buf;
}

bool cli_read_threads(const char *value, void *field)
{
    char *end = NULL;
    long j = strtol(value, &end, 10);
    if (*end || j < 1 || j > 1024) {
        return false;
    }
    *(int *)field = (int)j;
    return true;
}

/* A finite number in [lo, hi] (above 0 when lo is 0), appended to the
 * list under prefix. */
static bool read_limit(const char *value, void *field, const char *prefix,
                       double lo, double hi)
{
    char *end = NULL;
    double x = strtod(value, &end);
    cli_list *l = field;
    if (end == value || *end || !(x >= lo && x <= hi) || (lo == 0 && x == 0) ||
        l->n >= CLI_MAX_REPEAT) {
        return false;
    }
    l->items[l->n++] = (cli_item){prefix, value};
    return true;
}

bool cli_read_max_memory(const char *value, void *field)
{
    return read_limit(value, field, CLI_PREFIX_MAX_MEMORY, 0, 1048576);
}

bool cli_read_max_work(const char *value, void *field)
{
    return read_limit(value, field, CLI_PREFIX_MAX_WORK, 1, 1e18);
}

int cli_check_scenario(const cli_command *c, const char *config,
                       const char *preset)
{
    if (config && preset) {
        return cli_usage_error(c, "give a config file or --preset, not both",
                               "");
    }
    return CLI_CONTINUE;
}

const cli_option cli_page_options[] = {
    {.name = "--out",
     .alias = 'o',
     .value = "FILE",
     .field = offsetof(cli_page_args, out),
     .help = "where to write the page"},
    {.name = "--quiet",
     .alias = 'q',
     .field = offsetof(cli_page_args, quiet),
     .help = "do not print the path written"},
    {0},
};

/* ---- usage and help ---- */

enum { USAGE_WIDTH = 79, HELP_COLUMN = 22 };

static bool table_end(const cli_option *o)
{
    return !o->name && !o->alias;
}

/* "-o|--out FILE" (usage) or "-o, --out FILE" (help). */
static void option_names(const cli_option *o, const char *sep, char *buf,
                         size_t size)
{
    const char *value = o->value ? o->value : "";
    const char *space = o->value ? " " : "";
    if (o->alias && o->name) {
        snprintf(buf, size, "-%c%s%s%s%s", o->alias, sep, o->name, space,
                 value);
    } else if (o->alias) {
        snprintf(buf, size, "-%c%s%s", o->alias, space, value);
    } else {
        snprintf(buf, size, "%s%s%s", o->name, space, value);
    }
}

/* Prints word after a space, or on a new line indented by `indent`. */
static void put_word(FILE *f, const char *word, size_t indent, size_t *col)
{
    size_t n = strlen(word);
    if (*col + 1 + n > USAGE_WIDTH) {
        fprintf(f, "\n%*s", (int)indent, "");
        *col = indent;
    }
    fprintf(f, " %s", word);
    *col += 1 + n;
}

/* "[CONFIG]", "SPEC" or "SHARD_DIR..." */
static void positional_usage(const cli_positional *p, char *buf, size_t size)
{
    bool optional = p->count == CLI_OPTIONAL;
    snprintf(buf, size, "%s%s%s%s", optional ? "[" : "", p->name,
             optional ? "]" : "", p->count == CLI_ONE_OR_MORE ? "..." : "");
}

static void print_usage_line(const cli_command *c, FILE *f)
{
    char word[128];
    int n = fprintf(f, "usage: netgov %s", c->name);
    size_t indent = n > 0 ? (size_t)n : 0, col = indent;
    if (c->input.count != CLI_NONE) {
        positional_usage(&c->input, word, sizeof word);
        put_word(f, word, indent, &col);
    }
    for (const cli_option *o = c->options; !table_end(o); o++) {
        char names[96];
        option_names(o, "|", names, sizeof names);
        const char *open = o->required ? "" : "[";
        snprintf(word, sizeof word, "%s%s%s%s", open, names,
                 o->repeat ? " ..." : "", o->required ? "" : "]");
        put_word(f, word, indent, &col);
    }
    fputc('\n', f);
}

static void help_line(FILE *f, const char *left, const char *help)
{
    if (strlen(left) < HELP_COLUMN) {
        fprintf(f, "  %-*s %s\n", HELP_COLUMN, left, help);
    } else {
        fprintf(f, "  %s\n  %-*s %s\n", left, HELP_COLUMN, "", help);
    }
}

void cli_print_usage(const cli_command *c, FILE *f, bool options)
{
    print_usage_line(c, f);
    if (!options) {
        return;
    }
    fprintf(f, "\n%s\n", c->summary);
    if (c->input.count != CLI_NONE) {
        fputs("\narguments:\n", f);
        help_line(f, c->input.name, c->input.help);
    }
    fputs("\noptions:\n", f);
    for (const cli_option *o = c->options; !table_end(o); o++) {
        char names[96];
        option_names(o, ", ", names, sizeof names);
        help_line(f, names, o->help);
    }
    help_line(f, "-h, --help", "show this help");
}

/* ---- the parser ---- */

/* One pass over argv against a command's table. */
typedef struct parse_state {
    const cli_command *c;
    void *args;
    char **argv;
    size_t n_pos;
    uint64_t seen; /* the options given, by their index in the table */
    bool help;
} parse_state;

static void *field_at(void *args, size_t offset)
{
    return (char *)args + offset;
}

/* A long option matches whole ("--out=x" is unknown), a short one is a
 * single letter ("-qj" is unknown). */
static const cli_option *find_option(const cli_command *c, const char *s,
                                     size_t *index)
{
    for (size_t k = 0; !table_end(&c->options[k]); k++) {
        const cli_option *o = &c->options[k];
        bool short_match = o->alias && s[1] == o->alias && s[2] == '\0';
        if (short_match || (o->name && strcmp(s, o->name) == 0)) {
            *index = k;
            return o;
        }
    }
    return NULL;
}

static int take_value(parse_state *st, const cli_option *o, const char *opt,
                      const char *value)
{
    void *field = field_at(st->args, o->field);
    if (o->repeat) {
        cli_list *l = field;
        if (l->n >= CLI_MAX_REPEAT) {
            return cli_usage_error(st->c, "too many options at ", opt);
        }
        l->items[l->n++] = (cli_item){o->prefix ? o->prefix : "", value};
    } else if (o->read) {
        if (!o->read(value, field)) {
            char what[160];
            snprintf(what, sizeof what, "%s expects %s, found ", opt,
                     o->expects);
            return cli_usage_error(st->c, what, value);
        }
    } else {
        *(const char **)field = value;
    }
    return CLI_CONTINUE;
}

static int take_option(parse_state *st, int argc, int *k)
{
    const char *s = st->argv[*k];
    if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
        st->help = true;
        return CLI_CONTINUE;
    }
    size_t index = 0;
    const cli_option *o = find_option(st->c, s, &index);
    if (!o) {
        return cli_usage_error(st->c, "unknown option ", s);
    }
    /* A flag given twice says the same thing twice; a second value
     * would silently replace the first. */
    uint64_t bit = (uint64_t)1 << index;
    if ((st->seen & bit) && o->value && !o->repeat) {
        return cli_usage_error(st->c, s, " given twice");
    }
    st->seen |= bit;
    if (!o->value) {
        *(bool *)field_at(st->args, o->field) = true;
        return CLI_CONTINUE;
    }
    if (*k + 1 >= argc || !st->argv[*k + 1][0]) {
        return cli_usage_error(st->c, "missing value after ", s);
    }
    *k += 1;
    return take_value(st, o, s, st->argv[*k]);
}

/* Moves the positional arguments to the front of argv, in their order:
 * the slots before argv[k] hold nothing that is still needed. */
static int take_positional(parse_state *st, int k)
{
    const cli_positional *p = &st->c->input;
    if (p->count == CLI_NONE) {
        return cli_usage_error(st->c, "unexpected argument ", st->argv[k]);
    }
    if (p->count != CLI_ONE_OR_MORE && st->n_pos == 1) {
        char what[96];
        snprintf(what, sizeof what, "more than one %s: ", p->what);
        return cli_usage_error(st->c, what, st->argv[k]);
    }
    st->argv[1 + st->n_pos++] = st->argv[k];
    return CLI_CONTINUE;
}

/* Stores the positional arguments gathered at the front of argv. */
static int store_positional(parse_state *st)
{
    const cli_positional *p = &st->c->input;
    if (st->n_pos == 0 &&
        (p->count == CLI_ONE || p->count == CLI_ONE_OR_MORE)) {
        char what[128];
        snprintf(what, sizeof what, "missing the %s (%s)", p->what, p->name);
        return cli_usage_error(st->c, what, "");
    }
    if (p->count == CLI_ONE_OR_MORE) {
        cli_strings *field = field_at(st->args, p->field);
        *field = (cli_strings){st->argv + 1, st->n_pos};
    } else if (st->n_pos == 1) {
        *(const char **)field_at(st->args, p->field) = st->argv[1];
    }
    return CLI_CONTINUE;
}

static int check_required(parse_state *st)
{
    for (size_t k = 0; !table_end(&st->c->options[k]); k++) {
        const cli_option *o = &st->c->options[k];
        if (o->required && !(st->seen & (uint64_t)1 << k)) {
            char names[96];
            option_names(o, "|", names, sizeof names);
            return cli_usage_error(st->c, "expected ", names);
        }
    }
    return CLI_CONTINUE;
}

static int finish(parse_state *st)
{
    if (!st->help) {
        int code = check_required(st);
        return code == CLI_CONTINUE ? store_positional(st) : code;
    }
    if (st->c->help) {
        fputs(st->c->help, stdout);
    } else {
        cli_print_usage(st->c, stdout, true);
    }
    return CLI_OK;
}

int cli_parse(const cli_command *c, int argc, char **argv, void *args)
{
    parse_state st = {c, args, argv, 0, 0, false};
    for (int k = 1; k < argc; k++) {
        const char *s = argv[k];
        bool option = s[0] == '-' && s[1] != '\0';
        int code =
            option ? take_option(&st, argc, &k) : take_positional(&st, k);
        if (code != CLI_CONTINUE) {
            return code;
        }
    }
    return finish(&st);
}

int cli_usage_error(const cli_command *c, const char *what, const char *arg)
{
    fprintf(stderr, "netgov: %s: %s%s\n", c->name, what, arg);
    cli_print_usage(c, stderr, false);
    fprintf(stderr, "(try netgov %s --help)\n", c->name);
    return CLI_USAGE;
}
