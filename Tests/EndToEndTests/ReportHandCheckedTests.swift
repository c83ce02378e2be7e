import Foundation
import Testing

/// A small store whose every figure was worked out by hand (the working is in the comments).
///
/// Three participants, six products, three events:
/// - `pasar-a`: offline, 2024-03-10, target Rp 200.000. Stalls ani (kue, teh), budi (kopi), citra (batik:
///   a listing and a stall that sell nothing). Sales #1 ani/kue 3 × 10.000, #2 ani/teh 2 × 5.000,
///   #3 budi/kopi 1 × 20.000, #4 budi/kopi 2 × 20.000 **void**.
/// - `pasar-b`: hybrid, 2024-03-30 to 2024-04-01 (three days, across two months), target Rp 300.000.
///   Stalls ani (kue, teh), budi (kopi, jus), citra (tas). #5 day 1 ani/kue 5 for 45.000 (discounted),
///   #6 day 2 budi/jus 2 × 15.000 online buyer Bekasi, #7 day 2 citra/tas 1 × 50.000 online buyer Bekasi,
///   #8 day 3 budi/kopi 1 × 20.000. ani/teh does not sell here.
/// - `online-c`: online, 2024-04-05, no target. Stalls citra (batik, tas), budi (no products).
///   #9 citra/batik 1 at 90.000 buyer Surabaya, #10 budi whole stall 60.000 buyer Surabaya,
///   #11 citra/batik 2 × 100.000 **void**. citra/tas does not sell here.
///
/// Counted sales: 30.000 + 10.000 + 20.000 + 45.000 + 30.000 + 50.000 + 20.000 + 90.000 + 60.000 = 355.000,
/// units 3+2+1+5+2+1+1+1+1 = 17, 9 sales. Stalls 3 + 3 + 2 = 8; listings 4 + 5 + 2 = 11; products 6.
@Suite struct ReportHandCheckedTests {
    static let script = """
        add participant ani name "Kue Ani" kota "Jakarta Pusat" kecamatan Gambir category makanan
        add participant budi name "Kopi Budi" kota "Jakarta Pusat" kecamatan Senen category minuman
        add participant citra name "Batik Citra" kota "Jakarta Barat" kecamatan Palmerah category fesyen
        add product ani/kue name "Kué Lapis" price 10000
        add product ani/teh name "Teh Serai" price 5000 category minuman
        add product budi/kopi name "Kopi Tubruk" price 20000
        add product budi/jus name "Jus Sirsak" price 15000
        add product citra/batik name "Kain Batik" price 100000
        add product citra/tas name "Tas Batik" price 50000

        open event pasar-a name "Pasar A" program JP mode offline on 2024-03-10 target 200rb
        add stall ani products kue teh
        add stall budi products kopi
        add stall citra products batik
        add sale ani/kue 3
        add sale ani/teh 2
        add sale budi/kopi 1
        add sale budi/kopi 2
        void sale 4 reason "entered twice"

        open event pasar-b name "Pasar B" program JP mode hybrid from 2024-03-30 to 2024-04-01 target Rp 300.000
        add stall ani products kue teh
        add stall budi products kopi jus
        add stall citra products tas
        day 1
        add sale ani/kue qty 5 amount 45000
        day 2
        add sale budi/jus 2 channel online buyer Bekasi
        add sale citra/tas 1 channel online buyer Bekasi
        day 3
        add sale budi/kopi 1

        open event online-c name "JBL C" program JBL mode online on 2024-04-05
        add stall citra products batik tas
        add stall budi
        add sale citra/batik 1 price 90000 buyer Surabaya
        add sale budi amount 60000 buyer Surabaya
        add sale citra/batik 2 buyer Surabaya
        void sale 11
        """

    let store: LoadedStore
    init() throws { store = try LoadedStore(scriptText: ReportHandCheckedTests.script) }

    /// omzet, units, sales, participants, stalls, products, share (tenths).
    typealias F = [Int64?]

