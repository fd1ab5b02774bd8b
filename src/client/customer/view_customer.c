/* view_customer: the single view of one customer, rendered from
 * customer.screen. Warnings come first and stay pinned above the
 * scrolling part, so a cautionary contact is on screen whatever the
 * advisor scrolls to. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/customer/identity_check.h"
#include "client/core/reclines.h"
#include "client/core/term.h"
#include "client/customer/warnings.h"
#include "client/customer/view_customer_edit.h"
#include "client/core/view.h"
#include "common/buf.h"
#include "common/jsonx.h"
#include "common/text.h"

enum { TAG_GET = 1, TAG_REVEAL };
enum { MAX_COLS = 16, MAX_WRAP = 8 };

typedef struct CustomerState {
    char id[128];
    json_t *record;
    ApiCall *call;
    bool revealed;
    char note[320];
    Reclines rl;
    char title[160];
    char identity[300];    /* the identity line the lines were built with */
} CustomerState;

static void Customer_add(CustomerState *s, const char *text, TermStyle style, bool bold)
{
    Reclines_add(&s->rl, text, false, style, bold);
}

static void Customer_fetch(View *v)
{
    CustomerState *s = v->st;
    Api_cancel(s->call);
    s->call = ApiCustomers_get(View_to(v, TAG_GET, "Opening the record"), s->id);
    snprintf(s->note, sizeof s->note, "Opening the record\u2026");
}

/* A change of details landed: every open copy of the record reloads. */
static void Customer_reload(const char *id)
{
    for (View *v = View_top(); v; v = v->below) {
        CustomerState *s = View_is(v, VIEW_CUSTOMER) ? v->st : NULL;
        if (s && (!id[0] || strcmp(s->id, id) == 0))
            Customer_fetch(v);
    }
}

static void Customer_open(View *v, void *arg)
{
    CustomerState *s = v->st;
    ViewCustomerEdit_reload_hook(Customer_reload);
    snprintf(s->id, sizeof s->id, "%s", (const char *)arg);
    snprintf(s->title, sizeof s->title, "Customer");
    Customer_fetch(v);
}

static void Customer_close(View *v)
{
    CustomerState *s = v->st;
    Reclines_free(&s->rl);
    json_decref(s->record);
}

static const char *Customer_title(View *v)
{
    CustomerState *s = v->st;
    return s->title;
}

static Context Customer_context(View *v)
{
    (void)v;
    return CTX_RECORD;
}

/* The warnings in words, pinned above the part that scrolls. */
static void Customer_build_banners(CustomerState *s)
{
    size_t max = Warnings_max(s->record);
    if (Reclines_banners_alloc(&s->rl, max))
        s->rl.nbanners += Warnings_lines(s->record, s->revealed, s->rl.banners + s->rl.nbanners, max);
}

static void Customer_build_field(CustomerState *s, const Screen *sc, const ScreenField *f, int width)
{
    if (f->optional && Screen_field_empty(f, s->record))
        return;
    char value[1024];
    Screen_format_field(sc, f, s->record, s->revealed, value, sizeof value);
    int lw = sc->label_width > 0 ? sc->label_width : 20;
    int vw = width - lw - 4;
    size_t starts[MAX_WRAP], lens[MAX_WRAP];
    int n = Layout_wrap(value, vw > 10 ? vw : 10, starts, lens, MAX_WRAP);
    for (int i = 0; i < n && i < MAX_WRAP; i++) {
        char label[256], line[1400];
        Layout_fit(i == 0 ? f->label : "", lw, ALIGN_LEFT, Term_ascii(), label, sizeof label);
        snprintf(line, sizeof line, "  %s  %.*s", label, (int)lens[i], value + starts[i]);
        TermStyle st = f->emphasis == EMPH_ALERT && !Screen_field_empty(f, s->record) ? STYLE_ALERT : STYLE_NORMAL;
        Customer_add(s, line, st, f->emphasis == EMPH_STRONG);
    }
}

