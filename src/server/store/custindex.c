#include "server/store/custindex.h"

#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "server/store/db.h"

static const char SQL_DELETE_NAMES[] = "DELETE FROM customer_names WHERE rowid = ?1";
static const char SQL_DELETE_IDENTS[] = "DELETE FROM customer_ident WHERE customer_id = ?1";
static const char SQL_INSERT_NAMES[] = "INSERT INTO customer_names (rowid, keys) VALUES (?1, ?2)";
static const char SQL_INSERT_IDENT[] =
    "INSERT INTO customer_ident (value, customer_id, kind) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (value, customer_id) DO NOTHING";
static const char SQL_CUSTOMER[] =
    "SELECT given_name, family_name, phone, mobile, email, customer_ref FROM customers WHERE id = ?1";
static const char SQL_POSTCODES[] = "SELECT postcode FROM addresses WHERE customer_id = ?1";
static const char SQL_ACCOUNTS[] = "SELECT reference FROM service_accounts WHERE customer_id = ?1";
static const char SQL_CASE_REFS[] = "SELECT ref FROM cases WHERE customer_id = ?1";
static const char SQL_STALE[] =
    "SELECT customer_id FROM customer_names_stale JOIN customers ON customers.id = customer_id";

static int run_id(Db *db, const char *sql, long long id)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

static int add_ident(Db *db, long long id, const char *kind, const char *value)
{
    if (!value || !value[0])
        return 0;
    DbStmt *st = Db_stmt(db, SQL_INSERT_IDENT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, value);
    Db_bind_int64(st, 2, id);
    Db_bind_text(st, 3, kind);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

/* Normalise with `norm` and index under `kind`. */
static int add_norm(Db *db, long long id, const char *kind, const char *raw,
                    size_t (*norm)(const char *, char *, size_t))
{
    char value[256];
    if (!raw || norm(raw, value, sizeof value) == 0)
        return 0;
    return add_ident(db, id, kind, value);
}

static int index_names(Db *db, long long id, const char *given, const char *family)
{
    char full[1024], keys[2048];
    Text_format(full, sizeof full, "%s %s", given ? given : "", family ? family : "");
    Text_name_keys(full, keys, sizeof keys);
    DbStmt *st = Db_stmt(db, SQL_INSERT_NAMES);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    Db_bind_text(st, 2, keys);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

/* Every row of a one-column query as an identifier of `kind`. Inserting
 * while stepping is safe: the rows come from another table. */
static int index_column_list(Db *db, long long id, const char *sql, const char *kind)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    int rc = 0;
    while (rc == 0 && Db_step(st) == DB_ROW) {
        char value[64];
        const char *v = Db_col_text(st, 0);
        Text_alnum_upper(v ? v : "", value, sizeof value);
        rc = add_ident(db, id, kind, value);
    }
    Db_reset(st);
    return rc;
}

static void column_copy(DbStmt *st, int col, char *out, size_t cap)
{
    const char *v = Db_col_text(st, col);
    Text_format(out, cap, "%s", v ? v : "");
}

int Custindex_update(Db *db, long long id)
{
    if (run_id(db, SQL_DELETE_NAMES, id) < 0 || run_id(db, SQL_DELETE_IDENTS, id) < 0)
        return -1;
    DbStmt *st = Db_stmt(db, SQL_CUSTOMER);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW)
        return -1;
    /* 100-character names at up to 4 bytes each; copies end on a whole
     * character whatever older rows hold. */
    char given[512], family[512], phone[64], mobile[64], email[1024], ref[32];
    column_copy(st, 0, given, sizeof given);
    column_copy(st, 1, family, sizeof family);
    column_copy(st, 2, phone, sizeof phone);
    column_copy(st, 3, mobile, sizeof mobile);
    column_copy(st, 4, email, sizeof email);
    column_copy(st, 5, ref, sizeof ref);
    Db_reset(st);
    if (index_names(db, id, given, family) < 0 ||
        add_norm(db, id, "phone", phone, Text_phone) < 0 ||
        add_norm(db, id, "phone", mobile, Text_phone) < 0 ||
        add_norm(db, id, "email", email, Text_email) < 0 ||
        add_norm(db, id, "customer_ref", ref, Text_alnum_upper) < 0 ||
        index_column_list(db, id, SQL_POSTCODES, "postcode") < 0 ||
        index_column_list(db, id, SQL_ACCOUNTS, "account") < 0 ||
        index_column_list(db, id, SQL_CASE_REFS, "case_ref") < 0)
        return -1;
    return 0;
}

long long Custindex_refresh_stale(Db *db)
{
    DbStmt *st = Db_stmt(db, SQL_STALE);
    if (!st || Db_begin(db) < 0)
        return -1;
    long long n = 0;
    int rc = 0;
    /* Rewriting the index while stepping is safe: the ids come from
     * another table. */
    while (rc == 0 && Db_step(st) == DB_ROW) {
        rc = Custindex_update(db, Db_col_int64(st, 0));
        n++;
    }
    Db_reset(st);
    if (rc < 0 || Db_exec(db, "DELETE FROM customer_names_stale") < 0) {
        Db_rollback(db);
        return -1;
    }
    return Db_commit(db) < 0 ? -1 : n;
}
