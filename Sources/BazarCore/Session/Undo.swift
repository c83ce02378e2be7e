import Foundation

/// `undo`: each command's row changes, kept in this session as the steps that take them back
/// (Store/UndoJournal.swift: the same on SQLite and on a PostgreSQL server).
///
/// A command's group is kept when its transaction commits and dropped when it rolls back, so a command that
/// failed leaves nothing to undo, and `undo` itself (reverting the last group) commits or rolls back as one.
/// Capture is on in the interactive shell and for `-c` commands (and `run FILE` typed there, as one group).
/// Scripts given on the command line journal nothing, so they stay fast. The change log (`change_log`) is not
/// reverted: `undo` is itself logged.
public struct UndoLog {
    /// A command has been captured in this session.
    var installed = false
    var nextGroup: Int64 = 0
    /// The group of the command running now (0: none).
    var current: Int64 = 0
    /// Set by `runLine` for `run FILE`: the script's changes become one group with this label.
    var scriptLabel: String?
    /// Where each group's recorded lines went (`record FILE`), to take them out when it is undone.
    var recorded: [Int64: RecordedLines] = [:]
    /// Lines recorded inside a transaction that has not committed yet.
    var pendingRecord: [String] = []
    /// The group the last committed command made (nil when it changed nothing).
    var lastCommitted: Int64?
    /// The groups that can be undone, oldest first.
    var groups: [UndoGroup] = []
    /// A group added, or taken by `undo`, in the transaction that has not committed yet.
    var uncommitted: UndoGroup?
    var taken: UndoGroup?

    public init() {}
}

struct SavepointMark {
    var journal = 0
    var channels = 0
    var sales = PostgresSaleBatch.Mark()
}

struct UndoGroup {
    var number: Int64
    var label: String
    var steps: [UndoStep]
}

struct RecordedLines {
    var path: String
    var offset: Int
    var text: String
}

extension Session {
    /// The journal `Records` writes to while a command is being captured.
    var capturing: UndoJournal? { undoLog.current > 0 ? undoJournal : nil }

    /// Starts capturing a command's changes as a new group. Call inside its transaction.
    func undoBegin() throws {
        guard undoEnabled else { return }
        undoLog.installed = true
        undoLog.nextGroup += 1
        undoLog.current = undoLog.nextGroup
        undoJournal.steps = []
    }

    /// Ends capture before COMMIT; keeps the group if the command changed any row.
    func undoEnd(label: String) throws {
        let group = undoLog.current
        undoLog.current = 0
        undoLog.lastCommitted = nil
        guard group > 0, !undoJournal.steps.isEmpty else { return }
        let g = UndoGroup(number: group, label: label, steps: undoJournal.steps)
        undoJournal.steps = []
        undoLog.groups.append(g)
        undoLog.uncommitted = g
        undoLog.lastCommitted = group
    }

    /// After COMMIT: what the transaction added or took is final.
    func undoCommitted() {
        undoLog.uncommitted = nil
        undoLog.taken = nil
    }

    /// After a rollback: the group the transaction added goes, one `undo` took comes back.
    func undoAbandon() {
        undoLog.current = 0
        undoLog.lastCommitted = nil
        undoJournal.steps = []
        if let g = undoLog.uncommitted, undoLog.groups.last?.number == g.number { undoLog.groups.removeLast() }
        if let g = undoLog.taken { undoLog.groups.append(g) }
        undoLog.uncommitted = nil
        undoLog.taken = nil
    }

    /// A savepoint inside a transaction; returns where the journal (and a script's deferred channel bits) stood,
    /// for `rollBack(to:mark:)`.
    func savepoint(_ name: String) throws -> SavepointMark {
        try store.savepoint(name)
        return SavepointMark(journal: undoJournal.mark, channels: deferredChannels?.mark ?? 0, sales: saleBatch?.mark ?? PostgresSaleBatch.Mark())
    }

    /// Rolls back to a savepoint: the store, the journal, the deferred channel bits and the batched sales.
    func rollBack(to name: String, mark: SavepointMark) throws {
        undoJournal.rollBack(to: mark.journal)
        deferredChannels?.rollBack(to: mark.channels)
        saleBatch?.rollBack(to: mark.sales)
        try store.rollback(to: name)
    }

