/// Renders a cross-tab (`report … by D1 by D2`, SPEC section 4) in each text format:
/// - table: title, totals, D1 down and D2 across with a total column and a total row, then a bar chart of
///   each row's total when there is more than one row;
/// - json: `{"report":…,"scope":{…},"totals":{…},"columns":[D2 keys],"rows":[{"key","name"?,"cells":{D2 key: omzet},"omzet"}]}`;
/// - csv: the grid with its total column and total row, text defused like every CSV cell;
/// - markdown: title, totals and the grid as tables.
enum CrossTabRenderer {
    static func render(_ x: CrossTab, as format: OutputFormat) -> String {
        do {
            switch format {
            case .json: return json(x)
            case .csv: return try csv(x)
            case .markdown: return try markdown(x)
            case .table: return try table(x)
            }
        } catch {
            // Column sums that do not fit in Int64: said in place of a wrong figure.
            return (error as? BazarError)?.message ?? "\(error)"
        }
    }

    static func json(_ x: CrossTab) -> String {
        let r = x.report
        let rows = x.rows.map { row -> String in
            var parts = ["\"key\":" + (row.key.map(JSON.string) ?? "null")]
            if x.hasNames { parts.append("\"name\":" + (row.name.map(JSON.string) ?? "null")) }
            parts.append("\"cells\":{" + zip(x.columns, row.cells).map { JSON.string($0) + ":" + String($1) }.joined(separator: ",") + "}")
            parts.append("\"omzet\":" + String(row.omzet))
            return "{" + parts.joined(separator: ",") + "}"
        }
        return "{\"report\":" + JSON.string(r.report) + ",\"scope\":" + JSON.object(r.scope) + ",\"totals\":" + JSON.object(r.totals)
            + ",\"columns\":[" + x.columns.map(JSON.string).joined(separator: ",") + "],\"rows\":[" + rows.joined(separator: ",") + "]}\n"
    }

    /// The grid as text cells: heading, rows, total row.
    static func grid(_ x: CrossTab, money: (Int64) -> String) throws -> (headers: [String], rows: [[String]], total: [String]) {
        let headers = [x.rowDimension] + (x.hasNames ? ["name"] : []) + x.columns.map(CrossTab.columnLabel) + ["total"]
        let rows = x.rows.map { row in
            [row.key ?? "(none)"] + (x.hasNames ? [row.name ?? ""] : []) + row.cells.map(money) + [money(row.omzet)]
        }
        let total = ["total"] + (x.hasNames ? [""] : []) + (try x.columnTotals()).map(money) + [money(try x.grandTotal())]
        return (headers, rows, total)
    }

    static func table(_ x: CrossTab) throws -> String {
        let r = x.report
        var out = r.title.isEmpty ? "" : r.title + "\n\n"
        let totals = ReportRenderer.shownTotals(r)
        let labelWidth = totals.map { (ReportRenderer.totalLabels[$0.0] ?? $0.0).count }.max() ?? 0
        for (name, value) in totals {
            let label = ReportRenderer.totalLabels[name] ?? name
            out += label + String(repeating: " ", count: labelWidth - label.count) + "  " + ReportRenderer.display(value) + "\n"
        }
        out += "\n"
        if x.rows.isEmpty { return out + "(no rows)\n" }
        let g = try grid(x, money: Money.format)
        let textColumns = x.hasNames ? 2 : 1
        let all = [g.headers] + g.rows + [g.total]
        var widths = Array(repeating: 0, count: g.headers.count)
        for row in all { for (i, t) in row.enumerated() { widths[i] = max(widths[i], t.count) } }
        func line(_ values: [String]) -> String {
            var s = values.enumerated().map { i, v in
                let pad = String(repeating: " ", count: widths[i] - v.count)
                return i >= textColumns ? pad + v : v + pad
            }.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        out += line(g.headers) + "\n" + rule
        for row in g.rows { out += line(row) + "\n" }
        out += rule + line(g.total) + "\n"
        if x.rows.count > 1 {
            // The same bar chart as a one-dimension report, of each row's total.
            let rows = x.rows.map { row -> [Cell] in [row.key.map(Cell.text) ?? .null, .money(row.omzet)] }
            let chartReport = ReportResult(report: r.report, scope: [], totals: [], rows: ResultTable(columns: ["key", "omzet"], rows: rows), chart: r.chart)
            out += "\n" + ReportRenderer.chart(chartReport)
        }
        return out
    }

    static func csv(_ x: CrossTab) throws -> String {
        let g = try grid(x, money: { String($0) })
        func line(_ cells: [String], numbersFrom: Int) -> String {
            cells.enumerated().map { i, c in CSV.field(i >= numbersFrom ? c : CSV.defused(c)) }.joined(separator: ",") + "\r\n"
        }
        let textColumns = x.hasNames ? 2 : 1
        var out = line(g.headers, numbersFrom: Int.max)
        for row in g.rows { out += line(row, numbersFrom: textColumns) }
        if !g.rows.isEmpty { out += line(g.total, numbersFrom: textColumns) }
        return out
    }

    static func markdown(_ x: CrossTab) throws -> String {
        let r = x.report
        var out = r.title.isEmpty ? "" : "**" + Markdown.escape(r.title) + "**\n\n"
        let totals = ReportRenderer.shownTotals(r)
        out += "| " + totals.map { Markdown.escape(ReportRenderer.totalLabels[$0.0] ?? $0.0) }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " ---: |", count: totals.count) + "\n"
        out += "| " + totals.map { Markdown.escape(ReportRenderer.display($0.1)) }.joined(separator: " | ") + " |\n\n"
        if x.rows.isEmpty { return out + "(no rows)\n" }
        let g = try grid(x, money: Money.format)
        let textColumns = x.hasNames ? 2 : 1
        out += "| " + g.headers.map(Markdown.escape).joined(separator: " | ") + " |\n"
        out += "|" + g.headers.indices.map { $0 >= textColumns ? " ---: |" : " --- |" }.joined() + "\n"
        for row in g.rows + [g.total] { out += "| " + row.map(Markdown.escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
