/// Opening a store on a PostgreSQL server (`--store postgres://…`): connects, refuses another
/// program's database or a newer bazar's, brings an older bazar schema up to date. An empty
/// database is a store not made yet: its schema is made by the first change, in that change's
/// transaction (as a missing store file is), and a list or report on it is exit 3.
public final class PostgresStore {
    public let connection: PostgresStoreConnection
    /// The database holds nothing yet.
    public let isEmpty: Bool
    /// For messages: `database 'bazar' at /run/postgresql port 5432`.
    public let place: String

    public init(url: String, readOnly: Bool = false) throws {
        do {
            let c = try PostgresConnection(url: url)
            place = c.server.description
            switch try PostgresSchema.state(of: c) {
            case .empty:
                isEmpty = true
            case .bazar(let v):
                isEmpty = false
                if v < PostgresSchema.version {
                    if readOnly { throw BazarError(.storeNeedsUpdate(path: c.server.description, version: v)) }
                    try PostgresSchema.migrate(c)
                }
            }
            connection = PostgresStoreConnection(c)
        } catch let e as PostgresError {
            throw BazarError(.server(e))
        }
    }

    public func close() { connection.connection.close() }
}
