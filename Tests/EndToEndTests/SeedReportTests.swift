import Foundation
import Testing

/// The seed programmes (Tests/Seeds, from the news articles in seeds/) loaded into a store: every figure
/// the articles print comes back from the reports, to the rupiah, in JSON and in the table
/// (SPEC "Acceptance"; the figures and report commands are those of Tests/Seeds/README.md and expected.json).
/// Each test loads its seed once and runs all its reports in two processes (JSON, then table).
@Suite struct SeedReportTests {
    static func seed(_ name: String) -> String { Bazar.root.appendingPathComponent("Tests/Seeds/\(name)").path }

    /// expected.json: the totals each script must produce.
    nonisolated(unsafe) static let expected: [String: Any] = {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: seed("expected.json")))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }()

    /// Checks the report of each scope in expected.json against its totals there.
    func expectScopes(_ script: String, _ store: LoadedStore) throws {
        let scopes = ((SeedReportTests.expected[script] as? [String: Any])?["scopes"] as? [String: Any]) ?? [:]
        #expect(!scopes.isEmpty)
        let names = scopes.keys.sorted()
        let commands = names.map { ((scopes[$0] as! [String: Any])["report"] as! String) }
        let reports = try store.json(commands)
        for (name, r) in zip(names, reports) {
            let want = (scopes[name] as! [String: Any])["totals"] as! [String: Any]
            for (field, value) in want {
                #expect(r.total(field) == ReportJSON.int(value), "\(script) \(name): \(field)")
            }
        }
    }

    @Test func borju2020() throws {
        let store = try LoadedStore(script: SeedReportTests.seed("borju-2020.bazar"))
        try expectScopes("borju-2020.bazar", store)
        let r = try store.json(["report year 2020 program BORJU", "report month 2020-08 program BORJU",
                                "report month Agustus 2020", "report unsold year 2020 program BORJU"])
        // 10 events, Rp 105.890.050, 642 products from 188 businesses.
        #expect(r[0].total("events") == 10)
        #expect(r[0].total("omzet") == 105_890_050)
        #expect(r[0].total("products") == 642)
        #expect(r[0].total("participants") == 188)
        // The best month: August, Rp 18.944.500, every other month lower.
        #expect(r[0].best?["key"] as? String == "2020-08")
        #expect(ReportJSON.int(r[0].best?["omzet"]) == 18_944_500)
        // All twelve months are rows (SPEC 4): January and February, without events, as zeros.
        #expect(r[0].keys == (1...12).map { String(format: "2020-%02d", $0) })
        #expect(ReportJSON.figures(r[0].row("2020-01")).prefix(6) == [0, 0, 0, 0, 0, 0])
        let months = (SeedReportTests.expected["borju-2020.bazar"] as! [String: Any])["months"] as! [String: Any]
        for row in r[0].rows.dropFirst(2) {
            let key = row["key"] as! String
            #expect(ReportJSON.int(row["omzet"]) == ReportJSON.int((months[key] as! [String: Any])["omzet"]), "\(key)")
            if key != "2020-08" { #expect(ReportJSON.int(row["omzet"])! < 18_944_500) }
        }
        // August: Rp 18.944.500, 356 products from 127 businesses (by month number or by name).
        for a in [r[1], r[2]] {
            #expect(a.total("omzet") == 18_944_500)
            #expect(a.total("products") == 356)
            #expect(a.total("participants") == 127)
        }
        #expect(r[3].total("unsold") == 853)

        let t = try store.table("report year 2020 program BORJU")
        #expect(t.tableLine(startingWith: "events") == "events 10")
        #expect(t.tableLine(startingWith: "omzet") == "omzet Rp 105.890.050")
        #expect(t.tableLine(startingWith: "products") == "products 642")
        #expect(t.tableLine(startingWith: "participants") == "participants 188")
        #expect(t.contains("best month: 2020-08 · Rp 18.944.500 (17.9%) · 356 products from 127 participants"))
        #expect(t.tableLine(startingWith: "2020-08")?.hasPrefix("2020-08 Rp 18.944.500 314 219 127 127 356") == true)
        let aug = try store.table("report month Agustus 2020")
        #expect(aug.tableLine(startingWith: "omzet") == "omzet Rp 18.944.500")
        #expect(aug.tableLine(startingWith: "products") == "products 356")
        #expect(aug.tableLine(startingWith: "participants") == "participants 127")
    }

    @Test func jakpusHybrid2021() throws {
        let store = try LoadedStore(script: SeedReportTests.seed("jakpus-hybrid-2021.bazar"))
        try expectScopes("jakpus-hybrid-2021.bazar", store)
        let r = try store.json(["report event jakpus-2021-09", "report event jakpus-2021-09 by kecamatan",
                                "report event jakpus-2021-09 by channel"])
        // Rp 87.922.000 on the 23rd and Rp 79.551.750 on the 24th; 428 businesses.
        #expect(r[0].keys == ["2021-09-23", "2021-09-24"])
        #expect(ReportJSON.int(r[0].row("2021-09-23")?["omzet"]) == 87_922_000)
        #expect(ReportJSON.int(r[0].row("2021-09-24")?["omzet"]) == 79_551_750)
        #expect(r[0].total("participants") == 428)
        // The total is the sum of the two days (the article's Rp 167.437.750 is a typo).
        #expect(r[0].total("omzet") == 167_473_750)
        #expect(r[0].total("target") == 150_000_000)
        #expect(ReportJSON.tenths(r[0].totals["achievement_pct"]) == 1116)
        // From 8 kecamatan.
        #expect(Set(r[1].keys) == ["Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang", "Johar Baru"])
        #expect(r[1].rows.compactMap { ReportJSON.int($0["participants"]) }.reduce(0, +) == 428)
        #expect(ReportJSON.int(r[2].row("offline")?["omzet"]) == 108_694_000)
        #expect(ReportJSON.int(r[2].row("online")?["omzet"]) == 58_779_750)

        let t = try store.table("report event jakpus-2021-09")
        #expect(t.tableLine(startingWith: "2021-09-23")?.hasPrefix("2021-09-23 Rp 87.922.000 ") == true)
        #expect(t.tableLine(startingWith: "2021-09-24")?.hasPrefix("2021-09-24 Rp 79.551.750 ") == true)
        #expect(t.tableLine(startingWith: "participants") == "participants 428")
        #expect(t.tableLine(startingWith: "omzet") == "omzet Rp 167.473.750")
        #expect(t.tableLine(startingWith: "target") == "target Rp 150.000.000")
        #expect(t.tableLine(startingWith: "achievement") == "achievement 111.6%")
        let k = try store.table("report event jakpus-2021-09 by kecamatan")
        let names = ["Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang", "Johar Baru"]
        let rows = k.split(separator: "\n").filter { line in names.contains { line.hasPrefix($0 + " ") } }
        #expect(rows.count == 8 * 2) // each in the table and in the chart
    }

    @Test func jblJaksel2021() throws {
        let store = try LoadedStore(script: SeedReportTests.seed("jbl-jaksel-2021.bazar"))
        try expectScopes("jbl-jaksel-2021.bazar", store)
        let r = try store.json(["report range 2021-11-26..2021-12-05 program JBL",
                                "report range 2021-11-26..2021-12-05 program JBL by event",
                                "report participant wedang-batavia"])
        // 3.484 units for Rp 105 juta over two events.
        #expect(r[0].total("events") == 2)
        #expect(r[0].total("units") == 3484)
        #expect(r[0].total("omzet") == 105_000_000)
        #expect(r[1].keys == ["jbl-jaksel-2021-11-26", "jbl-jaksel-2021-12-05"])
        #expect(ReportJSON.figures(r[1].row("jbl-jaksel-2021-11-26")).prefix(2) == [55_650_000, 1842])
        #expect(ReportJSON.figures(r[1].row("jbl-jaksel-2021-12-05")).prefix(2) == [49_350_000, 1642])
        // Wedang Batavia sells its four drinks at both events.
        #expect(r[2].total("products") == 4)
        #expect(r[2].total("stalls") == 2)
        #expect(r[2].total("listings") == 8)

        let t = try store.table("report range 2021-11-26..2021-12-05 program JBL")
        #expect(t.tableLine(startingWith: "events") == "events 2")
        #expect(t.tableLine(startingWith: "units") == "units 3.484")
        #expect(t.tableLine(startingWith: "omzet") == "omzet Rp 105.000.000")
    }

    @Test func jakbar2023() throws {
        let store = try LoadedStore(script: SeedReportTests.seed("jakbar-2023.bazar"))
        try expectScopes("jakbar-2023.bazar", store)
        let r = try store.json(["report year 2023 mode offline", "report year 2023 mode online program JBL",
                                "report year 2023 by mode"])
        // 130 offline bazaars, 4.100 participations, Rp 3,3 miliar.
        #expect(r[0].total("events") == 130)
        #expect(r[0].total("stalls") == 4100)
        #expect(r[0].total("omzet") == 3_300_000_000)
        // 4 online JBL, 178 participations, Rp 170 juta.
        #expect(r[1].total("events") == 4)
        #expect(r[1].total("stalls") == 178)
        #expect(r[1].total("participants") == 178)
        #expect(r[1].total("omzet") == 170_000_000)
        #expect(r[2].keys == ["offline", "online"])
        #expect(ReportJSON.figures(r[2].row("offline")).prefix(1) == [3_300_000_000])
        #expect(ReportJSON.int(r[2].row("offline")?["stalls"]) == 4100)
        #expect(ReportJSON.int(r[2].row("online")?["stalls"]) == 178)

        let out = try store.run(["report year 2023 mode offline", "report year 2023 mode online program JBL"]).stdout
        let parts = out.components(separatedBy: "report year 2023 · program JBL · mode online")
        try #require(parts.count == 2)
        #expect(parts[0].tableLine(startingWith: "events") == "events 130")
        #expect(parts[0].tableLine(startingWith: "stalls") == "stalls 4.100")
        #expect(parts[0].tableLine(startingWith: "omzet") == "omzet Rp 3.300.000.000")
        #expect(parts[1].tableLine(startingWith: "events") == "events 4")
        #expect(parts[1].tableLine(startingWith: "stalls") == "stalls 178")
        #expect(parts[1].tableLine(startingWith: "omzet") == "omzet Rp 170.000.000")
    }
}
