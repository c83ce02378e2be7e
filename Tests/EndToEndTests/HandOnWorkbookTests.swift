import Foundation
import Testing

/// Workbooks (`> FILE.xlsx`, SPEC section 10) read back by openpyxl: every number cell is the JSON report's
/// figure exactly, the header row is frozen, the autofilter covers the rows, the chart part exists and points
/// at the omzet column, and no cell is a formula.
@Suite(.enabled(if: Reader.hasOpenpyxl, "needs /usr/bin/python3 with openpyxl (Debian python3-openpyxl; scripts/setup-deps installs it)"))
struct HandOnWorkbookTests {
    static let jakpus = Bazar.root.appendingPathComponent("Tests/Seeds/jakpus-hybrid-2021.bazar").path
    static let borju = Bazar.root.appendingPathComponent("Tests/Seeds/borju-2020.bazar").path

    /// The JSON field a workbook heading shows.
    static func field(_ heading: String, first: Bool) -> String {
        if first { return "key" }
        switch heading {
        case "share": return "share_pct"
        case "achievement": return "achievement_pct"
        default: return heading
        }
    }

    /// Compares a cell with a JSON value: numbers exactly, percentages to the tenth, text as text.
    static func expectSame(_ cell: Workbook.CellValue?, _ json: Any?, _ what: String) {
        switch json {
        case let n as NSNumber where field(what, first: false).hasSuffix("_pct"):
            #expect(cell?.type == "n", "\(what): a number cell")
            #expect(cell.flatMap(\.double).map { Int64(($0 * 10).rounded()) } == Int64((n.doubleValue * 10).rounded()), "\(what)")
        case let n as NSNumber:
            #expect(cell?.type == "n", "\(what): a number cell, not \(String(describing: cell))")
            #expect(cell?.int == n.int64Value, "\(what): \(String(describing: cell?.value)) ≠ \(n)")
        case let s as String:
            #expect(cell?.text == s, "\(what)")
        default:
            #expect(cell == nil || cell?.text == "(none)" || cell?.text == "", "\(what): empty for null")
        }
    }

    /// Checks a report's workbook against its JSON; returns the header row.
    @discardableResult
    static func expectMatches(_ wb: Workbook, _ r: ReportJSON, chart: String?) -> Int {
        let cells = wb.cells()
        #expect(!cells.contains { $0.type == "f" }, "no formulas")
        let labels = cells.filter { $0.row < (wb.headerRow() ?? 0) && $0.type == "s" }
        guard let h = wb.headerRow() else {
            Issue.record("no frozen header row")
            return 0
        }
        #expect(wb.freeze() == "A\(h + 1)", "frozen under the header")
        let headings = (1...max(1, cells.filter { $0.row == h }.count)).compactMap { wb.cell(h, $0)?.text }
        let rows = r.rows
        #expect(wb.autofilter() == "A\(h):\(Workbook.letters(headings.count))\(h + max(rows.count, 1))", "autofilter over the rows")
        for (i, row) in rows.enumerated() {
            for (c, heading) in headings.enumerated() {
                let f = field(heading, first: c == 0)
                let value = row[f]
                if f == "key", value is NSNull || value == nil {
                    #expect(wb.cell(h + 1 + i, c + 1)?.text == "(none)")
                    continue
                }
                expectSame(wb.cell(h + 1 + i, c + 1), value, "row \(i) \(heading)")
            }
        }
        // The total line: the report's totals.
        if !rows.isEmpty {
            #expect(wb.cell(h + 1 + rows.count, 1)?.text == "total")
            for (c, heading) in headings.enumerated() where c > 0 {
                if let t = r.totals[heading] as? NSNumber { expectSame(wb.cell(h + 1 + rows.count, c + 1), t, "total \(heading)") }
            }
        }
        // The totals block above: labels over values.
        for (name, value) in r.totals {
            let label = name == "achievement_pct" ? "achievement" : name
            guard let l = labels.first(where: { $0.text == label }) else {
                #expect(value is NSNull, "total \(name) shown")
                continue
            }
            if value is NSNull { continue }
            expectSame(wb.cell(l.row + 1, l.column), value, "total \(name)")
        }
        // The chart: one part, of the omzet column over the rows.
        if let chart {
            #expect(wb.charts.count == 1)
            let omzetColumn = Workbook.letters((headings.firstIndex(of: "omzet") ?? -1) + 1)
            let values = (wb.charts.first?["values"] as? [String]) ?? []
            #expect(values == ["report!$\(omzetColumn)$\(h + 1):$\(omzetColumn)$\(h + rows.count)"], "\(values)")
            #expect(wb.charts.first?["direction"] as? String == chart)
        } else {
            #expect(wb.charts.isEmpty)
        }
        return h
    }

    @Test func jakpusReportsMatchTheirJSON() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let reports = ["report event jakpus-2021-09", "report event jakpus-2021-09 by kecamatan", "report event jakpus-2021-09 by channel",
                       "report event jakpus-2021-09 by category", "report event jakpus-2021-09 by participant limit 25",
                       "report top products 2021 limit 7", "report unsold 2021 limit 3", "report event jakpus-2021-09 kecamatan Gambir by day",
                       "report event jakpus-2021-09 by program"]
        let json = try store.json(reports)
        let r = try store.run(reports.enumerated().map { "\($1) > \(store.dir.path("r\($0).xlsx"))" })
        #expect(r.status == 0, "\(r.stderr)")
        for (i, report) in reports.enumerated() {
            let wb = try Reader.workbook(store.dir.path("r\(i).xlsx"))
            let isTime = report.hasSuffix("jakpus-2021-09") || report.hasSuffix("by day")
            let chart: String? = json[i].rows.count > 1 ? (isTime ? "column" : "bar") : nil
            if report.hasSuffix("by program") { #expect(json[i].rows.count == 1, "one row: no chart") }
            let h = Self.expectMatches(wb, json[i], chart: chart)
            #expect(wb.cell(1, 1)?.text?.hasPrefix(report.split(separator: " ").prefix(2).joined(separator: " ")) == true, "title: \(report)")
            #expect(h > 2)
        }
    }

