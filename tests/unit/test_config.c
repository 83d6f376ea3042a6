/* Unit tests of scenario configuration (config.h, sim/io/config*.c).
 *
 * A JSON scenario names only what differs from the defaults; every error
 * names the full dotted path, says what was expected and what was found,
 * and all errors of a document are collected.  Listed partners and ties,
 * --set overrides and the cross-field rules of ng_config_validate are
 * covered here too.
 */
#include "unit_helpers.h"

#include "io/config_internal.h"

/* ---- helpers ---- */

static void reset(ng_errors *errs)
{
    memset(errs, 0, sizeof *errs);
}

/* Parses text, which must be accepted. */
static void parse_accepted(ng_config *cfg, const char *text, ng_errors *errs)
{
    assert_int_equal(unit_parse(cfg, text, errs), 0);
}

/* Parses text, which must be rejected as a configuration error. */
static void parse_rejected(ng_config *cfg, const char *text, ng_errors *errs)
{
    assert_int_equal(unit_parse(cfg, text, errs), NG_ECONFIG);
}

/* Applies one --set assignment to a fresh error list; it must be rejected. */
static void set_rejected(ng_config *cfg, const char *assignment,
                         ng_errors *errs)
{
    reset(errs);
    assert_int_equal(ng_config_set(cfg, assignment, errs), NG_ECONFIG);
}

/* Validates cfg into a fresh error list; the result must be rc. */
static void validate_returns(const ng_config *cfg, ng_errors *errs, int rc)
{
    reset(errs);
    assert_int_equal(ng_config_validate(cfg, errs), rc);
}

/* Errors of a parsed document may name the source before the field path
 * ("test.json:run.ticks", STYLE 7.6); this is the path that follows. */
static const char *field_path(const ng_error *e)
{
    static const char source[] = "test.json:";
    size_t len = sizeof source - 1;
    return strncmp(e->where, source, len) == 0 ? e->where + len : e->where;
}

/* e's message contains `says` and `also_says` (NULL: not checked).  A
 * config error says what was expected and what was found, so most checks
 * name those two parts; others check a suggestion or a single part. */
static void assert_says(const ng_error *e, const char *says,
                        const char *also_says)
{
    if (says) {
        assert_contains(e->msg, says);
    }
    if (also_says) {
        assert_contains(e->msg, also_says);
    }
}

/* The first error is at field path `path` and says both parts. */
static void assert_first_error(const ng_errors *errs, const char *path,
                               const char *says, const char *also_says)
{
    assert_string_equal(field_path(&errs->items[0]), path);
    assert_says(&errs->items[0], says, also_says);
}

/* As assert_first_error, and it is the only error. */
static void assert_only_error(const ng_errors *errs, const char *path,
                              const char *says, const char *also_says)
{
    assert_int_equal(errs->n, 1);
    assert_first_error(errs, path, says, also_says);
}

/* The first error is at exactly `where`, with no source name stripped: a
 * line and column, a file, or a --set path that names no source at all. */
static void assert_first_error_where(const ng_errors *errs, const char *where,
                                     const char *says, const char *also_says)
{
    assert_string_equal(errs->items[0].where, where);
    assert_says(&errs->items[0], says, also_says);
}

/* As assert_first_error_where, and it is the only error. */
static void assert_only_error_where(const ng_errors *errs, const char *where,
                                    const char *says, const char *also_says)
{
    assert_int_equal(errs->n, 1);
    assert_first_error_where(errs, where, says, also_says);
}

/* The error reported at field path `where`, which must exist. */
static const ng_error *error_at(const ng_errors *errs, const char *where)
{
    for (size_t k = 0; k < errs->n; k++) {
        if (strcmp(field_path(&errs->items[k]), where) == 0) {
            return &errs->items[k];
        }
    }
    unit_print_errors(errs);
    print_error("no error at \"%s\"\n", where);
    fail();
    static const ng_error none = {0, "", ""}; /* fail() does not return */
    return &none;
}

/* A small valid pool for the validation tests. */
static void small_pool(ng_config *cfg)
{
    unit_config(cfg);
    unit_set_sector_counts(&cfg->p, 3, 2, 1, 2);
    cfg->p.population_founders = 4;
    cfg->p.network_mean_degree = 3.5;
    cfg->p.network_max_degree = 12;
    cfg->p.behaviour_slope_min = 0.55;
    cfg->p.behaviour_slope_max = 0.85;
    unit_set_rules(&cfg->p, "shared", "capacity");
}

/* ---- merging over defaults ---- */

