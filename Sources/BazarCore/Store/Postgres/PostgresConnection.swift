import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One connection to a PostgreSQL server through libpq, the C library psql itself uses.
///
/// Why libpq rather than postgres-nio: bazar's shell runs one line at a time and waits for it, so
/// a synchronous client is the natural fit (no event loop to bridge); libpq gives COPY and
/// pipelining for bulk loads and `PQcancel` for Ctrl-C; it reads `$PGPASSWORD`, `~/.pgpass`,
/// `$PGHOST`… exactly as psql does; and it is a Debian package (libpq-dev) instead of a 3-4
/// minute package build in every CI run.
///
/// Everything is sent and read in PostgreSQL's text format: numbers as their digits (so an Int64
/// is exact at both ends of its range), ISO days as text. Errors are `PostgresError`.
/// Not thread-safe: one connection per session, used from one thread (`PostgresCanceller` is the
/// one part another thread or a signal handler may use).
public final class PostgresConnection {
    let connection: OpaquePointer
    /// Where this connection goes: for messages.
    public let server: ServerAddress
    private var isClosed = false
    /// Statements prepared on this connection, by their SQL text.
    private var prepared: [String: String] = [:]
    private var savepointDepth = 0
    /// The options it connected with (the address among them), for `sibling()`. Kept in memory only.
    private let keywords: [String]
    private let values: [String]

    /// How long connecting may take when neither the address nor $PGCONNECT_TIMEOUT says (libpq's
    /// default is forever: a server behind a dead network would hang the shell).
    static let connectTimeoutSeconds = "10"

    /// Connects to `url`: `postgres://USER@HOST:PORT/DB`, `postgres:///DB?host=SOCKETDIR`, or
    /// anything else libpq reads. The password comes from where psql finds it (`$PGPASSWORD`,
    /// `~/.pgpass` or `?passfile=`, the URL): libpq looks, bazar never sees or prints it.
    public convenience init(url: String) throws {
        // Read the address with libpq's own parser, only to learn which options it sets.
        var parseError: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &parseError) else {
            if let parseError { PQfreemem(parseError) }
            throw PostgresError(.badAddress(ServerAddress.redacted(url)))
        }
        var given = Set<String>()
        var option = options
        while let keyword = option.pointee.keyword {
            if option.pointee.val != nil { given.insert(String(cString: keyword)) }
            option += 1
        }
        PQconninfoFree(options)

