/* store/safeguarding: the rule's reads and writes (see store/safeguarding.h). */
#include "server/store/safeguarding.h"

#include "server/store/db.h"

static const char SQL_TOPIC[] = "SELECT 1 FROM wrap_codes WHERE code = ?1 AND topic_code = '"
                                SAFEGUARDING_TOPIC "'";
static const char SQL_FIRST[] = "UPDATE cases SET queue_first = 1 WHERE id = ?1";

bool Safeguarding_is_code(Db *db, const char *wrap_code)
{
    return Db_exists(db, SQL_TOPIC, wrap_code, 0);
}

int Safeguarding_put_first(Db *db, long long case_id)
{
    DbStmt *st = Db_stmt(db, SQL_FIRST);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
}
