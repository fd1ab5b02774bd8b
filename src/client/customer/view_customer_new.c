/* view_customer_new: a caller who is not on file, with only the details
 * needed. A duplicate check (GET customers/matches: the same name
 * with the same postcode, phone or e-mail) runs before anything is
 * created, so one person does not end up with two records: the advisor
 * opens a match instead, or confirms that this is someone new. The
 * create itself goes through the outbox; the server checks again (409
 * with the matches) in case someone added the person meanwhile.
 *
 * Opened with NULL (a new form) or with an outbox entry id (a create the
 * server refused, to correct and send again). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/form.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"
#include "client/customer/view_customer_new.h"
#include "client/core/view.h"
#include "common/jsonx.h"

enum { TAG_MATCHES = 1, MAX_MATCHES = 5 };

typedef struct NewState {
    Form form;
    json_t *matches;                /* likely existing records shown */
    int match_sel;                  /* -1: the form has the focus */
    bool confirmed;                 /* the advisor saw the matches: create anyway */
    char resubmit_id[OUTBOX_ID_LEN];
    char outbox_id[OUTBOX_ID_LEN];
    char note[400];
} NewState;

static void New_fields(Form *fm)
{
    Form_add(fm, "Title", "title", false, NULL, NULL);
    Form_add(fm, "First name", "given_name", true, NULL, NULL);
    Form_add(fm, "Last name", "family_name", true, NULL, NULL);
    Form_add(fm, "Address", "address.line1", true, NULL, NULL);
    Form_add(fm, "Town", "address.town", true, NULL, NULL);
    Form_add(fm, "Postcode", "address.postcode", true, NULL, NULL);
    Form_add(fm, "Phone", "phone", false, NULL, NULL);
    Form_add(fm, "Email", "email", false, NULL, NULL);
}

static void New_prefill(NewState *s, const OutboxEntry *e)
{
    static const char *const keys[] = {"title", "given_name", "family_name", "phone", "email"};
    for (int i = 0; i < 5; i++)
        Form_load(&s->form, keys[i], Jsonx_str(e->body, keys[i], ""));
    json_t *a = json_object_get(e->body, "address");
    Form_load(&s->form, "address.line1", Jsonx_str(a, "line1", ""));
    Form_load(&s->form, "address.town", Jsonx_str(a, "town", ""));
    Form_load(&s->form, "address.postcode", Jsonx_str(a, "postcode", ""));
    Form_set_errors(&s->form, e->problem);
    json_t *m = json_object_get(e->problem, "matches");
    if (json_array_size(m)) {
        s->matches = json_incref(m);
        s->match_sel = 0;
    }
    snprintf(s->resubmit_id, sizeof s->resubmit_id, "%s", e->id);
    snprintf(s->note, sizeof s->note, "The server refused this record: %s",
             Jsonx_str(e->problem, "detail", Jsonx_str(e->problem, "title", "")));
}

static void New_open(View *v, void *arg)
{
    NewState *s = v->st;
    New_fields(&s->form);
    s->match_sel = -1;
    s->form.focus = 1;
    const OutboxEntry *e = arg ? Outbox_find(arg) : NULL;
    if (e)
        New_prefill(s, e);
}

static void New_close(View *v)
{
    NewState *s = v->st;
    Outbox_unwatch_owner(v);
    json_decref(s->matches);
}

static const char *New_title(View *v)
{
    (void)v;
    return "New customer";
}

static Context New_context(View *v)
{
    NewState *s = v->st;
    return s->match_sel >= 0 ? CTX_OUTBOX : CTX_FORM;
}

/* The customer the form says (borrowing the form's strings). */
static CustomerDraft New_draft(NewState *s)
{
    const Form *f = &s->form;
    return (CustomerDraft){
        .title = Form_value(f, "title"), .given_name = Form_value(f, "given_name"),
        .family_name = Form_value(f, "family_name"), .phone = Form_value(f, "phone"),
        .email = Form_value(f, "email"),
        .address = {.line1 = Form_value(f, "address.line1"), .town = Form_value(f, "address.town"),
                    .postcode = Form_value(f, "address.postcode")},
        .confirmed_new = s->confirmed,
    };
}

