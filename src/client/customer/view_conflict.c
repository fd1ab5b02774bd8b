/* view_conflict: someone else changed the customer's record between the
 * advisor opening it and saving their change (412). Both versions are
 * shown one above the other, field by field, and every field where they
 * differ is marked with the word DIFFERS (not colour alone). The advisor
 * applies their change again on top of the current version (a new
 * If-Match) or discards it, after confirming. The merge takes whole
 * values: an address is one value, theirs or yours, never parts of both,
 * and the screen shows exactly what applying yours will save. Nothing is
 * overwritten without the advisor seeing what was there. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"
#include "client/customer/view_customer_edit.h"
#include "client/core/view.h"
#include "common/jsonx.h"

typedef struct ConflictState {
    char id[OUTBOX_ID_LEN];
    int top;
} ConflictState;

static void Conflict_open(View *v, void *arg)
{
    ConflictState *s = v->st;
    snprintf(s->id, sizeof s->id, "%s", (const char *)arg);
}

static const char *Conflict_title(View *v)
{
    (void)v;
    return "Someone else changed this record";
}

static Context Conflict_context(View *v)
{
    (void)v;
    return CTX_OUTBOX;
}

static const char *const addr_parts[] = {"line1", "line2", "town", "postcode"};

/* An address as one line, the way it is read and compared: whole. */
static void Conflict_address_text(const json_t *addr, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; addr && i < 4 && used < cap; i++) {
        const char *part = Jsonx_str(addr, addr_parts[i], "");
        if (part[0])
            used += (size_t)snprintf(out + used, cap - used, "%s%s", used ? ", " : "", part);
    }
}

/* The current record's value for a field of the PATCH body, as text. */
static void Conflict_current(const json_t *cur, const char *key, char *out, size_t cap)
{
    if (strcmp(key, "address") == 0) {
        Conflict_address_text(ViewCustomerEdit_home(cur), out, cap);
        return;
    }
    const json_t *v = json_object_get(cur, key);
    snprintf(out, cap, "%s", json_string_value(v) ? json_string_value(v) : "");
}

/* A field of the change and of the version it was made on, as text. */
static void Conflict_value(const json_t *obj, const char *key, char *out, size_t cap)
{
    const json_t *v = json_object_get(obj, key);
    if (strcmp(key, "address") == 0)
        Conflict_address_text(v, out, cap);
    else
        snprintf(out, cap, "%s", json_string_value(v) ? json_string_value(v) : "");
}

/* One field: the marker word first (DIFFERS / same), then yours above
 * the current value. */
static int Conflict_row(const Rect *b, int y, const char *label, const char *mine, const char *theirs,
                        bool they_changed)
{
    bool differs = strcmp(mine, theirs) != 0;
    char line[900];
    if (y >= b->y + b->h - 4)
        return y;
    snprintf(line, sizeof line, "%-20s %s%s", label, differs ? "DIFFERS" : "same",
             they_changed ? "  (changed by someone else since you opened it)" : "");
    attrset(differs ? (int)(Term_attr(STYLE_ALERT) | A_BOLD) : Term_attr(STYLE_DIM));
    Term_text_pad(y++, b->x, line, b->w);
    attrset(A_NORMAL);
    snprintf(line, sizeof line, "    yours:   %s", mine[0] ? mine : "(empty)");
    Term_text_pad(y++, b->x, line, b->w);
    snprintf(line, sizeof line, "    current: %s", theirs[0] ? theirs : "(empty)");
    Term_text_pad(y++, b->x, line, b->w);
    return y;
}

/* What applying yours saves: each field you changed, whole, as you
 * entered it; everything else as it is now. */
static int Conflict_will_save(const OutboxEntry *e, const Rect *b, int y)
{
    if (y >= b->y + b->h - 3)
        return y;
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(y++, b->x, "Applying yours saves exactly:", b->w);
    attrset(A_NORMAL);
    const char *key;
    json_t *val;
    json_object_foreach(e->body, key, val) {
        char mine[800], line[900];
        Conflict_value(e->body, key, mine, sizeof mine);
        snprintf(line, sizeof line, "    %-10s %s", key, mine[0] ? mine : "(empty)");
        if (y < b->y + b->h - 3)
            Term_text_pad(y++, b->x, line, b->w);
    }
    if (y < b->y + b->h - 3)
        Term_text_pad(y++, b->x, "    and every other detail as it is now.", b->w);
    return y;
}

