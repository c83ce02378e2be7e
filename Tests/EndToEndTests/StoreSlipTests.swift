import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Slips with the store (issue 11): a typo in `--store` never gives a confident Rp 0, `--read-only` reads a
/// store that cannot be written, the shell says which store it is and waits for another writer.
@Suite struct StoreSlipTests {
    @Test(arguments: ["report year 2021", "list sales", "show event x", "dump", "log", "report unsold 2021"])
    func aReadOnAMissingStoreIsExit3AndMakesNoFile(command: String) throws {
        let dir = TempDir()
        let typo = dir.path("typo.sqlite")
        let r = try Bazar.run(["--store", typo, "-c", command])
        #expect(r.status == 3, "\(command): \(r.stdout)\(r.stderr)")
        // (On PostgreSQL the store is an empty database, named in the message; nothing is made in it either.)
        #expect(r.stderr.contains(TestBackend.isSQLite ? "error: no store at \(typo)" : "error: no store at database '"), "\(r.stderr)")
        #expect(!r.stdout.contains("Rp 0"))
        #expect(!FileManager.default.fileExists(atPath: typo), "no store made by a read")
        // A script of reads alike.
        let script = try Bazar.run(["--store", typo], stdin: "# check\n\(command)\n")
        #expect(script.status == 3 && script.stderr.contains("no store at"), "\(script.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test(.sqliteOnly) func theFirstChangeMakesTheStore() throws {
        let dir = TempDir()
        // A change that fails makes nothing either.
        let failed = try Bazar.run(["--store", dir.store, "-c", "add sale x amount 1rb"])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.store))
        let r = try Bazar.run(["--store", dir.store, "-c", "help", "-c", "add participant ani", "-c", "list participants"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("ani"))
        let q = try DatabaseQueue(path: dir.store)
        let mode = try q.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        try q.close()
        #expect(mode == "wal", "a store made by a change is a store like any other")
        // A script whose first change fails under --on-error continue: the next change still makes the store.
        let other = dir.path("other.sqlite")
        let c = try Bazar.run(["--store", other, "--on-error", "continue"], stdin: "add sale x amount 1rb\nadd participant budi\n")
        #expect(c.status == 1)
        #expect(try Bazar.run(["--store", other, "-c", "show participant budi"]).status == 0)
    }

    /// `run FILE` typed in the shell or given with `-c` is captured for `undo`: on a store not made yet there is
    /// nothing to capture with, and it ran (instead of crashing with a transaction left open).
    @Test func runOnAMissingStoreMakesIt() throws {
        let dir = TempDir()
        let script = try dir.write("setup.bazar", "set format csv\nadd participant ani\n")
        let r = try Bazar.run(["--store", dir.store, "-c", "run \(script)", "-c", "list participants"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("ani"))
        let reads = try dir.write("reads.bazar", "list events\n")
        let other = dir.path("other.sqlite")
        let none = try Bazar.run(["--store", other, "-c", "run \(reads)"])
        #expect(none.status == 3 && none.stderr.contains("no store at"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    /// The tests run as root, for whom permissions do not hold: the read-only cases run bazar as `nobody`.
    static func asNobody(_ arguments: [String]) throws -> BazarRun {
        if getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") {
            return try Bazar.run(["-u", "nobody", "--", Bazar.binary] + arguments, program: "/usr/sbin/runuser")
        }
        return try Bazar.run(arguments)
    }

    @Test(.sqliteOnly) func readOnlyOpensAStoreThatCannotBeWritten() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, "-c", "add participant ani", "-c", "open event pasar on 2021-03-10",
                               "-c", "add sale ani amount 50rb"]).status == 0)
        let share = dir.path("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let copy = share + "/store.sqlite"
        try FileManager.default.copyItem(atPath: dir.store, toPath: copy)
        chmod(copy, 0o444)
        chmod(share, 0o555)
        chmod(dir.url.path, 0o755)
        defer { chmod(share, 0o755) }
        // Without --read-only: exit 3, and the error says what to use.
        let plain = try Self.asNobody(["--store", copy, "-c", "list participants"])
        #expect(plain.status == 3)
        #expect(plain.stderr.contains("--read-only"), "\(plain.stderr)")
        let r = try Self.asNobody(["--store", copy, "--read-only", "--format", "json", "-c", "list participants", "-c", "report year 2021"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"id\":\"ani\""))
        #expect(r.stdout.contains("\"omzet\":50000"), "\(r.stdout)")
        let change = try Self.asNobody(["--store", copy, "--read-only", "-c", "add participant budi"])
        #expect(change.status == 1)
        #expect(change.stderr.contains("error: 'add participant' changes the store, which is open read-only"), "\(change.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: share) == ["store.sqlite"], "nothing written beside it")
        // A missing store is not made read-only either.
        let missing = try Bazar.run(["--store", dir.path("nope.sqlite"), "--read-only", "-c", "list events"])
        #expect(missing.status == 3 && missing.stderr.contains("no store at"))
    }

    // MARK: the shell

    @Test(.sqliteOnly) func theShellSaysWhichStoreInItsFirstLine() throws {
        let dir = TempDir()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("store: \(dir.store) (new: it is made at the first change)\r\n")
        try sh.expect("bazar> ")
        sh.send("list events\r")
        try sh.expect("there is no store at \(dir.store) yet")
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.store), "a shell that changed nothing leaves no store")
        let second = try PtyShell(["--store", dir.store], home: dir.url.path)
        try second.expect("(new: it is made at the first change)")
        second.send("add participant ani\r")
        try second.expect("participant ani added")
        second.send("\u{04}")
        #expect(second.waitExit() == 0)
        let again = try PtyShell(["--store", dir.store], home: dir.url.path)
        try again.expect("store: \(dir.store)\r\n")
        again.send("list participants\r")
        try again.expect("ani")
        again.send("\u{04}")
        #expect(again.waitExit() == 0)
    }

    /// A script holding the store (its input still coming): an `add sale` in the shell says it waits, and goes
    /// through when the script is done, well after the 2 s a script or `-c` would wait.
    @Test(.sqliteOnly) func theShellWaitsForAnotherWriterAndSaysSo() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, "-c", "add participant ani", "-c", "open event pasar on 2021-03-10"]).status == 0)
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("open event pasar\r")
        try sh.expect("bazar pasar day 1> ")
        let input = Pipe()
        let (holder, _) = try WritersTests.start(["--store", dir.store], stdin: input)
        input.fileHandleForWriting.write(Data("add participant held\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        sh.send("add sale ani amount 50rb\r")
        try sh.expect("waiting for another bazar that is writing to \(dir.store)")
        try sh.expect("(Ctrl-C cancels)")
        Thread.sleep(forTimeInterval: 3)
        #expect(!sh.settle().contains("locked"), "still waiting after the busy timeout")
        input.fileHandleForWriting.write(Data("add participant held-2\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        try sh.expect("sale #1: stall ani × 1 = Rp 50.000")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }

    @Test(.sqliteOnly) func ctrlCCancelsTheWait() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, "-c", "add participant ani", "-c", "open event pasar on 2021-03-10"]).status == 0)
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("open event pasar\r")
        try sh.expect("bazar pasar day 1> ")
        let input = Pipe()
        let (holder, _) = try WritersTests.start(["--store", dir.store], stdin: input)
        input.fileHandleForWriting.write(Data("add participant held\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        sh.send("add sale ani amount 50rb\r")
        try sh.expect("waiting for another bazar")
        sh.send("\u{03}")
        try sh.expect("error: interrupted", timeout: 3)
        try sh.expect("bazar pasar day 1> ")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        sh.send("list sales\r")
        try sh.expect("(none)")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }
}
