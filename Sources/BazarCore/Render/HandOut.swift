/// What a report, cross-tab or list is as a document to hand on: title, scope, totals, a table with a
/// total line, and a chart of omzet per row. The neutral model every file writer (xlsx, html, svg) reads,
/// made from the same report value the terminal renders, so the figures cannot differ.
struct HandOut {
    var title: String
    /// What the report covers, as label and text (`period` → `2020`).
    var scope: [(String, String)]
    /// The totals shown (target and achievement only where the report has them), by their table labels.
    var totals: [(String, Cell)]
    /// `best month: 2020-08 · Rp 18.944.500 …`, where the report names one.
    var bestLine: String?
    var columns: [String]
    var rows: [[Cell]]
    /// The `total` line under the rows (reports and cross-tabs).
    var totalRow: [Cell]?
    /// Built for one row or more (an `.svg` asked for draws even one); the workbook and page draw it from two rows.
    var chart: Chart?

    /// Omzet per row: `valueColumn` holds the figures, `labelColumn` what a bar is called.
    struct Chart {
        var title: String
        var labels: [String]
        var values: [Int64]
        /// Time runs left to right (columns); anything else reads best as horizontal bars.
        var isTime: Bool
        var labelColumn: Int
        var valueColumn: Int
    }

    static let noValue = "(none)"

    /// A report: its rows under the dimension's heading, names beside ids when the rows carry them.
    init(report r: ReportResult) {
        title = r.title
        scope = HandOut.scopeLines(r)
        totals = ReportRenderer.shownTotals(r).map { (ReportRenderer.totalLabels[$0.0] ?? $0.0, $0.1) }
        bestLine = ReportRenderer.bestLine(r)
        columns = ReportRenderer.headers(r)
        rows = r.rows.rows.map { row in
            var row = row
            if case .null? = row.first { row[0] = .text(HandOut.noValue) }
            return row
        }
        totalRow = rows.isEmpty ? nil : ReportRenderer.totalRow(r)
        chart = nil
        let cols = r.rows.columns
        if !rows.isEmpty, let v = cols.firstIndex(of: "omzet") {
            let labelColumn = cols.firstIndex(of: "name") ?? 0
            let labels = rows.map { row -> String in
                var label = HandOut.text(row[labelColumn])
                if label.isEmpty { label = HandOut.text(row[0]) }
                if let e = cols.firstIndex(of: "event") { label += " @" + HandOut.text(row[e]) }
                return label
            }
            let values = rows.map { row -> Int64 in if case .money(let m) = row[v] { return m } else { return 0 } }
            chart = Chart(title: "omzet", labels: labels, values: values, isTime: HandOut.isTime(r), labelColumn: labelColumn, valueColumn: v)
        }
    }

    /// A cross-tab: D1 (and its name) down, D2 across, a total column and a total row.
    init(crossTab x: CrossTab) throws {
        let r = x.report
        title = r.title
        scope = HandOut.scopeLines(r)
        totals = ReportRenderer.shownTotals(r).map { (ReportRenderer.totalLabels[$0.0] ?? $0.0, $0.1) }
        bestLine = nil
        columns = [x.rowDimension] + (x.hasNames ? ["name"] : []) + x.columns.map(CrossTab.columnLabel) + ["total"]
        rows = x.rows.map { row in
            [.text(row.key ?? HandOut.noValue)] + (x.hasNames ? [row.name.map(Cell.text) ?? .text("")] : [])
                + row.cells.map(Cell.money) + [.money(row.omzet)]
        }
        totalRow = rows.isEmpty ? nil : [.text("total")] + (x.hasNames ? [.text("")] : [])
            + (try x.columnTotals()).map(Cell.money) + [.money(try x.grandTotal())]
        chart = nil
        if !x.rows.isEmpty {
            let labels = x.rows.map { row in (row.name?.isEmpty == false ? row.name : row.key) ?? HandOut.noValue }
            chart = Chart(title: "omzet", labels: labels, values: x.rows.map(\.omzet),
                          isTime: x.rowDimension == "month" || x.rowDimension == "day",
                          labelColumn: x.hasNames ? 1 : 0, valueColumn: columns.count - 1)
        }
    }

    /// A list or a `show`: the rows as they are, no totals, no chart.
    init(table t: ResultTable, title: String) {
        self.title = title
        scope = []
        totals = []
        bestLine = nil
        columns = t.columns
        rows = t.rows
        totalRow = nil
        chart = nil
    }

    static func isTime(_ r: ReportResult) -> Bool {
        guard case .text(let d)? = r.scope.first(where: { $0.0 == "by" })?.1 else { return false }
        return d == "month" || d == "day"
    }

    static func scopeLines(_ r: ReportResult) -> [(String, String)] {
        r.scope.map { ($0.0, text($0.1)) }
    }

    /// How a cell reads on a page: money `Rp 18.944.500`, counts `1.875`, nothing for null.
    static func text(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .int(let n): return ReportRenderer.grouped(n)
        default: return Renderer.display(cell)
        }
    }

    /// Whether a column holds numbers (right-aligned on a page).
    func isNumeric(_ column: Int) -> Bool {
        rows.contains { column < $0.count && Renderer.isNumeric($0[column]) }
    }
}
