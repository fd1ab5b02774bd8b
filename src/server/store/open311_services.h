/* open311_services: the services a public Open311 form may report to,
 * with the team that handles each. Services without a triage script (the
 * safeguarding duty teams') are reached from an advisor's triage only, so
 * they are not listed here. */
#ifndef FD_STORE_OPEN311_SERVICES_H
#define FD_STORE_OPEN311_SERVICES_H
#include <stdbool.h>

#include "server/store/store.h"

typedef struct Open311Service {
    char code[64], name[160], team[160];
    char script_id[65];    /* SCRIPT_ID_MAX (scriptstore.h) and the NUL */
    int sla_hours;
    const char *keywords;  /* space separated; in Open311_services_each's callback only */
} Open311Service;

/* The service with this code; false when there is none. */
bool Open311_services_find(Db *db, const char *code, Open311Service *s);
/* Calls fn for every service in catalogue order; -1 when the list cannot
 * be read. */
int Open311_services_each(Db *db, void (*fn)(const Open311Service *s, void *ctx), void *ctx);

#endif