static void New_landed(void *owner, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)replayed; (void)e;
    View *v = owner;
    NewState *s = v->st;
    s->outbox_id[0] = '\0';
    if (r->status == 201 || r->status == 200) {
        char id[32];
        snprintf(id, sizeof id, "%s", Jsonx_str(r->json, "id", ""));
        if (View_top() == v)
            View_pop();
        if (id[0])
            View_open(VIEW_CUSTOMER, id);
        return;
    }
    snprintf(s->resubmit_id, sizeof s->resubmit_id, "%s", e->id);
    json_t *m = json_object_get(r->json, "matches");
    if (r->status == 409 && json_array_size(m)) {
        json_decref(s->matches);
        s->matches = json_incref(m);
        s->match_sel = 0;
        snprintf(s->note, sizeof s->note, "Someone with these details is already on file.");
    } else {
        Form_set_errors(&s->form, r->json);
        snprintf(s->note, sizeof s->note, "%s", r->message ? r->message : "The server refused it.");
    }
    Loop_dirty();
}

static void New_send(View *v)
{
    NewState *s = v->st;
    CustomerDraft d = New_draft(s);
    char label[300];
    snprintf(label, sizeof label, "New customer %s %s", Form_value(&s->form, "given_name"),
             Form_value(&s->form, "family_name"));
    int rc = ApiCustomers_create(&d, label, s->resubmit_id[0] ? s->resubmit_id : NULL, s->outbox_id);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        s->outbox_id[0] = '\0';
        return;
    }
    Outbox_watch(s->outbox_id, New_landed, v);
    snprintf(s->note, sizeof s->note, "Saved in the outbox; sending\u2026");
}

static void New_on_response(View *v, int tag, const ApiResult *r)
{
    NewState *s = v->st;
    (void)tag;
    json_t *items = json_object_get(r->json, "items");
    if (r->status == 200 && json_array_size(items)) {
        json_decref(s->matches);
        s->matches = json_incref(items);
        s->match_sel = 0;
        snprintf(s->note, sizeof s->note, "Possible existing records: check them with the caller.");
        return;
    }
    /* No match, or the check could not run (the server checks again). */
    New_send(v);
}

static void New_submit(View *v)
{
    NewState *s = v->st;
    if (s->outbox_id[0])
        return;
    Form_clear_errors(&s->form);
    FormField *missing = Form_missing(&s->form);
    if (missing) {
        snprintf(missing->error, sizeof missing->error, "Needed.");
        snprintf(s->note, sizeof s->note, "Fill in %s (fields marked * are needed).", missing->label);
        s->form.focus = (int)(missing - s->form.fields);
        return;
    }
    if (s->confirmed || s->resubmit_id[0]) {
        New_send(v);
        return;
    }
    CustomerMatch m = {Form_value(&s->form, "given_name"), Form_value(&s->form, "family_name"),
                       Form_value(&s->form, "address.postcode"), Form_value(&s->form, "phone"),
                       Form_value(&s->form, "email")};
    snprintf(s->note, sizeof s->note, "Checking for an existing record\u2026");
    ApiCustomers_matches(View_to(v, TAG_MATCHES, "Checking for an existing record"), &m);
}

