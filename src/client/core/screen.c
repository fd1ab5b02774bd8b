#include "client/core/screen.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/core/embedded.h"
#include "common/buf.h"
#include "common/text.h"

#define MAX_WORDS 16

static const char *const format_names[FMT_COUNT] = {
    [FMT_TEXT] = "text", [FMT_DATE] = "date", [FMT_DATETIME] = "datetime",
    [FMT_PHONE] = "phone", [FMT_MONEY] = "money", [FMT_FLAG] = "flag",
    [FMT_BOOL] = "bool", [FMT_LIST] = "list",
};

typedef struct Parser {
    Screen *s;
    const char *file;
    int line;
    Diag *diag;
    int errors;
    bool kind_seen;
} Parser;

__attribute__((format(printf, 2, 3)))
static bool fail(Parser *p, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    Text_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Diag_add(p->diag, p->file, p->line, "%s", msg);
    p->errors++;
    return false;
}

static int Screen_format_by_name(const char *name)
{
    for (int f = 0; f < FMT_COUNT; f++)
        if (strcmp(format_names[f], name) == 0)
            return f;
    return -1;
}

/* Splits line into words in place. A double-quoted run (anywhere in a
 * word, so label="Rhif ffôn" works) keeps its spaces; \" and \\ escape.
 * '#' at the start of a word ends the line. Returns the count, or -1 on an
 * unterminated quote or too many words. */
static int split_words(char *line, char **words)
{
    int n = 0;
    char *r = line;
    for (;;) {
        while (*r == ' ' || *r == '\t' || *r == '\r')
            r++;
        if (!*r || *r == '#')
            return n;
        if (n == MAX_WORDS)
            return -1;
        char *w = r, *o = r;
        bool quoted = false;
        while (*r && (quoted || (*r != ' ' && *r != '\t' && *r != '\r'))) {
            if (*r == '"') { quoted = !quoted; r++; continue; }
            if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\'))
                r++;
            *o++ = *r++;
        }
        if (quoted)
            return -1;
        bool more = *r != '\0';
        *o = '\0';
        if (more)
            r++;
        words[n++] = w;
        if (!more)
            return n;
    }
}

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

static bool parse_int(const char *v, int min, int max, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max)
        return false;
    *out = (int)n;
    return true;
}

static int parse_emphasis(const char *v)
{
    if (strcmp(v, "normal") == 0) return EMPH_NORMAL;
    if (strcmp(v, "strong") == 0) return EMPH_STRONG;
    if (strcmp(v, "alert") == 0) return EMPH_ALERT;
    return -1;
}

static int parse_align(const char *v)
{
    if (strcmp(v, "left") == 0) return ALIGN_LEFT;
    if (strcmp(v, "right") == 0) return ALIGN_RIGHT;
    if (strcmp(v, "center") == 0 || strcmp(v, "centre") == 0) return ALIGN_CENTER;
    return -1;
}

/* One option of a field or column; false (reported) when bad. */
static bool field_option(Parser *p, ScreenField *f, char *word, bool column)
{
    char *eq = strchr(word, '=');
    if (!eq) {
        if (strcmp(word, "masked") == 0) { f->masked = true; return true; }
        if (!column && strcmp(word, "optional") == 0) { f->optional = true; return true; }
        fail(p, "unknown option '%s'", word);
        return false;
    }
    *eq = '\0';
    const char *k = word, *v = eq + 1;
    int n;
    if (strcmp(k, "path") == 0 && *v) {
        free(f->path);
        f->path = dup_str(v);
    } else if (strcmp(k, "format") == 0) {
        if ((n = Screen_format_by_name(v)) < 0)
            return fail(p, "unknown format '%s'", v);
        f->format = (FieldFormat)n;
    } else if (strcmp(k, "width") == 0 || strcmp(k, "min") == 0 || strcmp(k, "weight") == 0) {
        if (!parse_int(v, strcmp(k, "width") == 0 ? 1 : 0, 200, &n))
            return fail(p, "bad %s '%s' (expected a number up to 200)", k, v);
        *(k[0] == 'w' && k[1] == 'i' ? &f->col.width : k[0] == 'm' ? &f->col.min : &f->col.weight) = n;
    } else if (strcmp(k, "align") == 0) {
        if ((n = parse_align(v)) < 0)
            return fail(p, "unknown align '%s' (left, right or centre)", v);
        f->align = (Align)n;
    } else if (strcmp(k, "emphasis") == 0) {
        if ((n = parse_emphasis(v)) < 0)
            return fail(p, "unknown emphasis '%s' (normal, strong or alert)", v);
        f->emphasis = (Emphasis)n;
    } else if (strcmp(k, "masked-if") == 0 && *v) {
        free(f->masked_if);
        f->masked_if = dup_str(v);
    } else {
        return fail(p, "unknown option '%s'", k);
    }
    return true;
}

