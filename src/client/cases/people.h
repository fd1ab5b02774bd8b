/* people: pick a colleague by name for a hand-off, from the server's
 * people look-up (GET people?q=), as the advisor types. Nothing
 * is chosen silently: a person is chosen only when the typed text is
 * their user name or display name, or matches them alone, and the
 * screen shows who that is, with their teams, before anything is sent. */
#ifndef FD_PEOPLE_H
#define FD_PEOPLE_H
#include <jansson.h>
#include <stddef.h>

#include "client/api/api.h"
#include "client/core/layout.h"
#include "client/core/view.h"

typedef struct People {
    json_t *items;        /* the answer for `answered` */
    char asked[260];      /* the text last looked up */
    char answered[260];   /* the text items belong to */
    char failed[160];     /* the look-up of `answered` failed: why */
    ApiCall *call;
} People;

/* Looks typed up (answer to v's on_response with tag) when it changed. */
void People_lookup(People *p, View *v, int tag, const char *typed);
/* The answer to the look-up. */
void People_in(People *p, const ApiResult *r);
void People_free(People *p);

typedef enum PeopleState { PEOPLE_CHECKING, PEOPLE_FAILED, PEOPLE_NONE, PEOPLE_MANY, PEOPLE_ONE } PeopleState;
/* The person typed, or NULL with why (in plain words) in why: still
 * being looked up, no one, or several. */
const json_t *People_checked(const People *p, const char *typed, char *why, size_t cap);
/* True when person is in team code. */
bool People_in_team(const json_t *person, const char *code);
/* From row *y (moved on past what is drawn), in at most rows rows: lead
 * and the person typed names ("To: Sam Supervisor (supervisor), Contact
 * Centre"), returned; or the look-up's state and the people who match,
 * and NULL. */
const json_t *People_draw(const People *p, const char *typed, const char *lead, const Rect *b, int *y,
                          int rows);

#endif
