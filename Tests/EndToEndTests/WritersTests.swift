import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two writers (issue 7): processes adding sales to one store at once. No sale is lost, nothing is
/// damaged; a writer that cannot get the store within the busy timeout (2 s) fails clearly with
/// exit 3 and leaves nothing behind, rather than hanging. (CommandLineTests has the `-c` vs held
/// script case for participants.) Eight interactive shells at once (issue 13) run on both backends;
/// the rest look at the SQLite file and run on SQLite only.
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

    /// Eight officers at eight terminals add sales to one event at once (issue 13; on PostgreSQL as on a file):
    /// every `add sale` is confirmed with its own sale number, none is refused, and the store holds each confirmed
    /// sale once, nothing else. Each shell is a real interactive bazar under a pseudo-terminal (each command committed
    /// before its confirmation), typing its next sale once the last is confirmed.
    ///
    /// How long each `add sale` took (from typing Enter to the next prompt) is printed, not asserted: the median
    /// goal (under 2 ms on a server over loopback) is the bench's (`scripts/bench --pg`, on a quiet machine), and
    /// here debug builds share the machine with the other tests. What is asserted is that no shell was held up
    /// behind another (no `add sale` near a lock timeout: 5 s).
    @Test func eightShellsAtOnceLoseNothing() throws {
        let dir = TempDir()
        try Self.setup(dir)
        // Two businesses' stalls registered before the bazaar opens, as officers do.
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant sj", "-c", "add product sj/q price 5rb",
                               "-c", "open event two-2021", "-c", "add stall wb products p", "-c", "add stall sj products q"])
        #expect(r.status == 0, "\(r.stderr)")
        let shells = 8
        let each = Int(ProcessInfo.processInfo.environment["BAZAR_WRITER_SALES"] ?? "") ?? 25
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var numbers: [Int] = []
            var refused: [String] = []
            var failures: [String] = []
            var seconds: [Double] = []
            var statuses: [Int32?] = []
        }
        let results = Results()
        let store = dir.store, home = dir.path("homes")
        let ready = DispatchGroup(), go = DispatchSemaphore(value: 0), done = DispatchGroup()
        for w in 0..<shells {
            ready.enter()
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                var entered = false
                do {
                    let shell = try PtyShell(["--store", store], home: "\(home)/\(w)")
                    try shell.expect("> ", timeout: 30)
                    shell.send("open event two-2021\r")
                    try shell.expect("> ", timeout: 30)
                    shell.send("day 1\r")
                    try shell.expect("> ", timeout: 30)
                    ready.leave()
                    entered = true
                    go.wait()
                    var numbers: [Int] = [], refused: [String] = [], seconds: [Double] = []
                    for i in 0..<each {
                        let product = (w + i) % 2 == 0 ? "wb/p" : "sj/q"
                        let started = Date()
                        shell.send("add sale \(product) \(1 + i % 3) ref sh\(w)-\(i)\r")
                        let reply = try shell.upTo("> ", timeout: 30)
                        seconds.append(Date().timeIntervalSince(started))
                        if let m = reply.firstMatch(of: #/sale #([0-9]+):/#), !reply.contains("error") {
                            numbers.append(Int(m.1)!)
                        } else {
                            refused.append(reply)
                        }
                    }
                    shell.send("quit\r")
                    let status = shell.waitExit(timeout: 30)
                    results.lock.withLock {
                        results.numbers += numbers
                        results.refused += refused
                        results.seconds += seconds
                        results.statuses.append(status)
                    }
                } catch {
                    if !entered { ready.leave() }
                    results.lock.withLock { results.failures.append("shell \(w): \(error)") }
                }
            }
            thread.start()
        }
        ready.wait()
        for _ in 0..<shells { go.signal() }
        done.wait()

        #expect(results.failures.isEmpty, "\(results.failures)")
        #expect(results.refused.isEmpty, "refused: \(results.refused.prefix(3))")
        #expect(results.statuses.allSatisfy { $0 == 0 }, "exit statuses \(results.statuses)")
        #expect(results.numbers.count == shells * each, "every sale confirmed with its number")
        #expect(Set(results.numbers).count == results.numbers.count, "sale numbers are unique")

        // The store (through bazar itself, so the same check on both backends): each confirmed sale once, no other.
        let list = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list sales"])
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let ours = rows.filter { $0.count > 9 && $0[9].hasPrefix("sh") }
        #expect(ours.count == shells * each, "all \(shells * each) sales present")
        #expect(Set(ours.map { String($0[9]) }).count == shells * each, "no sale lost or added twice")
        #expect(Set(ours.compactMap { Int($0[0]) }) == Set(results.numbers), "the store's sales are the confirmed ones")

        let sorted = results.seconds.sorted()
        if !sorted.isEmpty {
            let ms = { (q: Double) in String(format: "%.1f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] * 1000) }
            print("WritersTests (\(TestBackend.isPostgres ? "PostgreSQL" : "SQLite")): \(shells) shells × \(each) add sale: "
                  + "median \(ms(0.5)) ms, p95 \(ms(0.95)) ms, max \(ms(1.0)) ms (debug build; the bench measures the release build)")
        }
        #expect((sorted.last ?? 0) < 5, "an add sale waited \(sorted.last ?? 0) s: a shell held up behind another")
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
