import Foundation

/// Reads a file's rows on a second thread, a few batches ahead of the row being imported (through
/// `BatchHandOff`, as `ParseAhead` reads a script's lines): splitting a CSV into cells and checking its UTF-8 is a third of an import and needs nothing
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
    private let rows = BatchHandOff<SheetRow>(batchSize: RowsAhead.batchSize, depth: RowsAhead.depth)

    /// `read` is the reader's own `forEachRow`; it runs on the reading thread only.
    init(_ read: @escaping ((SheetRow) throws -> Bool) throws -> Void) {
        self.read = read
    }

    func forEachRow(_ body: (SheetRow) throws -> Bool) throws {
        let thread = Thread { [self] in produce() }
        thread.name = "bazar-read"
        thread.stackSize = 8 << 20   // (reserved, not used: the XML parser may recurse)
        thread.start()
        // Waits for the reading thread: the reader may be used again, for another sheet, once this returns.
        defer { rows.stop(waitForProducer: true) }
        while let row = try rows.next() {
            let more = try body(row)
            rows.done(row)
            guard more else { return }
        }
    }

    private func produce() {
        do {
            try read { row in rows.add(row) }
            rows.finish()
        } catch {
            // The rows read before the error are still imported (they may hold an earlier error of their own).
            rows.finish(error)
        }
    }
}
