import Testing
import Foundation

/// Scripts against a real store file: money and dates as stored, all-or-nothing, `--on-error continue`, dump.
@Suite struct ScriptTests {
    static let setup = """
        add participant wedang-batavia name "Wedang Batavia 86" owner "Teguh Cahya Gumelar" kota "Jakarta Selatan" category minuman kind ukm
        open event jbl-2021-11 name "Jumat Beli Lokal" program JBL mode online channel "tokopedia/jakpreneur" on 2021-11-26
        """

    /// Each money spelling of SPEC section 1, stored as a product's price and read back as JSON.
    @Test(arguments: [
        ("18944500", 18_944_500), ("18.944.500", 18_944_500), ("Rp 18.944.500", 18_944_500),
        ("Rp18.944.500", 18_944_500), ("Rp 18.944.500,-", 18_944_500), ("Rp 18.944.500,00", 18_944_500),
        ("25rb", 25_000), ("25ribu", 25_000), ("25k", 25_000), ("1,5jt", 1_500_000), ("1.5jt", 1_500_000),
        ("1,5juta", 1_500_000), ("3,3miliar", 3_300_000_000), ("3,3milyar", 3_300_000_000),
    ] as [(String, Int64)])
    func moneySpellingIsStoredExactly(spelling: String, rupiah: Int64) throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "--format", "json",
                               "-c", "add participant p", "-c", "add product p/x price \(spelling)", "-c", "show product p/x"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"price\":\(rupiah),"), "\(spelling) → \(r.stdout)")
    }

    @Test(arguments: [
        ("1,500", "ambiguous amount '1,500'", "write 1.500 or 1,5rb"),
        ("12.5", "rupiah amounts are whole numbers", nil),
    ] as [(String, String, String?)])
    func badMoneyExplainsHowToWriteIt(spelling: String, message: String, hint: String?) throws {
        let dir = TempDir()
        let script = try dir.write("prices.bazar", "add participant p\nadd product p/x price \(spelling)\n")
        let r = try Bazar.run(["--store", dir.store, script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("prices.bazar:2:23: error:"), "\(r.stderr)")
        #expect(r.stderr.contains(message))
        if let hint { #expect(r.stderr.contains(hint)) }
        // The script stopped, so nothing of it stayed: not even a store file.
        #expect(!FileManager.default.fileExists(atPath: dir.store))
    }

    /// Every date form lands on the same day.
    @Test(arguments: ["2021-09-24", "24/9/2021", "24/09/2021", "24 September 2021", "24 Sep 2021", "24 Sept 2021", "tomorrow-is-not-a-form"])
    func dateFormsLandOnTheSameDay(form: String) throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "--format", "json",
                               "-c", "add participant p", "-c", "open event e from 2021-09-23 to 2021-09-24",
                               "-c", "add sale p amount 10rb date \(form)", "-c", "list sales"])
        if form == "tomorrow-is-not-a-form" {
            #expect(r.status == 1)
            #expect(r.stderr.contains("is not a date"))
        } else {
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("\"date\":\"2021-09-24\""), "\(form) → \(r.stdout)")
        }
    }

    @Test func indonesianAndEnglishMonthNamesAreOneDay() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "--format", "csv",
                               "-c", "add participant p", "-c", "open event e from 2020-08-01 to 2020-08-31",
                               "-c", "add sale p amount 1rb date 7 Agustus 2020", "-c", "add sale p amount 1rb date 7/8/2020",
                               "-c", "add sale p amount 1rb date 2020-08-07", "-c", "add sale p amount 1rb date 7 Aug 2020",
                               "-c", "list sales date 2020-08-07"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: ",2020-08-07,").count - 1 == 4)
    }

    /// Lists of every kind of thing, as JSON: the store's visible content.
    static func content(_ store: String) throws -> String {
        var all = ""
        for kind in ["events", "participants", "products", "stalls", "sales"] {
            let r = try Bazar.run(["--store", store, "--format", "json", "-c", "list \(kind)"])
            #expect(r.status == 0, "\(r.stderr)")
            all += r.stdout
        }
        return all
    }

    /// A script numbers the items its sales name, to find them again without hashing; a script it runs numbers
    /// its own. The same number in both must not make one item stand for the other.
    @Test func aScriptRunInsideAnotherSellsItsOwnItems() throws {
        let dir = TempDir()
        let inner = try dir.write("inner.bazar", """
            add sale kopi-tugu/tubruk qty 2
            """)
        let outer = try dir.write("outer.bazar", """
            add participant wedang-batavia
            add product wedang-batavia/bir-pletok price 25rb
            add participant kopi-tugu
            add product kopi-tugu/tubruk price 10rb
            open event jakpus-2021-09 mode hybrid on 2021-09-23
            add sale wedang-batavia/bir-pletok qty 1
            run \(inner)
            add sale wedang-batavia/bir-pletok qty 3
            """)
        let r = try Bazar.run(["--store", dir.store, "--format", "csv", outer, "-c", "list sales"])
        #expect(r.status == 0, "\(r.stderr)")
        let products = r.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",")[4] }
        #expect(products == ["bir-pletok", "tubruk", "bir-pletok"], "\(r.stdout)")
        #expect(r.stdout.contains(",3,75000,"), "\(r.stdout)")
    }

    @Test func scriptWhoseLastLineFailsLeavesTheStoreAsItWas() throws {
        let dir = TempDir()
        let first = try dir.write("first.bazar", Self.setup + "\nadd product wedang-batavia/bir-pletok name \"Bir Pletok Tubruk\" price 25rb\nadd sale wedang-batavia/bir-pletok 3\n")
        #expect(try Bazar.run(["--store", dir.store, first]).status == 0)
        let before = try Self.content(dir.store)
        let second = try dir.write("second.bazar", """
            add participant kue-lapis name "Kué Lapis Bu Ani"
            add product kue-lapis/legit price 120rb
            open event jbl-2021-11
            at kue-lapis
            add sale legit 2
            void sale 1 reason "double entry"
            add sale wedang-batvia/bir-pletok 3 price 25rb
            """)
        let r = try Bazar.run(["--store", dir.store, second])
        #expect(r.status == 1)
        #expect(r.stderr.contains("second.bazar:7:10: error: unknown participant 'wedang-batvia'"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'wedang-batavia'?"))
        #expect(try Self.content(dir.store) == before)
    }

    @Test func onErrorContinueKeepsGoodLinesAndReportsEachBadOne() throws {
        let dir = TempDir()
        let script = try dir.write("mixed.bazar", Self.setup + """

            add sale wedang-batavia amount 50rb
            add sale wedang-batavia amount 1,500
            add sale nobody amount 10rb
            add sale wedang-batavia amount 70rb ref TKP-1
            add sale wedang-batavia amount 80rb ref TKP-1
            """)
        let r = try Bazar.run(["--store", dir.store, "--on-error", "continue", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("mixed.bazar:4:32: error: ambiguous amount '1,500'"), "\(r.stderr)")
        #expect(r.stderr.contains("mixed.bazar:5:10: error: unknown participant 'nobody'"))
        #expect(r.stderr.contains("mixed.bazar:7:41: error: ref 'TKP-1' is already used by sale #2"))
        let sales = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list sales"])
        #expect(sales.stdout.contains(",50000,") && sales.stdout.contains(",70000,"))
        #expect(!sales.stdout.contains(",80000,"))
    }

    @Test func dumpLoadedIntoAnEmptyStoreGivesBackTheSameStore() throws {
        let dir = TempDir()
        let script = try dir.write("s.bazar", Self.setup + """

            add product wedang-batavia/bir-pletok name "Bir Pletok \\"Tubruk\\"" price 25rb unit botol
            add product wedang-batavia/wedang-komplit name "Wedang Komplit" category "minuman hangat"
            add participant kue-lapis name "Kué Lapis" kecamatan "Tebet" phone "0812 # not a comment"
            add stall kue-lapis
            add stall wedang-batavia products wedang-komplit
            add sale wedang-batavia/bir-pletok 3 buyer Bekasi ref "INV/1"
            add sale wedang-batavia/wedang-komplit 2 price 30rb note "pakai gula aren"
            open event hybrid-2021-09 mode hybrid from 2021-09-23 to 2021-09-24 target 150jt
            add sale wedang-batavia/bir-pletok 1 day 2 channel online
            add sale kue-lapis amount 500rb day 1
            open event jbl-2021-11
            add sale wedang-batavia/bir-pletok 5 amount 100rb
            void sale 2 reason "salah input"
            close event jbl-2021-11
            """)
        let load = try Bazar.run(["--store", dir.store, script])
        #expect(load.status == 0, "\(load.stderr)")
        let dump = try Bazar.run(["--store", dir.store, "-c", "dump > \(dir.path("dump.bazar"))"])
        #expect(dump.status == 0, "\(dump.stderr)")
        let copy = dir.path("copy.sqlite")
        let reload = try Bazar.run(["--store", copy, dir.path("dump.bazar")])
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(try Self.content(copy) == Self.content(dir.store))
        // The dump of the copy is the same script again.
        let again = try Bazar.run(["--store", copy, "-c", "dump"])
        #expect(again.stdout == (try String(contentsOfFile: dir.path("dump.bazar"), encoding: .utf8)))
    }

    @Test func redirectWritesTheFormatOfTheExtension() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant a name \"A, B\"",
                               "-c", "list participants > \(dir.path("p.csv"))",
                               "-c", "list participants > \(dir.path("p.json"))",
                               "-c", "list participants > \(dir.path("p.md"))",
                               "-c", "list participants >> \(dir.path("p.md"))"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir.path("p.csv"), encoding: .utf8).hasPrefix("id,name,owner"))
        #expect(try String(contentsOfFile: dir.path("p.csv"), encoding: .utf8).contains("a,\"A, B\","))
        #expect(try String(contentsOfFile: dir.path("p.json"), encoding: .utf8).contains("{\"id\":\"a\",\"name\":\"A, B\""))
        let md = try String(contentsOfFile: dir.path("p.md"), encoding: .utf8)
        #expect(md.components(separatedBy: "| id | name |").count - 1 == 2)
    }

    @Test func continuationLinesAndCommentsAndCaseInsensitiveKeywords() throws {
        let dir = TempDir()
        let script = try dir.write("c.bazar", """
            # a comment line
            ADD PARTICIPANT Wedang-Batavia \\
                name "Wedang Batavia 86"   # trailing comment
            Open Event e ON 2021-11-26
            add sale wedang-batavia AMOUNT 10rb
            """)
        let r = try Bazar.run(["--store", dir.store, "--format", "csv", script, "-c", "list sales"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1,e,2021-11-26,Wedang-Batavia,,1,10000,offline"))
    }

    @Test func storeRulesAreEnforcedWithClearErrors() throws {
        let dir = TempDir()
        let cases: [(String, String)] = [
            ("add sale wedang-batavia amount 10rb date 2021-11-27", "2021-11-27 is not the day of event 'jbl-2021-11' (2021-11-26)"),
            ("add sale wedang-batavia qty 0 amount 10rb", "qty must be at least 1"),
            ("add participant wedang-batavia", "participant 'wedang-batavia' already exists"),
            ("add sale wedang-batavia/none 1", "unknown product 'wedang-batavia/none'"),
            ("add sale wedang-batavia 2", "needs an amount"),
            ("open event x name y", "needs its dates"),
            ("void sale 99", "there is no sale #99"),
            ("add sale wedang-batavia amount 99999999999999999999", "too large"),
        ]
        let setup = try dir.write("setup.bazar", Self.setup + "\n")
        #expect(try Bazar.run(["--store", dir.store, setup]).status == 0)
        for (command, message) in cases {
            let r = try Bazar.run(["--store", dir.store, "-c", "open event jbl-2021-11", "-c", command])
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains(message), "\(command): \(r.stderr)")
        }
        let closed = try Bazar.run(["--store", dir.store, "-c", "close event jbl-2021-11", "-c", "open event jbl-2021-11",
                                    "-c", "add sale wedang-batavia amount 10rb"])
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("event 'jbl-2021-11' is closed"))
        #expect(closed.stderr.contains("reopen event jbl-2021-11"))
    }
}
