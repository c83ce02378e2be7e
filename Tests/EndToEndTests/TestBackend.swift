import Foundation
import BazarCore

/// Which store the end-to-end suite runs on: SQLite files (the default), or, with
/// `BAZAR_TEST_BACKEND=postgres`, PostgreSQL databases made from `$BAZAR_TEST_PG` (`scripts/test` runs the
/// suite both ways). On PostgreSQL, `Bazar.run` maps each store a test names to a database of its own:
/// `--store FILE` (and `$BAZAR_STORE`) to one database per FILE, made empty the first time the test process
/// meets it, and `--memory` to a fresh database per run. Tests that look at the SQLite file itself (its bytes,
/// its permissions, GRDB on it) are marked `.enabled(if: TestBackend.isSQLite)` and run on SQLite only.
enum TestBackend {
    static let isPostgres = ProcessInfo.processInfo.environment["BAZAR_TEST_BACKEND"] == "postgres"
    static let isSQLite = !isPostgres

    static let server: String = {
        guard let url = ProcessInfo.processInfo.environment["BAZAR_TEST_PG"], !url.isEmpty else {
            fatalError("BAZAR_TEST_BACKEND=postgres needs BAZAR_TEST_PG: run eval \"$(scripts/pg-cluster start)\" first")
        }
        return url
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [String: String] = [:]
    nonisolated(unsafe) private static var counter = 0

    /// The database a store file stands for (made empty once per test process).
    static func database(forFile path: String) -> String {
        lock.withLock {
            if let u = made[path] { return u }
            counter += 1
            let u = create("bazar_e2e_\(getpid())_\(counter)")
            made[path] = u
            return u
        }
    }

    /// A fresh database (for `--memory`).
    static func freshDatabase() -> String {
        lock.withLock {
            counter += 1
            return create("bazar_e2e_\(getpid())_\(counter)")
        }
    }

    private static func create(_ name: String) -> String {
        do {
            let admin = try PostgresConnection(url: server)
            defer { admin.close() }
            try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try admin.execute("CREATE DATABASE \(name)")
            let s = admin.server
            return "postgres:///\(name)?host=\(s.host)&port=\(s.port)&user=\(s.user)"
        } catch {
            fatalError("cannot make a test database on \(server): \(error)")
        }
    }

    /// The arguments with the store mapped to PostgreSQL (unchanged on SQLite).
    static func map(_ arguments: [String], directory: URL? = nil) -> [String] {
        guard isPostgres else { return arguments }
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--store", i + 1 < arguments.count, !ServerAddress.isURL(arguments[i + 1]) {
                out += ["--store", database(forFile: absolute(arguments[i + 1], directory: directory))]
                i += 2
                continue
            }
            if a.hasPrefix("--store="), !ServerAddress.isURL(String(a.dropFirst(8))) {
                out += ["--store", database(forFile: absolute(String(a.dropFirst(8)), directory: directory))]
            } else if a == "--memory" {
                out += ["--store", freshDatabase()]
            } else {
                out.append(a)
            }
            i += 1
        }
        return out
    }

    /// `$BAZAR_STORE` mapped as `--store` is.
    static func map(environment env: [String: String], directory: URL? = nil) -> [String: String] {
        guard isPostgres, let s = env["BAZAR_STORE"], !s.isEmpty, !ServerAddress.isURL(s) else { return env }
        var e = env
        e["BAZAR_STORE"] = database(forFile: absolute(s, directory: directory))
        return e
    }

    static func absolute(_ path: String, directory: URL? = nil) -> String {
        if path.hasPrefix("/") { return path }
        let base = directory?.path ?? FileManager.default.currentDirectoryPath
        return base + "/" + path
    }
}

import Testing

/// A test that looks at the SQLite file itself (its bytes, permissions, locks, or GRDB on it): on the
/// PostgreSQL run of the suite it is skipped, and says so.
extension TestTrait where Self == ConditionTrait {
    static var sqliteOnly: Self { .enabled(if: TestBackend.isSQLite, "looks at the SQLite store file itself: runs on the SQLite backend only") }
    static var postgresOnly: Self { .enabled(if: TestBackend.isPostgres, "runs on the PostgreSQL backend only") }
}

extension SuiteTrait where Self == ConditionTrait {
    static var sqliteOnly: Self { .enabled(if: TestBackend.isSQLite, "looks at the SQLite store file itself: runs on the SQLite backend only") }
    static var postgresOnly: Self { .enabled(if: TestBackend.isPostgres, "runs on the PostgreSQL backend only") }
}
