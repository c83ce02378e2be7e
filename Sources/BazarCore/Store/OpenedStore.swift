/// A store named by a path or a PostgreSQL URL, opened: what `bazar copy` and the command line hold.
public enum OpenedStore {
    case file(Store)
    case server(PostgresStore)

    /// Opens a file (missing: made by the first change) or a server's database (empty: the same).
    public static func open(_ address: String, readOnly: Bool = false) throws -> OpenedStore {
        if ServerAddress.isURL(address) { return .server(try PostgresStore(url: address, readOnly: readOnly)) }
        return .file(try Store(path: address, readOnly: readOnly))
    }

    /// For messages: the path, or the database and server.
    public var place: String {
        switch self {
        case .file(let s): return s.path
        case .server(let s): return s.place
        }
    }

    /// Nothing there yet: no file, or an empty database.
    public var isMissing: Bool {
        switch self {
        case .file(let s): return s.isMissing
        case .server(let s): return s.isEmpty
        }
    }

    public func withConnection<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        switch self {
        case .file(let s): return try s.withConnection(body)
        case .server(let s): return try body(s.connection)
        }
    }

    /// Makes the schema of a store not made yet, inside the caller's transaction.
    static func createSchema(_ store: any StoreConnection) throws {
        if let sqlite = store as? SQLiteConnection {
            try Schema.create(sqlite.db)
        } else if let server = store as? PostgresStoreConnection {
            try PostgresSchema.migrate(server.connection)
        }
    }

    public func close() {
        switch self {
        case .file(let s): s.close()
        case .server(let s): s.close()
        }
    }
}
