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

    private let lines = BatchHandOff<Item>(batchSize: ParseAhead.batchSize, depth: ParseAhead.depth)

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
            guard lines.add(Item(line: line, parsed: parsed)) else { break }
        }
        lines.finish()
    }

    /// Gives an executed line back, to be freed by the reading thread.
    func done(_ item: consuming Item) {
        lines.done(item)
    }

    /// The next line in order, or nil at the end of the script (the reading thread never fails: a line's
    /// error travels in its item).
    func next() -> Item? {
        (try? lines.next()) ?? nil
    }

    /// No more lines are wanted: the reading thread ends at its next hand-over.
    func stop() {
        lines.stop(waitForProducer: false)
    }
}

/// Hands a reader to the parsing thread, which is from then on the only one to use it.
private struct UncheckedReader: @unchecked Sendable {
    let reader: ScriptReader
}
