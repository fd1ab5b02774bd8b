/* view_customer_new: the new-customer form (a possible duplicate is
 * shown before it is created). */
#ifndef FD_VIEW_CUSTOMER_NEW_H
#define FD_VIEW_CUSTOMER_NEW_H

/* The outbox handler for customer.create (view_customer_edit's init). */
void ViewCustomerNew_register(void);

#endif
