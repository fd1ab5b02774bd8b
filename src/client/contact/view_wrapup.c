/* view_wrapup: the after-contact work. Fast for experts (type a few
 * letters of a topic or reason, or press the number of one of their ten
 * most used codes, then 1-6 for the outcome, F2), safe for novices (Tab
 * walks every field, nothing is sent without a code and an outcome, and
 * the screen cannot be left until the record is sent). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/api/lib.h"
#include "client/core/keymap.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/prompt.h"
#include "client/core/term.h"
#include "client/contact/wrapup.h"
#include "client/core/view.h"
#include "common/log.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "common/triage.h"

enum Focus { F_CODES, F_OUTCOME, F_AVOIDABLE, F_REASON, F_CHANNEL, F_NOTE, F_SEND, F_COUNT };
enum { TOP_MAX = 10, FILTER_MAX = 80, FORM_ROWS = 7 };

static const char *const outcomes[] = {"resolved", "signposted", "case_raised", "transferred",
                                       "callback_booked", "abandoned", NULL};
static const char *const outcome_labels[] = {"Resolved at first contact", "Signposted",
                                             "Case raised", "Transferred", "Call-back booked",
                                             "Abandoned", NULL};
static const char *const reasons[] = {"could_self_serve", "chasing_progress", "repeat_contact",
                                      "council_error", NULL};
static const char *const reason_labels[] = {"Could have self-served", "Chasing progress",
                                            "Repeat contact", "Council error", NULL};

typedef struct WrapState {
    enum Focus focus;
    char filter[FILTER_MAX];
    size_t *shown;             /* indexes into the code list that match */
    size_t nshown;
    ListPos pos;
    const WrapCode *top[TOP_MAX];
    size_t ntop;
    char code[64];             /* chosen; "" none */
    int outcome;               /* -1 none */
    bool avoidable;
    int reason;                /* -1 none */
    int channel;
    Prompt *note;
    Prompt *was_focused;
    size_t codes_seen;         /* the tree size the list was built for */
    char error[300];
    int note_x, note_y;
} WrapState;

static int Wrap_index(const char *const *list, const char *v)
{
    for (int i = 0; v && list[i]; i++)
        if (strcmp(list[i], v) == 0)
            return i;
    return -1;
}

static bool Wrap_is_safeguarding_contact(void)
{
    return contact.triage && Triage_response_outcome(contact.triage) == OUTCOME_SAFEGUARDING;
}

/* A contact whose triage ended in a safeguarding outcome is wrapped up
 * with a safeguarding code only (the server refuses any other), and only
 * such a contact: a safeguarding code on any other would record
 * safeguarding with no duty case raised. */
static bool Wrap_offered(const WrapCode *w)
{
    return Wrap_is_safeguarding_contact() == Wrapcodes_is_safeguarding(w);
}

/* The advisor looking for a safeguarding code in an ordinary wrap-up. */
static bool Wrap_seeks_safeguarding(const WrapState *s)
{
    if (!s->filter[0] || Wrap_is_safeguarding_contact())
        return false;
    for (size_t i = 0; i < Wrapcodes_count(); i++)
        if (Wrapcodes_is_safeguarding(Wrapcodes_get(i)) && Wrapcodes_match(Wrapcodes_get(i), s->filter))
            return true;
    return false;
}

static void Wrap_refilter(WrapState *s)
{
    free(s->shown);
    size_t n = Wrapcodes_count();
    s->shown = calloc(n ? n : 1, sizeof *s->shown);
    s->nshown = 0;
    for (size_t i = 0; s->shown && i < n; i++)
        if (Wrap_offered(Wrapcodes_get(i)) && Wrapcodes_match(Wrapcodes_get(i), s->filter))
            s->shown[s->nshown++] = i;
    s->codes_seen = n;
    s->pos.count = (int)s->nshown;
    s->pos.selected = s->pos.top = 0;
    Layout_list_clamp(&s->pos);
    size_t ntop = Wrapcodes_top(s->top, TOP_MAX);
    s->ntop = 0;
    for (size_t i = 0; i < ntop; i++)
        if (Wrap_offered(s->top[i]))
            s->top[s->ntop++] = s->top[i];
}

