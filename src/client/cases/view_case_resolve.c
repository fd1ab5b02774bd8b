/* view_case_resolve: resolving a case asks what was done. The answer goes
 * with the status change (PATCH ... {"status": "resolved", "resolution"})
 * through the outbox, with the version the advisor saw as If-Match, and
 * the server keeps it in the timeline's status event. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/core/form.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"

typedef struct ResolveState {
    CaseResolveArg a;
    Form form;
    char note[300];
} ResolveState;

static void Resolve_open(View *v, void *arg)
{
    ResolveState *s = v->st;
    s->a = *(const CaseResolveArg *)arg;
    Form_add(&s->form, "What was done", "resolution", true, NULL, NULL);
}

static void Resolve_submit(View *v)
{
    ResolveState *s = v->st;
    const char *what = Form_value(&s->form, "resolution");
    if (!what[strspn(what, " ")]) {
        snprintf(s->note, sizeof s->note, "Say what was done to resolve it: it goes on the case's timeline.");
        return;
    }
    char label[120];
    snprintf(label, sizeof label, "Case %s now resolved", s->a.ref);
    int rc = ApiCases_set_status(s->a.ref, s->a.version, "resolved", what, label);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    App_message("%s: saved in the outbox, sending\u2026", label);
    View_pop();
}

static bool Resolve_action(View *v, Action a)
{
    ResolveState *s = v->st;
    FormStep step = Form_action(&s->form, a);
    if (step == FORM_SUBMIT)
        Resolve_submit(v);
    if (step != FORM_OTHER)
        return true;
    if (a == ACT_CANCEL || a == ACT_BACK) {
        App_message("The case was not resolved.");
        View_pop();
        return true;
    }
    return false;
}

static void Resolve_key(View *v, int key)
{
    ResolveState *s = v->st;
    s->note[0] = '\0';
    Form_key(&s->form, key);
}

static void Resolve_draw(View *v, const Layout *l)
{
    ResolveState *s = v->st;
    const Rect *b = &l->body;
    char head[120];
    snprintf(head, sizeof head, "Resolve case %s: what was done?", s->a.ref);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, head, b->w);
    attrset(A_NORMAL);
    Form_draw(&s->form, b, b->y + 2, 16);
    attrset(s->note[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_text_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note :
                  "Enter or F2 resolves it (through the outbox), Esc leaves it as it is.", b->w);
    attrset(A_NORMAL);
}

static void Resolve_place_cursor(View *v, const Layout *l)
{
    ResolveState *s = v->st;
    (void)l;
    Form_place_cursor(&s->form);
}

static const char *Resolve_title(View *v)
{
    (void)v;
    return "Resolve a case";
}

const ViewOps view_case_resolve_ops = {
    .name = "case-resolve",
    .state_size = sizeof(ResolveState),
    .open = Resolve_open,
    .draw = Resolve_draw,
    .context = View_form_context,
    .action = Resolve_action,
    .key = Resolve_key,
    .place_cursor = Resolve_place_cursor,
    .title = Resolve_title,
};
