#include <sqlite3.h>
#include "otklik_sqlite.h"

int otklik_sqlite_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

