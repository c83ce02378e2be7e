import CLibPQ

/// The store seam on a PostgreSQL server: a `PostgresConnection` that takes the SQL written once for
/// both backends. `?`, `?N` and `:name` parameters become `$N` (once per statement text, cached);
/// statements run often are prepared once per connection.
public final class PostgresStoreConnection: StoreConnection {
    public let connection: PostgresConnection
    /// Each statement text as the server takes it, and its parameters' names (for `:name` ones).
    private var rewritten: [String: (sql: String, names: [String])] = [:]

    /// In a transaction begun by `beginRead` (a report's own, whose snapshot a second connection may share; not a
    /// script's, whose uncommitted changes only this connection sees).
    private(set) var inReadTransaction = false

    public init(_ connection: PostgresConnection) { self.connection = connection }

    public var dialect: SQLDialect { .postgres }
    public var isInTransaction: Bool { connection.isInTransaction }

    /// The statement with `$N` parameters, and the values in their order.
    func prepare(_ sql: String, _ arguments: StoreArguments) -> (String, [StoreValue]) {
        let entry: (sql: String, names: [String])
        if let e = rewritten[sql] {
            entry = e
        } else {
            let text = postgresJoins(sql)
            entry = text.contains(":") ? postgresNamedParameters(text) : (postgresParameters(text), [])
            rewritten[sql] = entry
        }
        switch arguments {
        case .positional(let values): return (entry.sql, values)
        case .named(let values): return (entry.sql, entry.names.map { values[$0] ?? .null })
        }
    }

    public func forEachRow(_ sql: String, _ arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws {
        let (text, values) = prepare(sql, arguments)
        for row in try connection.query(text, values) { try body(row) }
    }

    @discardableResult
    public func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        let (text, values) = prepare(sql, arguments)
        return try connection.execute(text, values)
    }

    public func run(_ sql: String) throws { try connection.execute(sql) }

    public func statement(_ sql: String, returning key: String?) throws -> any StoreStatement {
        let (text, _) = prepare(sql, .none)
        return PostgresStatement(connection, key.map { text + " RETURNING " + $0 } ?? text)
    }

