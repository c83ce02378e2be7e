import Foundation

/// Reads and parses a script on a second thread, a few batches of lines ahead of the line being
/// executed: reading, lexing and parsing are a third of a large load, and they need nothing from
/// the store, so on a machine with two cores they cost almost no time at all.
///
/// The executing thread takes the lines in order with `next()`, each with what parsing it gave (a
/// command, nothing for a blank line, or the error), and reports errors exactly as if it had parsed
/// the line itself. `stop()` lets it leave early (an error under `on-error stop`, `quit`, Ctrl-C):
/// the reader then stops at its next batch, and never holds the caller up. Only for regular files: lines
/// that come from a pipe or a terminal are executed as they arrive, not a batch at a time.
final class ParseAhead: @unchecked Sendable {
    /// One line and what parsing it gave.
    struct Item: Sendable {
        var line: SourceLine
        var parsed: Result<ParsedCommand?, any Error>
    }

    /// Lines per hand-over: large enough that locking is rare, small enough that the first lines start at once.
    static let batchSize = 256
    /// Batches parsed ahead at most (bounds memory on a script of any length).
    static let depth = 4

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var ready: [[Item]] = []
    /// Lines executed, handed back so that the reading thread frees what it allocated: freeing another
    /// thread's memory makes both threads wait on the allocator's lock.
    private var returned: [[Item]] = []
    private var finished = false
    private var stopped = false
    // The executing thread's own: the batch being executed, last line first, so that each line is
    // moved out of it (popLast) rather than copied; and the lines it is done with.
    private var current: [Item] = []
    private var spent: [Item] = []

    /// Starts reading `reader` on a new thread. The reader belongs to that thread from now on.
    init(reader: ScriptReader, parser: Parser) {
        let source = UncheckedReader(reader: reader)
        let thread = Thread { [self] in
            self.produce(source.reader, parser)
        }
        thread.name = "bazar-parse"
        thread.start()
    }

    private func produce(_ reader: ScriptReader, _ parser: Parser) {
        var batch: [Item] = []
        batch.reserveCapacity(ParseAhead.batchSize)
        var itemNumbers: [String: Int] = [:]
        while let line = reader.next() {
            let parsed: Result<ParsedCommand?, any Error>
            do {
                let command = try parser.parse(line)
                if let command, let item = command.sale?.item {
                    let n = itemNumbers[item, default: itemNumbers.count]
                    if n == itemNumbers.count { itemNumbers[item] = n }
                    command.sale!.itemNumber = n
                }
                parsed = .success(command)
            } catch {
                parsed = .failure(error)
            }
            batch.append(Item(line: line, parsed: parsed))
            if batch.count == ParseAhead.batchSize {
                batch.reverse()   // in place: the batch is this thread's alone until handed over
                guard hand(batch) else { return }
                batch = []
                batch.reserveCapacity(ParseAhead.batchSize)
            }
        }
        batch.reverse()
        if !batch.isEmpty { _ = hand(batch) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room, then passes a batch on; false when the executing side has stopped.
    private func hand(_ batch: [Item]) -> Bool {
        condition.lock()
        while ready.count >= ParseAhead.depth && !stopped { condition.wait() }
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

    /// Gives an executed line back, to be freed by the reading thread.
    func done(_ item: consuming Item) {
        spent.append(item)
    }

    /// The next line in order, or nil at the end of the script.
    func next() -> Item? {
        if let item = current.popLast() { return item }
        condition.lock()
        while ready.isEmpty && !finished { condition.wait() }
        if ready.isEmpty {
            condition.unlock()
            return nil
        }
        current = ready.removeFirst()
        if !spent.isEmpty {
            returned.append(spent)
            spent = []
        }
        condition.broadcast()
        condition.unlock()
        spent.reserveCapacity(ParseAhead.batchSize)
        return current.popLast()
    }

    /// No more lines are wanted: the reading thread ends at its next hand-over.
    func stop() {
        condition.lock()
        stopped = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands a reader to the parsing thread, which is from then on the only one to use it.
private struct UncheckedReader: @unchecked Sendable {
    let reader: ScriptReader
}
