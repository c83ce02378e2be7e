/// Renders a report: totals, rows, the best row, and a bar chart of omzet per row in tables.
/// (Issue 4 fills this in.)
enum ReportRenderer {
    static func render(_ r: ReportResult, as format: OutputFormat) -> String {
        switch format {
        case .json:
            var parts = ["\"report\":" + JSON.string(r.report), "\"scope\":" + JSON.object(r.scope),
                         "\"totals\":" + JSON.object(r.totals),
                         "\"rows\":[" + r.rows.rows.map { JSON.object(r.rows.columns, $0) }.joined(separator: ",") + "]"]
            if let best = r.best { parts.append("\"best\":" + JSON.object(r.rows.columns, best)) }
            return "{" + parts.joined(separator: ",") + "}\n"
        default:
            return TextTable.renderRecord(ResultTable(columns: r.totals.map(\.0), rows: [r.totals.map(\.1)])) + TextTable.render(r.rows)
        }
    }
}
