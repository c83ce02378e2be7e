/// The store seam: what commands, reports, undo, the change log, lists and import use to reach the
/// store, whichever it is. Two implementations: `SQLiteConnection` (a file or memory, through GRDB
/// and SQLite's C API) and `PostgresStoreConnection` (a server, through libpq).
///
/// SQL is written once, in the words both dialects share: numbered (`?`, `?N`) or named (`:name`)
/// parameters, `ON CONFLICT … DO NOTHING`, `RETURNING`, `WITH RECURSIVE`, `COLLATE NOCASE`. The few
/// fragments that differ come from `SQLDialect`. Errors are thrown as the backend's own
/// (`DatabaseError`, `PostgresError`); `Store.translate` puts both in the user's words.
public protocol StoreConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// True inside BEGIN … COMMIT.
    var isInTransaction: Bool { get }

    /// Runs a query and hands each row to `body`, in order.
    func forEachRow(_ sql: String, _ arguments: StoreArguments, _ body: (StoreRow) throws -> Void) throws
    /// Runs one statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int
    /// Runs one or more statements without parameters.
    func run(_ sql: String) throws
    /// A statement prepared once per connection for what runs once per line of a script (the hot
    /// path: `add sale` and its lookups). `returning`: the key column an `insert()` gives back.
    func statement(_ sql: String, returning key: String?) throws -> any StoreStatement
    /// `HotStatements.insertSaleSQL`, prepared once and kept without looking it up by its text (it runs
    /// once per sale of a million-line script).
    func saleInsert() throws -> any StoreStatement

    /// BEGIN for a change: SQLite takes the write lock now (BEGIN IMMEDIATE), PostgreSQL waits at most
    /// `Store.busyTimeout` for a row lock. Throws the backend's "busy" error when it cannot.
    func beginWrite() throws
    /// BEGIN for several reads that must see one state of the store.
    func beginRead() throws
    func commit() throws
    /// Rolls back the transaction in progress, if any.
    func rollback()
    func savepoint(_ name: String) throws
    func release(_ name: String) throws
    /// ROLLBACK TO and RELEASE.
    func rollback(to name: String) throws

    /// What Ctrl-C calls (from a signal handler) to stop the statement running now.
    func makeInterrupter() -> StoreInterrupter?

    /// Two queries of one read transaction, both seeing its state of the store: their rows, in order. A server runs
    /// them at once on two connections (PostgresStoreConnection+TwoQueries.swift); a file, one after the other.
    func rows(_ first: (sql: String, arguments: StoreArguments), together second: (sql: String, arguments: StoreArguments))
        throws -> ([StoreRow], [StoreRow])
}

/// Stops a running statement from a SIGINT handler: async-signal-safe.
public protocol StoreInterrupter: AnyObject {
    func interrupt()
}

/// A prepared statement of the hot path: parameters bound by number, then run.
public protocol StoreStatement {
    func bind(_ index: Int32, _ value: Int64?)
    func bind(_ index: Int32, _ text: String?)
    func bind(_ index: Int32, day: Day)
    /// Runs a statement that returns no rows; how many rows it changed.
    @discardableResult func execute() throws -> Int
    /// Runs an INSERT; the key of the new row (the statement was made with `returning`), 0 when none was made.
    func insert() throws -> Int64
    /// The first row, read by `read` through `int`/`optionalInt`/`text`.
    func first<T>(_ read: (any StoreStatement) -> T) throws -> T?
    func int(_ column: Int32) -> Int64
    func optionalInt(_ column: Int32) -> Int64?
    func text(_ column: Int32) -> String?
}

extension StoreConnection {
    public func rows(_ first: (sql: String, arguments: StoreArguments), together second: (sql: String, arguments: StoreArguments))
        throws -> ([StoreRow], [StoreRow]) {
        (try rows(first.sql, first.arguments), try rows(second.sql, second.arguments))
    }

    public func rows(_ sql: String, _ arguments: StoreArguments = .none) throws -> [StoreRow] {
        var all: [StoreRow] = []
        try forEachRow(sql, arguments) { all.append($0) }
        return all
    }

    public func row(_ sql: String, _ arguments: StoreArguments = .none) throws -> StoreRow? {
        var first: StoreRow?
        try forEachRow(sql, arguments) { r in if first == nil { first = r } }
        return first
    }

    /// The first column of the first row (nil: no row, or NULL).
    public func value<T: StoreDecodable>(_ sql: String, _ arguments: StoreArguments = .none, as: T.Type = T.self) throws -> T? {
        guard let r = try row(sql, arguments), case let v = r.values[0], v != .null else { return nil }
        return T.decode(v)
    }

    /// The first column of every row.
    public func values<T: StoreDecodable>(_ sql: String, _ arguments: StoreArguments = .none, as: T.Type = T.self) throws -> [T] {
        var all: [T] = []
        try forEachRow(sql, arguments) { all.append(T.decode($0.values[0])) }
        return all
    }

    // The same, with GRDB's argument labels (what most call sites were written with).
    public func rows(_ sql: String, arguments: StoreArguments) throws -> [StoreRow] { try rows(sql, arguments) }
    public func row(_ sql: String, arguments: StoreArguments) throws -> StoreRow? { try row(sql, arguments) }
    public func values<T: StoreDecodable>(as: T.Type, _ sql: String, arguments: StoreArguments = .none) throws -> [T] {
        try values(sql, arguments)
    }
    public func value<T: StoreDecodable>(as: T.Type, _ sql: String, arguments: StoreArguments = .none) throws -> T? {
        try value(sql, arguments)
    }
    @discardableResult
    public func execute(_ sql: String, arguments: StoreArguments = .none) throws -> Int { try execute(sql, arguments) }

    public func statement(_ sql: String) throws -> any StoreStatement { try statement(sql, returning: nil) }

    /// INSERT … returning the new row's key.
    public func insert(_ sql: String, _ arguments: StoreArguments, key: String) throws -> Int64 {
        switch dialect {
        case .sqlite:
            try execute(sql, arguments)
            return try value("SELECT last_insert_rowid()") ?? 0
        case .postgres:
            return try value(sql + " RETURNING " + key, arguments) ?? 0
        }
    }
}
