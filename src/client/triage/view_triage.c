/* view_triage: one scripted triage, one question at a time, driven by the
 * engine in src/common/triage.h. Letters and digits are never commands here
 * (Context_types_over): 1-9 pick a choice, y/n a yes/no question, anything
 * else printable opens the answer box (readline) for text, numbers, dates
 * and times. The knowledge base sits beside the questions on a wide terminal
 * and over them on a narrow one.
 *
 * A safeguarding outcome cannot be left, quit or logged out of until the
 * action taken has been chosen; the engine records it in the response. A
 * contact restored after a crash reopens such an outcome from its saved
 * response (ViewTriage_resume_safeguarding). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/contact/contact.h"
#include "client/core/loop.h"
#include "client/core/term.h"
#include "client/triage/triage_start.h"
#include "client/triage/triage_state.h"
#include "client/triage/view_reason.h"
#include "client/triage/view_triage.h"
#include "client/triage/view_triage_draw.h"
#include "client/triage/view_triage_keys.h"
#include "client/customer/warnings.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/timefmt.h"

enum { TAG_SCRIPT = 1, TAG_SERVICES = 2, TAG_KB = 10 };

bool ViewTriage_holds_safeguarding(void)
{
    for (View *v = View_top(); v; v = v->below)
        if (View_is(v, VIEW_TRIAGE) && TriageState_needs_confirmation(v->st))
            return true;
    return false;
}

/* ---- opening ---------------------------------------------------------------- */

/* The customer's warnings in words (src/client/warnings.h). */
static void ViewTriage_build_banners(TriageState *s)
{
    size_t max = Warnings_max(s->customer);
    s->banners = calloc(max, sizeof *s->banners);
    if (s->banners)
        s->nbanners = Warnings_lines(s->customer, false, s->banners, max);
}

/* An open case for the service being triaged is said before a duplicate
 * is raised: the advisor can add a note to it instead (add-note). */
static void ViewTriage_find_open_case(TriageState *s)
{
    const char *service = Jsonx_str(s->service, "name", NULL);
    char line[sizeof s->open_case_line - 80], key[64];
    if (!Cases_open_for_service(json_object_get(s->customer, "open_cases"), service, s->open_case,
                                sizeof s->open_case, line, sizeof line))
        return;
    App_keys_hint(CTX_TRIAGE, ACT_ADD_NOTE, key, sizeof key);
    snprintf(s->open_case_line, sizeof s->open_case_line, "!! %s (%s)", line, key);
}

/* A restored triage walks its saved answers again, to where it stopped. */
static Triage *ViewTriage_reopen(TriageState *s, const Questionnaire *q)
{
    Diag diag = DIAG_INIT;
    Triage *t = Triage_from_response(q, s->resume, s->script_id, &diag);
    if (!t)
        snprintf(s->note, sizeof s->note, "The triage cannot be reopened (%s): raise the urgent case "
                 "by hand and tell the duty team. Esc goes back.", diag.count ? diag.lines[0] : "no reason given");
    Diag_free(&diag);
    json_decref(s->resume);
    s->resume = NULL;
    return t;
}

static void ViewTriage_ready(TriageState *s, Questionnaire *q)
{
    s->q = q;
    s->note[0] = '\0';
    s->t = s->resume ? ViewTriage_reopen(s, q) : Triage_new(q);
    const char *ver = Questionnaire_version(q);
    s->version = ver ? atoi(ver) : 0;
    if (!s->service && Questionnaire_title(q))
        snprintf(s->title, sizeof s->title, "Triage: %s", Questionnaire_title(q));
    if (!s->t && !s->note[0])
        snprintf(s->note, sizeof s->note, "Out of memory.");
}

static void ViewTriage_open(View *v, void *arg)
{
    TriageState *s = v->st;
    const TriageStart *a = arg;
    s->service = json_incref((json_t *)a->service);
    s->customer = json_incref((json_t *)a->customer);
    s->offline = a->offline;
    s->was_focused = Prompt_current();
    Prompt_blur(s->was_focused);
    ViewTriage_build_banners(s);
    ViewTriage_find_open_case(s);
    s->resume = a->resume ? json_deep_copy(a->resume) : NULL;
    const char *id = a->script ? Questionnaire_id(a->script)
                   : a->script_id ? a->script_id : Jsonx_str(s->service, "script_id", "");
    snprintf(s->script_id, sizeof s->script_id, "%s", id ? id : (a->source ? a->source : "script"));
    snprintf(s->title, sizeof s->title, "Triage: %s", s->service ? Jsonx_str(s->service, "name", "") : s->script_id);
    s->kb = KbPane_new(v, TAG_KB, s->service ? Jsonx_str(s->service, "code", NULL) : NULL, s->offline);
    if (s->kb)
        KbPane_in_triage(s->kb);
    if (s->kb && !s->offline) {
        KbPane_focus(s->kb, true);   /* lists the service's articles */
        KbPane_focus(s->kb, false);
    }
    if (a->resume)   /* no picker ran: the catalogue names the duty team and its service */
        ApiContent_services(View_to(v, TAG_SERVICES, "Loading the services"));
    if (a->script) {
        ViewTriage_ready(s, a->script);
        return;
    }
    snprintf(s->note, sizeof s->note, "Loading the script\u2026");
    /* The version the saved answers were given to, when resumed. */
    s->load = ApiContent_script(View_to(v, TAG_SCRIPT, "Loading the script"), s->script_id,
                                a->script_id ? a->script_version : 0);
}

