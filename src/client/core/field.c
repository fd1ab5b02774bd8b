#include "client/core/field.h"

#include <curses.h>
#include <string.h>

#include "client/core/term.h"
#include "common/text.h"

void Field_init(Field *f, bool secret)
{
    memset(f, 0, sizeof *f);
    f->secret = secret;
}

void Field_clear(Field *f)
{
    explicit_bzero(f->text, sizeof f->text);
    f->len = 0;
    f->cursor = 0;
}

void Field_set(Field *f, const char *text)
{
    Field_clear(f);
    size_t n = strlen(text);
    if (n >= FIELD_MAX)
        n = FIELD_MAX - 1;
    memcpy(f->text, text, n);
    f->len = f->cursor = n;
}

static bool Field_is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static size_t Field_prev(const Field *f, size_t at)
{
    while (at > 0 && Field_is_cont((unsigned char)f->text[--at])) {
    }
    return at;
}

static size_t Field_next(const Field *f, size_t at)
{
    if (at < f->len)
        at++;
    while (at < f->len && Field_is_cont((unsigned char)f->text[at]))
        at++;
    return at;
}

static void Field_delete(Field *f, size_t from, size_t to)
{
    memmove(f->text + from, f->text + to, f->len - to);
    f->len -= to - from;
    memset(f->text + f->len, 0, to - from);
    f->cursor = from;
}

static bool Field_insert(Field *f, int key)
{
    if (key < 0x20 || key > 0xff || key == 0x7f || f->len + 1 >= FIELD_MAX)
        return false;
    memmove(f->text + f->cursor + 1, f->text + f->cursor, f->len - f->cursor);
    f->text[f->cursor++] = (char)key;
    f->len++;
    return true;
}

bool Field_key(Field *f, int key)
{
    switch (key) {
    case KEY_LEFT: case 2: /* C-b */
        f->cursor = Field_prev(f, f->cursor);
        return true;
    case KEY_RIGHT: case 6: /* C-f */
        f->cursor = Field_next(f, f->cursor);
        return true;
    case KEY_HOME: case 1: /* C-a */
        f->cursor = 0;
        return true;
    case KEY_END: case 5: /* C-e */
        f->cursor = f->len;
        return true;
    case KEY_BACKSPACE: case 127: case 8:
        if (f->cursor > 0)
            Field_delete(f, Field_prev(f, f->cursor), f->cursor);
        return true;
    case KEY_DC: case 4: /* C-d */
        if (f->cursor < f->len)
            Field_delete(f, f->cursor, Field_next(f, f->cursor));
        return true;
    case 11: /* C-k */
        Field_delete(f, f->cursor, f->len);
        return true;
    case 21: /* C-u */
        Field_delete(f, 0, f->cursor);
        return true;
    default:
        return Field_insert(f, key);
    }
}

int Field_draw(const Field *f, int y, int x, int width)
{
    attrset(Term_attr(STYLE_FIELD));
    if (f->secret) {
        /* Nothing about the password reaches the screen, not even its length. */
        Term_text_pad(y, x, "", width);
        attrset(A_NORMAL);
        return x;
    }
    /* Scroll horizontally so the cursor stays inside the field. */
    char before[FIELD_MAX];
    memcpy(before, f->text, f->cursor);
    before[f->cursor] = '\0';
    const char *start = f->text;
    while ((int)Text_display_width(before + (start - f->text)) >= width && *start) {
        unsigned cp;
        start += Text_utf8_next(start, &cp);
    }
    Term_text_pad(y, x, start, width);
    attrset(A_NORMAL);
    return x + (int)Text_display_width(before + (start - f->text));
}
