/* Unit tests of the parameter registry (params.h, sim/io/params.c).
 *
 * The registry is generated from the X-macro table in param_table.h; these
 * tests check its contract over every descriptor, whatever the table holds:
 * unique paths, sane bounds and defaults, lookup by path, choice defaults
 * that name registered rules, and ng_params_defaults filling every field of
 * ng_params (checked both through the descriptors and directly through the
 * X-macro table, so a field without a descriptor would be caught).
 */
#include "unit_helpers.h"

/* ---- helpers ---- */

static size_t field_size(const ng_param *d)
{
    switch (d->type) {
    case NG_PARAM_REAL:
        return sizeof(double);
    case NG_PARAM_INT:
        return sizeof(int64_t);
    case NG_PARAM_CHOICE:
        return sizeof(int);
    case NG_PARAM_VECTOR:
        return NG_DIM * sizeof(double);
    }
    return 0;
}

/* Number of rows of the X-macro table, counted without the registry; an R
 * row stands for the rows of its family's rules. */
#define COUNT_ROW(...) +1
#define COUNT_RULES(family) +0
static const size_t table_rows =
    0 NG_PARAMS(COUNT_ROW, COUNT_ROW, COUNT_ROW, COUNT_ROW, COUNT_RULES);
#undef COUNT_ROW
#undef COUNT_RULES

/* Rows the rules of every family declare. */
static size_t rule_rows(void)
{
    size_t n = 0;
    for (int f = 0; f <= NG_FAMILY_PERSPECTIVE; f++) {
        for (size_t i = 0; i < ng_family_rule_count((ng_family)f); i++) {
            n += ng_family_rule((ng_family)f, i)->n_params;
        }
    }
    return n;
}

/* ---- tests ---- */

static void test_params_count_matches_table_rows(void **state)
{
    (void)state;
    assert_int_equal(ng_params_count(), table_rows + rule_rows());
    assert_true(ng_params_count() > 50);
    assert_null(ng_params_at(ng_params_count()));
    for (size_t i = 0; i < ng_params_count(); i++) {
        assert_non_null(ng_params_at(i));
    }
}

static void test_params_paths_are_unique_and_dotted(void **state)
{
    (void)state;
    size_t n = ng_params_count();
    for (size_t i = 0; i < n; i++) {
        const char *a = ng_params_at(i)->path;
        assert_non_null(a);
        assert_non_null(strchr(a, '.'));
        assert_true(a[0] != '.' && a[strlen(a) - 1] != '.');
        assert_null(strstr(a, ".."));
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(a, ng_params_at(j)->path) == 0) {
                print_error("duplicate path %s at %zu and %zu\n", a, i, j);
                fail();
            }
        }
    }
}

static void test_params_no_path_is_a_prefix_object_of_another(void **state)
{
    (void)state;
    /* A leaf "a.b" and an object "a.b.c" cannot both exist in JSON. */
    size_t n = ng_params_count();
    for (size_t i = 0; i < n; i++) {
        const char *a = ng_params_at(i)->path;
        size_t la = strlen(a);
        for (size_t j = 0; j < n; j++) {
            const char *b = ng_params_at(j)->path;
            if (strncmp(a, b, la) == 0 && b[la] == '.') {
                print_error("%s is both a leaf and a prefix of %s\n", a, b);
                fail();
            }
        }
    }
}

static void test_params_defaults_lie_within_bounds(void **state)
{
    (void)state;
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        assert_non_null(d->unit);
        assert_non_null(d->meaning);
        assert_true(strlen(d->meaning) > 0);
        switch (d->type) {
        case NG_PARAM_REAL:
        case NG_PARAM_INT:
            assert_true(d->min <= d->max);
            if (!(d->def >= d->min && d->def <= d->max)) {
                print_error("%s: default %g outside [%g, %g]\n", d->path,
                            d->def, d->min, d->max);
                fail();
            }
            if (d->type == NG_PARAM_INT) {
                assert_near(d->def, floor(d->def), 0);
                assert_near(d->min, floor(d->min), 0);
                assert_near(d->max, floor(d->max), 0);
            }
            break;
        case NG_PARAM_VECTOR:
            assert_true(d->min <= d->max);
            for (int k = 0; k < NG_DIM; k++) {
                if (!(d->def_vec[k] >= d->min && d->def_vec[k] <= d->max)) {
                    print_error("%s[%d]: default %g outside [%g, %g]\n",
                                d->path, k, d->def_vec[k], d->min, d->max);
                    fail();
                }
            }
            break;
        case NG_PARAM_CHOICE:
            assert_non_null(d->def_choice);
            assert_true(d->family != NG_FAMILY_NONE);
            break;
        }
    }
}

