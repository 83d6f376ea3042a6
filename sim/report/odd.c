/* The ODD protocol description of a scenario (odd.h).
 *
 * The prose lives in the const tables below (purpose, patterns, schedule,
 * modules, design concepts, random streams, submodels); the numbers come
 * from the config and the registry, the rule names and summaries from the
 * rule tables.  Submodels claim registry parameters by path pattern, so a
 * parameter added to param_table.h shows up without touching this file
 * (tests/unit/test_odd.c checks that every parameter has a submodel).
 * The section titles, the schedule's phase names and the submodel titles
 * are those of docs/MODEL.md; tests/cli/test_odd.py compares them.
 */
#include "report/odd.h"

#include <ctype.h>
#include <string.h>

#include "io/output_internal.h"
#include "netgov/rules.h"

#define TEXT_MAX 256

/* ---- module switches: when is a v2 module not neutral ---- */

static bool environment_on(const ng_params *p)
{
    /* Reversion alone cannot move a focus that never leaves z0. */
    return p->environment_drift > 0 || p->environment_shock_rate > 0 ||
           p->environment_shock_tick > 0;
}

static double mode_agility(const ng_params *p)
{
    const ng_governance *g = ng_params_governance(p);
    ng_gov_coeffs c = {0};
    ng_governance_coeffs(g, ng_rule_params(p, &g->rule), &c);
    return c.agility;
}

static bool mission_on(const ng_params *p)
{
    /* A proposal needs fit < 1, which only a moving environment makes. */
    return environment_on(p) &&
           p->mission_adaptation_rate * mode_agility(p) > 0;
}

static bool decision_on(const ng_params *p)
{
    /* A rule without a tally of its own leaves decisions to the mode. */
    return ng_params_decision_rule(p)->passes != NULL;
}

static bool process_on(const ng_params *p)
{
    return p->process_share > 0;
}

static bool information_on(const ng_params *p)
{
    /* Privacy technology costs overhead even when nothing is shared. */
    return p->information_sharing > 0 || p->information_privacy_tech > 0;
}

static bool meaning_on(const ng_params *p)
{
    for (size_t k = 0; k < NG_DIM; k++) {
        if (p->meaning_societal_weight[k] != 1 ||
            p->meaning_economic_weight[k] * p->meaning_economic_return != 0) {
            return true;
        }
    }
    return false;
}

static bool evaluation_on(const ng_params *p)
{
    return p->evaluation_interval > 0 || p->evaluation_goal > 0;
}

static bool geography_on(const ng_params *p)
{
    return p->geography_area > 0;
}

static bool shock_draws(const ng_params *p)
{
    return p->environment_drift > 0 || p->environment_shock_rate > 0 ||
           (p->environment_shock_tick > 0 &&
            p->environment_shock_perspective == 0);
}

static bool sharing_on(const ng_params *p)
{
    return p->information_sharing > 0;
}

typedef bool (*switch_fn)(const ng_params *p);

/* ---- the prose tables ---- */

static const char *const purpose =
    "Multi-partner alliances of governments, businesses, knowledge "
    "institutions and civil-society organisations working on a problem none "
    "of them owns are needed, yet often stall or fall apart. The model asks: "
    "*under which governance mode and cost-sharing rule does an alliance of "
    "given partners grow, stay productive and survive, and why does it fail "
    "when it fails?* It is a repeated linear public-goods game with "
    "heterogeneous, networked partners, embedded in three governance modes "
    "(shared, lead organisation, network administrative organisation; "
    "Provan & Kenis 2008) and six cost-sharing rules.";

static const char *const patterns[] = {
    "contributions decay over time in a group without monitoring, from a "
    "start of about 40-60 % of the endowment (Ledyard 1995; Fischbacher et "
    "al. 2001);",
    "monitoring and sanctions sustain cooperation (Fehr & Gaechter 2000; "
    "Ostrom 1990);",
    "coordination costs grow with the number of partners, fastest under "
    "shared governance (Brooks 1975; Provan & Kenis 2008);",
    "a dominant lead drives out weak partners whose interests differ from "
    "its own (voice loss, agenda setting);",
    "an equal split of costs drives out small partners (regressive burden; "
    "Zelmer 2003).",
    NULL};

enum rule_kind { RULE_NONE, RULE_GOV, RULE_COST, RULE_DECISION };

typedef struct step {
    const char *num, *phase, *what;
    enum rule_kind rule; /* the rule table the step calls through */
    switch_fn on;        /* NULL: the step always acts */
} step;