static void test_config_partial_json_keeps_untouched_defaults(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_accepted(&cfg,
                   "{\"alliance\": {\"ambition\": 0.237},"
                   " \"run\": {\"ticks\": 37}, \"name\": \"harbour\"}",
                   &errs);
    assert_int_equal(errs.n, 0);
    assert_near(cfg.p.alliance_ambition, 0.237, 0);
    assert_true(cfg.p.run_ticks == 37);
    assert_string_equal(cfg.name, "harbour");

    ng_params expected;
    ng_params_defaults(&expected);
    expected.alliance_ambition = 0.237;
    expected.run_ticks = 37;
    assert_memory_equal(&cfg.p, &expected, sizeof expected);
    assert_int_equal(cfg.n_partners, 0);
    ng_config_clear(&cfg);
}

static void test_config_second_document_merges_over_the_first(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_accepted(&cfg, "{\"exit\": {\"patience\": 9, \"contagion\": 0.071}}",
                   &errs);
    parse_accepted(&cfg, "{\"exit\": {\"patience\": 4}}", &errs);
    assert_true(cfg.p.exit_patience == 4);
    assert_near(cfg.p.exit_contagion, 0.071, 0);
    ng_config_clear(&cfg);
}

static void test_config_nested_keys_reach_every_level(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_accepted(&cfg,
                   "{\"governance\": {\"mode\": \"nao\","
                   "  \"nao\": {\"monitoring\": 0.713, \"exclusion_after\": 5},"
                   "  \"lead\": {\"voice_loss\": 0.42}},"
                   " \"population\": {\"civil\": {\"count\": 13,"
                   "  \"dispositions\": [0.25, 0.125, 0.5, 0.125]}},"
                   " \"cost_sharing\": {\"rule\": \"equal\"}}",
                   &errs);
    assert_near(unit_param_get(&cfg.p, "governance.nao.monitoring"), 0.713, 0);
    assert_near(unit_param_get(&cfg.p, "governance.nao.exclusion_after"), 5, 0);
    assert_near(unit_param_get(&cfg.p, "governance.lead.voice_loss"), 0.42, 0);
    assert_true(cfg.p.population_civil_count == 13);
    assert_near(cfg.p.population_civil_dispositions[2], 0.5, 0);
    assert_near(cfg.p.population_civil_dispositions[3], 0.125, 0);
    assert_int_equal(cfg.p.governance_mode,
                     ng_family_find(NG_FAMILY_GOVERNANCE, "nao"));
    assert_int_equal(cfg.p.cost_rule, ng_family_find(NG_FAMILY_COST, "equal"));
    ng_config_clear(&cfg);
}

/* ---- error messages ---- */

static void test_config_unknown_key_names_full_path_and_suggests(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg, "{\"governance\": {\"nao\": {\"monitorng\": 0.5}}}",
                   &errs);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.items[0].code, NG_ECONFIG);
    assert_first_error(&errs, "governance.nao.monitorng",
                       "did you mean \"governance.nao.monitoring\"", NULL);
    /* The misspelt value did not land anywhere. */
    assert_near(unit_param_get(&cfg.p, "governance.nao.monitoring"),
                ng_params_find("governance.nao.monitoring")->def, 0);

    /* A misspelt object is suggested at its own depth. */
    parse_rejected(&cfg, "{\"governence\": {\"mode\": \"nao\"}}", &errs);
    assert_first_error(&errs, "governence", "did you mean \"governance\"",
                       NULL);
    ng_config_clear(&cfg);
}

static void test_config_unknown_key_far_from_all_has_no_suggestion(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg, "{\"zebra\": 1}", &errs);
    assert_first_error(&errs, "zebra", "unknown key", NULL);
    assert_null(strstr(errs.items[0].msg, "did you mean"));
    ng_config_clear(&cfg);
}

static void test_config_wrong_type_says_expected_and_found(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    double before = cfg.p.alliance_ambition;
    parse_rejected(&cfg, "{\"alliance\": {\"ambition\": \"high\"}}", &errs);
    assert_only_error(&errs, "alliance.ambition", "expected a number",
                      "found \"high\"");
    assert_near(cfg.p.alliance_ambition, before, 0);

    parse_rejected(&cfg, "{\"governance\": {\"mode\": 3}}", &errs);
    assert_first_error(&errs, "governance.mode",
                       "expected one of: shared, lead, nao", "found 3");

    parse_rejected(&cfg, "{\"governance\": {\"nao\": 0.5}}", &errs);
    assert_first_error(&errs, "governance.nao", "expected an object",
                       "found 0.5");
    ng_config_clear(&cfg);
}

