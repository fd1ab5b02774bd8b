/* catalogue: the store of the service catalogue (what people call about,
 * who owns it, how fast) and the teams that own services. */
#ifndef FD_STORE_CATALOGUE_H
#define FD_STORE_CATALOGUE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

/* One service as the content files give it; NULL for an empty optional. */
typedef struct ServiceIn {
    const char *code, *name, *tier, *team_code, *self_service_url, *script_id, *keywords;
    int sla_hours, position;
} ServiceIn;

/* The services in catalogue order, each {code, name, tier, team: {code,
 * name}, sla_hours, self_service_url?, script_id?, keywords?}; only the
 * one with code when code is not NULL (an empty array if none). */
json_t *Catalogue_services(Db *db, const char *code);
bool Catalogue_service_exists(Db *db, const char *code);
/* Content loading: add or change a team or a service. 0, or -1 with the
 * database's message in err. */
int Catalogue_put_team(Db *db, const char *code, const char *name, const char *description,
                       char *err, size_t errlen);
int Catalogue_put_service(Db *db, const ServiceIn *s, char *err, size_t errlen);

#endif
