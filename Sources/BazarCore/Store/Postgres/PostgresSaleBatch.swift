/// A script's sales on a PostgreSQL server, sent in batches instead of one round trip each (issue 13: loading a
/// million sales within the time of `psql \copy`). One prepared INSERT per sale costs a round trip to the server
/// (about 0.1-0.2 ms); a COPY of thousands of rows costs three.
///
/// How it keeps the behaviour of one INSERT per line:
/// - Only scripts use it (the shell commits each change before its confirmation), and only when `undo` does not
///   capture the script (the journal needs each sale's number at once). The session decides (`SaleBatching.swift`).
/// - A buffered sale needs no answer from the server: its checks (item, day, qty, amount, a ref already in the
///   store) were made by `add sale` before it got here. Its number is the server's (the identity column), given
///   when the batch is written, in the order of the lines, as one INSERT per line would have given them; `void
///   sale last` asks for it afterwards (`lastNumber`).
/// - The batch is written before anything that reads sales or depends on a sale's number: the session writes it
///   before every command that is not an `add sale` (except those that cannot look at sales), before a line whose
///   ref is waiting in it, at the end of the script, and when a line fails (an earlier line's refusal is the
///   error that counts). It is never written inside a line's savepoint that holds rows of earlier lines, so a
///   line rolled back under `--on-error continue` takes only its own row out (`rollBack(to:)`).
/// - When the server refuses the COPY (a row breaks a constraint no check here foresaw: another officer took the
///   same ref meanwhile), the COPY is rolled back to a savepoint taken before it and the rows are inserted again
///   one by one, as the lines would have been: the first refused row names its line, with the error one INSERT
///   gives. Under `--on-error continue` each refused row is left out alone and the others stay.
final class PostgresSaleBatch {
    /// `lastSaleAdded` of a sale still in the batch (its number is not known yet).
    static let pendingNumber: Int64 = -1
    /// Rows kept before the session writes them at the next line (memory stays small; the server works on one
    /// batch while the next lines are parsed).
    static let limit = 20_000

    struct Row {
        var sale: SaleRecord
        var line: SourceLine?
        /// Where the line writes its ref (for "ref … is already used", when another officer took it meanwhile).
        var refSpan: SourceSpan?
    }

    /// A row the server refused, and the line that added it.
    struct Refused: Error {
        var line: SourceLine?
        var error: any Error
    }

    private let store: PostgresStoreConnection
    /// The stalls the script makes at events it made, written just before the sales (PostgresNewStalls.swift).
    let stalls: PostgresNewStalls
    /// The participants and products it adds, written before them (PostgresNewRecords.swift).
    let records: PostgresNewRecords
    /// In a store the script made: the foreign keys and report index, added after the rows (PostgresDeferredKeys.swift).
    let keys: PostgresDeferredKeys
    private(set) var rows: [Row] = []
    /// The refs of the rows waiting (a line with one of these must see the row: the batch is written first).
    private var refs: [String: Int] = [:]
    /// The line now running: the one a row added now belongs to; and where it writes its ref.
    var line: SourceLine?
    var refSpan: SourceSpan?
    /// The last row written was refused (so `void sale last` has no sale to name).
    private var lastRefused = false

    static let copySQL = "COPY sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note) FROM STDIN"
    /// The same with a sale's void mark and reason after its values (`bazar copy` copies voided sales as they are).
    static let copyVoidedSQL = "COPY sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note, void, void_reason) FROM STDIN"

    init(_ store: PostgresStoreConnection) {
        self.store = store
        stalls = PostgresNewStalls(store)
        records = PostgresNewRecords(store)
        keys = PostgresDeferredKeys(store.connection)
        rows.reserveCapacity(Self.limit)
    }

    var isEmpty: Bool { rows.isEmpty && stalls.isEmpty && records.isEmpty }
    var count: Int { rows.count }

    /// Where the batch stood at a savepoint.
    struct Mark {
        var sales = 0
        var stalls = 0
        var keysDeferred = false
    }
    var mark: Mark { Mark(sales: rows.count, stalls: stalls.mark, keysDeferred: keys.isDeferring) }

    func add(_ sale: SaleRecord) {
        rows.append(Row(sale: sale, line: line, refSpan: sale.ref == nil ? nil : refSpan))
        if let ref = sale.ref { refs[ref, default: 0] += 1 }
    }

