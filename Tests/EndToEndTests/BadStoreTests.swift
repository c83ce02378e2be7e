import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Bad stores (issue 7): truncated, not SQLite, another program's SQLite, read-only, in a directory that
/// cannot be written. Each gives a clear message and exit 3, and the file is never modified.
/// (CommandLineTests covers a text file, a changed application id and a missing directory.)
@Suite(.sqliteOnly) struct BadStoreTests {
    static func bytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A real store with some of everything, closed (so its WAL is checkpointed into the file).
    static func makeStore(_ dir: TempDir, sales: Int = 300) throws -> String {
        var script = """
            add participant wedang-batavia name "Wedang Batavia" kota "Jakarta Pusat"
            add product wedang-batavia/bir-pletok price 25rb
            open event jakpus-2021-09 mode hybrid from 2021-09-23 to 2021-09-24
            day 1

            """
        for i in 0..<sales { script += "add sale wedang-batavia/bir-pletok \(1 + i % 5) note \"sale \(i) with some padding text\"\n" }
        try dir.write("make.bazar", script)
        let r = try Bazar.run(["--store", dir.store, dir.path("make.bazar")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.store + "-wal") || (try? FileManager.default.attributesOfItem(atPath: dir.store + "-wal")[.size] as? Int) == 0)
        return dir.store
    }

    /// Runs a reading and a writing command on a store that must be refused, and checks it stayed as it was.
    static func expectRefused(_ path: String, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = bytes(path)
        for command in ["list sales", "add participant intruder", "dump"] {
            let r = try Bazar.run(["--store", path, "-c", command])
            #expect(r.status == 3, "\(command): status \(r.status), \(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr.hasPrefix("bazar: error: ") || r.stderr.hasPrefix("error: "), "\(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains(message), "\(command): \(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains("  = "), "a hint says what to do: \(r.stderr)", sourceLocation: sourceLocation)
            #expect(!r.stderr.contains("SQLite error") && !r.stderr.contains("DatabaseError"), "no raw library error: \(r.stderr)",
                    sourceLocation: sourceLocation)
            #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        }
        #expect(bytes(path) == before, "the file was not modified", sourceLocation: sourceLocation)
    }

