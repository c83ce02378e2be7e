import Testing
import Foundation

/// The command line of SPEC section 5: inputs, exit statuses, stores that cannot be used.
@Suite struct CommandLineTests {
    @Test func unknownFlagIsBadUsage() throws {
        let r = try Bazar.run(["--bogus"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--bogus"))
    }

    @Test func missingScriptIsBadUsage() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, dir.path("nope.bazar")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("nope.bazar"))
        // The store was not even created.
        #expect(!FileManager.default.fileExists(atPath: dir.store))
    }

    @Test func helpListsTheOptions() throws {
        let r = try Bazar.run(["--help"])
        #expect(r.status == 0)
        for option in ["--store", "--memory", "--on-error", "--format", "--today", "-c", "-f"] {
            #expect(r.stdout.contains(option), "help mentions \(option)")
        }
    }

    @Test(.sqliteOnly) func textFileAsStoreIsRefusedUntouched() throws {
        let dir = TempDir()
        let path = try dir.write("notes.txt", "belanja: telur, gula, tepung\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try Bazar.run(["--store", path, "-c", "list events"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("not a bazar store"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(.sqliteOnly) func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let dir = TempDir()
        let path = dir.path("other.sqlite")
        // Make another program's SQLite database with bazar's own GRDB-free route: the sqlite3 CLI
        // may be missing, so build one by hand from a bazar store whose application id we change.
        let r0 = try Bazar.run(["--store", path, "-c", "add participant made-by-bazar"])
        #expect(r0.status == 0)
        // Rewrite the application id (bytes 68..71 of the header) to another program's.
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count >= 100)
        data[68] = 0x0F; data[69] = 0x05; data[70] = 0x5A; data[71] = 0x17
        try data.write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try Bazar.run(["--store", path, "-c", "add participant x"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("another program"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(.sqliteOnly) func storeInMissingDirectoryIsUnusable() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.path("no/such/dir/store.sqlite"), "-c", "list events"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("does not exist"))
    }

    @Test(.sqliteOnly) func defaultStoreFollowsXDGDataHome() throws {
        let dir = TempDir()
        let r = try Bazar.run(["-c", "add participant wedang-batavia"], environment: ["XDG_DATA_HOME": dir.path("data")])
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("data/bazar/store.sqlite")))
        let env = try Bazar.run(["-c", "list participants"], environment: ["BAZAR_STORE": dir.path("data/bazar/store.sqlite")])
        #expect(env.stdout.contains("wedang-batavia"))
    }

    @Test(.sqliteOnly) func storeHeldByAnotherWriterWaitsThenExits3() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, "-c", "add participant first"]).status == 0)
        // A script read from a pipe holds the write transaction until its input ends.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Bazar.binary)
        holder.arguments = ["--store", dir.store]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("add participant held-by-script\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)

        let start = Date()
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant second"])
        let waited = Date().timeIntervalSince(start)
        #expect(r.status == 3)
        #expect(r.stderr.contains("locked by another writer"))
        #expect(waited >= 1.0, "waits for the busy timeout before giving up")

        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        let list = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list participants"])
        #expect(list.stdout.contains("held-by-script"))
        #expect(!list.stdout.contains("second"))
    }

    @Test func commandsAndFilesRunInTheOrderGiven() throws {
        let dir = TempDir()
        let script = try dir.write("a.bazar", "add participant from-file\n")
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant first", "-f", script, "-c", "list participants"])
        #expect(r.status == 0)
        let list = r.stdout
        #expect(list.contains("first") && list.contains("from-file"))
    }

    @Test func stdinThatIsNotATerminalIsAScript() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "--format", "csv"], stdin: "add participant a\nadd participant b\nlist participants\n")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("id,name"))
        #expect(r.stdout.contains("\r\na,") && r.stdout.contains("\r\nb,"))
        #expect(!r.stdout.contains("bazar>"), "no prompt when reading a pipe")
    }
}