static void test_config_out_of_range_says_expected_and_found(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg, "{\"learning\": {\"trust_gain\": 1.375}}", &errs);
    assert_first_error(&errs, "learning.trust_gain",
                       "expected a number between 0 and 1", "found 1.375");

    parse_rejected(&cfg, "{\"exit\": {\"patience\": 2.5}}", &errs);
    assert_first_error(&errs, "exit.patience", "expected an integer",
                       "found 2.5");

    /* A vector element out of range is reported with its index. */
    parse_rejected(&cfg,
                   "{\"population\": {\"business\": {\"dispositions\":"
                   " [0.5, 0.25, -0.125, 0.25]}}}",
                   &errs);
    assert_first_error(&errs, "population.business.dispositions[2]", "expected",
                       "found -0.125");
    parse_rejected(
        &cfg, "{\"population\": {\"business\": {\"dispositions\": [0.5]}}}",
        &errs);
    assert_first_error(&errs, "population.business.dispositions",
                       "expected an array of 4 numbers", "found an array of 1");
    ng_config_clear(&cfg);
}

static void test_config_repeated_key_is_an_error(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg, "{\"run\": {\"ticks\": 5, \"ticks\": 7}}", &errs);
    assert_only_error(&errs, "run.ticks", "expected each key once", NULL);
    ng_config_clear(&cfg);
}

static void test_config_collects_every_error(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg,
                   "{\"alliance\": {\"ambition\": 7, \"contribution_norm\":"
                   " 0.65},"
                   " \"exit\": {\"patiense\": 3},"
                   " \"governance\": {\"mode\": \"anarchy\"},"
                   " \"run\": {\"seed\": 0}}",
                   &errs);
    assert_int_equal(errs.n, 4);
    assert_contains(error_at(&errs, "alliance.ambition")->msg, "found 7");
    assert_contains(error_at(&errs, "exit.patiense")->msg,
                    "did you mean \"exit.patience\"");
    assert_contains(error_at(&errs, "governance.mode")->msg,
                    "found \"anarchy\"");
    assert_contains(error_at(&errs, "run.seed")->msg, "found 0");
    /* The valid field in between was still applied. */
    assert_near(cfg.p.alliance_contribution_norm, 0.65, 0);
    ng_config_clear(&cfg);
}

static void test_config_error_list_is_capped_and_counts_the_rest(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    char text[2048] = "{";
    for (int k = 0; k < 25; k++) {
        char item[64];
        snprintf(item, sizeof item, "%s\"bogus%d\": %d", k ? "," : "", k, k);
        strcat(text, item);
    }
    strcat(text, "}");
    parse_rejected(&cfg, text, &errs);
    assert_int_equal(errs.n, NG_MAX_ERRORS);
    assert_int_equal(errs.dropped, 25 - NG_MAX_ERRORS);
    ng_config_clear(&cfg);
}

static void test_config_syntax_error_reports_line_and_column(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    /* Line 3, column 14 holds the stray '?'. */
    parse_rejected(&cfg, "{\n  \"run\": {\n    \"ticks\": ?\n  }\n}\n", &errs);
    assert_only_error_where(&errs, "test.json:3:14", "expected valid JSON",
                            "found a syntax error");

    /* An unterminated document points at its last character. */
    parse_rejected(&cfg, "{\"run\": {\"ticks\": 12}", &errs);
    assert_first_error_where(&errs, "test.json:1:21", NULL, NULL);
    ng_config_clear(&cfg);
}

static void test_config_text_after_the_document_is_an_error(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    /* A second document glued on must not be silently ignored. */
    parse_rejected(
        &cfg, "{\"run\": {\"ticks\": 12}}\n{\"run\": {\"ticks\": 99}}", &errs);
    assert_only_error_where(&errs, "test.json:2:1", "expected", "found");
    /* Trailing white space is fine. */
    ng_config_clear(&cfg);
    ng_config_init(&cfg);
    parse_accepted(&cfg, "{\"run\": {\"ticks\": 12}}\n \t\r\n", &errs);
    assert_true(cfg.p.run_ticks == 12);
    ng_config_clear(&cfg);
}

static void test_config_top_level_must_be_an_object(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg, "[1, 2]", &errs);
    assert_only_error_where(&errs, "test.json", "expected a JSON object",
                            "found an array of 2");
    ng_config_clear(&cfg);
}

