import Foundation
import Testing

/// `report … by D1 by D2` (SPEC section 4): in every format, a cross-tab's cells add up to its row totals, its
/// column totals and the report's omzet; rows are the rows of `by D1`; columns are the D2 values with omzet.
@Suite struct CrossTabTests {
    static let jakpus = Bazar.root.appendingPathComponent("Tests/Seeds/jakpus-hybrid-2021.bazar").path
    static let dimensions = ["month", "day", "event", "program", "mode", "participant", "product", "category", "kota", "kecamatan",
                             "channel", "buyer"]

    /// A cross-tab as JSON.
    struct Grid {
        let json: ReportJSON
        var columns: [String] { json.object["columns"] as? [String] ?? [] }
        var rows: [[String: Any]] { json.rows }
        func cells(_ row: [String: Any]) -> [String: Int64] {
            (row["cells"] as? [String: Any] ?? [:]).compactMapValues { ReportJSON.int($0) }
        }
    }

    /// Every cell adds up: rows to their omzet, columns and rows to the report's omzet; every column has omzet.
    static func expectAddsUp(_ g: Grid, _ what: String, limited: Bool = false) {
        var columnSums = [String: Int64]()
        var total: Int64 = 0
        for row in g.rows {
            let cells = g.cells(row)
            #expect(Set(cells.keys) == Set(g.columns), "\(what): one cell per column")
            #expect(cells.values.reduce(0, +) == ReportJSON.int(row["omzet"]), "\(what): row \(String(describing: row["key"]))")
            for (k, v) in cells { columnSums[k, default: 0] += v }
            total += ReportJSON.int(row["omzet"]) ?? 0
        }
        #expect(columnSums.values.reduce(0, +) == total, "\(what): columns add up to the rows")
        if !limited {
            #expect(total == g.json.total("omzet"), "\(what): the rows add up to the report's omzet")
            for c in g.columns { #expect((columnSums[c] ?? 0) != 0, "\(what): column \(c) has omzet") }
        }
    }

    @Test func everyPairOfDimensionsAddsUp() throws {
        let store = try LoadedStore(script: Self.jakpus)
        var commands: [String] = []
        var pairs: [(String, String)] = []
        for d1 in Self.dimensions {
            commands.append("report event jakpus-2021-09 by \(d1)")
            for d2 in Self.dimensions where d2 != d1 {
                commands.append("report event jakpus-2021-09 by \(d1) by \(d2)")
                pairs.append((d1, d2))
            }
        }
        let all = try store.json(commands)
        var single: [String: ReportJSON] = [:]
        var grids: [(String, String, Grid)] = []
        var i = 0
        for d1 in Self.dimensions {
            single[d1] = all[i]
            i += 1
            for d2 in Self.dimensions where d2 != d1 {
                let g = Grid(json: all[i])
                i += 1
                let what = "by \(d1) by \(d2)"
                Self.expectAddsUp(g, what)
                // The rows are those of `by D1`, in its order, with its omzet.
                #expect(g.rows.map { ($0["key"] as? String) ?? "(null)" } == single[d1]!.keys, "\(what): rows")
                #expect(g.rows.map { ReportJSON.int($0["omzet"]) } == single[d1]!.rows.map { ReportJSON.int($0["omzet"]) }, "\(what)")
                grids.append((d1, d2, g))
                #expect(g.json.scope["by"] as? String == d1 && g.json.scope["across"] as? String == d2)
                if ["event", "participant", "product"].contains(d1) {
                    #expect(g.rows.allSatisfy { $0["name"] != nil }, "\(what): names beside ids")
                }
            }
        }
        // The columns: D2's values with omzet, in time order or by omzet, as the rows of `by D2` that have omzet.
        for (d1, d2, g) in grids {
            let expected = single[d2]!.rows.filter { (ReportJSON.int($0["omzet"]) ?? 0) != 0 }.map { ($0["key"] as? String) ?? "" }
            #expect(g.columns == expected, "by \(d1) by \(d2): columns")
            // Each column adds up to its value's omzet in the report by D2.
            var columnSums: [String: Int64] = [:]
            for row in g.rows { for (k, v) in g.cells(row) { columnSums[k, default: 0] += v } }
            for row in single[d2]!.rows where (ReportJSON.int(row["omzet"]) ?? 0) != 0 {
                let key = (row["key"] as? String) ?? ""
                #expect(columnSums[key] == ReportJSON.int(row["omzet"]), "by \(d1) by \(d2): column \(key)")
            }
            if d2 == "day" || d2 == "month" { #expect(g.columns == g.columns.sorted(), "by \(d1) by \(d2): time order") }
        }
    }

    /// The seed's figures: Jakarta Pusat's hybrid bazaar, kecamatan by day.
    @Test func jakpusKecamatanByDayMatchesTheSeed() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let r = try store.json(["report event jakpus-2021-09 by kecamatan by day", "report event jakpus-2021-09 by kecamatan"])
        let g = Grid(json: r[0])
        Self.expectAddsUp(g, "kecamatan by day")
        #expect(g.columns == ["2021-09-23", "2021-09-24"])
        #expect(g.rows.compactMap { g.cells($0)["2021-09-23"] }.reduce(0, +) == 87_922_000)
        #expect(g.rows.compactMap { g.cells($0)["2021-09-24"] }.reduce(0, +) == 79_551_750)
        #expect(r[0].total("omzet") == 167_473_750)
        #expect(Set(r[0].keys) == ["Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang", "Johar Baru"])
        for row in r[1].rows {
            let key = row["key"] as? String
            #expect(g.rows.first { ($0["key"] as? String) == key }.flatMap { ReportJSON.int($0["omzet"]) } == ReportJSON.int(row["omzet"]))
        }
        // The table: aligned, a total column and a total row.
        let t = try store.table("report event jakpus-2021-09 by kecamatan by day")
        #expect(t.tableLine(startingWith: "kecamatan") == "kecamatan 2021-09-23 2021-09-24 total")
        #expect(t.tableLine(startingWith: "total") == "total Rp 87.922.000 Rp 79.551.750 Rp 167.473.750")
        let lines = t.split(separator: "\n").map(String.init)
        let header = lines.first { $0.hasPrefix("kecamatan") }!
        let total = lines.first { $0.hasPrefix("total") }!
        #expect(header.count == total.count, "the total column is aligned under its heading")
    }

    /// Every report takes a second `by`; `limit` cuts rows, never columns; a missing value is row key null and column "".
    @Test func everyReportAndTheRules() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let commands = [
            "report year 2021 by month by kecamatan", "report month 2021-09 by event by channel",
            "report range 2021-09-23..2021-09-24 by day by category", "report participant kedai-betawi-jp15 by event by day",
            "report top products 2021 by day limit 5", "report event jakpus-2021-09 by participant by day limit 3",
            "report event jakpus-2021-09 by buyer by channel", "report event jakpus-2021-09 by channel by buyer",
            "report event jakpus-2021-09 channel online by kecamatan by channel",
        ]
        let r = try store.json(commands)
        for (i, c) in commands.enumerated() { Self.expectAddsUp(Grid(json: r[i]), c, limited: c.contains("limit")) }
        #expect(Grid(json: r[0]).rows.count == 12, "report year: twelve months")
        #expect(Grid(json: r[4]).rows.count == 5 && Grid(json: r[4]).columns == ["2021-09-23", "2021-09-24"])
        let limited = Grid(json: r[5])
        #expect(limited.rows.count == 3 && limited.columns == ["2021-09-23", "2021-09-24"], "limit cuts rows, never columns")
        let byBuyer = Grid(json: r[6])
        #expect(byBuyer.rows.contains { $0["key"] is NSNull }, "no buyer: row key null")
        #expect(Grid(json: r[7]).columns.contains(""), "no buyer: column key \"\"")
        #expect(Grid(json: r[8]).columns == ["online"], "a channel filter: only that channel")
        // Two `by` of one dimension, and a third `by`, are errors.
        let bad = try store.run(["report event jakpus-2021-09 by day by day"])
        #expect(bad.status == 1 && bad.stderr.contains("second dimension"), "\(bad.stderr)")
        let third = try store.run(["report event jakpus-2021-09 by day by kota by channel"])
        #expect(third.status == 1 && third.stderr.contains("'by' is given twice"), "\(third.stderr)")
    }

