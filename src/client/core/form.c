/* form: see form.h. */
#include "client/core/form.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/form_pick.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/text.h"

static FormField *Form_find(Form *fm, const char *key)
{
    for (int i = 0; i < fm->n; i++)
        if (strcmp(fm->fields[i].key, key) == 0)
            return &fm->fields[i];
    return NULL;
}

void Form_add(Form *fm, const char *label, const char *key, bool required,
              const char *const *choices, const char *const *choice_labels)
{
    if (fm->n >= FORM_MAX_FIELDS)
        return;
    FormField *f = &fm->fields[fm->n++];
    memset(f, 0, sizeof *f);
    f->label = label;
    f->key = key;
    f->required = required;
    f->choices = choices;
    f->choice_labels = choice_labels;
    Field_init(&f->f, false);
    f->pick_sel = -1;
}

void Form_add_pick(Form *fm, const char *label, const char *key, bool required)
{
    Form_add(fm, label, key, required, NULL, NULL);
    if (fm->n > 0 && strcmp(fm->fields[fm->n - 1].key, key) == 0)
        fm->fields[fm->n - 1].pick = true;
}

void Form_pick_set(Form *fm, const char *key, const char *const *codes, const char *const *labels)
{
    FormField *f = Form_find(fm, key);
    if (!f)
        return;
    f->pick_codes = codes;
    f->pick_labels = labels;
    /* A value taken unchecked is checked again now there is a list. */
    if (codes && f->picked[0] && f->pick_unchecked) {
        f->picked[0] = '\0';
        f->pick_unchecked = false;
        FormPick_enter(f);
    }
}

void Form_pick_unlisted(Form *fm, const char *key, bool allow)
{
    FormField *f = Form_find(fm, key);
    if (f)
        f->pick_unlisted = allow;
}

void Form_pick_choose(Form *fm, const char *key, const char *code)
{
    FormField *f = Form_find(fm, key);
    if (!f || !code)
        return;
    Field_set(&f->f, code);
    f->picked[0] = '\0';
    FormPick_enter(f);
}

void Form_load(Form *fm, const char *key, const char *value)
{
    FormField *f = Form_find(fm, key);
    if (!f)
        return;
    Field_set(&f->f, value ? value : "");
    snprintf(f->orig, sizeof f->orig, "%s", value ? value : "");
}

const char *Form_value(const Form *fm, const char *key)
{
    FormField *f = Form_find((Form *)fm, key);
    if (f && f->pick)
        return f->picked;
    return f ? f->f.text : "";
}

bool Form_changed(const Form *fm, const char *key)
{
    FormField *f = Form_find((Form *)fm, key);
    return f && strcmp(f->f.text, f->orig) != 0;
}

static void Form_cycle(FormField *f, int delta)
{
    int n = 0, at = -1;
    while (f->choices[n]) {
        if (strcmp(f->choices[n], f->f.text) == 0)
            at = n;
        n++;
    }
    at = at < 0 ? (delta > 0 ? 0 : n - 1) : (at + delta + n) % n;
    Field_set(&f->f, f->choices[at]);
}

void Form_key(Form *fm, int key)
{
    if (fm->focus < 0 || fm->focus >= fm->n)
        return;
    FormField *f = &fm->fields[fm->focus];
    f->error[0] = '\0';
    if (f->choices) {
        if (key == KEY_RIGHT || key == ' ')
            Form_cycle(f, 1);
        else if (key == KEY_LEFT)
            Form_cycle(f, -1);
        return;
    }
    if (f->pick)
        FormPick_key(f, key);
    else
        Field_key(&f->f, key);
}

static void Form_move(Form *fm, int delta)
{
    fm->focus = (fm->focus + delta + fm->n) % fm->n;
}

/* Before anything is sent: a pick field with words typed but nothing
 * picked takes them only when they are exactly a code or its label (what
 * is sent is what is on screen). Otherwise it gets the focus and its Enter
 * instead, and nothing is sent by that key: even the only match is first
 * shown as chosen, so the next F2 sends what the advisor saw. True when
 * every pick field has its value. */
static bool Form_all_picked(Form *fm)
{
    for (int i = 0; i < fm->n; i++) {
        FormField *f = &fm->fields[i];
        if (f->pick && f->f.text[0] && !f->picked[0] && !FormPick_exact(f)) {
            fm->focus = i;
            FormPick_enter(f);
            return false;
        }
    }
    return true;
}

FormStep Form_action(Form *fm, Action a)
{
    FormField *f = fm->focus >= 0 && fm->focus < fm->n ? &fm->fields[fm->focus] : NULL;
    if (f && f->pick) {
        FormStep step = FormPick_action(f, a);
        if (step != FORM_OTHER)
            return step;
        if (a == ACT_ENTER && !FormPick_enter(f))
            return FORM_MOVED;
    }
    switch (a) {
    case ACT_NEXT_FIELD: case ACT_MOVE_DOWN: Form_move(fm, 1); return FORM_MOVED;
    case ACT_PREVIOUS_FIELD: case ACT_MOVE_UP: Form_move(fm, -1); return FORM_MOVED;
    case ACT_ENTER:
        if (fm->focus == fm->n - 1)
            return Form_all_picked(fm) ? FORM_SUBMIT : FORM_MOVED;
        Form_move(fm, 1);
        return FORM_MOVED;
    case ACT_SUBMIT: return Form_all_picked(fm) ? FORM_SUBMIT : FORM_MOVED;
    default: return FORM_OTHER;
    }
}