/* Choosing a code also sets the avoidable flag and its reason from the
 * code's own flags; the advisor can still change both. */
static void Wrap_choose(WrapState *s, const WrapCode *w)
{
    if (!w || !Wrap_offered(w))
        return;
    snprintf(s->code, sizeof s->code, "%s", w->code);
    s->avoidable = w->avoidable || w->progress_chasing;
    s->reason = !s->avoidable ? -1 : w->progress_chasing ? 1
              : contact.contacts_last_7_days >= 1 ? 2 : 0;
    s->error[0] = '\0';
    s->focus = F_OUTCOME;
}

static void Wrap_focus(WrapState *s, enum Focus f)
{
    s->focus = f;
    if (f == F_NOTE)
        Prompt_focus(s->note);
    else
        Prompt_blur(s->note);
}

static void Wrap_open(View *v, void *arg)
{
    (void)arg;
    WrapState *s = v->st;
    s->was_focused = Prompt_current();
    s->note = Prompt_new("wrapup-note", app.cfg.state_dir, 1);
    Prompt_set_text(s->note, "");
    s->outcome = -1;
    s->reason = -1;
    s->channel = Wrap_index(contact_channels, contact.channel);
    if (s->channel < 0)
        s->channel = 0;
    if (Wrapcodes_count() == 0)
        Wrapcodes_refresh();
    Wrap_refilter(s);
    const WrapCode *suggested = Wrapcodes_find(contact.suggested_wrap);
    if (suggested)
        Wrap_choose(s, suggested);
    else
        s->focus = F_CODES;
    Prompt_blur(s->note);
}

static void Wrap_close(View *v)
{
    WrapState *s = v->st;
    Prompt_blur(s->note);
    Prompt_free(s->note);
    free(s->shown);
    if (s->was_focused)
        Prompt_focus(s->was_focused);
}

static const char *Wrap_title(View *v)
{
    (void)v;
    return "Wrap-up (after-contact work)";
}

/* ---- sending -------------------------------------------------------------- */

/* Records the live contact as the wrap-up says it went. */
static int Wrap_send(const WrapState *s, const char *note, const char *label)
{
    char started[TIMEFMT_LEN], ended[TIMEFMT_LEN];
    Timefmt_utc(contact.started, started);
    Timefmt_utc(contact.ended, ended);
    ContactDraft d = {
        .channel = contact_channels[s->channel], .started_at = started, .ended_at = ended,
        .wrap_code = s->code, .outcome = outcomes[s->outcome], .avoidable = s->avoidable,
        .avoidable_reason = s->avoidable && s->reason >= 0 ? reasons[s->reason] : NULL,
        .customer_id = contact.customer_id, .note = note, .triage_response = contact.triage,
        .script_id = contact.script_id, .script_version = contact.script_version,
        .case_refs = contact.case_refs, .identity_check = contact.identity, .articles = contact.articles,
        .call_id = contact.call_id,
    };
    return ApiContacts_record(&d, label);
}

static bool Wrap_check(WrapState *s)
{
    const char *missing = !s->code[0] && s->outcome < 0 ? "a wrap code and an outcome"
                        : !s->code[0] ? "a wrap code" : s->outcome < 0 ? "an outcome"
                        : s->avoidable && s->reason < 0 ? "why the contact was avoidable" : NULL;
    if (!missing)
        return true;
    snprintf(s->error, sizeof s->error, "Choose %s before sending. The record cannot be sent without %s.",
             missing, !s->code[0] || s->outcome < 0 ? "a wrap code and an outcome" : "a reason");
    Wrap_focus(s, !s->code[0] ? F_CODES : s->outcome < 0 ? F_OUTCOME : F_REASON);
    return false;
}

