import Foundation
import Testing
@testable import BazarCore

/// The PostgreSQL server these tests use: `$BAZAR_TEST_PG`, as printed by `scripts/pg-cluster start`
/// (`postgres:///bazar_test?host=SOCKETDIR&port=PORT`, as a superuser over the socket; the same
/// cluster on 127.0.0.1:PORT asks every role for a password).
///
/// Without `$BAZAR_TEST_PG` the suites are skipped with a message, except when `$CI` is set: then
/// they run and fail, because CI must start the server (`.ci/run`: `eval "$(scripts/pg-cluster start)"`).
enum TestServer {
    static let url: String? = {
        let u = ProcessInfo.processInfo.environment["BAZAR_TEST_PG"] ?? ""
        return u.isEmpty ? nil : u
    }()
    static let inCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    static let skipMessage = "BAZAR_TEST_PG is not set: run eval \"$(scripts/pg-cluster start)\" first to test the PostgreSQL store"

    /// Whether the suites run: with a server, and always in CI.
    static let enabled: Bool = {
        if url != nil || inCI { return true }
        print("PostgresTests skipped: \(skipMessage)")
        return false
    }()

    struct Missing: Error, CustomStringConvertible {
        var description: String { "CI is set and BAZAR_TEST_PG is not: CI must start a server with scripts/pg-cluster start" }
    }

    static func baseURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }
}

/// A database of its own for one test, dropped when the test is done.
final class ScratchDatabase {
    let admin: PostgresConnection
    let name: String
    private nonisolated(unsafe) static var counter = 0
    private static let lock = NSLock()

    init() throws {
        admin = try PostgresConnection(url: try TestServer.baseURL())
        let n = ScratchDatabase.lock.withLock { ScratchDatabase.counter += 1; return ScratchDatabase.counter }
        name = "bazar_t\(getpid())_\(n)"
        try admin.execute("CREATE DATABASE \(name)")
    }

    deinit {
        try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        admin.close()
    }

    var server: ServerAddress { admin.server }

    /// Over the socket (trusted), as the test server's user.
    var socketURL: String {
        "postgres:///\(name)?host=\(server.host)&port=\(server.port)&user=\(server.user)"
    }

    /// Over TCP on the loopback, where a password is needed.
    func tcpURL(user: String, password: String? = nil, query: String = "") -> String {
        let secret = password.map { ":\($0)" } ?? ""
        return "postgres://\(user)\(secret)@127.0.0.1:\(server.port)/\(name)\(query.isEmpty ? "" : "?" + query)"
    }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(url: socketURL)
    }
}

/// The error `body` throws, as a PostgresError (nil when it throws none).
func postgresError(_ body: () throws -> Void) -> PostgresError? {
    do {
        try body()
        return nil
    } catch let e as PostgresError {
        return e
    } catch {
        Issue.record("expected a PostgresError, got \(error)")
        return nil
    }
}