static const char *Form_choice_label(const FormField *f)
{
    for (int i = 0; f->choices[i]; i++)
        if (strcmp(f->choices[i], f->f.text) == 0)
            return f->choice_labels ? f->choice_labels[i] : f->choices[i];
    return "(not set)";
}

/* A text field is 40 columns; a chosen label may run on into the room
 * beside it (its marker moves along), so it is read whole. */
static int Form_value_width(const FormField *f, int w)
{
    int fw = w > 40 ? 40 : w;
    if (!f->pick || !f->picked[0])
        return fw;
    int need = (int)Text_display_width(f->f.text) + 1, room = w - 16;   /* 16: "(not checked)" */
    if (need <= fw)
        return fw;
    if (need <= room)
        return need;
    return room > fw ? room : fw;
}

/* A chosen value is drawn from its first letter: scrolling to keep the
 * cursor after it in view cut the start off, and the start is what names
 * it. The cursor stays within the field. */
static int Form_draw_text(const FormField *f, int y, int x, int fw)
{
    if (!f->pick || !f->picked[0])
        return Field_draw(&f->f, y, x, fw);
    Field whole = f->f;
    whole.cursor = 0;
    Field_draw(&whole, y, x, fw);
    int tw = (int)Text_display_width(f->f.text);
    return x + (tw < fw ? tw : fw - 1);
}

int Form_draw(Form *fm, const Rect *b, int y, int label_w)
{
    for (int i = 0; i < fm->n && y < b->y + b->h; i++, y++) {
        FormField *f = &fm->fields[i];
        bool focus = i == fm->focus;
        char label[120];
        snprintf(label, sizeof label, "%s %s%s", focus ? ">" : " ", f->label, f->required ? " *" : "");
        attrset(focus ? (int)(Term_attr(STYLE_NORMAL) | A_BOLD) : Term_attr(STYLE_NORMAL));
        Term_text_pad(y, b->x, label, label_w);
        attrset(A_NORMAL);
        int x = b->x + label_w + 1, w = b->w - label_w - 2;
        int cx, fw = Form_value_width(f, w), mx = x + fw + 2, mw = w - fw - 2;
        if (f->choices) {
            char v[200];
            snprintf(v, sizeof v, "< %s >", Form_choice_label(f));
            cx = x + Term_text(y, x, v, w);
        } else {
            cx = Form_draw_text(f, y, x, fw);
        }
        if (f->error[0]) {
            attrset(Term_attr(STYLE_ERROR));
            Term_text(y, mx, f->error, mw);
            attrset(A_NORMAL);
        } else if (f->pick && f->picked[0]) {
            Term_text(y, mx, f->pick_unchecked ? "(not checked)" : "(chosen)", mw);
        } else if (strcmp(f->f.text, f->orig) != 0 && f->orig[0]) {
            Term_text(y, mx, "(changed)", 10);
        }
        if (focus) {
            fm->cursor_y = y;
            fm->cursor_x = f->choices ? x : cx;
        }
        if (f->pick && ((focus && !f->picked[0]) || f->pick_unchecked))
            y = FormPick_draw_matches(f, b, y + 1, x) - 1;
    }
    return y;
}

bool Form_set_errors(Form *fm, const json_t *problem)
{
    bool any = false;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(problem, "errors"), i, e) {
        FormField *f = Form_find(fm, Jsonx_str(e, "field", ""));
        if (!f)
            continue;
        snprintf(f->error, sizeof f->error, "%s", Jsonx_str(e, "message", "Check this."));
        if (!any)
            fm->focus = (int)(f - fm->fields);
        any = true;
    }
    return any;
}

void Form_clear_errors(Form *fm)
{
    for (int i = 0; i < fm->n; i++)
        fm->fields[i].error[0] = '\0';
}

FormField *Form_missing(Form *fm)
{
    for (int i = 0; i < fm->n; i++)
        if (fm->fields[i].required && !Form_value(fm, fm->fields[i].key)[0])
            return &fm->fields[i];
    return NULL;
}

void Form_place_cursor(const Form *fm)
{
    move(fm->cursor_y, fm->cursor_x);
}

FormStep Form_action_or_leave(Form *fm, Action a)
{
    FormStep step = Form_action(fm, a);
    if (step != FORM_OTHER || (a != ACT_CANCEL && a != ACT_BACK))
        return step;
    App_message("Nothing was sent.");
    View_pop();
    return FORM_MOVED;
}
