#include <sqlite3.h>
#include "CSQLiteSetup.h"

int bazar_sqlite_setup(void) {
    // bazar's connection is only ever used by one thread at a time (GRDB's serial queue), so SQLite need
    // not lock a mutex around every call (Debian builds SQLite "serialized"); nor count its memory use,
    // which takes another lock on every allocation. Both are a few percent of loading a large script.
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc == SQLITE_OK) rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // File names may be URIs: `--read-only` opens a store on a read-only medium as `file:…?immutable=1`.
    if (rc == SQLITE_OK) rc = sqlite3_config(SQLITE_CONFIG_URI, 1);
    return rc;
}
