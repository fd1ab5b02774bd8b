/* script_content: see script_content.h. The tables are small (dozens of
 * rows): a json object per file, keyed by code, is all the index needed. */
#include "client/triage/script_content.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/csv.h"
#include "common/jsonx.h"

#define SAFEGUARDING_TOPIC "safeguarding"

struct ScriptContent {
    char dir[4096];
    json_t *teams;     /* code -> name */
    json_t *services;  /* code -> {team, script} */
    json_t *wraps;     /* reason code -> topic */
};

enum { MAX_FIELDS = 12 };

/* Each data row of DIR/name through fn; -1 when the file cannot be read. */
static int Content_rows(ScriptContent *c, const char *name, void (*fn)(ScriptContent *, char **, int),
                        int nfields, Diag *diag)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        Diag_add(diag, path, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    char line[4096];
    char *f[MAX_FIELDS];
    for (int n = 0; fgets(line, sizeof line, fp); n++)
        if (n > 0 && line[0] != '#' && Csv_split(line, f, MAX_FIELDS) >= nfields)
            fn(c, f, nfields);
    fclose(fp);
    return 0;
}

static void Content_team(ScriptContent *c, char **f, int n)
{
    (void)n;
    json_object_set_new(c->teams, f[0], json_string(f[1]));
}

static void Content_service(ScriptContent *c, char **f, int n)
{
    (void)n;
    json_object_set_new(c->services, f[0], json_pack("{s:s, s:s}", "team", f[3], "script", f[6]));
}

static void Content_wrap(ScriptContent *c, char **f, int n)
{
    (void)n;
    json_object_set_new(c->wraps, f[2], json_string(f[0]));
}

ScriptContent *ScriptContent_load(const char *dir, Diag *diag)
{
    ScriptContent *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    c->teams = json_object();
    c->services = json_object();
    c->wraps = json_object();
    if (Content_rows(c, "teams.csv", Content_team, 3, diag) < 0 ||
        Content_rows(c, "services.csv", Content_service, 8, diag) < 0 ||
        Content_rows(c, "wrapcodes.csv", Content_wrap, 6, diag) < 0) {
        ScriptContent_free(c);
        return NULL;
    }
    return c;
}

void ScriptContent_free(ScriptContent *c)
{
    if (!c)
        return;
    json_decref(c->teams);
    json_decref(c->services);
    json_decref(c->wraps);
    free(c);
}

static bool Content_article(const ScriptContent *c, const char *id)
{
    char path[4400];
    if (strchr(id, '/') || id[0] == '.')
        return false;
    snprintf(path, sizeof path, "%s/kb/%s.md", c->dir, id);
    return access(path, R_OK) == 0;
}

/* Text on screen starts with what the advisor does with it; outcomes
 * only say or do. */
static bool Content_leads(const char *text, size_t nleads)
{
    static const char *const leads[] = {"Say:", "Do:", "Check:", "Ask:", "Read:", "Tell:"};
    for (size_t i = 0; text && i < nleads; i++)
        if (strncmp(text, leads[i], strlen(leads[i])) == 0)
            return true;
    return false;
}

/* A signpost says where to go: a web address or a phone number. */
static bool Content_says_where(const char *text)
{
    if (!text)
        return false;
    if (strstr(text, "http://") || strstr(text, "https://"))
        return true;
    for (const char *p = text; *p; p++) {
        size_t digits = 0;
        const char *q = p;
        while (*q && (isdigit((unsigned char)*q) || (*q == ' ' && digits && isdigit((unsigned char)q[1])))) {
            digits += isdigit((unsigned char)*q) != 0;
            q++;
        }
        if ((digits == 3 && *p == '1') || digits >= 6)   /* 101, 999, 0800 138 1111 */
            return true;
        if (q > p)
            p = q - 1;
    }
    return false;
}

