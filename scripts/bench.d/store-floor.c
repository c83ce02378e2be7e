/* The store's part of `import orders`, alone: what SQLite costs to write the sales a bazar import writes,
 * with nothing of bazar's own (no file read, no lookups, no Swift), for the bench's import note.
 *
 *   store-floor TEMPLATE SOURCE
 *
 * TEMPLATE: a store holding the participants, products and events (the bench's import-template.sqlite);
 * it is written to. SOURCE: a store the import task has filled (the sales to write again). The sales are
 * read into memory first (not timed); then, timed: BEGIN IMMEDIATE, the report index dropped, one prepared
 * INSERT per sale (the columns bazar binds, its sale numbers), the index built again with the sorter settings
 * bazar uses (PRAGMA threads = 2, a 2 MiB page cache meanwhile), COMMIT, and the close that checkpoints the
 * WAL into the file, with bazar's pragmas (WAL, synchronous FULL, an 8 MiB page cache, foreign keys off).
 * Prints the timed seconds. Build: cc -O2 store-floor.c -lsqlite3 (Debian: libsqlite3-dev). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static void check(sqlite3 *db, int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "store-floor: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
}

struct sale { sqlite3_int64 id, event, stall, product, qty, amount; char day[11]; char online; char *ref; };

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: store-floor TEMPLATE SOURCE\n"); return 2; }
  sqlite3 *src;
  check(src, sqlite3_open_v2(argv[2], &src, SQLITE_OPEN_READONLY, NULL), "open source");
  sqlite3_stmt *q;
  check(src, sqlite3_prepare_v2(src, "SELECT count(*) FROM sale", -1, &q, NULL), "count");
  sqlite3_step(q);
  size_t n = (size_t)sqlite3_column_int64(q, 0), k = 0;
  sqlite3_finalize(q);
  struct sale *s = calloc(n ? n : 1, sizeof *s);
  check(src, sqlite3_prepare_v2(src, "SELECT id, event_no, stall_no, product_no, day, qty, amount, channel, ref FROM sale ORDER BY id",
                                -1, &q, NULL), "read");
  while (k < n && sqlite3_step(q) == SQLITE_ROW) {
    s[k].id = sqlite3_column_int64(q, 0); s[k].event = sqlite3_column_int64(q, 1);
    s[k].stall = sqlite3_column_int64(q, 2); s[k].product = sqlite3_column_int64(q, 3);
    snprintf(s[k].day, sizeof s[k].day, "%s", (const char *)sqlite3_column_text(q, 4));
    s[k].qty = sqlite3_column_int64(q, 5); s[k].amount = sqlite3_column_int64(q, 6);
    s[k].online = strcmp((const char *)sqlite3_column_text(q, 7), "online") == 0;
    const unsigned char *ref = sqlite3_column_text(q, 8);
    s[k].ref = ref ? strdup((const char *)ref) : NULL;
    k++;
  }
  sqlite3_finalize(q);
  sqlite3_close(src);

  double t0 = now();
  sqlite3 *db;
  check(db, sqlite3_open(argv[1], &db), "open template");
  check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192;"
                             "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE; DROP INDEX sale_day", NULL, NULL, NULL), "begin");
  sqlite3_stmt *ins;
  check(db, sqlite3_prepare_v2(db, "INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note, id)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL), "prepare");
  for (size_t i = 0; i < k; i++) {
    sqlite3_bind_int64(ins, 1, s[i].event); sqlite3_bind_int64(ins, 2, s[i].stall); sqlite3_bind_int64(ins, 3, s[i].product);
    sqlite3_bind_text(ins, 4, s[i].day, 10, SQLITE_STATIC); sqlite3_bind_int64(ins, 5, s[i].qty);
    sqlite3_bind_int64(ins, 6, s[i].amount); sqlite3_bind_text(ins, 7, s[i].online ? "online" : "offline", -1, SQLITE_STATIC);
    sqlite3_bind_null(ins, 8);
    if (s[i].ref) sqlite3_bind_text(ins, 9, s[i].ref, -1, SQLITE_STATIC); else sqlite3_bind_null(ins, 9);
    sqlite3_bind_null(ins, 10); sqlite3_bind_int64(ins, 11, s[i].id);
    check(db, sqlite3_step(ins), "insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  check(db, sqlite3_exec(db, "PRAGMA threads = 2; PRAGMA cache_size = -2048;"
                             "CREATE INDEX sale_day ON sale (day, event_no, stall_no, product_no, qty, amount, channel, void);"
                             "PRAGMA threads = 0; PRAGMA cache_size = -8192; COMMIT", NULL, NULL, NULL), "index and commit");
  check(db, sqlite3_close(db), "close");
  printf("%.2f\n", now() - t0);
  return 0;
}
