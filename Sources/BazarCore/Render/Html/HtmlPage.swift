/// A report, cross-tab or list as one self-contained HTML page (SPEC section 10): title, scope, totals, the
/// table with its total line, and the chart as inline SVG. Inline CSS, system fonts, no script, nothing
/// fetched, so it opens anywhere and prints on A4 portrait (the table's header repeats on every page).
enum HtmlPage {
    static let style = """
        @page { size: A4 portrait; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #222; margin: 16px; }
        h1 { font-size: 15pt; margin: 0 0 4px 0; }
        .scope { color: #555; margin: 0 0 12px 0; }
        table { border-collapse: collapse; margin: 8px 0 14px 0; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        th { background: #dde7f0; border-bottom: 1px solid #889; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: bold; border-top: 1px solid #889; }
        .totals { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 14px 0; }
        .totals div { display: flex; flex-direction: column; align-items: flex-end; }
        .totals span { color: #555; font-size: 9pt; }
        .totals b { font-size: 11pt; white-space: nowrap; }
        .best { font-weight: bold; margin: 0 0 12px 0; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        svg { max-width: 100%; height: auto; }
        figure { margin: 0; page-break-inside: avoid; }
        @media print { body { margin: 0; } }
        """

    static func escape(_ s: String) -> String { SvgChart.escape(s) }

    static func render(_ doc: HandOut) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(escape(doc.title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(escape(doc.title))</h1>\n"
        if !doc.scope.isEmpty {
            out += "<p class=\"scope\">" + doc.scope.map { "\(escape($0.0)) <b>\(escape($0.1))</b>" }.joined(separator: " · ") + "</p>\n"
        }
        if !doc.totals.isEmpty {
            // Label over value, wrapping to the page's width.
            out += "<div class=\"totals\">" + doc.totals.map { "<div><span>\(escape($0.0))</span><b>\(escape(HandOut.text($0.1)))</b></div>" }.joined() + "</div>\n"
        }
        if let best = doc.bestLine { out += "<p class=\"best\">\(escape(best))</p>\n" }
        if let chart = doc.chart, chart.values.count > 1 {
            out += "<figure>\n" + SvgChart.render(chart, title: doc.title, standalone: false) + "</figure>\n"
        }
        if doc.rows.isEmpty {
            out += "<p>(no rows)</p>\n"
        } else {
            let numeric = doc.columns.indices.map(doc.isNumeric)
            func cls(_ i: Int) -> String { i < numeric.count && numeric[i] ? " class=\"n\"" : "" }
            out += "<table class=\"rows\">\n<thead><tr>" + doc.columns.enumerated().map { "<th\(cls($0))>\(escape($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in doc.rows {
                out += "<tr>" + row.enumerated().map { "<td\(cls($0))>\(escape(HandOut.text($1)))</td>" }.joined() + "</tr>\n"
            }
            if let total = doc.totalRow {
                out += "<tr class=\"total\">" + total.enumerated().map { "<td\(cls($0))>\(escape(HandOut.text($1)))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }
}
