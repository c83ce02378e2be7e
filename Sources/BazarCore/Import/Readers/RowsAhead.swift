import Foundation

/// Reads a file on a second thread, a few batches ahead of what is being imported (through `BatchHandOff`, as
/// `ParseAhead` reads a script's lines): splitting a CSV into cells, checking its UTF-8 and reading each line's
/// dates and money (`OrderLineDecoder`) need nothing from the store, so on a machine with two cores they cost the
/// thread that writes the store almost no time.
///
/// `forEach` behaves exactly like reading in place: values reach `body` in order, a reading error is thrown
/// after the values before it, and `body` throwing stops the reading thread at its next batch. Memory stays
/// bounded: at most `depth` batches wait. Values the importer is done with go back to the reading thread to be
/// freed there (freeing another thread's memory makes both wait on the allocator's lock).
final class RowsAhead<Value>: @unchecked Sendable {
    static var batchSize: Int { 512 }
    static var depth: Int { 4 }

    /// Reads the whole file, passing each value to `emit` (false: stop reading); runs on the reading thread only.
    private let read: ((Value) -> Bool) throws -> Void
    private let values = BatchHandOff<Value>(batchSize: RowsAhead.batchSize, depth: RowsAhead.depth)

    init(_ read: @escaping ((Value) -> Bool) throws -> Void) {
        self.read = read
    }

    func forEach(_ body: (Value) throws -> Void) throws {
        let thread = Thread { [self] in produce() }
        thread.name = "bazar-read"
        thread.stackSize = 8 << 20   // (reserved, not used: the XML parser may recurse)
        thread.start()
        // Waits for the reading thread: the reader may be used again, for another sheet, once this returns.
        defer { values.stop(waitForProducer: true) }
        while let value = try values.next() {
            try body(value)
            values.done(value)
        }
    }

    private func produce() {
        do {
            try read { values.add($0) }
            values.finish()
        } catch {
            // The values read before the error are still imported (they may hold an earlier error of their own).
            values.finish(error)
        }
    }
}
