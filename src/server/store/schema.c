#include "server/store/schema.h"

#include <stdio.h>

/* Append-only: a released migration is never edited; later issues add
 * another entry. The index in this array + 1 is the schema version. */
static const char *const migrations[] = {
    /* 1: users, tokens, customers and their search index, audit */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL,"
    "  roles TEXT NOT NULL,"
    "  team TEXT,"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE tokens ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL);"
    "CREATE INDEX tokens_expiry ON tokens(expires_at);"
    "CREATE TABLE login_failures ("
    "  username TEXT PRIMARY KEY,"
    "  failures INTEGER NOT NULL,"
    "  last_failure INTEGER NOT NULL,"
    "  locked_until INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE customers ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_ref TEXT NOT NULL UNIQUE,"
    "  title TEXT,"
    "  given_name TEXT NOT NULL,"
    "  family_name TEXT NOT NULL,"
    "  date_of_birth TEXT,"
    "  phone TEXT, mobile TEXT, email TEXT,"
    "  preferred_channel TEXT NOT NULL DEFAULT 'phone',"
    "  language TEXT NOT NULL DEFAULT 'English',"
    "  interpreter_language TEXT,"
    "  accessibility_needs TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE addresses ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
    "  position INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  line1 TEXT NOT NULL, line2 TEXT, town TEXT NOT NULL, postcode TEXT NOT NULL);"
    "CREATE INDEX addresses_customer ON addresses(customer_id, position);"
    "CREATE TABLE service_accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
    "  type TEXT NOT NULL,"
    "  reference TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'active');"
    "CREATE INDEX service_accounts_customer ON service_accounts(customer_id);"
    "CREATE TABLE customer_flags ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
    "  code TEXT NOT NULL,"
    "  detail TEXT,"
    "  since TEXT);"
    "CREATE INDEX customer_flags_customer ON customer_flags(customer_id);"
    /* Exact identifiers, normalised (see custindex.c): postcode, phone,
     * e-mail, customer reference, service account reference. */
    "CREATE TABLE customer_ident ("
    "  value TEXT NOT NULL,"
    "  customer_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  PRIMARY KEY (value, customer_id)) WITHOUT ROWID;"
    "CREATE INDEX customer_ident_customer ON customer_ident(customer_id);"
    /* Folded name keys; rowid = customers.id. Prefix indexes make "smi*"
     * as cheap as "smith". */
    "CREATE VIRTUAL TABLE customer_names USING fts5("
    "  keys, tokenize = 'ascii', prefix = '1 2 3 4');"
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  user_id INTEGER,"
    "  username TEXT,"
    "  action TEXT NOT NULL,"
    "  customer_id INTEGER,"
    "  reason TEXT,"
    "  request_id TEXT);"
    "CREATE INDEX audit_customer ON audit(customer_id, id);",

    /* 2: idempotent writes, wrap codes, contacts */
    "CREATE TABLE idempotency ("
    "  user_id INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  fingerprint TEXT NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  content_type TEXT,"
    "  body TEXT,"
    "  etag TEXT,"
    "  location TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (user_id, key)) WITHOUT ROWID;"
    "CREATE INDEX idempotency_age ON idempotency(created_at);"
    "CREATE TABLE wrap_topics ("
    "  code TEXT PRIMARY KEY,"
    "  label TEXT NOT NULL,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE wrap_codes ("
    "  code TEXT PRIMARY KEY,"
    "  topic_code TEXT NOT NULL REFERENCES wrap_topics(code),"
    "  label TEXT NOT NULL,"
    "  avoidable INTEGER NOT NULL DEFAULT 0,"
    "  progress_chasing INTEGER NOT NULL DEFAULT 0,"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE contacts ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER REFERENCES customers(id),"
    "  advisor_id INTEGER NOT NULL REFERENCES users(id),"
    "  channel TEXT NOT NULL,"
    "  started_at TEXT NOT NULL,"
    "  ended_at TEXT NOT NULL,"
    "  handle_seconds INTEGER NOT NULL,"
    "  wrap_code TEXT NOT NULL REFERENCES wrap_codes(code),"
    "  outcome TEXT NOT NULL,"
    "  avoidable INTEGER NOT NULL,"
    "  avoidable_reason TEXT,"
    "  note TEXT,"
    "  script_id TEXT,"
    "  script_version TEXT,"
    "  triage_response TEXT,"
    "  case_refs TEXT NOT NULL DEFAULT '[]',"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX contacts_customer ON contacts(customer_id, id);"
    "CREATE INDEX contacts_started ON contacts(started_at);",

    /* 3: teams, the service catalogue, versioned triage scripts, the KB */
    "CREATE TABLE teams ("
    "  code TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  description TEXT);"
    "CREATE TABLE services ("
    "  code TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  tier TEXT NOT NULL,"
    "  team_code TEXT NOT NULL REFERENCES teams(code),"
    "  sla_hours INTEGER NOT NULL,"
    "  self_service_url TEXT,"
    "  script_id TEXT,"
    "  keywords TEXT,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE scripts ("
    "  id TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  title TEXT,"
    "  body TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  created_by INTEGER,"
    "  PRIMARY KEY (id, version));"
    "CREATE TABLE kb_articles ("
    "  id TEXT PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  services TEXT NOT NULL DEFAULT '',"
    "  tags TEXT NOT NULL DEFAULT '',"
    "  updated TEXT,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  updated_at TEXT NOT NULL);"
    /* External content: kb_articles keeps the text, kb_fts the index. */
    "CREATE VIRTUAL TABLE kb_fts USING fts5("
    "  title, body, tags, content = 'kb_articles', content_rowid = 'rowid',"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
    "CREATE TRIGGER kb_ai AFTER INSERT ON kb_articles BEGIN"
    "  INSERT INTO kb_fts (rowid, title, body, tags) VALUES (new.rowid, new.title, new.body, new.tags);"
    " END;"
    "CREATE TRIGGER kb_ad AFTER DELETE ON kb_articles BEGIN"
    "  INSERT INTO kb_fts (kb_fts, rowid, title, body, tags)"
    "  VALUES ('delete', old.rowid, old.title, old.body, old.tags);"
    " END;"
    "CREATE TRIGGER kb_au AFTER UPDATE ON kb_articles BEGIN"
    "  INSERT INTO kb_fts (kb_fts, rowid, title, body, tags)"
    "  VALUES ('delete', old.rowid, old.title, old.body, old.tags);"
    "  INSERT INTO kb_fts (rowid, title, body, tags) VALUES (new.rowid, new.title, new.body, new.tags);"
    " END;",

    /* 4: cases with notes and a timeline, call-backs, Open311 clients */
    "CREATE TABLE case_seq (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE,"
    "  customer_id INTEGER REFERENCES customers(id),"
    "  service_code TEXT NOT NULL REFERENCES services(code),"
    "  team_code TEXT NOT NULL REFERENCES teams(code),"
    "  assignee_id INTEGER REFERENCES users(id),"
    "  summary TEXT NOT NULL,"
    "  priority TEXT NOT NULL DEFAULT 'normal',"
    "  status TEXT NOT NULL DEFAULT 'new',"
    "  next_steps TEXT,"
    "  triage_response TEXT,"
    "  script_id TEXT,"
    "  script_version TEXT,"
    "  contact_id INTEGER,"
    "  source TEXT NOT NULL DEFAULT 'advisor',"
    "  address TEXT, lat REAL, long REAL, media_url TEXT, attributes TEXT,"
    "  due_at TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  created_by INTEGER,"
    "  updated_at TEXT NOT NULL,"
    "  closed_at TEXT,"
    "  version INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX cases_queue ON cases(team_code, status, assignee_id, due_at);"
    "CREATE INDEX cases_customer ON cases(customer_id, status);"
    "CREATE TABLE case_notes ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  author_id INTEGER REFERENCES users(id),"
    "  body TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX case_notes_case ON case_notes(case_id, id);"
    "CREATE TABLE case_events ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  at TEXT NOT NULL,"
    "  actor_id INTEGER REFERENCES users(id),"
    "  kind TEXT NOT NULL,"
    "  detail TEXT);"
    "CREATE INDEX case_events_case ON case_events(case_id, id);"
    "CREATE TABLE callbacks ("
    "  id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER REFERENCES customers(id),"
    "  case_id INTEGER REFERENCES cases(id),"
    "  phone TEXT NOT NULL,"
    "  due_at TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  team_code TEXT NOT NULL REFERENCES teams(code),"
    "  assignee_id INTEGER REFERENCES users(id),"
    "  claimed_by INTEGER REFERENCES users(id),"
    "  status TEXT NOT NULL DEFAULT 'pending',"
    "  created_by INTEGER,"
    "  created_at TEXT NOT NULL,"
    "  completed_at TEXT,"
    "  contact_id INTEGER REFERENCES contacts(id));"
    "CREATE INDEX callbacks_due ON callbacks(status, team_code, due_at);"
    "CREATE TABLE open311_clients ("
    "  key_hash TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);",

    /* 5 (branch h-teams): team membership. A user belongs to any number of
     * teams, some only until expires_at (a supervisor bringing back-office
     * staff in for the day). The single users.team column moves here: it
     * becomes a permanent membership, the first one being the home team.
     * No REFERENCES on team_code: users are seeded before the teams are
     * loaded from config/; the API and `frontdoord user` check the code. */
    "CREATE TABLE memberships ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  team_code TEXT NOT NULL,"
    "  expires_at TEXT,"
    "  added_by INTEGER,"
    "  added_at TEXT NOT NULL,"
    "  UNIQUE (user_id, team_code));"
    "CREATE INDEX memberships_team ON memberships(team_code, user_id);"
    "INSERT INTO memberships (user_id, team_code, added_at)"
    "  SELECT id, team, created_at FROM users WHERE team IS NOT NULL AND team <> '' ORDER BY id;"
    "ALTER TABLE users DROP COLUMN team;",
    /* 6 (branch h-cache): every read of personal data audited against the
     * person. A list showing several customers is one audit row with one
     * audit_subjects row per customer shown; list_digest lets an unchanged
     * list polled again by the same user go unaudited for a while. The
     * caller's X-Request-Id is kept apart from the server's own id. */
    "ALTER TABLE audit ADD COLUMN client_request_id TEXT;"
    "ALTER TABLE audit ADD COLUMN list_digest TEXT;"
    "CREATE INDEX audit_list_digest ON audit(user_id, list_digest, at)"
    "  WHERE list_digest IS NOT NULL;"
    "CREATE TABLE audit_subjects ("
    "  audit_id INTEGER NOT NULL REFERENCES audit(id),"
    "  customer_id INTEGER NOT NULL,"
    "  PRIMARY KEY (audit_id, customer_id)) WITHOUT ROWID;"
    "CREATE INDEX audit_subjects_customer ON audit_subjects(customer_id, audit_id);",
    /* 7 (branch h-safeg): a safeguarding case whose duty team did not answer goes to
     * the head of its queue, before anything past its SLA */
    "ALTER TABLE cases ADD COLUMN queue_first INTEGER NOT NULL DEFAULT 0;"
    /* and a call-back booked by a triage outcome keeps its answers */
    "ALTER TABLE callbacks ADD COLUMN triage_response TEXT;",
    /* 8 (branch h-privacy, issue 9.6): whether and how the caller's identity was
     * checked on a contact; JSON {"status", "methods"}. */
    "ALTER TABLE contacts ADD COLUMN identity_check TEXT;",
    /* 9 (branch h-info): the KB articles read during a contact, and the answer given */
    "CREATE TABLE contact_articles ("
    "  contact_id INTEGER NOT NULL REFERENCES contacts(id),"
    "  article_id TEXT NOT NULL,"
    "  answered INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (contact_id, article_id));"
    "CREATE INDEX contact_articles_article ON contact_articles(article_id, answered);",
    /* 10 (branch h-login): failed sign-ins per (user name, client address), so
     * guesses from elsewhere cannot lock an advisor out; the age index
     * lets expired rows be pruned cheaply. Counts are transient: dropped. */
    "DROP TABLE login_failures;"
    "CREATE TABLE login_failures ("
    "  username TEXT NOT NULL,"
    "  client TEXT NOT NULL,"
    "  failures INTEGER NOT NULL,"
    "  last_failure INTEGER NOT NULL,"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (username, client));"
    "CREATE INDEX login_failures_age ON login_failures(last_failure);",
    /* 11 (branch w3d, issue 10): name keys now keep the letters of every
     * script, not only Latin. Keys are built in C, so this lists the
     * customers whose names hold a character past Latin Extended-A
     * (U+017F); frontdoord rebuilds their keys at start-up
     * (Custindex_refresh_stale) and empties the list. */
    "CREATE TABLE customer_names_stale (customer_id INTEGER PRIMARY KEY);"
    "INSERT INTO customer_names_stale SELECT id FROM customers"
    "  WHERE given_name || family_name GLOB '*[^' || char(1) || '-' || char(383) || ']*';",
    /* 12 (branch ev-core, issue 12): the live channel's event log
     * (store/events.h). Exactly one audience column is set per row;
     * to_roles is ROLE_* bits, 0 when not a roles event. tide_levels
     * keeps each team's last rising-tide level so tide.changed is
     * published only on a change; callbacks_announced lists the
     * call-backs whose callback.due was published (exactly once). New
     * tables only, IF NOT EXISTS: safe to run again on a database wound
     * back to an older version (tests/api/test_users.py does). */
    "CREATE TABLE IF NOT EXISTS events ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  to_user INTEGER,"
    "  to_team TEXT,"
    "  to_roles INTEGER NOT NULL DEFAULT 0,"
    "  facts TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_at ON events(at);"
    "CREATE TABLE IF NOT EXISTS tide_levels (team_code TEXT PRIMARY KEY, level INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS callbacks_announced (callback_id INTEGER PRIMARY KEY);",
    /* 13 (branch ev-live, issue 12): advisor presence (each client's state
     * and when it was last seen; each user's combined state as published),
     * the break reasons from the council's content, and supervisors'
     * messages to a person or a team with who has read them. IF NOT EXISTS:
     * new tables only, so a database taken back to an older version by
     * hand (tests/api/test_users.py) migrates forward again. */
    "CREATE TABLE IF NOT EXISTS break_reasons ("
    "  code TEXT PRIMARY KEY,"
    "  label TEXT NOT NULL,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS presence_clients ("
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  client_id TEXT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  reason TEXT,"
    "  changed_at INTEGER NOT NULL,"
    "  seen_at INTEGER NOT NULL,"
    "  lapsed INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (user_id, client_id));"
    "CREATE INDEX IF NOT EXISTS presence_clients_seen ON presence_clients(seen_at);"
    "CREATE TABLE IF NOT EXISTS presence_users ("
    "  user_id INTEGER PRIMARY KEY REFERENCES users(id),"
    "  state TEXT NOT NULL,"
    "  reason TEXT,"
    "  since TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS messages ("
    "  id INTEGER PRIMARY KEY,"
    "  sender_id INTEGER NOT NULL REFERENCES users(id),"
    "  to_user_id INTEGER REFERENCES users(id),"
    "  to_team TEXT,"
    "  body TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS messages_user ON messages(to_user_id, id);"
    "CREATE INDEX IF NOT EXISTS messages_team ON messages(to_team, id);"
    "CREATE TABLE IF NOT EXISTS message_reads ("
    "  message_id INTEGER NOT NULL REFERENCES messages(id),"
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  read_at TEXT NOT NULL,"
    "  PRIMARY KEY (message_id, user_id));",
    /* 14 (branch ev-calls, issue 12): screen pop. A user's optional phone
     * extension (unique); the phone system's API keys (SHA-256 hashes,
     * like Open311's); which service a dialled number is for (from
     * config/dialled_numbers.csv); and the calls offered to advisors. The
     * caller's number is personal: it lives here only, read by id. Only
     * new tables, each IF NOT EXISTS, so the migration can run again over
     * a database rewound to an older version (tests/api/test_users.py). */
    "CREATE TABLE IF NOT EXISTS user_extensions ("
    "  user_id INTEGER PRIMARY KEY REFERENCES users(id),"
    "  extension TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS phone_clients ("
    "  key_hash TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS dialled_numbers ("
    "  number TEXT PRIMARY KEY,"
    "  service_code TEXT NOT NULL REFERENCES services(code));"
    "CREATE TABLE IF NOT EXISTS calls ("
    "  id INTEGER PRIMARY KEY,"
    "  caller TEXT,"
    "  withheld INTEGER NOT NULL DEFAULT 0,"
    "  dialled TEXT NOT NULL,"
    "  service_code TEXT REFERENCES services(code),"
    "  user_id INTEGER NOT NULL REFERENCES users(id),"
    "  queued_seconds INTEGER NOT NULL DEFAULT 0,"
    "  matched TEXT NOT NULL CHECK (matched IN ('none', 'one', 'many')),"
    "  offered_at TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'taken', 'ended')),"
    "  taken_at TEXT,"
    "  ended_at TEXT);"
    "CREATE INDEX IF NOT EXISTS calls_user ON calls(user_id, id);",
    /* 15 (issue 12): the call a contact answered, so the contact records
     * the wait and the service (the call's). A table of its own, IF NOT
     * EXISTS, so the migration can run again over a rewound database. */
    "CREATE TABLE IF NOT EXISTS contact_calls ("
    "  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id),"
    "  call_id INTEGER NOT NULL UNIQUE REFERENCES calls(id));",
};

static int Schema_latest_version(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

int Schema_migrate(Db *db, char *err, size_t errlen)
{
    int have = Db_schema_version(db);
    if (have < 0) {
        snprintf(err, errlen, "cannot read schema version: %s", Db_errmsg(db));
        return -1;
    }
    if (have > Schema_latest_version()) {
        snprintf(err, errlen, "database schema version %d is newer than this frontdoord (%d)",
                 have, Schema_latest_version());
        return -1;
    }
    for (int v = have + 1; v <= Schema_latest_version(); v++)
        if (Db_migrate_to(db, v, migrations[v - 1], err, errlen) < 0)
            return -1;
    return 0;
}
