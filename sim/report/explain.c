/* Explanations of runs (explain.h): placeholder. */
#include "netgov/explain.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

struct ng_explanation {
    cJSON *json;
};

ng_explanation *ng_explain(const cJSON *run, ng_error *err)
{
    (void)run;
    ng_explanation *e = calloc(1, sizeof *e);
    if (!e) {
        ng_error_set(err, NG_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    e->json = cJSON_CreateObject();
    cJSON_AddStringToObject(e->json, "headline", "not explained yet");
    return e;
}

void ng_explanation_free(ng_explanation *e)
{
    if (e) {
        cJSON_Delete(e->json);
        free(e);
    }
}

cJSON *ng_explanation_json(const ng_explanation *e)
{
    return cJSON_Duplicate(e->json, 1);
}

char *ng_explanation_text(const ng_explanation *e)
{
    (void)e;
    char *s = malloc(32);
    if (s) {
        strcpy(s, "not explained yet\n");
    }
    return s;
}
