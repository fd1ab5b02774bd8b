/* view_customer_edit: the change-of-details form, and the outbox
 * handlers for customer writes (kinds customer.update and customer.create)
 * that report them as they land. */
#ifndef FD_VIEW_CUSTOMER_EDIT_H
#define FD_VIEW_CUSTOMER_EDIT_H
#include <jansson.h>

/* At start-up: the outbox handlers for customer writes. */
void ViewCustomerEdit_init(void);
/* The customer view: reload after a change of details landed. */
void ViewCustomerEdit_reload_hook(void (*fn)(const char *customer_id));
/* A customer record's home address: the first "home" entry, else the first. */
const json_t *ViewCustomerEdit_home(const json_t *rec);

#endif
