/* screen: what a record or list shows, read from screens/NAME.screen (see
 * frontdoor-screens(5)). A council relabels, reorders or translates a
 * screen by copying the file into its screens_dir; the built-in copies are
 * compiled in. Parse errors are "file:line: message" and parsing carries
 * on, so one typo costs one line, not the screen. */
#ifndef FD_SCREEN_H
#define FD_SCREEN_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "client/core/layout.h"
#include "common/diag.h"

typedef enum FieldFormat {
    FMT_TEXT, FMT_DATE, FMT_DATETIME, FMT_PHONE, FMT_MONEY,
    FMT_FLAG, FMT_BOOL, FMT_LIST, FMT_COUNT
} FieldFormat;

typedef enum Emphasis { EMPH_NORMAL, EMPH_STRONG, EMPH_ALERT } Emphasis;

typedef enum ScreenKind { SCREEN_RECORD, SCREEN_LIST } ScreenKind;

/* A record field or a list column. Paths are dot paths from the record
 * (for a column, from the list item); a numeric part indexes an array. */
typedef struct ScreenField {
    char *label;
    char *path;
    FieldFormat format;
    ColumnSpec col;      /* width/min/weight (record fields: width only) */
    Align align;
    bool masked;         /* always masked until revealed */
    char *masked_if;     /* masked when this path is true in the item */
    bool optional;       /* record: omit the line when the value is empty */
    Emphasis emphasis;
    int line;            /* where it was declared, for messages */
} ScreenField;

typedef struct ScreenSection {
    char *title;
    Emphasis emphasis;
    char *list_path;     /* non-NULL: renders this array, one row per item */
    char *empty_text;    /* list sections: shown when the array is empty */
    ScreenField *fields; /* fields, or the columns of a list section */
    size_t nfields;
} ScreenSection;

/* `value <code> "<label>"`: how an enum value or flag code is shown. */
typedef struct ScreenValue { char *code; char *label; } ScreenValue;

typedef struct Screen {
    ScreenKind kind;
    char *title;
    int label_width;         /* record: the label column */
    ScreenSection *sections; /* record screens */
    size_t nsections;
    ScreenField *columns;    /* list screens */
    size_t ncolumns;
    ScreenValue *values;
    size_t nvalues;
} Screen;

/* NULL only when nothing usable was declared (or out of memory); a screen
 * with some bad lines is still returned, the lines reported in diag. */
Screen *Screen_parse(const char *text, const char *filename, Diag *diag);
/* "customer" or "search": <override_dir>/<name>.screen when it exists,
 * else the compiled-in copy. */
Screen *Screen_load(const char *name, const char *override_dir, Diag *diag);
void Screen_free(Screen *s);

/* How values are shown: ascii selects "-" and "****" over "—" and "••••";
 * timezone (e.g. "Europe/London") becomes the process's TZ for datetimes.
 * Defaults: UTF-8, the TZ already in effect. */
void Screen_set_format_options(bool ascii, const char *timezone);

/* value formatted for a person: date "1961-04-09" -> "09 Apr 1961",
 * datetime (RFC 3339 UTC) -> local "23 Nov 2026 14:05", money in pence
 * 12345 -> "£123.45", bool -> "Yes"/"No", flag -> "[!] label", list ->
 * "a, b"; missing or null -> "—". Masked values with content -> "••••".
 * Returns the bytes written (NUL-terminated, truncated to cap-1). */
size_t Screen_format_value(const json_t *value, FieldFormat fmt, bool masked,
                           char *out, size_t cap);

/* Path lookup through objects and (numeric parts) arrays; NULL if absent. */
const json_t *Screen_lookup(const json_t *root, const char *path);
/* A field of item as shown: value labels from `value` lines applied,
 * masking per masked/masked_if unless revealed, a true bool in flag format
 * shown as "[!] <field label>". */
size_t Screen_format_field(const Screen *s, const ScreenField *f, const json_t *item,
                           bool revealed, char *out, size_t cap);
/* True when the field has nothing to show (missing, null, "", []). */
bool Screen_field_empty(const ScreenField *f, const json_t *item);
/* The display label for a code, or code itself. */
const char *Screen_value_label(const Screen *s, const char *code);

#endif
