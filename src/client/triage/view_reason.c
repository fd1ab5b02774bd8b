/* view_reason: the first step of a triage, picking the reason for the call
 * from the service catalogue. Typing filters by name and keywords (a
 * caller says "my wheelie bin", not "missed_bin"); arrows move; Enter
 * starts the triage for the service selected. */
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/core/prompt.h"
#include "client/core/term.h"
#include "client/triage/view_reason.h"
#include "client/triage/triage_start.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/text.h"

enum { TAG_SERVICES = 1 };
enum { LIST_TOP = 3, MAX_SERVICES = 256 };

typedef struct ReasonState {
    json_t *customer;          /* NULL: an anonymous information call */
    char preselect[64];        /* start straight away for this service */
    Prompt *was_focused;
    int match[MAX_SERVICES];   /* catalogue indices shown, best first */
    int nmatch;
    ListPos pos;
    char note[320];
    char title[200];
    int box_y;
} ReasonState;

typedef struct ReasonArg {
    const json_t *customer;
    const char *service_code;
} ReasonArg;

static json_t *catalogue;      /* GET services items, kept for the run */
static Prompt *reason_box;

static const json_t *Reason_find(const char *code)
{
    size_t i;
    json_t *it;
    json_array_foreach(catalogue, i, it)
        if (strcmp(Jsonx_str(it, "code", ""), code) == 0)
            return it;
    return NULL;
}

const json_t *ViewReason_service(const char *code)
{
    return code ? Reason_find(code) : NULL;
}

/* 2: every word is in the name; 1: in the name, keywords or code; 0: not. */
static int Reason_score(const json_t *svc, const char *filter)
{
    char name[512], hay[2048], words[512];
    Text_fold(Jsonx_str(svc, "name", ""), name, sizeof name, 0);
    char raw[2048];
    snprintf(raw, sizeof raw, "%s %s %s", Jsonx_str(svc, "name", ""), Jsonx_str(svc, "keywords", ""),
             Jsonx_str(svc, "code", ""));
    Text_fold(raw, hay, sizeof hay, 0);
    Text_fold(filter, words, sizeof words, 0);
    int score = 2;
    char *save = NULL;
    for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (!strstr(hay, w))
            return 0;
        if (!strstr(name, w))
            score = 1;
    }
    return score;
}

static void Reason_filter(ReasonState *s)
{
    const char *filter = reason_box ? Prompt_text(reason_box) : "";
    s->nmatch = 0;
    for (int want = 2; want >= 1; want--) {
        size_t i;
        json_t *it;
        json_array_foreach(catalogue, i, it) {
            /* A service without a script (a duty team's) is not a reason to pick. */
            if (s->nmatch < MAX_SERVICES && json_is_string(json_object_get(it, "script_id")) &&
                Reason_score(it, filter) == want)
                s->match[s->nmatch++] = (int)i;
        }
    }
    s->pos.count = s->nmatch;
    s->pos.top = s->pos.selected = 0;
    Layout_list_clamp(&s->pos);
    if (!catalogue)
        return;
    if (s->nmatch == 0)
        snprintf(s->note, sizeof s->note, "No reason matches \u201c%s\u201d: try another word, or "
                 "General information enquiry.", filter);
    else
        snprintf(s->note, sizeof s->note, "%d of %zu reasons. Up/Down choose, Enter starts the triage.",
                 s->nmatch, json_array_size(catalogue));
}

static void Reason_choose(View *v, const json_t *svc)
{
    ReasonState *s = v->st;
    json_t *service = json_incref((json_t *)svc);
    json_t *customer = json_incref(s->customer);
    View_pop();
    TriageStart start = {.service = service, .customer = customer};
    View_open(VIEW_TRIAGE, &start);
    json_decref(service);
    json_decref(customer);
}

