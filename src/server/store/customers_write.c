/* customers: writing customer records (customers.h). */
#include "server/store/customers.h"

#include <stdio.h>
#include <string.h>

#include "server/store/custindex.h"
#include "server/store/db.h"

static const char SQL_NEXT_ID[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM customers";
static const char SQL_INSERT_CUSTOMER[] =
    "INSERT INTO customers (id, customer_ref, title, given_name, family_name, date_of_birth,"
    " phone, mobile, email, preferred_channel, language, interpreter_language,"
    " accessibility_needs, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE(?10, 'phone'),"
    " COALESCE(?11, 'English'), ?12, ?13, ?14, ?14)";
static const char SQL_INSERT_ADDRESS[] =
    "INSERT INTO addresses (customer_id, position, kind, line1, line2, town, postcode)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_INSERT_ACCOUNT[] =
    "INSERT INTO service_accounts (customer_id, type, reference, status)"
    " VALUES (?1, ?2, ?3, COALESCE(?4, 'active'))";
static const char SQL_INSERT_FLAG[] =
    "INSERT INTO customer_flags (customer_id, code, detail, since) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_HOME[] = "SELECT id FROM addresses WHERE customer_id = ?1 AND position = 0";
static const char SQL_HOME_UPDATE[] =
    "UPDATE addresses SET line1 = ?2, line2 = ?3, town = ?4, postcode = ?5 WHERE id = ?1";
static const char SQL_BUMP[] =
    "UPDATE customers SET version = version + 1, updated_at = ?2 WHERE id = ?1";

/* One statement per updatable column: the SQL never depends on input.
 * The columns that may not be cleared are NOT NULL in the schema. */
static const struct { const char *field; const char *sql; bool clearable; } columns[] = {
    {"phone", "UPDATE customers SET phone = ?2 WHERE id = ?1", true},
    {"mobile", "UPDATE customers SET mobile = ?2 WHERE id = ?1", true},
    {"email", "UPDATE customers SET email = ?2 WHERE id = ?1", true},
    {"preferred_channel", "UPDATE customers SET preferred_channel = ?2 WHERE id = ?1", false},
    {"accessibility_needs", "UPDATE customers SET accessibility_needs = ?2 WHERE id = ?1", true},
    {"language", "UPDATE customers SET language = ?2 WHERE id = ?1", false},
    {"interpreter_language", "UPDATE customers SET interpreter_language = ?2 WHERE id = ?1", true},
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static long long next_id(Db *db)
{
    DbStmt *st = Db_stmt(db, SQL_NEXT_ID);
    long long id = -1;
    if (st && Db_step(st) == DB_ROW)
        id = Db_col_int64(st, 0);
    if (st)
        Db_reset(st); /* a statement left mid-row keeps its read snapshot open */
    return id;
}

static int insert_row(Db *db, long long id, const CustomerIn *c, const char *now)
{
    char ref[24];
    snprintf(ref, sizeof ref, "CUS%07lld", id);
    DbStmt *st = Db_stmt(db, SQL_INSERT_CUSTOMER);
    if (!st)
        return -1;
    const char *text[] = {ref, c->title, c->given_name, c->family_name, c->date_of_birth,
                          c->phone, c->mobile, c->email, c->preferred_channel, c->language,
                          c->interpreter_language, c->accessibility_needs, now};
    Db_bind_int64(st, 1, id);
    for (int i = 0; i < (int)(sizeof text / sizeof text[0]); i++)
        Db_bind_text(st, i + 2, text[i]);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

/* One row written: an id in ?1, then the texts in ?2, ?3 …; a position
 * (when not negative) goes first, as ?2. */
static int write_row(Db *db, const char *sql, long long id, int position,
                        const char *const *text, int ntext)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    int idx = 1;
    Db_bind_int64(st, idx++, id);
    if (position >= 0)
        Db_bind_int(st, idx++, position);
    for (int i = 0; i < ntext; i++)
        Db_bind_text(st, idx++, text[i]);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

static int write_rowren(Db *db, long long id, const CustomerIn *c)
{
    for (int i = 0; i < c->naddresses; i++) {
        const CustomerAddress *a = &c->addresses[i];
        const char *t[] = {a->kind ? a->kind : "home", a->line1, a->line2, a->town, a->postcode};
        if (write_row(db, SQL_INSERT_ADDRESS, id, i, t, 5) < 0)
            return -1;
    }
    for (int i = 0; i < c->naccounts; i++) {
        const CustomerAccount *a = &c->accounts[i];
        const char *t[] = {a->type, a->reference, a->status};
        if (write_row(db, SQL_INSERT_ACCOUNT, id, -1, t, 3) < 0)
            return -1;
    }
    for (int i = 0; i < c->nflags; i++) {
        const CustomerFlag *f = &c->flags[i];
        const char *t[] = {f->code, f->detail, f->since};
        if (write_row(db, SQL_INSERT_FLAG, id, -1, t, 3) < 0)
            return -1;
    }
    return 0;
}

long long Customers_insert(Db *db, const CustomerIn *c, const char *now)
{
    long long id = next_id(db);
    if (id < 0 || insert_row(db, id, c, now) < 0 || write_rowren(db, id, c) < 0 ||
        Custindex_update(db, id) < 0)
        return -1;
    return id;
}

const char *Customers_field(size_t i, bool *clearable)
{
    if (i >= NCOLUMNS)
        return NULL;
    *clearable = columns[i].clearable;
    return columns[i].field;
}

int Customers_set_field(Db *db, long long id, const char *field, const char *value)
{
    for (size_t i = 0; i < NCOLUMNS; i++)
        if (strcmp(columns[i].field, field) == 0)
            return write_row(db, columns[i].sql, id, -1, &value, 1);
    return -1;
}

/* The same bindings for both statements: the row's id in ?1, the lines
 * after it. */
int Customers_set_home(Db *db, long long id, const CustomerAddress *a)
{
    long long addr = 0;
    const char *t[] = {a->line1, a->line2, a->town, a->postcode};
    if (Db_lookup_int(db, SQL_HOME, NULL, id, &addr))
        return write_row(db, SQL_HOME_UPDATE, addr, -1, t, 4);
    const char *home[] = {"home", a->line1, a->line2, a->town, a->postcode};
    return write_row(db, SQL_INSERT_ADDRESS, id, 0, home, 5);
}

int Customers_touch(Db *db, long long id, const char *now)
{
    if (write_row(db, SQL_BUMP, id, -1, &now, 1) < 0)
        return -1;
    return Custindex_update(db, id);
}
