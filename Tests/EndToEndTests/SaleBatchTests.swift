import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A script's sales on a PostgreSQL store go in batches (Store/Postgres/PostgresSaleBatch.swift); on SQLite one by
/// one. These scripts behave the same on both: errors at their lines, nothing half-applied, reports and `void sale
/// last` seeing the sales before them, sale numbers given in order and never twice.
@Suite struct SaleBatchTests {
    static let setup = """
        add participant kopi-tuku name "Kopi Tuku"
        add product kopi-tuku/susu price 18rb
        add product kopi-tuku/hitam price 15rb
        add participant roti-buaya name "Roti Buaya Betawi"
        add product roti-buaya/besar price 120rb
        open event jbl-2021-11 name "Jumat Beli Lokal" mode offline from 2021-11-26 to 2021-11-28
        day 1

        """

    /// `count` sales of 18rb (kopi-tuku/susu) and 15rb (kopi-tuku/hitam), alternating.
    static func sales(_ count: Int) -> String {
        (0..<count).map { $0 % 2 == 0 ? "add sale kopi-tuku/susu\n" : "add sale kopi-tuku/hitam\n" }.joined()
    }

    static func list(_ store: String) throws -> [String] {
        let r = try Bazar.run(["--store", store, "--format", "csv", "-c", "list sales"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
    }

    /// The sale numbers `list sales` shows (its first column).
    static func numbers(_ store: String) throws -> [Int] {
        try list(store).compactMap { Int($0.split(separator: ",").first ?? "") }.sorted()
    }

    @Test func aDuplicateRefInTheMiddleOfALargeScriptFailsAtItsLineAndLeavesNothing() throws {
        let dir = TempDir()
        let first = try dir.write("first.bazar", Self.setup + "add sale kopi-tuku/susu ref OLD-1\n")
        #expect(try Bazar.run(["--store", dir.store, first]).status == 0)
        let before = try ScriptTests.content(dir.store)

        // The ref at line 1503 (sale #1502: the store has #1), its twin at line 3004.
        var text = Self.sales(1500) + "add sale kopi-tuku/susu ref INV-7\n" + Self.sales(1500) + "add sale kopi-tuku/susu ref INV-7\n" + Self.sales(500)
        let big = try dir.write("big.bazar", "open event jbl-2021-11\nday 2\n" + text)
        var r = try Bazar.run(["--store", dir.store, big])
        #expect(r.status == 1)
        #expect(r.stderr.contains("big.bazar:3004:29: error: ref 'INV-7' is already used by sale #1502"), "\(r.stderr)")
        #expect(try ScriptTests.content(dir.store) == before)

        // The same with the twin in the store already (from the first script).
        text = Self.sales(2000) + "add sale kopi-tuku/susu ref OLD-1\n" + Self.sales(10)
        let again = try dir.write("again.bazar", "open event jbl-2021-11\nday 2\n" + text)
        r = try Bazar.run(["--store", dir.store, again])
        #expect(r.status == 1)
        #expect(r.stderr.contains("again.bazar:2003:29: error: ref 'OLD-1' is already used by sale #1"), "\(r.stderr)")
        #expect(try ScriptTests.content(dir.store) == before)
    }

    @Test func onErrorContinueWithBadLinesAmongBatchedSalesKeepsTheOthers() throws {
        let dir = TempDir()
        let script = try dir.write("mixed.bazar", Self.setup + Self.sales(1000) + """
            add sale kopi-tuku/latte
            add sale kopi-tuku/susu ref INV-1
            add sale kopi-tuku/susu qty 0
            add sale roti-buaya/besar qty 0
            add sale kopi-tuku/susu ref INV-1

            """ + Self.sales(1000))
        let r = try Bazar.run(["--store", dir.store, "--on-error", "continue", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("mixed.bazar:1008:") && r.stderr.contains("unknown product 'kopi-tuku/latte'"), "\(r.stderr)")
        #expect(r.stderr.contains("mixed.bazar:1010:"), "\(r.stderr)")
        #expect(r.stderr.contains("mixed.bazar:1011:"), "\(r.stderr)")
        #expect(r.stderr.contains("mixed.bazar:1012:29: error: ref 'INV-1' is already used by sale #1001"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "error:").count - 1 == 4, "\(r.stderr)")
        let numbers = try Self.numbers(dir.store)
        #expect(numbers.count == 2001)
        #expect(Set(numbers).count == numbers.count)
        // The failed first sale of roti-buaya left no stall behind.
        let stalls = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list stalls"])
        #expect(stalls.stdout.contains("kopi-tuku") && !stalls.stdout.contains("roti-buaya"), "\(stalls.stdout)")
    }

    @Test func aReportInTheMiddleOfAScriptSeesTheSalesBeforeIt() throws {
        let dir = TempDir()
        // 1000 × 18rb + 1000 × 15rb = 33.000.000, then 10 more sales after the report.
        let script = try dir.write("report.bazar", Self.setup + Self.sales(2000) + "report event jbl-2021-11\nlist sales\n" + Self.sales(10))
        let r = try Bazar.run(["--store", dir.store, "--format", "csv", script])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("33000000"), "\(r.stdout.prefix(500))")
        #expect(!r.stdout.contains("33165000"))
        // `list sales` printed the 2000 sales there were then.
        #expect(r.stdout.split(whereSeparator: \.isNewline).filter { $0.contains(",2021-11-26,") }.count == 2000)
        #expect(try Self.numbers(dir.store).count == 2010)
    }

    @Test func voidSaleLastRightAfterABatchedSale() throws {
        let dir = TempDir()
        let script = try dir.write("void.bazar", Self.setup + Self.sales(300) + """
            add sale roti-buaya/besar qty 2
            void sale last reason "salah ketik"
            add sale roti-buaya/besar

            """ + Self.sales(5))
        let r = try Bazar.run(["--store", dir.store, script])
        #expect(r.status == 0, "\(r.stderr)")
        let show = try Bazar.run(["--store", dir.store, "-c", "show sale 301"])
        #expect(show.stdout.contains("salah ketik"), "\(show.stdout)")
        let kept = try Bazar.run(["--store", dir.store, "-c", "show sale 302"])
        #expect(kept.status == 0 && !kept.stdout.contains("salah ketik"), "\(kept.stdout)")
        // A script whose last sale failed has no last sale to void.
        let bad = try dir.write("bad.bazar", "open event jbl-2021-11\nday 1\n" + Self.sales(20) + "add sale kopi-tuku/latte\nvoid sale last\n")
        let b = try Bazar.run(["--store", dir.store, "--on-error", "continue", bad])
        #expect(b.status == 1)
        #expect(b.stderr.components(separatedBy: "error:").count - 1 == 2, "\(b.stderr)")
        #expect(b.stderr.contains("bad.bazar:24:"), "\(b.stderr)")
    }

    @Test func saleNumbersAfterABatchAreContiguousAndNeverGivenTwice() throws {
        let dir = TempDir()
        let first = try dir.write("first.bazar", Self.setup + Self.sales(2500))
        #expect(try Bazar.run(["--store", dir.store, first]).status == 0)
        #expect(try Self.numbers(dir.store) == Array(1...2500))
        let one = try Bazar.run(["--store", dir.store, "-c", "open event jbl-2021-11", "-c", "add sale kopi-tuku/susu day 1"])
        #expect(one.stdout.contains("#2501"), "\(one.stdout)")
        // A script rolled back leaves nothing; the next one's numbers are new (on a server, after a gap).
        let failing = try dir.write("failing.bazar", "open event jbl-2021-11\nday 1\n" + Self.sales(100) + "add sale nobody\n")
        #expect(try Bazar.run(["--store", dir.store, failing]).status == 1)
        let second = try dir.write("second.bazar", "open event jbl-2021-11\nday 1\n" + Self.sales(100))
        #expect(try Bazar.run(["--store", dir.store, second]).status == 0)
        let numbers = try Self.numbers(dir.store)
        #expect(numbers.count == 2601)
        #expect(Set(numbers).count == 2601)
        #expect(Array(numbers.suffix(100)) == Array((numbers.last! - 99)...numbers.last!))
    }

    /// On a server, a script's participants and products are written a run at a time: an id added twice still fails
    /// at its own line, with the message of one insert, and a misspelt one is still answered with the closest id.
    @Test func aParticipantOrProductAddedTwiceInALongRunFailsAtItsLine() throws {
        let dir = TempDir()
        let many = (1...600).map { "add participant ukm-\($0)\nadd product ukm-\($0)/p1 price 10rb\n" }.joined()
        var r = try Bazar.run(["--store", dir.store, try dir.write("p.bazar", many + "add participant UKM-17 name \"again\"\n" + "add participant ukm-601\n")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("p.bazar:1201:17: error: participant 'ukm-17' already exists"), "\(r.stderr)")
        r = try Bazar.run(["--store", dir.store, try dir.write("q.bazar", many + "add product ukm-5/P1\n")])
        #expect(r.stderr.contains("q.bazar:1201:13: error: product 'ukm-5/p1' already exists"), "\(r.stderr)")
        r = try Bazar.run(["--store", dir.store, try dir.write("s.bazar", many + "open event e on 2021-11-26\nadd sale ukm-0601/p1\n")])
        #expect(r.stderr.contains("s.bazar:1202:10: error: unknown participant 'ukm-0601'"), "\(r.stderr)")
        // The same participants loaded, then sold: all there.
        r = try Bazar.run(["--store", dir.store, try dir.write("t.bazar", many + "open event e on 2021-11-26\nadd sale UKM-600/p1\nadd sale ukm-1/P1\n")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.numbers(dir.store).count == 2)
        let products = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list products"])
        #expect(products.stdout.split(whereSeparator: \.isNewline).count == 601, "\(products.stdout.prefix(300))")
    }

    /// The path no check foresees: another officer takes a ref while the script's sale with it waits in the batch.
    /// The COPY is refused, rolled back, and the rows are inserted again one by one: the error names the script's
    /// line, the script stops, and nothing of it stays (the officer's sale does). (On SQLite the script holds the
    /// store's write lock: the officer would wait instead.)
    @Test(.postgresOnly) func aRefTakenMeanwhileFailsAtTheLineOfTheBatchedSale() throws {
        let dir = TempDir()
        // (Its stall made before: a stall a script makes is locked until it commits, and the officer would wait.)
        #expect(try Bazar.run(["--store", dir.store, try dir.write("setup.bazar", Self.setup + "add sale kopi-tuku/susu\n")]).status == 0)
        let errors = dir.url.appendingPathComponent("stderr.txt").path
        let bazar = PipedBazar(["--store", dir.store, "--today", "2021-09-23"], stderr: errors)
        bazar.send("open event jbl-2021-11")
        bazar.send("day 1")
        bazar.send("add sale kopi-tuku/susu")
        bazar.send("add sale kopi-tuku/susu ref TKP-9")
        bazar.send("help add sale")   // (answers without writing the batch: the sales are still waiting)
        #expect(bazar.waitFor("add sale"), "\(bazar.seen)")
        let officer = try Bazar.run(["--store", dir.store, "-c", "open event jbl-2021-11", "-c", "add sale kopi-tuku/susu day 1 ref TKP-9"])
        #expect(officer.status == 0, "\(officer.stderr)")
        bazar.send("list sales")
        #expect(bazar.finish() == 1)
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(stderr.contains(":4:29: error: ref 'TKP-9' is already used by sale #2"), "\(stderr)")
        #expect(!stderr.contains(":6:"), "\(stderr)")
        #expect(try Self.list(dir.store).count == 2)
    }
}