static void Wrap_submit(View *v)
{
    WrapState *s = v->st;
    if (!Wrap_check(s))
        return;
    char label[300];
    if (contact.customer_id[0])
        snprintf(label, sizeof label, "Contact for %s", contact.customer_name[0] ? contact.customer_name : "customer");
    else
        snprintf(label, sizeof label, "Anonymous contact");
    int rc = Wrap_send(s, Prompt_text(s->note), label);
    if (rc < 0) {
        snprintf(s->error, sizeof s->error, "%s", Outbox_last_error());
        return;
    }
    Wrapcodes_note_used(s->code);
    Log_event(LOG_INFO, "wrapup_submitted", "outcome=%s", outcomes[s->outcome]);
    Contact_finished();
    /* Back to the search for the next caller. */
    while (View_top() && !View_top_has(VIEW_FLAG_HOME) && View_depth() > 1)
        View_pop();
    App_message("%s saved: it is being sent. Ready for the next contact.", label);
}

/* ---- keys ------------------------------------------------------------------ */

static int Wrap_cycle(int value, int count, int delta)
{
    if (value < 0)
        return delta > 0 ? 0 : count - 1;
    return (value + delta + count) % count;
}

static void Wrap_filter_key(View *v, int key)
{
    WrapState *s = v->st;
    size_t len = strlen(s->filter);
    if (key >= '0' && key <= '9' && len == 0) {
        size_t n = key == '0' ? 9 : (size_t)(key - '1');
        if (n < s->ntop)
            Wrap_choose(s, s->top[n]);
        else
            snprintf(s->error, sizeof s->error, "No code on %c yet: your most used codes appear on 1-9 and 0.", key);
        return;
    }
    if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        while (len > 0 && ((unsigned char)s->filter[len - 1] & 0xC0) == 0x80)
            len--;
        if (len > 0)
            len--;
        s->filter[len] = '\0';
    } else if (key == 21) {         /* C-u */
        s->filter[0] = '\0';
    } else if (key >= 0x20 && key < 0x100 && key != 0x7f && len + 1 < sizeof s->filter) {
        s->filter[len] = (char)key;
        s->filter[len + 1] = '\0';
    } else {
        return;
    }
    Wrap_refilter(s);
}

static void Wrap_choice_key(WrapState *s, int key)
{
    int delta = key == KEY_RIGHT || key == ' ' ? 1 : key == KEY_LEFT ? -1 : 0;
    int digit = key >= '1' && key <= '9' ? key - '1' : -1;
    switch (s->focus) {
    case F_OUTCOME:
        if (digit >= 0 && digit < 6)
            s->outcome = digit;
        else if (delta)
            s->outcome = Wrap_cycle(s->outcome, 6, delta);
        break;
    case F_AVOIDABLE:
        if (key == 'y' || key == 'Y' || key == 'n' || key == 'N')
            s->avoidable = key == 'y' || key == 'Y';
        else if (delta)
            s->avoidable = !s->avoidable;
        if (s->avoidable && s->reason < 0)
            s->reason = 0;
        break;
    case F_REASON:
        if (digit >= 0 && digit < 4)
            s->reason = digit;
        else if (delta)
            s->reason = Wrap_cycle(s->reason, 4, delta);
        if (s->reason >= 0)
            s->avoidable = true;
        break;
    case F_CHANNEL:
        if (digit >= 0 && digit < 6)
            s->channel = digit;
        else if (delta)
            s->channel = Wrap_cycle(s->channel, 6, delta);
        break;
    default:
        break;
    }
}

static void Wrap_key(View *v, int key)
{
    WrapState *s = v->st;
    s->error[0] = '\0';
    if (s->focus == F_CODES)
        Wrap_filter_key(v, key);
    else if (s->focus == F_NOTE)
        Prompt_key(s->note, key);
    else
        Wrap_choice_key(s, key);
}

