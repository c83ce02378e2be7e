import Foundation
import GRDB

/// Set from a SIGINT handler: stop the running script or report at the next line.
nonisolated(unsafe) public var interruptRequested = false

/// How a run of lines ended.
public struct RunResult: Sendable {
    /// Lines that failed (reported).
    public var errors = 0
    /// The store itself could not be used (exit 3).
    public var storeUnusable = false
    /// `quit` or `exit` was run.
    public var quit = false
    /// Changes applied (kept).
    public var changes = 0
    /// Of a script: commands that ran, `add sale`s among them, physical lines read, and whether it was rolled back.
    public var commands = 0
    public var sales = 0
    public var lines = 0
    public var rolledBack = false
    public init() {}

    /// Exit status per SPEC section 5.
    public var exitStatus: Int32 { storeUnusable ? 3 : (errors > 0 ? 1 : 0) }
}

/// The input loop's policy, the same for the shell, `-c` and scripts:
/// parse → execute → (commit) → render → print. Errors are rendered here and nowhere else.
extension Session {
    /// One command typed in the shell or given with `-c`: its own transaction, committed
    /// (durably) before its confirmation is printed.
    public func runLine(_ line: SourceLine) -> RunResult {
        if Language.current != settings.language { return settings.language.speaking { runLine(line) } }
        // `set timing on`: the time each command took, after its output.
        let timing = settings.timing
        let started = timing ? Session.monotonicSeconds() : 0
        defer {
            if timing && settings.timing {
                output.write(Session.formatTime(Session.monotonicSeconds() - started))
                output.flush()
            }
        }
        undoLog.lastCommitted = nil
        changeNote = nil
        var result = RunResult()
        let command: ParsedCommand
        do {
            guard let parsed = try parser.parse(line) else { return result }
            command = parsed
        } catch {
            report(error, line: line, into: &result)
            return result
        }
        if command.kind == .run {
            // A script run from the shell is one change for `undo`.
            undoLog.scriptLabel = undoEnabled ? line.text : nil
            defer { undoLog.scriptLabel = nil }
            return runScriptFile(command)
        }
        let inTransaction = command.spec.changes || command.kind == .undo
        // A report or list runs several queries: one read transaction makes them see the same
        // store even while another process writes.
        let readTransaction = !inTransaction && !store.isInTransaction && Session.readsSeveralTimes.contains(command.kind)
        do {
            if inTransaction { try begin() }
            if readTransaction { try store.beginRead() }
            try prepareStore(for: command)
            if command.spec.changes { try undoBegin() }
            let outcome = try execute(command)
            if readTransaction { try store.commit() }
            if inTransaction {
                // Only what changed the store is logged (opening an existing event is not a change).
                if case .confirmation = outcome {
                    try records.log(at: Session.now(), who: who, command: line.text + (changeNote.map { "  # " + $0 } ?? ""))
                    result.changes += 1
                }
                try undoEnd(label: line.text)
                try store.commit()
                undoCommitted()
                storeCommitted()
            }
            recordIfNeeded(command)
            try emit(outcome, for: command)
            if case .quit = outcome { result.quit = true }
        } catch {
            store.rollback()
            undoAbandon()
            revalidateContext()
            report(error, line: line, into: &result)
        }
        output.flush()
        return result
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `Time: 0.412 ms`.
    static func formatTime(_ seconds: Double) -> String {
        let ms = seconds * 1000
        if ms < 1000 { return Phrase.time.say(["time": String(format: "%.3f ms", ms)]) + "\n" }
        return Phrase.time.say(["time": String(format: "%.3f ms (%.1f s)", ms, seconds)]) + "\n"
    }

    static let readsSeveralTimes: Set<CommandKind> = [.report, .dump, .listEvents, .listParticipants, .listProducts, .listStalls, .listSales]

    /// Starts a write transaction, waiting up to the busy timeout for another writer. In the shell it waits
    /// on (see `waitForWriter`).
    func begin() throws {
        // What was looked up before may have been changed by another session since (a price, a stall undone).
        cache = LookupCache()
        do {
            try store.beginWrite()
        } catch let error where interactive && Store.isBusy(error) {
            try waitForWriter()
        } catch {
            throw Store.translate(error, path: storePath)
        }
    }

    /// `run FILE` in a session.
    func runScriptFile(_ command: ParsedCommand) -> RunResult {
        var result = RunResult()
        let path = command.text("file")!
        do {
            let reader = try ScriptReader(path: path)
            return runScript(reader)
        } catch let error as BazarError {
            var e = error
            e.span = command.span("file")
            report(e, line: command.line, into: &result)
            return result
        } catch {
            report(error, line: command.line, into: &result)
            return result
        }
    }

    /// Needed by `execute` for `.run` when called directly (e.g. from a nested script).
    func runScriptCommand(_ command: ParsedCommand) throws -> Outcome {
        let result = runScriptFile(command)
        if result.storeUnusable { throw BazarError(.storeFailure("the store could not be used")) }
        if result.errors > 0 { throw ScriptFailed() }
        return .nothing
    }

    struct ScriptFailed: Error {}

    /// A script: all or nothing under `on-error stop`; under `continue` each bad line is rolled
    /// back alone and reported, and the good ones stay. Nested scripts (`run` inside a script) are savepoints.
    public func runScript(_ reader: ScriptReader) -> RunResult {
        if Language.current != settings.language { return settings.language.speaking { runScript(reader) } }
        var result = RunResult()
        let name = reader.file ?? "<stdin>"
        if runningScripts.contains(name), reader.file != nil {
            report(BazarError(.scriptRecursion(name)), line: nil, into: &result)
            return result
        }
        runningScripts.append(name)
        let savedEcho = echoConfirmations
        echoConfirmations = false
        let outer = !store.isInTransaction
        defer {
            runningScripts.removeLast()
            echoConfirmations = savedEcho
            if outer { saleBatch = nil }
        }
        let recordMark = undoLog.pendingRecord.count
        let contextBefore = context
        // (On a store not made yet there are no tables to capture changes of: such a `run` is not undoable.)
        let undoLabel = outer && storeAccess.missingPath == nil ? undoLog.scriptLabel : nil
        // Foreign keys are not enforced while a script loads, as bulk loaders do: every row a
        // script writes refers to rows the commands looked up (or made) in the same transaction, and
        // nothing in a script deletes (undo is refused there). Checking each sale's event, stall and
        // product again costs a third of a large load. The pragma takes effect only outside a
        // transaction, and is set back as soon as the script's transaction ends.
        var scriptMark = SavepointMark()
        if outer, let sqlite { try? sqlite.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { if outer, let sqlite { try? sqlite.execute(sql: "PRAGMA foreign_keys = ON") } }
        do {
            if outer { try begin() } else { scriptMark = try savepoint("script") }
            if outer, store.dialect == .postgres { deferredChannels = DeferredChannels() }
            if undoLabel != nil { try undoBegin() }
            if outer { startSaleBatch() }
        } catch {
            // (A transaction begun here is not left open when what follows it failed.)
            if outer { store.rollback(); deferredChannels = nil }
            if outer { undoAbandon() }
            report(error, line: nil, into: &result)
            return result
        }

        var failed = false
        // A file is read and parsed on a second thread; a pipe or a terminal line by line as it comes.
        let parser = self.parser
        let ahead = reader.isRegularFile ? ParseAhead(reader: reader, parser: parser) : nil
        defer { ahead?.stop() }
        func nextLine() -> ParseAhead.Item? {
            if let ahead { return ahead.next() }
            guard let line = reader.next() else { return nil }
            return ParseAhead.Item(line: line, parsed: Result { try parser.parse(line) })
        }
        var lastLine = 0
        while let item = nextLine() {
            lastLine = item.line.number
            if interruptRequested {
                report(BazarError(.interrupted), line: nil, into: &result)
                failed = true
                break
            }
            let lineOK = runScriptLine(item.line, parsed: item.parsed, into: &result)
            // Lines that arrive over time (`tail -f sales.log | bazar`): their output as they are done.
            if let ahead { ahead.done(item) } else { output.flush() }
            if result.storeUnusable || (!lineOK && settings.onError == .stop) {
                failed = true
                break
            }
            if result.quit { break }
        }
        // The sales still waiting in a batch are written (and a refused one reported) before the script ends.
        if !failed, !flushSales(into: &result) { failed = true }
        // (The reader's own count when it reached the end: the parsing thread is done with it then.)
        result.lines = failed || result.quit ? lastLine : reader.linesRead

        do {
            if failed {
                // (A script run by another one: its savepoint's mark takes out what it batched, below.)
                if outer { saleBatch?.discard() }
                if outer { deferredChannels = nil }
                undoLog.pendingRecord.removeSubrange(min(recordMark, undoLog.pendingRecord.count)...)
                if outer { undoAbandon() }
                // (An interrupted statement may have rolled the transaction back already.)
                if store.isInTransaction {
                    if outer { store.rollback() } else { try rollBack(to: "script", mark: scriptMark) }
                }
                result.changes = 0
                result.sales = 0
                result.rolledBack = true
                // Nothing of it was kept: neither its changes nor the context it set.
                context = contextBefore
                revalidateContext()
            } else {
                if outer { try writeDeferredChannels() }
                if outer { try saleBatch?.keys.restore() }
                if result.changes > 0 {
                    try records.log(at: Session.now(), who: who, command: "run \(name): \(result.changes) change\(result.changes == 1 ? "" : "s")")
                }
                if let undoLabel { try undoEnd(label: undoLabel) }
                if outer { try store.commit(); undoCommitted(); storeCommitted() } else { try store.release("script") }
                if outer { recordFlush() }
            }
        } catch {
            if outer { saleBatch?.discard() }
            if outer { store.rollback(); deferredChannels = nil }
            if outer { undoAbandon(); undoLog.pendingRecord.removeAll() }
            revalidateContext()
            report(error, line: nil, into: &result)
        }
        output.flush()
        return result
    }

    /// One line of a script, already parsed; false when it failed.
    func runScriptLine(_ line: SourceLine, parsed: Result<ParsedCommand?, any Error>, into result: inout RunResult) -> Bool {
        // (`set language` in a script speaks the new language from the next line on.)
        if Language.current != settings.language {
            return settings.language.speaking { runScriptLine(line, parsed: parsed, into: &result) }
        }
        let command: ParsedCommand
        switch parsed {
        case .success(let c?): command = c
        case .success(nil): return true
        case .failure(let error):
            report(error, line: line, into: &result)
            return false
        }
        // A script on a server: its batched sales are written first when this line needs them.
        if !flushSalesIfNeeded(before: command, line: line, into: &result) { return false }
        if command.kind == .run {
            let inner = runScriptFile(command)
            result.errors += inner.errors
            result.changes += inner.changes
            result.sales += inner.sales
            result.commands += inner.errors == 0 ? 1 : 0
            result.storeUnusable = result.storeUnusable || inner.storeUnusable
            return inner.errors == 0
        }
        // Under `continue` a failing line must leave nothing behind: give it its own savepoint.
        let guarded = settings.onError == .continue && command.spec.changes
        var lineMark = SavepointMark()
        do {
            if guarded { lineMark = try savepoint("line") }
            try prepareStore(for: command)
            salesAddedByImport = 0
            let outcome = try execute(command)
            if guarded { try store.release("line") }
            // (Opening an event that exists changes nothing: it answers with a message.)
            if command.spec.changes, !outcome.isMessage || salesAddedByImport > 0 { result.changes += 1 }
            if command.kind == .addSale { result.sales += 1 }
            result.sales += salesAddedByImport
            result.commands += 1
            recordIfNeeded(command)
            try emit(outcome, for: command)
            if case .quit = outcome { result.quit = true }
            return true
        } catch {
            if guarded { try? rollBack(to: "line", mark: lineMark) }
            if guarded { revalidateContext() }
            // An earlier line still in the batch may be refused: its error comes first (and, under `on-error
            // stop`, is the only one). (A store error may have aborted the transaction: then nothing is written.)
            // A participant or product added by an earlier line, refused when a lookup of this one wrote it.
            if let refused = error as? PostgresSaleBatch.Refused {
                report(refused.error, line: refused.line, into: &result)
                return false
            }
            if saleBatch != nil, guarded || error is BazarError, !flushSales(into: &result) { return false }
            report(error, line: line, into: &result)
            return false
        }
    }

    /// Renders an outcome to the output, or to the redirect's file.
    func emit(_ outcome: Outcome, for command: ParsedCommand) throws {
        if case .nothing = outcome, command.redirect == nil { return }
        if let redirect = command.redirect {
            try writeFile(outcome, for: command, to: redirect)
            return
        }
        if case .confirmation = outcome, !echoConfirmations { return }
        var text = Renderer.render(outcome, as: settings.format)
        // `--bom`: CSV on standard output starts with one byte order mark, like a file.
        if settings.csvBom, settings.format == .csv, !settings.bomWritten, !text.isEmpty {
            text = "\u{FEFF}" + text
            settings.bomWritten = true
        }
        if !text.isEmpty { output.write(text) }
    }

    /// Shows an error in SPEC section 6's shape and counts it.
    func report(_ error: Error, line: SourceLine?, into result: inout RunResult) {
        if error is ScriptFailed {
            result.errors += 1
            return
        }
        var e = (error as? BazarError) ?? Store.translate(error, path: storePath)
        // Ctrl-C stopped a running statement (sqlite3_interrupt): say so, not "the store failed".
        if interruptRequested, Store.isInterrupted(error) {
            e = BazarError(.interrupted)
        }
        if e.problem.isStoreProblem { result.storeUnusable = true }
        result.errors += 1
        output.writeError(Diagnostic.render(e, line: line))
    }

    /// Local time for the change log: `2026-11-24 09:30:00`.
    static func now() -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        var buf = [Int8](repeating: 0, count: 32)
        let n = strftime(&buf, 32, "%Y-%m-%d %H:%M:%S", &tm)
        return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
