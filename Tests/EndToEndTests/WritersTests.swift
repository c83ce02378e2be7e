import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two writers (issue 7): processes adding sales to one store at once. No sale is lost, nothing is
/// damaged; a writer that cannot get the store within the busy timeout (2 s) fails clearly with
/// exit 3 and leaves nothing behind, rather than hanging. (CommandLineTests has the `-c` vs held
/// script case for participants.)
@Suite struct WritersTests {
    static func setup(_ dir: TempDir) throws {
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant wb", "-c", "add product wb/p price 10rb",
                               "-c", "open event two-2021 from 2021-09-23 to 2021-09-24"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    static func salesScript(_ dir: TempDir, name: String, count: Int) throws -> String {
        var s = "open event two-2021\nday 1\n"
        for i in 0..<count { s += "add sale wb/p qty \(1 + i % 4) ref \"\(name)-\(i)\"\n" }
        return try dir.write("\(name).bazar", s)
    }

    /// Standard error goes to a file, read after the process ends (reading pipes can be interrupted).
    final class ErrorFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-writer-\(UUID().uuidString).err").path
        init() { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    }

    static func start(_ arguments: [String], stdin: Pipe? = nil) throws -> (Process, ErrorFile) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Bazar.binary)
        p.arguments = arguments
        p.environment = ["BAZAR_TODAY": "2021-09-23", "BAZAR_USER": "writer", "PATH": "/usr/bin:/bin"]
        let err = ErrorFile()
        p.standardError = FileHandle(forWritingAtPath: err.path)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = stdin ?? FileHandle.nullDevice
        try p.run()
        return (p, err)
    }

    /// Sales by ref prefix, and the store's integrity.
    static func sales(_ store: String, prefix: String) throws -> Int {
        let q = try DatabaseQueue(path: store)
        defer { try? q.close() }
        return try q.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM sale WHERE ref LIKE ?", arguments: [prefix + "-%"]) ?? -1
        }
    }

    /// Two scripts at once, several rounds: each is all there (one waited for the other) or, if it
    /// could not get the store in time, failed with exit 3 and left none. Never part of one.
    @Test(.sqliteOnly) func twoScriptsAtOnceLoseNothing() throws {
        let dir = TempDir()
        try Self.setup(dir)
        var kept = 0
        for round in 0..<4 {
            let a = try Self.salesScript(dir, name: "a\(round)", count: 1_500)
            let b = try Self.salesScript(dir, name: "b\(round)", count: 1_500)
            let started = Date()
            let (pa, ea) = try Self.start(["--store", dir.store, a])
            let (pb, eb) = try Self.start(["--store", dir.store, b])
            pa.waitUntilExit()
            pb.waitUntilExit()
            #expect(Date().timeIntervalSince(started) < 60, "no hang")
            for (p, e, name) in [(pa, ea, "a\(round)"), (pb, eb, "b\(round)")] {
                let stderr = e.text
                let n = try Self.sales(dir.store, prefix: name)
                if p.terminationStatus == 0 {
                    #expect(n == 1_500, "\(name): all of it")
                    kept += 1
                } else {
                    #expect(p.terminationStatus == 3, "\(name): \(stderr)")
                    #expect(stderr.contains("locked by another writer"), "\(stderr)")
                    #expect(n == 0, "\(name): none of it")
                }
            }
        }
        #expect(kept >= 4, "at least the first of each pair gets in")
    }

    /// A script holding the store (its input still coming) and a second script: the second waits the
    /// busy timeout, then exits 3 with nothing of it kept; the first then finishes whole.
    @Test(.sqliteOnly) func scriptBehindAHeldScriptWaitsThenFailsWith3() throws {
        let dir = TempDir()
        try Self.setup(dir)
        let input = Pipe()
        let (holder, _) = try Self.start(["--store", dir.store], stdin: input)
        input.fileHandleForWriting.write(Data("open event two-2021\nday 1\nadd sale wb/p ref \"held-1\"\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)

        let second = try Self.salesScript(dir, name: "late", count: 100)
        let started = Date()
        let r = try Bazar.run(["--store", dir.store, second])
        let waited = Date().timeIntervalSince(started)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("locked by another writer"))
        #expect(r.stderr.contains("  = "), "says what to do")
        #expect(waited >= 1.5 && waited < 15, "waited the busy timeout, then gave up: \(waited) s")

        // Reading is never blocked by a writer (WAL).
        let read = try Bazar.run(["--store", dir.store, "-c", "list events"])
        #expect(read.status == 0, "\(read.stderr)")

        input.fileHandleForWriting.write(Data("add sale wb/p ref \"held-2\"\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(try Self.sales(dir.store, prefix: "held") == 2)
        #expect(try Self.sales(dir.store, prefix: "late") == 0)
    }

    /// Many `-c` writers at once, each sale its own transaction: every confirmed sale is there,
    /// each with its own number.
    @Test(.sqliteOnly) func manyCommandWritersAtOnceLoseNoSale() throws {
        let dir = TempDir()
        try Self.setup(dir)
        var processes: [(Process, ErrorFile)] = []
        let writers = 6, each = 15
        for w in 0..<writers {
            var args = ["--store", dir.store, "-c", "open event two-2021", "-c", "day 2"]
            for i in 0..<each { args += ["-c", "add sale wb/p qty \(1 + i) ref \"w\(w)-\(i)\""] }
            processes.append(try Self.start(args))
        }
        for (p, e) in processes {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(e.text)")
        }
        let q = try DatabaseQueue(path: dir.store)
        let (count, distinct, units) = try q.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sale WHERE ref LIKE 'w%'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM sale WHERE ref LIKE 'w%'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT sum(qty) FROM sale WHERE ref LIKE 'w%'") ?? 0)
        }
        try q.close()
        #expect(count == writers * each)
        #expect(distinct == writers * each)
        #expect(units == writers * (each * (each + 1) / 2))
    }
}
