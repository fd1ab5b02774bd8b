/* field: a one-line text field for forms (the login and unlock screens).
 *
 * UTF-8 aware (bytes arrive one at a time from wgetch), with the common
 * Emacs keys. A secret field keeps its text out of the screen entirely (no
 * echo, not even a count of characters) and wipes it when cleared. The
 * search box uses readline instead (see prompt.h) for history. */
#ifndef FD_FIELD_H
#define FD_FIELD_H
#include <stdbool.h>
#include <stddef.h>

#define FIELD_MAX 256

typedef struct Field {
    char text[FIELD_MAX];
    size_t len;
    size_t cursor;   /* byte offset, always on a code point boundary */
    bool secret;
} Field;

void Field_init(Field *f, bool secret);
void Field_set(Field *f, const char *text);
void Field_clear(Field *f);
/* Handles an editing key; false when the key is not an editing key. */
bool Field_key(Field *f, int key);
/* Draws at y,x within width columns; returns the cursor column. */
int Field_draw(const Field *f, int y, int x, int width);

#endif
