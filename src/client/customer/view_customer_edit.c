/* view_customer_edit: "tell us once" — the caller's contact details,
 * changed once, here, for every service. Only the fields the advisor
 * changed are sent, as a PATCH with If-Match set to the version the
 * single view showed, through the outbox; if someone else changed the
 * record meanwhile the server says 412 and the conflict view shows both
 * versions. Nothing is silently overwritten. */
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
#include "client/customer/view_customer_edit.h"
#include "client/customer/view_customer_new.h"
#include "client/core/view.h"
#include "common/jsonx.h"

static const char *const customer_channels[] = {"phone", "email", "letter", "sms", "face_to_face", NULL};
static const char *const customer_channel_labels[] = {"Phone", "Email", "Letter", "Text message (SMS)",
                                               "Face to face", NULL};

typedef struct EditState {
    Form form;
    char id[32];
    long long version;   /* of the record the form started from */
    char name[200];
    char outbox_id[OUTBOX_ID_LEN];  /* the change on its way */
    char note[400];
} EditState;

static void (*reload_hook)(const char *customer_id);

void ViewCustomerEdit_reload_hook(void (*fn)(const char *customer_id))
{
    reload_hook = fn;
}

static void Edit_fields(Form *fm)
{
    Form_add(fm, "Address", "address.line1", false, NULL, NULL);
    Form_add(fm, "Address line 2", "address.line2", false, NULL, NULL);
    Form_add(fm, "Town", "address.town", false, NULL, NULL);
    Form_add(fm, "Postcode", "address.postcode", false, NULL, NULL);
    Form_add(fm, "Phone", "phone", false, NULL, NULL);
    Form_add(fm, "Mobile", "mobile", false, NULL, NULL);
    Form_add(fm, "Email", "email", false, NULL, NULL);
    Form_add(fm, "Preferred channel", "preferred_channel", false, customer_channels, customer_channel_labels);
    Form_add(fm, "Accessibility needs", "accessibility_needs", false, NULL, NULL);
}

/* The home address: the first "home" entry, else the first of any kind.
 * The conflict view (412) compares this same address. */
const json_t *ViewCustomerEdit_home(const json_t *rec)
{
    json_t *addrs = json_object_get(rec, "addresses");
    size_t i;
    json_t *a;
    json_array_foreach(addrs, i, a)
        if (strcmp(Jsonx_str(a, "kind", ""), "home") == 0)
            return a;
    return json_array_get(addrs, 0);
}

static void Edit_open(View *v, void *arg)
{
    EditState *s = v->st;
    const json_t *rec = arg;
    Edit_fields(&s->form);
    snprintf(s->id, sizeof s->id, "%s", Jsonx_str(rec, "id", ""));
    s->version = Jsonx_int(rec, "version", 0);
    snprintf(s->name, sizeof s->name, "%s", Jsonx_str(rec, "display_name", "this customer"));
    const json_t *home = ViewCustomerEdit_home(rec);
    static const char *const addr_keys[] = {"line1", "line2", "town", "postcode"};
    for (int i = 0; i < 4; i++) {
        char key[40];
        snprintf(key, sizeof key, "address.%s", addr_keys[i]);
        Form_load(&s->form, key, Jsonx_str(home, addr_keys[i], ""));
    }
    static const char *const keys[] = {"phone", "mobile", "email", "preferred_channel",
                                       "accessibility_needs"};
    for (int i = 0; i < 5; i++)
        Form_load(&s->form, keys[i], Jsonx_str(rec, keys[i], ""));
}

static void Edit_close(View *v)
{
    Outbox_unwatch_owner(v);
}

static const char *Edit_title(View *v)
{
    (void)v;
    return "Change of details (tell us once)";
}

/* Only what changed (CustomerDraft's update rule); the address goes
 * whole when any part of it did. Returns how many parts changed. */
static int Edit_draft(EditState *s, CustomerDraft *d)
{
    *d = (CustomerDraft){0};
    static const char *const keys[] = {"phone", "mobile", "email", "preferred_channel",
                                       "accessibility_needs"};
    const char **val[] = {&d->phone, &d->mobile, &d->email, &d->preferred_channel, &d->accessibility_needs};
    int n = 0;
    for (int i = 0; i < 5; i++)
        if (Form_changed(&s->form, keys[i])) {
            *val[i] = Form_value(&s->form, keys[i]);
            n++;
        }
    if (Form_changed(&s->form, "address.line1") || Form_changed(&s->form, "address.line2") ||
        Form_changed(&s->form, "address.town") || Form_changed(&s->form, "address.postcode")) {
        d->address.line1 = Form_value(&s->form, "address.line1");
        d->address.line2 = Form_value(&s->form, "address.line2");
        d->address.town = Form_value(&s->form, "address.town");
        d->address.postcode = Form_value(&s->form, "address.postcode");
        n++;
    }
    return n;
}