/* The schedule of ng_model_step (sim/run/model.c), MODEL.md section 3. */
static const step steps[] = {
    {"1", "environment",
     "threat decays; problem focus drifts and reverts; "
     "shocks; fit and fit factor (7.12)",
     RULE_NONE, environment_on},
    {"2", "mission",
     "if fit < 1: mission proposal, vote, turn of the "
     "mission (7.13)",
     RULE_DECISION, mission_on},
    {"3", "recruit",
     "members invite acquaintances, candidates decide, "
     "governance admits or the members tied to the candidate vote (7.8, "
     "7.14)",
     RULE_GOV, NULL},
    {"4", "quotas",
     "power and sums refreshed; budget B; the cost rule sets "
     "the quotas (7.1, 7.2)",
     RULE_COST, NULL},
    {"5", "contribute", "effective trust and contributions (7.3)", RULE_NONE,
     NULL},
    {"6-7", "produce",
     "overhead, process spending, public value, benefits, "
     "payoffs (7.4, 7.5, 7.15)",
     RULE_GOV, NULL},
    {"7", "information", "data incident (7.16)", RULE_NONE, sharing_on},
    {"8", "monitor", "violations, sanctions, exclusion flags (7.6)", RULE_GOV,
     NULL},
    {"9", "learn",
     "trust on ties, beliefs, system trust, commitment, "
     "onboarding, new ties (7.7)",
     RULE_NONE, NULL},
    {"10", "exit", "value, exclusions, exits, contagion (7.9)", RULE_NONE,
     NULL},
    {"11", "breakdown", "dissolution check (7.10)", RULE_NONE, NULL},
    {"11", "evaluate",
     "goal check and, at evaluation ticks, the dissolution "
     "vote (7.18)",
     RULE_DECISION, evaluation_on},
    {"12", "record", "metrics of the tick, running summary (7.11)", RULE_NONE,
     NULL},
};

typedef struct module {
    const char *name, *section, *neutral_when;
    switch_fn on;
} module;

/* The v2 modules (MODEL.md section 1): each is neutral at its defaults. */
static const module modules[] = {
    {"environment", "7.12",
     "environment.drift, shock_rate and shock_tick "
     "are 0",
     environment_on},
    {"mission adaptation", "7.13",
     "the environment is neutral, or "
     "mission.adaptation_rate times the mode's agility is 0",
     mission_on},
    {"explicit decision rule", "7.14", "decision.rule is governance",
     decision_on},
    {"process", "7.15", "process.share is 0", process_on},
    {"information sharing", "7.16",
     "information.sharing and "
     "information.privacy_tech are 0",
     information_on},
    {"meaning", "7.17",
     "societal weights are 1 and economic weight times "
     "economic return is 0",
     meaning_on},
    {"evaluation", "7.18", "evaluation.interval and evaluation.goal are 0",
     evaluation_on},
    {"geography", "7.19", "geography.area is 0", geography_on},
};

typedef struct text_row {
    const char *name, *text;
} text_row;

/* MODEL.md section 4, condensed. */
static const text_row concepts[] = {
    {"Basic principles",
     "A linear voluntary-contribution game (Ledyard "
     "1995) with the behavioural types of public-goods experiments "
     "(Fischbacher, Gaechter & Fehr 2001); governance after Provan & Kenis "
     "(2008); graduated sanctions (Ostrom 1990); two-level trust that "
     "control can crowd out (Das & Teng 1998) and that breaks faster than "
     "it builds (Slovic 1993); coordination cost grows with the "
     "communication paths (Brooks 1975)."},
    {"Emergence",
     "Alliance size, survival and the cause of breakdown, the "
     "trajectory of contributions, trust, payoff inequality, power "
     "concentration and the sector mix (and, with the v2 modules, the "
     "mission's path, fit, failed votes and completion) emerge from "
     "individual decisions to contribute, join, admit and leave."},
    {"Adaptation",
     "Partners adapt contributions to belief, effective trust "
     "and deterrence; members leave when their value stays low; candidates "
     "join when the alliance looks worth it; the mission follows the "
     "problem focus by proposal and vote."},
    {"Objectives", "No explicit optimisation: a member's value (normalised "
                   "payoff, trust, commitment) decides staying; a candidate's "
                   "attractiveness decides joining."},
    {"Learning",
     "Beliefs follow observed contributions; interpersonal "
     "trust, system trust and commitment are updated every tick; these are "
     "changes of state, not of decision rules."},
    {"Prediction",
     "Myopic: a member expects the others to contribute at "
     "its belief; a candidate predicts from last tick's public value and "
     "the quota it would be asked."},
    {"Sensing",
     "Members see the contributions of tied co-members and the "
     "published mean weighted by the mode's transparency; governance "
     "observes with its monitoring probability."},
    {"Interaction",
     "Direct over ties (observation, trust, invitations, "
     "vetoes, peer sanctions, exit contagion) and mediated by the common "
     "pool, quotas, the lead's power and votes."},
    {"Stochasticity",
     "Partner attributes, the network, the founders (unless "
     "listed) and at run time invitations, noise, detection, meetings, "
     "shocks and incidents; every subsystem draws from its own stream "
     "(section 6), so a run is determined by the config and run.seed."},
    {"Collectives",
     "The alliance (the member set) is the one collective; "
     "its governance is represented by its rules and, under a lead, by the "
     "lead partner."},
    {"Observation", "Per-tick metrics, events, every partner's final state "
                    "and a run summary (docs/OUTPUT.md)."},
};