    func expectTotals(_ r: ReportJSON, events: Int64, omzet: Int64, units: Int64, sales: Int64, participants: Int64,
                      stalls: Int64, products: Int64, listings: Int64, target: Int64?, achievementTenths: Int64?,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Array(r.totals.keys).sorted() == ["achievement_pct", "events", "listings", "omzet", "participants", "products", "sales", "stalls", "target", "units"].sorted(),
                sourceLocation: sourceLocation)
        let got = [r.total("events"), r.total("omzet"), r.total("units"), r.total("sales"), r.total("participants"),
                   r.total("stalls"), r.total("products"), r.total("listings"), r.total("target"),
                   ReportJSON.tenths(r.totals["achievement_pct"])]
        let want: [Int64?] = [events, omzet, units, sales, participants, stalls, products, listings, target, achievementTenths]
        #expect(got == want, sourceLocation: sourceLocation)
    }

    func expectRows(_ r: ReportJSON, _ rows: [(String, F)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.keys == rows.map(\.0), sourceLocation: sourceLocation)
        for (key, f) in rows {
            #expect(ReportJSON.figures(r.row(key)) == f, "row \(key)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyDimensionOfTheWholeYear() throws {
        let dims = ["month", "day", "event", "program", "mode", "participant", "product", "category", "kota", "kecamatan", "channel", "buyer"]
        let reports = try store.json(dims.map { "report year 2024 by \($0)" })
        for r in reports {
            // Targets: pasar-a + pasar-b = 500.000 against their omzet 60.000 + 145.000 = 205.000: 41,0 %.
            expectTotals(r, events: 3, omzet: 355_000, units: 17, sales: 9, participants: 3, stalls: 8, products: 6,
                         listings: 11, target: 500_000, achievementTenths: 410)
            // The best month is March (185.000) whatever the rows are grouped by.
            #expect(r.best?["key"] as? String == "2024-03")
            #expect(ReportJSON.figures(r.best) == [185_000, 14, 6, 3, 6, 6, 521])
        }
        let by = Dictionary(uniqueKeysWithValues: zip(dims, reports))
        #expect(by["month"]!.scope["by"] as? String == "month")
        #expect(by["month"]!.scope["period"] as? String == "2024")

        // March: pasar-a and pasar-b ran (3 + 3 stalls, all six products); sales #1 #2 #3 #5 #6 #7.
        // April: pasar-b (its third day) and online-c (3 + 2 stalls; pasar-b's 5 products ∪ batik, tas); #8 #9 #10.
        // report year by month: all twelve months, those without events as zeros.
        let zero: F = [0, 0, 0, 0, 0, 0, 0]
        expectRows(by["month"]!, [("2024-01", zero), ("2024-02", zero),
                                  ("2024-03", [185_000, 14, 6, 3, 6, 6, 521]),
                                  ("2024-04", [170_000, 3, 3, 3, 5, 6, 479])]
                                  + (5...12).map { (String(format: "2024-%02d", $0), zero) })
        // Days in time order, each with the stalls of the event that ran that day; day 2 and 3 of pasar-b count.
        expectRows(by["day"]!, [("2024-03-10", [60_000, 6, 3, 3, 3, 4, 169]),
                                ("2024-03-30", [45_000, 5, 1, 3, 3, 5, 127]),
                                ("2024-03-31", [80_000, 3, 2, 3, 3, 5, 225]),
                                ("2024-04-01", [20_000, 1, 1, 3, 3, 5, 56]),
                                ("2024-04-05", [150_000, 2, 2, 2, 2, 2, 423])])
        // Others by omzet, highest first.
        expectRows(by["event"]!, [("online-c", [150_000, 2, 2, 2, 2, 2, 423]),
                                  ("pasar-b", [145_000, 9, 4, 3, 3, 5, 408]),
                                  ("pasar-a", [60_000, 6, 3, 3, 3, 4, 169])])
        expectRows(by["program"]!, [("JP", [205_000, 15, 7, 3, 6, 6, 577]),
                                    ("JBL", [150_000, 2, 2, 2, 2, 2, 423])])
        expectRows(by["mode"]!, [("online", [150_000, 2, 2, 2, 2, 2, 423]),
                                 ("hybrid", [145_000, 9, 4, 3, 3, 5, 408]),
                                 ("offline", [60_000, 6, 3, 3, 3, 4, 169])])
        // citra: #7 + #9 (the void #11 left out); 3 stalls with batik and tas. budi: #3 #6 #8 #10 (not the void #4).
        expectRows(by["participant"]!, [("citra", [140_000, 2, 2, 1, 3, 2, 394]),
                                        ("budi", [130_000, 5, 4, 1, 3, 2, 366]),
                                        ("ani", [85_000, 10, 3, 1, 2, 2, 239])])
        // A sale for the whole stall is the row PARTICIPANT/*; ani/teh sold at pasar-a only but is listed at both.
        expectRows(by["product"]!, [("citra/batik", [90_000, 1, 1, 1, 2, 1, 254]),
                                    ("ani/kue", [75_000, 8, 2, 1, 2, 1, 211]),
                                    ("budi/*", [60_000, 1, 1, 1, 1, 0, 169]),
                                    ("citra/tas", [50_000, 1, 1, 1, 2, 1, 141]),
                                    ("budi/kopi", [40_000, 2, 2, 1, 2, 1, 113]),
                                    ("budi/jus", [30_000, 2, 1, 1, 1, 1, 85]),
                                    ("ani/teh", [10_000, 2, 1, 1, 2, 1, 28])])
        // teh is minuman (its own category); budi's whole-stall sale takes budi's category, minuman.
        // minuman: #2 #3 #6 #8 #10; stalls (a,ani) (a,budi) (b,ani) (b,budi) (c,budi); teh, kopi, jus.
        // fesyen and minuman tie at 140.000: alphabetical.
        expectRows(by["category"]!, [("fesyen", [140_000, 2, 2, 1, 3, 2, 394]),
                                     ("minuman", [140_000, 7, 5, 2, 5, 3, 394]),
                                     ("makanan", [75_000, 8, 2, 1, 2, 1, 211])])
        expectRows(by["kota"]!, [("Jakarta Pusat", [215_000, 15, 7, 2, 5, 4, 606]),
                                 ("Jakarta Barat", [140_000, 2, 2, 1, 3, 2, 394])])
        expectRows(by["kecamatan"]!, [("Palmerah", [140_000, 2, 2, 1, 3, 2, 394]),
                                      ("Senen", [130_000, 5, 4, 1, 3, 2, 366]),
                                      ("Gambir", [85_000, 10, 3, 1, 2, 2, 239])])
        // online: #6 #7 #9 #10; stalls that sold online (b,budi) (b,citra) (c,citra) (c,budi), and online-c's
        // unsold tas goes with its event's channel. offline: the rest, with pasar-a's unsold batik and pasar-b's teh.
        expectRows(by["channel"]!, [("online", [230_000, 5, 4, 2, 4, 3, 648]),
                                    ("offline", [125_000, 12, 5, 3, 5, 4, 352])])
        // By buyer the stall figures are those that sold to the buyer; offline sales have none.
        expectRows(by["buyer"]!, [("Surabaya", [150_000, 2, 2, 2, 2, 1, 423]),
                                  ("(null)", [125_000, 12, 5, 2, 4, 3, 352]),
                                  ("Bekasi", [80_000, 3, 2, 2, 2, 2, 225])])
    }

    @Test func filtersNarrowTheScope() throws {
        let r = try store.json([
            "report year 2024 kota \"Jakarta Barat\"",
            "report month 2024-04",
            "report event pasar-b",
            "report year 2024 channel online",
            "report year 2024 category minuman",
            "report year 2024 program JP",
            "report participant budi",
            "report range 2024-03-31..2024-03-31 event pasar-b",
            "report year 2024 mode online",
            "report year 2024 kecamatan gambir",
        ])
        // citra's 3 stalls, so 3 events; a place filter narrows the scope: no target or achievement (SPEC 4).
        expectTotals(r[0], events: 3, omzet: 140_000, units: 2, sales: 2, participants: 1, stalls: 3, products: 2,
                     listings: 4, target: nil, achievementTenths: nil)
        // April: pasar-b overlaps it (its stalls count in full), online-c; sales #8 #9 #10.
        // Target: pasar-b only, 20.000 of 300.000 so far in April.
        expectTotals(r[1], events: 2, omzet: 170_000, units: 3, sales: 3, participants: 3, stalls: 5, products: 6,
                     listings: 7, target: 300_000, achievementTenths: 67)
        expectRows(r[1], [("online-c", [150_000, 2, 2, 2, 2, 2, 882]), ("pasar-b", [20_000, 1, 1, 3, 3, 5, 118])])
        // The event by day: the second and third day count.
        expectTotals(r[2], events: 1, omzet: 145_000, units: 9, sales: 4, participants: 3, stalls: 3, products: 5,
                     listings: 5, target: 300_000, achievementTenths: 483)
        expectRows(r[2], [("2024-03-30", [45_000, 5, 1, 3, 3, 5, 310]),
                          ("2024-03-31", [80_000, 3, 2, 3, 3, 5, 552]),
                          ("2024-04-01", [20_000, 1, 1, 3, 3, 5, 138])])
        #expect(r[2].scope["event"] as? String == "pasar-b")
        #expect(r[2].scope["from"] as? String == "2024-03-30")
        #expect(r[2].best == nil && r[2].object["best"] == nil)
        // Online: the stalls and listings of the online channel (see by channel); events pasar-b and online-c;
        // a channel filter narrows the scope: no target.
        expectTotals(r[3], events: 2, omzet: 230_000, units: 5, sales: 4, participants: 2, stalls: 4, products: 3,
                     listings: 4, target: nil, achievementTenths: nil)
        // minuman: listings (a,ani/teh) (a,budi/kopi) (b,ani/teh) (b,budi/kopi) (b,budi/jus); budi's product-less stall
        // at online-c counts as a stall (its whole-stall sale is budi's category); no target under a category.
        expectTotals(r[4], events: 3, omzet: 140_000, units: 7, sales: 5, participants: 2, stalls: 5, products: 3,
                     listings: 5, target: nil, achievementTenths: nil)
        expectTotals(r[5], events: 2, omzet: 205_000, units: 15, sales: 7, participants: 3, stalls: 6, products: 6,
                     listings: 9, target: 500_000, achievementTenths: 410)
        // budi took part in all three; a business's share of a target is not its achievement: none.
        expectTotals(r[6], events: 3, omzet: 130_000, units: 5, sales: 4, participants: 1, stalls: 3, products: 2,
                     listings: 3, target: nil, achievementTenths: nil)
        expectRows(r[6], [("online-c", [60_000, 1, 1, 1, 1, 0, 462]),
                          ("pasar-b", [50_000, 3, 2, 1, 1, 2, 385]),
                          ("pasar-a", [20_000, 1, 1, 1, 1, 1, 154])])
        // One day of a multi-day event: its sales of that day, its stalls in full.
        expectTotals(r[7], events: 1, omzet: 80_000, units: 3, sales: 2, participants: 3, stalls: 3, products: 5,
                     listings: 5, target: 300_000, achievementTenths: 267)
        expectTotals(r[8], events: 1, omzet: 150_000, units: 2, sales: 2, participants: 2, stalls: 2, products: 2,
                     listings: 2, target: nil, achievementTenths: nil)
        // Place filters compare case-insensitively.
        expectTotals(r[9], events: 2, omzet: 85_000, units: 10, sales: 3, participants: 1, stalls: 2, products: 2,
                     listings: 4, target: nil, achievementTenths: nil)
    }

    @Test func unsoldAndTop() throws {
        let r = try store.json([
            "report unsold year 2024",
            "report top products 2024 limit 3",
            "report top categories 2024",
            "report top participants year 2024 limit 1",
            "report unsold 2024 limit 2",
            "report top products 2024 kecamatan Senen",
            "report participant budi by product",
            "report year 2024 by event limit 1",
            "report top categories 2024 channel online",
        ])
        // Unsold listings: pasar-a citra/batik (stall sold nothing), pasar-b ani/teh, online-c citra/tas.
        // Then the 8 selling listings, lowest first (void sales left out).
        #expect(r[0].total("unsold") == 3)
        #expect(r[0].total("listings") == 11)
        let listing = r[0].rows.map { "\($0["key"] as! String)@\($0["event"] as! String)=\(ReportJSON.int($0["omzet"])!)" }
        #expect(listing == ["ani/teh@pasar-b=0", "citra/batik@pasar-a=0", "citra/tas@online-c=0",
                            "ani/teh@pasar-a=10000", "budi/kopi@pasar-a=20000", "budi/kopi@pasar-b=20000",
                            "ani/kue@pasar-a=30000", "budi/jus@pasar-b=30000", "ani/kue@pasar-b=45000",
                            "citra/tas@pasar-b=50000", "citra/batik@online-c=90000"])
        // Top products leave out the whole-stall sale (not a product).
        #expect(r[1].keys == ["citra/batik", "ani/kue", "citra/tas"])
        #expect(r[1].total("omzet") == 355_000)
        #expect(r[2].keys == ["fesyen", "minuman", "makanan"])
        #expect(r[3].keys == ["citra"])
        #expect(r[4].rows.count == 5)
        // budi's products: kopi 20.000 + 20.000 (void #4 left out), jus 30.000; the whole-stall sale is not a product.
        #expect(r[5].keys == ["budi/kopi", "budi/jus"])
        #expect(ReportJSON.figures(r[5].row("budi/kopi")) == [40_000, 2, 2, 1, 2, 1, 308])
        #expect(r[5].total("omzet") == 130_000)
        expectRows(r[6], [("budi/*", [60_000, 1, 1, 1, 1, 0, 462]),
                          ("budi/kopi", [40_000, 2, 2, 1, 2, 1, 308]),
                          ("budi/jus", [30_000, 2, 1, 1, 1, 1, 231])])
        // A limit shortens the rows, not the totals, and the best month is still March.
        #expect(r[7].keys == ["online-c"])
        #expect(r[7].total("omzet") == 355_000)
        #expect(r[7].best?["key"] as? String == "2024-03")
        // Online: fesyen #7 #9 = 140.000; minuman #6 #10 = 90.000.
        #expect(r[8].keys == ["fesyen", "minuman"])
        #expect(ReportJSON.figures(r[8].row("minuman")).prefix(3) == [90_000, 3, 2])
    }

    @Test func tableShowsTheSameFigures() throws {
        let t = try store.table("report year 2024 by month")
        #expect(t.contains("report year 2024 · by month"))
        #expect(t.tableLine(startingWith: "omzet") == "omzet Rp 355.000")
        #expect(t.tableLine(startingWith: "target") == "target Rp 500.000")
        #expect(t.tableLine(startingWith: "achievement") == "achievement 41.0%")
        #expect(t.tableLine(startingWith: "2024-03 ") == "2024-03 Rp 185.000 14 6 3 6 6 52.1%")
        #expect(t.tableLine(startingWith: "2024-04 ") == "2024-04 Rp 170.000 3 3 3 5 6 47.9%")
        #expect(t.tableLine(startingWith: "total") == "total Rp 355.000 17 9 3 8 6 100.0%")
        #expect(t.contains("best month: 2024-03 · Rp 185.000 (52.1%) · 6 products from 3 participants"))
        // Not a terminal: the chart is drawn with '#', the longer bar for the larger omzet.
        let bars = t.split(separator: "\n").filter { $0.contains("#") }
        #expect(bars.count == 2)
        #expect(bars[0].filter { $0 == "#" }.count > bars[1].filter { $0 == "#" }.count)
        #expect(!t.contains("█"))

        // No target in scope: no target lines; one row: no chart.
        let one = try store.table("report event online-c")
        #expect(!one.contains("target"))
        #expect(!one.contains("#"))
        #expect(one.tableLine(startingWith: "2024-04-05") == "2024-04-05 Rp 150.000 2 2 2 2 2 100.0%")
    }

    @Test func csvAndMarkdown() throws {
        let csv = try store.run(["report event pasar-b"], format: "csv").stdout
        #expect(csv == "key,omzet,units,sales,participants,stalls,products,share_pct\r\n"
                + "2024-03-30,45000,5,1,3,3,5,31.0\r\n2024-03-31,80000,3,2,3,3,5,55.2\r\n2024-04-01,20000,1,1,3,3,5,13.8\r\n"
                + "total,145000,9,4,3,3,5,100.0\r\n")
        let md = try store.run(["report event pasar-b"], format: "markdown").stdout
        #expect(md.contains("| 2024-03-31 | Rp 80.000 | 3 | 2 | 3 | 3 | 5 | 55.2% |"))
        #expect(md.contains("| Rp 300.000 | 48.3% |"))
    }

    @Test func jsonShapeIsExact() throws {
        let r = try store.run(["report year 2024 program JBL"], format: "json")
        let april = #"{"key":"2024-04","omzet":150000,"units":2,"sales":2,"participants":2,"stalls":2,"products":2,"share_pct":100.0}"#
        let months = (1...12).map { m in
            m == 4 ? april : #"{"key":"2024-\#(m < 10 ? "0" : "")\#(m)","omzet":0,"units":0,"sales":0,"participants":0,"stalls":0,"products":0,"share_pct":0.0}"#
        }.joined(separator: ",")
        #expect(r.stdout == """
            {"report":"year","scope":{"period":"2024","from":"2024-01-01","to":"2024-12-31","program":"JBL","by":"month"},\
            "totals":{"events":1,"omzet":150000,"units":2,"sales":2,"participants":2,"stalls":2,"products":2,"listings":2,"target":null,"achievement_pct":null},\
            "rows":[\(months)],\
            "best":{"key":"2024-04","omzet":150000,"units":2,"sales":2,"participants":2,"stalls":2,"products":2,"share_pct":100.0}}

            """)
    }

    @Test func reportErrorsSayWhatToDo() throws {
        let cases: [(String, String)] = [
            ("report", "incomplete command"),
            ("report weekly", "'weekly' is not a valid report"),
            ("report year 2024 by colour", "'colour' is not a valid dimension"),
            ("report year 2024 program", "expected a value after 'program'"),
            ("report year 2024 channel pos", "'pos' is not a valid channel"),
            ("report event pasar-z", "unknown event 'pasar-z'"),
            ("report participant budy", "unknown participant 'budy'"),
            ("report year 2024 program JP program JBL", "'program' is given twice"),
            ("report year 2024 colour red", "unexpected 'colour'"),
            ("report month 2024-13", "'2024-13' is not a month"),
            ("report top 2024", "'2024' is not a valid ranking"),
            ("report event", "no event is open"),
            ("report top products limit 0", "expected a number of rows, 1 or more, found '0'"),
        ]
        for (command, message) in cases {
            let r = try store.run([command])
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains(message), "\(command): \(r.stderr)")
        }
        let hint = try store.run(["report event pasar-z"])
        #expect(hint.stderr.contains("did you mean 'pasar-a'?") || hint.stderr.contains("did you mean 'pasar-b'?"))
    }

    @Test func sumsThatDoNotFitAreAnErrorNotAWrap() throws {
        let s = try LoadedStore(scriptText: """
            add participant kaya
            add product kaya/emas price 1
            open event mahal on 2024-01-01
            add stall kaya products emas
            add sale kaya/emas amount 9.223.372.036.854.775.807
            add sale kaya/emas amount 1
            """)
        let r = try s.run(["report year 2024"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("too large to count"))
        #expect(!r.stdout.contains("-9"))
    }
}
