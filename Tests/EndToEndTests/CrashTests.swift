import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Crash safety (issue 7): SIGKILL at random moments while bazar loads a large script. After every
/// kill the store opens, passes `PRAGMA integrity_check` and `foreign_key_check`, and holds either
/// all of the script or none of it. A sale confirmed by `-c` (the shell's own `runLine`) survives a
/// SIGKILL right after its confirmation.
///
/// In the normal suite: 20 kills of a 20,000-sale script. Locally:
/// `BAZAR_CRASH_KILLS=200 BAZAR_CRASH_SALES=200000 swift test --filter CrashTests`.
@Suite(.serialized, .sqliteOnly) struct CrashTests {
    static let env = ProcessInfo.processInfo.environment
    static let kills = Int(env["BAZAR_CRASH_KILLS"] ?? "") ?? 20
    static let sales = Int(env["BAZAR_CRASH_SALES"] ?? "") ?? 20_000

    /// The script: one event, then `count` sales with refs R0…, amounts that sum to a known total.
    static func bigScript(_ dir: TempDir, count: Int) throws -> (path: String, omzet: Int64) {
        var text = "open event crash-2021 name \"Crash \\\"test\\\"\" mode hybrid from 2021-09-23 to 2021-09-24 target 1jt\nday 1\n"
        text.reserveCapacity(count * 90)
        var omzet: Int64 = 0
        for i in 0..<count {
            let qty = 1 + i % 3, price = 1_000 + i % 7
            omzet += Int64(qty * price * 1_000)
            text += "add sale wb/p\(i % 5) qty \(qty) price \(price)rb channel online buyer \"Kota \(i % 11)\" ref \"R\(i)\"\n"
            if i % 1000 == 999 { text += "day \(1 + (i / 1000) % 2)\n" }
        }
        let path = try dir.write("big.bazar", text)
        return (path, omzet)
    }

    /// A store with what the script needs, committed and closed (one file).
    static func baseStore(_ dir: TempDir) throws -> String {
        let path = dir.path("base.sqlite")
        let r = try Bazar.run(["--store", path, "-c", "add participant wb name \"Wedang Batavia\"",
                               "-c", "add product wb/p0 price 1", "-c", "add product wb/p1", "-c", "add product wb/p2",
                               "-c", "add product wb/p3", "-c", "add product wb/p4",
                               "-c", "open event before on 2021-01-01", "-c", "add sale wb/p0 amount 5rb"])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    struct Content: Equatable {
        var sales: Int
        var omzet: Int64
        var events: Int
        var log: Int
    }

    /// Opens the store as bazar does (through bazar itself first), then checks it in-process.
    static func check(_ path: String) throws -> Content {
        let open = try Bazar.run(["--store", path, "--format", "csv", "-c", "list events"])
        #expect(open.status == 0, "bazar opens the store after the kill: \(open.stderr)")
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            #expect(integrity == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            return Content(
                sales: try Int.fetchOne(db, sql: "SELECT count(*) FROM sale") ?? -1,
                omzet: try Int64.fetchOne(db, sql: "SELECT COALESCE(sum(amount), 0) FROM sale") ?? -1,
                events: try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? -1,
                log: try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log") ?? -1)
        }
    }