/* The random streams of sim/engine.h, MODEL.md section 6. */
typedef struct stream {
    const char *name, *draws;
    switch_fn on; /* NULL: draws in every run */
} stream;

static const stream streams[] = {
    {"NG_STREAM_INIT",
     "partner attributes, the generated network, random "
     "founders",
     NULL},
    {"NG_STREAM_RECRUIT",
     "invitations, vetoes and admission objections, NAO "
     "outreach",
     NULL},
    {"NG_STREAM_CONTRIBUTE", "noise on every contribution", NULL},
    {"NG_STREAM_MONITOR", "detection of violations", NULL},
    {"NG_STREAM_LEARN", "meetings that form new ties", NULL},
    {"NG_STREAM_ENVIRONMENT",
     "drift of the problem focus, number and "
     "direction of shocks",
     shock_draws},
    {"NG_STREAM_INFORMATION", "data incidents and their source", sharing_on},
    {"NG_STREAM_GEOGRAPHY", "partner locations at initialisation",
     geography_on},
};

typedef struct submodel {
    const char *title;           /* MODEL.md 8.x title, no parenthesis */
    const char *where;           /* step and source file */
    const char *summary;         /* one sentence */
    switch_fn on;                /* NULL: part of the core model */
    const char *const *patterns; /* registry paths, NULL-terminated */
} submodel;

#define PATHS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* MODEL.md section 8.  A pattern's "*" matches one path segment, a
 * trailing "." every path below it; a parameter may serve several. */