static void field_clear(ScreenField *f)
{
    free(f->label);
    free(f->path);
    free(f->masked_if);
}

/* field "<label>" path=... / column "<label>" path=...; appended to the
 * array only when it is whole. */
static void add_field(Parser *p, ScreenField **arr, size_t *n, char **w, int nw, bool column)
{
    const char *what = column ? "column" : "field";
    if (nw < 2 || strchr(w[1], '=')) {
        fail(p, "expected: %s \"<label>\" path=<json path> [options]", what);
        return;
    }
    ScreenField f = {.label = dup_str(w[1]), .line = p->line};
    bool ok = true;
    for (int i = 2; i < nw; i++)
        ok = field_option(p, &f, w[i], column) && ok;
    if (ok && !f.path) {
        fail(p, "%s '%s' has no path=", what, f.label);
        ok = false;
    }
    if (ok && column && f.col.width == 0 && f.col.min == 0 && f.col.weight == 0)
        f.col.weight = 1;
    ScreenField *grown = ok ? realloc(*arr, (*n + 1) * sizeof **arr) : NULL;
    if (!grown) {
        field_clear(&f);
        return;
    }
    *arr = grown;
    (*arr)[(*n)++] = f;
}

static ScreenSection *current_section(Screen *s)
{
    return s->nsections ? &s->sections[s->nsections - 1] : NULL;
}

static bool add_section(Parser *p, char **w, int nw)
{
    if (p->s->kind != SCREEN_RECORD)
        return fail(p, "sections belong in record screens (this is 'screen list')");
    if (nw < 2 || strchr(w[1], '='))
        return fail(p, "expected: section \"<title>\" [emphasis=normal|strong|alert]");
    Emphasis emph = EMPH_NORMAL;
    for (int i = 2; i < nw; i++) {
        int e = strncmp(w[i], "emphasis=", 9) == 0 ? parse_emphasis(w[i] + 9) : -2;
        if (e == -2)
            return fail(p, "unknown option '%s'", w[i]);
        if (e < 0)
            return fail(p, "unknown emphasis '%s' (normal, strong or alert)", w[i] + 9);
        emph = (Emphasis)e;
    }
    ScreenSection *grown = realloc(p->s->sections, (p->s->nsections + 1) * sizeof *grown);
    if (!grown)
        return false;
    p->s->sections = grown;
    grown[p->s->nsections++] = (ScreenSection){.title = dup_str(w[1]), .emphasis = emph};
    return true;
}

static bool add_list(Parser *p, char **w, int nw)
{
    ScreenSection *sec = current_section(p->s);
    if (p->s->kind != SCREEN_RECORD || !sec)
        return fail(p, "list must follow a section in a record screen");
    if (sec->list_path || sec->nfields)
        return fail(p, "section '%s' already has %s", sec->title,
                    sec->list_path ? "a list" : "fields");
    if (nw < 2 || strchr(w[1], '='))
        return fail(p, "expected: list <json path> [empty=\"<text>\"]");
    char *empty = NULL;
    for (int i = 2; i < nw; i++) {
        if (strncmp(w[i], "empty=", 6) != 0)
            return free(empty), fail(p, "unknown option '%s'", w[i]);
        free(empty);
        empty = dup_str(w[i] + 6);
    }
    sec->list_path = dup_str(w[1]);
    sec->empty_text = empty;
    return true;
}

static void add_value(Parser *p, char **w, int nw)
{
    if (nw != 3) {
        fail(p, "expected: value <code> \"<label>\"");
        return;
    }
    ScreenValue *grown = realloc(p->s->values, (p->s->nvalues + 1) * sizeof *grown);
    if (!grown)
        return;
    p->s->values = grown;
    grown[p->s->nvalues++] = (ScreenValue){dup_str(w[1]), dup_str(w[2])};
}

static void set_kind(Parser *p, char **w, int nw)
{
    if (p->kind_seen || p->s->nsections || p->s->ncolumns)
        fail(p, "'screen' must be the first line and appear once");
    else if (nw != 2 || (strcmp(w[1], "record") != 0 && strcmp(w[1], "list") != 0))
        fail(p, "expected: screen record|list");
    else
        p->s->kind = strcmp(w[1], "list") == 0 ? SCREEN_LIST : SCREEN_RECORD;
    p->kind_seen = true;
}