    /// Writes a script's deferred channel bits (just before its COMMIT; `keepDeferring`: before a void recomputes
    /// what a listing sold on, after which the script goes on deferring).
    func writeDeferredChannels(keepDeferring: Bool = false) throws {
        guard let d = deferredChannels else { return }
        deferredChannels = nil
        defer { if keepDeferring { deferredChannels = DeferredChannels() } }
        try records.markSold(d.bits)
    }

    /// What `undo` would revert now, newest first (for tests and messages).
    public func undoableChanges() throws -> [String] {
        undoLog.groups.reversed().map(\.label)
    }

    /// `undo`: reverts the last group, inside the transaction `runLine` opened for it.
    func undo(_ cmd: ParsedCommand) throws -> Outcome {
        guard runningScripts.isEmpty, let last = undoLog.groups.last else {
            throw BazarError(.nothingToUndo, at: cmd.commandSpan)
        }
        for step in last.steps.reversed() {
            // Each inverse touches exactly its one row as this session left it; anything else means another
            // session changed that row since: refuse rather than overwrite its work.
            let reverted: Bool
            do {
                reverted = try step.revert(on: store)
            } catch {
                throw BazarError(.undoConflict(last.label), at: cmd.commandSpan)
            }
            if !reverted { throw BazarError(.undoConflict(last.label), at: cmd.commandSpan) }
        }
        undoLog.groups.removeLast()
        undoLog.taken = last
        unrecord(last.number)
        revalidateContext()   // (also forgets the last sale added: it may be the one undone)
        let left = undoLog.groups.count
        let rows = last.steps.count
        let more = left == 0 ? Phrase.undoneNothingMore.say() : Phrase.undoneMore.say(["count": String(left)])
        return .confirmation(Phrase.undone.say(["label": last.label, "rows": String(rows), "s": rows == 1 ? "" : "s", "left": more]))
    }

    // MARK: record FILE

    /// Appends lines to the record file now, or (inside a script's transaction) when it commits.
    func recordWrite(_ text: String) {
        guard let path = recordPath else { return }
        if store.isInTransaction {
            undoLog.pendingRecord.append(text)
            return
        }
        guard let f = fopen(path, "a") else { return }
        defer { fclose(f) }
        fseek(f, 0, SEEK_END)
        let offset = ftell(f)
        fputs(text, f)
        fflush(f)
        if let group = undoLog.lastCommitted {
            if var r = undoLog.recorded[group], r.path == path, r.offset + r.text.utf8.count == offset {
                r.text += text
                undoLog.recorded[group] = r
            } else {
                undoLog.recorded[group] = RecordedLines(path: path, offset: offset, text: text)
            }
        }
    }

    /// After COMMIT: writes what the transaction recorded.
    func recordFlush() {
        let lines = undoLog.pendingRecord
        undoLog.pendingRecord = []
        if !lines.isEmpty, !store.isInTransaction { recordWrite(lines.joined()) }
    }

    /// Takes an undone group's lines out of the record file, so that it still reproduces the store.
    func unrecord(_ group: Int64) {
        guard let r = undoLog.recorded.removeValue(forKey: group) else { return }
        guard var bytes = readFileBytes(r.path) else { return }
        let mine = Array(r.text.utf8)
        guard r.offset + mine.count <= bytes.count, Array(bytes[r.offset..<(r.offset + mine.count)]) == mine else { return }
        bytes.removeSubrange(r.offset..<(r.offset + mine.count))
        let temp = r.path + ".bazar-tmp"
        guard let out = fopen(temp, "w") else { return }
        let ok = fwrite(bytes, 1, bytes.count, out) == bytes.count
        fclose(out)
        if ok { rename(temp, r.path) } else { unlink(temp) }
        for (g, var other) in undoLog.recorded where other.path == r.path && other.offset > r.offset {
            other.offset -= mine.count
            undoLog.recorded[g] = other
        }
    }
}