    @Test func borjuYearNamesTheBestMonthAndHasMoneyFormats() throws {
        let store = try LoadedStore(script: Self.borju)
        let json = try store.json(["report year 2020 program BORJU"])
        let path = store.dir.path("borju.xlsx")
        let r = try store.run(["set format json", "report year 2020 program BORJU > \(path)"])
        #expect(r.status == 0, "\(r.stderr)")
        let wb = try Reader.workbook(path)
        Self.expectMatches(wb, json[0], chart: "column")
        let cells = wb.cells()
        #expect(cells.contains { $0.text?.hasPrefix("best month: 2020-08") == true }, "the best month is named")
        let omzet = cells.first { $0.int == 105_890_050 }
        #expect(omzet?.format == "\"Rp \"#,##0", "money shown as rupiah: \(String(describing: omzet))")
        #expect(cells.contains { $0.int == 18_944_500 && $0.format == "\"Rp \"#,##0" })
        // Columns fitted: the omzet column is wider than the default 8.43.
        let widths = wb.sheets[0]["widths"] as? [String: NSNumber] ?? [:]
        #expect((widths["B"]?.doubleValue ?? 0) > 12, "\(widths)")
    }

    @Test func listsBecomeWorkbooksWithoutFormulas() throws {
        let script = """
            add participant rumus name "=1+1" owner "@SUM(1)" phone "-62" kota "Jakarta Barat"
            add product rumus/calc name "+cmd|'/C calc'!A0" price 10rb
            open event ev-1 on 2021-09-23 mode offline
            add sale rumus/calc qty 2 buyer "@SUM(1)" note "=HYPERLINK(\\"http://x\\")"
            add sale rumus/calc qty 1 buyer "-62 812" channel online

            """
        let store = try LoadedStore(scriptText: script)
        let files = ["list participants", "list products", "list sales", "report event ev-1 by buyer", "report event ev-1 by participant"]
        let r = try store.run(files.enumerated().map { "\($1) > \(store.dir.path("f\($0).xlsx"))" }
                              + files.enumerated().map { "\($1) > \(store.dir.path("f\($0).csv"))" })
        #expect(r.status == 0, "\(r.stderr)")
        var texts: Set<String> = []
        for i in files.indices {
            let wb = try Reader.workbook(store.dir.path("f\(i).xlsx"))
            let cells = wb.cells()
            #expect(!cells.contains { $0.type == "f" }, "\(files[i]): no formula cell")
            texts.formUnion(cells.compactMap(\.text))
            #expect(wb.headerRow() != nil && wb.autofilter() != nil, "\(files[i])")
            let csv = try String(contentsOfFile: store.dir.path("f\(i).csv"), encoding: .utf8)
            for field in CSVFields.parse(csv).joined() {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(field.first.map(String.init) ?? ""), "\(files[i]).csv: \(field)")
            }
        }
        // The names stay as typed, as text.
        #expect(texts.isSuperset(of: ["=1+1", "@SUM(1)", "-62", "+cmd|'/C calc'!A0", "-62 812"]), "\(texts)")
        let sales = try String(contentsOfFile: store.dir.path("f2.csv"), encoding: .utf8)
        #expect(sales.contains("'@SUM(1)") && sales.contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && sales.contains("'-62 812"), "\(sales)")
        // Names beside ids: a sale's participant and product.
        #expect(sales.hasPrefix("id,event,date,participant,participant name,product,product name,qty,amount,"), "\(sales)")
        #expect(sales.contains(",rumus,'=1+1,calc,'+cmd|'/C calc'!A0,2,20000,"), "\(sales)")
        let salesBook = try Reader.workbook(store.dir.path("f2.xlsx"))
        #expect(salesBook.cells().contains { $0.text == "product name" })
        let participants = try String(contentsOfFile: store.dir.path("f0.csv"), encoding: .utf8)
        #expect(participants.contains("'=1+1") && participants.contains(",'-62"), "\(participants)")
    }

    /// 10,000 rows: one per product. Written well under a second.
    @Test func tenThousandRowWorkbook() throws {
        var s = "open event besar on 2021-09-23 mode offline\nadd participant toko name \"Toko Besar\"\n"
        for i in 1...10_000 { s += "add product toko/p\(i) price \(1_000 + i)\n" }
        for i in 1...10_000 { s += "add sale toko/p\(i) qty \(1 + i % 3)\n" }
        let store = try LoadedStore(scriptText: s)
        let json = try store.json(["report event besar by product"])
        #expect(json[0].rows.count == 10_000)
        let path = store.dir.path("besar.xlsx")
        let started = Date()
        let r = try store.run(["report event besar by product > \(path)"])
        let seconds = Date().timeIntervalSince(started)
        #expect(r.status == 0, "\(r.stderr)")
        let wb = try Reader.workbook(path)
        Self.expectMatches(wb, json[0], chart: "bar")
        // The whole run (start, report, workbook) in a debug build; the writer alone is far faster.
        #expect(seconds < 3, "10,000-row workbook took \(seconds) s")
    }
}

/// RFC 4180 fields, for reading back what bazar wrote.
enum CSVFields {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, i = text.startIndex
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if quoted {
                if c == "\"" {
                    let n = text.index(after: i)
                    if n < text.endIndex && text[n] == "\"" { field.append("\""); i = n } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(c)
            }
            i = text.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
