/* store/contacts: contacts and the articles read on them (see
 * store/contacts.h). */
#include "server/store/contacts.h"

#include <stdio.h>

#include "common/jsonx.h"
#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_WRAP[] = "SELECT avoidable FROM wrap_codes WHERE code = ?1 AND active = 1";
static const char SQL_CUSTOMER_EXISTS[] = "SELECT 1 FROM customers WHERE id = ?1";
static const char SQL_ARTICLE_EXISTS[] = "SELECT 1 FROM kb_articles WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO contacts (customer_id, advisor_id, channel, started_at, ended_at,"
    " handle_seconds, wrap_code, outcome, avoidable, avoidable_reason, note, script_id,"
    " script_version, triage_response, case_refs, created_at, identity_check)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id";
static const char SQL_GET[] =
    "SELECT c.id, c.customer_id, c.advisor_id, u.display_name, c.channel, c.started_at,"
    " c.ended_at, c.handle_seconds, c.wrap_code, w.label, w.topic_code, c.outcome, c.avoidable,"
    " c.avoidable_reason, c.note, c.script_id, c.script_version, c.triage_response,"
    " c.case_refs, c.created_at, c.identity_check"
    " FROM contacts c JOIN users u ON u.id = c.advisor_id JOIN wrap_codes w ON w.code = c.wrap_code"
    " WHERE c.id = ?1";
static const char SQL_PAGE[] =
    "SELECT id FROM contacts WHERE customer_id = ?1 AND (?2 = 0 OR id < ?2)"
    " ORDER BY id DESC LIMIT ?3";
/* An article listed twice on one contact keeps its last answer. */
static const char SQL_INSERT_ARTICLE[] =
    "INSERT INTO contact_articles (contact_id, article_id, answered) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (contact_id, article_id) DO UPDATE SET answered = excluded.answered";
static const char SQL_ARTICLES[] =
    "SELECT ca.article_id, a.title, ca.answered FROM contact_articles ca"
    " LEFT JOIN kb_articles a ON a.id = ca.article_id WHERE ca.contact_id = ?1"
    " ORDER BY ca.answered DESC, ca.article_id";
static const char SQL_ARTICLE_USE[] =
    "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM contact_articles WHERE article_id = ?1";

bool Contacts_customer_exists(Db *db, long long customer_id)
{
    return Db_exists(db, SQL_CUSTOMER_EXISTS, NULL, customer_id);
}

bool Contacts_wrap_code(Db *db, const char *code, bool *avoidable)
{
    long long value = 0;
    bool found = Db_lookup_int(db, SQL_WRAP, code, 0, &value);
    *avoidable = value != 0;
    return found;
}

bool Contacts_article_exists(Db *db, const char *article_id)
{
    return Db_exists(db, SQL_ARTICLE_EXISTS, article_id, 0);
}

static int insert_articles(Db *db, long long contact_id, const json_t *articles)
{
    size_t i;
    json_t *it;
    json_array_foreach(articles, i, it) {
        DbStmt *st = Db_stmt(db, SQL_INSERT_ARTICLE);
        if (!st)
            return -1;
        Db_bind_int64(st, 1, contact_id);
        Db_bind_text(st, 2, Jsonx_str(it, "id", ""));
        Db_bind_int(st, 3, Jsonx_bool(it, "answer", false));
        int rc = Db_step(st);
        Db_reset(st);
        if (rc != DB_DONE)
            return -1;
    }
    return 0;
}

static void bind_contact(DbStmt *st, const ContactRow *c)
{
    char started[TIMEFMT_LEN], ended[TIMEFMT_LEN], now[TIMEFMT_LEN];
    Timefmt_utc((time_t)c->started, started);
    Timefmt_utc((time_t)c->ended, ended);
    Timefmt_utc(time(NULL), now);
    if (c->customer_id)
        Db_bind_int64(st, 1, c->customer_id);
    Db_bind_int64(st, 2, c->advisor_id);
    const char *text[] = {c->channel, started, ended};
    for (int i = 0; i < 3; i++)
        Db_bind_text(st, 3 + i, text[i]);
    Db_bind_int64(st, 6, c->ended - c->started);
    Db_bind_text(st, 7, c->wrap_code);
    Db_bind_text(st, 8, c->outcome);
    Db_bind_int(st, 9, c->avoidable);
    const char *rest[] = {c->avoidable_reason, c->note, c->script_id, c->script_version,
                          c->triage, c->case_refs, now};
    for (int i = 0; i < 7; i++)
        Db_bind_text(st, 10 + i, rest[i]);
    Db_bind_text(st, 17, c->identity);
}

