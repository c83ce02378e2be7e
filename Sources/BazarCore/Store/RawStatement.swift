import GRDB
import GRDBSQLite

/// The SQLite C API on GRDB's cached (prepared once) statements, for the few statements that run
/// once per line of a million-line script. GRDB's generic binding and row decoding cost more than
/// SQLite's own work there; everything else goes through GRDB as usual.
struct RawStatement {
    let handle: OpaquePointer
    let connection: OpaquePointer
    let sql: String

    init(_ db: Database, _ sql: String) throws {
        let statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
        self.sql = sql
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

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

    /// Runs a statement that returns no rows.
    func execute() throws {
        let rc = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard rc == SQLITE_DONE else { throw error(rc) }
    }

    /// Steps to the first row, if any; `read` reads its columns. The statement is reset afterwards.
    func first<T>(_ read: (RawStatement) -> T) throws -> T? {
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