static const submodel submodels[] = {
    {"Power and size", "sim/model/kernel.c",
     "power P = w_c c/cbar + w_a a "
     "over the members; size factor (c/cbar)^epsilon.",
     NULL,
     PATHS("power.", "population.*.capacity_median",
           "population.*.capacity_spread", "population.*.authority_mean",
           "population.authority_concentration", "production.benefit_scale")},
    {"Quotas", "step 4; sim/phases/quotas.c, sim/rules/cost_*.c",
     "budget B = ambition times the members' capacity; the cost rule splits "
     "it into quotas.",
     NULL, PATHS("alliance.ambition", "cost_sharing.")},
    {"Contributions", "step 5; sim/phases/contribute.c",
     "each member pays a "
     "share of its quota set by its disposition, belief, effective trust and "
     "deterrence, plus noise.",
     NULL,
     PATHS("alliance.contribution_norm", "behaviour.slope_min",
           "behaviour.slope_max", "behaviour.trust_sensitivity",
           "behaviour.trust_weight", "behaviour.noise",
           "behaviour.free_rider_floor", "behaviour.free_riding_cutoff",
           "network.stranger_trust", "population.*.dispositions")},
    {"Production", "step 6; sim/phases/produce.c",
     "overhead of the mode is "
     "paid first; the rest produces public value W with productivity, "
     "diversity and competence.",
     NULL,
     PATHS("production.productivity", "production.diversity_bonus",
           "production.complexity")},
    {"Benefits and payoffs", "step 7; sim/phases/produce.c",
     "each member "
     "draws a benefit from W by valuation and size, falling with n^gamma; "
     "payoff is benefit minus payment and sanctions.",
     NULL, PATHS("production.rivalry", "production.benefit_scale")},
    {"Monitoring and sanctions", "step 8; sim/rules/gov_*.c",
     "violations "
     "below the norm minus the tolerance are detected and sanctioned by the "
     "governance mode.",
     NULL, PATHS("governance.mode", "alliance.tolerance")},
    {"Learning", "step 9; sim/phases/learn.c",
     "trust on ties, beliefs, "
     "system trust (fairness and voice), commitment and new ties.",
     NULL,
     PATHS("learning.", "behaviour.belief_mean", "behaviour.belief_sd",
           "behaviour.initial_system_trust", "population.*.support_mean",
           "network.tie_trust")},
    {"Recruitment", "step 3; sim/phases/recruit.c",
     "members invite "
     "acquaintances from the pool; candidates join when attractive enough; "
     "the mode (or a vote) admits.",
     NULL,
     PATHS("recruitment.", "alliance.cooldown", "population.founders",
           "population.*.count", "population.*.interests",
           "network.mean_degree", "network.max_degree", "network.homophily",
           "behaviour.initial_commitment")},
    {"Value, exit, exclusion and contagion", "step 10; sim/phases/exit.c",
     "members whose value stays below the threshold exit; flagged members "
     "are excluded; exits cost acquaintances system trust.",
     NULL, PATHS("exit.", "alliance.cooldown")},
    {"Breakdown", "step 11; sim/phases/breakdown.c",
     "the alliance dissolves "
     "with too few members, without its lead, or after a streak without "
     "value or funding.",
     NULL,
     PATHS("alliance.min_members", "alliance.min_value",
           "alliance.breakdown_window")},
    {"Recording", "step 12; sim/phases/record.c",
     "the metrics of the tick, "
     "events and the running summary.",
     NULL, PATHS("run.", "output.")},
    {"Environment", "step 1; sim/phases/environment.c",
     "the problem focus "
     "drifts, reverts and is hit by shocks; fit and threat set the fit "
     "factor on public value.",
     environment_on, PATHS("environment.")},
    {"Mission adaptation", "step 2; sim/phases/mission.c",
     "a vote may turn "
     "the mission toward the problem focus, at a cost in commitment.",
     mission_on, PATHS("mission.", "decision.retry_delay")},
    {"Decision rules and votes", "sim/rules/decide_*.c, sim/model/vote.c",
     "admission, mission changes and dissolution are decided by the "
     "decision rule.",
     decision_on, PATHS("decision.")},
    {"Content vs process", "steps 6 and 9; sim/phases/produce.c, learn.c",
     "a share of the input goes to relationships and onboarding instead of "
     "public value.",
     process_on, PATHS("process.")},
    {"Information sharing and data incidents",
     "steps 6 and 7; "
     "sim/phases/produce.c, information.c",
     "sharing raises the diversity "
     "bonus but risks incidents that destroy trust; privacy technology "
     "costs overhead.",
     information_on, PATHS("information.")},
    {"Societal vs economic meaning", "sim/model/kernel.c",
     "a partner values "
     "public value by sector weights of alignment and economic return.",
     meaning_on, PATHS("meaning.")},
    {"Evaluation cycle and planned ending",
     "step 11; "
     "sim/phases/evaluate.c",
     "periodic dissolution votes and a goal that "
     "ends the alliance as completed.",
     evaluation_on, PATHS("evaluation.")},
    {"Geography", "sim/model/geography.c",
     "distance lowers the chance of "
     "ties and raises pairwise coordination cost.",
     geography_on, PATHS("geography.")},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- values ---- */

static const void *field(const ng_params *p, const ng_param *d)
{
    return (const char *)p + d->offset;
}

static void vector_text(const double *v, char *buf, size_t size)
{
    char n[NG_DIM][NG_NUMBER_TEXT];
    for (size_t k = 0; k < NG_DIM; k++) {
        ng__number_text(v[k], n[k]);
    }
    snprintf(buf, size, "[%s, %s, %s, %s]", n[0], n[1], n[2], n[3]);
}

/* The value of d in p, or its default when p is NULL. */
static void param_text(const ng_params *p, const ng_param *d, char *buf,
                       size_t size)
{
    char n[NG_NUMBER_TEXT];
    switch (d->type) {
    case NG_PARAM_REAL:
        ng__number_text(p ? *(const double *)field(p, d) : d->def, n);
        snprintf(buf, size, "%s", n);
        break;
    case NG_PARAM_INT:
        snprintf(buf, size, "%lld",
                 p ? (long long)*(const int64_t *)field(p, d)
                   : (long long)d->def);
        break;
    case NG_PARAM_CHOICE:
        snprintf(buf, size, "%s",
                 p ? ng_family_choice(d->family, *(const int *)field(p, d))
                   : d->def_choice);
        break;
    case NG_PARAM_VECTOR:
        vector_text(p ? (const double *)field(p, d) : d->def_vec, buf, size);
        break;
    }
}

static const char *param_value(const ng_params *p, const char *path, char *buf,
                               size_t size)
{
    const ng_param *d = ng_params_find(path);
    if (!d) {
        snprintf(buf, size, "?");
    } else {
        param_text(p, d, buf, size);
    }
    return buf;
}

/* Writes s as one Markdown table cell: a "|" would end it. */
static void cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') {
            fputc('\\', f);
        }
        fputc(*s, f);
    }
}

static bool path_matches(const char *pat, const char *path)
{
    while (*pat) {
        if (*pat == '*') {
            while (*path && *path != '.') {
                path++;
            }
            pat++;
            continue;
        }
        if (*pat != *path) {
            return false;
        }
        if (pat[0] == '.' && pat[1] == '\0') {
            return true;
        }
        pat++;
        path++;
    }
    return *path == '\0';
}