        // Options before `dbname` are defaults the address may override; those after it are bazar's.
        var keywords: [String] = []
        var values: [String] = []
        if !given.contains("connect_timeout"), getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.append("connect_timeout")
            values.append(Self.connectTimeoutSeconds)
        }
        keywords += ["dbname", "fallback_application_name", "client_encoding"]
        values += [url, "bazar", "UTF8"]
        // Days come back as 2020-08-07 whatever the server's default: set in the connection's start-up packet (no
        // round trip of its own), unless the address gives options of its own.
        // A pooler in front of the server (PgBouncer) may refuse start-up options it does not know: then the same
        // connection without them, and the setting by a statement of its own.
        if !given.contains("options") {
            keywords.append("options")
            values.append("-c datestyle=ISO,YMD")
        }
        var opened: (OpaquePointer, ServerAddress)
        do {
            opened = try Self.connect(keywords, values)
        } catch let e as PostgresError where keywords.last == "options" && (e.serverMessage ?? "").contains("startup parameter") {
            keywords.removeLast()
            values.removeLast()
            opened = try Self.connect(keywords, values)
        }
        self.init(opened.0, server: opened.1, keywords: keywords, values: values)
        try setDatestyleUnlessAtStart()
    }

    /// Days as 2020-08-07: by a statement when the start-up packet did not carry the setting (the address gave
    /// options of its own, or a pooler refused them).
    private func setDatestyleUnlessAtStart() throws {
        if !keywords.contains("options") { try execute("SET datestyle TO ISO, YMD") }
    }

    /// Connects with libpq's keywords and values (`init(url:)` makes them): the connection, and where it goes.
    private static func connect(_ keywords: [String], _ values: [String]) throws -> (OpaquePointer, ServerAddress) {
        let conn: OpaquePointer? = withCStrings(keywords) { k in
            withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw PostgresError(.refused, serverMessage: "libpq could not allocate a connection") }
        let server = ServerAddress(host: Self.text(PQhost(conn)), port: Self.text(PQport(conn)),
                                   database: Self.text(PQdb(conn)), user: Self.text(PQuser(conn)))
        guard PQstatus(conn) == CONNECTION_OK else {
            let error = Self.connectError(conn, server: server, keywords: keywords, values: values)
            PQfinish(conn)
            throw error
        }
        return (conn, server)
    }

    private init(_ conn: OpaquePointer, server: ServerAddress, keywords: [String], values: [String]) {
        self.connection = conn
        self.server = server
        self.keywords = keywords
        self.values = values
        // The server's notices ("relation … already exists, skipping") would go to stderr: drop them.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    /// A second connection to the same server and database, made as this one was (the same user, password and
    /// settings).
    public func sibling() throws -> PostgresConnection {
        let (conn, server) = try Self.connect(keywords, values)
        let other = PostgresConnection(conn, server: server, keywords: keywords, values: values)
        try other.setDatestyleUnlessAtStart()
        return other
    }

    deinit { close() }

    /// Ends the connection (a transaction still open is rolled back by the server).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        PQfinish(connection)
    }

    /// The server's version as a number, e.g. 150020 for 15.20.
    public var serverVersion: Int { Int(PQserverVersion(connection)) }

    /// True inside BEGIN … COMMIT (also when a failed statement left the transaction aborted).
    public var isInTransaction: Bool { PQtransactionStatus(connection) != PQTRANS_IDLE }

    // MARK: statements

    /// Runs one or more statements without parameters (the migrations, BEGIN, SET …).
    public func execute(_ sql: String) throws {
        PQclear(try check(PQexec(connection, sql)))
    }

    /// Runs one statement with `$1, $2 …` parameters; returns how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [StoreValue]) throws -> Int {
        let result = try run(sql, parameters, prepared: false)
        defer { PQclear(result) }
        return Self.affected(result)
    }

    /// Runs one query with `$1, $2 …` parameters and returns its rows.
    public func query(_ sql: String, _ parameters: [StoreValue] = []) throws -> [StoreRow] {
        let result = try run(sql, parameters, prepared: false)
        defer { PQclear(result) }
        return try rows(of: result)
    }

    /// Sends a query with `$1, $2 …` parameters and returns at once: the server works on it while this side does
    /// something else. `collect()` reads its rows; nothing else may be sent on this connection before.
    public func send(_ sql: String, _ parameters: [StoreValue]) throws {
        precondition(!isClosed, "a closed PostgreSQL connection was used")
        let types = parameters.map(\.parameterType)
        let sent = withCStrings(parameters.map(\.textFormat)) { values in
            PQsendQueryParams(connection, sql, Int32(parameters.count), types, values, nil, nil, 0)
        }
        guard sent == 1 else {
            throw PostgresError(.connectionLost, server: server, serverMessage: Self.text(PQerrorMessage(connection)))
        }
    }

    /// The rows of the query `send` sent (waits for them).
    public func collect() throws -> [StoreRow] {
        var rows: [StoreRow] = []
        var failure: (any Error)?
        // (Every result is read, to the end, even after a failure: the connection is then ready again.)
        while let result = PQgetResult(connection) {
            guard failure == nil else { PQclear(result); continue }
            do {
                let checked = try check(result)
                defer { PQclear(checked) }
                rows = try self.rows(of: checked)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return rows
    }

    /// As `execute(_:_:)`, through a statement prepared once per connection: for statements run
    /// again and again (a sale's insert), which the server then parses and plans once.
    @discardableResult
    public func execute(prepared sql: String, _ parameters: [StoreValue]) throws -> Int {
        let result = try run(sql, parameters, prepared: true)
        defer { PQclear(result) }
        return Self.affected(result)
    }

    /// As `query(_:_:)`, through a statement prepared once per connection.
    public func query(prepared sql: String, _ parameters: [StoreValue]) throws -> [StoreRow] {
        let result = try run(sql, parameters, prepared: true)
        defer { PQclear(result) }
        return try rows(of: result)
    }

    private func run(_ sql: String, _ parameters: [StoreValue], prepared usePrepared: Bool) throws -> OpaquePointer {
        precondition(!isClosed, "a closed PostgreSQL connection was used")
        let count = Int32(parameters.count)
        if usePrepared {
            let name = try statementName(for: sql)
            return try check(withCStrings(parameters.map(\.textFormat)) { values in
                PQexecPrepared(connection, name, count, values, nil, nil, 0)
            })
        }
        let types = parameters.map(\.parameterType)
        return try check(withCStrings(parameters.map(\.textFormat)) { values in
            PQexecParams(connection, sql, count, types, values, nil, nil, 0)
        })
    }

    /// Forgets every statement prepared on this connection (after the tables they were planned on were rolled back:
    /// the same names made again are other tables, and the server refuses an old plan whose columns changed type).
    public func forgetPreparedStatements() throws {
        guard !prepared.isEmpty else { return }
        try execute("DEALLOCATE ALL")
        prepared = [:]
    }

    private func statementName(for sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "bazar_\(prepared.count + 1)"
        // No parameter types: the server infers each from where it is used.
        PQclear(try check(PQprepare(connection, name, sql, 0, nil)))
        prepared[sql] = name
        return name
    }

    // MARK: transactions

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Inside a transaction already, it is a savepoint of that one.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            rollback()
            throw error
        }
        let result = try check(PQexec(connection, "COMMIT"))
        defer { PQclear(result) }
        // The server answers COMMIT of a transaction in which a statement failed with ROLLBACK.
        guard String(cString: PQcmdStatus(result)) == "COMMIT" else {
            throw PostgresError(.statementFailed, server: server, sqlState: "25P02",
                                serverMessage: "COMMIT of a failed transaction rolled it back")
        }
        return value
    }

    /// Runs `body` under a savepoint inside a transaction: when it throws, only what it did is
    /// undone and the transaction goes on (a bad line under `--on-error continue`).
    @discardableResult
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "bazar_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let value = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            try? execute("ROLLBACK TO SAVEPOINT \(name)")
            try? execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    /// COMMIT of a transaction begun with `execute("BEGIN")`; a transaction in which a statement failed is rolled
    /// back by the server instead, which is an error here.
    public func commit() throws {
        let result = try check(PQexec(connection, "COMMIT"))
        defer { PQclear(result) }
        guard String(cString: PQcmdStatus(result)) == "COMMIT" else {
            throw PostgresError(.statementFailed, server: server, sqlState: "25P02",
                                serverMessage: "COMMIT of a failed transaction rolled it back")
        }
    }

    /// Rolls back the transaction in progress, if any; a lost connection has nothing to roll back.
    public func rollback() {
        guard !isClosed, isInTransaction else { return }
        PQclear(PQexec(connection, "ROLLBACK"))
    }

    // MARK: cancelling

    /// What cancels this connection's running statement from another thread or a SIGINT handler.
    public func makeCanceller() -> PostgresCanceller? {
        PQgetCancel(connection).map(PostgresCanceller.init)
    }

    // MARK: results and errors

    /// Passes a result that succeeded; turns one that failed into a `PostgresError` (and frees it).
    func check(_ result: OpaquePointer?) throws -> OpaquePointer {
        guard let result else {
            throw PostgresError(PQstatus(connection) == CONNECTION_OK ? .statementFailed : .connectionLost,
                                server: server, serverMessage: Self.text(PQerrorMessage(connection)))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY:
            return result
        default:
            let error = self.error(from: result)
            PQclear(result)
            throw error
        }
    }

    func error(from result: OpaquePointer) -> PostgresError {
        let state = Self.field(result, Self.diagSQLState)
        let message = Self.text(PQresultErrorMessage(result))
        if PQstatus(connection) != CONNECTION_OK || state?.hasPrefix("08") == true || state?.hasPrefix("57P") == true {
            return PostgresError(.connectionLost, server: server, sqlState: state, serverMessage: message)
        }
        if state == "57014" {
            return PostgresError(.cancelled, server: server, sqlState: state, serverMessage: message)
        }
        return PostgresError(.statementFailed, server: server, sqlState: state,
                             constraint: Self.field(result, Self.diagConstraint), serverMessage: message)
    }

    private func rows(of result: OpaquePointer) throws -> [StoreRow] {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [StoreRow] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            var values: [StoreValue] = []
            values.reserveCapacity(Int(columnCount))
            for c in 0..<columnCount {
                if PQgetisnull(result, r, c) != 0 {
                    values.append(.null)
                } else {
                    do {
                        values.append(try StoreValue.decode(PQgetvalue(result, r, c), type: types[Int(c)]))
                    } catch {
                        throw PostgresError(error.kind, server: server)
                    }
                }
            }
            rows.append(StoreRow(values))
        }
        return rows
    }

    static func affected(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    // PG_DIAG_SQLSTATE and PG_DIAG_CONSTRAINT_NAME: character macros, which Swift does not import.
    static let diagSQLState = Int32(UInt8(ascii: "C"))
    static let diagConstraint = Int32(UInt8(ascii: "n"))

    static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }

    static func text(_ s: UnsafePointer<CChar>?) -> String { s.map { String(cString: $0) } ?? "" }
    static func text(_ s: UnsafeMutablePointer<CChar>?) -> String { s.map { String(cString: $0) } ?? "" }

    /// A failed connection in bazar's words. libpq's text is only looked at, never passed on: the
    /// server's reasons come in English from servers with the default `lc_messages`; anything not
    /// recognised is asked again with `PQping`, which tells "nothing answers" from "refused".
    static func connectError(_ conn: OpaquePointer, server: ServerAddress,
                             keywords: [String], values: [String]) -> PostgresError {
        let text = Self.text(PQerrorMessage(conn))
        func has(_ s: String) -> Bool { text.contains(s) }
        let kind: PostgresError.Kind
        if has("password authentication failed") {
            kind = .wrongPassword
        } else if has("no password supplied") {
            kind = .passwordNeeded
        } else if has("FATAL:  database \"") && has("does not exist") {
            kind = .noSuchDatabase
        } else if has("FATAL:  role \"") && has("does not exist") {
            kind = .noSuchUser
        } else if has("Connection refused") || has("No such file or directory") || has("timeout expired") {
            kind = .serverDown
        } else {
            let ping = withCStrings(keywords) { k in withCStrings(values) { v in PQpingParams(k, v, 1) } }
            kind = ping == PQPING_NO_RESPONSE ? .serverDown : .refused
        }
        return PostgresError(kind, server: server, serverMessage: text)
    }
}

/// Calls `body` with the strings as a NULL-terminated array of C strings (nil stays NULL).
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
    let copies = strings.map { $0.flatMap { strdup($0) } }
    defer { for c in copies { free(c) } }
    return try body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}

func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
    try withCStrings(strings.map { Optional($0) }, body)
}
