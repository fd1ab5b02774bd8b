/* qvalue: one typed FHIR answer value (an answerOption, an enableWhen
 * answer[x] or an advisor's answer), with the input parsing, comparison,
 * display and JSON conversion the triage engine needs. Pure: no I/O. */
#ifndef FD_QVALUE_H
#define FD_QVALUE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum QValueKind {
    QV_NONE,
    QV_BOOLEAN,
    QV_INTEGER,
    QV_DECIMAL,
    QV_STRING,   /* string and text answers, valueString options */
    QV_DATE,     /* str is "YYYY-MM-DD" */
    QV_DATETIME, /* str is "YYYY-MM-DDTHH:MM:SS" + "Z" or "+hh:mm" */
    QV_TIME,     /* str is "HH:MM:SS" */
    QV_CODING,   /* str is the code; system and display may be NULL */
} QValueKind;

typedef struct QValue {
    QValueKind kind;
    bool boolean;
    long long integer;
    double decimal;
    char *str;
    char *system;
    char *display;
} QValue;

#define QVALUE_INIT {QV_NONE, false, 0, 0.0, NULL, NULL, NULL}

void QValue_clear(QValue *v);
/* Deep copy; returns -1 (dst left empty) when memory runs out. */
int QValue_copy(QValue *dst, const QValue *src);
/* The FHIR suffix of the kind: "Boolean", "Coding", ... (for valueX/answerX). */
const char *QValue_kind_suffix(QValueKind kind);

/* Reads value<Suffix> / answer<Suffix> from a FHIR element, given the
 * prefix ("value" or "answer"). Returns 1 on success, 0 when the element has
 * no such field, -1 when the field is malformed or of an unsupported type;
 * *what then names the offending field ("answerQuantity") or the problem. */
int QValue_from_fhir(QValue *v, const json_t *elem, const char *prefix, const char **what);
/* Adds "value<Suffix>": ... to obj. */
int QValue_to_fhir(const QValue *v, json_t *obj);

/* Advisor input. Each returns NULL on success (v filled) or a message in
 * plain words saying what to type. Dates accept DD/MM/YYYY and YYYY-MM-DD;
 * dateTimes accept either date form, a space or "T", then HH:MM[:SS], and
 * an optional Z or +hh:mm (utc_offset_min is used when the zone is absent);
 * times accept HH:MM[:SS]. */
const char *QValue_parse_boolean(QValue *v, const char *in);
const char *QValue_parse_integer(QValue *v, const char *in);
const char *QValue_parse_decimal(QValue *v, const char *in);
const char *QValue_parse_date(QValue *v, const char *in);
const char *QValue_parse_datetime(QValue *v, const char *in, int utc_offset_min);
/* utc_offset_min for "the local zone in force at the time typed": summer
 * or winter time by the date, not by today (see localday.h). */
#define QVALUE_LOCAL_ZONE (-100000)
const char *QValue_parse_time(QValue *v, const char *in);

/* Equality as enableWhen '=' means it: codings match on code, and on
 * system when both sides name one; integers and decimals compare by value. */
bool QValue_equal(const QValue *a, const QValue *b);
/* Orders integer/decimal, date, dateTime and time values; returns false when
 * the two cannot be ordered (then *cmp is untouched). */
bool QValue_order(const QValue *a, const QValue *b, int *cmp);
bool QValue_kind_ordered(QValueKind kind);

/* Human display for breadcrumbs: Yes/No, option label, DD/MM/YYYY, ...
 * Returns a malloc'd string or NULL when memory runs out. */
char *QValue_display(const QValue *v);

#endif
