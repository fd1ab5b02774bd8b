#include "server/custstore.h"

#include <stdio.h>

#include "server/store/custindex.h"

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

static int insert_children(Db *db, long long id, const CustomerIn *c)
{
    for (int i = 0; i < c->naddresses; i++) {
        const CustomerAddress *a = &c->addresses[i];
        DbStmt *st = Db_stmt(db, SQL_INSERT_ADDRESS);
        if (!st) return -1;
        Db_bind_int64(st, 1, id);
        Db_bind_int(st, 2, i);
        Db_bind_text(st, 3, a->kind ? a->kind : "home");
        Db_bind_text(st, 4, a->line1);
        Db_bind_text(st, 5, a->line2);
        Db_bind_text(st, 6, a->town);
        Db_bind_text(st, 7, a->postcode);
        if (Db_step(st) != DB_DONE) return -1;
    }
    for (int i = 0; i < c->naccounts; i++) {
        const CustomerAccount *a = &c->accounts[i];
        DbStmt *st = Db_stmt(db, SQL_INSERT_ACCOUNT);
        if (!st) return -1;
        Db_bind_int64(st, 1, id);
        Db_bind_text(st, 2, a->type);
        Db_bind_text(st, 3, a->reference);
        Db_bind_text(st, 4, a->status);
        if (Db_step(st) != DB_DONE) return -1;
    }
    for (int i = 0; i < c->nflags; i++) {
        const CustomerFlag *f = &c->flags[i];
        DbStmt *st = Db_stmt(db, SQL_INSERT_FLAG);
        if (!st) return -1;
        Db_bind_int64(st, 1, id);
        Db_bind_text(st, 2, f->code);
        Db_bind_text(st, 3, f->detail);
        Db_bind_text(st, 4, f->since);
        if (Db_step(st) != DB_DONE) return -1;
    }
    return 0;
}

long long Custstore_insert(Db *db, const CustomerIn *c, const char *now)
{
    long long id = next_id(db);
    if (id < 0 || insert_row(db, id, c, now) < 0 || insert_children(db, id, c) < 0 ||
        Custindex_update(db, id) < 0)
        return -1;
    return id;
}