size_t ng__odd_submodel_count(void)
{
    return COUNT(submodels);
}

_Static_assert(COUNT(submodels) == NG_SUBMODEL_COUNT,
               "one submodel per NG_SUBMODELS entry, in the same order");

bool ng__odd_submodel_lists(size_t k, const ng_param *d)
{
    if (k >= COUNT(submodels)) {
        return false;
    }
    if (d->serves & (1u << k)) {
        return true; /* a rule's parameter names its submodels */
    }
    for (const char *const *q = submodels[k].patterns; *q; q++) {
        if (path_matches(*q, d->path)) {
            return true;
        }
    }
    return false;
}

/* ---- rule names ---- */

static const ng_governance *active_mode(const ng_params *p)
{
    return ng_params_governance(p);
}

/* The rule a scenario chooses in a family. */
static const ng_rule *active_rule(const ng_params *p, ng_family family)
{
    switch (family) {
    case NG_FAMILY_GOVERNANCE:
        return &ng_params_governance(p)->rule;
    case NG_FAMILY_COST:
        return &ng_params_cost_rule(p)->rule;
    case NG_FAMILY_DECISION:
        return &ng_params_decision_rule(p)->rule;
    case NG_FAMILY_NONE:
    case NG_FAMILY_PERSPECTIVE:
        break;
    }
    return NULL;
}

static const char *rule_name(const ng_params *p, enum rule_kind k)
{
    switch (k) {
    case RULE_GOV:
        return active_rule(p, NG_FAMILY_GOVERNANCE)->name;
    case RULE_COST:
        return active_rule(p, NG_FAMILY_COST)->name;
    case RULE_DECISION:
        return active_rule(p, NG_FAMILY_DECISION)->name;
    case RULE_NONE:
        break;
    }
    return NULL;
}

static const char *rule_family(enum rule_kind k)
{
    static const char *const names[] = {"", "governance mode", "cost rule",
                                        "decision rule"};
    return names[k];
}

/* Why a registry parameter does nothing in this scenario, or NULL: it
 * belongs to a rule the scenario does not choose. */
static const char *unused_note(const ng_params *p, const ng_param *d, char *buf,
                               size_t size)
{
    if (!d->rule || d->rule == active_rule(p, d->rule_family)) {
        return NULL;
    }
    const char *active = active_rule(p, d->rule_family)->name;
    if (d->rule_family == NG_FAMILY_GOVERNANCE) {
        snprintf(buf, size, "not used under %s governance", active);
    } else {
        snprintf(buf, size, "not used under the %s %s rule", active,
                 d->rule_family == NG_FAMILY_COST ? "cost" : "decision");
    }
    return buf;
}

/* ---- sections ---- */

static void write_head(FILE *f, const ng_config *cfg)
{
    fprintf(f, "# ODD description: %s\n\n", cfg->name);
    fputs("Generated by `netgov odd` from the parameter registry "
          "(include/netgov/param_table.h), the rule tables and the scenario "
          "configuration as it is run; do not edit by hand. It follows the "
          "ODD protocol (Grimm et al. 2006, 2010, 2020) and the structure of "
          "docs/MODEL.md, the hand-written reference with every equation, "
          "the departures from the design and the limitations. Every number "
          "is the value this scenario uses; a value that differs from the "
          "default is marked \"(default X)\".\n\n",
          f);
}

static void write_purpose(FILE *f, const ng_config *cfg)
{
    fputs("## 1. Purpose and patterns\n\n", f);
    fprintf(f, "**Scenario `%s`.** %s\n\n", cfg->name,
            cfg->description[0] ? cfg->description : "(no description)");
    fprintf(f, "**Purpose.** %s\n\n", purpose);
    fputs("**Patterns** the model is meant to reproduce (checked over many "
          "seeds in docs/VALIDATION.md):\n\n",
          f);
    for (const char *const *s = patterns; *s; s++) {
        fprintf(f, "- %s\n", *s);
    }
    size_t on = 0;
    for (size_t k = 0; k < COUNT(modules); k++) {
        on += modules[k].on(&cfg->p) ? 1 : 0;
    }
    fprintf(f,
            "\nOf the %zu v2 modules, which pose the paradoxes of "
            "alliance practice, %zu %s switched on in this scenario "
            "(section 3).\n\n",
            COUNT(modules), on, on == 1 ? "is" : "are");
}

static size_t listed_in_sector(const ng_config *cfg, int sector)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_partners; i++) {
        n += cfg->partners[i].sector == sector ? 1 : 0;
    }
    return n;
}

