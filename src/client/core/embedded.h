/* embedded: the built-in keymap and screens, compiled into the binary by
 * embedded_data.S with .incbin, so frontdoor works with no data files at all. */
#ifndef FD_EMBEDDED_H
#define FD_EMBEDDED_H

extern const char fd_embedded_default_keymap[];
extern const char fd_embedded_search_screen[];
extern const char fd_embedded_customer_screen[];

/* The NUL-terminated text for "keymaps/default.keymap",
 * "screens/search.screen" or "screens/customer.screen"; NULL otherwise. */
const char *Embedded_get(const char *name);

#endif