static void test_config_load_of_a_missing_file_is_eio(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    reset(&errs);
    int rc = ng_config_load(&cfg, "/nonexistent/netgov/unit.json", &errs);
    assert_int_equal(rc, NG_EIO);
    assert_only_error_where(&errs, "/nonexistent/netgov/unit.json",
                            "cannot open", NULL);
    ng_config_clear(&cfg);
}

/* ---- listed partners and ties ---- */

static const char partners_doc[] =
    "{\"governance\": {\"mode\": \"lead\"},"
    " \"population\": {"
    "  \"government\": {\"count\": 0}, \"business\": {\"count\": 0},"
    "  \"knowledge\": {\"count\": 0}, \"civil\": {\"count\": 2},"
    "  \"ties\": [{\"a\": \"Police\", \"b\": \"Port\", \"trust\": 0.715}],"
    "  \"partners\": ["
    "   {\"name\": \"Police\", \"sector\": \"government\", \"founder\": true,"
    "    \"lead\": true, \"capacity\": 3.75, \"authority\": 0.85,"
    "    \"support\": 0.62, \"interests\": [6, 2, 1, 1],"
    "    \"disposition\": \"unconditional\"},"
    "   {\"name\": \"Port\", \"sector\": \"business\", \"capacity\": 1.25},"
    "   {\"name\": \"Uni\", \"sector\": \"knowledge\", \"founder\": true,"
    "    \"disposition\": \"free_rider\"}]}}";

static void test_config_listed_partners_keep_stated_attributes(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    int rc = unit_parse(&cfg, partners_doc, &errs);
    unit_print_errors(&errs);
    assert_int_equal(rc, 0);
    assert_int_equal(cfg.n_partners, 3);
    const ng_partner_spec *police = &cfg.partners[0], *port = &cfg.partners[1],
                          *uni = &cfg.partners[2];
    assert_string_equal(police->name, "Police");
    assert_int_equal(police->sector, NG_SECTOR_GOVERNMENT);
    assert_true(police->founder && police->lead);
    assert_true(police->has_capacity && police->has_authority &&
                police->has_support && police->has_interests &&
                police->has_disposition);
    assert_near(police->capacity, 3.75, 0);
    assert_near(police->authority, 0.85, 0);
    assert_near(police->support, 0.62, 0);
    /* Interests are normalised onto the simplex. */
    assert_near(police->interests[0], 0.6, 1e-15);
    assert_near(police->interests[1], 0.2, 1e-15);
    assert_near(police->interests[3], 0.1, 1e-15);
    assert_int_equal(police->disposition, NG_DISP_UNCONDITIONAL);

    assert_string_equal(port->name, "Port");
    assert_int_equal(port->sector, NG_SECTOR_BUSINESS);
    assert_false(port->founder || port->lead);
    assert_true(port->has_capacity);
    assert_false(port->has_authority || port->has_support ||
                 port->has_interests || port->has_disposition);
    assert_int_equal(uni->sector, NG_SECTOR_KNOWLEDGE);
    assert_true(uni->founder && !uni->lead);
    assert_int_equal(uni->disposition, NG_DISP_FREE_RIDER);

    assert_int_equal(cfg.n_ties, 1);
    assert_int_equal(cfg.ties[0].a, 0);
    assert_int_equal(cfg.ties[0].b, 1);
    assert_near(cfg.ties[0].trust, 0.715, 0);
    assert_int_equal(ng_config_pool_size(&cfg), 5);

    /* The model takes the listed partners first, as stated. */
    ng_model *m = unit_model(&cfg);
    assert_int_equal(m->n, 5);
    assert_int_equal(m->lead, 0);
    assert_near(m->capacity[0], 3.75, 0);
    assert_near(m->capacity[1], 1.25, 0);
    assert_int_equal(m->disposition[2], NG_DISP_FREE_RIDER);
    assert_int_equal(m->n_members, 2);
    assert_int_equal(m->state[0], NG_MEMBER);
    assert_int_equal(m->state[1], NG_CANDIDATE);
    assert_int_equal(m->state[2], NG_MEMBER);
    assert_near(*unit_trust(m, 0, 1), 0.715, 0);
    assert_near(*unit_trust(m, 1, 0), 0.715, 0);
    ng_model_free(m);
    ng_config_clear(&cfg);
}