static void Reason_open(View *v, void *arg)
{
    ReasonState *s = v->st;
    const ReasonArg *a = arg;
    s->customer = json_incref((json_t *)a->customer);
    snprintf(s->preselect, sizeof s->preselect, "%s", a->service_code ? a->service_code : "");
    s->was_focused = Prompt_current();
    if (!reason_box)
        reason_box = Prompt_new("reason", app.cfg.state_dir, app.cfg.history_size);
    Prompt_set_text(reason_box, "");
    Prompt_focus(reason_box);
    snprintf(s->title, sizeof s->title, "Triage for %s",
             s->customer ? Jsonx_str(s->customer, "display_name", "the customer") : "an information call");
    snprintf(s->note, sizeof s->note, "Loading the reasons\u2026");
    if (catalogue)
        Reason_filter(s);
    else
        ApiContent_services(View_to(v, TAG_SERVICES, "Loading the reasons"));
}

/* A preselected service starts as soon as the catalogue is known; the
 * view may be gone when this returns. */
static bool Reason_preselected(View *v)
{
    ReasonState *s = v->st;
    const json_t *svc = s->preselect[0] ? Reason_find(s->preselect) : NULL;
    if (svc)
        Reason_choose(v, svc);
    return svc != NULL;
}

static void Reason_close(View *v)
{
    ReasonState *s = v->st;
    Prompt_blur(reason_box);
    json_decref(s->customer);
    if (s->was_focused)
        Prompt_focus(s->was_focused);
}

void ViewReason_keep_catalogue(json_t *items)
{
    json_incref(items);
    json_decref(catalogue);
    catalogue = items;
}

static void Reason_on_response(View *v, int tag, const ApiResult *r)
{
    ReasonState *s = v->st;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_is_array(items)) {
        snprintf(s->note, sizeof s->note, "%s", r->status == -1 ? "Cancelled. q goes back." : r->message);
        return;
    }
    ViewReason_keep_catalogue(items);
    if (!Reason_preselected(v))
        Reason_filter(s);
}

static const char *Reason_title(View *v)
{
    ReasonState *s = v->st;
    return s->title;
}

static Context Reason_context(View *v)
{
    (void)v;
    return CTX_PROMPT;
}

static bool Reason_action(View *v, Action a)
{
    ReasonState *s = v->st;
    switch (a) {
    case ACT_ENTER:
        if (s->nmatch > 0)
            Reason_choose(v, json_array_get(catalogue, (size_t)s->match[s->pos.selected]));
        return true;
    case ACT_CANCEL:
        if (Prompt_text(reason_box)[0]) {
            Prompt_set_text(reason_box, "");
            Reason_filter(s);
            return true;
        }
        View_pop();
        return true;
    default:
        return false;
    }
}

static void Reason_key(View *v, int key)
{
    ReasonState *s = v->st;
    switch (key) {
    case KEY_UP: Layout_list_move(&s->pos, -1); return;
    case KEY_DOWN: Layout_list_move(&s->pos, 1); return;
    case KEY_PPAGE: Layout_list_page(&s->pos, -1); return;
    case KEY_NPAGE: Layout_list_page(&s->pos, 1); return;
    default: break;
    }
    Prompt_key(reason_box, key);
    Reason_filter(s);
}

static void Reason_draw_row(const ReasonState *s, int row, int y, const Rect *b)
{
    const json_t *svc = json_array_get(catalogue, (size_t)s->match[row]);
    bool sel = row == s->pos.selected;
    char name[256], tier[64], team[256], line[800];
    Layout_fit(Jsonx_str(svc, "name", ""), 34, ALIGN_LEFT, Term_ascii(), name, sizeof name);
    Layout_fit(Jsonx_str(svc, "tier", ""), 9, ALIGN_LEFT, Term_ascii(), tier, sizeof tier);
    Layout_fit(Jsonx_str(json_object_get(svc, "team"), "name", ""), 22, ALIGN_LEFT, Term_ascii(), team,
               sizeof team);
    snprintf(line, sizeof line, "%s %s %s %s %3lld h", sel ? ">" : " ", name, tier, team,
             Jsonx_int(svc, "sla_hours", 0));
    attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL));
    Term_text_pad(y, b->x, line, b->w);
    attrset(A_NORMAL);
}

