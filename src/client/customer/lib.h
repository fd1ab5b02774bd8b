/* customer: the customer's single view and its forms: the record
 * (view_customer), change of details (view_customer_edit), a new customer
 * (view_customer_new), yours and theirs after a 412 (view_conflict), the
 * contact history (view_history); the identity check (identity: the
 * methods, identity_check: the questions) and the warnings every record
 * shows alike (warnings). */
#ifndef FD_CUSTOMER_LIB_H
#define FD_CUSTOMER_LIB_H
#include "client/customer/identity.h"
#include "client/customer/identity_check.h"
#include "client/customer/view_customer_edit.h"
#include "client/customer/view_customer_new.h"
#include "client/customer/warnings.h"
#endif
