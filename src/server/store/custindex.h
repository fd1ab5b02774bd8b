/* custindex: the search index for one customer (a store: its SQL is in
 * custindex.c).
 *
 * Two structures: customer_names (FTS5) holds folded name keys for
 * prefix, any-order, accent- and case-insensitive name search in any
 * script;
 * customer_ident holds normalised exact identifiers (postcode, phone,
 * e-mail, customer reference, account references) for lookups that
 * rank first. Both are rebuilt from the stored rows, so any write path
 * calls Custindex_update after changing a customer.
 *
 * DIALECT: customer_names is an SQLite FTS5 table keyed by rowid (the
 * customer id); PostgreSQL would keep the keys in a tsvector column with
 * a GIN index. The rest is portable SQL (customer_ident inserts skip a
 * repeat with ON CONFLICT … DO NOTHING). */
#ifndef FD_STORE_CUSTINDEX_H
#define FD_STORE_CUSTINDEX_H
#include "server/store/store.h"

int Custindex_update(Db *db, long long customer_id);

/* Rebuilds the keys of the customers listed in customer_names_stale (the
 * names whose folding changed in schema 11) and empties the list, in one
 * transaction. Returns how many were rebuilt, or -1. */
long long Custindex_refresh_stale(Db *db);

#endif
