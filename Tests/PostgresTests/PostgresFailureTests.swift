import Foundation
import Testing
@testable import BazarCore

/// Connecting fails in bazar's words: which server, what happened, what to do; exit status 3;
/// never libpq's text, never the password.
///
/// Serialized: one test sets $PGPASSWORD, which libpq reads in every connection of the process
/// (the other suites connect over the trusted socket, where a password is not asked for).
@Suite(.serialized, .enabled(if: TestServer.enabled, Comment(rawValue: TestServer.skipMessage)))
struct PostgresFailureTests {
    /// Everything a user would read of an error.
    static func shown(_ e: PostgresError) -> String { e.message + "\n" + (e.hint ?? "") }

    /// A login role that needs a password over TCP, dropped at the end.
    final class PasswordRole {
        let scratch: ScratchDatabase
        let name: String
        let password: String
        init(_ scratch: ScratchDatabase) throws {
            self.scratch = scratch
            name = "bazar_pw_\(scratch.name)"
            password = "Sekr3t-\(UInt32.random(in: .min ... .max))"
            try scratch.admin.execute("CREATE ROLE \(name) LOGIN PASSWORD '\(password)'")
            try scratch.admin.execute("GRANT ALL ON DATABASE \(scratch.name) TO \(name)")
        }
        deinit {
            try? scratch.admin.execute("DROP DATABASE IF EXISTS \(scratch.name) WITH (FORCE)")
            try? scratch.admin.execute("DROP ROLE IF EXISTS \(name)")
        }
    }

    /// A ~/.pgpass-format file (mode 600) holding `password` for the role on the test server.
    static func passfile(_ role: PasswordRole, password: String) throws -> String {
        let path = NSTemporaryDirectory() + "bazar-pgpass-\(role.name)-\(UInt32.random(in: .min ... .max))"
        let line = "127.0.0.1:\(role.scratch.server.port):\(role.scratch.name):\(role.name):\(password)\n"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]))
        return path
    }

    @Test func thePasswordComesFromPgpassOrPGPASSWORDAsForPsql() throws {
        let scratch = try ScratchDatabase()
        let role = try PasswordRole(scratch)
        let file = try Self.passfile(role, password: role.password)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let db = try PostgresConnection(url: scratch.tcpURL(user: role.name, query: "passfile=\(file)"))
        #expect(!db.server.isSocket)
        #expect(db.server.description == "database '\(scratch.name)' at 127.0.0.1 port \(scratch.server.port)")
        #expect(try db.query("SELECT current_user").first?.string(0) == role.name)
        db.close()

        setenv("PGPASSWORD", role.password, 1)
        defer { unsetenv("PGPASSWORD") }
        let viaEnvironment = try PostgresConnection(url: scratch.tcpURL(user: role.name, query: "passfile=/nonexistent"))
        #expect(try viaEnvironment.query("SELECT current_user").first?.string(0) == role.name)
    }

    @Test func aWrongPasswordSaysSoAndNeverShowsIt() throws {
        let scratch = try ScratchDatabase()
        let role = try PasswordRole(scratch)
        let wrong = "Wr0ng-\(UInt32.random(in: .min ... .max))"
        let file = try Self.passfile(role, password: wrong)
        defer { try? FileManager.default.removeItem(atPath: file) }

        for url in [scratch.tcpURL(user: role.name, query: "passfile=\(file)"),
                    scratch.tcpURL(user: role.name, password: wrong, query: "passfile=/nonexistent")] {
            let e = try #require(postgresError { _ = try PostgresConnection(url: url) })
            #expect(e.kind == .wrongPassword)
            #expect(e.exitStatus == 3)
            #expect(e.message == "the server at 127.0.0.1 port \(scratch.server.port) refused the password of user '\(role.name)' for database '\(scratch.name)'")
            #expect(e.hint?.contains("~/.pgpass") == true)
            #expect(!Self.shown(e).contains(wrong))
            #expect(!Self.shown(e).contains(role.password))
            #expect(!Self.shown(e).contains("FATAL"))
        }

        // No password anywhere.
        let none = try #require(postgresError {
            _ = try PostgresConnection(url: scratch.tcpURL(user: role.name, query: "passfile=/nonexistent"))
        })
        #expect(none.kind == .passwordNeeded)
        #expect(none.exitStatus == 3)
        #expect(none.message.contains("asks user '\(role.name)' for a password"))
    }

    @Test func aServerThatIsDownIsNamedWithWhatToDo() throws {
        // Port 1 on the loopback: nothing listens there.
        let tcp = try #require(postgresError { _ = try PostgresConnection(url: "postgres://officer:Sekr3t@127.0.0.1:1/bazar") })
        #expect(tcp.kind == .serverDown)
        #expect(tcp.exitStatus == 3)
        #expect(tcp.message == "no PostgreSQL server answers at 127.0.0.1 port 1 (database 'bazar')")
        #expect(tcp.hint?.hasPrefix("start the server") == true)
        #expect(!Self.shown(tcp).contains("Sekr3t"))

        // A socket directory with no server in it.
        let dir = NSTemporaryDirectory() + "bazar-no-server-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = try #require(postgresError { _ = try PostgresConnection(url: "postgres:///bazar?host=\(dir)&port=5999") })
        #expect(socket.kind == .serverDown)
        #expect(socket.message == "no PostgreSQL server answers at socket \(dir)/.s.PGSQL.5999 (database 'bazar')")
        #expect(socket.exitStatus == 3)
    }

    @Test func aMissingDatabaseOrUserIsNamed() throws {
        let scratch = try ScratchDatabase()
        let server = scratch.server
        let missing = try #require(postgresError {
            _ = try PostgresConnection(url: "postgres:///no_such_db_here?host=\(server.host)&port=\(server.port)&user=\(server.user)")
        })
        #expect(missing.kind == .noSuchDatabase)
        #expect(missing.exitStatus == 3)
        #expect(missing.message == "there is no database 'no_such_db_here' on the server at \(server.place)")
        #expect(missing.hint?.contains("createdb") == true)

        let nobody = try #require(postgresError {
            _ = try PostgresConnection(url: "postgres:///\(scratch.name)?host=\(server.host)&port=\(server.port)&user=nobody_here")
        })
        #expect(nobody.kind == .noSuchUser)
        #expect(nobody.message == "the server at \(server.place) has no user 'nobody_here'")
    }

    @Test func anAddressLibpqCannotReadIsShownWithoutItsPassword() throws {
        let e = try #require(postgresError { _ = try PostgresConnection(url: "postgres://ana:Sekr3t@db.example/bazar?colour=red") })
        #expect(e.kind == .badAddress("postgres://ana:***@db.example/bazar?colour=red"))
        #expect(e.exitStatus == 3)
        #expect(!Self.shown(e).contains("Sekr3t"))
        #expect(ServerAddress.redacted("postgres:///b?host=/run&password=Sekr3t&port=5") == "postgres:///b?host=/run&password=***&port=5")
    }
}