/* The references one outcome makes, and the content's rules for it. */
static int Content_outcome(const ScriptContent *c, const QItem *it, const char *path, Diag *diag)
{
    const QOutcome *o = QItem_outcome(it);
    const char *link = QItem_link_id(it);
    int errors = 0;
    const char *topic = json_string_value(json_object_get(c->wraps, o->wrap));
    if (!topic && ++errors)
        Diag_add(diag, path, 0, "item '%s': unknown wrap code '%s'", link, o->wrap);
    const json_t *svc = o->service ? json_object_get(c->services, o->service) : NULL;
    if (o->service && !svc && ++errors)
        Diag_add(diag, path, 0, "item '%s': unknown service '%s'", link, o->service);
    const char *team = Jsonx_str(svc, "team", NULL);
    if (svc && !json_object_get(c->teams, team ? team : "") && ++errors)
        Diag_add(diag, path, 0, "item '%s': service '%s' belongs to unknown team '%s'", link, o->service,
                 team ? team : "");
    for (size_t k = 0; k < o->kb_count; k++)
        if (!Content_article(c, o->kb[k]) && ++errors)
            Diag_add(diag, path, 0, "item '%s': unknown KB article '%s'", link, o->kb[k]);
    bool records = o->kind != OUTCOME_RESOLVE && o->kind != OUTCOME_SIGNPOST;
    if (records && !o->service && ++errors)
        Diag_add(diag, path, 0, "item '%s': a %s outcome creates a record: name the service whose team "
                 "gets it", link, Outcome_kind_name(o->kind));
    if (!records && o->kb_count == 0 && ++errors)
        Diag_add(diag, path, 0, "item '%s': a %s outcome needs a KB article", link, Outcome_kind_name(o->kind));
    if (o->kind == OUTCOME_SAFEGUARDING && topic && strcmp(topic, SAFEGUARDING_TOPIC) != 0 && ++errors)
        Diag_add(diag, path, 0, "item '%s': a safeguarding outcome needs a safeguarding wrap code "
                 "(topic %s), not '%s'", link, SAFEGUARDING_TOPIC, o->wrap);
    if (!Content_leads(o->text, 2) && ++errors)
        Diag_add(diag, path, 0, "item '%s': outcome text should start with 'Say:' or 'Do:'", link);
    if (o->kind == OUTCOME_SIGNPOST && !Content_says_where(o->text) && ++errors)
        Diag_add(diag, path, 0, "item '%s': a signpost must say where to go (a web address or a phone "
                 "number)", link);
    return errors;
}

/* A shipped script is named after its file and used by a service. */
static int Content_script(const ScriptContent *c, const Questionnaire *q, const char *path, Diag *diag)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char id[128];
    snprintf(id, sizeof id, "%.*s", (int)(strlen(base) > 5 ? strlen(base) - 5 : strlen(base)), base);
    int errors = 0;
    const char *qid = Questionnaire_id(q), *url = Questionnaire_url(q);
    char want[200];
    snprintf(want, sizeof want, "urn:frontdoor:script:%s", id);
    if ((!qid || strcmp(qid, id) != 0) && ++errors)
        Diag_add(diag, path, 0, "questionnaire: id must be '%s' (the file name)", id);
    if ((!url || strcmp(url, want) != 0) && ++errors)
        Diag_add(diag, path, 0, "questionnaire: url must be %s", want);
    bool used = false;
    const char *code;
    json_t *svc;
    json_object_foreach(c->services, code, svc)
        used |= strcmp(Jsonx_str(svc, "script", ""), id) == 0;
    if (!used && ++errors)
        Diag_add(diag, path, 0, "questionnaire: no service in services.csv uses this script");
    return errors;
}

/* The house style of the shipped scripts: short, and every line on
 * screen says what to do with it; outcomes come last. */
static int Content_style(const Questionnaire *q, const char *path, Diag *diag)
{
    int errors = 0;
    size_t questions = 0, last_question = 0;
    for (size_t i = 0; i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        if (QItem_is_question(it)) {
            questions++;
            last_question = i;
        } else if (QItem_type(it) == QT_DISPLAY && !QItem_outcome(it) && !Content_leads(QItem_text(it), 6) &&
                   ++errors) {
            Diag_add(diag, path, 0, "item '%s': display text should start with what to do, e.g. 'Say:' "
                     "or 'Check:'", QItem_link_id(it));
        }
    }
    for (size_t i = 0; i < last_question; i++)
        if (QItem_outcome(Questionnaire_item(q, i)) && ++errors)
            Diag_add(diag, path, 0, "item '%s': outcomes go after the last question",
                     QItem_link_id(Questionnaire_item(q, i)));
    if ((questions < 5 || questions > 15) && ++errors)
        Diag_add(diag, path, 0, "questionnaire: has %zu questions (5-15 wanted)", questions);
    const char *status = Questionnaire_status(q);
    if ((!status || strcmp(status, "active") != 0) && ++errors)
        Diag_add(diag, path, 0, "questionnaire: status must be active");
    return errors;
}

int ScriptContent_check(const ScriptContent *c, const Questionnaire *q, const char *path, Diag *diag)
{
    int errors = Content_script(c, q, path, diag) + Content_style(q, path, diag);
    for (size_t i = 0; i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        if (QItem_outcome(it))
            errors += Content_outcome(c, it, path, diag);
    }
    return errors;
}