static bool New_match_action(View *v, Action a)
{
    NewState *s = v->st;
    int n = (int)json_array_size(s->matches);
    switch (a) {
    case ACT_MOVE_UP: if (s->match_sel > 0) s->match_sel--; return true;
    case ACT_MOVE_DOWN: if (s->match_sel < n - 1) s->match_sel++; return true;
    case ACT_ENTER: {
        char id[32];
        snprintf(id, sizeof id, "%s", Jsonx_str(json_array_get(s->matches, (size_t)s->match_sel), "id", ""));
        if (s->resubmit_id[0])
            Outbox_discard(s->resubmit_id);
        View_pop();
        View_open(VIEW_CUSTOMER, id);
        return true;
    }
    case ACT_SUBMIT: case ACT_RESUBMIT:
        s->confirmed = true;
        s->match_sel = -1;
        New_send(v);
        return true;
    case ACT_BACK: case ACT_CANCEL: case ACT_NEXT_FIELD:
        s->match_sel = -1;
        return true;
    default:
        return false;
    }
}

static bool New_action(View *v, Action a)
{
    NewState *s = v->st;
    if (s->match_sel >= 0)
        return New_match_action(v, a);
    FormStep step = Form_action(&s->form, a);
    if (step == FORM_SUBMIT)
        New_submit(v);
    if (step != FORM_OTHER)
        return true;
    switch (a) {
    case ACT_CANCEL: case ACT_BACK: case ACT_DISCARD:
        View_pop();
        return true;
    default: return false;
    }
}

static void New_key(View *v, int key)
{
    NewState *s = v->st;
    if (s->match_sel >= 0)
        return;
    s->note[0] = '\0';
    s->confirmed = false;
    Form_key(&s->form, key);
}

static void New_draw_matches(NewState *s, const Rect *b, int y)
{
    size_t n = json_array_size(s->matches);
    if (!n)
        return;
    attrset(Term_attr(STYLE_ALERT) | A_BOLD);
    Term_text_pad(y++, b->x, "!! Possible existing records (the same name with the same postcode, phone or email):", b->w);
    attrset(A_NORMAL);
    for (size_t i = 0; i < n && i < MAX_MATCHES; i++) {
        json_t *m = json_array_get(s->matches, i);
        char line[400];
        bool sel = (int)i == s->match_sel;
        snprintf(line, sizeof line, "%s %s %s (customer %s)", sel ? ">" : " ", Jsonx_str(m, "given_name", ""),
                 Jsonx_str(m, "family_name", ""), Jsonx_str(m, "id", ""));
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL));
        Term_text_pad(y++, b->x, line, b->w);
    }
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(y, b->x, s->match_sel >= 0 ? "Enter opens the selected record; F2 creates a new one anyway; Tab back to the form."
                                             : "Tab returns to the matches.", b->w);
    attrset(A_NORMAL);
}

static void New_draw(View *v, const Layout *l)
{
    NewState *s = v->st;
    const Rect *b = &l->body;
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, "A caller who is not on file: only what is needed (* fields).", b->w);
    attrset(A_NORMAL);
    int y = Form_draw(&s->form, b, b->y + 2, 14);
    New_draw_matches(s, b, y + 1);
    attrset(Term_attr(STYLE_NORMAL));
    Term_text_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note : "F2 checks for an existing record, then creates. Esc leaves.", b->w);
    attrset(A_NORMAL);
}

static void New_place_cursor(View *v, const Layout *l)
{
    NewState *s = v->st;
    (void)l;
    Form_place_cursor(&s->form);
}

const ViewOps view_customer_new_ops = {
    .name = "customer-new",
    .state_size = sizeof(NewState),
    .open = New_open,
    .close = New_close,
    .draw = New_draw,
    .context = New_context,
    .action = New_action,
    .key = New_key,
    .on_response = New_on_response,
    .place_cursor = New_place_cursor,
    .title = New_title,
};

static void Customer_create_landed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (r->status >= 200 && r->status <= 299)
        App_message("%s added (%s).", e->label, Jsonx_str(r->json, "customer_ref", ""));
    else if (!View_find_id(VIEW_CUSTOMER_NEW))
        App_error("%s was refused: %s Open the outbox to check it.", e->label, r->message ? r->message : "");
}

void ViewCustomerNew_register(void)
{
    Outbox_on_kind("customer.create", Customer_create_landed, NULL);
}
