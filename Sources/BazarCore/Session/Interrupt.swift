/// What a Ctrl-C interrupts (`sqlite3_interrupt`, or a cancel request to the server), set by the shell.
nonisolated(unsafe) private var interrupter: StoreInterrupter?

/// Ctrl-C while a command runs: from a SIGINT handler. Sets `interruptRequested` (scripts stop at
/// the next line) and interrupts the statement running now (a long report), which then fails
/// (SQLITE_INTERRUPT, or the server's 57014) and its transaction rolls back. Both are async-signal-safe.
public func requestInterrupt() {
    interruptRequested = true
    interrupter?.interrupt()
}

extension Session {
    /// Lets `requestInterrupt()` stop this session's statements.
    public func makeInterruptible() {
        interrupter = store.makeInterrupter()
    }
}