static void write_sector_row(FILE *f, const ng_config *cfg, int s)
{
    static const char *const fields[] = {
        "count",        "capacity_median", "capacity_spread", "authority_mean",
        "support_mean", "interests",       "dispositions"};
    fprintf(f, "| %s | %zu |", ng_sector_name(s), listed_in_sector(cfg, s));
    for (size_t k = 0; k < COUNT(fields); k++) {
        char path[TEXT_MAX], v[TEXT_MAX];
        snprintf(path, sizeof path, "population.%s.%s", ng_sector_name(s),
                 fields[k]);
        fprintf(f, " %s |", param_value(&cfg->p, path, v, sizeof v));
    }
    fputc('\n', f);
}

static void write_partners(FILE *f, const ng_config *cfg)
{
    fputs("### 2.1 Partners\n\n", f);
    fprintf(f,
            "The pool holds N = %zu potential partners: %zu listed by "
            "name in the config and the rest generated per sector. Each "
            "partner has a sector, capacity, authority, top-level "
            "support, interests over the perspectives enforcement, care, "
            "economic and knowledge, a disposition (conditional "
            "cooperator, free rider, hump-shaped, unconditional), a "
            "belief, system trust, commitment, quota, contribution, "
            "payoff, value and membership state.\n\n",
            ng_config_pool_size(cfg), cfg->n_partners);
    fputs("| sector | listed | generated | capacity median (units/tick) | "
          "capacity spread (log units) | authority mean | support mean | "
          "interests | dispositions |\n"
          "|---|---|---|---|---|---|---|---|---|\n",
          f);
    for (int s = 0; s < NG_SECTOR_COUNT; s++) {
        write_sector_row(f, cfg, s);
    }
    fputc('\n', f);
}

static void write_relations(FILE *f, const ng_config *cfg)
{
    char k[TEXT_MAX], kmax[TEXT_MAX], h[TEXT_MAX], t0[TEXT_MAX];
    fputs("### 2.2 Relations (the acquaintance network)\n\n", f);
    fprintf(f,
            "A sparse undirected acquaintance network over the pool "
            "with directed trust on each tie: %zu listed ties, then "
            "generated ties for a mean degree of %s (at most %s per "
            "partner), drawn within the sector with probability %s. A "
            "co-member without a tie is trusted at %s.\n\n",
            cfg->n_ties,
            param_value(&cfg->p, "network.mean_degree", k, sizeof k),
            param_value(&cfg->p, "network.max_degree", kmax, sizeof kmax),
            param_value(&cfg->p, "network.homophily", h, sizeof h),
            param_value(&cfg->p, "network.stranger_trust", t0, sizeof t0));
}

static void write_rule_row(FILE *f, const char *what, const char *path,
                           const char *name, const char *summary)
{
    fprintf(f, "| %s (`%s`) | `%s` | ", what, path, name);
    cell(f, summary);
    fputs(" |\n", f);
}

static void write_alliance(FILE *f, const ng_config *cfg)
{
    const ng_params *p = &cfg->p;
    const ng_rule *g = active_rule(p, NG_FAMILY_GOVERNANCE);
    const ng_rule *c = active_rule(p, NG_FAMILY_COST);
    const ng_rule *d = active_rule(p, NG_FAMILY_DECISION);
    fputs("### 2.3 The alliance\n\n"
          "The member list, the mission vector (set by the founders), the "
          "budget, the public value, the streaks without value or funding "
          "and the outcome; its rules in this scenario:\n\n"
          "| rule | name | what it does |\n|---|---|---|\n",
          f);
    write_rule_row(f, "governance mode", "governance.mode", g->name,
                   g->summary);
    write_rule_row(f, "cost rule", "cost_sharing.rule", c->name, c->summary);
    write_rule_row(f, "decision rule", "decision.rule", d->name, d->summary);
    fputc('\n', f);
}

static void write_scales(FILE *f, const ng_config *cfg)
{
    const ng_params *p = &cfg->p;
    char area[TEXT_MAX];
    fputs("### 2.4 Scales\n\n", f);
    fprintf(f,
            "One tick is one month; the run lasts %lld ticks (%.4g "
            "years). Resources are abstract units per tick. ",
            (long long)p->run_ticks, (double)p->run_ticks / 12.0);
    if (geography_on(p)) {
        fprintf(f,
                "Partners are located in a square region of side %s "
                "km.\n\n",
                param_value(p, "geography.area", area, sizeof area));
    } else {
        fputs("There is no space (geography.area is 0).\n\n", f);
    }
}