static void add_column(Parser *p, char **w, int nw)
{
    Screen *s = p->s;
    ScreenSection *sec = current_section(s);
    if (s->kind == SCREEN_LIST)
        add_field(p, &s->columns, &s->ncolumns, w, nw, true);
    else if (sec && sec->list_path)
        add_field(p, &sec->fields, &sec->nfields, w, nw, true);
    else
        fail(p, "column outside a list (start the section with 'list <json path>')");
}

static void add_record_field(Parser *p, char **w, int nw)
{
    ScreenSection *sec = current_section(p->s);
    if (p->s->kind != SCREEN_RECORD || !sec)
        fail(p, "field outside a section");
    else if (sec->list_path)
        fail(p, "section '%s' is a list: use column, not field", sec->title);
    else
        add_field(p, &sec->fields, &sec->nfields, w, nw, false);
}

static void directive(Parser *p, char **w, int nw)
{
    const char *d = w[0];
    if (!p->kind_seen && strcmp(d, "screen") != 0) {
        fail(p, "expected 'screen record' or 'screen list' first");
        p->kind_seen = true;
    }
    if (strcmp(d, "screen") == 0) {
        set_kind(p, w, nw);
    } else if (strcmp(d, "title") == 0) {
        if (nw != 2)
            fail(p, "expected: title \"<text>\"");
        else
            free(p->s->title), p->s->title = dup_str(w[1]);
    } else if (strcmp(d, "label-width") == 0) {
        if (nw != 2 || !parse_int(w[1], 4, 60, &p->s->label_width))
            fail(p, "expected: label-width <4..60>");
    } else if (strcmp(d, "value") == 0) {
        add_value(p, w, nw);
    } else if (strcmp(d, "section") == 0) {
        add_section(p, w, nw);
    } else if (strcmp(d, "list") == 0) {
        add_list(p, w, nw);
    } else if (strcmp(d, "field") == 0) {
        add_record_field(p, w, nw);
    } else if (strcmp(d, "column") == 0) {
        add_column(p, w, nw);
    } else {
        fail(p, "unknown directive '%s'", d);
    }
}

Screen *Screen_parse(const char *text, const char *filename, Diag *diag)
{
    Screen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->label_width = 20;
    Parser p = {.s = s, .file = filename, .diag = diag};
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        char line[2048], *w[MAX_WORDS];
        p.line++;
        if (len >= sizeof line) {
            fail(&p, "line too long");
        } else {
            memcpy(line, text, len);
            line[len] = '\0';
            int nw = split_words(line, w);
            if (nw < 0)
                fail(&p, "unterminated quote or more than %d words", MAX_WORDS);
            else if (nw > 0)
                directive(&p, w, nw);
        }
        text += len + (nl ? 1 : 0);
    }
    if (s->kind == SCREEN_RECORD ? s->nsections == 0 : s->ncolumns == 0) {
        Diag_add(diag, filename, 0, "no %s declared", s->kind == SCREEN_RECORD ? "sections" : "columns");
        Screen_free(s);
        return NULL;
    }
    return s;
}

void Screen_free(Screen *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nsections; i++) {
        ScreenSection *sec = &s->sections[i];
        for (size_t j = 0; j < sec->nfields; j++)
            field_clear(&sec->fields[j]);
        free(sec->fields);
        free(sec->title);
        free(sec->list_path);
        free(sec->empty_text);
    }
    for (size_t i = 0; i < s->ncolumns; i++)
        field_clear(&s->columns[i]);
    for (size_t i = 0; i < s->nvalues; i++) {
        free(s->values[i].code);
        free(s->values[i].label);
    }
    free(s->sections);
    free(s->columns);
    free(s->values);
    free(s->title);
    free(s);
}

Screen *Screen_load(const char *name, const char *override_dir, Diag *diag)
{
    char path[PATH_MAX], builtin[128];
    snprintf(builtin, sizeof builtin, "screens/%s.screen", name);
    if (override_dir && *override_dir) {
        snprintf(path, sizeof path, "%s/%s.screen", override_dir, name);
        if (access(path, F_OK) == 0) {
            Buf b = BUF_INIT;
            if (Buf_read_file(&b, path) == 0) {
                Screen *s = Screen_parse(b.data ? b.data : "", path, diag);
                Buf_free(&b);
                if (s)
                    return s;
                Diag_add(diag, path, 0, "unusable; using the built-in screen");
            } else {
                Diag_add(diag, path, 0, "cannot read screen: %s; using the built-in one",
                         strerror(errno));
            }
        }
    }
    const char *text = Embedded_get(builtin);
    if (!text) {
        Diag_add(diag, builtin, 0, "no such screen");
        return NULL;
    }
    return Screen_parse(text, builtin, diag);
}