static void test_config_partner_errors_name_the_field(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg,
                   "{\"population\": {\"partners\": ["
                   " {\"name\": \"A\", \"sector\": \"church\"},"
                   " {\"name\": \"B\", \"sector\": \"civil\", \"capacity\": 0},"
                   " {\"sector\": \"civil\", \"foundr\": true}]}}",
                   &errs);
    assert_contains(error_at(&errs, "population.partners[0].sector")->msg,
                    "expected one of: government, business, knowledge, civil");
    assert_contains(error_at(&errs, "population.partners[1].capacity")->msg,
                    "found 0");
    assert_contains(error_at(&errs, "population.partners[2].foundr")->msg,
                    "did you mean \"founder\"");
    assert_contains(error_at(&errs, "population.partners[2]")->msg,
                    "expected a \"name\"");
    ng_config_clear(&cfg);
}

static void test_config_duplicate_partner_names_rejected(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg,
                   "{\"population\": {\"partners\": ["
                   " {\"name\": \"Police\", \"sector\": \"government\"},"
                   " {\"name\": \"Port\", \"sector\": \"business\"},"
                   " {\"name\": \"Police\", \"sector\": \"civil\"}]}}",
                   &errs);
    assert_only_error(&errs, "population.partners", "expected unique names",
                      "found \"Police\" at [0] and [2]");
    ng_config_clear(&cfg);
}

static void test_config_tie_to_unknown_name_suggests_closest(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg,
                   "{\"population\": {\"partners\": ["
                   " {\"name\": \"Police\", \"sector\": \"government\"},"
                   " {\"name\": \"Port\", \"sector\": \"business\"}],"
                   " \"ties\": [{\"a\": \"Port\", \"b\": \"Polise\"},"
                   "            {\"a\": \"Port\", \"b\": \"Zoo\"}]}}",
                   &errs);
    const ng_error *e = error_at(&errs, "population.ties[0].b");
    assert_says(e, "expected the name of a listed partner", "found \"Polise\"");
    assert_contains(e->msg, "did you mean \"Police\"");
    e = error_at(&errs, "population.ties[1].b");
    assert_contains(e->msg, "found \"Zoo\"");
    assert_null(strstr(e->msg, "did you mean"));
    assert_int_equal(cfg.n_ties, 0);
    ng_config_clear(&cfg);
}

static void test_config_tie_needs_two_different_partners(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_rejected(&cfg,
                   "{\"population\": {\"partners\": ["
                   " {\"name\": \"Police\", \"sector\": \"government\"}],"
                   " \"ties\": [{\"a\": \"Police\", \"b\": \"Police\"}]}}",
                   &errs);
    assert_contains(error_at(&errs, "population.ties[0]")->msg,
                    "two different partners");
    ng_config_clear(&cfg);
}

/* ---- --set overrides ---- */

static void test_config_set_accepts_numbers_words_and_vectors(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    reset(&errs);
    assert_int_equal(ng_config_set(&cfg, "alliance.ambition=0.237", &errs), 0);
    assert_int_equal(ng_config_set(&cfg, "run.ticks=17", &errs), 0);
    assert_int_equal(ng_config_set(&cfg, "governance.mode=nao", &errs), 0);
    assert_int_equal(ng_config_set(&cfg, "cost_sharing.rule=\"power\"", &errs),
                     0);
    assert_int_equal(
        ng_config_set(&cfg, "population.civil.dispositions=[0.1,0.2,0.3,0.4]",
                      &errs),
        0);
    assert_int_equal(ng_config_set(&cfg, "name=dock watch", &errs), 0);
    assert_int_equal(errs.n, 0);
    assert_near(cfg.p.alliance_ambition, 0.237, 0);
    assert_true(cfg.p.run_ticks == 17);
    assert_int_equal(cfg.p.governance_mode,
                     ng_family_find(NG_FAMILY_GOVERNANCE, "nao"));
    assert_int_equal(cfg.p.cost_rule, ng_family_find(NG_FAMILY_COST, "power"));
    assert_near(cfg.p.population_civil_dispositions[0], 0.1, 0);
    assert_near(cfg.p.population_civil_dispositions[3], 0.4, 0);
    assert_string_equal(cfg.name, "dock watch");
    ng_config_clear(&cfg);
}

static void test_config_set_reports_bad_overrides(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    set_rejected(&cfg, "governance.mode=naoo", &errs);
    assert_first_error(&errs, "governance.mode", NULL, "found \"naoo\"");
    set_rejected(&cfg, "alliance.ambitio=0.3", &errs);
    assert_first_error(&errs, "alliance.ambitio",
                       "did you mean \"alliance.ambition\"", NULL);
    set_rejected(&cfg, "alliance.ambition", &errs);
    assert_first_error(&errs, "--set", "expected path=value", NULL);
    set_rejected(&cfg, "=0.3", &errs);
    assert_first_error(&errs, "--set", NULL, NULL);
    /* Text after the value is not silently dropped: 12abc is not 12. */
    set_rejected(&cfg, "run.ticks=12abc", &errs);
    assert_first_error_where(&errs, "run.ticks", NULL, "found \"12abc\"");
    assert_true(cfg.p.run_ticks == ng_params_find("run.ticks")->def);
    set_rejected(&cfg, "population.civil.interests=[1,2]", &errs);
    assert_first_error(&errs, "population.civil.interests", NULL, NULL);
    ng_config_clear(&cfg);
}

