/* triage_start: what the triage view is opened with (its View_open arg),
 * by the reason picker, a restored contact and script try. */
#ifndef FD_TRIAGE_START_H
#define FD_TRIAGE_START_H
#include <jansson.h>
#include <stdbool.h>

#include "common/questionnaire.h"

/* What a triage view is opened with (View_open arg). */
typedef struct TriageStart {
    const json_t *service;   /* the catalogue entry; may be NULL (script try) */
    const json_t *customer;  /* the customer record; NULL: anonymous call */
    Questionnaire *script;   /* already loaded (taken over); NULL: fetched */
    const char *source;      /* the file, in script try */
    bool offline;            /* no server: no KB, nothing sent */
    const char *script_id;   /* NULL: the service's script */
    int script_version;      /* with script_id: that stored version (0: newest) */
    const json_t *resume;    /* a saved response to reopen the triage at (copied) */
} TriageStart;

#endif
