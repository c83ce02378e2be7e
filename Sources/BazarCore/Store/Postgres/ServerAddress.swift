/// Where a PostgreSQL store lives, in the words bazar's messages use: host and port (or the socket),
/// database and user. Never the password.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// A host name or address, or a socket directory (starting with `/`).
    public var host: String
    public var port: String
    public var database: String
    public var user: String

    public init(host: String, port: String, database: String, user: String) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
    }

    public var isSocket: Bool { host.hasPrefix("/") || host.hasPrefix("@") }

    /// `127.0.0.1 port 5432`, or `socket /run/postgresql/.s.PGSQL.5432`.
    public var place: String {
        isSocket ? "socket \(host)/.s.PGSQL.\(port)" : "\(host) port \(port)"
    }

    /// `database 'bazar' at 127.0.0.1 port 5432`.
    public var description: String { "database '\(database)' at \(place)" }

    /// True for what `--store` takes as a PostgreSQL address rather than a file path.
    public static func isURL(_ s: String) -> Bool {
        s.hasPrefix("postgres://") || s.hasPrefix("postgresql://")
    }

    /// The address as given, with any password in it blanked: `postgres://ana:***@host/db`,
    /// `…?password=***`. For messages about an address libpq could not read.
    public static func redacted(_ url: String) -> String {
        var s = url
        // user:password@ in the authority part.
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"),
               let colon = authority[..<at].firstIndex(of: ":") {
                s.replaceSubrange(s.index(after: colon)..<at, with: "***")
            }
        }
        // password=… among the parameters (and in a key=value conninfo string).
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "password=") {
            out += rest[..<r.upperBound] + "***"
            rest = rest[r.upperBound...]
            let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
            rest = rest[end...]
        }
        return out + rest
    }
}
