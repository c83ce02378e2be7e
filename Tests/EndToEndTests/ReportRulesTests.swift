import Foundation
import Testing
import BazarCore

/// Issue 11's report repros and the rules SPEC section 4 gained, each with the figures the spec gives.
@Suite struct ReportRulesTests {
    /// Repro 1: a stall that lists a product and sells only for the whole stall, online, at a hybrid event.
    static let wholeStallOnline = """
        add participant budi name "Kopi Budi"
        add product budi/kopi price 20rb
        open event pasar mode hybrid on 2024-03-10 target 1jt
        add stall budi products kopi
        add sale budi amount 50rb channel online
        """

    /// Repro 2: a participant of one category whose listed product is of another; the sale is for the whole stall.
    static let wholeStallCategory = """
        add participant ani category kuliner
        add product ani/teh price 5rb category minuman
        open event pasar on 2024-03-10 target 1jt
        add stall ani products teh
        add sale ani amount 30rb
        """

    func counts(_ r: ReportJSON) -> [Int64?] {
        ["events", "participants", "stalls", "omzet"].map { r.total($0) }
    }

    @Test func wholeStallSaleCountsUnderItsChannel() throws {
        let s = try LoadedStore(scriptText: Self.wholeStallOnline)
        let r = try s.json(["report event pasar channel online", "report event pasar by channel",
                            "report event pasar by product", "report event pasar channel online by channel"])
        #expect(counts(r[0]) == [1, 1, 1, 50_000])
        // A channel filter narrows the scope: no target or achievement.
        #expect(r[0].totals["target"] is NSNull && r[0].totals["achievement_pct"] is NSNull)
        // By channel the stall is online (its sale) and offline (its unsold listing, the hybrid event's usual channel).
        #expect(ReportJSON.figures(r[1].row("online")) == [50_000, 1, 1, 1, 1, 0, 1000])
        #expect(ReportJSON.figures(r[1].row("offline")) == [0, 0, 0, 1, 1, 1, 0])
        #expect(ReportJSON.figures(r[2].row("budi/*")) == [50_000, 1, 1, 1, 1, 0, 1000])
        #expect(r[3].keys == ["online"])
    }

    @Test func wholeStallSaleCountsUnderItsParticipantsCategory() throws {
        let s = try LoadedStore(scriptText: Self.wholeStallCategory)
        let r = try s.json(["report event pasar category kuliner", "report event pasar category minuman",
                            "report year 2024 category kuliner by buyer", "report year 2024 by category"])
        #expect(counts(r[0]) == [1, 1, 1, 30_000])
        #expect(r[0].total("listings") == 0)
        // teh is minuman: listed, unsold.
        #expect(counts(r[1]) == [1, 1, 1, 0])
        #expect(r[1].total("listings") == 1)
        // category with by buyer: no store error; the sale had no buyer.
        #expect(r[2].keys == ["(null)"])
        #expect(ReportJSON.figures(r[2].row("(null)")) == [30_000, 1, 1, 1, 1, 0, 1000])
        #expect(ReportJSON.figures(r[3].row("kuliner")) == [30_000, 1, 1, 1, 1, 0, 1000])
        #expect(ReportJSON.figures(r[3].row("minuman")) == [0, 0, 0, 1, 1, 1, 0])
    }

    @Test func channelFilterKeepsByChannelToThatChannel() throws {
        // kopi sold both ways: it belongs to both channels, but under `channel offline` only offline is in scope.
        let s = try LoadedStore(scriptText: Self.wholeStallOnline + "\nadd sale budi/kopi 1 channel offline\nadd sale budi/kopi 2 channel online\n")
        let r = try s.json(["report event pasar channel offline by channel", "report event pasar by channel"])
        #expect(r[0].keys == ["offline"])
        #expect(ReportJSON.figures(r[0].row("offline")) == [20_000, 1, 1, 1, 1, 1, 1000])
        #expect(r[1].keys == ["online", "offline"])
        let t = try s.table("report event pasar channel offline by channel")
        #expect(!t.contains("online"))
    }