    func hasPending(ref: String) -> Bool { refs[ref] != nil }

    /// A savepoint rolled back: the rows (and stalls) added since go with it.
    func rollBack(to mark: Mark) {
        stalls.rollBack(to: mark.stalls)
        if !mark.keysDeferred { keys.forget() }
        guard mark.sales < rows.count else { return }
        for r in rows[mark.sales...] {
            if let ref = r.sale.ref {
                refs[ref]! -= 1
                if refs[ref] == 0 { refs[ref] = nil }
            }
        }
        rows.removeSubrange(mark.sales...)
    }

    /// The script failed: nothing of it is written.
    func discard() {
        dropRows()
        stalls.discard()
        records.discard()
        keys.forget()
    }

    private func dropRows() {
        rows.removeAll(keepingCapacity: true)
        refs = [:]
    }

    /// The number of the last sale written (`void sale last` after a batch), nil when that row was refused.
    func lastNumber() throws -> Int64? {
        if lastRefused { return nil }
        return try store.connection.query("SELECT currval(pg_get_serial_sequence('sale', 'id'))").first?.int(0)
    }

    /// Writes the rows waiting. A refused row: with `keepGoing` false, throws `Refused` (the script stops there
    /// and is rolled back); with it true, leaves that row out and returns it with the others refused.
    @discardableResult
    func flush(keepGoing: Bool) throws -> [Refused] {
        try records.flush()
        // (A stall the server refuses is no line's doing: nobody else can make one at these events.)
        try stalls.flush()
        guard !rows.isEmpty else { return [] }
        let pending = rows
        dropRows()
        let db = store.connection
        try db.execute("SAVEPOINT sale_batch")
        do {
            try db.copy(Self.copySQL) { w in
                for r in pending { try w.append(Self.values(r.sale)) }
            }
            try db.execute("RELEASE SAVEPOINT sale_batch")
            lastRefused = false
            return []
        } catch let e as PostgresError where e.kind == .statementFailed && Self.isRowError(e) {
            try db.execute("ROLLBACK TO SAVEPOINT sale_batch; RELEASE SAVEPOINT sale_batch")
        }
        // Again one row at a time, to find the line (or lines) refused.
        var refused: [Refused] = []
        let insert = try store.saleInsert()
        for r in pending {
            try db.execute("SAVEPOINT sale_row")
            do {
                r.sale.bind(to: insert)
                _ = try insert.insert()
                try db.execute("RELEASE SAVEPOINT sale_row")
                lastRefused = false
            } catch let e as PostgresError where e.kind == .statementFailed && Self.isRowError(e) {
                try db.execute("ROLLBACK TO SAVEPOINT sale_row; RELEASE SAVEPOINT sale_row")
                let error = try refusal(e, of: r)
                guard keepGoing else { throw Refused(line: r.line, error: error) }
                refused.append(Refused(line: r.line, error: error))
                lastRefused = true
            }
        }
        return refused
    }

    /// What the line is told: a ref someone took meanwhile as `add sale` says it ("already used by sale #N"),
    /// anything else as the server's refusal of one INSERT.
    private func refusal(_ e: PostgresError, of r: Row) throws -> any Error {
        guard e.sqlState == "23505", e.constraint == "sale_ref", let ref = r.sale.ref,
              let earlier = try Records(store).saleNo(ref: ref, productNo: r.sale.productNo, stallNo: r.sale.stallNo) else { return e }
        return BazarError(.duplicateRef(ref, sale: earlier), at: r.refSpan)
    }

    /// A refusal of the row itself (a constraint, a value): SQLSTATE classes 22 and 23. Anything else (Ctrl-C, a
    /// lost connection, a lock timeout) is about the transaction, and goes on as it is.
    private static func isRowError(_ e: PostgresError) -> Bool {
        guard let s = e.sqlState else { return false }
        return s.hasPrefix("23") || s.hasPrefix("22")
    }

    static func values(_ s: SaleRecord) -> [StoreValue] {
        [.int(s.eventNo), .int(s.stallNo), s.productNo.map { .int($0) } ?? .null, .text(s.day.iso), .int(s.qty), .int(s.amount),
         .text(s.channel), s.buyer.map { .text($0) } ?? .null, s.ref.map { .text($0) } ?? .null, s.note.map { .text($0) } ?? .null]
    }
}
