/* api: the handlers behind each route (one file per resource, api_*.c). */
#ifndef FD_API_H
#define FD_API_H
#include "server/router.h"

/* api_auth.c */
void Api_login(Request *rq, Reply *r);
void Api_logout(Request *rq, Reply *r);
void Api_me(Request *rq, Reply *r);
/* api_customers.c */
void Api_customer_search(Request *rq, Reply *r);
void Api_customer_get(Request *rq, Reply *r);
void Api_customer_reveal(Request *rq, Reply *r);
/* api_customer_write.c */
void Api_customer_create(Request *rq, Reply *r);
void Api_customer_matches(Request *rq, Reply *r);
void Api_customer_update(Request *rq, Reply *r);
/* api_contacts.c */
void Api_contact_create(Request *rq, Reply *r);
void Api_contact_get(Request *rq, Reply *r);
void Api_customer_contacts(Request *rq, Reply *r);
/* api_wrapcodes.c */
void Api_wrapcodes_list(Request *rq, Reply *r);
void Api_wrapcode_put(Request *rq, Reply *r);
/* api_reports.c */
void Api_report_contacts_csv(Request *rq, Reply *r);
void Api_stats_today(Request *rq, Reply *r);
/* api_catalogue.c */
void Api_services_list(Request *rq, Reply *r);
void Api_service_get(Request *rq, Reply *r);
void Api_scripts_list(Request *rq, Reply *r);
void Api_script_get(Request *rq, Reply *r);
void Api_script_put(Request *rq, Reply *r);
/* api_kb.c */
void Api_kb_search(Request *rq, Reply *r);
void Api_kb_get(Request *rq, Reply *r);
void Api_kb_create(Request *rq, Reply *r);
void Api_kb_update(Request *rq, Reply *r);
/* api_cases.c, api_case_update.c */
void Api_case_create(Request *rq, Reply *r);
void Api_cases_list(Request *rq, Reply *r);  /* api_mycases.c */
void Api_case_get(Request *rq, Reply *r);
void Api_case_update(Request *rq, Reply *r);
void Api_case_note(Request *rq, Reply *r);
void Api_case_events(Request *rq, Reply *r);
void Api_case_handoff(Request *rq, Reply *r);
/* api_events.c (branch ev-core) */
void Api_events(Request *rq, Reply *r);
/* api_queues.c */
void Api_queues_list(Request *rq, Reply *r);
void Api_queue_items(Request *rq, Reply *r);
void Api_queue_claim(Request *rq, Reply *r);
/* api_callbacks.c */
void Api_callback_create(Request *rq, Reply *r);
void Api_callbacks_list(Request *rq, Reply *r);
void Api_callback_complete(Request *rq, Reply *r);
/* api_people.c: who a case can be handed to (h-info) */
void Api_people_list(Request *rq, Reply *r);
/* api_audit.c */
void Api_audit_list(Request *rq, Reply *r);
/* api_open311.c, api_open311_requests.c: Open311 GeoReport v2 */
void Api_open311_services(Request *rq, Reply *r);
void Api_open311_service_definition(Request *rq, Reply *r);
void Api_open311_request_create(Request *rq, Reply *r);
void Api_open311_requests(Request *rq, Reply *r);
void Api_open311_request_get(Request *rq, Reply *r);
/* "{id}.json" as the router captured it -> id; false without ".json". */
bool Api_open311_strip_json(const char *segment, char *out, size_t cap);
/* api_users.c: accounts (admin) and team membership */
void Api_admin_users_list(Request *rq, Reply *r);
void Api_admin_user_create(Request *rq, Reply *r);
void Api_admin_user_update(Request *rq, Reply *r);
void Api_user_teams(Request *rq, Reply *r);
void Api_user_team_add(Request *rq, Reply *r);
void Api_user_team_remove(Request *rq, Reply *r);
/* api_presence.c: advisor presence (branch ev-live, issue 12) */
void Api_presence_put(Request *rq, Reply *r);
void Api_presence_me(Request *rq, Reply *r);
void Api_presence_list(Request *rq, Reply *r);
void Api_break_reasons(Request *rq, Reply *r);
/* api_messages.c: supervisors' messages; api_mywork.c: what waits for me */
void Api_message_send(Request *rq, Reply *r);
void Api_message_get(Request *rq, Reply *r);
void Api_message_read(Request *rq, Reply *r);
void Api_my_work(Request *rq, Reply *r);
/* api_health.c */
/* api_calls.c: screen pop (issue 12) */
void Api_call_offer(Request *rq, Reply *r);
void Api_call_get(Request *rq, Reply *r);
void Api_call_take(Request *rq, Reply *r);
void Api_call_end(Request *rq, Reply *r);

void Api_healthz(Request *rq, Reply *r);
void Api_metrics(Request *rq, Reply *r);

/* Shared by handlers. A path id: decimal digits, positive. */
bool Api_parse_id(const char *s, long long *id);
void Api_reply_not_found(Reply *r, const char *what);
void Api_etag(Reply *r, long long version);

#endif
