/* contact: the live contact and its handle-time clock (contact), the
 * wrap-up it must end in and the wrap-code tree (wrapup: view_wrapup,
 * wrapcodes), and call-backs (view_callback, callback_when). */
#ifndef FD_CONTACT_LIB_H
#define FD_CONTACT_LIB_H
#include "client/contact/contact.h"
#include "client/contact/wrapup.h"
#endif
