/* view_handoff: hand a case to a team or a named person with a reason and
 * a note, and add a note to a case. Both are short forms whose write goes
 * to the outbox at once; the screen closes and the case screen below is
 * fetched again when the write lands (cases.c), so the advisor can carry
 * on with the call meanwhile. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/contact/contact.h"
#include "client/core/form.h"
#include "client/outbox/outbox.h"
#include "client/cases/people.h"
#include "client/cases/teamlist.h"
#include "client/core/term.h"
#include "common/buf.h"
#include "common/jsonx.h"

enum { TAG_TEAMS = 1, TAG_PEOPLE };

typedef struct HandoffState {
    HandoffArg a;
    bool note_only;
    Form form;
    TeamList teams;         /* "To team" picks from these */
    People people;          /* who the typed person's name finds */
    char note[400];
    char to[200];           /* who or which team, for the messages */
} HandoffState;

static void Handoff_open(View *v, void *arg)
{
    HandoffState *s = v->st;
    s->a = *(const HandoffArg *)arg;
    Form_add_pick(&s->form, "To team", "team_code", false);
    Form_add(&s->form, "Or to person", "assignee", false, NULL, NULL);
    Form_add(&s->form, "Reason", "reason", true, NULL, NULL);
    Form_add(&s->form, "Note", "note", false, NULL, NULL);
    TeamList_request(&s->teams, v, TAG_TEAMS);
}

static void Note_open(View *v, void *arg)
{
    HandoffState *s = v->st;
    snprintf(s->a.ref, sizeof s->a.ref, "%s", (const char *)arg);
    s->note_only = true;
    Form_add(&s->form, "Note", "body", true, NULL, NULL);
}

static void Handoff_close(View *v)
{
    HandoffState *s = v->st;
    TeamList_free(&s->teams);
    People_free(&s->people);
}

static void Handoff_on_response(View *v, int tag, const ApiResult *r)
{
    HandoffState *s = v->st;
    if (tag == TAG_PEOPLE) {
        People_in(&s->people, r);
        return;
    }
    TeamList_in(&s->teams, r, &s->form, "team_code");
}

/* The hand-off the form says; false, with s->note saying why, when it
 * cannot go. */
static bool Handoff_draft(HandoffState *s, CaseHandoff *h)
{
    const char *team = Form_value(&s->form, "team_code"), *person = Form_value(&s->form, "assignee");
    if (!team[0] && !person[0]) {
        snprintf(s->note, sizeof s->note, "Say which team or person the case goes to.");
        return false;
    }
    /* Only a team seen chosen (form_pick): Form_action saw to that. */
    const char *code = team[0] ? team : NULL;
    const json_t *who = person[0] ? People_checked(&s->people, person, s->note, sizeof s->note) : NULL;
    if (person[0] && !who)
        return false;
    /* To a person, the case keeps its team unless a team was typed too. */
    if (who && !code && s->a.team_code[0])
        code = s->a.team_code;
    *h = (CaseHandoff){.ref = s->a.ref, .reason = Form_value(&s->form, "reason"), .team_code = code,
                       .assignee = who ? Jsonx_str(who, "username", "") : NULL,
                       .note = Form_value(&s->form, "note")};
    snprintf(s->to, sizeof s->to, "%s", who ? Jsonx_str(who, "display_name", "") : code);
    return true;
}

static void Handoff_submit(View *v)
{
    HandoffState *s = v->st;
    FormField *missing = Form_missing(&s->form);
    if (missing) {
        snprintf(s->note, sizeof s->note, "%s is needed.", missing->label);
        return;
    }
    CaseHandoff h = {0};
    if (!s->note_only && !Handoff_draft(s, &h))
        return;
    char label[300];
    const char *to = s->to;
    if (s->note_only)
        snprintf(label, sizeof label, "Note on %s", s->a.ref);
    else
        snprintf(label, sizeof label, "Hand-off of %s to %s", s->a.ref, to);
    int rc = s->note_only ? ApiCases_note(s->a.ref, Form_value(&s->form, "body"), label)
                          : ApiCases_handoff(&h, label);
    bool warm = !s->note_only && h.assignee && contact.phase == CONTACT_LIVE;
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    if (warm)
        App_message("Warm transfer: tell %s the reference %s; it opens on their screen when they type it "
                    "in their search box.", to, s->a.ref);
    else
        App_message("%s: saved in the outbox, sending\u2026", label);
    View_pop();
}

