import GRDB
import GRDBSQLite

/// The store seam on SQLite: one GRDB connection (`Store` opens it), with rows read through SQLite's
/// C API on GRDB's cached statements (the values are already what `StoreValue` holds: integers,
/// text and NULL).
public final class SQLiteConnection: StoreConnection {
    public let db: Database
    private var saleInsertStatement: Statement?

    public init(_ db: Database) { self.db = db }

    public var dialect: SQLDialect { .sqlite }
    public var isInTransaction: Bool { db.isInsideTransaction }

    public func forEachRow(_ sql: String, _ arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let raw = RawStatement(db, statement, sql: sql)
        bind(raw, arguments)
        let h = raw.handle
        defer { sqlite3_reset(h) }
        let columns = sqlite3_column_count(h)
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw raw.error(rc) }
            var values: [StoreValue] = []
            values.reserveCapacity(Int(columns))
            for c in 0..<columns {
                switch sqlite3_column_type(h, c) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.int(sqlite3_column_int64(h, c)))
                case SQLITE_FLOAT:
                    // bazar stores no fractions; a whole REAL (from an expression) reads as a number.
                    let d = sqlite3_column_double(h, c)
                    values.append(d == d.rounded() && abs(d) < 9.2e18 ? .int(Int64(d)) : .text(String(d)))
                default: values.append(.text(raw.text(c) ?? ""))
                }
            }
            try body(StoreRow(values))
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        let raw = RawStatement(db, try db.cachedStatement(sql: sql), sql: sql)
        bind(raw, arguments)
        return try raw.execute()
    }

    public func run(_ sql: String) throws { try db.execute(sql: sql) }

    public func statement(_ sql: String, returning key: String?) throws -> any StoreStatement {
        try RawStatement(db, sql)
    }

    public func saleInsert() throws -> any StoreStatement {
        if let s = saleInsertStatement { return RawStatement(db, s, sql: HotStatements.insertSaleSQL) }
        let s = try db.makeStatement(sql: HotStatements.insertSaleSQL)
        saleInsertStatement = s
        return RawStatement(db, s, sql: HotStatements.insertSaleSQL)
    }

    public func beginWrite() throws { try db.execute(sql: "BEGIN IMMEDIATE") }
    public func beginRead() throws { try db.execute(sql: "BEGIN DEFERRED") }
    public func commit() throws { try db.execute(sql: "COMMIT") }
    public func rollback() {
        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
    }
    public func savepoint(_ name: String) throws { try db.execute(sql: "SAVEPOINT \(name)") }
    public func release(_ name: String) throws { try db.execute(sql: "RELEASE \(name)") }
    public func rollback(to name: String) throws { try db.execute(sql: "ROLLBACK TO \(name); RELEASE \(name)") }

    public func makeInterrupter() -> StoreInterrupter? { db.sqliteConnection.map(SQLiteInterrupter.init) }

    private func bind(_ raw: RawStatement, _ arguments: StoreArguments) {
        sqlite3_clear_bindings(raw.handle)
        switch arguments {
        case .positional(let values):
            for (i, v) in values.enumerated() { bind(raw, Int32(i + 1), v) }
        case .named(let values):
            let n = sqlite3_bind_parameter_count(raw.handle)
            guard n > 0 else { return }
            for i in 1...n {
                guard let p = sqlite3_bind_parameter_name(raw.handle, i) else { continue }
                let name = String(String(cString: p).dropFirst())
                bind(raw, i, values[name] ?? .null)
            }
        }
    }

    private func bind(_ raw: RawStatement, _ index: Int32, _ value: StoreValue) {
        switch value {
        case .null: raw.bind(index, nil as Int64?)
        case .int(let n): raw.bind(index, n)
        case .text(let s): raw.bind(index, s)
        }
    }
}

/// `sqlite3_interrupt` from the SIGINT handler.
final class SQLiteInterrupter: StoreInterrupter {
    let connection: OpaquePointer
    init(_ connection: OpaquePointer) { self.connection = connection }
    func interrupt() { sqlite3_interrupt(connection) }
}