    @Test(arguments: [0.5, 0.9])
    func truncatedStoreIsRefusedUntouched(fraction: Double) throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let data = try #require(Self.bytes(path))
        #expect(data.count > 8 * 4096)
        let keep = Int(Double(data.count) * fraction) / 4096 * 4096 + 1000   // cut inside a page
        try data.prefix(keep).write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path, message: "damaged")
    }

    @Test func storeCutInsideItsHeaderIsNotSQLite() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir, sales: 1)
        let data = try #require(Self.bytes(path))
        try data.prefix(10).write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path, message: "not an SQLite database")
    }

    @Test func sqliteHeaderFollowedByGarbageIsRefusedUntouched() throws {
        let dir = TempDir()
        var rng = SystemRandomNumberGenerator()
        var data = Data("SQLite format 3\0".utf8)
        for _ in 0..<(4 * 4096) { data.append(UInt8.random(in: 0...255, using: &rng)) }
        let path = dir.path("garbage.sqlite")
        try data.write(to: URL(fileURLWithPath: path))
        let before = Self.bytes(path)
        let r = try Bazar.run(["--store", path, "-c", "add participant x"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains(path), "names the file: \(r.stderr)")
        #expect(Self.bytes(path) == before)
    }

    @Test func binaryFileIsNotSQLite() throws {
        let dir = TempDir()
        let path = dir.path("photo.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path, message: "not an SQLite database")
    }

    @Test func directoryAsStoreIsRefused() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.url.path, "-c", "list events"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("directory"))
    }

    /// Another program's database with tables but no application id (what most programs leave).
    @Test func anotherProgramsTablesAreRefusedUntouched() throws {
        let dir = TempDir()
        let path = dir.path("kasir.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE barang (kode TEXT PRIMARY KEY, harga INTEGER); INSERT INTO barang VALUES ('A1', 5000)")
        }
        try other.close()
        try Self.expectRefused(path, message: "another program")
    }

    /// A store written by a newer bazar (a schema version this one does not know).
    @Test func storeFromANewerBazarIsRefusedUntouched() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir, sales: 3)
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        try q.close()
        try Self.expectRefused(path, message: "newer than this bazar")
    }

    /// `chattr +i` makes a file immutable even for root, where permission bits do not stop anyone.
    static func immutable(_ path: String, _ on: Bool) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") || FileManager.default.isExecutableFile(atPath: "/bin/chattr") else {
            return false
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["chattr", on ? "+i" : "-i", path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Read-only store: by permission bits for an ordinary user; as root (bits do not stop root),
    /// with `chattr +i` where the file system allows it.
    @Test func readOnlyStoreIsRefusedUntouched() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir, sales: 3)
        if getuid() != 0 {
            chmod(path, 0o444)
            defer { chmod(path, 0o644) }
            try Self.expectRefused(path, message: "permission")
        } else if Self.immutable(path, true) {
            defer { _ = Self.immutable(path, false) }
            try Self.expectRefused(path, message: "cannot use the store")
        } else {
            print("readOnlyStoreIsRefusedUntouched: running as root without chattr +i: read-only by permission cannot be tested")
        }
    }

    /// A directory where the journal cannot be created: a store in it cannot be used safely.
    @Test func storeInUnwritableDirectoryIsRefused() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir, sales: 3)
        let sub = dir.url.path
        if getuid() != 0 {
            chmod(sub, 0o555)
            defer { chmod(sub, 0o755) }
            try Self.expectRefused(path, message: "not writable")
        } else if Self.immutable(sub, true) {
            defer { _ = Self.immutable(sub, false) }
            try Self.expectRefused(path, message: "cannot use the store")
            // And a new store cannot be made there.
            let r = try Bazar.run(["--store", dir.path("new.sqlite"), "-c", "add participant x"])
            #expect(r.status == 3, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("new.sqlite")))
        } else {
            print("storeInUnwritableDirectoryIsRefused: running as root without chattr +i: cannot be tested")
        }
    }

    // MARK: schema versions

    /// A bazar store of schema version 0 (marked, still empty) is brought to the current schema.
    @Test func olderStoreIsMigratedForward() throws {
        let dir = TempDir()
        let q = try DatabaseQueue(path: dir.store)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(0x4241_5A52); PRAGMA user_version = 0")
        }
        try q.close()
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant migrated-ok", "-c", "list participants"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("migrated-ok"))
        let after = try DatabaseQueue(path: dir.store)
        let version = try after.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == 4)
        try after.close()
    }

    /// Schema 1 → 2: what each listing and stall sold on (kept on them since 2, read by reports with a channel)
    /// is worked out from the sales already in the store. A store made now, taken back to schema 1, gives the
    /// same reports once bazar has brought it forward again.
    @Test func channelsOfListingsAreFilledInWhenASchema1StoreIsMigrated() throws {
        let dir = TempDir()
        let script = try dir.write("mixed.bazar", """
            add participant wedang-batavia kota "Jakarta Pusat"
            add product wedang-batavia/bir-pletok price 25rb
            add product wedang-batavia/selendang-mayang price 15rb
            add participant kopi-tugu kota "Jakarta Utara"
            add product kopi-tugu/tubruk price 10rb
            add participant batik-ani kota "Jakarta Barat"
            open event jakpus-2021-09 mode hybrid from 2021-09-23 to 2021-09-24
            add stall batik-ani
            day 1
            add sale wedang-batavia/bir-pletok qty 2
            add sale wedang-batavia/bir-pletok qty 1 channel online
            add sale wedang-batavia/selendang-mayang qty 3 channel online
            add sale kopi-tugu amount 50rb channel online
            day 2
            add sale kopi-tugu/tubruk qty 4
            add sale kopi-tugu amount 20rb
            void sale 3 reason "typed twice"
            open event borju-2021-10 mode online on 2021-10-15
            add sale kopi-tugu/tubruk qty 1
            add stall wedang-batavia products bir-pletok
            """)
        let setUp = try Bazar.run(["--store", dir.store, script])
        #expect(setUp.status == 0, "\(setUp.stderr)")
        let questions = ["report range 2021-09-01..2021-10-31 channel online", "report range 2021-09-01..2021-10-31 channel offline",
                         "report range 2021-09-01..2021-10-31 by channel", "report event jakpus-2021-09 channel online by product",
                         "report unsold channel offline"]
        func answers() throws -> [String] {
            try questions.map { q in
                let r = try Bazar.run(["--store", dir.store, "--format", "json", "-c", q])
                #expect(r.status == 0, "\(q): \(r.stderr)")
                return r.stdout
            }
        }
        let fresh = try answers()
        // Online: 2 sales left at the hybrid event (sale 3 is void) and 1 at the online event.
        #expect(fresh[0].contains("\"sales\":3"), "\(fresh[0])")

        let q = try DatabaseQueue(path: dir.store)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP TRIGGER sale_number_kept;
                DROP TABLE sale_number;
                ALTER TABLE listing DROP COLUMN channels;
                ALTER TABLE stall DROP COLUMN whole_channels;
                CREATE INDEX sale_stall ON sale (stall_no, product_no, void, channel);
                CREATE INDEX listing_product ON listing (product_no);
                DROP TABLE sku_map;
                DROP INDEX sale_ref;
                CREATE UNIQUE INDEX sale_ref ON sale (ref) WHERE ref IS NOT NULL;
                PRAGMA user_version = 1;
                """)
        }
        try q.close()
        #expect(try answers() == fresh)
        let after = try DatabaseQueue(path: dir.store)
        let (version, channels) = try after.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Int.fetchAll(db, sql: "SELECT channels FROM listing ORDER BY stall_no, product_no")
                + Int.fetchAll(db, sql: "SELECT whole_channels FROM stall ORDER BY stall_no"))
        }
        #expect(version == 4)
        // Listings: bir-pletok both (3), selendang-mayang none left (its only sale is void), tubruk offline (2),
        // tubruk at the online event online (1), bir-pletok listed there unsold (0); stalls: kopi-tugu sold whole both ways.
        #expect(channels == [3, 0, 2, 1, 0] + [0, 0, 3, 0, 0], "\(channels)")
        try after.close()
    }

    /// Migration is one transaction: when it fails half-way, nothing of it stays and the version is unchanged.
    @Test func failedMigrationLeavesTheStoreAsItWas() throws {
        let dir = TempDir()
        let q = try DatabaseQueue(path: dir.store)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(0x4241_5A52); PRAGMA user_version = 0")
            // The migration's later CREATE TABLE sale collides with this, after event, participant, … were made.
            try db.execute(sql: "CREATE TABLE sale (x)")
        }
        try q.close()
        let r = try Bazar.run(["--store", dir.store, "-c", "list events"])
        #expect(r.status == 3, "\(r.stderr)")
        let after = try DatabaseQueue(path: dir.store)
        let (version, tables) = try after.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        }
        #expect(version == 0)
        #expect(tables == ["sale"], "the tables made before the failure were rolled back")
        try after.close()
    }
}