static bool Wrap_list_action(WrapState *s, Action a)
{
    switch (a) {
    case ACT_MOVE_UP: Layout_list_move(&s->pos, -1); return true;
    case ACT_MOVE_DOWN: Layout_list_move(&s->pos, 1); return true;
    case ACT_PAGE_UP: Layout_list_page(&s->pos, -1); return true;
    case ACT_PAGE_DOWN: Layout_list_page(&s->pos, 1); return true;
    case ACT_ENTER:
        if (s->nshown)
            Wrap_choose(s, Wrapcodes_get(s->shown[s->pos.selected]));
        else
            snprintf(s->error, sizeof s->error, "No code matches \u201c%s\u201d: Backspace to widen the filter.", s->filter);
        return true;
    default:
        return false;
    }
}

static bool Wrap_action(View *v, Action a)
{
    WrapState *s = v->st;
    s->error[0] = '\0';
    if (s->focus == F_CODES && Wrap_list_action(s, a))
        return true;
    switch (a) {
    case ACT_NEXT_FIELD: case ACT_MOVE_DOWN: Wrap_focus(s, (s->focus + 1) % F_COUNT); return true;
    case ACT_PREVIOUS_FIELD: case ACT_MOVE_UP: Wrap_focus(s, (s->focus + F_COUNT - 1) % F_COUNT); return true;
    case ACT_ENTER:
        if (s->focus == F_SEND)
            Wrap_submit(v);
        else
            Wrap_focus(s, s->focus + 1);
        return true;
    case ACT_SUBMIT: Wrap_submit(v); return true;
    case ACT_CANCEL: case ACT_BACK: case ACT_SEARCH: case ACT_START_CONTACT:
        if (s->focus == F_CODES && s->filter[0] && a == ACT_CANCEL) {
            s->filter[0] = '\0';
            Wrap_refilter(s);
            return true;
        }
        snprintf(s->error, sizeof s->error, "The wrap-up must be finished before the next contact: "
                 "choose a wrap code and an outcome, then F2 sends it.");
        return true;
    case ACT_END_CONTACT: return true;
    default: return false;
    }
}

/* ---- drawing --------------------------------------------------------------- */

static void Wrap_code_text(const WrapCode *w, char *out, size_t cap)
{
    snprintf(out, cap, "%s %s %s%s%s", w->topic_label, Term_ascii() ? ">" : "\u203a", w->label,
             w->avoidable ? "  [avoidable]" : "", w->progress_chasing ? "  [chasing]" : "");
}

static void Wrap_draw_header(WrapState *s, const Rect *b)
{
    char handled[32], line[600], code[400];
    Contact_format_duration((long long)(contact.ended - contact.started) * 1000, handled, sizeof handled);
    int ch = s->channel;
    snprintf(line, sizeof line, "Contact %s%s \u00b7 %s \u00b7 handled %s",
             contact.customer_id[0] ? "with " : "", contact.customer_id[0] ? contact.customer_name
             : "(anonymous)", contact_channel_labels[ch], handled);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, line, b->w);
    const WrapCode *w = Wrapcodes_find(s->code);
    if (w)
        Wrap_code_text(w, code, sizeof code);
    else
        snprintf(code, sizeof code, "(none chosen: type to filter, or press 1-9, 0)");
    snprintf(line, sizeof line, "%s Wrap code: %s", s->focus == F_CODES ? ">" : " ", code);
    attrset(w ? (int)(Term_attr(STYLE_NORMAL) | A_BOLD) : Term_attr(STYLE_DIM));
    Term_text_pad(b->y + 1, b->x, line, b->w);
    attrset(A_NORMAL);
    Term_text(b->y + 2, b->x, "  Filter:", 9);
    s->note_y = b->y + 2;
    s->note_x = b->x + 10 + Term_text(b->y + 2, b->x + 10, s->filter, b->w - 12);
    if (Wrapcodes_count() == 0)
        Term_text(b->y + 2, b->x + 30, Wrapcodes_not_reached()
                  ? "(wrap codes not reached yet: trying again)"
                  : "(loading the wrap codes\u2026)", b->w - 31);
}