static void Customer_build_list(CustomerState *s, const Screen *sc, const ScreenSection *sec, int width)
{
    json_t *rows = json_object_get(s->record, sec->list_path);
    if (json_array_size(rows) == 0) {
        Customer_add(s, sec->empty_text ? sec->empty_text : "None", STYLE_DIM, false);
        return;
    }
    ColumnSpec specs[MAX_COLS] = {{0, 0, 0}};
    int widths[MAX_COLS];
    size_t n = sec->nfields < MAX_COLS ? sec->nfields : MAX_COLS;
    for (size_t i = 0; i < n; i++)
        specs[i] = sec->fields[i].col;
    Layout_columns(specs, n, width - 2, 2, widths);
    for (int r = -1; r < (int)json_array_size(rows); r++) {
        json_t *item = r < 0 ? NULL : json_array_get(rows, (size_t)r);
        Buf line = BUF_INIT;
        Buf_puts(&line, "  ");
        bool alert = false;
        for (size_t i = 0; i < n; i++) {
            if (!widths[i])
                continue;
            const ScreenField *f = &sec->fields[i];
            char value[512], cell[512];
            if (item)
                Screen_format_field(sc, f, item, s->revealed, value, sizeof value);
            else
                snprintf(value, sizeof value, "%s", f->label);
            alert = alert || (item && f->emphasis == EMPH_ALERT);
            Layout_fit(value, widths[i], f->align, Term_ascii(), cell, sizeof cell);
            Buf_printf(&line, "%s%s", cell, i + 1 < n ? "  " : "");
        }
        Customer_add(s, line.data ? line.data : "", alert ? STYLE_ALERT : STYLE_NORMAL, !item);
        Buf_free(&line);
    }
}

/* The identity line goes among the first warnings, so it is never
 * hidden under "and N more warnings". */
static void Customer_identity_banner(CustomerState *s)
{
    IdentityCheck_banner(s->id, s->identity, sizeof s->identity);
    char **b = realloc(s->rl.banners, (s->rl.nbanners + 1) * sizeof *b);
    char *text = strdup(s->identity);
    if (!b || !text) {
        free(text);
        if (b)
            s->rl.banners = b;
        return;
    }
    s->rl.banners = b;
    size_t at = s->rl.nbanners < RECLINES_MAX_BANNERS ? s->rl.nbanners : RECLINES_MAX_BANNERS - 1;
    memmove(b + at + 1, b + at, (s->rl.nbanners - at) * sizeof *b);
    b[at] = text;
    s->rl.nbanners++;
}

static void Customer_build(CustomerState *s, int width)
{
    Reclines_free(&s->rl);
    s->rl.width = width;
    const Screen *sc = app.customer_screen;
    if (!s->record || !sc)
        return;
    Customer_build_banners(s);
    Customer_identity_banner(s);
    for (size_t i = 0; i < sc->nsections; i++) {
        const ScreenSection *sec = &sc->sections[i];
        Reclines_add(&s->rl, sec->title ? sec->title : "", true, STYLE_HEADING, true);
        if (sec->list_path)
            Customer_build_list(s, sc, sec, width);
        else
            for (size_t f = 0; f < sec->nfields; f++)
                Customer_build_field(s, sc, &sec->fields[f], width);
        Customer_add(s, "", STYLE_NORMAL, false);
    }
}

/* Masked details are shown only after the server has audited the reveal;
 * the answer also carries details a restricted record left out. */
static void Customer_reveal(View *v)
{
    CustomerState *s = v->st;
    if (!s->record || s->revealed)
        return;
    ApiCustomers_reveal_flags(View_to(v, TAG_REVEAL, "Revealing (audited)"), s->id);
}

static void Customer_revealed(CustomerState *s, const ApiResult *r)
{
    if (r->status != 200 || !json_is_object(r->json)) {
        App_error("%s", r->status == 403 ? "Your role may not see these details."
                                         : r->message);
        return;
    }
    json_object_set(s->record, "flags", json_object_get(r->json, "value"));
    s->revealed = true;
    App_message("Details revealed; the reveal is in the audit trail.");
    Customer_build(s, app.layout.body.w);
}

