/* view_queue: a back-office team's queue. Team tabs across the top (Tab
 * or Left/Right), the "rising tide" surge banner at the level the server
 * gives, then the items in the order they should be worked, each with an
 * SLA countdown that ticks every second (the terminal gets only the cells
 * that changed: ncurses diffs) and the words PAST SLA when it is late.
 * One key claims the next item and opens it at once. Nothing polls: the
 * live channel says when a team's queue changed (queue.changed) or its
 * tide moved (tide.changed), and the screen reloads in place.
 *
 * The claim is a direct call, not an outbox write: a claim is only
 * meaningful now, and one retried behind the advisor's back after a
 * network cut would take an item nobody is looking at. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/core/loop.h"
#include "client/queue/surge.h"
#include "client/core/term.h"
#include "client/live/live.h"
#include "client/queue/view_queue.h"
#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"

enum { TAG_TEAMS = 1, TAG_ME, TAG_ITEMS, TAG_CLAIM };
enum { NCOLS = 6, ITEMS_LIMIT = 200 };

typedef struct QueueState {
    json_t *teams;          /* GET /queues items */
    json_t *items;          /* GET /queues/{team}/items items */
    /* A refreshed GET /queues waits here for its team's rows, so the tabs,
     * the header and the rows on screen always come from the same round. */
    json_t *pending_teams;
    int pending_team;
    ApiCall *items_call;    /* the one items fetch in flight, or NULL */
    time_t fetched;         /* when items were fetched: the countdown's base */
    int team;               /* index into teams */
    int first_tab;          /* the leftmost tab drawn */
    char want[64];          /* the team to show once the list is in */
    ListPos pos;
    char selected_id[64];   /* the selected row's id, kept across a reload */
    unsigned tick;
    bool claiming;
    bool stale;             /* changed while under another view: reload on top */
    char note[300];
    char title[160];
} QueueState;

static const char *Queue_code_at(const json_t *teams, int i)
{
    return Jsonx_str(json_object_get(json_array_get(teams, (size_t)i), "team"), "code", "");
}

static const char *Queue_team_code(const QueueState *s)
{
    return Queue_code_at(s->teams, s->team);
}

/* Only the newest fetch may fill the rows: one for a team left behind
 * (Tab pressed again) must not land under the next team's tab. */
static void Queue_fetch_items(View *v, const char *team)
{
    QueueState *s = v->st;
    Api_cancel(s->items_call);
    s->items_call = ApiQueues_items(View_to(v, TAG_ITEMS, "Reading the queue"), team, ITEMS_LIMIT);
}

static void Queue_fetch(View *v)
{
    ApiQueues_list(View_to(v, TAG_TEAMS, "Reading the queues"));
}

/* The countdowns' second; a reload the live channel asked for while
 * another view was on top waits for this screen to be seen again. */
static void Queue_tick(void *data)
{
    View *v = data;
    QueueState *s = v->st;
    s->tick = Loop_timer_add(1000, Queue_tick, v);
    if (View_top() != v)
        return;
    if (s->stale) {
        s->stale = false;
        Queue_fetch(v);
    }
    Loop_dirty();
}

static void Queue_open(View *v, void *arg)
{
    QueueState *s = v->st;
    snprintf(s->want, sizeof s->want, "%s", arg ? (const char *)arg : "");
    snprintf(s->title, sizeof s->title, "Team queues");
    snprintf(s->note, sizeof s->note, "Reading the queues\u2026");
    if (!s->want[0])
        ApiAuth_me(View_to(v, TAG_ME, "Finding your team"));
    else
        Queue_fetch(v);
    s->tick = Loop_timer_add(1000, Queue_tick, v);
}

static void Queue_close(View *v)
{
    QueueState *s = v->st;
    Loop_timer_cancel(s->tick);
    json_decref(s->teams);
    json_decref(s->pending_teams);
    json_decref(s->items);
}

/* What names a row across reloads: its kind and id. */
static void Queue_row_id(const json_t *it, char *out, size_t cap)
{
    snprintf(out, cap, "%s:%s", Jsonx_str(it, "kind", ""), Jsonx_str(it, "id", ""));
}

/* After a reload the same row stays selected, wherever it moved; a row
 * that went (claimed) leaves the cursor where it was. */
