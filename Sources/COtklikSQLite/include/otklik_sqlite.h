#ifndef OTKLIK_SQLITE_H
#define OTKLIK_SQLITE_H

/// Turns SQLite's memory-usage statistics off for the whole process (SQLITE_CONFIG_MEMSTATUS, 0): with them on, every
/// allocation SQLite makes takes a process-wide mutex to count it. Swift cannot call `sqlite3_config`, a variadic C
/// function, itself. Takes effect only before SQLite is initialised (the process's first connection): afterwards it
/// returns SQLITE_MISUSE and changes nothing. Returns SQLite's result code.
int otklik_sqlite_memstatus_off(void);

#endif
