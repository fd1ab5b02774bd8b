/* jsonx: small jansson helpers used by both programs. */
#ifndef FD_JSONX_H
#define FD_JSONX_H
#include <jansson.h>
#include <stdbool.h>
#include "common/buf.h"

/* Field getters that tolerate a missing or wrongly typed field. */
const char *Jsonx_str(const json_t *obj, const char *key, const char *fallback);
long long Jsonx_int(const json_t *obj, const char *key, long long fallback);
bool Jsonx_bool(const json_t *obj, const char *key, bool fallback);
/* "a.b.c" path lookup through nested objects; NULL when absent. */
json_t *Jsonx_path(const json_t *root, const char *path);
/* Depth of nesting (an object or array counts 1); stops counting past max. */
int Jsonx_depth(const char *text, size_t len, int max);
/* Compact dump (keys kept in insertion order); caller frees. */
char *Jsonx_dump(const json_t *v);

#endif
