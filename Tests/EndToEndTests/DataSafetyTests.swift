import Foundation
import GRDB
import Testing

/// Issue 11's data safety, through the built binary: a dump loaded anywhere touches only what it adds,
/// sale numbers are never given twice, a void's reason is shown, scripts are UTF-8, text holds no control
/// characters.
@Suite struct DataSafetyTests {
    /// Office A: two sales, the second voided with a reason.
    static let officeA = """
        add participant ani name "Kué Ani" category kuliner
        add product ani/teh price 5rb
        open event pasar-a on 2024-03-10
        add sale ani/teh 2
        add sale ani/teh 3
        void sale 2 reason "salah input"
        """
    /// Office B: three sales, the first voided (reason "batal"), the others counting.
    static let officeB = """
        add participant budi name "Kopi Budi"
        add product budi/kopi price 20rb
        open event pasar-b on 2024-03-11
        add sale budi/kopi 1
        add sale budi/kopi 2
        add sale budi/kopi 4
        void sale 1 reason batal
        """

    static func salesJSON(_ store: String) throws -> String {
        try Bazar.run(["--store", store, "--format", "json", "-c", "list sales event pasar-b"]).stdout
    }

    @Test func dumpLoadedIntoAnotherOfficesStoreTouchesNoneOfItsSales() throws {
        let dir = TempDir()
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite")
        #expect(try Bazar.run(["--store", a, try dir.write("a.bazar", Self.officeA)]).status == 0)
        #expect(try Bazar.run(["--store", b, try dir.write("b.bazar", Self.officeB)]).status == 0)
        let bBefore = try Self.salesJSON(b)
        let dump = try Bazar.run(["--store", a, "-c", "dump"])
        #expect(dump.status == 0)
        #expect(!dump.stdout.contains("void sale 2"), "a dump never voids by number: \(dump.stdout)")

        let load = try Bazar.run(["--store", b, try dir.write("a-dump.bazar", dump.stdout)])
        #expect(load.status == 0, "\(load.stderr)")
        // B's sales exactly as they were: sale 1 still void (batal), 2 and 3 still counting.
        #expect(try Self.salesJSON(b) == bBefore)
        #expect(bBefore.contains("\"id\":1,") && bBefore.contains("\"void\":true,\"void_reason\":\"batal\""), "\(bBefore)")
        // A's sales added after them, with A's void and its reason.
        let added = try Bazar.run(["--store", b, "--format", "json", "-c", "list sales event pasar-a"]).stdout
        #expect(added.contains("{\"id\":4,\"event\":\"pasar-a\""), "\(added)")
        #expect(added.contains("\"id\":4,") && added.contains("\"id\":5,"), "\(added)")
        #expect(added.contains("\"amount\":10000,\"channel\":\"offline\",\"buyer\":null,\"ref\":null,\"note\":null,\"void\":false,\"void_reason\":null"), "\(added)")
        #expect(added.contains("\"amount\":15000,\"channel\":\"offline\",\"buyer\":null,\"ref\":null,\"note\":null,\"void\":true,\"void_reason\":\"salah input\""), "\(added)")
        // And B's report of its own event is what it was: 2 + 4 coffees.
        let report = try Bazar.run(["--store", b, "--format", "json", "-c", "report event pasar-b"]).stdout
        #expect(report.contains("\"omzet\":120000"), "\(report)")
    }

