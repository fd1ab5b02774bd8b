/* form_pick: see form_pick.h. */
#include "client/core/form_pick.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "client/core/term.h"
#include "common/text.h"

enum { PICK_SHOWN = 5 };

/* Every word typed (case-insensitive) is in the code or the label. */
static bool FormPick_matches(const FormField *f, size_t i, const char *typed)
{
    const char *hay[] = {f->pick_codes[i], f->pick_labels ? f->pick_labels[i] : NULL};
    return Text_words_in_any(typed, hay, 2);
}

/* How many candidates match what is typed; the first max of their
 * indexes go to out. */
static size_t FormPick_filter(const FormField *f, size_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; f->pick_codes && f->pick_codes[i]; i++)
        if (f->f.text[0] && FormPick_matches(f, i, f->f.text)) {
            if (n < max)
                out[n] = i;
            n++;
        }
    return n;
}

static void FormPick_take(FormField *f, size_t i)
{
    snprintf(f->picked, sizeof f->picked, "%s", f->pick_codes[i]);
    Field_set(&f->f, f->pick_labels ? f->pick_labels[i] : f->pick_codes[i]);
    f->pick_sel = -1;
    f->pick_unchecked = false;
    f->error[0] = '\0';
}

/* No list, and the field may go unchecked: the typed value as it is. */
static bool FormPick_unlisted(FormField *f)
{
    if (!f->pick_unlisted) {
        snprintf(f->error, sizeof f->error, "Still loading the list: a moment.");
        return false;
    }
    snprintf(f->picked, sizeof f->picked, "%s", f->f.text);
    f->pick_unchecked = true;
    f->error[0] = '\0';
    return true;
}

bool FormPick_exact(FormField *f)
{
    for (size_t i = 0; f->pick_codes && f->pick_codes[i]; i++)
        if (strcasecmp(f->pick_codes[i], f->f.text) == 0 ||
            (f->pick_labels && strcasecmp(f->pick_labels[i], f->f.text) == 0)) {
            FormPick_take(f, i);
            return true;
        }
    return false;
}

bool FormPick_enter(FormField *f)
{
    if (f->picked[0] || !f->f.text[0])
        return true;
    if (!f->pick_codes)
        return FormPick_unlisted(f);
    if (FormPick_exact(f))
        return true;
    size_t idx[1];
    size_t n = FormPick_filter(f, idx, 1);
    if (n == 1) {
        FormPick_take(f, idx[0]);
        return true;
    }
    if (n == 0) {
        snprintf(f->error, sizeof f->error, "Nothing matches: type part of its name.");
        return false;
    }
    f->pick_sel = 0;
    snprintf(f->error, sizeof f->error, "%zu match: pick one", n);
    return false;
}

FormStep FormPick_action(FormField *f, Action a)
{
    if (f->pick_sel < 0)
        return FORM_OTHER;
    size_t idx[256];
    size_t n = FormPick_filter(f, idx, 256);
    if (n > 256)
        n = 256;
    switch (a) {
    case ACT_MOVE_DOWN: if ((size_t)f->pick_sel + 1 < n) f->pick_sel++; return FORM_MOVED;
    case ACT_MOVE_UP: if (f->pick_sel > 0) f->pick_sel--; return FORM_MOVED;
    case ACT_ENTER:
        if ((size_t)f->pick_sel < n)
            FormPick_take(f, idx[f->pick_sel]);
        return FORM_MOVED;
    case ACT_CANCEL: case ACT_BACK: case ACT_NEXT_FIELD: case ACT_PREVIOUS_FIELD: case ACT_SUBMIT:
        f->pick_sel = -1;
        f->error[0] = '\0';
        return a == ACT_CANCEL || a == ACT_BACK ? FORM_MOVED : FORM_OTHER;
    default: return FORM_OTHER;
    }
}

void FormPick_key(FormField *f, int key)
{
    f->pick_sel = -1;
    if (Field_key(&f->f, key))
        f->picked[0] = '\0';
}

int FormPick_draw_matches(const FormField *f, const Rect *b, int y, int x)
{
    if (f->picked[0] && f->pick_unchecked) {
        attrset(Term_attr(STYLE_DIM));
        Term_text_pad(y++, x, "not checked: sent as typed (no list from the server)", b->x + b->w - x);
        attrset(A_NORMAL);
        return y;
    }
    size_t idx[256];
    size_t n = FormPick_filter(f, idx, 256);
    if (n > 256)
        n = 256;
    /* The selection stays on screen: the window follows it. */
    size_t top = f->pick_sel >= PICK_SHOWN ? (size_t)f->pick_sel - PICK_SHOWN + 1 : 0;
    for (size_t i = top; i < n && i < top + PICK_SHOWN && y < b->y + b->h - 1; i++, y++) {
        char line[400];
        bool sel = (int)i == f->pick_sel;
        snprintf(line, sizeof line, "%s %s (%s)", sel ? ">" : " ",
                 f->pick_labels ? f->pick_labels[idx[i]] : "", f->pick_codes[idx[i]]);
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_DIM));
        Term_text_pad(y, x, line, b->x + b->w - x);
    }
    if ((n > PICK_SHOWN || f->pick_sel >= 0) && y < b->y + b->h - 1) {
        char more[160];
        snprintf(more, sizeof more, "  %zu match%s", n, f->pick_sel >= 0 ?
                 ": Up/Down and Enter choose, typing filters again" : ": type more to narrow them");
        attrset(Term_attr(STYLE_DIM));
        Term_text_pad(y++, x, more, b->x + b->w - x);
    }
    attrset(A_NORMAL);
    return y;
}