static void ViewTriage_close(View *v)
{
    TriageState *s = v->st;
    Outbox_unwatch_owner(v);
    if (s->offline)
        TriageState_keep_first_response(s);
    Prompt_blur(TriageState_answer_box());
    Prompt_set_text(TriageState_answer_box(), "");
    KbPane_free(s->kb);
    Triage_free(s->t);
    Questionnaire_free(s->q);
    json_decref(s->resume);
    json_decref(s->script_json);
    json_decref(s->service);
    json_decref(s->customer);
    for (size_t i = 0; i < s->nbanners; i++)
        free(s->banners[i]);
    free(s->banners);
    if (s->was_focused)
        Prompt_focus(s->was_focused);
    if (s->offline)
        Loop_quit();
}

static void ViewTriage_on_response(View *v, int tag, const ApiResult *r)
{
    TriageState *s = v->st;
    if (s->kb && KbPane_on_response(s->kb, tag, r))
        return;
    if (tag == TAG_SERVICES) {   /* without it the screen says "not known"; nothing else changes */
        if (r->status == 200 && json_is_array(json_object_get(r->json, "items")))
            ViewReason_keep_catalogue(json_object_get(r->json, "items"));
        return;
    }
    s->load = NULL;
    if (r->status != 200 || !json_is_object(r->json)) {
        snprintf(s->note, sizeof s->note, "%s", r->status == 404 ?
                 "This reason has no triage script on the server. Tell a trainer; Esc goes back." :
                 r->status == -1 ? "Cancelled. Esc goes back." : r->message);
        return;
    }
    Diag diag = DIAG_INIT;
    Questionnaire *q = Questionnaire_from_json(r->json, s->script_id, &diag);
    if (q) {
        s->script_json = json_incref(r->json);
        ViewTriage_ready(s, q);
    }
    else
        snprintf(s->note, sizeof s->note, "This script cannot be used (%s). Tell a trainer; Esc goes back.",
                 diag.count ? diag.lines[0] : "no reason given");
    Diag_free(&diag);
}

void ViewTriage_resume_safeguarding(void)
{
    if (!contact.triage || Triage_response_outcome(contact.triage) != OUTCOME_SAFEGUARDING ||
        Triage_response_action(contact.triage))
        return;
    json_t *customer = contact.customer_id[0] ? json_pack("{s:s, s:s}", "id", contact.customer_id,
                                                          "display_name", contact.customer_name) : NULL;
    TriageStart a = {.customer = customer, .script_id = contact.script_id,
                     .script_version = atoi(contact.script_version), .resume = contact.triage};
    /* The script kept with the contact reopens it even with the server
     * away; a draft from before that was kept fetches it. */
    Diag diag = DIAG_INIT;
    if (contact.script)
        a.script = Questionnaire_from_json(contact.script, contact.script_id, &diag);
    Diag_free(&diag);
    View_open(VIEW_TRIAGE, &a);
    json_decref(customer);
    App_error("Frontdoor stopped at a safeguarding outcome: choose the action taken (1-%d) now; "
              "the urgent duty case is raised before the wrap-up.", SAFEGUARD_ACTION_COUNT);
}

static const char *ViewTriage_title(View *v)
{
    TriageState *s = v->st;
    return s->title;
}

static Context ViewTriage_context(View *v)
{
    TriageState *s = v->st;
    if (s->kb_focus && s->kb)
        return KbPane_context(s->kb);
    return s->typing ? CTX_PROMPT : CTX_TRIAGE;
}

/* The triage's own split: the KB beside it whenever the terminal is wide
 * enough (toggle-split puts it away), whatever the other screens do. */
static const Layout *ViewTriage_layout(const TriageState *s, const Layout *l, Layout *own)
{
    Layout_compute(own, l->rows, l->cols, TriageState_beside(s));
    return own;
}

static void ViewTriage_draw(View *v, const Layout *app_l)
{
    TriageState *s = v->st;
    Layout own;
    const Layout *l = ViewTriage_layout(s, app_l, &own);
    if (s->kb_focus && !l->split && s->kb) {
        KbPane_draw(s->kb, &l->body, true);   /* over the triage on a narrow terminal */
        return;
    }
    ViewTriageDraw_triage(s, l->split ? &l->left : &l->body);
    if (l->split) {
        mvvline(l->right.y, l->right.x - 1, Term_ascii() ? '|' : ACS_VLINE, l->right.h);
        KbPane_draw(s->kb, &l->right, s->kb_focus);
    }
}

static void ViewTriage_place_cursor(View *v, const Layout *app_l)
{
    TriageState *s = v->st;
    Layout own;
    const Layout *l = ViewTriage_layout(s, app_l, &own);
    if (s->kb_focus && s->kb) {
        KbPane_place_cursor(s->kb, l->split ? &l->right : &l->body);
        return;
    }
    const Rect *r = l->split ? &l->left : &l->body;
    if (s->typing && s->cursor_y >= 0)
        move(s->cursor_y, s->cursor_x);
    else
        move(r->y + (int)(s->nbanners ? 0 : 1), r->x);
}

const ViewOps view_triage_ops = {
    .name = "triage",
    .state_size = sizeof(TriageState),
    .open = ViewTriage_open,
    .close = ViewTriage_close,
    .draw = ViewTriage_draw,
    .context = ViewTriage_context,
    .action = ViewTriageKeys_action,
    .key = ViewTriageKeys_key,
    .on_response = ViewTriage_on_response,
    .place_cursor = ViewTriage_place_cursor,
    .title = ViewTriage_title,
};
