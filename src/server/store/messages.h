/* messages: a supervisor's words to one person or one team, and who has
 * read them (per reader: a team message is read by each member on their
 * own). The words are only ever shown by GET /api/v1/messages/{id},
 * which audits the read; lists and events carry ids.
 *
 * DIALECT: none. */
#ifndef FD_STORE_MESSAGES_H
#define FD_STORE_MESSAGES_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

#define MESSAGES_TEXT_MAX 500

typedef struct MessageHead {
    long long sender, to_user;   /* to_user 0: to a team */
    char to_team[64];            /* "" when to a user */
} MessageHead;

/* Store a message; its id or -1. to_team NULL when to a user. */
long long Messages_insert(Db *db, long long sender, long long to_user, const char *to_team,
                          const char *text);
/* Who sent it and to whom; false when there is no such message. */
bool Messages_head(Db *db, long long id, MessageHead *head);
/* The message as the API shows it, text and all, with reader's read_at
 * (null when unread); NULL when absent. */
json_t *Messages_get(Db *db, long long id, long long reader);
/* Mark it read by reader (again is no change); 0 or -1. */
int Messages_mark_read(Db *db, long long id, long long reader);
/* Unread messages to user or a team they are a member of, newest first,
 * at most limit: [{id, from, to_user, to_team, created_at}], no text. */
json_t *Messages_unread(Db *db, long long user, int limit);
/* How many Messages_unread would list without a limit. */
long long Messages_unread_count(Db *db, long long user);

#endif
