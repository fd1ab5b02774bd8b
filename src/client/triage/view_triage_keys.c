/* view_triage_keys: what the advisor's keys do in a triage, and the finish.
 *
 * The focus is in one of three places: the triage itself (CTX_TRIAGE: keys
 * answer), its answer box (CTX_PROMPT: readline editing) or the knowledge
 * base (its own contexts). Tab moves between the triage and the KB beside
 * it; the knowledge-base key brings the KB up or puts it away. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/triage/triage_state.h"
#include "client/triage/view_triage_keys.h"
#include "client/triage/view_triage_records.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/text.h"

static void Keys_focus_kb(TriageState *s, bool on)
{
    if (!s->kb)
        return;
    if (on) {
        s->typing = false;
        Prompt_blur(TriageState_answer_box());
    }
    s->kb_focus = on;
    KbPane_focus(s->kb, on);
}

static void Keys_stop_typing(TriageState *s)
{
    s->typing = false;
    Prompt_blur(TriageState_answer_box());
    Prompt_set_text(TriageState_answer_box(), "");
}

/* Opens the answer box, with text already in it (or ""). */
static void Keys_start_typing(TriageState *s, const char *text)
{
    Prompt *box = TriageState_answer_box();
    s->typing = true;
    s->leave_asked = false;
    Prompt_set_text(box, text);
    Prompt_focus(box);
}

/* After a call into the engine: an error stays on screen, a success moves on. */
static void Keys_after(TriageState *s, int rc)
{
    if (rc != TRIAGE_OK) {
        App_error("%s", Triage_error(s->t));
        return;
    }
    s->top = 0;
    s->leave_asked = false;
    if (s->typing)
        Keys_stop_typing(s);
    if (TriageState_needs_confirmation(s)) {
        /* The contact knows at once: even if Frontdoor stops before the
         * action is chosen, its wrap-up is a safeguarding one. */
        json_t *response = TriageState_response(s);
        TriageState_contact(s, response, Triage_outcome(s->t));
        json_decref(response);
    }
}

/* The action taken at a safeguarding outcome, from the list. */
static void Keys_confirm(TriageState *s, SafeguardAction a, const char *words)
{
    int rc = Triage_confirm_action(s->t, a, words);
    Keys_after(s, rc);
    if (rc == TRIAGE_OK) {
        s->other_action = false;
        App_message("Action taken recorded. Enter finishes the triage and raises the urgent duty case.");
    }
}

static void Keys_finish(View *v);

/* A number to ring is checked as it is typed, by the rule the server
 * applies to a call-back (Text_phone), never refused later from the
 * outbox after the caller has gone. */
static bool Keys_phone_ok(const char *line)
{
    char digits[40];
    if (Text_phone(line, digits, sizeof digits) > 0)
        return true;
    App_error("That is not a phone number we can ring (9 to 13 digits), e.g. 07700 900123.");
    return false;
}

/* The number for a call-back outcome, then the finish it was asked for. */
static void Keys_phone_typed(View *v, const char *line)
{
    TriageState *s = v->st;
    if (!Keys_phone_ok(line))
        return;
    snprintf(s->callback_phone, sizeof s->callback_phone, "%s", line);
    s->asking_phone = false;
    Keys_stop_typing(s);
    Keys_finish(v);
}

static void Keys_submit(View *v)
{
    TriageState *s = v->st;
    char *line = Prompt_accept(TriageState_answer_box());
    if (!line)
        return;
    if (s->asking_phone) {
        Keys_phone_typed(v, line);
    } else if (TriageState_needs_confirmation(s) && s->other_action) {
        Keys_confirm(s, SAFEGUARD_OTHER, line);
    } else if (!line[0]) {
        App_error("Type the answer first, or Esc to stop typing.");
    } else if (ViewTriageRecords_asks_phone(s) && !Keys_phone_ok(line)) {
        /* the box keeps nothing: the advisor types the number again */
    } else {
        Keys_after(s, Triage_answer_input(s->t, line, QVALUE_LOCAL_ZONE));
    }
    free(line);
}

/* Enter on a question: display items are done, a kept answer is kept,
 * typed answers open the box. */
static void Keys_enter_question(TriageState *s, const QItem *it)
{
    QItemType type = QItem_type(it);
    if (type == QT_DISPLAY) {
        Keys_after(s, Triage_acknowledge(s->t));
        return;
    }
    size_t opt = SIZE_MAX;
    const QValue *dv = Triage_default(s->t, &opt);
    if (type == QT_BOOLEAN && dv && dv->kind == QV_BOOLEAN) {
        Keys_after(s, Triage_answer_boolean(s->t, dv->boolean));
    } else if (type == QT_CHOICE && opt != SIZE_MAX) {
        Keys_after(s, Triage_answer_option(s->t, opt));
    } else if (type == QT_BOOLEAN || (type == QT_CHOICE && QItem_option_count(it) <= 9)) {
        App_message("Answer with the keys shown (%s).", type == QT_BOOLEAN ? "y or n" : "the number");
    } else {
        char *shown = dv ? QValue_display(dv) : NULL;
        Keys_start_typing(s, shown ? shown : "");
        free(shown);
    }
}