static void test_params_find_returns_each_descriptor(void **state)
{
    (void)state;
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        assert_ptr_equal(ng_params_find(d->path), d);
    }
    assert_null(ng_params_find("governance.nao.monitorng"));
    assert_null(ng_params_find("governance.nao"));
    assert_null(ng_params_find(""));
    assert_int_equal(ng_params_find("alliance.ambition")->offset,
                     offsetof(ng_params, alliance_ambition));
}

static void test_params_choice_defaults_resolve_in_their_family(void **state)
{
    (void)state;
    size_t choices = 0;
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        if (d->type != NG_PARAM_CHOICE) {
            continue;
        }
        choices++;
        int idx = ng_family_find(d->family, d->def_choice);
        if (idx < 0) {
            print_error("%s: default \"%s\" is not registered\n", d->path,
                        d->def_choice);
            fail();
        }
        assert_string_equal(ng_family_choice(d->family, idx), d->def_choice);
    }
    assert_int_equal(choices, 4);
    for (int f = 0; f <= NG_FAMILY_PERSPECTIVE; f++) {
        for (size_t i = 0; i < ng_family_rule_count((ng_family)f); i++) {
            const char *name = ng_family_rule((ng_family)f, i)->name;
            assert_int_equal(ng_family_find((ng_family)f, name), (int)i);
        }
    }
    assert_int_equal(ng_family_find(NG_FAMILY_COST, "propotional"), -1);
    assert_null(ng_family_choice(NG_FAMILY_COST, -1));
    assert_null(ng_family_choice(NG_FAMILY_COST, (int)ng_cost_rule_count()));
    assert_null(ng_family_choice(NG_FAMILY_NONE, 0));
}

static void test_params_family_list_names_every_rule(void **state)
{
    (void)state;
    char buf[1024], want[1024] = "";
    ng_family_list(NG_FAMILY_GOVERNANCE, buf, sizeof buf);
    for (size_t i = 0; i < ng_governance_count(); i++) {
        strcat(want, i ? ", " : "");
        strcat(want, ng_governance_at(i)->rule.name);
    }
    assert_string_equal(buf, want);
    ng_family_list(NG_FAMILY_COST, buf, sizeof buf);
    for (size_t i = 0; i < ng_cost_rule_count(); i++) {
        assert_contains(buf, ng_cost_rule_at(i)->rule.name);
    }
    /* A short buffer holds a terminated prefix of the list, never more. */
    char small[16];
    memset(small, 'x', sizeof small);
    ng_family_list(NG_FAMILY_GOVERNANCE, small, 12);
    assert_true(strlen(small) < 12);
    assert_memory_equal(small, want, strlen(small));
    assert_int_equal(small[15], 'x');
}

static void test_params_descriptor_fields_do_not_overlap(void **state)
{
    (void)state;
    /* Every byte of ng_params belongs to at most one descriptor, and the
     * bytes no descriptor covers are alignment padding. */
    unsigned char owner[sizeof(ng_params)];
    memset(owner, 0, sizeof owner);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        size_t size = field_size(d);
        assert_true(d->offset + size <= sizeof(ng_params));
        for (size_t b = d->offset; b < d->offset + size; b++) {
            assert_int_equal(owner[b], 0);
            owner[b] = 1;
        }
    }
    /* The rule blocks past what the rules need stay unused. */
    size_t used = 0;
    assert_true(ng_rule_blocks_fit(&used));
    size_t end = offsetof(ng_params, rule_blocks) + used;
    size_t gap = 0;
    for (size_t b = 0; b < end; b++) {
        gap = owner[b] ? 0 : gap + 1;
        assert_true(gap < _Alignof(max_align_t)); /* rule blocks align */
    }
}