static bool Handoff_action(View *v, Action a)
{
    HandoffState *s = v->st;
    if (!s->note_only)
        TeamList_allow_unlisted(&s->teams, &s->form, "team_code");
    FormStep step = Form_action_or_leave(&s->form, a);
    if (step == FORM_SUBMIT)
        Handoff_submit(v);
    return step != FORM_OTHER;
}

static void Handoff_key(View *v, int key)
{
    HandoffState *s = v->st;
    s->note[0] = '\0';
    Form_key(&s->form, key);
    if (!s->note_only)
        People_lookup(&s->people, v, TAG_PEOPLE, Form_value(&s->form, "assignee"));
}

/* Who the typed person is, and where the case will sit, before sending. */
static int Handoff_draw_person(HandoffState *s, const Rect *b, int y)
{
    const char *typed = Form_value(&s->form, "assignee"), *team = Form_value(&s->form, "team_code");
    const json_t *person = People_draw(&s->people, typed, "To: ", b, &y, b->y + b->h - 2 - y);
    if (person && !team[0] && s->a.team_code[0]) {
        char line[400];
        snprintf(line, sizeof line, People_in_team(person, s->a.team_code) ?
                 "The case stays with %s." : "The case stays with %s: to move it to their team, type "
                 "that team above.", s->a.team_name);
        attrset(Term_attr(STYLE_DIM));
        Term_text_pad(y++, b->x, line, b->w);
        attrset(A_NORMAL);
    }
    return y;
}

static void Handoff_draw_teams(HandoffState *s, const Rect *b, int y)
{
    Buf t = BUF_INIT;
    size_t i;
    json_t *q;
    Buf_puts(&t, s->teams.items ? "Teams: " : Api_stalled(s->teams.call) || s->teams.failed ?
             "Teams: no list (server not reached): type the team's exact code" : "Teams: loading\u2026");
    json_array_foreach(s->teams.items, i, q)
        Buf_printf(&t, "%s%s", i ? ", " : "", Jsonx_str(json_object_get(q, "team"), "code", ""));
    size_t starts[6], lens[6];
    int n = Layout_wrap(t.data ? t.data : "", b->w - 2, starts, lens, 6);
    attrset(Term_attr(STYLE_DIM));
    for (int k = 0; k < n && k < 6 && y < b->y + b->h - 2; k++) {
        char line[400];
        snprintf(line, sizeof line, "%.*s", (int)lens[k], t.data + starts[k]);
        Term_text_pad(y++, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    Buf_free(&t);
}

static void Handoff_draw(View *v, const Layout *l)
{
    HandoffState *s = v->st;
    const Rect *b = &l->body;
    char head[200];
    snprintf(head, sizeof head, s->note_only ? "Add a note to case %s" :
             "Hand off case %s: everything on the case goes with it", s->a.ref);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, head, b->w);
    attrset(A_NORMAL);
    int y = Form_draw(&s->form, b, b->y + 2, 16);
    if (!s->note_only && Form_value(&s->form, "assignee")[0])
        Handoff_draw_person(s, b, y + 1);
    else if (!s->note_only)
        Handoff_draw_teams(s, b, y + 1);
    attrset(s->note[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_hint_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note :
                  "Tab moves, F2 sends (through the outbox), Esc leaves without sending.", b->w);
    attrset(A_NORMAL);
}

static void Handoff_place_cursor(View *v, const Layout *l)
{
    HandoffState *s = v->st;
    (void)l;
    Form_place_cursor(&s->form);
}

static const char *Handoff_title(View *v)
{
    HandoffState *s = v->st;
    return s->note_only ? "Add a note" : "Hand off";
}

const ViewOps view_handoff_ops = {
    .name = "handoff",
    .state_size = sizeof(HandoffState),
    .open = Handoff_open,
    .close = Handoff_close,
    .draw = Handoff_draw,
    .context = View_form_context,
    .action = Handoff_action,
    .key = Handoff_key,
    .on_response = Handoff_on_response,
    .place_cursor = Handoff_place_cursor,
    .title = Handoff_title,
};

const ViewOps view_note_ops = {
    .name = "note",
    .state_size = sizeof(HandoffState),
    .open = Note_open,
    .close = Handoff_close,
    .draw = Handoff_draw,
    .context = View_form_context,
    .action = Handoff_action,
    .key = Handoff_key,
    .place_cursor = Handoff_place_cursor,
    .title = Handoff_title,
};
