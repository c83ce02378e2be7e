import GRDB
import GRDBSQLite

/// The SQLite C API on GRDB's cached (prepared once) statements, for the few statements that run
/// once per line of a million-line script. GRDB's generic binding and row decoding cost more than
/// SQLite's own work there; everything else goes through GRDB as usual.
struct RawStatement: StoreStatement {
    let handle: OpaquePointer
    let connection: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        self.init(db, try db.cachedStatement(sql: sql), sql: sql)
    }

    init(_ db: Database, _ statement: Statement, sql: String) {
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
        self.sql = sql
        // Every use binds all of a statement's parameters, so earlier bindings need no clearing.
        sqlite3_reset(handle)
    }

    var returnsKey = false

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// SQLite copies the text (SQLITE_TRANSIENT), so the Swift string need not outlive the call.
    func bind(_ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var utf8 = text
        utf8.withUTF8 { buf in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buf.count), transient)
        }
    }

    /// A day as ISO text, written from the stack (this runs for every sale).
    func bind(_ index: Int32, day: Day) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 10) { b in
            let zero = Int(UInt8(ascii: "0"))
            b[0] = CChar(zero + day.year / 1000 % 10)
            b[1] = CChar(zero + day.year / 100 % 10)
            b[2] = CChar(zero + day.year / 10 % 10)
            b[3] = CChar(zero + day.year % 10)
            b[4] = 45
            b[5] = CChar(zero + day.month / 10)
            b[6] = CChar(zero + day.month % 10)
            b[7] = 45
            b[8] = CChar(zero + day.day / 10)
            b[9] = CChar(zero + day.day % 10)
            _ = sqlite3_bind_text(handle, index, b.baseAddress, 10, transient)
        }
    }

    /// Runs a statement that returns no rows; how many rows it changed.
    @discardableResult
    func execute() throws -> Int {
        let rc = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard rc == SQLITE_DONE else { throw error(rc) }
        return Int(sqlite3_changes(connection))
    }

    /// Runs an INSERT; the new row's key (its rowid), 0 when it inserted nothing (ON CONFLICT DO NOTHING).
    func insert() throws -> Int64 {
        try execute() == 0 ? 0 : sqlite3_last_insert_rowid(connection)
    }

    /// Steps to the first row, if any; `read` reads its columns. The statement is reset afterwards.
    func first<T>(_ read: (any StoreStatement) -> T) throws -> T? {
        let rc = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        if rc == SQLITE_ROW { return read(self) }
        guard rc == SQLITE_DONE else { throw error(rc) }
        return nil
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// The same error GRDB would throw, with the extended code (to tell a UNIQUE violation).
    func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                      message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

/// The statement that runs once per sale on SQLite, numbered by bazar (`Records.nextSaleNumber`).
enum HotStatements {
    static let insertSaleSQL = """
        INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note, id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
}