static void test_params_defaults_fill_every_descriptor(void **state)
{
    (void)state;
    ng_params p;
    memset(&p, 0xA5, sizeof p); /* garbage the call must overwrite */
    ng_params_defaults(&p);
    for (size_t i = 0; i < ng_params_count(); i++) {
        const ng_param *d = ng_params_at(i);
        switch (d->type) {
        case NG_PARAM_REAL:
            assert_near(*ng_param_real(&p, d), d->def, 0);
            break;
        case NG_PARAM_INT:
            assert_near((double)*ng_param_int(&p, d), d->def, 0);
            break;
        case NG_PARAM_CHOICE:
            assert_string_equal(
                ng_family_choice(d->family, *ng_param_choice(&p, d)),
                d->def_choice);
            break;
        case NG_PARAM_VECTOR:
            for (int k = 0; k < NG_DIM; k++) {
                assert_near(ng_param_vector(&p, d)[k], d->def_vec[k], 0);
            }
            break;
        }
    }
}

/* The same check straight from the X-macro table, field by field. */
#define CHECK_D(f, path, def, lo, hi, unit, meaning)                           \
    assert_near(p.f, (double)(def), 0);
#define CHECK_I(f, path, def, lo, hi, unit, meaning)                           \
    assert_true(p.f == (int64_t)(def));
#define CHECK_C(f, path, def, family, meaning)                                 \
    assert_string_equal(ng_family_choice(family, p.f), def);
#define CHECK_R(family) /* the rules' rows: test_rules.c */
#define CHECK_V(f, path, d0, d1, d2, d3, lo, hi, unit, meaning)                \
    assert_near(p.f[0], (double)(d0), 0);                                      \
    assert_near(p.f[1], (double)(d1), 0);                                      \
    assert_near(p.f[2], (double)(d2), 0);                                      \
    assert_near(p.f[3], (double)(d3), 0);

static void test_params_defaults_fill_every_field_of_the_table(void **state)
{
    (void)state;
    ng_params p;
    memset(&p, 0x5A, sizeof p);
    ng_params_defaults(&p);
    NG_PARAMS(CHECK_D, CHECK_I, CHECK_C, CHECK_V, CHECK_R)
}

#undef CHECK_D
#undef CHECK_I
#undef CHECK_C
#undef CHECK_V
#undef CHECK_R

static void test_params_typed_access_writes_the_named_field(void **state)
{
    (void)state;
    ng_params p;
    ng_params_defaults(&p);
    *ng_param_real(&p, ng_params_find("alliance.ambition")) = 0.2385;
    *ng_param_int(&p, ng_params_find("exit.patience")) = 17;
    *ng_param_choice(&p, ng_params_find("governance.mode")) = 2;
    ng_param_vector(&p, ng_params_find("population.civil.interests"))[3] = 7.25;
    assert_near(p.alliance_ambition, 0.2385, 0);
    assert_true(p.exit_patience == 17);
    assert_int_equal(p.governance_mode, 2);
    assert_near(p.population_civil_interests[3], 7.25, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params_count_matches_table_rows),
        cmocka_unit_test(test_params_paths_are_unique_and_dotted),
        cmocka_unit_test(test_params_no_path_is_a_prefix_object_of_another),
        cmocka_unit_test(test_params_defaults_lie_within_bounds),
        cmocka_unit_test(test_params_find_returns_each_descriptor),
        cmocka_unit_test(test_params_choice_defaults_resolve_in_their_family),
        cmocka_unit_test(test_params_family_list_names_every_rule),
        cmocka_unit_test(test_params_descriptor_fields_do_not_overlap),
        cmocka_unit_test(test_params_defaults_fill_every_descriptor),
        cmocka_unit_test(test_params_defaults_fill_every_field_of_the_table),
        cmocka_unit_test(test_params_typed_access_writes_the_named_field),
    };
    return cmocka_run_group_tests_name("params", tests, unit_group_setup, NULL);
}
