/* The whole API in one table. docs/openapi.yaml describes the same routes;
 * tests/api/test_contract.py checks the two agree. */
#include "server/api.h"
#include "server/roles.h"

#define PUBLIC 0u
#define STAFF ROLES_STAFF
#define OVERSIGHT (ROLE_SUPERVISOR | ROLE_ADMIN)

const Route Routes_table[] = {
    {"GET", "/healthz", PUBLIC, Api_healthz},
    {"GET", "/metrics", PUBLIC, Api_metrics},
    {"POST", "/api/v1/auth/login", PUBLIC, Api_login},
    {"POST", "/api/v1/auth/logout", STAFF, Api_logout},
    {"GET", "/api/v1/me", STAFF, Api_me},
    {"GET", "/api/v1/customers", STAFF, Api_customer_search},
    {"GET", "/api/v1/customers/{id}", STAFF, Api_customer_get},
    {"GET", "/api/v1/audit", OVERSIGHT, Api_audit_list},
};
const size_t Routes_count = sizeof Routes_table / sizeof Routes_table[0];
