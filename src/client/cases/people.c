/* people: the person picker of hand-offs and call-backs (see people.h). */
#include "client/cases/people.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "client/api/lib.h"
#include "client/core/term.h"
#include "common/buf.h"
#include "common/jsonx.h"

void People_lookup(People *p, View *v, int tag, const char *typed)
{
    bool again = p->failed[0] && strcmp(typed, p->answered) == 0;   /* a failed look-up is retried */
    if (!typed[0] || (strcmp(typed, p->asked) == 0 && !again))
        return;
    if (again)
        p->answered[0] = '\0';   /* checking again, not "no one" */
    p->failed[0] = '\0';
    snprintf(p->asked, sizeof p->asked, "%s", typed);
    Api_cancel(p->call);   /* only the newest answer matters */
    p->call = ApiQueues_people(View_to(v, tag, "Looking up the name"), typed);
}

void People_in(People *p, const ApiResult *r)
{
    p->call = NULL;
    json_t *items = json_object_get(r->json, "items");
    bool ok = r->status == 200 && json_is_array(items);
    json_decref(p->items);
    p->items = ok ? json_incref(items) : json_array();
    snprintf(p->answered, sizeof p->answered, "%s", p->asked);
    snprintf(p->failed, sizeof p->failed, "%s", ok ? "" : r->message ? r->message : "no answer");
}

void People_free(People *p)
{
    Api_cancel(p->call);
    json_decref(p->items);
    p->items = NULL;
}

/* Who typed names: the person (borrowed) when PEOPLE_ONE; *matches says
 * how many match otherwise. */
static PeopleState People_choice(const People *p, const char *typed, const json_t **person, size_t *matches)
{
    *person = NULL;
    *matches = 0;
    if (!p->items || strcmp(typed, p->answered) != 0)
        return PEOPLE_CHECKING;
    if (p->failed[0])
        return PEOPLE_FAILED;
    size_t i;
    json_t *it;
    json_array_foreach(p->items, i, it)
        if (strcasecmp(Jsonx_str(it, "username", ""), typed) == 0 ||
            strcasecmp(Jsonx_str(it, "display_name", ""), typed) == 0) {
            *person = it;
            *matches = 1;
            return PEOPLE_ONE;
        }
    *matches = json_array_size(p->items);
    if (*matches == 1)
        *person = json_array_get(p->items, 0);
    return *matches == 0 ? PEOPLE_NONE : *matches == 1 ? PEOPLE_ONE : PEOPLE_MANY;
}

const json_t *People_checked(const People *p, const char *typed, char *why, size_t cap)
{
    const json_t *person;
    size_t n;
    switch (People_choice(p, typed, &person, &n)) {
    case PEOPLE_ONE: return person;
    case PEOPLE_CHECKING:
        snprintf(why, cap, "Checking who \"%s\" is\u2026 press F2 again in a moment.", typed);
        return NULL;
    case PEOPLE_FAILED:
        snprintf(why, cap, "The name could not be checked: %s", p->failed);
        return NULL;
    case PEOPLE_NONE:
        snprintf(why, cap, "No one is called \"%s\": check the name.", typed);
        return NULL;
    default:
        snprintf(why, cap, "%zu people match \"%s\": type more of the name.", n, typed);
        return NULL;
    }
}

/* "Sam Supervisor (supervisor), Contact Centre". */
static void People_describe(const json_t *person, char *out, size_t cap)
{
    Buf b = BUF_INIT;
    Buf_printf(&b, "%s (%s)", Jsonx_str(person, "display_name", ""), Jsonx_str(person, "username", ""));
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(person, "teams"), i, t)
        Buf_printf(&b, ", %s", Jsonx_str(t, "name", Jsonx_str(t, "code", "")));
    if (json_array_size(json_object_get(person, "teams")) == 0)
        Buf_puts(&b, ", no team");
    snprintf(out, cap, "%s", b.data ? b.data : "");
    Buf_free(&b);
}

bool People_in_team(const json_t *person, const char *code)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(person, "teams"), i, t)
        if (strcmp(Jsonx_str(t, "code", ""), code) == 0)
            return true;
    return false;
}

static void People_list(const People *p, const Rect *b, int y, int rows)
{
    size_t n = json_array_size(p->items);
    for (size_t i = 0; i < n && (int)i < rows; i++) {
        char who[400], line[420];
        People_describe(json_array_get(p->items, i), who, sizeof who);
        snprintf(line, sizeof line, "  %s", who);
        Term_text_pad(y + (int)i, b->x, line, b->w);
    }
    if ((int)n > rows && rows > 0) {
        char more[80];
        snprintf(more, sizeof more, "  \u2026and %zu more: type more of the name", n - (size_t)rows + 1);
        Term_text_pad(y + rows - 1, b->x, more, b->w);
    }
}

const json_t *People_draw(const People *p, const char *typed, const char *lead, const Rect *b, int *y,
                          int rows)
{
    const json_t *person;
    size_t n;
    PeopleState st = People_choice(p, typed, &person, &n);
    if (st == PEOPLE_ONE) {
        char who[400], line[460];
        People_describe(person, who, sizeof who);
        snprintf(line, sizeof line, "%s%s", lead, who);
        Term_text_pad((*y)++, b->x, line, b->w);
        return person;
    }
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad((*y)++, b->x, st == PEOPLE_CHECKING ? "Looking up the name\u2026" :
                  st == PEOPLE_FAILED ? "The name could not be checked." :
                  st == PEOPLE_NONE ? "No one by that name." : "People who match:", b->w);
    attrset(A_NORMAL);
    if (st == PEOPLE_MANY)
        People_list(p, b, *y, rows - 1);
    return NULL;
}
