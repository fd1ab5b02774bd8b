/* views: the ops tables of every view, and the few calls between them. */
#ifndef FD_VIEWS_H
#define FD_VIEWS_H
#include "client/core/view.h"

extern const ViewOps view_login_ops;
extern const ViewOps view_search_ops;
extern const ViewOps view_customer_ops;
extern const ViewOps view_help_ops;
extern const ViewOps view_lock_ops;

/* The customer view's record (id, display_name, flags...), or NULL while
 * it loads or when v is not a customer view. */
const json_t *ViewCustomer_record(const View *v);

/* Search: put the cursor in the search box (a no-op when v is not the
 * search view), as "/" from a record promises. */
void ViewSearch_focus_box(View *v);

/* Login: verify a token found in the keyring with GET /me. */
void ViewLogin_verify(View *v, const char *token, const char *username, const char *expires_at);
/* Login: show the form (after a keyring check found nothing usable). */
void ViewLogin_ready(View *v, const char *note);

#endif