/* What the form started from, to tell after a 412 which fields were the
 * advisor's changes and which were someone else's. */
static json_t *Edit_base(EditState *s)
{
    json_t *base = json_object();
    json_t *addr = json_object();
    for (int i = 0; i < s->form.n; i++) {
        const FormField *f = &s->form.fields[i];
        if (strncmp(f->key, "address.", 8) == 0)
            json_object_set_new(addr, f->key + 8, json_string(f->orig));
        else
            json_object_set_new(base, f->key, json_string(f->orig));
    }
    json_object_set_new(base, "address", addr);
    return base;
}

static void Edit_landed(void *owner, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)e; (void)replayed;
    View *v = owner;
    EditState *s = v->st;
    s->outbox_id[0] = '\0';
    if (r->status >= 200 && r->status <= 299) {
        if (View_top() == v)
            View_pop();
        return;
    }
    if (r->status == 412) {
        char id[OUTBOX_ID_LEN];
        snprintf(id, sizeof id, "%s", e->id);
        if (View_top() == v)
            View_pop();
        View_open(VIEW_CONFLICT, id);
        return;
    }
    Form_set_errors(&s->form, r->json);
    snprintf(s->note, sizeof s->note, "The server refused the change: %s It is kept in the outbox "
             "until you correct it there or discard it.", r->message ? r->message : "");
    Loop_dirty();
}

static void Edit_submit(View *v)
{
    EditState *s = v->st;
    if (s->outbox_id[0])
        return;
    CustomerDraft d;
    if (Edit_draft(s, &d) == 0) {
        snprintf(s->note, sizeof s->note, "Nothing has changed yet.");
        return;
    }
    char label[300];
    snprintf(label, sizeof label, "Change of details for %s", s->name);
    Form_clear_errors(&s->form);
    int rc = ApiCustomers_update(s->id, s->version, &d, label, s->outbox_id);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    json_t *meta = json_pack("{s:o}", "base", Edit_base(s));
    Outbox_set_meta(s->outbox_id, meta);
    json_decref(meta);
    Outbox_watch(s->outbox_id, Edit_landed, v);
    snprintf(s->note, sizeof s->note, "Saved in the outbox; sending\u2026 (you can go back: it is kept "
             "and sent when the server answers)");
}

static bool Edit_action(View *v, Action a)
{
    EditState *s = v->st;
    FormStep step = Form_action(&s->form, a);
    if (step == FORM_SUBMIT)
        Edit_submit(v);
    if (step != FORM_OTHER)
        return true;
    switch (a) {
    case ACT_CANCEL: case ACT_BACK: case ACT_DISCARD:
        if (!s->outbox_id[0])
            App_message("No change was made.");
        View_pop();
        return true;
    default: return false;
    }
}

static void Edit_key(View *v, int key)
{
    EditState *s = v->st;
    s->note[0] = '\0';
    Form_key(&s->form, key);
}

static void Edit_draw(View *v, const Layout *l)
{
    EditState *s = v->st;
    const Rect *b = &l->body;
    char head[300];
    snprintf(head, sizeof head, "Contact details of %s: change them once here for every service.", s->name);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, head, b->w);
    attrset(A_NORMAL);
    int y = Form_draw(&s->form, b, b->y + 2, 22);
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(y + 1, b->x, "Tab/Up/Down move, Left/Right change a choice, F2 saves, Esc leaves without saving.", b->w);
    attrset(s->note[0] && !s->outbox_id[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_NORMAL));
    Term_text_pad(b->y + b->h - 1, b->x, s->note, b->w);
    attrset(A_NORMAL);
}

static void Edit_place_cursor(View *v, const Layout *l)
{
    EditState *s = v->st;
    (void)l;
    Form_place_cursor(&s->form);
}

const ViewOps view_customer_edit_ops = {
    .name = "customer-edit",
    .state_size = sizeof(EditState),
    .open = Edit_open,
    .close = Edit_close,
    .draw = Edit_draw,
    .context = View_form_context,
    .action = Edit_action,
    .key = Edit_key,
    .place_cursor = Edit_place_cursor,
    .title = Edit_title,
};

/* ---- landing when no form waits (another screen, or after a restart) ---- */

static void Customer_update_landed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (r->status >= 200 && r->status <= 299) {
        App_message("%s saved.", e->label);
        if (reload_hook)
            reload_hook(Jsonx_str(r->json, "id", ""));
    } else if (r->status == 412) {
        if (View_top_has(VIEW_FLAG_CONFLICT))
            return;   /* the form that sent it has shown the conflict */
        App_error("%s: someone else changed the record first. Open the outbox to compare and "
                  "apply yours again.", e->label);
    } else {
        App_error("%s was refused: %s Open the outbox to correct it.", e->label,
                  r->message ? r->message : "");
    }
}

void ViewCustomerEdit_init(void)
{
    Outbox_on_kind("customer.update", Customer_update_landed, NULL);
    ViewCustomerNew_register();
}