    /// CSV, markdown, table, workbook and page carry the same grid, adding up the same way.
    @Test func everyFormatAddsUp() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let command = "report event jakpus-2021-09 by kecamatan by channel"
        let json = Grid(json: try store.json([command])[0])
        let r = try store.run(["\(command) > \(store.dir.path("x.csv"))", "\(command) > \(store.dir.path("x.md"))",
                               "\(command) > \(store.dir.path("x.txt"))", "\(command) > \(store.dir.path("x.html"))",
                               "\(command) > \(store.dir.path("x.xlsx"))"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected: [[Int64]] = json.rows.map { row in json.columns.map { json.cells(row)[$0]! } + [ReportJSON.int(row["omzet"])!] }
        let columnTotals: [Int64] = expected.indices.isEmpty ? [] : (0..<expected[0].count).map { c in expected.map { $0[c] }.reduce(0, +) }

        // CSV: plain integers, the total row last.
        let csv = CSVFields.parse(try String(contentsOfFile: store.dir.path("x.csv"), encoding: .utf8))
        #expect(csv[0] == ["kecamatan"] + json.columns + ["total"])
        #expect(csv.dropFirst().dropLast().map { $0.dropFirst().map { Int64($0)! } } == expected)
        #expect(csv.last.map { Array($0.dropFirst()).map { Int64($0)! } } == columnTotals)
        #expect(csv.last?.first == "total")

        // Markdown and table: money as rupiah, the same figures.
        func rupiah(_ s: Substring) -> Int64? { Int64(s.replacingOccurrences(of: "Rp ", with: "").replacingOccurrences(of: ".", with: "")) }
        for file in ["x.md", "x.txt"] {
            let text = try String(contentsOfFile: store.dir.path(file), encoding: .utf8)
            let lines = text.split(separator: "\n").filter { $0.contains("Rp ") && !$0.hasPrefix("omzet") && !$0.hasPrefix("target") && !$0.contains("#") }
            let figures = lines.map { line in
                line.split(separator: file == "x.md" ? "|" : " ", omittingEmptySubsequences: true)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    .components(separatedBy: "Rp ").dropFirst().compactMap { rupiah(Substring($0.trimmingCharacters(in: .whitespaces))) }
            }.filter { $0.count == json.columns.count + 1 }
            #expect(figures == expected + [columnTotals], "\(file): \(figures)")
        }

        // Workbook: number cells under the column headings.
        if Reader.hasOpenpyxl {
            let wb = try Reader.workbook(store.dir.path("x.xlsx"))
            let h = wb.headerRow()!
            #expect((1...json.columns.count + 2).compactMap { wb.cell(h, $0)?.text } == ["kecamatan"] + json.columns + ["total"])
            let grid = (0..<json.rows.count + 1).map { r in (2...json.columns.count + 2).map { wb.cell(h + 1 + r, $0)?.int ?? -1 } }
            #expect(grid == expected + [columnTotals])
            #expect(wb.cells().allSatisfy { $0.type != "f" })
            #expect(wb.autofilter() == "A\(h):\(Workbook.letters(json.columns.count + 2))\(h + json.rows.count)")
            let values = (wb.charts.first?["values"] as? [String]) ?? []
            let t = Workbook.letters(json.columns.count + 2)
            #expect(values == ["'cross-tab'!$\(t)$\(h + 1):$\(t)$\(h + json.rows.count)"], "the chart draws the total column: \(values)")
        }

        // Page: the table's cells, in rupiah.
        let html = try String(contentsOfFile: store.dir.path("x.html"), encoding: .utf8)
        let rows = html.components(separatedBy: "<tr").dropFirst().map { tr in
            tr.components(separatedBy: "<td").dropFirst().compactMap { td -> Int64? in
                guard let start = td.firstIndex(of: ">"), let end = td.range(of: "</td>") else { return nil }
                return rupiah(td[td.index(after: start)..<end.lowerBound])
            }
        }.filter { $0.count == json.columns.count + 1 }
        #expect(rows == expected + [columnTotals], "html: \(rows)")
    }
}
