import Foundation
import GRDB

/// `undo`: SQLite's documented undo technique (https://www.sqlite.org/undoredo.html).
///
/// TEMP triggers on the store's tables write, for every row a command inserts, updates or
/// deletes, the SQL that reverts it into the temp table `bazar_undo_log`, tagged with the
/// command's group number. A command's group is labelled (its line) in `bazar_undo_group`.
/// Both temp tables live in the command's own transaction, so a command that rolls back leaves
/// no group behind, and `undo` itself (reverting the last group) commits or rolls back as one.
///
/// Capture is on in the interactive shell and for `-c` commands (and `run FILE` typed there, as
/// one group). Scripts given on the command line never install the triggers, so they stay fast.
/// The change log (`change_log`) is not reverted: `undo` is itself logged.
public struct UndoLog {
    /// The temp tables and triggers exist on this connection.
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

    public init() {}
}

struct RecordedLines {
    var path: String
    var offset: Int
    var text: String
}

extension Session {
    /// The store's tables whose changes `undo` reverts (not the change log).
    static let undoTables = ["event", "participant", "product", "stall", "listing", "sale", "sku_map"]

    /// Creates the temp tables and triggers (once per connection).
    func installUndo(_ db: Database) throws {
        guard !undoLog.installed else { return }
        var sql = """
            CREATE TEMP TABLE IF NOT EXISTS bazar_undo_state (grp INTEGER NOT NULL);
            DELETE FROM temp.bazar_undo_state;
            INSERT INTO temp.bazar_undo_state VALUES (0);
            CREATE TEMP TABLE IF NOT EXISTS bazar_undo_log (seq INTEGER PRIMARY KEY, grp INTEGER NOT NULL, sql TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS temp.bazar_undo_log_grp ON bazar_undo_log (grp, seq);
            CREATE TEMP TABLE IF NOT EXISTS bazar_undo_group (grp INTEGER PRIMARY KEY, label TEXT NOT NULL);

            """
        for table in Session.undoTables {
            let info = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))")
            let columns: [String] = info.map { $0["name"] }
            var keys: [String] = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] }
            if keys.isEmpty { keys = ["rowid"] }
            func match(_ row: String) -> String {
                keys.map { "\($0)='||quote(\(row).\($0))||'" }.joined(separator: " AND ")
            }
            // (Trigger bodies may not qualify table names; a TEMP trigger finds the temp tables.)
            let when = "WHEN (SELECT grp FROM bazar_undo_state) > 0"
            let log = "INSERT INTO bazar_undo_log (grp, sql) VALUES ((SELECT grp FROM bazar_undo_state), "
            let sets = columns.map { "\($0)='||quote(old.\($0))||'" }.joined(separator: ",")
            let values = columns.map { "'||quote(old.\($0))||'" }.joined(separator: ",")
            sql += """
                CREATE TEMP TRIGGER IF NOT EXISTS bazar_undo_\(table)_insert AFTER INSERT ON main.\(table) \(when) BEGIN
                  \(log)'DELETE FROM main.\(table) WHERE \(match("new"))');
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS bazar_undo_\(table)_update AFTER UPDATE ON main.\(table) \(when) BEGIN
                  \(log)'UPDATE main.\(table) SET \(sets) WHERE \(match("new"))');
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS bazar_undo_\(table)_delete AFTER DELETE ON main.\(table) \(when) BEGIN
                  \(log)'INSERT INTO main.\(table) (\(columns.joined(separator: ","))) VALUES (\(values))');
                END;

                """
        }
        try db.execute(sql: sql)
        undoLog.installed = true
    }

    /// Starts capturing a command's changes as a new group. Call inside its transaction.
    func undoBegin() throws {
        guard undoEnabled, let db = sqlite else { return }
        try installUndo(db)
        undoLog.nextGroup += 1
        undoLog.current = undoLog.nextGroup
        try db.execute(sql: "UPDATE temp.bazar_undo_state SET grp = ?", arguments: [undoLog.current])
    }

    /// Ends capture before COMMIT; labels the group if the command changed any row.
    func undoEnd(label: String) throws {
        let group = undoLog.current
        undoLog.current = 0
        undoLog.lastCommitted = nil
        guard group > 0, let db = sqlite else { return }
        try db.execute(sql: "UPDATE temp.bazar_undo_state SET grp = 0")
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.bazar_undo_log WHERE grp = ?)", arguments: [group]) == true {
            try db.execute(sql: "INSERT INTO temp.bazar_undo_group (grp, label) VALUES (?, ?)", arguments: [group, label])
            undoLog.lastCommitted = group
        }
    }

    /// After a rollback: the temp tables rolled back with the store; forget the group.
    func undoAbandon() {
        undoLog.current = 0
        undoLog.lastCommitted = nil
        // The first capturing command created the temp tables and triggers in its own transaction:
        // if that rolled back, they are gone and must be made again.
        if undoLog.installed, let db = sqlite,
           (try? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_temp_master WHERE name = 'bazar_undo_state')")) != true {
            undoLog.installed = false
        }
    }

    /// What `undo` would revert now, newest first (for tests and messages).
    public func undoableChanges() throws -> [String] {
        guard undoLog.installed, let db = sqlite else { return [] }
        return try String.fetchAll(db, sql: "SELECT label FROM temp.bazar_undo_group ORDER BY grp DESC")
    }

    /// `undo`: reverts the last group, inside the transaction `runLine` opened for it.
    func undo(_ cmd: ParsedCommand) throws -> Outcome {
        guard runningScripts.isEmpty, undoLog.installed, let db = sqlite,
              let last = try Row.fetchOne(db, sql: "SELECT grp, label FROM temp.bazar_undo_group ORDER BY grp DESC LIMIT 1")
        else {
            throw BazarError(.nothingToUndo, at: cmd.commandSpan)
        }
        let group: Int64 = last[0]
        let label: String = last[1]
        let statements = try String.fetchAll(db, sql: "SELECT sql FROM temp.bazar_undo_log WHERE grp = ? ORDER BY seq DESC", arguments: [group])
        // The triggers are quiet while the state's group is 0, so reverting records nothing.
        for sql in statements {
            try db.execute(sql: sql)
            // Each inverse statement touches exactly its one row; anything else means another
            // session changed that row since: refuse rather than overwrite its work.
            if db.changesCount != 1 {
                throw BazarError(.undoConflict(label), at: cmd.commandSpan)
            }
        }
        try db.execute(sql: "DELETE FROM temp.bazar_undo_log WHERE grp = ?", arguments: [group])
        try db.execute(sql: "DELETE FROM temp.bazar_undo_group WHERE grp = ?", arguments: [group])
        unrecord(group)
        revalidateContext()   // (also forgets the last sale added: it may be the one undone)
        let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.bazar_undo_group") ?? 0
        let rows = statements.count
        return .confirmation("undone: \(label) (\(rows) row change\(rows == 1 ? "" : "s") reverted; \(left == 0 ? "nothing more" : "\(left) more") to undo)")
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
