/* work_views: the views of issue 5 beyond the wrap-up, and their
 * entry points from the search and customer views. */
#ifndef FD_WORK_VIEWS_H
#define FD_WORK_VIEWS_H
#include <jansson.h>

#include "client/core/view.h"

/* A customer record's home address: the first "home" entry, else the first. */
const json_t *CustomerEdit_home(const json_t *rec);

/* The outbox handlers for customer writes (kinds customer.update and
 * customer.create), registered at start-up. */
void Customer_forms_init(void);
void Customer_new_register(void);   /* view_customer_new.c's part of it */
/* The customer view: reload after a change of details landed. */
void Customer_forms_reload_hook(void (*fn)(const char *customer_id));

#endif