    static let targets = """
        add participant ani kota "Jakarta Pusat" kecamatan Menteng category kuliner
        add participant budi kota "Jakarta Barat" kecamatan Palmerah category kriya
        add product ani/kue price 10rb
        open event pasar program JP on 2024-03-10 target 1jt
        add stall ani products kue
        add stall budi
        add sale ani/kue 2
        add sale budi amount 80rb channel online
        """

    @Test func targetAndAchievementOnlyForWholeEvents() throws {
        let s = try LoadedStore(scriptText: Self.targets)
        let narrowed = ["report participant ani", "report event pasar kecamatan Menteng", "report event pasar kota \"jakarta pusat\"",
                        "report event pasar category kuliner", "report event pasar channel online"]
        for r in try s.json(narrowed) {
            #expect(r.totals["target"] is NSNull, "\(r.scope)")
            #expect(r.totals["achievement_pct"] is NSNull, "\(r.scope)")
        }
        let whole = try s.json(["report event pasar", "report year 2024 program jp", "report year 2024 mode offline"])
        for r in whole {
            #expect(r.total("target") == 1_000_000)
            #expect(ReportJSON.tenths(r.totals["achievement_pct"]) == 100)
        }
        let t = try s.table("report participant ani")
        #expect(!t.contains("target") && !t.contains("achievement"))
        #expect(try s.table("report event pasar").tableLine(startingWith: "achievement") == "achievement 10.0%")
    }