static void Queue_keep_selection(QueueState *s)
{
    char id[64];
    for (size_t i = 0; s->selected_id[0] && i < json_array_size(s->items); i++) {
        Queue_row_id(json_array_get(s->items, i), id, sizeof id);
        if (strcmp(id, s->selected_id) == 0) {
            s->pos.selected = (int)i;
            break;
        }
    }
    Layout_list_clamp(&s->pos);
}

/* The rows, and the team list they were fetched for (if it changed). */
static void Queue_items_in(View *v, json_t *items)
{
    QueueState *s = v->st;
    s->selected_id[0] = '\0';
    if (s->items && s->pos.selected < (int)json_array_size(s->items))
        Queue_row_id(json_array_get(s->items, (size_t)s->pos.selected), s->selected_id,
                     sizeof s->selected_id);
    if (s->pending_teams) {
        json_decref(s->teams);
        s->teams = s->pending_teams;
        s->team = s->pending_team;
        s->pending_teams = NULL;
    }
    json_decref(s->items);
    s->items = json_incref(items);
    s->fetched = time(NULL);
    s->note[0] = '\0';
    s->pos.count = (int)json_array_size(items);
    Queue_keep_selection(s);
}

static void Queue_teams_in(View *v, json_t *items)
{
    QueueState *s = v->st;
    char keep[64];
    snprintf(keep, sizeof keep, "%s", s->teams ? Queue_team_code(s) : s->want);
    json_decref(s->pending_teams);
    s->pending_teams = json_incref(items);
    s->pending_team = 0;
    for (size_t i = 0; i < json_array_size(items); i++)
        if (strcmp(Queue_code_at(items, (int)i), keep) == 0)
            s->pending_team = (int)i;
    if (json_array_size(items) == 0)
        Queue_items_in(v, NULL);   /* no team, no rows to wait for */
    else
        Queue_fetch_items(v, Queue_code_at(items, s->pending_team));
}

static void Queue_open_item(const json_t *it)
{
    if (strcmp(Jsonx_str(it, "kind", ""), "case") == 0)
        Cases_open(Jsonx_str(it, "ref", ""));
    else
        View_open(VIEW_CALLBACK_DONE, (void *)it);
}

static void Queue_claimed(View *v, const ApiResult *r)
{
    QueueState *s = v->st;
    s->claiming = false;
    if (r->status == 204) {
        App_message("Nothing to claim: the %s queue is empty.", Queue_team_code(s));
    } else if (r->status == 200 && json_is_object(r->json)) {
        App_message("Claimed: %s. It is yours now.", Jsonx_str(r->json, "ref", "a call-back"));
        Queue_fetch(v);
        Queue_open_item(r->json);
    } else {
        App_error("The claim did not work: %s", r->message);
    }
}

static void Queue_on_response(View *v, int tag, const ApiResult *r)
{
    QueueState *s = v->st;
    if (tag == TAG_CLAIM) {
        Queue_claimed(v, r);
        return;
    }
    if (tag == TAG_ME) {
        snprintf(s->want, sizeof s->want, "%s", r->status == 200 ? Jsonx_str(r->json, "team", "") : "");
        Queue_fetch(v);
        return;
    }
    if (tag == TAG_ITEMS)
        s->items_call = NULL;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_is_array(items)) {
        snprintf(s->note, sizeof s->note, "%s", r->message);
        return;
    }
    if (tag == TAG_TEAMS)
        Queue_teams_in(v, items);
    else
        Queue_items_in(v, items);
}

/* ---- drawing ------------------------------------------------------------------ */

static long long Queue_left(const QueueState *s, const json_t *it)
{
    return Jsonx_int(it, "sla_seconds_left", 0) - (long long)(time(NULL) - s->fetched);
}

typedef struct QueueCounts {
    long waiting;
    long long late;         /* waiting past SLA */
    long oldest;            /* the longest wait, in seconds */
} QueueCounts;

/* How long a row has waited: a case since it was raised, a call-back
 * since it fell due (it was not waiting before then). */
static long Queue_waited(const json_t *it)
{
    bool cb = strcmp(Jsonx_str(it, "kind", ""), "callback") == 0;
    time_t since = 0;
    if (!Timefmt_parse(Jsonx_str(it, cb ? "due_at" : "created_at", ""), &since) || !since)
        return 0;
    return (long)(time(NULL) - since);
}

