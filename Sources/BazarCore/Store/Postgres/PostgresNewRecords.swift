/// The participants and products a script on a server adds, numbered by bazar and written in one statement per
/// run of `add participant` / `add product` lines instead of one round trip each (a big script adds 80,000 of them,
/// one round trip each took longer than loading its million sales).
///
/// Under `on-error stop` only: a line that adds an id already there fails when its run is written, and the lines
/// after it that counted on its number are rolled back with the rest of the script. (Under `continue` such a line
/// is left out alone and the lines after it must find the participant already there: they ask the server at once.)
/// The run is written before any other kind of line (`SaleBatching.swift`) and before a lookup of a participant or
/// product the cache does not know (`Records.participant(id:)`, `Records.product(participantNo:id:)`).
/// Numbers come from each table's identity sequence, taken in blocks (`nextval`): never given to anyone else.
///
/// When the bulk INSERT … ON CONFLICT DO NOTHING does not take every row, it is rolled back to a savepoint and the
/// rows are inserted one by one, as the lines would have been: the first one refused names its line, with the
/// message `add participant` / `add product` gives ("… already exists").
final class PostgresNewRecords {
    struct Added<Record> {
        var record: Record
        var line: SourceLine?
        var span: SourceSpan?
    }
    private(set) var participants: [Added<ParticipantRecord>] = []
    private(set) var products: [Added<ProductRecord>] = []
    private var participantNumbers = PostgresNumbers(table: "participant", column: "participant_no")
    private var productNumbers = PostgresNumbers(table: "product", column: "product_no")
    private let store: PostgresStoreConnection

    init(_ store: PostgresStoreConnection) { self.store = store }

    var isEmpty: Bool { participants.isEmpty && products.isEmpty }

    func add(_ p: ParticipantRecord, line: SourceLine?, span: SourceSpan?) throws -> Int64 {
        var p = p
        p.no = try participantNumbers.next(store)
        participants.append(Added(record: p, line: line, span: span))
        return p.no
    }

    func add(_ p: ProductRecord, line: SourceLine?, span: SourceSpan?) throws -> Int64 {
        var p = p
        p.no = try productNumbers.next(store)
        products.append(Added(record: p, line: line, span: span))
        return p.no
    }

    func discard() {
        participants.removeAll()
        products.removeAll()
    }

    /// Writes what waits: participants, then products (which name them). Throws `PostgresSaleBatch.Refused` for the
    /// first line refused.
    func flush() throws {
        if !participants.isEmpty {
            let rows = participants
            participants.removeAll()
            let cols = ParticipantRecord.textAttributes
            let arrays: [StoreValue] = [Self.array(rows.map { String($0.record.no) }, quoted: false), Self.array(rows.map { $0.record.id })]
                + cols.map { c in Self.array(rows.map { $0.record.fields[c] }) }
            let casts = ["bigint[]"] + Array(repeating: "text[]", count: cols.count + 1)
            try write(rows, sql: """
                INSERT INTO participant (participant_no, id, \(cols.joined(separator: ", ")))
                SELECT * FROM unnest(\(casts.enumerated().map { "$\($0.offset + 1)::\($0.element)" }.joined(separator: ", ")))
                ON CONFLICT DO NOTHING
                """, arrays: arrays) { r in
                try Records(store).insertParticipant(r.record, number: r.record.no) == 0
                    ? BazarError(.alreadyExists(kind: "participant", id: try Records(store).participant(id: r.record.id)?.id ?? r.record.id), at: r.span)
                    : nil
            }
        }
        if !products.isEmpty {
            let rows = products
            products.removeAll()
            let arrays: [StoreValue] = [
                Self.array(rows.map { String($0.record.no) }, quoted: false), Self.array(rows.map { String($0.record.participantNo) }, quoted: false),
                Self.array(rows.map { $0.record.id }), Self.array(rows.map { $0.record.name }), Self.array(rows.map { $0.record.category }),
                Self.array(rows.map { $0.record.price.map(String.init) }, quoted: false), Self.array(rows.map { $0.record.unit }),
            ]
            try write(rows, sql: """
                INSERT INTO product (product_no, participant_no, id, name, category, price, unit)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
                ON CONFLICT DO NOTHING
                """, arrays: arrays) { r in
                guard try Records(store).insertProduct(r.record, number: r.record.no) == 0 else { return nil }
                let existing = try Records(store).product(participantNo: r.record.participantNo, id: r.record.id)
                return BazarError(.alreadyExists(kind: "product", id: existing?.ref ?? r.record.ref), at: r.span)
            }
        }
    }

    /// The bulk INSERT; when it does not take every row, the rows again one by one (`one` gives a row's refusal).
    private func write<R>(_ rows: [Added<R>], sql: String, arrays: [StoreValue], one: (Added<R>) throws -> BazarError?) throws {
        let db = store.connection
        try db.execute("SAVEPOINT new_records")
        do {
            if try db.execute(sql, arrays) == rows.count {
                try db.execute("RELEASE SAVEPOINT new_records")
                return
            }
        } catch let e as PostgresError where e.kind == .statementFailed {}
        try db.execute("ROLLBACK TO SAVEPOINT new_records; RELEASE SAVEPOINT new_records")
        for r in rows {
            do {
                if let refusal = try one(r) { throw PostgresSaleBatch.Refused(line: r.line, error: refusal) }
            } catch let e as PostgresError where e.kind == .statementFailed {
                throw PostgresSaleBatch.Refused(line: r.line, error: e)
            }
        }
    }

    /// A PostgreSQL array literal: `{"a","b \"c\"",NULL}`.
    static func array(_ values: [String?], quoted: Bool = true) -> StoreValue {
        var out = "{"
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            guard let v else { out += "NULL"; continue }
            if !quoted { out += v; continue }
            out += "\""
            for c in v.unicodeScalars {
                if c == "\"" || c == "\\" { out += "\\" }
                out.unicodeScalars.append(c)
            }
            out += "\""
        }
        return .text(out + "}")
    }
}

/// Numbers of an identity column taken for bazar in blocks (16, 32 … 1024 at a time): `nextval` never gives them
/// to anyone else; a block's numbers left unused are a gap.
struct PostgresNumbers {
    let table: String
    let column: String
    private var taken: [Int64] = []
    private var block = 16

    init(table: String, column: String) {
        self.table = table
        self.column = column
    }

    mutating func next(_ store: PostgresStoreConnection) throws -> Int64 {
        if taken.isEmpty {
            taken = try store.connection.query(
                "SELECT nextval(pg_get_serial_sequence('\(table)', '\(column)')) FROM generate_series(1, $1) ORDER BY 1 DESC",
                [.int(Int64(block))]).map { $0.int(0) ?? 0 }
            block = min(block * 2, 1024)
        }
        return taken.removeLast()
    }
}
