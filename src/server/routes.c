/* The whole API in one table. docs/openapi.yaml describes the same routes;
 * tests/api/test_contract.py checks the two agree. Order matters only where
 * a literal segment and a {param} could both match: literal first. */
#include "server/api.h"
#include "server/roles.h"

#define PUBLIC 0u
#define STAFF ROLES_STAFF
/* Trainers work in the training sandbox; they never write live records. */
#define FRONTLINE (ROLE_ADVISOR | ROLE_BACKOFFICE | ROLE_SUPERVISOR | ROLE_ADMIN)
/* Live records carrying a customer's personal details. Trainers are kept
 * out until the training sandbox exists (issue 9.6); server.c tells them
 * so in plain words. */
#define LIVE_DATA FRONTLINE
#define OVERSIGHT (ROLE_SUPERVISOR | ROLE_ADMIN)
#define ADMIN ROLE_ADMIN
#define AUTHORS (ROLE_TRAINER | ROLE_ADMIN)
#define EDITORS (ROLE_TRAINER | ROLE_SUPERVISOR | ROLE_ADMIN)
#define READ 0u
#define WRITE ROUTE_WRITE

const Route Routes_table[] = {
    {"GET", "/healthz", PUBLIC, Api_healthz, READ},
    {"GET", "/metrics", PUBLIC, Api_metrics, READ},
    {"POST", "/api/v1/auth/login", PUBLIC, Api_login, ROUTE_SLOW},
    {"POST", "/api/v1/auth/logout", STAFF, Api_logout, READ},
    {"GET", "/api/v1/me", STAFF, Api_me, READ},
    {"GET", "/api/v1/customers", LIVE_DATA, Api_customer_search, READ},
    {"POST", "/api/v1/customers", FRONTLINE, Api_customer_create, WRITE},
    {"GET", "/api/v1/customers/matches", FRONTLINE, Api_customer_matches, READ},
    {"GET", "/api/v1/customers/{id}", LIVE_DATA, Api_customer_get, READ},
    {"PATCH", "/api/v1/customers/{id}", FRONTLINE, Api_customer_update, WRITE},
    {"POST", "/api/v1/customers/{id}/reveal", LIVE_DATA, Api_customer_reveal, READ},
    {"GET", "/api/v1/customers/{id}/contacts", LIVE_DATA, Api_customer_contacts, READ},
    {"GET", "/api/v1/wrapcodes", STAFF, Api_wrapcodes_list, READ},
    {"PUT", "/api/v1/wrapcodes/{code}", ADMIN, Api_wrapcode_put, WRITE},
    {"POST", "/api/v1/contacts", FRONTLINE, Api_contact_create, WRITE},
    {"GET", "/api/v1/contacts/{id}", LIVE_DATA, Api_contact_get, READ},
    {"GET", "/api/v1/services", STAFF, Api_services_list, READ},
    {"GET", "/api/v1/services/{code}", STAFF, Api_service_get, READ},
    {"GET", "/api/v1/scripts", STAFF, Api_scripts_list, READ},
    {"GET", "/api/v1/scripts/{id}", STAFF, Api_script_get, READ},
    {"PUT", "/api/v1/scripts/{id}", AUTHORS, Api_script_put, WRITE},
    {"GET", "/api/v1/kb", STAFF, Api_kb_search, READ},
    {"POST", "/api/v1/kb", EDITORS, Api_kb_create, WRITE},
    {"GET", "/api/v1/kb/{id}", STAFF, Api_kb_get, READ},
    {"PUT", "/api/v1/kb/{id}", EDITORS, Api_kb_update, WRITE},
    {"POST", "/api/v1/cases", FRONTLINE, Api_case_create, WRITE},
    {"GET", "/api/v1/cases", LIVE_DATA, Api_cases_list, READ},
    {"GET", "/api/v1/cases/{ref}", LIVE_DATA, Api_case_get, READ},
    {"PATCH", "/api/v1/cases/{ref}", FRONTLINE, Api_case_update, WRITE},
    {"POST", "/api/v1/cases/{ref}/notes", FRONTLINE, Api_case_note, WRITE},
    {"GET", "/api/v1/cases/{ref}/events", LIVE_DATA, Api_case_events, READ},
    {"POST", "/api/v1/cases/{ref}/handoff", FRONTLINE, Api_case_handoff, WRITE},
    {"GET", "/api/v1/events", STAFF, Api_events, READ}, /* long-poll: server.c holds it */
    {"GET", "/api/v1/queues", STAFF, Api_queues_list, READ},
    {"GET", "/api/v1/queues/{team}/items", LIVE_DATA, Api_queue_items, READ},
    {"POST", "/api/v1/queues/{team}/claim", FRONTLINE, Api_queue_claim, WRITE},
    {"POST", "/api/v1/callbacks", FRONTLINE, Api_callback_create, WRITE},
    {"GET", "/api/v1/callbacks", LIVE_DATA, Api_callbacks_list, READ},
    {"POST", "/api/v1/callbacks/{id}/complete", FRONTLINE, Api_callback_complete, WRITE},
    {"GET", "/api/v1/reports/contacts.csv", OVERSIGHT, Api_report_contacts_csv, READ},
    {"GET", "/api/v1/stats/today", OVERSIGHT, Api_stats_today, READ},
    {"GET", "/api/v1/audit", OVERSIGHT, Api_audit_list, READ},
    /* Accounts and team membership (api_users.c; who may do what: authz.h) */
    {"GET", "/api/v1/admin/users", ADMIN, Api_admin_users_list, READ},
    {"POST", "/api/v1/admin/users", ADMIN, Api_admin_user_create, WRITE},
    {"PATCH", "/api/v1/admin/users/{name}", ADMIN, Api_admin_user_update, WRITE},
    {"GET", "/api/v1/users/{name}/teams", STAFF, Api_user_teams, READ},
    {"POST", "/api/v1/users/{name}/teams", OVERSIGHT, Api_user_team_add, WRITE},
    {"DELETE", "/api/v1/users/{name}/teams/{team}", OVERSIGHT, Api_user_team_remove, WRITE},
    {"GET", "/api/v1/people", STAFF, Api_people_list, READ},
    /* Presence, messages and my work (branch ev-live, issue 12) */
    {"GET", "/api/v1/me/presence", STAFF, Api_presence_me, READ},
    {"PUT", "/api/v1/me/presence", STAFF, Api_presence_put, WRITE},
    {"GET", "/api/v1/me/work", LIVE_DATA, Api_my_work, READ},
    {"GET", "/api/v1/presence", OVERSIGHT, Api_presence_list, READ},
    {"GET", "/api/v1/break-reasons", STAFF, Api_break_reasons, READ},
    {"POST", "/api/v1/messages", OVERSIGHT, Api_message_send, WRITE},
    {"GET", "/api/v1/messages/{id}", STAFF, Api_message_get, READ},
    {"POST", "/api/v1/messages/{id}/read", STAFF, Api_message_read, WRITE},
    /* Screen pop (api_calls.c): the phone system's writes check its own
     * X-Api-Key; an advisor reads and takes the calls offered to them. */
    {"POST", "/api/v1/calls", PUBLIC, Api_call_offer, WRITE},
    {"GET", "/api/v1/calls/{id}", LIVE_DATA, Api_call_get, READ},
    {"POST", "/api/v1/calls/{id}/take", FRONTLINE, Api_call_take, WRITE},
    {"POST", "/api/v1/calls/{id}/end", PUBLIC, Api_call_end, WRITE},
    /* Open311 GeoReport v2: public; POST checks the client's own api_key. */
    {"GET", "/open311/v2/services.json", PUBLIC, Api_open311_services, READ},
    {"GET", "/open311/v2/services/{service_code}.json", PUBLIC, Api_open311_service_definition, READ},
    {"POST", "/open311/v2/requests.json", PUBLIC, Api_open311_request_create, WRITE},
    {"GET", "/open311/v2/requests.json", PUBLIC, Api_open311_requests, READ},
    {"GET", "/open311/v2/requests/{id}.json", PUBLIC, Api_open311_request_get, READ},
};
const size_t Routes_count = sizeof Routes_table / sizeof Routes_table[0];
