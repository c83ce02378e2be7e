#ifndef BAZAR_CSQLITESETUP_H
#define BAZAR_CSQLITESETUP_H

/// Configures SQLite for bazar before its first connection opens; SQLite's own result code.
/// (sqlite3_config takes variable arguments, which Swift cannot call.)
int bazar_sqlite_setup(void);

#endif