static void Conflict_draw(View *v, const Layout *l)
{
    ConflictState *s = v->st;
    const Rect *b = &l->body;
    const OutboxEntry *e = Outbox_find(s->id);
    if (!e) {
        Term_text(b->y + 1, b->x + 2, "This change is no longer in the outbox (sent or discarded).", b->w - 2);
        return;
    }
    const json_t *cur = json_object_get(e->problem, "current");
    char head[400];
    snprintf(head, sizeof head, "%s: the record changed after you opened it (now version %lld).",
             e->label, Jsonx_int(cur, "version", 0));
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, head, b->w);
    attrset(A_NORMAL);
    int y = b->y + 2;
    const char *key;
    json_t *val;
    const json_t *base = Jsonx_path(e->meta, "base");
    json_object_foreach(e->body, key, val) {
        char mine[800], theirs[800], was[800];
        Conflict_value(e->body, key, mine, sizeof mine);
        Conflict_current(cur, key, theirs, sizeof theirs);
        Conflict_value(base, key, was, sizeof was);
        bool known = json_object_get(base, key) != NULL;
        y = Conflict_row(b, y, key, mine, theirs, known && strcmp(theirs, was) != 0);
    }
    Conflict_will_save(e, b, y + 1);
    char keys[3][40], hint[300];
    App_keys_hint(CTX_OUTBOX, ACT_RESUBMIT, keys[0], sizeof keys[0]);
    App_keys_hint(CTX_OUTBOX, ACT_DISCARD, keys[1], sizeof keys[1]);
    App_keys_hint(CTX_OUTBOX, ACT_BACK, keys[2], sizeof keys[2]);
    snprintf(hint, sizeof hint, "%s: apply your changes on top of the current version   %s: discard yours   "
             "%s: decide later (kept in the outbox)", keys[0], keys[1], keys[2]);
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(b->y + b->h - 2, b->x, hint, b->w);
    attrset(A_NORMAL);
}

static void Conflict_discard_answer(void *data, int key)
{
    char *id = data;
    if (key == 'y' && Outbox_discard(id) == 0) {
        App_message("Your change was discarded; the record stays as the other person left it.");
        if (View_top_has(VIEW_FLAG_CONFLICT))
            View_pop();
    }
    free(id);
}

static void Conflict_apply(ConflictState *s)
{
    const OutboxEntry *e = Outbox_find(s->id);
    if (!e)
        return;
    const json_t *cur = json_object_get(e->problem, "current");
    /* Whole values, exactly as shown under "Applying yours saves": the
     * change as entered, on top of the current version. */
    json_t *body = json_deep_copy(e->body);
    int rc = ApiWrite_on_version(s->id, body, Jsonx_int(cur, "version", 0));
    json_decref(body);
    if (rc == 0) {
        App_message("Your changes are being applied on top of the current version.");
        View_pop();
    }
}

static bool Conflict_action(View *v, Action a)
{
    ConflictState *s = v->st;
    switch (a) {
    case ACT_RESUBMIT: case ACT_SUBMIT: case ACT_ENTER:
        Conflict_apply(s);
        return true;
    case ACT_DISCARD:
        Ask("Discard your change? The record keeps the current details. y/n", "yn", 0,
            Conflict_discard_answer, strdup(s->id));
        return true;
    case ACT_BACK: case ACT_CANCEL:
        App_message("Your change is kept in the outbox until you decide.");
        View_pop();
        return true;
    default:
        return false;
    }
}

static void Conflict_place_cursor(View *v, const Layout *l)
{
    (void)v;
    move(l->body.y, l->body.x);
}

const ViewOps view_conflict_ops = {
    .name = "conflict",
    .state_size = sizeof(ConflictState),
    .open = Conflict_open,
    .draw = Conflict_draw,
    .context = Conflict_context,
    .action = Conflict_action,
    .place_cursor = Conflict_place_cursor,
    .title = Conflict_title,
    .flags = VIEW_FLAG_CONFLICT,
};
