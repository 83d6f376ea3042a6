/* netgov params [--json]: the parameter registry as text or JSON. */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "netgov/rules.h"

static const char *type_name(ng_param_type t)
{
    static const char *const names[] = {"real", "integer", "choice", "vector"};
    return names[t];
}

static void default_text(const ng_param *d, char *buf, size_t size)
{
    switch (d->type) {
    case NG_PARAM_REAL:
    case NG_PARAM_INT:
        snprintf(buf, size, "%.15g", d->def);
        break;
    case NG_PARAM_CHOICE:
        snprintf(buf, size, "%s", d->def_choice);
        break;
    case NG_PARAM_VECTOR:
        snprintf(buf, size, "[%g,%g,%g,%g]", d->def_vec[0], d->def_vec[1],
                 d->def_vec[2], d->def_vec[3]);
        break;
    }
}

static void range_text(const ng_param *d, char *buf, size_t size)
{
    if (d->type == NG_PARAM_CHOICE) {
        ng_family_list(d->family, buf, size);
    } else {
        snprintf(buf, size, "%.15g..%.15g", d->min, d->max);
    }
}

static int print_text(void)
{
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        char def[96], range[256];
        default_text(d, def, sizeof def);
        range_text(d, range, sizeof range);
        printf("%-44s %-7s default %-20s range %s%s%s\n    %s\n", d->path,
               type_name(d->type), def, range, d->unit[0] ? "  unit " : "",
               d->unit, d->meaning);
    }
    return CLI_OK;
}

/* The capabilities a rule declares, by the names of rules.h. */
static void add_capabilities(cJSON *o, ng_family family, size_t i)
{
    cJSON *caps = cJSON_AddArrayToObject(o, "capabilities");
    const struct {
        bool on;
        const char *name;
    } all[] = {
        {family == NG_FAMILY_GOVERNANCE && ng_governance_at(i)->has_lead,
         "has_lead"},
        {family == NG_FAMILY_COST && ng_cost_rule_at(i)->needs_lead,
         "needs_lead"},
        {family == NG_FAMILY_COST && ng_cost_rule_at(i)->shortfall_is_violation,
         "shortfall_is_violation"},
        {family == NG_FAMILY_DECISION && ng_decision_rule_at(i)->outvotes,
         "outvotes"},
        {family == NG_FAMILY_DECISION && ng_decision_rule_at(i)->veto, "veto"},
        {family == NG_FAMILY_DECISION && ng_decision_rule_at(i)->power_weighted,
         "power_weighted"},
    };
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        if (all[k].on) {
            cJSON_AddItemToArray(caps, cJSON_CreateString(all[k].name));
        }
    }
}

/* A rule family's choices in full: name, label, summary, capabilities. */
static void add_rules(cJSON *o, ng_family family)
{
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t i = 0; i < ng_family_rule_count(family); i++) {
        const ng_rule *r = ng_family_rule(family, i);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "name", r->name);
        cJSON_AddStringToObject(e, "label", r->label);
        cJSON_AddStringToObject(e, "summary", r->summary);
        add_capabilities(e, family, i);
        cJSON_AddItemToArray(rules, e);
    }
}

static cJSON *param_json(const ng_param *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", d->path);
    cJSON_AddStringToObject(o, "type", type_name(d->type));
    switch (d->type) {
    case NG_PARAM_REAL:
    case NG_PARAM_INT:
        cJSON_AddNumberToObject(o, "default", d->def);
        break;
    case NG_PARAM_CHOICE: {
        cJSON_AddStringToObject(o, "default", d->def_choice);
        cJSON *choices = cJSON_AddArrayToObject(o, "choices");
        const char *c;
        for (int k = 0; (c = ng_family_choice(d->family, k)) != NULL; k++) {
            cJSON_AddItemToArray(choices, cJSON_CreateString(c));
        }
        if (ng_family_has_rules(d->family)) {
            add_rules(o, d->family);
        }
        break;
    }
    case NG_PARAM_VECTOR:
        cJSON_AddItemToObject(o, "default",
                              cJSON_CreateDoubleArray(d->def_vec, NG_DIM));
        break;
    }
    if (d->type != NG_PARAM_CHOICE) {
        cJSON_AddNumberToObject(o, "min", d->min);
        cJSON_AddNumberToObject(o, "max", d->max);
    }
    cJSON_AddStringToObject(o, "unit", d->unit);
    cJSON_AddStringToObject(o, "meaning", d->meaning);
    if (d->rule) {
        cJSON_AddStringToObject(o, "rule", d->rule->name);
    }
    return o;
}

static int print_json(void)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < ng_params_count(); i++) {
        cJSON_AddItemToArray(list, param_json(ng_params_at(i)));
    }
    char *text = cJSON_Print(list);
    cJSON_Delete(list);
    if (!text) {
        fprintf(stderr, "netgov: out of memory\n");
        return CLI_RUNTIME;
    }
    puts(text);
    cJSON_free(text);
    return CLI_OK;
}

/* The table of docs/PARAMETERS.md; a test keeps that file in step. */
static int print_markdown(void)
{
    puts("# netgov parameters\n\n"
         "Generated by `netgov params --markdown` from the parameter "
         "registry\n(include/netgov/param_table.h); do not edit by hand. "
         "Every path can be\nset in a scenario config (nested objects) or "
         "with `--set path=value`.\n\n"
         "| path | type | default | range | unit | meaning |\n"
         "|---|---|---|---|---|---|");
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        char def[96], range[256];
        default_text(d, def, sizeof def);
        range_text(d, range, sizeof range);
        printf("| `%s` | %s | %s | %s | %s | %s |\n", d->path,
               type_name(d->type), def, range, d->unit, d->meaning);
    }
    return CLI_OK;
}

typedef struct params_args {
    bool json, markdown;
} params_args;

static const cli_option params_options[] = {
    {.name = "--json",
     .field = offsetof(params_args, json),
     .help = "as a JSON array"},
    {.name = "--markdown",
     .field = offsetof(params_args, markdown),
     .help = "as the Markdown table of docs/PARAMETERS.md"},
    {0},
};

static const cli_command params_command = {
    .name = "params",
    .summary = "Lists every model parameter with its default, range, unit "
               "and meaning.",
    .options = params_options,
};

int cmd_params(int argc, char **argv)
{
    params_args a = {0};
    int code = cli_parse(&params_command, argc, argv, &a);
    if (code != CLI_CONTINUE) {
        return code;
    }
    if (a.json && a.markdown) {
        return cli_usage_error(&params_command,
                               "give --json or --markdown, not both", "");
    }
    return a.json ? print_json() : a.markdown ? print_markdown() : print_text();
}