static void Wrap_draw_top(WrapState *s, const Rect *b)
{
    char line[2][1000] = {"  Most used:", "            "};
    if (!s->ntop)
        snprintf(line[0], sizeof line[0], "  Most used: (your ten most used codes will appear here on 1-9 and 0)");
    int row = 0;
    for (size_t i = 0; i < s->ntop; i++) {
        char item[220];
        if (!s->top[i])
            continue;
        snprintf(item, sizeof item, "  %d %s", i == 9 ? 0 : (int)i + 1, s->top[i]->label);
        if ((int)(Text_display_width(line[row]) + Text_display_width(item)) > b->w - 1 && row == 0)
            row = 1;
        size_t len = strlen(line[row]);
        snprintf(line[row] + len, sizeof line[row] - len, "%s", item);
    }
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(b->y + 3, b->x, line[0], b->w);
    Term_text_pad(b->y + 4, b->x, line[1], b->w);
    attrset(A_NORMAL);
    Term_hline(b->y + 5, b->x, b->w);
}

/* Why no safeguarding code is listed, and the way that raises the duty
 * case, wrapped to the rows left under the list. */
static void Wrap_draw_safeguarding(const Rect *b, int y, int rows)
{
    static const char text[] = "Safeguarding is recorded through a triage's safeguarding outcome, "
        "which raises the urgent duty case: send this wrap-up, then t on the caller's record, "
        "choose the reason and answer its safety questions.";
    size_t starts[4], lens[4];
    int n = Layout_wrap(text, b->w - 2, starts, lens, 4);
    attrset(Term_attr(STYLE_ALERT));
    for (int i = 0; i < n && i < 4 && i < rows; i++) {
        char line[200];
        snprintf(line, sizeof line, "%.*s", (int)lens[i], text + starts[i]);
        Term_text_pad(y + i, b->x + 2, line, b->w - 2);
    }
    attrset(A_NORMAL);
}

static void Wrap_draw_list(WrapState *s, const Rect *b, int y0, int rows)
{
    if (s->codes_seen != Wrapcodes_count())
        Wrap_refilter(s);
    s->pos.visible = rows;
    s->pos.count = (int)s->nshown;
    Layout_list_clamp(&s->pos);
    for (int i = 0; i < rows && s->pos.top + i < (int)s->nshown; i++) {
        int idx = s->pos.top + i;
        const WrapCode *w = Wrapcodes_get(s->shown[idx]);
        char text[400], line[420];
        Wrap_code_text(w, text, sizeof text);
        bool sel = idx == s->pos.selected && s->focus == F_CODES;
        bool chosen = strcmp(w->code, s->code) == 0;
        snprintf(line, sizeof line, "%s%s %s", sel ? ">" : " ", chosen ? "*" : " ", text);
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL));
        Term_text_pad(y0 + i, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    int used = (int)s->nshown - s->pos.top < rows ? (int)s->nshown - s->pos.top : rows;
    if (Wrap_seeks_safeguarding(s))
        Wrap_draw_safeguarding(b, y0 + used, rows - used);
    else if (!s->nshown && Wrapcodes_count())
        Term_text(y0, b->x + 2, "No code matches the filter.", b->w - 2);
}

static void Wrap_field(WrapState *s, const Rect *b, int y, enum Focus f, const char *label,
                       const char *value)
{
    char line[600];
    snprintf(line, sizeof line, "%s %-11s %s", s->focus == f ? ">" : " ", label, value);
    attrset(s->focus == f ? (int)(Term_attr(STYLE_NORMAL) | A_BOLD) : Term_attr(STYLE_NORMAL));
    Term_text_pad(y, b->x, line, b->w);
    attrset(A_NORMAL);
}