/* ---- cross-field validation ---- */

static void test_config_validate_accepts_a_consistent_config(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg);
    validate_returns(&cfg, &errs, 0);
    assert_int_equal(errs.n, 0);
    ng_config_clear(&cfg);
}

static void test_config_validate_lead_pays_needs_lead_governance(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg);
    cfg.p.cost_rule = ng_family_find(NG_FAMILY_COST, "lead_pays");
    cfg.p.governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, "nao");
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_only_error(&errs, "cost_sharing.rule",
                      "expected governance.mode \"lead\"", "found \"nao\"");

    cfg.p.governance_mode = ng_family_find(NG_FAMILY_GOVERNANCE, "lead");
    validate_returns(&cfg, &errs, 0);
    ng_config_clear(&cfg);
}

static void test_config_validate_slope_min_at_most_slope_max(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg);
    cfg.p.behaviour_slope_min = 0.91;
    cfg.p.behaviour_slope_max = 0.67;
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_only_error(&errs, "behaviour.slope_min", "expected at most",
                      "found 0.91");
    cfg.p.behaviour_slope_min = 0.67; /* equal bounds are fine */
    validate_returns(&cfg, &errs, 0);
    ng_config_clear(&cfg);
}

static void test_config_validate_founders_within_pool(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg); /* pool of 8 */
    cfg.p.population_founders = 9;
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_first_error(&errs, "population.founders",
                       "expected at most the pool size 8", "found 9");
    cfg.p.population_founders = 8;
    validate_returns(&cfg, &errs, 0);
    /* Listed founders replace the random draw, so the count is moot. */
    cfg.p.population_founders = 20;
    unit_add_founders(&cfg, 1, NULL);
    validate_returns(&cfg, &errs, 0);
    ng_config_clear(&cfg);
}

static void test_config_validate_rejects_an_empty_pool(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg);
    unit_set_sector_counts(&cfg.p, 0, 0, 0, 0);
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_only_error(&errs, "population", NULL, "found none");
    ng_config_clear(&cfg);
}

static void
test_config_validate_collects_several_cross_field_errors(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    small_pool(&cfg);
    cfg.p.behaviour_slope_min = 0.99;
    cfg.p.behaviour_slope_max = 0.25;
    cfg.p.network_mean_degree = 30.5;
    cfg.p.network_max_degree = 12;
    cfg.p.population_civil_dispositions[0] = 0;
    cfg.p.population_civil_dispositions[1] = 0;
    cfg.p.population_civil_dispositions[2] = 0;
    cfg.p.population_civil_dispositions[3] = 0;
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_int_equal(errs.n, 3);
    error_at(&errs, "behaviour.slope_min");
    assert_contains(error_at(&errs, "network.mean_degree")->msg, "found 30.5");
    assert_contains(error_at(&errs, "population.dispositions")->msg, "civil");
    ng_config_clear(&cfg);
}

static void test_config_copy_is_deep(void **state)
{
    (void)state;
    ng_config cfg, copy;
    ng_errors errs;
    ng_config_init(&cfg);
    parse_accepted(&cfg, partners_doc, &errs);
    assert_int_equal(ng_config_copy(&copy, &cfg), 0);
    assert_true(copy.partners != cfg.partners);
    assert_true(copy.ties != cfg.ties);
    snprintf(cfg.partners[0].name, NG_NAME_MAX, "%s", "Changed");
    assert_string_equal(copy.partners[0].name, "Police");
    assert_int_equal(copy.n_ties, 1);
    ng_config_clear(&cfg);
    ng_config_clear(&copy);
    assert_null(copy.partners);
    assert_int_equal(copy.n_partners, 0);
}

/* ---- strict text, repeated keys, size caps, estimates ---- */

/* Text cJSON would take but netgov must not: each is refused at the line
 * and column of the offending character, saying what was found. */