    /// `void sale last` names the sale the same session added last, and nothing after a failed `add sale`.
    @Test func voidSaleLastNeverFallsBackToAnEarlierSale() throws {
        let dir = TempDir()
        let script = try dir.write("s.bazar", Self.officeB + "\nadd sale budi/nothing 1\nvoid sale last\n")
        let r = try Bazar.run(["--store", dir.store, "--on-error", "continue", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("s.bazar:9:11: error: 'last' is the sale this session added last"), "\(r.stderr)")
        let sales = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "list sales void yes"]).stdout
        #expect(sales.contains("\"id\":1,") && !sales.contains("\"id\":3,"), "sale 3 stays counted: \(sales)")
    }

    @Test func saleNumbersAreNotReusedAfterUndo() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, try dir.write("b.bazar", Self.officeB)]).status == 0)
        let r = try Bazar.run(["--store", dir.store, "-c", "open event pasar-b", "-c", "add sale budi/kopi 1 date 2024-03-11",
                               "-c", "undo", "-c", "add sale budi/kopi 5 date 2024-03-11"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sale #4: budi/kopi × 1"), "\(r.stdout)")
        #expect(r.stdout.contains("sale #5: budi/kopi × 5"), "the undone #4 is not given again: \(r.stdout)")
        let again = try Bazar.run(["--store", dir.store, "-c", "show sale 4"])
        #expect(again.status == 1 && again.stderr.contains("there is no sale #4"), "#4 was undone and stays unused: \(again.stderr)")
        // In a new session too: the highest number ever given is kept in the store.
        let later = try Bazar.run(["--store", dir.store, "-c", "open event pasar-b", "-c", "add sale budi/kopi 1 date 2024-03-11",
                                   "-c", "undo", "-c", "undo"])
        #expect(later.stdout.contains("sale #6:"), "\(later.stdout)")
        let last = try Bazar.run(["--store", dir.store, "-c", "open event pasar-b", "-c", "add sale budi/kopi 1 date 2024-03-11"])
        #expect(last.stdout.contains("sale #7:"), "\(last.stdout)")
    }

    /// A store of schema version 2 (before sale numbers were kept) is migrated to 3: its sales keep their numbers,
    /// the view gains void_reason, and a number undone after the migration is not given again.
    @Test(.sqliteOnly) func migrationThreeKeepsSalesAndStopsReuse() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, try dir.write("b.bazar", Self.officeB)]).status == 0)
        // Take the store back to version 2: no sale_number, a view without void_reason (and migration 4's undone).
        let q = try DatabaseQueue(path: dir.store)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: """
                BEGIN;
                DROP TRIGGER sale_number_kept;
                DROP TABLE sale_number;
                DROP VIEW sales;
                CREATE VIEW sales AS SELECT s.id AS sale, s.void FROM sale s;
                DROP INDEX sale_ref;
                CREATE UNIQUE INDEX sale_ref ON sale (ref) WHERE ref IS NOT NULL;
                DROP TABLE sku_map;
                PRAGMA user_version = 2;
                COMMIT;
                """)
        }
        try q.close()
        let before = try Self.salesJSON(dir.store)
        let r = try Bazar.run(["--store", dir.store, "-c", "open event pasar-b", "-c", "add sale budi/kopi 1 date 2024-03-11",
                               "-c", "undo", "-c", "add sale budi/kopi 1 date 2024-03-11"])
        #expect(r.stdout.contains("sale #4:") && r.stdout.contains("sale #5:"), "\(r.stdout)\(r.stderr)")
        let after = try DatabaseQueue(path: dir.store)
        let (version, view, numbers, highest) = try after.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Row.fetchAll(db, sql: "SELECT sale, void, void_reason FROM sales ORDER BY sale").map { "\($0[0] as Int64):\($0[1] as Int64):\(($0[2] as String?) ?? "-")" },
             try Int64.fetchAll(db, sql: "SELECT id FROM sale ORDER BY id"),
             try Int64.fetchOne(db, sql: "SELECT highest FROM sale_number"))
        }
        try after.close()
        #expect(version == 4)
        #expect(view == ["1:1:batal", "2:0:-", "3:0:-", "5:0:-"], "\(view)")
        #expect(numbers == [1, 2, 3, 5])
        #expect(highest == 4, "the undone number is kept in the store")
        #expect(try Self.salesJSON(dir.store).hasPrefix(String(before.dropLast(3))), "the old sales as they were")
    }

    /// The reason a sale was voided, wherever the sale is shown.
    @Test(.sqliteOnly) func voidReasonIsShownEverywhere() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, try dir.write("b.bazar", Self.officeB)]).status == 0)
        let show = try Bazar.run(["--store", dir.store, "-c", "show sale 1"]).stdout
        #expect(show.contains("void         yes\nvoid_reason  batal\n"), "\(show)")
        let list = try Bazar.run(["--store", dir.store, "-c", "list sales event pasar-b"]).stdout
        #expect(list.split(separator: "\n")[0].hasSuffix("void  void_reason"), "\(list)")
        #expect(list.split(separator: "\n")[2].hasSuffix("yes   batal"), "\(list)")
        let json = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "show sale 1"]).stdout
        #expect(json.contains("\"void\":true,\"void_reason\":\"batal\"}"), "\(json)")
        let csv = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list sales event pasar-b"]).stdout
        #expect(csv.hasPrefix("id,event,date,participant,product,qty,amount,channel,buyer,ref,note,void,void_reason\r\n"), "\(csv)")
        let q = try DatabaseQueue(path: dir.store)
        let reason = try q.read { db in try String.fetchOne(db, sql: "SELECT void_reason FROM sales WHERE sale = 1") }
        try q.close()
        #expect(reason == "batal")
    }

    /// `list sales last N`: the newest N, oldest of them first.
    @Test func listSalesLastShowsTheNewest() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, try dir.write("b.bazar", Self.officeB)]).status == 0)
        let r = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list sales event pasar-b last 2"])
        let ids = r.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["2", "3"], "\(r.stdout)\(r.stderr)")
        let limit = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list sales event pasar-b limit 2"])
        #expect(limit.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] } == ["1", "2"])
        let both = try Bazar.run(["--store", dir.store, "-c", "list sales last 2 limit 1"])
        #expect(both.status == 1)
    }

    // MARK: UTF-8 scripts and control characters

    @Test(arguments: [
        // Latin-1 / Windows-1252 é (0xE9) in "Kué": line 2, column 29 (the 'é').
        ([0xE9], 29),
        // Windows-1252's curly quote (0x93) before the name.
        ([0x93], 29),
    ] as [([UInt8], Int)])
    func scriptThatIsNotUTF8IsRefusedWhereItsFirstBadByteIs(bad: [UInt8], column: Int) throws {
        let dir = TempDir()
        let path = dir.path("okt.bazar")
        var bytes = Array("add participant budi\nadd participant ani name \"Ku".utf8)
        bytes += bad + Array(" Lapis\"\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try Bazar.run(["--store", dir.store, path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("okt.bazar:2:\(column): error: this line is not UTF-8 text"), "\(r.stderr)")
        #expect(r.stderr.contains("save the script as UTF-8"), "\(r.stderr)")
        // Nothing stored: not even the good first line, and no store file was made.
        #expect(!FileManager.default.fileExists(atPath: dir.store))
        // Piped: the same, named <stdin>.
        let piped = try Bazar.run(["--store", dir.store], stdinBytes: bytes)
        #expect(piped.status == 1)
        #expect(piped.stderr.hasPrefix("<stdin>:2:\(column): error: this line is not UTF-8 text"), "\(piped.stderr)")
    }

    @Test func aScriptWithABOMIsFine() throws {
        let dir = TempDir()
        let path = dir.path("bom.bazar")
        try Data([0xEF, 0xBB, 0xBF] + Array("add participant ani name \"Kué Lapis 🍰\"\n".utf8)).write(to: URL(fileURLWithPath: path))
        let r = try Bazar.run(["--store", dir.store, path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Bazar.run(["--store", dir.store, "-c", "show participant ani"]).stdout.contains("Kué Lapis 🍰"))
    }

    @Test(arguments: [
        ("add participant bob name \"\u{1B}[31mRed\"", "ESC", 27),
        ("add participant bob name \u{1B}[31mRed", "ESC", 26),
        ("add participant bob name \"a\tb\"", "TAB", 28),
        ("add participant bob name \"bell\u{07}\"", "U+0007", 31),
        ("add participant bob name \"csi\u{9B}31m\"", "U+009B", 30),
        ("add participant bob name \"del\u{7F}\"", "DEL", 30),
    ] as [(String, String, Int)])
    func controlCharactersInTextAreRefused(line: String, name: String, column: Int) throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, try dir.write("c.bazar", "add participant ani\n" + line + "\n")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("c.bazar:2:\(column): error: a control character (\(name)) in the text"), "\(r.stderr)")
        // The error itself drives nothing: no ESC reaches the terminal.
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(!FileManager.default.fileExists(atPath: dir.store), "nothing stored")
        let c = try Bazar.run(["--store", dir.store, "-c", line])
        #expect(c.status == 1 && c.stderr.contains("a control character (\(name))"), "\(c.stderr)")
    }

    /// A piped script's errors say `<stdin>:LINE:COL`.
    @Test func pipedScriptErrorsNameStdin() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store], stdin: "add participant ani\nadd sale ani/kopi 1\n")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("<stdin>:2:1: error: no event is open"), "\(r.stderr)")
        let dash = try Bazar.run(["--store", dir.store, "-f", "-"], stdin: "add participant ani\nadd participant ani\n")
        #expect(dash.stderr.hasPrefix("<stdin>:2:17: error: participant 'ani' already exists"), "\(dash.stderr)")
    }
}
