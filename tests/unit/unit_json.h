/* Reading JSON in the unit tests: a member that must be there, a number
 * member's value.  Needs only cJSON and cmocka, so tests of the public API
 * alone (test_run_view.c) use it as well as those that use
 * unit_helpers.h. */
#ifndef NG_UNIT_JSON_H
#define NG_UNIT_JSON_H

#include <cjson/cJSON.h>

/* The member `key` of a JSON object, which must be there; and a number
 * member's value. */
static inline const cJSON *unit_json_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) {
        print_error("no \"%s\"\n", key);
        fail();
    }
    return v;
}

static inline double unit_json_number(const cJSON *o, const char *key)
{
    const cJSON *v = unit_json_item(o, key);
    assert_true(cJSON_IsNumber(v));
    return v->valuedouble;
}

#endif
