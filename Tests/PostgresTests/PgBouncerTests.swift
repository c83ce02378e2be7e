import Foundation
import Testing
@testable import BazarCore
#if canImport(Glibc)
import Glibc
#endif

/// Through PgBouncer, the pooler an office may put in front of its server. PgBouncer refuses start-up options it
/// does not know ("unsupported startup parameter: options"), where bazar sets the day format: bazar then connects
/// without them and sets it by a statement. Runs where `pgbouncer` is installed (`.ci/run` installs it).
private let pgbouncer = "/usr/sbin/pgbouncer"

@Suite(.enabled(if: TestServer.enabled && FileManager.default.isExecutableFile(atPath: pgbouncer),
                "pgbouncer is not installed (apt-get install pgbouncer)"))
struct PgBouncerTests {
    @Test func aPoolerThatRefusesStartUpOptionsIsConnectedThroughAnyway() throws {
        let db = try ScratchDatabase()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-pgbouncer-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o777)
        let port = 40000 + Int(getpid() % 20000)
        let s = db.server
        try """
            [databases]
            \(db.name) = host=\(s.host) port=\(s.port) dbname=\(db.name) user=\(s.user)
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = trust
            auth_file = \(dir.path)/users.txt
            pool_mode = session
            logfile = \(dir.path)/pgbouncer.log
            pidfile = \(dir.path)/pgbouncer.pid

            """.write(to: dir.appendingPathComponent("pgbouncer.ini"), atomically: true, encoding: .utf8)
        try "\"\(s.user)\" \"\"\n".write(to: dir.appendingPathComponent("users.txt"), atomically: true, encoding: .utf8)
        for f in ["pgbouncer.ini", "users.txt"] { chmod(dir.appendingPathComponent(f).path, 0o644) }
        // PgBouncer refuses to run as root: as root it runs as `postgres`, as scripts/pg-cluster runs the server.
        let command = (getuid() == 0 ? "runuser -u postgres -- " : "") + "\(pgbouncer) -d \(dir.path)/pgbouncer.ini"
        #expect(system(command) == 0, "\(command)")
        defer {
            if let pid = (try? String(contentsOf: dir.appendingPathComponent("pgbouncer.pid"), encoding: .utf8))
                .flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) { kill(pid, SIGTERM) }
        }
        let url = "postgres://\(s.user)@127.0.0.1:\(port)/\(db.name)"
        var connection: PostgresConnection?
        for _ in 0..<50 where connection == nil {
            connection = try? PostgresConnection(url: url)
            if connection == nil { usleep(100_000) }
        }
        let c = try #require(connection, "no connection through pgbouncer: \((try? String(contentsOf: dir.appendingPathComponent("pgbouncer.log"), encoding: .utf8)) ?? "")")
        defer { c.close() }
        #expect(try c.query("SELECT CAST('2021-09-23' AS date)").first?.string(0) == "2021-09-23")
        let second = try c.sibling()
        defer { second.close() }
        #expect(try second.query("SELECT CAST('2021-09-24' AS date)").first?.string(0) == "2021-09-24")
    }
}