    /// A sale's INSERT, its ten values bound by `SaleRecord.bind(to:)`. The server numbers the sale (an identity
    /// column), so concurrent officers never take the same number.
    static let insertSaleSQL = """
        INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    public func saleInsert() throws -> any StoreStatement {
        try statement(Self.insertSaleSQL, returning: "id")
    }

    /// Several sales in one INSERT (one round trip), each written unless its product already has a sale with its ref:
    /// a refused INSERT would abort the whole transaction here, `ON CONFLICT DO NOTHING` does not. The id of each
    /// written, nil for each whose ref was taken, in the order given. Of two with the same ref and product the first
    /// is written, the second not.
    func insertSalesUnlessRefTaken(_ sales: [SaleRecord]) throws -> [Int64?] {
        guard !sales.isEmpty else { return [] }
        let sql = Self.insertSalesSQL(count: sales.count)
        let values = sales.flatMap(PostgresSaleBatch.values)
        // (A full batch's statement is prepared once; the last, shorter one of an import runs unprepared.)
        let rows = sales.count == Self.salesPerInsert ? try connection.query(prepared: sql, values) : try connection.query(sql, values)
        // The rows written come back with their ref and product: each is the first sale given with them.
        var written: [RefKey: Int64] = [:]
        var withoutRef: [Int64] = []
        for r in rows {
            let id: Int64 = r[0]
            if let ref: String = r[1] { written[RefKey(ref: ref, product: r[2])] = id } else { withoutRef.append(id) }
        }
        // (Sales without a ref are always written; their ids are taken in the order they come back, which only
        // the undo journal reads, as a set.)
        var nextWithoutRef = withoutRef.makeIterator()
        return sales.map { s in
            guard let ref = s.ref else { return nextWithoutRef.next() }
            return written.removeValue(forKey: RefKey(ref: ref, product: s.productNo))
        }
    }

    /// How many sales `insertSalesUnlessRefTaken` is given at most (ten parameters each; a statement takes 65,535).
    static let salesPerInsert = 1_000

    struct RefKey: Hashable {
        let ref: String
        let product: Int64?
    }

    /// The sale holding each ref for its product, in one query per thousand (the refs an import found taken).
    func salesHolding(_ keys: [RefKey]) throws -> [RefKey: Int64] {
        var found: [RefKey: Int64] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.salesPerInsert) {
            let part = keys[start..<min(start + Self.salesPerInsert, keys.count)]
            let pairs = (0..<part.count).map { "($\(2 * $0 + 1), $\(2 * $0 + 2)::bigint)" }.joined(separator: ", ")
            let values = part.flatMap { [StoreValue.text($0.ref), $0.product.map { .int($0) } ?? .null] }
            for r in try connection.query("SELECT ref, product_no, id FROM sale WHERE (ref, product_no) IN (\(pairs))", values) {
                found[RefKey(ref: r[0], product: r[1])] = r[2]
            }
        }
        return found
    }

    private static func insertSalesSQL(count: Int) -> String {
        var sql = "INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note) VALUES "
        sql.reserveCapacity(sql.utf8.count + count * 64)
        for i in 0..<count {
            let b = i * 10
            sql += i == 0 ? "(" : ", ("
            sql += (1...10).map { "$\(b + $0)" }.joined(separator: ", ")
            sql += ")"
        }
        return sql + " ON CONFLICT (ref, product_no) WHERE ref IS NOT NULL DO NOTHING RETURNING id, ref, product_no"
    }

    /// A change waits at most `Store.busyTimeout` for another officer's row lock (then 55P03: "try again").
    public func beginWrite() throws {
        try connection.execute("BEGIN; SET LOCAL lock_timeout = '\(Int(Store.busyTimeout * 1000))ms'")
    }

    /// Several reads of one report see one state of the store, whatever commits meanwhile.
    public func beginRead() throws {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        inReadTransaction = true
    }

    public func commit() throws {
        inReadTransaction = false
        try connection.commit()
    }
    public func rollback() {
        inReadTransaction = false
        connection.rollback()
    }
    public func savepoint(_ name: String) throws { try connection.execute("SAVEPOINT \(name)") }
    public func release(_ name: String) throws { try connection.execute("RELEASE SAVEPOINT \(name)") }
    public func rollback(to name: String) throws {
        try connection.execute("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
    }

    public func makeInterrupter() -> StoreInterrupter? { connection.makeCanceller().map(PostgresInterrupter.init) }
}

/// Ctrl-C on a server store: a cancel request (PQcancel, async-signal-safe).
final class PostgresInterrupter: StoreInterrupter {
    let canceller: PostgresCanceller
    init(_ canceller: PostgresCanceller) { self.canceller = canceller }
    func interrupt() { canceller.cancel() }
}

/// A hot-path statement on the server: parameters collected, then run as a prepared statement.
final class PostgresStatement: StoreStatement {
    let connection: PostgresConnection
    let sql: String
    private var values: [StoreValue] = []
    private var current: StoreRow?

    init(_ connection: PostgresConnection, _ sql: String) {
        self.connection = connection
        self.sql = sql
    }

    private func set(_ index: Int32, _ value: StoreValue) {
        let i = Int(index) - 1
        if values.count <= i { values += Array(repeating: .null, count: i + 1 - values.count) }
        values[i] = value
    }

    func bind(_ index: Int32, _ value: Int64?) { set(index, value.map { .int($0) } ?? .null) }
    func bind(_ index: Int32, _ text: String?) { set(index, text.map { .text($0) } ?? .null) }
    func bind(_ index: Int32, day: Day) { set(index, .text(day.iso)) }

    @discardableResult
    func execute() throws -> Int { try connection.execute(prepared: sql, values) }

    func insert() throws -> Int64 {
        try connection.query(prepared: sql, values).first?.int(0) ?? 0
    }

    func first<T>(_ read: (any StoreStatement) -> T) throws -> T? {
        guard let row = try connection.query(prepared: sql, values).first else { return nil }
        current = row
        defer { current = nil }
        return read(self)
    }

    func int(_ column: Int32) -> Int64 { current?.int(Int(column)) ?? 0 }
    func optionalInt(_ column: Int32) -> Int64? { current?.int(Int(column)) }
    func text(_ column: Int32) -> String? { current?.string(Int(column)) }
}

/// `:name` parameters (and `?`, `?N`) as `$N`, outside quotes, comments and `::` casts; the names in
/// the order of their numbers.
func postgresNamedParameters(_ sql: String) -> (sql: String, names: [String]) {
    let s = Array(sql.utf8)
    var out: [UInt8] = []
    var names: [String] = []
    var i = 0
    func isName(_ c: UInt8) -> Bool { c == UInt8(ascii: "_") || (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) }
    while i < s.count {
        let c = s[i]
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            out.append(c); i += 1
            while i < s.count {
                out.append(s[i])
                if s[i] == c { i += 1; break }
                i += 1
            }
        } else if c == UInt8(ascii: ":"), i + 1 < s.count, s[i + 1] == UInt8(ascii: ":") {
            out += [c, c]; i += 2
        } else if c == UInt8(ascii: ":"), i + 1 < s.count, isName(s[i + 1]), !(s[i + 1] >= 48 && s[i + 1] <= 57) {
            var j = i + 1
            while j < s.count, isName(s[j]) { j += 1 }
            let name = String(decoding: s[(i + 1)..<j], as: UTF8.self)
            let n = (names.firstIndex(of: name) ?? { names.append(name); return names.count - 1 }()) + 1
            out += Array("$\(n)".utf8)
            i = j
        } else {
            out.append(c); i += 1
        }
    }
    let text = String(decoding: out, as: UTF8.self)
    // Positional ones (none in bazar's named statements) are left to the other rewrite.
    return (names.isEmpty ? postgresParameters(text) : text, names)
}