static void write_entities(FILE *f, const ng_config *cfg)
{
    fputs("## 2. Entities, state variables and scales\n\n", f);
    write_partners(f, cfg);
    write_relations(f, cfg);
    write_alliance(f, cfg);
    write_scales(f, cfg);
}

static void write_steps(FILE *f, const ng_params *p)
{
    fputs("| # | phase | what happens | rule | in this scenario |\n"
          "|---|---|---|---|---|\n",
          f);
    for (size_t k = 0; k < COUNT(steps); k++) {
        const step *s = &steps[k];
        fprintf(f, "| %s | %s | %s | ", s->num, s->phase, s->what);
        if (s->rule != RULE_NONE) {
            fprintf(f, "%s `%s`", rule_family(s->rule), rule_name(p, s->rule));
        }
        fprintf(f, " | %s |\n",
                !s->on || s->on(p) ? "acts" : "neutral: changes nothing");
    }
    fputc('\n', f);
}

static void write_modules(FILE *f, const ng_params *p)
{
    fputs("| module | submodel | in this scenario | neutral when |\n"
          "|---|---|---|---|\n",
          f);
    for (size_t k = 0; k < COUNT(modules); k++) {
        const module *m = &modules[k];
        fprintf(f, "| %s | %s | %s | %s |\n", m->name, m->section,
                m->on(p) ? "**on**" : "neutral", m->neutral_when);
    }
    fputc('\n', f);
}

static void write_schedule(FILE *f, const ng_config *cfg)
{
    fputs("## 3. Process overview and scheduling\n\n"
          "Each tick `ng_model_step` (sim/run/model.c) runs these phases "
          "in this order; every phase updates the members sequentially in "
          "list order. The run stops after the tick in which the alliance "
          "dissolves or completes, or at the horizon.\n\n",
          f);
    write_steps(f, &cfg->p);
    fputs("The v2 modules, decided from this scenario's parameter values "
          "(a neutral module changes nothing and draws no random "
          "numbers):\n\n",
          f);
    write_modules(f, &cfg->p);
}

static void write_concepts(FILE *f)
{
    fputs("## 4. Design concepts\n\n", f);
    for (size_t k = 0; k < COUNT(concepts); k++) {
        fprintf(f, "**%s.** %s\n\n", concepts[k].name, concepts[k].text);
    }
}

static bool any_listed_founder(const ng_config *cfg)
{
    for (size_t i = 0; i < cfg->n_partners; i++) {
        if (cfg->partners[i].founder || cfg->partners[i].lead) {
            return true;
        }
    }
    return false;
}

static void write_founders(FILE *f, const ng_config *cfg)
{
    if (!any_listed_founder(cfg)) {
        fprintf(f,
                "**Founders.** %lld partners drawn uniformly from the "
                "pool (`population.founders`).\n\n",
                (long long)cfg->p.population_founders);
        return;
    }
    fputs("**Founders.** The listed partners marked founder or lead:", f);
    const char *sep = " ";
    for (size_t i = 0; i < cfg->n_partners; i++) {
        const ng_partner_spec *s = &cfg->partners[i];
        if (s->founder || s->lead) {
            fprintf(f, "%s%s%s", sep, s->name, s->lead ? " (lead)" : "");
            sep = ", ";
        }
    }
    fputs(".\n\n", f);
}

static void write_listed(FILE *f, const ng_config *cfg)
{
    if (cfg->n_partners == 0) {
        fputs("**Listed partners.** None: every partner is generated.\n\n", f);
        return;
    }
    fputs("**Listed partners** (attributes not stated are drawn from the "
          "sector's distributions):\n\n"
          "| # | name | sector | founder | lead |\n|---|---|---|---|---|\n",
          f);
    for (size_t i = 0; i < cfg->n_partners; i++) {
        const ng_partner_spec *s = &cfg->partners[i];
        fprintf(f, "| %zu | ", i);
        cell(f, s->name);
        fprintf(f, " | %s | %s | %s |\n", ng_sector_name(s->sector),
                s->founder ? "yes" : "", s->lead ? "yes" : "");
    }
    fputc('\n', f);
}

static void write_init(FILE *f, const ng_config *cfg)
{
    const ng_params *p = &cfg->p;
    char k0[TEXT_MAX], s0[TEXT_MAX];
    fputs("## 5. Initialisation\n\n"
          "Done once (sim/model/population.c): the pool (listed partners "
          "first, then generated ones sector by sector), locations (with "
          "geography), the network (listed ties first), the founders and "
          "their ties, power, the lead (lead governance), the mission as "
          "the founders' voice-weighted interests, and the problem focus at "
          "the mission.\n\n",
          f);
    write_founders(f, cfg);
    if (active_mode(p)->has_lead) {
        fputs("**Lead.** The listed partner marked lead, else the founder "
              "with the highest power.\n\n",
              f);
    }
    write_listed(f, cfg);
    fprintf(f,
            "**Start values.** Founders' commitment max(%s, support); "
            "system trust %s for every partner; master seed `run.seed` = "
            "%lld.\n\n",
            param_value(p, "behaviour.initial_commitment", k0, sizeof k0),
            param_value(p, "behaviour.initial_system_trust", s0, sizeof s0),
            (long long)p->run_seed);
}