static const char *Wrap_hint(const WrapState *s)
{
    switch (s->focus) {
    case F_CODES: return "Type to filter, Up/Down and Enter to choose, 1-9/0 your most used; Tab: next field";
    case F_OUTCOME: return "1 resolved 2 signposted 3 case raised 4 transferred 5 call-back 6 abandoned";
    case F_AVOIDABLE: return "y yes, n no (set from the wrap code; change it if the code is wrong here)";
    case F_REASON: return "1 could self-serve 2 chasing progress 3 repeat contact 4 council error";
    case F_CHANNEL: return "1 phone 2 face to face 3 email 4 web chat 5 social media 6 letter";
    case F_NOTE: return "A short note, no more than the record needs; Enter or Tab when done";
    default: return "Enter or F2 sends the wrap-up; it is kept safely even if the server is down";
    }
}

static void Wrap_draw_form(WrapState *s, const Rect *b, int y)
{
    char v[300];
    snprintf(v, sizeof v, "< %s >", s->outcome >= 0 ? outcome_labels[s->outcome] : "choose 1-6");
    Wrap_field(s, b, y, F_OUTCOME, "Outcome:", v);
    Wrap_field(s, b, y + 1, F_AVOIDABLE, "Avoidable:", s->avoidable ? "[x] Yes" : "[ ] No");
    snprintf(v, sizeof v, "< %s >", s->reason >= 0 ? reason_labels[s->reason] : s->avoidable ? "choose 1-4" : "-");
    Wrap_field(s, b, y + 2, F_REASON, "Why:", v);
    snprintf(v, sizeof v, "< %s >", contact_channel_labels[s->channel]);
    Wrap_field(s, b, y + 3, F_CHANNEL, "Channel:", v);
    Wrap_field(s, b, y + 4, F_NOTE, "Note:", "");
    int nx = b->x + 14;
    int cx = Prompt_draw(s->note, y + 4, nx, b->w - 15);
    if (s->focus == F_NOTE) {
        s->note_y = y + 4;
        s->note_x = cx;
    }
    Wrap_field(s, b, y + 5, F_SEND, "", "[ Send wrap-up ]  (F2 from any field)");
    attrset(s->error[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_hint_pad(y + 6, b->x, s->error[0] ? s->error : Wrap_hint(s), b->w);
    attrset(A_NORMAL);
}

static void Wrap_draw(View *v, const Layout *l)
{
    WrapState *s = v->st;
    Rect below = l->body;
    const Rect *b = &below;
    /* The customer's warnings in words head the wrap-up too: the rest
     * moves down a row rather than lose them. */
    if (contact.warnings[0]) {
        attrset(Term_attr(STYLE_ALERT));
        Term_text_pad(below.y++, below.x, contact.warnings, below.w);
        attrset(A_NORMAL);
        below.h--;
    }
    Wrap_draw_header(s, b);
    Wrap_draw_top(s, b);
    int list_rows = b->h - 6 - FORM_ROWS;
    Wrap_draw_list(s, b, b->y + 6, list_rows);
    Wrap_draw_form(s, b, b->y + b->h - FORM_ROWS);
}

static void Wrap_place_cursor(View *v, const Layout *l)
{
    WrapState *s = v->st;
    const Rect *b = &l->body;
    if (s->focus == F_CODES || s->focus == F_NOTE) {
        if (s->focus == F_CODES)
            s->note_y = b->y + 2 + (contact.warnings[0] != '\0');
        move(s->note_y, s->note_x);
        return;
    }
    int row = s->focus == F_SEND ? 5 : (int)s->focus - F_OUTCOME;
    move(b->y + b->h - FORM_ROWS + row, b->x);
}

const ViewOps view_wrapup_ops = {
    .name = "wrapup",
    .state_size = sizeof(WrapState),
    .open = Wrap_open,
    .close = Wrap_close,
    .draw = Wrap_draw,
    .context = View_form_context,
    .action = Wrap_action,
    .key = Wrap_key,
    .place_cursor = Wrap_place_cursor,
    .title = Wrap_title,
};
