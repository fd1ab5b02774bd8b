/* audit: who read or changed what, when and why: the handlers' side, which
 * takes the acting user and request ids from the Request and answers 503
 * when the trail cannot be written. The rows themselves, and the SQL, are
 * in store/audit.h. Rows are only ever added.
 *
 * Every read of personal data is audited against the person, and nothing is
 * shown that the trail lacks. A record, or a list carrying more than names
 * and references (dates of birth, phones, e-mail, addresses, flag details),
 * gets one row per customer (Audit_record, Audit_each), written in the
 * transaction that reads it:
 *
 *     if (!Audit_read_begin(rq, r)) return;
 *     ... read, build the reply ...
 *     Audit_read_done(rq, r, Audit_record(rq, "case.read", customer, ref));
 *
 * A list of names and references gets one row naming every customer shown
 * (Audit_list), which the audit's customer filter finds too; it needs no
 * transaction around the read (polls stay reads):
 *
 *     ... read, build the reply, Audit_shown_add each customer ...
 *     Audit_read_done(rq, r, Audit_list(rq, "queue.items", team, &shown));
 *
 * A list whose audit must share the read's transaction without holding
 * the write lock through the read (customer search) opens it with
 * Audit_list_begin instead, and reads again once if the snapshot went stale.
 *
 * Either kind of list, unchanged and fetched again by the same user within
 * AUDIT_REPEAT_SECONDS, is not re-audited: clients poll queues. */
#ifndef FD_AUDIT_H
#define FD_AUDIT_H
#include "server/request.h"
#include "server/store/audit.h"

/* Record an action by the request's user on a customer (0 for none).
 * reason is a short code: "search", "direct", ... */
int Audit_record(Request *rq, const char *action, long long customer_id, const char *reason);
/* Note a customer as shown (ids <= 0, repeats and overflow are ignored). */
void Audit_shown_add(AuditShown *shown, long long customer_id);
/* Note the customer of every item of a JSON array, whose `key` holds
 * the customer's id as a string (missing or null: no customer). */
void Audit_shown_from(AuditShown *shown, const json_t *items, const char *key);
/* A list of names and references: one row, every customer shown linked to
 * it. Nothing to record for an empty list. 0, or -1 if the trail failed. */
int Audit_list(Request *rq, const char *action, const char *reason, const AuditShown *shown);
/* A list carrying personal details: one row per customer shown. */
int Audit_each(Request *rq, const char *action, const char *reason, const AuditShown *shown);
/* Open the transaction a personal-data read and its audit share; false
 * (with a 503 in r) if it cannot be opened. */
bool Audit_read_begin(Request *rq, Reply *r);
/* The same for a list whose audit must share the read's snapshot but
 * should not hold the write lock through it (a search): a plain read,
 * upgraded only when there is a new row to write. The upgrade fails if
 * another write landed since the snapshot; the caller then reads again
 * once with lock true (the write lock up front). */
bool Audit_list_begin(Request *rq, Reply *r, bool lock);
/* Finish an audited read, given what recording it returned: commit the
 * transaction Audit_read_begin opened, if any. A failed record or commit
 * replaces whatever r holds with a 503: nothing unaudited is shown. A
 * handler that replied 4xx has nothing to record. */
bool Audit_read_done(Request *rq, Reply *r, int audit_rc);

#endif