/* The waiting, past-SLA and oldest figures come from the rows on screen,
 * on the same ticking clock as their countdowns, so the header never says
 * "0 past SLA" or "oldest 0 s" beside a row that says PAST SLA. The
 * summary's figures stand in while the rows load, or when the queue is
 * longer than one fetch. */
static QueueCounts Queue_counts(const QueueState *s, const json_t *q)
{
    QueueCounts c = {(long)Jsonx_int(q, "depth", 0), Jsonx_int(q, "waiting_past_sla", 0),
                     (long)Jsonx_int(q, "oldest_age_seconds", 0)};
    if (!s->items || json_array_size(s->items) >= ITEMS_LIMIT)
        return c;
    c = (QueueCounts){(long)json_array_size(s->items), 0, 0};
    for (size_t i = 0; i < json_array_size(s->items); i++) {
        const json_t *it = json_array_get(s->items, i);
        long waited = Queue_waited(it);
        c.late += Queue_left(s, it) < 0;
        c.oldest = waited > c.oldest ? waited : c.oldest;
    }
    return c;
}

static void Queue_tab_text(const QueueState *s, size_t i, char *out, size_t cap)
{
    json_t *q = json_array_get(s->teams, i);
    bool on = (int)i == s->team;
    /* The selected tab counts the rows under it, as the header does. */
    long depth = on ? Queue_counts(s, q).waiting : (long)Jsonx_int(q, "depth", 0);
    snprintf(out, cap, "%s%s %ld%s ", on ? "[" : " ", Jsonx_str(json_object_get(q, "team"), "name", ""),
             depth, on ? "]" : " ");
}

/* Tabs carry the team's name, and the row scrolls (with < and > where
 * tabs are off screen) so the selected tab is always in view at 80 columns. */
static void Queue_draw_tabs(QueueState *s, const Rect *b)
{
    enum { MAX_TABS = 64 };
    int n = (int)json_array_size(s->teams), widths[MAX_TABS];
    n = n < MAX_TABS ? n : MAX_TABS;
    char tab[200];
    for (int i = 0; i < n; i++) {
        Queue_tab_text(s, (size_t)i, tab, sizeof tab);
        widths[i] = (int)Text_display_width(tab);
    }
    s->first_tab = Layout_tabs_first(widths, n, s->team, s->first_tab, b->w - 2);
    int x = b->x;
    if (s->first_tab > 0)
        x += Term_text(b->y, x, "<", 1);
    for (int i = s->first_tab; i < n && x < b->x + b->w - 1; i++) {
        bool on = i == s->team;
        Queue_tab_text(s, (size_t)i, tab, sizeof tab);
        attrset(on ? Term_attr(STYLE_SELECTED) | A_BOLD : (int)A_NORMAL);
        if (x + widths[i] > b->x + b->w - 1 && !on) {
            attrset(A_NORMAL);
            Term_text(b->y, b->x + b->w - 1, ">", 1);
            break;
        }
        x += Term_text(b->y, x, tab, b->x + b->w - 1 - x);
    }
    attrset(A_NORMAL);
}

static int Queue_draw_banner(QueueState *s, const Rect *b, int y)
{
    json_t *q = json_array_get(s->teams, (size_t)s->team);
    QueueCounts c = Queue_counts(s, q);
    int level = (int)Jsonx_int(q, "tide_level", 0);   /* the server's */
    char line[1400], age[32];
    if (level) {
        Surge_banner(&app.cfg, level, c.waiting, c.oldest, line, sizeof line);
        attrset(Term_attr(STYLE_ALERT));
        Term_text_pad(y++, b->x, line, b->w);
        attrset(A_NORMAL);
    }
    Surge_age(c.waiting ? c.oldest : 0, age, sizeof age);
    snprintf(line, sizeof line, "%ld waiting (%lld past SLA), oldest %s; %lld open cases (%lld past SLA)",
             c.waiting, c.late, age, Jsonx_int(q, "open", 0), Jsonx_int(q, "past_sla", 0));
    Term_text_pad(y++, b->x, line, b->w);
    return y;
}

