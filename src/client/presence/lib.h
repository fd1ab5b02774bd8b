/* presence: the advisor's state (ready, on a contact, wrap-up, on a
 * break with a reason, away), kept on the server from what they do. */
#ifndef FD_PRESENCE_LIB_H
#define FD_PRESENCE_LIB_H
#include "client/presence/presence.h"
#endif
