import Foundation
import Testing
import BazarCore
#if canImport(Glibc)
import Glibc
#endif

/// What only a PostgreSQL store does (SPEC section 11), run in the PostgreSQL pass of the suite
/// (`BAZAR_TEST_BACKEND=postgres`, which `scripts/test` makes when `$BAZAR_TEST_PG` is set): several officers
/// writing at once, SIGKILL in the middle of a script, a script that does not hold up an officer's sale,
/// `bazar copy` between files and a server, and the server's failures as exit 3.
@Suite(.postgresOnly, .serialized) struct ServerStoreTests {
    static let env = ProcessInfo.processInfo.environment
    /// Sales per writer in the 8-writer test (the bench runs 1,000 each).
    static let salesPerWriter = Int(env["BAZAR_WRITER_SALES"] ?? "") ?? 25

    /// The database `--store PATH` stands for in this pass, and a connection to it.
    static func database(_ path: String) throws -> PostgresConnection {
        try PostgresConnection(url: TestBackend.database(forFile: path))
    }

    static func start(_ arguments: [String], stdin: FileHandle? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Bazar.binary)
        p.arguments = TestBackend.map(arguments)
        var e = ProcessInfo.processInfo.environment
        e["BAZAR_TODAY"] = "2021-09-23"
        e["BAZAR_USER"] = "tester"
        p.environment = e
        p.standardInput = stdin ?? FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func setUp(_ store: String) throws {
        let r = try Bazar.run(["--store", store, "-c", "open event w-2021 mode hybrid from 2021-09-23 to 2021-09-24",
                               "-c", "add participant wb", "-c", "add product wb/p price 10rb",
                               "-c", "add participant sj", "-c", "add product sj/q price 5rb",
                               // The stalls are registered before the bazaar opens (a stall a script makes is locked
                               // until it commits: a second officer adding the same new stall waits for it).
                               "-c", "add stall wb products p", "-c", "add stall sj products q"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Eight officers add sales to one event at once, each sale its own `-c` (committed before it is
    /// confirmed): none refused, none lost, none twice, every number different.
    @Test func eightWritersAtOnceLoseNothing() throws {
        let dir = TempDir()
        try Self.setUp(dir.store)
        let n = Self.salesPerWriter
        var writers: [Process] = []
        for w in 0..<8 {
            var args = ["--store", dir.store, "-c", "open event w-2021", "-c", "day 1"]
            for i in 0..<n { args += ["-c", "add sale wb/p 1 ref w\(w)-\(i)"] }
            writers.append(try Self.start(args))
        }
        for p in writers { p.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 }, "every writer's every sale was confirmed")
        let db = try Self.database(dir.store)
        let r = try db.query("SELECT count(*), count(DISTINCT id), count(DISTINCT ref) FROM sale WHERE ref LIKE 'w%'")
        #expect(r[0].int(0) == Int64(8 * n))
        #expect(r[0].int(1) == Int64(8 * n), "sale numbers are unique")
        #expect(r[0].int(2) == Int64(8 * n), "no sale lost or added twice")
    }

    /// A script loading into an event holds up no other officer's `add sale` at that event.
    @Test func aLoadingScriptDoesNotHoldUpAnAddSale() throws {
        let dir = TempDir()
        try Self.setUp(dir.store)
        var text = "open event w-2021\nday 1\n"
        for i in 0..<20000 { text += "add sale wb/p 1 ref s\(i)\n" }
        let script = try dir.write("load.bazar", text)
        let loader = try Self.start(["--store", dir.store, script])
        Thread.sleep(forTimeInterval: 0.5)
        let started = Date()
        // Another participant's sale, then a sale of the very product the script is selling, on the same channel.
        let r = try Bazar.run(["--store", dir.store, "-c", "open event w-2021", "-c", "add sale sj/q 2 day 1",
                               "-c", "add sale wb/p 2 day 1"])
        let took = Date().timeIntervalSince(started)
        let stillLoading = loader.isRunning
        loader.waitUntilExit()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(took < 1.5, "add sale took \(took) s while a script loaded")
        #expect(loader.terminationStatus == 0)
        if !stillLoading { print("ServerStoreTests: the script had finished before the sale; the machine is fast") }
        let db = try Self.database(dir.store)
        #expect(try db.query("SELECT count(*) FROM sale").first?.int(0) == 20002)
    }

    /// SIGKILL at random moments while bazar loads a script into a server: the store holds all of it or none.
    @Test func sigkillWhileLoadingAScriptLeavesAllOrNothing() throws {
        let dir = TempDir()
        let count = 20000
        var text = "open event crash-2021 mode hybrid from 2021-09-23 to 2021-09-24\nday 1\n"
        for i in 0..<count { text += "add sale wb/p qty 1 price \(1 + i % 7)rb ref R\(i)\n" }
        let script = try dir.write("big.bazar", text)
        var outcomes = (none: 0, all: 0)
        for k in 0..<6 {
            let store = dir.path("kill\(k).sqlite")
            try Self.setUp(store)
            let p = try Self.start(["--store", store, script])
            Thread.sleep(forTimeInterval: Double.random(in: 0.2...3.0))
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            let db = try Self.database(store)
            // The server rolls back the killed session's transaction as soon as it sees the socket close.
            var sales: Int64 = -1
            for _ in 0..<50 {
                let active = try db.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                if active.first?.int(0) == 0 { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            sales = try db.query("SELECT count(*) FROM sale").first?.int(0) ?? -1
            if sales == 0 { outcomes.none += 1 } else if sales == Int64(count) { outcomes.all += 1 } else {
                Issue.record("after a kill the server holds \(sales) of the script's \(count) sales")
            }
        }
        print("ServerStoreTests: 6 SIGKILLs: \(outcomes.none) left none, \(outcomes.all) left all")
    }

    /// Two offices' stores (two seed programmes in two files) copied into one server: every report is their
    /// sum; copying again adds nothing; the server copied back into a file reports the same.
    @Test func twoOfficesCopiedIntoOneServerGiveTheSum() throws {
        let dir = TempDir()
        let a = dir.path("jakpus.sqlite"), b = dir.path("jaksel.sqlite"), back = dir.path("back.sqlite")
        // The offices' stores are files (`program:` runs bazar without the server mapping).
        for (store, seed) in [(a, "jakpus-hybrid-2021.bazar"), (b, "jbl-jaksel-2021.bazar")] {
            let r = try Bazar.run(["--store", store, SeedReportTests.seed(seed)], program: Bazar.binary)
            #expect(r.status == 0, "\(r.stderr)")
        }
        // A voided sale travels voided, with its reason (the copy writes it in its batch as it is).
        #expect(try Bazar.run(["--store", a, "-c", "void sale 5 reason \"double entry\""], program: Bazar.binary).status == 0)
        let server = TestBackend.database(forFile: dir.path("province"))
        for from in [a, b] {
            let r = try Bazar.run(["copy", from, server], program: Bazar.binary)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let reports = ["report year 2021", "report year 2021 by participant", "report year 2021 by month",
                       "report year 2021 by category", "report year 2021 by channel", "report year 2021 by product"]
        func figures(_ store: String) throws -> [[String: Int64]] {
            var out: [[String: Int64]] = []
            for c in reports {
                let r = try Bazar.run(["--store", store, "--format", "json", "-c", c], program: Bazar.binary)
                #expect(r.status == 0, "\(c): \(r.stderr)")
                var m: [String: Int64] = [:]
                for rep in try ReportJSON.all(r.stdout) {
                    for t in ["omzet", "units", "sales"] { m["total " + t] = rep.total(t) ?? 0 }
                    for row in rep.rows {
                        let key = (row["key"] as? String) ?? "(null)"
                        m[key] = (m[key] ?? 0) + (ReportJSON.int(row["omzet"]) ?? 0)
                    }
                }
                out.append(m)
            }
            return out
        }
        let (fa, fb, fs) = (try figures(a), try figures(b), try figures(server))
        for (i, c) in reports.enumerated() {
            let sum = fa[i].merging(fb[i], uniquingKeysWith: +)
            #expect(fs[i].filter { $0.value != 0 } == sum.filter { $0.value != 0 }, "\(c) on the server is the sum of the offices'")
        }
        let provinceDB = try PostgresConnection(url: server)
        defer { provinceDB.close() }
        #expect(try provinceDB.query("SELECT count(*) FROM sale WHERE void = 1 AND void_reason = 'double entry'").first?.int(0) == 1)
        // The store this copy made has every foreign key back (they come after the rows).
        #expect(try provinceDB.query("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace").first?.int(0) == 9)
        // Again: nothing added.
        let again = try Bazar.run(["copy", a, server], program: Bazar.binary)
        #expect(again.status == 0 && again.stderr.contains(" 0 sales added"), "\(again.stderr)")
        #expect(try figures(server) == fs)
        // Server → file, then file → file: the same reports.
        #expect(try Bazar.run(["copy", server, back], program: Bazar.binary).status == 0)
        #expect(try figures(back) == fs)
        let back2 = dir.path("back2.sqlite")
        #expect(try Bazar.run(["copy", back, back2], program: Bazar.binary).status == 0)
        #expect(try figures(back2) == fs)
    }

    /// The server down, a wrong password, another program's database: exit 3, saying which and what to do.
    @Test func aServerThatCannotBeUsedIsExit3WithAClearMessage() throws {
        let admin = try PostgresConnection(url: TestBackend.server)
        defer { admin.close() }
        let s = admin.server
        // Down: nothing listens on this socket directory.
        let down = try Bazar.run(["--store", "postgres:///bazar?host=/tmp/no-server-here&port=5999", "-c", "list events"], program: Bazar.binary)
        #expect(down.status == 3)
        #expect(down.stderr.contains("no PostgreSQL server answers") && down.stderr.contains("start the server"), "\(down.stderr)")
        // A wrong password over TCP (the test cluster asks every role for one there).
        try admin.execute("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bazar_pw') THEN CREATE ROLE bazar_pw LOGIN PASSWORD 'right'; END IF;
            END $$
            """)
        let wrong = try Bazar.run(["--store", "postgres://bazar_pw@127.0.0.1:\(s.port)/\(s.database)", "-c", "list events"],
                                  environment: ["PGPASSWORD": "wrong-one"], program: Bazar.binary)
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("refused the password") && wrong.stderr.contains("pgpass"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("wrong-one"), "a password is never printed")
        // Another program's database: refused untouched.
        let foreign = TestBackend.database(forFile: "/foreign-\(UUID().uuidString)")
        let other = try PostgresConnection(url: foreign)
        try other.execute("CREATE TABLE invoices (n int)")
        other.close()
        let r = try Bazar.run(["--store", foreign, "-c", "add participant x"], program: Bazar.binary)
        #expect(r.status == 3)
        #expect(r.stderr.contains("another program's tables"), "\(r.stderr)")
    }

    /// The foreign keys, checks, indexes and view of a store, as the catalog defines them (names and definitions).
    static func schema(_ db: PostgresConnection) throws -> [String] {
        try db.query("""
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
            UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
            ORDER BY 1
            """).compactMap { $0.string(0) }
    }

    /// A script that makes its store adds the foreign keys and builds `sale_day` after its rows
    /// (PostgresDeferredKeys.swift): afterwards the store has every key and index a store made line by line has,
    /// with the same definitions, and its rows are all there. Under `--on-error continue` the first line made the
    /// store, failed and took it back with its savepoint; the next line made it again.
    @Test func aScriptThatMakesItsStoreEndsWithEveryKeyAndIndex() throws {
        let dir = TempDir()
        let byHand = dir.url.appendingPathComponent("by-hand.db").path
        try Self.setUp(byHand)
        let script = try dir.write("load.bazar", """
            add product nobody/x price 1rb
            open event w-2021 mode hybrid from 2021-09-23 to 2021-09-24
            add participant wb
            add product wb/p price 10rb
            day 1
            add sale wb/p qty 2
            add sale wb/p qty 1 channel online ref TKP-1
            add sale wb amount 50rb

            """)
        let r = try Bazar.run(["--store", dir.store, "--on-error", "continue", script])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("load.bazar:1:13: error: unknown participant 'nobody'"), "\(r.stderr)")
        #expect(!r.stderr.contains("load.bazar:2") && !r.stderr.contains("load.bazar:8"), "\(r.stderr)")
        let loaded = try Self.database(dir.store)
        defer { loaded.close() }
        let reference = try Self.database(byHand)
        defer { reference.close() }
        let keys = try Self.schema(loaded)
        #expect(keys.filter { $0.contains("FOREIGN KEY") }.count == 9, "\(keys)")
        #expect(keys.contains { $0.hasPrefix("CREATE INDEX sale_day ON public.sale") }, "\(keys)")
        #expect(keys == (try Self.schema(reference)))
        #expect(try loaded.query("SELECT count(*), sum(qty) FROM sale").first.map { [$0.int(0), $0.int(1)] } == [3, 4])
    }
}