    static func copy(_ from: String, _ to: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: to + suffix) }
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    /// Starts bazar on the script with output discarded.
    static func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Bazar.binary)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["BAZAR_TODAY"] = "2021-09-23"
        env["BAZAR_USER"] = "crash"
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func sigkillWhileLoadingAScriptLeavesAllOrNothing() throws {
        let dir = TempDir()
        let base = try Self.baseStore(dir)
        let (script, scriptOmzet) = try Self.bigScript(dir, count: Self.sales)
        let none = try Self.check(base)
        let store = dir.path("store.sqlite")

        // Calibrate: the whole script, uninterrupted, gives "all".
        try Self.copy(base, store)
        let started = Date()
        let full = try Self.start(["--store", store, script])
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(full.terminationStatus == 0)
        let all = try Self.check(store)
        #expect(all.sales == none.sales + Self.sales)
        #expect(all.omzet == none.omzet + scriptOmzet)

        var rng = SystemRandomNumberGenerator()
        var outcomes = (none: 0, all: 0, exited: 0)
        var end = duration
        for _ in 0..<Self.kills {
            try Self.copy(base, store)
            let p = try Self.start(["--store", store, script])
            // Anywhere from start-up to a little after the usual end; half of the kills near the end,
            // where the commit writes and syncs the WAL. The end is tracked as the machine's speed
            // varies: a kill that came too late (bazar had exited) moves it earlier, one that left
            // nothing moves it later, so these kills close in on the commit.
            let nearEnd = Bool.random(using: &rng)
            let delay = nearEnd
                ? Double.random(in: (end * 0.97)...(end * 1.03), using: &rng)
                : Double.random(in: 0...(duration * 1.1), using: &rng)
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            if p.terminationReason == .exit { outcomes.exited += 1 }
            let after = try Self.check(store)
            if nearEnd { end *= p.terminationReason == .exit ? 0.97 : (after == none ? 1.02 : 1) }
            if after == none {
                outcomes.none += 1
            } else if after == all {
                outcomes.all += 1
            } else {
                Issue.record("after a kill at \(delay) s the store holds part of the script: \(after) (none: \(none), all: \(all))")
            }
        }
        print("bazar crash: \(Self.kills) SIGKILLs of a \(Self.sales)-sale script (\(Int(duration * 1000)) ms): "
              + "\(outcomes.none) left none, \(outcomes.all) left all (\(outcomes.exited) had already finished, "
              + "\(outcomes.all - outcomes.exited) killed after the commit); integrity ok after each")
        #expect(outcomes.none + outcomes.all == Self.kills)
    }

    /// `-c` runs a command as the shell does (`runLine`): committed before its confirmation is printed.
    /// Kill bazar the moment the confirmation is read: the sale is in the store.
    @Test func confirmedSaleSurvivesSigkillRightAfterItsConfirmation() throws {
        let dir = TempDir()
        let base = try Self.baseStore(dir)
        let (script, _) = try Self.bigScript(dir, count: 20_000)
        let store = dir.path("store.sqlite")
        for round in 0..<5 {
            try Self.copy(base, store)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Bazar.binary)
            // After the confirmed sale, a long script keeps bazar busy writing when it is killed.
            p.arguments = ["--store", store, "-c", "open event crash-2021 from 2021-09-23 to 2021-09-24", "-c", "day 1",
                           "-c", "add sale wb/p1 amount 77rb ref CONFIRMED-\(round)", "-f", script]
            p.environment = ["BAZAR_TODAY": "2021-09-23", "BAZAR_USER": "crash", "PATH": "/usr/bin:/bin"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            var seen = ""
            let reader = out.fileHandleForReading
            while !seen.contains("sale #") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(seen.contains("sale #"), "the confirmation was printed: \(seen)")
            #expect(p.terminationReason == .uncaughtSignal, "killed while still running the script")
            let q = try DatabaseQueue(path: store)
            let found = try q.read { db in
                (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM sale WHERE ref = ?", arguments: ["CONFIRMED-\(round)"]))
            }
            try q.close()
            #expect(found.0 == ["ok"])
            #expect(found.1 == 1, "the confirmed sale survived the kill")
        }
    }

    /// After bazar exits normally, the store is one file (its WAL checkpointed and removed), so that
    /// copying `store.sqlite` alone copies everything.
    @Test func storeIsOneFileAfterExit() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant a", "-c", "add participant b"])
        #expect(r.status == 0)
        let wal = (try? FileManager.default.attributesOfItem(atPath: dir.store + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "no committed change is left only in the WAL")
        // A copy of the file alone holds both.
        try Self.copy(dir.store, dir.path("copy.sqlite"))
        let list = try Bazar.run(["--store", dir.path("copy.sqlite"), "--format", "csv", "-c", "list participants"])
        #expect(list.stdout.contains("a") && list.stdout.contains("b"))
    }
}