static void Keys_finish(View *v)
{
    TriageState *s = v->st;
    if (s->finished) {
        View_pop();
        return;
    }
    if (TriageState_needs_confirmation(s)) {
        App_error("Safeguarding: choose the action taken first (1-4).");
        return;
    }
    if (!Triage_is_complete(s->t)) {
        char keys[32];
        App_keys_hint(CTX_TRIAGE, ACT_TRIAGE_BACK, keys, sizeof keys);
        App_error("Some required questions are not answered: step back (%s) to them.", keys);
        return;
    }
    json_t *response = TriageState_response(s);
    const QOutcome *o = Triage_outcome(s->t);
    bool on_contact = TriageState_contact(s, response, o);
    bool creates = o && !s->offline && o->kind != OUTCOME_RESOLVE && o->kind != OUTCOME_SIGNPOST;
    if (ViewTriageRecords_need_phone(s, o)) {
        s->asking_phone = true;
        Keys_start_typing(s, "");
        App_message("No number on file for this caller: type the number to ring, then Enter.");
    } else if (creates && ViewTriageRecords_submit(v, o, response)) {
        /* Finished only now that its record is journalled: the screen
         * stays to show what was created and its reference. */
        s->finished = true;
        s->top = 0;
        App_message("Triage finished: %s%s. Enter closes it.", Outcome_kind_name(o->kind),
                    on_contact ? ", kept with this contact" : "");
    } else if (!creates) {
        if (!s->offline)
            App_message("Triage finished: %s%s.%s%s", o ? Outcome_kind_name(o->kind) : "no outcome",
                        on_contact ? ", kept with this contact" : "",
                        o && o->wrap ? " Wrap code suggested: " : "", o && o->wrap ? o->wrap : "");
        if (s->offline)
            TriageState_keep_response(json_incref(response));
        View_pop();
    }
    json_decref(response);
}

/* Esc (or a back key): leave. Never past an unconfirmed safeguarding
 * outcome; with answers given, only when asked twice. */
static void Keys_leave(View *v)
{
    TriageState *s = v->st;
    size_t answered = s->t ? Triage_breadcrumb(s->t, NULL, 0) : 0;
    if (s->finished) {
        View_pop();
        return;
    }
    if (answered && !s->leave_asked && !Triage_outcome(s->t) && !s->offline) {
        char keys[32];
        App_keys_hint(CTX_TRIAGE, ACT_CANCEL, keys, sizeof keys);
        App_message("Leave this triage? The answers are not kept. %s again leaves; any other key stays.", keys);
        s->leave_asked = true;
        return;
    }
    View_pop();
}

static bool Keys_kb_action(View *v, Action a)
{
    TriageState *s = v->st;
    switch (a) {
    case ACT_KNOWLEDGE_BASE:
    case ACT_NEXT_FIELD:
    case ACT_PREVIOUS_FIELD:
        Keys_focus_kb(s, false);
        return true;
    case ACT_TRIAGE:
        App_message("A triage is already under way: finish it first.");
        return true;
    default:
        break;
    }
    if (KbPane_action(s->kb, a))
        return true;
    if (a == ACT_BACK || a == ACT_CANCEL) {
        Keys_focus_kb(s, false);
        return true;
    }
    return false;
}

static bool Keys_typing_action(View *v, Action a)
{
    TriageState *s = v->st;
    switch (a) {
    case ACT_ENTER: Keys_submit(v); return true;
    case ACT_CANCEL:
        Keys_stop_typing(s);
        s->other_action = s->asking_phone = false;
        return true;
    case ACT_NEXT_FIELD: case ACT_PREVIOUS_FIELD:
        if (TriageState_beside(s))
            Keys_focus_kb(s, true);
        return true;
    case ACT_KNOWLEDGE_BASE:       /* what was typed stays in the box */
        if (!s->offline)
            Keys_focus_kb(s, true);
        return true;
    case ACT_TRIAGE: App_message("A triage is already under way."); return true;
    default: return false;
    }
}

static bool Keys_scroll(TriageState *s, Action a)
{
    int page = s->area_rows > 1 ? s->area_rows - 1 : 1;
    switch (a) {
    case ACT_MOVE_UP: case ACT_SCROLL_UP: s->top--; return true;
    case ACT_MOVE_DOWN: case ACT_SCROLL_DOWN: s->top++; return true;
    case ACT_PAGE_UP: s->top -= page; return true;
    case ACT_PAGE_DOWN: s->top += page; return true;
    case ACT_FIRST: s->top = 0; return true;
    case ACT_LAST: s->top = 1 << 20; return true;
    default: return false;
    }
}