static void test_config_text_must_be_strict_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        const char *where, *found;
    } bad[] = {
        {"{\"n\": \"\xC0\x80\"}", 11, "t.json:1:8", "found byte 0xc0"},
        {"{\"n\": \"\xED\xA0\x80\"}", 12, "t.json:1:8", "found byte 0xed"},
        {"{\"n\": \"\xF4\x90\x80\x80\"}", 13, "t.json:1:8", "found byte 0xf4"},
        {"{\"n\": \"\x80\"}", 10, "t.json:1:8", "found byte 0x80"},
        {"{\"n\":\n \"ab\xE2\x82", 13, "t.json:2:5", "found byte 0xe2"},
        {"{\"n\": \"a\0b\"}", 12, "t.json:1:9", "found a NUL byte 0x00"},
        {"{\"n\": \"a\\u0000b\"}", 17, "t.json:1:9", "found \\u0000"},
        {"{\"n\": \"\\uD800x\"}", 16, "t.json:1:8",
         "found a lone high surrogate \\ud800"},
        {"{\"n\": \"\\uD800\\u0041\"}", 21, "t.json:1:8",
         "found a lone high surrogate"},
        {"{\"n\": \"\\uDFFF\"}", 15, "t.json:1:8",
         "found a lone low surrogate \\udfff"},
        {"{\"n\": \"a\nb\"}", 12, "t.json:1:9", "found byte 0x0a"},
        {"{\"\xE2\x82\xAC\": \"\x1f\"}", 14, "t.json:1:8", "found byte 0x1f"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ng_errors errs = {0};
        cJSON *doc = ng__json_parse(bad[k].text, bad[k].len, "t.json", &errs);
        assert_null(doc);
        assert_int_equal(errs.n, 1);
        assert_string_equal(errs.items[0].where, bad[k].where);
        assert_contains(errs.items[0].msg, "expected");
        assert_contains(errs.items[0].msg, bad[k].found);
    }
    /* Two-, three- and four-byte characters and a surrogate pair are
     * text; a control character outside a string is cJSON's white space
     * or syntax error, not ours. */
    const char good[] = "{\"caf\xC3\xA9\": \"\xE2\x82\xAC \xF0\x9F\x98\x80 "
                        "\\ud83d\\ude00\"}";
    ng_errors errs = {0};
    cJSON *doc = ng__json_parse(good, sizeof good - 1, "t.json", &errs);
    assert_non_null(doc);
    assert_string_equal(doc->child->valuestring,
                        "\xE2\x82\xAC \xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
    cJSON_Delete(doc);
    assert_int_equal(errs.n, 0);
}

/* A repeated key is refused in every object, at any depth, inside
 * arrays too, once per key however often it repeats. */
static void test_config_repeated_keys_at_any_depth(void **state)
{
    (void)state;
    const char text[] = "{\"a\": [1, {\"b\": {\"c\": 1, \"d\": 2, \"c\": 3, "
                        "\"c\": 4}}], \"e\": {\"f\": {}, \"f\": {}}}";
    ng_errors errs = {0};
    assert_null(ng__json_parse(text, sizeof text - 1, "t.json", &errs));
    assert_int_equal(errs.n, 2);
    assert_string_equal(errs.items[0].where, "t.json:a[1].b.c");
    assert_string_equal(errs.items[1].where, "t.json:e.f");
    assert_contains(errs.items[0].msg, "expected each key once");
    assert_contains(errs.items[1].msg, "found it twice");
    /* Keys equal up to a prefix are different keys. */
    const char fine[] = "{\"a\": 1, \"ab\": 2, \"a.b\": 3, \"A\": 4}";
    reset(&errs);
    cJSON *doc = ng__json_parse(fine, sizeof fine - 1, "t.json", &errs);
    assert_non_null(doc);
    cJSON_Delete(doc);
}

/* The reader stops one byte past its cap: a file of exactly the cap is
 * read whole, one byte more is an error naming the cap. */
static void test_config_file_read_stops_past_the_cap(void **state)
{
    (void)state;
    /* In the working directory of the test, removed at the end. */
    const char path[] = "test_config_cap.txt";
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int k = 0; k < 100; k++) {
        fputc(' ', f);
    }
    fclose(f);
    char *text = NULL;
    size_t len = 0;
    ng_errors errs = {0};
    assert_int_equal(ng__file_read_max(path, 100, &text, &len, &errs), 0);
    assert_int_equal(len, 100);
    assert_int_equal(text[100], '\0');
    free(text);
    assert_int_equal(ng__file_read_max(path, 99, &text, &len, &errs),
                     NG_ECONFIG);
    assert_null(text);
    assert_int_equal(len, 0);
    assert_string_equal(errs.items[0].where, path);
    assert_string_equal(errs.items[0].msg,
                        "expected a file of at most 99 bytes, found more");
    remove(path);
}

