#include <sqlite3.h>

/// SQLITE_DBCONFIG_DEFENSIVE on: ordinary SQL may no longer corrupt the file on purpose
/// (writable_schema, journal_mode=OFF and similar are refused). `sqlite3_db_config` is
/// variadic, which Swift cannot call, hence this inline function.
static inline int budget_sqlite3_enable_defensive(sqlite3 *db) {
#ifdef SQLITE_DBCONFIG_DEFENSIVE
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
#else
    return SQLITE_OK;
#endif
}
