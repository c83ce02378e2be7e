/// Renders a report (SPEC section 4) in each format:
/// - table: title, totals, rows in aligned columns with a totals line, the best row, and a bar chart
///   of omzet per row when there is more than one row (style and width from `ReportResult.chart`,
///   decided by the program: this renderer never looks at the terminal);
/// - json: exactly `{"report":…,"scope":{…},"totals":{…},"rows":[…]}` plus `"best"` where named;
///   money as integer rupiah, percentages as numbers with one decimal;
/// - csv: the rows and a `total` line, numbers plain;
/// - markdown: title, totals and rows as tables.
enum ReportRenderer {
    static func render(_ r: ReportResult, as format: OutputFormat) -> String {
        switch format {
        case .json: return json(r)
        case .csv: return csv(r)
        case .markdown: return markdown(r)
        case .table: return table(r)
        }
    }

    // MARK: JSON

    static func json(_ r: ReportResult) -> String {
        var parts = ["\"report\":" + JSON.string(r.report), "\"scope\":" + JSON.object(r.scope),
                     "\"totals\":" + JSON.object(r.totals),
                     "\"rows\":[" + r.rows.rows.map { JSON.object(r.rows.columns, $0) }.joined(separator: ",") + "]"]
        if r.namesBest { parts.append("\"best\":" + (r.best.map { JSON.object(r.rows.columns, $0) } ?? "null")) }
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    // MARK: shared

    /// `1.875`: counts grouped like money, as the articles write them.
    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func display(_ cell: Cell) -> String {
        switch cell {
        case .int(let n): return grouped(n)
        case .null: return "—"
        default: return Renderer.display(cell)
        }
    }

    static func keyText(_ cell: Cell) -> String {
        if case .null = cell { return Phrase.none.say() }
        return Renderer.display(cell)
    }


    /// A total's label by its JSON name (`achievement_pct` → `achievement`, `capaian` in Indonesian).
    static var totalLabels: [String: String] { Language.current == .id ? ReportWords.indonesian : ReportWords.english }

    /// The totals to show in a table: a target only where there is one.
    static func shownTotals(_ r: ReportResult) -> [(String, Cell)] {
        r.totals.filter { pair in
            if case .null = pair.1, pair.0 == "target" || pair.0 == "achievement_pct" { return false }
            return true
        }
    }

    /// The column headers: the dimension's name for `key`, `share` for `share_pct`.
    static func headers(_ r: ReportResult) -> [String] {
        let by: String = {
            if r.report == "unsold" { return "product" }
            if case .text(let d)? = r.scope.first(where: { $0.0 == "by" })?.1 { return d }
            return "key"
        }()
        return r.rows.columns.map { c in ReportWords.label(c == "key" ? by : c) }
    }

    /// The `total` line under the rows, from the totals.
    static func totalRow(_ r: ReportResult) -> [Cell] {
        r.rows.columns.map { c in
            switch c {
            case "key": return .text(Phrase.total.say())
            case "event": return .text("")
            case "share_pct":
                if case .money(let m)? = r.total("omzet"), m > 0 { return .tenths(1000) }
                return .text("")
            default: return r.total(c) ?? .text("")
            }
        }
    }

    static func bestLine(_ r: ReportResult) -> String? {
        guard r.namesBest else { return nil }
        let bestLabel = r.bestLabel == "best month" ? Phrase.bestMonth.say() : r.bestLabel == "best" ? Phrase.best.say() : r.bestLabel
        guard let best = r.best else { return "\(bestLabel): \(Phrase.bestNone.say())" }
        func cell(_ name: String) -> Cell? { r.rows.columns.firstIndex(of: name).map { best[$0] } }
        var key = keyText(best[0])
        if r.bestLabel == "best month" { key = ReportWords.month(key) }
        var s = "\(bestLabel): \(key)"
        if let o = cell("omzet") { s += " · " + display(o) }
        if let p = cell("share_pct"), case .tenths = p { s += " (\(display(p)))" }
        if let pr = cell("products"), let pa = cell("participants") {
            s += " · " + Phrase.bestProducts.say(["products": display(pr), "participants": display(pa)])
        }
        return s
    }

    // MARK: table

    static func table(_ r: ReportResult) -> String {
        let r = ReportWords.forReading(r)
        let title = ReportWords.title(r.title)
        var out = title.isEmpty ? "" : title + "\n\n"
        let totals = shownTotals(r)
        let labelWidth = totals.map { DisplayWidth.of(ReportWords.label($0.0)) }.max() ?? 0
        for (name, value) in totals {
            let label = ReportWords.label(name)
            out += DisplayWidth.padded(label, to: labelWidth) + "  " + display(value) + "\n"
        }
        out += "\n"
        if r.rows.rows.isEmpty {
            out += Phrase.noRows.say() + "\n"
        } else {
            out += aligned(headers: headers(r), rows: r.rows.rows, total: totalRow(r))
        }
        if let b = bestLine(r) { out += "\n" + b + "\n" }
        if r.rows.rows.count > 1 { out += "\n" + chart(r) }
        return out
    }

    /// Columns padded to their widest cell; numbers right-aligned; a rule under the header and above the total.
    static func aligned(headers: [String], rows: [[Cell]], total: [Cell]) -> String {
        let all = rows + [total]
        let texts = all.map { row in row.enumerated().map { i, c in i == 0 ? keyText(c) : display(c) } }
        var widths = headers.map(DisplayWidth.of)
        for row in texts { for (i, t) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(t)) } }
        let numeric = headers.indices.map { i in rows.contains { i < $0.count && Renderer.isNumeric($0[i]) } }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (i, v) in values.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(v)))
                parts.append(numeric[i] ? pad + v : (i == values.count - 1 ? v : v + pad))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        var out = line(headers) + "\n" + rule
        for row in texts.dropLast() { out += line(row) + "\n" }
        out += rule + line(texts.last!) + "\n"
        return out
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar of omzet per row, scaled to the largest, fitted to the chart's width.
    static func chart(_ r: ReportResult) -> String {
        guard let omzetIndex = r.rows.columns.firstIndex(of: "omzet") else { return "" }
        let items: [(String, Int64)] = r.rows.rows.map { row in
            var label = keyText(row[0])
            if let e = r.rows.columns.firstIndex(of: "event") { label += " @" + keyText(row[e]) }
            if label.count > 32 { label = String(label.prefix(31)) + "…" }
            if case .money(let m) = row[omzetIndex] { return (label, m) }
            return (label, 0)
        }
        let labelWidth = items.map { DisplayWidth.of($0.0) }.max() ?? 0
        let values = items.map { Money.format($0.1) }
        let valueWidth = values.map(\.count).max() ?? 0
        let barWidth = max(10, r.chart.width - labelWidth - valueWidth - 4)
        let maxValue = items.map(\.1).max() ?? 0
        var out = ""
        for (i, (label, value)) in items.enumerated() {
            var bar = ""
            var length = 0
            if maxValue > 0 && value > 0 {
                let units = r.chart.unicode ? barWidth * 8 : barWidth
                // value * units / maxValue without overflow, rounded to nearest.
                let wide = value.multipliedFullWidth(by: Int64(units))
                let (q, rem) = maxValue.dividingFullWidth(wide)
                var n = Int(q) + (rem >= maxValue - rem ? 1 : 0)
                if n == 0 { n = 1 }
                if r.chart.unicode {
                    bar = String(repeating: "█", count: n / 8) + eighths[n % 8]
                    length = n / 8 + (n % 8 > 0 ? 1 : 0)
                } else {
                    bar = String(repeating: "#", count: n)
                    length = n
                }
            }
            out += DisplayWidth.padded(label, to: labelWidth) + "  " + bar
                + String(repeating: " ", count: max(0, barWidth - length)) + "  "
                + String(repeating: " ", count: valueWidth - values[i].count) + values[i] + "\n"
        }
        return out
    }

    // MARK: csv and markdown

    static func csv(_ r: ReportResult) -> String {
        var t = r.rows
        if !t.rows.isEmpty { t.rows.append(totalRow(r)) }
        return CSV.render(t)
    }

    static func markdown(_ r: ReportResult) -> String {
        let r = ReportWords.forReading(r)
        let title = ReportWords.title(r.title)
        var out = title.isEmpty ? "" : "**" + Markdown.escape(title) + "**\n\n"
        let totals = shownTotals(r)
        out += "| " + totals.map { Markdown.escape(ReportWords.label($0.0)) }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " ---: |", count: totals.count) + "\n"
        out += "| " + totals.map { Markdown.escape(display($0.1)) }.joined(separator: " | ") + " |\n\n"
        if r.rows.rows.isEmpty {
            out += Phrase.noRows.say() + "\n"
        } else {
            let cols = headers(r)
            let numeric = cols.indices.map { i in r.rows.rows.contains { i < $0.count && Renderer.isNumeric($0[i]) } }
            out += "| " + cols.map(Markdown.escape).joined(separator: " | ") + " |\n"
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in r.rows.rows + [totalRow(r)] {
                out += "| " + row.enumerated().map { i, c in Markdown.escape(i == 0 ? keyText(c) : display(c)) }.joined(separator: " | ") + " |\n"
            }
        }
        if let b = bestLine(r) { out += "\n" + Markdown.escape(b) + "\n" }
        return out
    }
}
