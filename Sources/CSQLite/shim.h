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

/// SQLITE_CONFIG_MEMSTATUS off: SQLite then keeps no global count of its memory, which it
/// updates under a process-wide mutex at every allocation (a lock and an unlock per row of a
/// bulk insert). Only possible before SQLite initialises; later it answers SQLITE_MISUSE and
/// nothing changes. `sqlite3_config` is variadic, hence this inline function.
static inline int budget_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
