/* contact_calls: which phone call (screen pop, store/calls.h) a contact
 * was the answer to, so the contact records the call's wait and the
 * service its dialled number was for. One contact per call. */
#ifndef FD_STORE_CONTACT_CALLS_H
#define FD_STORE_CONTACT_CALLS_H
#include <jansson.h>

#include "server/store/store.h"

typedef enum {
    CONTACT_CALL_OK,        /* taken by this advisor, on no contact yet */
    CONTACT_CALL_UNKNOWN,   /* no such call, or offered to someone else */
    CONTACT_CALL_NOT_TAKEN, /* offered but never answered (POST /calls/{id}/take) */
    CONTACT_CALL_RECORDED,  /* already on another contact */
} ContactCallCheck;

ContactCallCheck Contact_calls_check(Db *db, long long call_id, long long user_id);
/* 0, or -1. In the contact's transaction. */
int Contact_calls_link(Db *db, long long contact_id, long long call_id);
/* {id, service ({code, name} or null), queued_seconds}, or JSON null when
 * the contact answered no call. */
json_t *Contact_calls_json(Db *db, long long contact_id);

#endif
