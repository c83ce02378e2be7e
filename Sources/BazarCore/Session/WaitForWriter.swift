import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#endif

extension Session {
    /// In the shell, while another bazar holds the store (loading a long script), a change waits for it instead of
    /// failing after the busy timeout: an officer at the counter would rather wait a minute than retype the sale.
    /// It says so on screen; Ctrl-C stops the wait, and nothing is changed. Scripts and `-c` still fail after
    /// `Store.busyTimeout` (exit 3), so that a batch job never hangs.
    func waitForWriter() throws {
        output.writeError(Phrase.waitingForWriter.say(["path": storePath]) + "\n")
        output.flush()
        guard let db = sqlite, let connection = db.sqliteConnection else { throw BazarError(.storeLocked(path: storePath)) }
        // Short tries, so that a Ctrl-C is seen within a fifth of a second; the usual timeout again afterwards.
        sqlite3_busy_timeout(connection, 200)
        defer { sqlite3_busy_timeout(connection, Int32(Store.busyTimeout * 1000)) }
        while true {
            if interruptRequested { throw BazarError(.interrupted) }
            do {
                try db.execute(sql: "BEGIN IMMEDIATE")
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                continue
            } catch {
                if interruptRequested { throw BazarError(.interrupted) }
                throw Store.translate(error, path: storePath)
            }
        }
    }
}