    @Test func filterValueThatMatchesNothingIsAnError() throws {
        let s = try LoadedStore(scriptText: Self.targets + "\nedit event pasar program BORJU\n")
        let cases: [(String, String, String?)] = [
            ("report year 2024 program BORJO", "no program 'BORJO' in the store", "did you mean 'BORJU'?"),
            ("report year 2024 kecamatan Mentang", "no kecamatan 'Mentang' in the store", "did you mean 'Menteng'?"),
            ("report year 2024 kota \"Jakarta Barta\"", "no kota 'Jakarta Barta' in the store", "did you mean 'Jakarta Barat'?"),
            ("report year 2024 category kulinar", "no category 'kulinar' in the store", "did you mean 'kuliner'?"),
            ("report top products 2024 category otomotif", "no category 'otomotif' in the store", nil),
        ]
        for (command, message, hint) in cases {
            let r = try s.run([command])
            #expect(r.status == 1, "\(command)")
            #expect(r.stdout.isEmpty, "\(command): \(r.stdout)")
            #expect(r.stderr.contains(message), "\(command): \(r.stderr)")
            if let hint { #expect(r.stderr.contains(hint), "\(command): \(r.stderr)") }
        }
        // Enumerated values that no data has give zeros.
        let r = try s.json(["report year 2024 mode hybrid", "report year 2023 channel online", "report year 2024 program borju"])
        #expect(r[0].total("omzet") == 0 && r[0].total("events") == 0)
        #expect(r[1].total("omzet") == 0)
        #expect(r[2].total("omzet") == 100_000)
    }

    @Test func textValuesGroupWithoutCase() throws {
        let s = try LoadedStore(scriptText: """
            add participant a kota "Jakarta Barat" category Kuliner
            add participant b kota "jakarta barat" category kuliner
            add participant c kota "JAKARTA PUSAT" category KULINER
            open event e1 program jbl on 2024-05-03
            add sale a amount 10rb buyer bekasi
            open event e2 program JBL on 2024-05-10
            add sale b amount 20rb buyer Bekasi
            add sale c amount 5rb buyer BEKASI
            """)
        let r = try s.json(["report year 2024 by kota", "report year 2024 by category", "report year 2024 by program",
                            "report year 2024 by buyer", "report year 2024 kota \"JAKARTA BARAT\""])
        // One row per value, keyed by its first spelling in the store (Jakarta's places: by their official spelling).
        #expect(r[0].keys == ["Jakarta Barat", "Jakarta Pusat"])
        #expect(ReportJSON.figures(r[0].row("Jakarta Barat")) == [30_000, 2, 2, 2, 2, 0, 857])
        #expect(r[1].keys == ["Kuliner"])
        #expect(r[2].keys == ["jbl"])
        #expect(ReportJSON.figures(r[2].row("jbl")).prefix(5) == [35_000, 3, 3, 3, 3])
        #expect(r[3].keys == ["bekasi"])
        #expect(r[4].total("omzet") == 30_000)
    }

    @Test func everyEventHasItsRow() throws {
        let s = try LoadedStore(scriptText: """
            add participant a kota Depok
            open event sold program JBL mode online on 2024-05-03
            add sale a amount 10rb
            open event empty program BORJU mode hybrid on 2024-05-10
            """)
        let r = try s.json(["report month 2024-05", "report month 2024-05 by program", "report month 2024-05 by mode",
                            "report month 2024-05 kota Depok", "report year 2024"])
        #expect(r[0].keys == ["sold", "empty"])
        #expect(ReportJSON.figures(r[0].row("empty")) == [0, 0, 0, 0, 0, 0, 0])
        #expect(r[0].total("events") == 2)
        #expect(r[1].keys == ["JBL", "BORJU"])
        #expect(r[2].keys == ["online", "hybrid"])
        // Under a place filter, the events with a stall in scope.
        #expect(r[3].keys == ["sold"])
        #expect(r[3].total("events") == 1)
        #expect(r[4].rows.count == 12)
        #expect(ReportJSON.figures(r[4].row("2024-01")) == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test func rowsNameTheirEventParticipantOrProductInEveryFormat() throws {
        let s = try LoadedStore(scriptText: """
            add participant ani name "Kue Ani"
            add product ani/kue name "Kué Lapis" price 10rb
            open event pasar name "Pasar Minggu" on 2024-03-10
            add sale ani/kue 2
            """)
        let r = try s.json(["report event pasar by event", "report event pasar by participant", "report event pasar by product",
                            "report unsold pasar", "report top products pasar", "report event pasar by kota"])
        #expect(r[0].rows.first?["name"] as? String == "Pasar Minggu")
        #expect(r[1].rows.first?["name"] as? String == "Kue Ani")
        #expect(r[2].rows.first?["name"] as? String == "Kué Lapis")
        #expect(r[3].rows.first?["name"] as? String == "Kué Lapis")
        #expect(r[4].rows.first?["name"] as? String == "Kué Lapis")
        #expect(r[5].rows.first?["name"] == nil)
        let csv = try s.run(["report event pasar by product"], format: "csv").stdout
        #expect(csv.hasPrefix("key,name,omzet,"))
        #expect(csv.contains("ani/kue,Kué Lapis,20000,"))
        let md = try s.run(["report event pasar by participant"], format: "markdown").stdout
        #expect(md.contains("| participant | name | omzet |"))
        #expect(md.contains("| ani | Kue Ani | Rp 20.000 |"))
        let table = try s.table("report event pasar by event")
        #expect(table.tableLine(startingWith: "event ") == "event name omzet units sales participants stalls products share")
        #expect(table.tableLine(startingWith: "pasar ") == "pasar Pasar Minggu Rp 20.000 2 1 1 1 1 100.0%")
    }

    @Test func unsoldAndTopTakeAnEventId() throws {
        let s = try LoadedStore(scriptText: """
            add participant ani
            add product ani/kue price 10rb
            add product ani/teh price 5rb
            open event borju-2020-08 mode online on 2020-08-10
            add stall ani products kue teh
            add sale ani/kue 1
            open event 2021 on 2021-03-01
            add stall ani products teh
            add sale ani/teh 3
            """)
        let r = try s.json(["report unsold borju-2020-08", "report top products borju-2020-08", "report unsold 2021",
                            "report top products 2021", "report unsold event 2021"])
        #expect(r[0].total("unsold") == 1)
        #expect(r[0].rows.map { "\($0["key"]!)@\($0["event"]!)" } == ["ani/teh@borju-2020-08", "ani/kue@borju-2020-08"])
        #expect(r[1].keys == ["ani/kue"])
        #expect(r[1].scope["event"] as? String == "borju-2020-08")
        // A bare word that reads as a period is a period, even with an event of that id.
        #expect(r[2].scope["period"] as? String == "2021")
        #expect(r[3].keys == ["ani/teh"])
        #expect(r[4].scope["event"] as? String == "2021")
        let typo = try s.run(["report unsold borju-2020-80"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean 'borju-2020-08'?"))
    }

    @Test func aStoreErrorInAReportIsTranslated() throws {
        let s = try LoadedStore(scriptText: Self.targets)
        // A store damaged by hand in another tool: the listing table has lost a column.
        let sql = "ALTER TABLE listing RENAME TO listing_old; CREATE TABLE listing (stall_no INTEGER, product_no INTEGER);"
        if TestBackend.isPostgres {
            let db = try PostgresConnection(url: TestBackend.database(forFile: s.dir.store))
            defer { db.close() }
            try db.execute(sql)
        } else {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [s.dir.store, sql]
            try p.run()
            p.waitUntilExit()
            try #require(p.terminationStatus == 0)
        }
        let r = try s.run(["report year 2024 category kuliner by buyer"])
        #expect(r.status == 1)
        if TestBackend.isPostgres {
            // The server's own words stay in its log; the officer is told which server, and the SQLSTATE.
            #expect(r.stderr.contains("failed a statement (SQLSTATE 42703)"), "\(r.stderr)")
            #expect(r.stderr.contains("the server's log says more"), "\(r.stderr)")
            #expect(!r.stderr.contains("does not exist"), "\(r.stderr)")
        } else {
            #expect(r.stderr.contains("the report could not be computed from the store"))
            #expect(!r.stderr.contains("no such column"))
            #expect(!r.stderr.contains("the store failed"))
        }
    }

    /// A report over 24 events or more reads its units and its sales at once on a server, on two connections that
    /// share the report's snapshot (PostgresStoreConnection+TwoQueries.swift); inside a script it reads them on its
    /// one connection (the script's changes are seen by no other). Both give the same report, with the figures the
    /// script wrote (on SQLite both are the one path).
    @Test func aReportOverManyEventsIsTheSameReadAtOnceOrInTurn() throws {
        var script = "add participant ani kota \"Jakarta Barat\"\nadd product ani/teh price 5rb\nadd participant budi\n"
        for d in 1...30 {
            let day = String(format: "2021-%02d-%02d", (d - 1) / 28 + 1, (d - 1) % 28 + 1)
            script += "open event ev-\(d) mode offline on \(day)\nadd sale ani/teh qty \(d)\n"
            if d % 3 == 0 { script += "add sale budi amount \(d)rb\n" }
        }
        let s = try LoadedStore(scriptText: script)
        let commands = ["report year 2021", "report year 2021 by event", "report range 2021-01-01..2021-02-28 by participant"]
        let separately = try s.run(commands, format: "json")
        let inScript = try ReportBazar.run(["--store", s.dir.store, "--format", "json",
                                            try s.dir.write("reports.bazar", commands.joined(separator: "\n") + "\n")])
        #expect(separately.status == 0 && inScript.status == 0, "\(separately.stderr)\(inScript.stderr)")
        #expect(separately.stdout == inScript.stdout)
        let atOnce = try ReportJSON.all(separately.stdout)
        #expect(atOnce.count == 3)
        #expect(atOnce[0].total("events") == 30)
        let teh: Int64 = 5_000 * 465           // qty 1 + 2 + … + 30 at 5rb
        let whole: Int64 = 1_000 * 165         // 3rb + 6rb + … + 30rb
        #expect(atOnce[0].total("omzet") == teh + whole)
        let units: Int64 = 465 + 10              // the qty of the sales of ani/teh, one each of the whole stall
        #expect(atOnce[0].total("units") == units)
        #expect(atOnce[0].total("participants") == 2 && atOnce[0].total("stalls") == 40)
        #expect(atOnce[1].rows.count == 30)
    }
}
