/* The whole API in one table. docs/openapi.yaml describes the same routes;
 * tests/api/test_contract.py checks the two agree. Order matters only where
 * a literal segment and a {param} could both match: literal first. */
#include "server/api.h"
#include "server/roles.h"

#define PUBLIC 0u
#define STAFF ROLES_STAFF
/* Trainers work in the training sandbox; they never write live records. */
#define FRONTLINE (ROLE_ADVISOR | ROLE_BACKOFFICE | ROLE_SUPERVISOR | ROLE_ADMIN)
#define OVERSIGHT (ROLE_SUPERVISOR | ROLE_ADMIN)
#define ADMIN ROLE_ADMIN
#define READ 0u
#define WRITE ROUTE_WRITE

const Route Routes_table[] = {
    {"GET", "/healthz", PUBLIC, Api_healthz, READ},
    {"GET", "/metrics", PUBLIC, Api_metrics, READ},
    {"POST", "/api/v1/auth/login", PUBLIC, Api_login, READ},
    {"POST", "/api/v1/auth/logout", STAFF, Api_logout, READ},
    {"GET", "/api/v1/me", STAFF, Api_me, READ},
    {"GET", "/api/v1/customers", STAFF, Api_customer_search, READ},
    {"POST", "/api/v1/customers", FRONTLINE, Api_customer_create, WRITE},
    {"GET", "/api/v1/customers/matches", FRONTLINE, Api_customer_matches, READ},
    {"GET", "/api/v1/customers/{id}", STAFF, Api_customer_get, READ},
    {"PATCH", "/api/v1/customers/{id}", FRONTLINE, Api_customer_update, WRITE},
    {"GET", "/api/v1/customers/{id}/contacts", STAFF, Api_customer_contacts, READ},
    {"GET", "/api/v1/wrapcodes", STAFF, Api_wrapcodes_list, READ},
    {"PUT", "/api/v1/wrapcodes/{code}", ADMIN, Api_wrapcode_put, WRITE},
    {"POST", "/api/v1/contacts", FRONTLINE, Api_contact_create, WRITE},
    {"GET", "/api/v1/contacts/{id}", STAFF, Api_contact_get, READ},
    {"GET", "/api/v1/reports/contacts.csv", OVERSIGHT, Api_report_contacts_csv, READ},
    {"GET", "/api/v1/stats/today", OVERSIGHT, Api_stats_today, READ},
    {"GET", "/api/v1/audit", OVERSIGHT, Api_audit_list, READ},
};
const size_t Routes_count = sizeof Routes_table / sizeof Routes_table[0];