static void Queue_row(QueueState *s, const json_t *it, const int *w, char *out, size_t cap)
{
    char cells[NCOLS][400], sla[64], fit[NCOLS][400];
    long long left = Queue_left(s, it);
    Cases_sla_text(left, sla, sizeof sla);
    bool cb = strcmp(Jsonx_str(it, "kind", ""), "callback") == 0;
    snprintf(cells[0], sizeof cells[0], "%s", cb ? "CALL-BACK" : "case");
    snprintf(cells[1], sizeof cells[1], "%s", cb ? Jsonx_str(it, "id", "") : Jsonx_str(it, "ref", ""));
    snprintf(cells[2], sizeof cells[2], "%s", Jsonx_str(it, "summary", ""));
    snprintf(cells[3], sizeof cells[3], "%s", Jsonx_str(it, "customer", "(anonymous)"));
    /* A call-back's priority is the word "callback": its kind says it. */
    Cases_words(cb ? "" : Jsonx_str(it, "priority", ""), cells[4], sizeof cells[4]);
    snprintf(cells[5], sizeof cells[5], "%s%s", left < 0 ? "! " : "", sla);
    out[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < NCOLS; i++) {
        if (!w[i])
            continue;
        Layout_fit(cells[i], w[i], i == 5 ? ALIGN_RIGHT : ALIGN_LEFT, Term_ascii(), fit[i], sizeof fit[i]);
        used += (size_t)snprintf(out + used, cap - used, "%s ", fit[i]);
        if (used >= cap)
            break;
    }
}

static void Queue_draw_items(QueueState *s, const Rect *b, int y)
{
    /* Short headings that fit their columns at 80: "Pri" over a priority
     * word, never "Priori…". */
    static const ColumnSpec spec[NCOLS] = {{9, 0, 0}, {12, 0, 0}, {0, 12, 3}, {0, 10, 1}, {6, 0, 0}, {22, 0, 0}};
    static const char *const head[NCOLS] = {"Kind", "Ref / id", "Summary", "Customer", "Pri", "SLA"};
    int w[NCOLS];
    Layout_columns(spec, NCOLS, b->w - 1, 1, w);
    char line[1600] = "";
    size_t used = 0;
    for (int i = 0; i < NCOLS; i++) {
        char f[200];
        if (!w[i])
            continue;
        Layout_fit(head[i], w[i], i == 5 ? ALIGN_RIGHT : ALIGN_LEFT, Term_ascii(), f, sizeof f);
        used += (size_t)snprintf(line + used, sizeof line - used, "%s ", f);
    }
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(y++, b->x, line, b->w);
    attrset(A_NORMAL);
    s->pos.visible = b->y + b->h - 1 - y;
    Layout_list_clamp(&s->pos);
    if (s->pos.count == 0)
        Term_text_pad(y, b->x, s->items ? "The queue is empty." : "Loading\u2026", b->w);
    for (int i = 0; i < s->pos.visible && s->pos.top + i < s->pos.count; i++) {
        int idx = s->pos.top + i;
        Queue_row(s, json_array_get(s->items, (size_t)idx), w, line, sizeof line);
        attrset(idx == s->pos.selected ? Term_attr(STYLE_SELECTED) : (int)A_NORMAL);
        Term_text_pad(y + i, b->x, line, b->w);
        attrset(A_NORMAL);
    }
}