static bool Keys_triage_action(View *v, Action a)
{
    TriageState *s = v->st;
    const QItem *it = s->t ? Triage_current(s->t) : NULL;
    switch (a) {
    case ACT_ENTER:
        if (s->t && (Triage_outcome(s->t) || !it))
            Keys_finish(v);
        else if (it)
            Keys_enter_question(s, it);
        return true;
    case ACT_TRIAGE_BACK: case ACT_SKIP_QUESTION:
        if (s->finished)
            App_message("The outcome's record is made: the answers stay as they are.");
        else if (s->t)
            Keys_after(s, a == ACT_TRIAGE_BACK ? Triage_back(s->t) : Triage_skip(s->t));
        return true;
    case ACT_BACK: case ACT_CANCEL: Keys_leave(v); return true;
    case ACT_KNOWLEDGE_BASE: case ACT_NEXT_FIELD: case ACT_PREVIOUS_FIELD:
        if (s->offline)
            App_message("The knowledge base needs the server: not available when trying a script.");
        else if (a == ACT_KNOWLEDGE_BASE || TriageState_beside(s))
            Keys_focus_kb(s, true);
        return true;
    case ACT_TOGGLE_SPLIT:
        s->beside_off = !s->beside_off;
        if (app.layout.cols < LAYOUT_SPLIT_COLS)
            App_message("The knowledge base goes beside the triage on terminals %d columns wide or more.",
                        LAYOUT_SPLIT_COLS);
        return true;
    case ACT_TRIAGE: App_message("A triage is already under way."); return true;
    case ACT_ADD_NOTE:
        if (s->open_case[0])
            View_open(VIEW_NOTE, s->open_case);
        else
            App_message("This customer has no open case for this service.");
        return true;
    default: return Keys_scroll(s, a);
    }
}

bool ViewTriageKeys_action(View *v, Action a)
{
    TriageState *s = v->st;
    bool leaving = a == ACT_BACK || a == ACT_CANCEL;
    if (!leaving)
        s->leave_asked = false;
    if (leaving && !s->kb_focus && !s->typing && TriageState_needs_confirmation(s)) {
        App_error("Safeguarding: choose the action taken first (1-4).");
        return true;
    }
    if (s->kb_focus && s->kb)
        return Keys_kb_action(v, a);
    if (s->typing)
        return Keys_typing_action(v, a);
    return Keys_triage_action(v, a);
}

/* A digit at an outcome opens its n-th article; on a question, picks the
 * n-th choice. */
static void Keys_digit(TriageState *s, const QItem *it, int n)
{
    const QOutcome *o = Triage_outcome(s->t);
    if (TriageState_needs_confirmation(s)) {
        if (n >= 1 && n <= SAFEGUARD_ACTION_COUNT && n - 1 == SAFEGUARD_OTHER) {
            s->other_action = true;
            Keys_start_typing(s, "");
        } else if (n >= 1 && n <= SAFEGUARD_ACTION_COUNT) {
            Keys_confirm(s, (SafeguardAction)(n - 1), NULL);
        } else {
            App_error("Choose the action taken: 1 to %d.", SAFEGUARD_ACTION_COUNT);
        }
        return;
    }
    if (o) {
        if (n < 1 || (size_t)n > o->kb_count)
            return;
        if (s->offline) {
            App_message("Article %s: the knowledge base needs the server.", o->kb[n - 1]);
            return;
        }
        Keys_focus_kb(s, true);
        KbPane_open_article(s->kb, o->kb[n - 1]);
        return;
    }
    if (QItem_type(it) == QT_CHOICE && QItem_option_count(it) <= 9) {
        if (n >= 1 && (size_t)n <= QItem_option_count(it))
            Keys_after(s, Triage_answer_option(s->t, (size_t)n - 1));
        else
            App_error("Choose 1 to %zu.", QItem_option_count(it));
    } else if (QItem_type(it) != QT_BOOLEAN && QItem_type(it) != QT_DISPLAY) {
        char text[2] = {(char)('0' + n), '\0'};
        Keys_start_typing(s, text);
    }
}

void ViewTriageKeys_key(View *v, int key)
{
    TriageState *s = v->st;
    s->leave_asked = false;
    if (s->kb_focus && s->kb) {
        KbPane_key(s->kb, key);
        return;
    }
    if (s->typing) {
        Prompt_key(TriageState_answer_box(), key);
        return;
    }
    if (!s->t)
        return;
    const QItem *it = Triage_current(s->t);
    if (key >= '0' && key <= '9' && it) {
        Keys_digit(s, it, key - '0');
    } else if (TriageState_needs_confirmation(s) && key >= 0x20 && key < 0x7f) {
        App_error("Safeguarding: choose the action taken first (1-4).");
    } else if (it && !Triage_outcome(s->t) && QItem_type(it) == QT_BOOLEAN && (key == 'y' || key == 'n' ||
                                                                             key == 'Y' || key == 'N')) {
        Keys_after(s, Triage_answer_boolean(s->t, key == 'y' || key == 'Y'));
    } else if (it && !Triage_outcome(s->t) && QItem_type(it) != QT_DISPLAY && key >= 0x20 && key < 0x7f) {
        char text[2] = {(char)key, '\0'};
        Keys_start_typing(s, text);
    }
}