/* The estimate grows with pool x max_degree and run.ticks, validation
 * refuses what exceeds the limits, and a raised limit lets it through. */
static void test_config_estimate_and_limits(void **state)
{
    (void)state;
    ng_config cfg;
    ng_errors errs;
    ng_config_init(&cfg);
    ng_estimate small, big;
    ng_config_estimate(&cfg, &small);
    assert_true(small.pool == 40);
    assert_true(small.bytes < 16.0 * 1024 * 1024);
    cfg.p.population_civil_count = 10000000;
    cfg.p.population_business_count = 10000000;
    cfg.p.population_government_count = 10000000;
    cfg.p.population_knowledge_count = 10000000;
    cfg.p.network_max_degree = 1000;
    ng_config_estimate(&cfg, &big);
    assert_true(big.pool == 40000000);
    /* Two tie arrays of pool x max_degree: neighbours and trust. */
    assert_true(big.pool_bytes >= 4e7 * 1000 * 16);
    assert_true(big.bytes >= big.pool_bytes);
    assert_true(big.work == 120.0 * 4e7 * 1001);
    validate_returns(&cfg, &errs, NG_ECONFIG);
    assert_int_equal(errs.n, 2);
    assert_first_error(&errs, "population", "memory limit of 8 GiB",
                       "network.max_degree 1000");
    assert_string_equal(errs.items[1].where, "run.ticks");
    assert_contains(errs.items[1].msg, "--max-work");
    cfg.limits.max_memory_gib = 1024;
    cfg.limits.max_work = 1e13;
    validate_returns(&cfg, &errs, 0);
    assert_true(ng_config_max_memory_gib(&cfg) == 1024);
    ng_config_clear(&cfg);
    ng_config_init(&cfg);
    assert_true(ng_config_max_memory_gib(&cfg) == NG_MAX_MEMORY_GIB_DEFAULT);
    assert_true(ng_config_max_work(&cfg) == NG_MAX_WORK_DEFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_partial_json_keeps_untouched_defaults),
        cmocka_unit_test(test_config_second_document_merges_over_the_first),
        cmocka_unit_test(test_config_nested_keys_reach_every_level),
        cmocka_unit_test(test_config_unknown_key_names_full_path_and_suggests),
        cmocka_unit_test(
            test_config_unknown_key_far_from_all_has_no_suggestion),
        cmocka_unit_test(test_config_wrong_type_says_expected_and_found),
        cmocka_unit_test(test_config_out_of_range_says_expected_and_found),
        cmocka_unit_test(test_config_repeated_key_is_an_error),
        cmocka_unit_test(test_config_collects_every_error),
        cmocka_unit_test(test_config_error_list_is_capped_and_counts_the_rest),
        cmocka_unit_test(test_config_syntax_error_reports_line_and_column),
        cmocka_unit_test(test_config_text_after_the_document_is_an_error),
        cmocka_unit_test(test_config_top_level_must_be_an_object),
        cmocka_unit_test(test_config_load_of_a_missing_file_is_eio),
        cmocka_unit_test(test_config_listed_partners_keep_stated_attributes),
        cmocka_unit_test(test_config_partner_errors_name_the_field),
        cmocka_unit_test(test_config_duplicate_partner_names_rejected),
        cmocka_unit_test(test_config_tie_to_unknown_name_suggests_closest),
        cmocka_unit_test(test_config_tie_needs_two_different_partners),
        cmocka_unit_test(test_config_set_accepts_numbers_words_and_vectors),
        cmocka_unit_test(test_config_set_reports_bad_overrides),
        cmocka_unit_test(test_config_validate_accepts_a_consistent_config),
        cmocka_unit_test(test_config_validate_lead_pays_needs_lead_governance),
        cmocka_unit_test(test_config_validate_slope_min_at_most_slope_max),
        cmocka_unit_test(test_config_validate_founders_within_pool),
        cmocka_unit_test(test_config_validate_rejects_an_empty_pool),
        cmocka_unit_test(
            test_config_validate_collects_several_cross_field_errors),
        cmocka_unit_test(test_config_copy_is_deep),
        cmocka_unit_test(test_config_text_must_be_strict_utf8),
        cmocka_unit_test(test_config_repeated_keys_at_any_depth),
        cmocka_unit_test(test_config_file_read_stops_past_the_cap),
        cmocka_unit_test(test_config_estimate_and_limits),
    };
    return cmocka_run_group_tests_name("config", tests, unit_group_setup, NULL);
}
