import Foundation

/// Reads a file's rows on a second thread, a few batches ahead of the row being imported (the pattern of
/// `ParseAhead`): splitting a CSV into cells and checking its UTF-8 is a third of an import and needs nothing
/// from the store, so on a machine with two cores it costs almost no time.
///
/// `forEachRow` behaves exactly like the reader's own: rows reach `body` in order, a reader error is thrown
/// after the rows before it, and `body` returning false (or throwing) stops the reading thread at its next batch.
/// Memory stays bounded: at most `depth` batches wait. Rows the importer is done with go back to the reading
/// thread to be freed there (freeing another thread's memory makes both wait on the allocator's lock).
final class RowsAhead: @unchecked Sendable {
    static let batchSize = 512
    static let depth = 4

    private let read: ((SheetRow) throws -> Bool) throws -> Void

    /// `read` is the reader's own `forEachRow`; it runs on the reading thread only.
    init(_ read: @escaping ((SheetRow) throws -> Bool) throws -> Void) {
        self.read = read
    }

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var ready: [[SheetRow]] = []
    private var returned: [[SheetRow]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false

    func forEachRow(_ body: (SheetRow) throws -> Bool) throws {
        let thread = Thread { [self] in produce() }
        thread.name = "bazar-read"
        thread.stackSize = 8 << 20   // (reserved, not used: the XML parser may recurse)
        thread.start()
        defer { stop() }
        var spent: [SheetRow] = []
        while true {
            condition.lock()
            while ready.isEmpty && !finished { condition.wait() }
            if ready.isEmpty {
                let error = failure
                condition.unlock()
                if let error { throw error }
                return
            }
            var batch = ready.removeFirst()
            if !spent.isEmpty {
                returned.append(spent)
                spent = []
            }
            condition.broadcast()
            condition.unlock()
            // The batch is last row first: each row is moved out of it, not copied, and kept for the reading
            // thread to free.
            spent.reserveCapacity(batch.count)
            while let row = batch.popLast() {
                let more = try body(row)
                spent.append(row)
                guard more else { return }
            }
        }
    }

    private func produce() {
        var batch: [SheetRow] = []
        batch.reserveCapacity(RowsAhead.batchSize)
        do {
            try read { row in
                batch.append(row)
                if batch.count == RowsAhead.batchSize {
                    batch.reverse()
                    guard hand(batch) else { return false }
                    batch = []
                    batch.reserveCapacity(RowsAhead.batchSize)
                }
                return true
            }
            batch.reverse()
            if !batch.isEmpty { _ = hand(batch) }
            end(nil)
        } catch {
            // The rows read before the error are still imported (they may hold an earlier error of their own).
            batch.reverse()
            if !batch.isEmpty { _ = hand(batch) }
            end(error)
        }
    }

    /// Waits for room, then passes a batch on; false when the importing side has stopped.
    private func hand(_ batch: [SheetRow]) -> Bool {
        condition.lock()
        while ready.count >= RowsAhead.depth && !stopped { condition.wait() }
        if stopped {
            condition.unlock()
            return false
        }
        ready.append(batch)
        let done = returned
        returned = []
        condition.broadcast()
        condition.unlock()
        _ = consume done   // freed here, on this thread, outside the lock
        return true
    }

    private func end(_ error: (any Error)?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// No more rows are wanted: the reading thread ends at its next hand-over, and is waited for (the
    /// reader may be used again, for another sheet, as soon as this returns).
    private func stop() {
        condition.lock()
        stopped = true
        ready.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