static void Queue_draw(View *v, const Layout *l)
{
    QueueState *s = v->st;
    const Rect *b = &l->body;
    if (!s->teams) {
        Term_text(b->y + 1, b->x + 2, s->note, b->w - 4);
        return;
    }
    Queue_draw_tabs(s, b);
    int y = Queue_draw_banner(s, b, b->y + 1);
    Queue_draw_items(s, b, y);
    attrset(s->note[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_hint_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note :
                  "c claims the next, Enter opens, Tab changes team; F5 reads a team not yours.", b->w);
    attrset(A_NORMAL);
}

/* ---- keys -------------------------------------------------------------------------- */

static void Queue_switch(View *v, int delta)
{
    QueueState *s = v->st;
    int n = (int)json_array_size(s->teams);
    if (n == 0)
        return;
    s->team = (s->team + delta + n) % n;
    json_decref(s->items);
    s->items = NULL;
    json_decref(s->pending_teams);   /* the next refresh brings it again */
    s->pending_teams = NULL;
    s->pos = (ListPos){0};
    Queue_fetch_items(v, Queue_team_code(s));
}

static void Queue_claim_next(View *v)
{
    QueueState *s = v->st;
    if (s->claiming || !s->teams)
        return;
    s->claiming = true;
    ApiQueues_claim(View_to(v, TAG_CLAIM, "Claiming the next item"), Queue_team_code(s));
}

static bool Queue_action(View *v, Action a)
{
    QueueState *s = v->st;
    if (View_list_action(&s->pos, a))
        return true;
    switch (a) {
    case ACT_NEXT_TEAM: Queue_switch(v, 1); return true;
    case ACT_PREVIOUS_TEAM: Queue_switch(v, -1); return true;
    case ACT_CLAIM_NEXT: Queue_claim_next(v); return true;
    case ACT_REFRESH: Queue_fetch(v); return true;
    case ACT_BACK: View_pop(); return true;
    case ACT_ENTER:
        if (s->pos.count > 0)
            Queue_open_item(json_array_get(s->items, (size_t)s->pos.selected));
        return true;
    default: return false;
    }
}

static Context Queue_context(View *v)
{
    (void)v;
    return CTX_QUEUE;
}

static const char *Queue_title(View *v)
{
    QueueState *s = v->st;
    if (s->teams)
        snprintf(s->title, sizeof s->title, "Queue: %s", Jsonx_str(json_object_get(
                 json_array_get(s->teams, (size_t)s->team), "team"), "name", ""));
    return s->title;
}

static void Queue_place_cursor(View *v, const Layout *l)
{
    QueueState *s = v->st;
    move(l->body.y, l->body.x);
    (void)s;
}

/* ---- the live channel ------------------------------------------------------------ */

static json_t *Queue_team_row(json_t *teams, const char *team)
{
    for (size_t i = 0; i < json_array_size(teams); i++)
        if (strcmp(Queue_code_at(teams, (int)i), team) == 0)
            return json_array_get(teams, i);
    return NULL;
}

/* Sets key of team's row to value in the list shown and in one waiting
 * for its rows; false when the team is not on this screen. */
static bool Queue_patch(QueueState *s, const char *team, const char *key, json_int_t value)
{
    json_t *rows[2] = {Queue_team_row(s->teams, team), Queue_team_row(s->pending_teams, team)};
    for (int i = 0; i < 2; i++)
        if (rows[i])
            json_object_set_new(rows[i], key, json_integer(value));
    return rows[0] || rows[1];
}

static void Queue_reload(View *v)
{
    QueueState *s = v->st;
    if (View_top() == v)
        Queue_fetch(v);
    else
        s->stale = true;
}

/* queue.changed {team, depth, oldest_minutes}: the team on screen is read
 * again (the selection kept); another tab takes the new depth as it is.
 * tide.changed {team, level}: the banner's level. live.reload: all. */
static void Queue_live(const char *kind, const json_t *facts, void *ctx)
{
    (void)ctx;
    View *v = View_find_id(VIEW_QUEUE);
    if (!v)
        return;
    QueueState *s = v->st;
    const char *team = Jsonx_str(facts, "team", "");
    if (strcmp(kind, "tide.changed") == 0) {
        /* Everyone hears the tide, members only the queue: a team not
         * mine on screen is read again so its rows agree with its banner. */
        if (Queue_patch(s, team, "tide_level", Jsonx_int(facts, "level", 0)))
            Loop_dirty();
        if (s->teams && strcmp(team, Queue_team_code(s)) == 0)
            Queue_reload(v);
    } else if (!s->teams) {
        s->stale = true;   /* the first read is on its way: read again after it */
    } else if (strcmp(kind, LIVE_RELOAD) == 0 || strcmp(team, Queue_team_code(s)) == 0) {
        Queue_reload(v);
    } else if (Queue_patch(s, team, "depth", Jsonx_int(facts, "depth", 0))) {
        Loop_dirty();
    }
}

void ViewQueue_init(void)
{
    Live_subscribe("queue.changed", Queue_live, NULL);
    Live_subscribe("tide.changed", Queue_live, NULL);
    Live_subscribe(LIVE_RELOAD, Queue_live, NULL);
}

const ViewOps view_queue_ops = {
    .name = "queue",
    .state_size = sizeof(QueueState),
    .open = Queue_open,
    .close = Queue_close,
    .draw = Queue_draw,
    .context = Queue_context,
    .action = Queue_action,
    .on_response = Queue_on_response,
    .place_cursor = Queue_place_cursor,
    .title = Queue_title,
    .flags = VIEW_FLAG_READING,
};