static void Customer_on_response(View *v, int tag, const ApiResult *r)
{
    CustomerState *s = v->st;
    if (tag == TAG_REVEAL) {
        Customer_revealed(s, r);
        return;
    }
    s->call = NULL;
    if (r->status != 200 || !json_is_object(r->json)) {
        snprintf(s->note, sizeof s->note, "%s", r->status == -1 ? "Cancelled. F5 tries again; q goes back." :
                 r->status == 404 ? "This customer record no longer exists." : r->message);
        return;
    }
    json_decref(s->record);
    s->record = json_incref(r->json);
    s->note[0] = '\0';
    snprintf(s->title, sizeof s->title, "%s %s", Jsonx_str(r->json, "display_name", "Customer"),
             Jsonx_str(r->json, "customer_ref", ""));
    Customer_build(s, app.layout.body.w);
}

static int Customer_visible(const CustomerState *s, const Layout *l)
{
    int rows = Reclines_banner_rows(&s->rl);
    return l->body.h - rows - (rows ? 1 : 0);
}

static void Customer_draw(View *v, const Layout *l)
{
    CustomerState *s = v->st;
    const Rect *b = &l->body;
    char identity[sizeof s->identity];
    IdentityCheck_banner(s->id, identity, sizeof identity);
    if (s->record && (s->rl.width != b->w || strcmp(identity, s->identity) != 0))
        Customer_build(s, b->w);
    if (!s->record) {
        Term_text(b->y + 1, b->x + 2, s->note, b->w - 4);
        return;
    }
    char more[96] = "";
    if (s->rl.nbanners > RECLINES_MAX_BANNERS)
        snprintf(more, sizeof more, "!! and %zu more warnings: see Warnings below",
                 s->rl.nbanners - RECLINES_MAX_BANNERS);
    int y0 = Reclines_draw_banners(&s->rl, b, more) + (s->rl.nbanners ? 1 : 0);
    Reclines_draw(&s->rl, y0, Customer_visible(s, l), b);
    if (s->note[0]) {
        attrset(Term_attr(STYLE_ERROR));
        Term_text_pad(b->y + b->h - 1, b->x, s->note, b->w);
        attrset(A_NORMAL);
    }
}

static bool Customer_action(View *v, Action a)
{
    CustomerState *s = v->st;
    if (Reclines_scroll(&s->rl, a, Customer_visible(s, &app.layout)))
        return true;
    switch (a) {
    case ACT_REFRESH: Customer_fetch(v); return true;
    case ACT_SEARCH:
        View_pop();
        if (View_top_has(VIEW_FLAG_HOME))
            View_action(View_top(), ACT_SEARCH);   /* the cursor in its box */
        return true;
    case ACT_START_CONTACT:
        if (s->record)
            Contact_start_for(s->record);
        else
            Contact_start(s->id, "", -1);
        return true;
    case ACT_EDIT_DETAILS:
        if (s->record)
            View_open(VIEW_CUSTOMER_EDIT, s->record);
        return true;
    case ACT_CONTACT_HISTORY:
        View_open(VIEW_HISTORY, s->id);
        return true;
    case ACT_REVEAL:
        Customer_reveal(v);
        return true;
    case ACT_CHECK_IDENTITY:
        if (s->record)
            IdentityCheck_ask(s->id);
        return true;
    default: return false;
    }
}

static void Customer_place_cursor(View *v, const Layout *l)
{
    CustomerState *s = v->st;
    (void)s;
    /* The first line of the body: the first warning banner when there is
     * one, so a screen reader announces it before anything else. */
    move(l->body.y, l->body.x);
}

/* The record, once loaded: what a triage, case or warning starts from. */
static const json_t *Customer_record(const View *v)
{
    const CustomerState *s = v->st;
    return s->record;
}

const ViewOps view_customer_ops = {
    .name = "customer",
    .state_size = sizeof(CustomerState),
    .open = Customer_open,
    .close = Customer_close,
    .draw = Customer_draw,
    .context = Customer_context,
    .action = Customer_action,
    .on_response = Customer_on_response,
    .place_cursor = Customer_place_cursor,
    .title = Customer_title,
    .record = Customer_record,
    .flags = VIEW_FLAG_READING | VIEW_FLAG_STARTS_TRIAGE | VIEW_FLAG_BACK_POPS | VIEW_FLAG_RECORD,
};
