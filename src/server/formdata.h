/* formdata: application/x-www-form-urlencoded bodies (what Open311 clients
 * send): "a=1&b=two+words&attribute%5Bbin-type%5D=general".
 *
 * Keys and values are percent-decoded ('+' is a space) and must be UTF-8.
 * Pairs keep their order; a key may appear more than once. */
#ifndef FD_FORMDATA_H
#define FD_FORMDATA_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define FORMDATA_MAX_PAIRS 200

typedef struct FormPair {
    char *key;
    char *value;
} FormPair;

typedef struct Formdata {
    FormPair *pairs;
    size_t count;
} Formdata;

#define FORMDATA_INIT {NULL, 0}

/* Parses body[0..len) and appends its pairs. Returns 0, or -1 with a
 * plain-words reason in *why (bad %-escape, not UTF-8, too many fields). */
int Formdata_parse(Formdata *f, const char *body, size_t len, const char **why);
/* Appends one pair (copied). -1 when memory or FORMDATA_MAX_PAIRS runs out. */
int Formdata_add(Formdata *f, const char *key, const char *value);
/* A JSON object's members as pairs: strings, numbers and booleans as text;
 * a nested object under "attribute" becomes attribute[code]=value.
 * Returns -1 with *why set for anything else. */
int Formdata_from_json(Formdata *f, const json_t *obj, const char **why);
/* The first value of key, or NULL. */
const char *Formdata_get(const Formdata *f, const char *key);
/* How many times key appears. */
size_t Formdata_count(const Formdata *f, const char *key);
/* "attribute[code]" -> code (copied to out); false for any other key or
 * when code is empty or does not fit. */
bool Formdata_attribute_code(const char *key, char *out, size_t cap);
void Formdata_free(Formdata *f);

#endif
