import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#endif

/// The connection a Ctrl-C interrupts (`sqlite3_interrupt`), set by the shell.
nonisolated(unsafe) private var interruptibleConnection: OpaquePointer?

/// Ctrl-C while a command runs: from a SIGINT handler. Sets `interruptRequested` (scripts stop at
/// the next line) and interrupts the statement running now (a long report), which then fails
/// with SQLITE_INTERRUPT and its transaction rolls back. Both are async-signal-safe.
public func requestInterrupt() {
    interruptRequested = true
    if let c = interruptibleConnection { sqlite3_interrupt(c) }
}

extension Session {
    /// Lets `requestInterrupt()` stop this session's statements.
    public func makeInterruptible() {
        interruptibleConnection = db.sqliteConnection
    }
}
