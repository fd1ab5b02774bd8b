/* store/reports: the figures supervisors read, from the contacts table:
 * the rows of the avoidable-demand export and today's live KPIs.
 *
 * DIALECT: the export counts a contact's cases with SQLite's
 * json_array_length over the stored case_refs text (PostgreSQL:
 * json_array_length(case_refs::json)). */
#ifndef FD_STORE_REPORTS_H
#define FD_STORE_REPORTS_H
#include <jansson.h>

#include "server/store/store.h"

/* contact_id, started_at, ended_at, channel, handle_seconds, wrap_topic,
 * wrap_topic_label, wrap_code, wrap_label, outcome, avoidable (yes/no),
 * avoidable_reason, progress_chasing (yes/no), customer_has_email
 * (yes/no/anonymous), script_id, case_count: the CSV's columns. */
#define REPORTS_COLUMNS 16
typedef void (*ReportsRowFn)(const char *const cells[REPORTS_COLUMNS], void *ctx);

/* Every contact started in [from, to) (UTC timestamps), oldest first, each
 * passed to fn (NULL cells for none). 0, or -1 if it could not be read. */
int Reports_contacts(Db *db, const char *from, const char *to, ReportsRowFn fn, void *ctx);

/* Contacts started since a UTC timestamp. */
typedef struct ReportsToday {
    long long contacts, resolved, answered, avoidable; /* answered: not abandoned */
    double average_handle_seconds;
} ReportsToday;
/* 0, or -1 if the figures could not be read. */
int Reports_today(Db *db, const char *since, ReportsToday *out);
/* The five commonest wrap codes since then: [{"code", "label", "count"}]. */
json_t *Reports_top_wraps(Db *db, const char *since);

#endif
