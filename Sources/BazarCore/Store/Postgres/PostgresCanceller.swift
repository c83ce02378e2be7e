import CLibPQ

/// Cancels the statement a connection is running, from another thread or from a SIGINT handler
/// (Ctrl-C during a long report or script): libpq's `PQcancel` is async-signal-safe and needs no
/// access to the connection itself. The statement then fails with `PostgresError.Kind.cancelled`
/// and its transaction rolls back. Cancelling when nothing runs does nothing.
public final class PostgresCanceller: @unchecked Sendable {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel; true when the request was delivered (not that something ran).
    @discardableResult
    public func cancel() -> Bool {
        // The error text goes to a buffer on the stack: no allocation in a signal handler.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            PQcancel(handle, buffer.baseAddress, 256) == 1
        }
    }
}
