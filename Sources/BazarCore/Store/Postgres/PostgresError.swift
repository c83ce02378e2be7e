/// What went wrong with a store on a PostgreSQL server, in bazar's words: which server, what
/// happened, what to do. libpq's and the server's own text never reaches a user (it is kept in
/// `serverMessage` for tests and debugging only), and a password never appears anywhere in it.
///
/// Shaped like `BazarError` (message, hint, exit status). It stays its own type until the store
/// seam of issue 13 lands; then `Problem` gains one case, `.server(PostgresError)`, that forwards
/// `message`, `hint` and `isStoreProblem` here (see docs/store-seam.md).
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// libpq could not read the address (the text is the address with its password blanked).
        case badAddress(String)
        /// Nothing answers at the host and port, or there is no socket.
        case serverDown
        case wrongPassword
        /// The server asks for a password and neither $PGPASSWORD nor ~/.pgpass has one.
        case passwordNeeded
        case noSuchUser
        case noSuchDatabase
        /// The server answered and would not let us in (pg_hba.conf, too many connections, starting up).
        case refused
        /// The database holds another program's tables.
        case notBazar
        /// A bazar database with a newer schema than this bazar knows.
        case tooNew(version: Int)
        /// The connection broke while in use (server stopped or restarted, network gone).
        case connectionLost
        /// A statement was cancelled (Ctrl-C): its transaction is rolled back.
        case cancelled
        /// A statement failed; `sqlState` says how. The store seam maps the ones a user can cause
        /// (a duplicate ref: 23505 on sale_ref) to bazar's own problems before they get here.
        case statementFailed
        /// A value the server returned does not fit an Int64 (a sum past Rp 9.223.372.036.854.775.807).
        case valueOutOfRange
    }

    public var kind: Kind
    /// The server the error concerns; nil for errors about an address that could not be read.
    public var server: ServerAddress?
    /// The five-character SQLSTATE of a failed statement (e.g. 23505 unique violation).
    public var sqlState: String?
    /// The constraint a statement broke, when the server names one (e.g. `sale_ref`).
    public var constraint: String?
    /// The server's or libpq's own words, for tests and debugging. Never shown to a user.
    public var serverMessage: String?

    public init(_ kind: Kind, server: ServerAddress? = nil, sqlState: String? = nil,
                constraint: String? = nil, serverMessage: String? = nil) {
        self.kind = kind
        self.server = server
        self.sqlState = sqlState
        self.constraint = constraint
        self.serverMessage = serverMessage
    }

    public var description: String { message }

    private var place: String { server?.place ?? "the server" }
    private var database: String { server.map { "'\($0.database)'" } ?? "the database" }
    private var user: String { server.map { "'\($0.user)'" } ?? "the user" }

    public var message: String {
        switch kind {
        case .badAddress(let address):
            return "'\(address)' is not a PostgreSQL address bazar can read"
        case .serverDown:
            return "no PostgreSQL server answers at \(place) (database \(database))"
        case .wrongPassword:
            return "the server at \(place) refused the password of user \(user) for database \(database)"
        case .passwordNeeded:
            return "the server at \(place) asks user \(user) for a password and none was found"
        case .noSuchUser:
            return "the server at \(place) has no user \(user)"
        case .noSuchDatabase:
            return "there is no database \(database) on the server at \(place)"
        case .refused:
            return "the server at \(place) refused user \(user) for database \(database)"
        case .notBazar:
            return "database \(database) at \(place) holds another program's tables, not a bazar store"
        case .tooNew(let version):
            return "database \(database) at \(place) has bazar schema version \(version), newer than this bazar"
        case .connectionLost:
            return "the connection to the server at \(place) was lost"
        case .cancelled:
            return "interrupted"
        case .statementFailed:
            switch sqlState ?? "" {
            case "40001", "40P01":
                return "another officer's change collided with this one on the server"
            case "22003":
                return "a number is too large for the store"
            case "55P03":
                return "another officer's unfinished change holds what this one needs on the server at \(place)"
            case "42501":
                return "user \(user) may not read or change database \(database) at \(place)"
            case "25006":
                return "the server at \(place) is read-only"
            case "53100":
                return "the server at \(place) has no disk space left"
            case let s where s.hasPrefix("53"):
                return "the server at \(place) is out of resources (SQLSTATE \(s))"
            case let s:
                return "the server at \(place) failed a statement (SQLSTATE \(s.isEmpty ? "unknown" : s))"
            }
        case .valueOutOfRange:
            return "a figure from the store is too large to count in rupiah"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch kind {
        case .badAddress:
            return "write postgres://USER@HOST:PORT/DATABASE, or postgres:///DATABASE?host=/run/postgresql for a socket"
        case .serverDown:
            return server?.isSocket == true
                ? "start the server (or ask whoever runs it), or give its socket directory and port: postgres:///DATABASE?host=DIR&port=PORT"
                : "start the server (or ask whoever runs it), or check the host and port in postgres://USER@HOST:PORT/DATABASE"
        case .wrongPassword, .passwordNeeded:
            return "put the password in ~/.pgpass (a line HOST:PORT:DATABASE:USER:PASSWORD, chmod 600) or in $PGPASSWORD, as for psql"
        case .noSuchUser:
            return "check the user in the address (postgres://USER@HOST/DATABASE), or ask the server's administrator for one"
        case .noSuchDatabase:
            return "check its name, or create it for bazar's user: createdb -h HOST -p PORT -O USER DATABASE"
        case .refused:
            return "ask the server's administrator to let this user and computer in (pg_hba.conf), or try again in a moment"
        case .notBazar:
            return "give bazar a database of its own (createdb …); this one was left untouched"
        case .tooNew:
            return "use a newer bazar"
        case .connectionLost:
            return "nothing unconfirmed was kept; check the server and the network, then try again"
        case .cancelled:
            return "nothing of it was kept"
        case .statementFailed:
            switch sqlState ?? "" {
            case "40001", "40P01": return "nothing of it was kept; run it again"
            case "22003": return "amounts go up to Rp 9.223.372.036.854.775.807"
            case "55P03": return "nothing of it was kept; try again in a moment"
            case "42501": return "ask the server's administrator to GRANT this user access to bazar's tables"
            case "25006": return "use the primary server, not a standby"
            default: return "nothing of it was kept; the server's log says more"
            }
        case .valueOutOfRange:
            return "narrow the report with a shorter period or a filter"
        }
    }

    /// True when the store cannot be used at all: exit status 3 (SPEC section 5).
    public var isStoreProblem: Bool {
        switch kind {
        case .badAddress, .serverDown, .wrongPassword, .passwordNeeded, .noSuchUser, .noSuchDatabase,
             .refused, .notBazar, .tooNew, .connectionLost:
            return true
        case .cancelled, .valueOutOfRange:
            return false
        case .statementFailed:
            // No permission, a read-only standby, a full disk, a server shutting down.
            let s = sqlState ?? ""
            return s == "42501" || s == "25006" || s.hasPrefix("53") || s.hasPrefix("57P") || s.hasPrefix("08")
        }
    }

    public var exitStatus: Int32 { isStoreProblem ? 3 : 1 }
}
