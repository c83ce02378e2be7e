/// `undo` on both backends: what each change command wrote, kept in the session as the steps that take it back.
///
/// `Records` (the only writer) notes every row it inserts and every row it updates (its values before and
/// after) while a command's group is open. `undo` applies the inverses newest first: an inserted row is
/// deleted, an updated row gets its old values back, each only where the row still holds what this session
/// wrote, so a row another officer changed since is never overwritten (the undo stops with a conflict).
/// Nothing is kept in the store: no TEMP tables or triggers (PostgreSQL's are global, and would fire for every
/// row of a COPY), and a script loaded from the command line journals nothing.
final class UndoJournal {
    /// The steps of the command running now, in the order they were made.
    var steps: [UndoStep] = []

    func inserted(_ table: UndoTable, key: [StoreValue]) {
        steps.append(UndoStep(table: table, key: key, before: nil, after: nil))
    }

    func updated(_ table: UndoTable, key: [StoreValue], before: [StoreValue], after: [StoreValue]) {
        guard before != after else { return }
        steps.append(UndoStep(table: table, key: key, before: before, after: after))
    }

    /// Where a savepoint began: what rolling back to it takes out of the journal.
    var mark: Int { steps.count }
    func rollBack(to mark: Int) {
        if mark < steps.count { steps.removeSubrange(mark...) }
    }
}

/// One row change and how to take it back.
struct UndoStep {
    let table: UndoTable
    let key: [StoreValue]
    /// The row's values before the change (nil: the change inserted it).
    let before: [StoreValue]?
    /// After the change (of an update).
    let after: [StoreValue]?

    /// Takes the change back; false when the row is no longer what the change left.
    func revert(on store: any StoreConnection) throws -> Bool {
        let keyMatch = table.keys.enumerated().map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: " AND ")
        guard let before, let after else {
            return try store.execute("DELETE FROM \(table.name) WHERE \(keyMatch)", StoreArguments(key)) == 1
        }
        let n = key.count
        let sets = table.columns.enumerated().map { "\($0.element) = ?\(n + $0.offset + 1)" }.joined(separator: ", ")
        let unchanged = table.columns.enumerated()
            .map { "\($0.element) IS NOT DISTINCT FROM ?\(n + table.columns.count + $0.offset + 1)" }.joined(separator: " AND ")
        return try store.execute("UPDATE \(table.name) SET \(sets) WHERE \(keyMatch) AND \(unchanged)",
                                 StoreArguments(key + before + after)) == 1
    }
}

/// The tables `undo` reverts (not the change log), their keys and the columns an update may change.
struct UndoTable: Sendable {
    let name: String
    let keys: [String]
    let columns: [String]

    static let event = UndoTable(name: "event", keys: ["event_no"], columns: [
        "id", "name", "program", "mode", "channel", "kota", "kecamatan", "level", "venue", "start_date", "end_date", "target", "closed"])
    static let participant = UndoTable(name: "participant", keys: ["participant_no"], columns: ["id"] + ParticipantRecord.textAttributes)
    static let product = UndoTable(name: "product", keys: ["product_no"], columns: ["participant_no", "id", "name", "category", "price", "unit"])
    static let stall = UndoTable(name: "stall", keys: ["stall_no"], columns: ["event_no", "participant_no", "whole_channels"])
    static let listing = UndoTable(name: "listing", keys: ["stall_no", "product_no"], columns: ["channels"])
    static let sale = UndoTable(name: "sale", keys: ["id"], columns: [
        "event_no", "stall_no", "product_no", "day", "qty", "amount", "channel", "buyer", "ref", "note", "void", "void_reason"])
    static let skuMap = UndoTable(name: "sku_map", keys: ["text"], columns: ["product_no"])

    /// The row's columns as they are now (days as ISO text on both backends); nil when there is none.
    func snapshot(_ store: any StoreConnection, key: [StoreValue]) throws -> [StoreValue]? {
        let keyMatch = keys.enumerated().map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: " AND ")
        let cols = columns.map { $0.hasSuffix("date") || $0 == "day" ? store.dialect.dayText($0) : $0 }
        return try store.row("SELECT \(cols.joined(separator: ", ")) FROM \(name) WHERE \(keyMatch)", StoreArguments(key))?.values
    }
}

extension Records {
    /// Runs an UPDATE of one row (`key`) and notes it for `undo` when a command's changes are being kept.
    func updating(_ table: UndoTable, key: [StoreValue], _ body: () throws -> Void) throws {
        guard let journal else { return try body() }
        let before = try table.snapshot(store, key: key)
        try body()
        guard let before, let after = try table.snapshot(store, key: key) else { return }
        journal.updated(table, key: key, before: before, after: after)
    }

    /// An INSERT … ON CONFLICT DO UPDATE of one row: noted as an insert or as an update.
    /// `unchanged`: true when the row as it was needs no change (the upsert and the second look are skipped).
    func upserting(_ table: UndoTable, key: [StoreValue], unchanged: ([StoreValue]) -> Bool = { _ in false }, _ body: () throws -> Void) throws {
        guard let journal else { return try body() }
        let before = try table.snapshot(store, key: key)
        if let before, unchanged(before) { return }
        try body()
        // No row before: the upsert inserted it (no second look: a round trip per new listing on a server).
        guard let before else { return journal.inserted(table, key: key) }
        guard let after = try table.snapshot(store, key: key) else { return }
        journal.updated(table, key: key, before: before, after: after)
    }

    /// Notes a row this command inserted.
    /// (`key` is made only when a journal is kept: a script loading a million sales keeps none.)
    func inserted(_ table: UndoTable, key: @autoclosure () -> [StoreValue]) {
        journal?.inserted(table, key: key())
    }
}