/* The customer's flags stay in view from the first step: "!! LABEL". */
static int Reason_draw_flags(const ReasonState *s, const Rect *b)
{
    json_t *flags = json_object_get(s->customer, "flags");
    int n = 0;
    attrset(Term_attr(STYLE_ALERT));
    for (size_t i = 0; i < json_array_size(flags) && n < 2; i++, n++) {
        char line[300];
        const json_t *f = json_array_get(flags, i);
        snprintf(line, sizeof line, "!! %s", Jsonx_str(f, "label", Jsonx_str(f, "code", "")));
        for (char *p = line; *p; p++)
            *p = *p == '_' ? ' ' : (char)toupper((unsigned char)*p);
        Term_text_pad(b->y + n, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    return n;
}

static void Reason_draw(View *v, const Layout *l)
{
    ReasonState *s = v->st;
    Rect body = l->body;
    int flags = Reason_draw_flags(s, &body);
    body.y += flags;
    body.h -= flags;
    s->box_y = body.y;
    const Rect *b = &body;
    Term_text(b->y, b->x, "Reason for the call:", 21);
    Prompt_draw(reason_box, b->y, b->x + 21, b->w - 22);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y + LIST_TOP - 1, b->x, "  Reason                             Tier      Team"
                  "                    SLA", b->w);
    attrset(A_NORMAL);
    s->pos.visible = b->h - LIST_TOP - 1;
    Layout_list_clamp(&s->pos);
    for (int i = 0; i < s->pos.visible && s->pos.top + i < s->nmatch; i++)
        Reason_draw_row(s, s->pos.top + i, b->y + LIST_TOP + i, b);
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(b->y + b->h - 1, b->x, s->note, b->w);
    attrset(A_NORMAL);
}

static void Reason_place_cursor(View *v, const Layout *l)
{
    ReasonState *s = v->st;
    move(s->box_y, Prompt_draw(reason_box, s->box_y, l->body.x + 21, l->body.w - 22));
}

const ViewOps view_reason_ops = {
    .name = "reason",
    .state_size = sizeof(ReasonState),
    .open = Reason_open,
    .close = Reason_close,
    .draw = Reason_draw,
    .context = Reason_context,
    .action = Reason_action,
    .key = Reason_key,
    .on_response = Reason_on_response,
    .place_cursor = Reason_place_cursor,
    .title = Reason_title,
};

/* A triage is recorded on the contact that is running (its response and
 * suggested wrap code), so one for another customer would land on the
 * wrong person's contact. An anonymous contact may take a triage for a
 * customer: a caller often gives their details only once the call is
 * under way, and it is still one call; the records the triage creates
 * carry the customer they are for. */
static bool Reason_other_customer(const json_t *record)
{
    const char *id = Jsonx_str(record, "id", NULL);
    if (contact.phase == CONTACT_NONE || !contact.customer_id[0] || !id ||
        strcmp(id, contact.customer_id) == 0)
        return false;
    char keys[40];
    App_keys_hint(CTX_RECORD, ACT_END_CONTACT, keys, sizeof keys);
    if (contact.phase == CONTACT_WRAPUP)
        App_error("Finish %s's wrap-up first: a triage is recorded on that contact.",
                  contact.customer_name);
    else
        App_error("%s ends %s's contact first: a triage is recorded on it.", keys,
                  contact.customer_name);   /* the key first: a long name is cut, not it */
    return true;
}

bool ViewReason_action(View *top, Action a)
{
    if (a != ACT_TRIAGE)
        return false;
    ViewReason_start(top, NULL);
    return true;
}

void ViewReason_start(View *from, const char *service_code)
{
    if (!app.session.active || !from)
        return;
    if (!View_has(from, VIEW_FLAG_STARTS_TRIAGE)) {
        App_message("Start a triage from the customer's record, or from the search screen for an "
                    "information call.");
        return;
    }
    if (View_has(from, VIEW_FLAG_RECORD) && !View_record(from)) {
        App_message("The record is still opening: start the triage when it is on screen.");
        return;
    }
    if (View_has(from, VIEW_FLAG_RECORD) && Reason_other_customer(View_record(from)))
        return;
    ReasonArg a = {View_record(from), service_code};
    View *v = View_open(VIEW_REASON, &a);
    if (v && catalogue)
        Reason_preselected(v);
}
