/* work: see work.h. */
#include "client/session/work.h"

#include <stdio.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/contact/contact.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/outbox/outbox_key.h"
#include "client/customer/view_customer_edit.h"
#include "client/contact/wrapup.h"
#include "client/core/view.h"
#include "client/triage/view_triage.h"
#include "common/text.h"

void Work_init(void)
{
    Contact_init();
    Outbox_set_max_backoff(app.cfg.outbox_retry_max_seconds);
    ViewCustomerEdit_init();
}

/* Once the journal's key is known (outbox_key.h). */
static void Work_open_outbox(void)
{
    if (Outbox_open(app.cfg.state_dir, Api_server(), app.session.username) < 0)
        App_error("%s", Outbox_last_error());
    else if (Outbox_damaged() || Outbox_sealed())
        App_error("%s", Outbox_notice());
    else if (Outbox_notice()[0])
        App_message("%s", Outbox_notice());
}

void Work_signed_in(void)
{
    OutboxKey_open(Work_open_outbox);
    Wrapcodes_load();
    if (Contact_restore())
        ViewTriage_resume_safeguarding();   /* over the wrap-up: the action taken comes first */
}

void Work_signed_out(void)
{
    Contact_forget();
    OutboxKey_forget();
    Outbox_close();
    Wrapcodes_free();
}

bool Work_action(View *top, Action a)
{
    (void)top;
    switch (a) {
    case ACT_START_CONTACT:
    case ACT_ANONYMOUS_CONTACT:
        Contact_start(NULL, NULL, -1);
        return true;
    case ACT_END_CONTACT:
        Contact_end();
        return true;
    case ACT_OUTBOX:
        View_open_once(VIEW_OUTBOX, NULL);
        return true;
    case ACT_NEW_CUSTOMER:
        if (contact.phase == CONTACT_WRAPUP)
            App_error("Finish the wrap-up of the last contact first.");
        else
            View_open(VIEW_CUSTOMER_NEW, NULL);
        return true;
    default:
        return false;
    }
}

/* The session's logout, handed in so work need not call back up into it. */
static void (*logout_fn)(void);

static void Work_quit_answer(void *data, int key)
{
    if (key != 'y')
        return;
    if (data)
        logout_fn();
    else
        Loop_quit();
}

/* The question, or "" when there is nothing to lose by leaving. */
static void Work_leaving_question(char *out, size_t cap, const char *verb)
{
    size_t n = Outbox_unsent();
    out[0] = '\0';
    if (contact.phase == CONTACT_LIVE || contact.phase == CONTACT_WRAPUP)
        snprintf(out, cap, "A contact is %s: it is kept and its wrap-up opens when you sign in again. "
                 "%s anyway? y/n", contact.phase == CONTACT_LIVE ? "in progress" : "not wrapped up", verb);
    else if (n)
        snprintf(out, cap, "%zu record%s not yet sent \u2014 they are kept and will be sent next time "
                 "you sign in. %s anyway? y/n", n, n == 1 ? "" : "s", verb);
}

bool Work_confirm_quit(void)
{
    char q[400];
    Work_leaving_question(q, sizeof q, "Quit");
    if (!q[0])
        return false;
    Ask(q, "yn", 0, Work_quit_answer, NULL);
    return true;
}

bool Work_confirm_logout(void (*logout)(void))
{
    logout_fn = logout;
    char q[400];
    Work_leaving_question(q, sizeof q, "Sign out");
    if (!q[0])
        return false;
    Ask(q, "yn", 0, Work_quit_answer, (void *)1);
    return true;
}

void Work_status(char *out, size_t cap, int *clock_w)
{
    char clock[64], ob[200];
    Contact_clock_text(clock, sizeof clock);
    Outbox_status(ob, sizeof ob);
    *clock_w = clock[0] ? (int)Text_display_width(clock) : 0;
    snprintf(out, cap, "%s%s%s", clock, clock[0] && ob[0] ? " | " : "", ob);
}

void Work_clock_at(int y, int x, int w)
{
    Contact_clock_drawn_at(y, x, w);
}
