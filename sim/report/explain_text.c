/* The explanation as plain text (explain.h): renders the JSON form, so the
 * terminal, the report page and scripts say the same thing. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "netgov/explain.h"

#define WIDTH 78

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* Writes text after `first` (already printed, `used` columns wide),
 * breaking at spaces so no line passes WIDTH; continuation lines start
 * with `indent` spaces. */
static void wrap(FILE *f, const char *first, size_t indent, const char *text)
{
    fputs(first, f);
    size_t col = strlen(first);
    const char *p = text;
    while (*p) {
        size_t word = strcspn(p, " ");
        if (col > indent && col + 1 + word > WIDTH) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > indent && p != text) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, word, f);
        col += word;
        p += word;
        while (*p == ' ') {
            p++;
        }
    }
    fputc('\n', f);
}

static void phases(FILE *f, const cJSON *doc)
{
    fputs("\nPhases\n", f);
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(doc, "phases"))
    {
        char head[64];
        if (strcmp(str(p, "phase"), "end") == 0) {
            snprintf(head, sizeof head, "  %-10s tick %-9.0f ", "end",
                     num(p, "from"));
            const char *colon = strchr(str(p, "text"), ':');
            wrap(f, head, 25, colon ? colon + 2 : str(p, "text"));
            continue;
        }
        char span[32];
        snprintf(span, sizeof span, "%.0f-%.0f", num(p, "from"), num(p, "to"));
        fprintf(f, "  %-10s ticks %-9s members %.0f -> %.0f\n", str(p, "phase"),
                span, num(p, "members_from"), num(p, "members_to"));
    }
}

/* Rows of "tick N  text", text wrapped under itself. */
static void tick_rows(FILE *f, const cJSON *list)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, list)
    {
        char head[32];
        snprintf(head, sizeof head, "  tick %-5.0f ", num(p, "tick"));
        wrap(f, head, 13, str(p, "text"));
    }
}

static void turning_points(FILE *f, const cJSON *doc)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "turning_points");
    if (cJSON_GetArraySize(list) > 0) {
        fputs("\nTurning points\n", f);
        tick_rows(f, list);
    }
}

static void bullets(FILE *f, const cJSON *list)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        wrap(f, "  - ", 4, e->valuestring);
    }
}

static void mechanism(FILE *f, const cJSON *doc)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(doc, "mechanism");
    if (!cJSON_IsObject(m)) {
        return;
    }
    char head[160];
    snprintf(head, sizeof head, "\nMain failure mechanism: %s (score %.2f)\n",
             str(m, "title"), num(m, "score"));
    fputs(head, f);
    bullets(f, cJSON_GetObjectItemCaseSensitive(m, "evidence"));
    char others[512] = "";
    size_t used = 0;
    int shown = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "mechanisms"))
    {
        if (strcmp(str(c, "name"), str(m, "name")) == 0 ||
            num(c, "score") < 0.1 || shown == 4) {
            continue;
        }
        used += (size_t)snprintf(others + used, sizeof others - used,
                                 "%s%s %.2f", shown ? ", " : "", str(c, "name"),
                                 num(c, "score"));
        shown++;
    }
    if (shown) {
        wrap(f, "  other candidates: ", 4, others);
    }
}

static void departures(FILE *f, const cJSON *doc)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "departures");
    int n = cJSON_GetArraySize(list);
    if (n > 0) {
        fprintf(f, "\nWho left and why (%d)\n", n);
        tick_rows(f, list);
    }
}

static void held(FILE *f, const cJSON *doc)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "held_together");
    if (cJSON_GetArraySize(list) == 0) {
        return;
    }
    fputs("\nWhat held it together\n", f);
    bullets(f, list);
}

char *ng_explanation_text(const ng_explanation *e)
{
    cJSON *doc = ng_explanation_json(e);
    char *text = NULL;
    size_t len = 0;
    FILE *f = doc ? open_memstream(&text, &len) : NULL;
    if (!f) {
        cJSON_Delete(doc);
        return NULL;
    }
    wrap(f, "", 0, str(doc, "headline"));
    phases(f, doc);
    turning_points(f, doc);
    mechanism(f, doc);
    departures(f, doc);
    held(f, doc);
    cJSON_Delete(doc);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