long long Contacts_insert(Db *db, const ContactRow *c)
{
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    bind_contact(st, c);
    long long id = Db_step_id(st, NULL);
    if (id < 0 || insert_articles(db, id, c->articles) < 0)
        return -1;
    return id;
}

static json_t *parse_stored(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

static json_t *contact_json(DbStmt *st)
{
    char id[24], customer[24], advisor[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    snprintf(customer, sizeof customer, "%lld", (long long)Db_col_int64(st, 1));
    snprintf(advisor, sizeof advisor, "%lld", (long long)Db_col_int64(st, 2));
    json_t *c = json_pack(
        "{s:s, s:s?, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:s?, s:s?}",
        "id", id, "customer_id", Db_col_is_null(st, 1) ? NULL : customer,
        "advisor_id", advisor, "advisor", Db_col_text(st, 3), "channel", Db_col_text(st, 4),
        "started_at", Db_col_text(st, 5), "ended_at", Db_col_text(st, 6), "handle_seconds",
        (json_int_t)Db_col_int64(st, 7), "wrap_code", Db_col_text(st, 8), "wrap_label",
        Db_col_text(st, 9), "wrap_topic", Db_col_text(st, 10), "outcome", Db_col_text(st, 11),
        "avoidable", Db_col_int(st, 12) != 0, "avoidable_reason", Db_col_text(st, 13),
        "note", Db_col_text(st, 14), "script_id", Db_col_text(st, 15), "script_version",
        Db_col_text(st, 16));
    json_object_set_new(c, "triage_response", parse_stored(Db_col_text(st, 17)));
    json_object_set_new(c, "case_refs", parse_stored(Db_col_text(st, 18)));
    json_object_set_new(c, "created_at", json_string(Db_col_text(st, 19)));
    json_object_set_new(c, "identity_check", parse_stored(Db_col_text(st, 20)));
    return c;
}

/* [{"id", "title", "answer"}], the answer given first. */
static json_t *articles_json(Db *db, long long contact_id)
{
    json_t *out = json_array();
    DbStmt *st = Db_stmt(db, SQL_ARTICLES);
    if (!st)
        return out;
    Db_bind_int64(st, 1, contact_id);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s?, s:b}", "id", Db_col_text(st, 0), "title",
                                             Db_col_text(st, 1), "answer", Db_col_int(st, 2)));
    Db_reset(st);
    return out;
}

json_t *Contacts_get(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    json_t *c = Db_step(st) == DB_ROW ? contact_json(st) : NULL;
    Db_reset(st);
    if (c)
        json_object_set_new(c, "articles", articles_json(db, id));
    return c;
}

int Contacts_page(Db *db, long long customer_id, long long cursor, int limit, long long *ids)
{
    DbStmt *st = Db_stmt(db, SQL_PAGE);
    int n = 0;
    if (!st)
        return 0;
    Db_bind_int64(st, 1, customer_id);
    Db_bind_int64(st, 2, cursor);
    Db_bind_int64(st, 3, limit + 1);
    while (n <= limit && Db_step(st) == DB_ROW)
        ids[n++] = Db_col_int64(st, 0);
    Db_reset(st);
    return n;
}

json_t *Contacts_article_use(Db *db, const char *article_id)
{
    json_int_t contacts = 0, answers = 0;
    DbStmt *st = Db_stmt(db, SQL_ARTICLE_USE);
    if (st) {
        Db_bind_text(st, 1, article_id);
        if (Db_step(st) == DB_ROW) {
            contacts = Db_col_int64(st, 0);
            answers = Db_col_int64(st, 1);
        }
        Db_reset(st);
    }
    return json_pack("{s:I, s:I}", "contacts", contacts, "answers", answers);
}