static void write_input(FILE *f, const ng_config *cfg)
{
    fputs("## 6. Input data and random streams\n\n", f);
    fprintf(f,
            "The model uses no external input data; the scenario config "
            "sets the parameters and lists %zu partners and %zu ties. "
            "Nothing varies over time from outside.\n\n",
            cfg->n_partners, cfg->n_ties);
    fprintf(f,
            "Random numbers come from %zu independent Mersenne Twister "
            "streams (GSL mt19937) seeded from `run.seed` = %lld:\n\n"
            "| stream | draws | in this scenario |\n|---|---|---|\n",
            COUNT(streams), (long long)cfg->p.run_seed);
    for (size_t k = 0; k < COUNT(streams); k++) {
        const stream *s = &streams[k];
        fprintf(f, "| `%s` | %s | %s |\n", s->name, s->draws,
                !s->on || s->on(&cfg->p) ? "draws" : "draws nothing");
    }
    fputc('\n', f);
}

/* One row: path, value (and default when changed), unit, meaning. */
static void write_param_row(FILE *f, const ng_params *p, const ng_param *d)
{
    char v[TEXT_MAX], def[TEXT_MAX], note[TEXT_MAX];
    param_text(p, d, v, sizeof v);
    param_text(NULL, d, def, sizeof def);
    fprintf(f, "| `%s` | %s", d->path, v);
    if (strcmp(v, def) != 0) {
        fprintf(f, " (default %s)", def);
    }
    fprintf(f, " | %s | ", d->unit);
    cell(f, d->meaning);
    if (unused_note(p, d, note, sizeof note)) {
        fprintf(f, " (%s)", note);
    }
    fputs(" |\n", f);
}

static void write_submodel(FILE *f, const ng_params *p, size_t k)
{
    const submodel *s = &submodels[k];
    fprintf(f, "### 7.%zu %s\n\n", k + 1, s->title);
    fprintf(f, "*%s; MODEL.md 8.%zu.*", s->where, k + 1);
    if (s->on) {
        fprintf(f, " **%s in this scenario.**", s->on(p) ? "On" : "Neutral");
    }
    /* The summaries are lower case for table cells; here each opens a
     * sentence. */
    fprintf(f,
            " %c%s\n\n| parameter | value | unit | meaning |\n"
            "|---|---|---|---|\n",
            toupper((unsigned char)s->summary[0]), s->summary + 1);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        if (ng__odd_submodel_lists(k, d)) {
            write_param_row(f, p, d);
        }
    }
    fputc('\n', f);
}

static void write_submodels(FILE *f, const ng_config *cfg)
{
    fputs("## 7. Submodels\n\n"
          "One subsection per submodel of docs/MODEL.md section 8 (same "
          "order and titles; the equations are there), with the parameters "
          "it reads and their values in this scenario.\n\n",
          f);
    for (size_t k = 0; k < COUNT(submodels); k++) {
        write_submodel(f, &cfg->p, k);
    }
}

static void write_table(FILE *f, const ng_config *cfg)
{
    fprintf(f,
            "## Parameters\n\n"
            "Every parameter of the registry (%zu), in registry order, "
            "with the value used in this scenario.\n\n"
            "| path | value | default | unit | meaning |\n"
            "|---|---|---|---|---|\n",
            ng_params_count());
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        char v[TEXT_MAX], def[TEXT_MAX];
        param_text(&cfg->p, d, v, sizeof v);
        param_text(NULL, d, def, sizeof def);
        fprintf(f, "| `%s` | %s%s | %s | %s | ", d->path, v,
                strcmp(v, def) != 0 ? " (changed)" : "", def, d->unit);
        cell(f, d->meaning);
        fputs(" |\n", f);
    }
}

int ng__odd_write(FILE *f, const ng_config *cfg, ng_error *err)
{
    write_head(f, cfg);
    write_purpose(f, cfg);
    write_entities(f, cfg);
    write_schedule(f, cfg);
    write_concepts(f);
    write_init(f, cfg);
    write_input(f, cfg);
    write_submodels(f, cfg);
    write_table(f, cfg);
    if (fflush(f) != 0 || ferror(f)) {
        return ng_error_set(err, NG_EIO, NULL, "cannot write the ODD text");
    }
    return 0;
}
