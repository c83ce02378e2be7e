import CXlsxWriter
#if canImport(Glibc)
import Glibc
#endif

/// Writes a `HandOut` as an Excel workbook through libxlsxwriter (SPEC section 10): title and scope, totals,
/// then the rows under a frozen header row with an autofilter, money as number cells shown `Rp 18.944.500`,
/// columns as wide as their contents, and a native chart of omzet per row (columns for time, bars otherwise).
///
/// libxlsxwriter 1.1.4 writes to a file only: the caller gives a temporary path beside the target and
/// renames it into place once this returns. Text is always written as string cells, never as formulas, so a
/// name like `=1+1` stays text.
enum XlsxWriter {
    /// The largest whole number a spreadsheet (an IEEE double) holds exactly: 2^53.
    static let exactLimit: Int64 = 1 << 53
    /// Excel's last row.
    static let maxRows = 1_048_576

    static let moneyFormat = "\"Rp \"#,##0"
    static let countFormat = "#,##0"
    /// The chart's value axis in rupiah words: `Rp 18,9 jt`, `Rp 3,3 M`, `Rp 250 rb`.
    static let axisFormat = "[>=1000000000]\"Rp \"0.0,,,\" M\";[>=1000000]\"Rp \"0.0,,\" jt\";\"Rp \"#,##0"
    static let percentFormat = "0.0\"%\""

    /// Where the table starts: title, scope, a gap, totals (labels over values), best line, a gap.
    struct Layout {
        var scopeRow = 1
        var totalsRow: Int
        var headerRow: Int
        init(_ doc: HandOut) {
            var r = 1 + (doc.scope.isEmpty ? 0 : 1) + 1
            totalsRow = r
            if !doc.totals.isEmpty { r += 2 }
            if doc.bestLine != nil { r += 1 }
            if !doc.totals.isEmpty || doc.bestLine != nil { r += 1 }
            headerRow = r
        }
    }

    /// Checks what a workbook cannot hold exactly before anything is written.
    static func check(_ doc: HandOut) throws {
        func checkCell(_ c: Cell) throws {
            switch c {
            case .money(let n), .int(let n):
                if n.magnitude > exactLimit.magnitude { throw BazarError(.tooLargeForSpreadsheet(Money.format(n))) }
            default: break
            }
        }
        for row in doc.rows { for c in row { try checkCell(c) } }
        for c in doc.totalRow ?? [] { try checkCell(c) }
        for (_, c) in doc.totals { try checkCell(c) }
        if Layout(doc).headerRow + doc.rows.count + 2 > maxRows {
            throw BazarError(.tooLargeForSpreadsheet("a table of \(ReportRenderer.grouped(Int64(doc.rows.count))) rows"))
        }
    }

    /// Writes the workbook to `path` (a new temporary file). Throws with libxlsxwriter's reason on failure.
    static func write(_ doc: HandOut, sheetName: String, to path: String) throws {
        try check(doc)
        // libxlsxwriter prints its own `[ERROR]` lines on stderr; bazar says what went wrong itself.
        let savedStderr = dup(2)
        let devNull = open("/dev/null", O_WRONLY)
        if savedStderr >= 0 && devNull >= 0 { dup2(devNull, 2) }
        defer {
            if savedStderr >= 0 && devNull >= 0 { dup2(savedStderr, 2) }
            if savedStderr >= 0 { close(savedStderr) }
            if devNull >= 0 { close(devNull) }
        }
        // Rows are written top to bottom, so libxlsxwriter may stream each row out as it is finished (constant
        // memory: a 10,000-row sheet is never held whole, and no shared-string table is sorted).
        var options = lxw_workbook_options()
        options.constant_memory = 1
        guard let wb = workbook_new_opt(path, &options) else {
            throw BazarError(.cannotWriteFile(path: path, reason: "the workbook could not be created"))
        }
        var closed = false
        defer { if !closed { _ = workbook_close(wb) } }
        guard let ws = workbook_add_worksheet(wb, sheetName) else {
            throw BazarError(.cannotWriteFile(path: path, reason: "the sheet could not be added"))
        }
        let formats = Formats(wb)
        let sheet = Sheet(ws: ws, formats: formats)
        let layout = Layout(doc)
        let h = layout.headerRow

        // The sheet's settings first: with rows streamed out, nothing may refer back to a row already written.
        worksheet_freeze_panes(ws, lxw_row_t(h + 1), 0)
        // Printed: as wide as a landscape page, the header repeated on every page.
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9) // A4
        worksheet_fit_to_pages(ws, 1, 0)
        try ok(worksheet_repeat_rows(ws, lxw_row_t(h), lxw_row_t(h)), path)
        if !doc.columns.isEmpty {
            try ok(worksheet_autofilter(ws, lxw_row_t(h), 0, lxw_row_t(h + max(doc.rows.count, 1)), lxw_col_t(doc.columns.count - 1)), path)
        }
        for (i, w) in widths(doc).enumerated() {
            try ok(worksheet_set_column(ws, lxw_col_t(i), lxw_col_t(i), Double(min(w + 2, 60)), nil), path)
        }
        if let chart = doc.chart, chart.values.count > 1 {
            try addChart(chart, wb: wb, ws: ws, sheetName: sheetName, firstRow: h + 1, rows: doc.rows.count,
                         at: (h, doc.columns.count + 1), path: path)
        }

        // Then the cells, row by row: title and scope (long text that runs across the empty cells to its right),
        // totals (labels over values, one per column), the best row, the table and its total line.
        try sheet.string(0, 0, doc.title, formats.title)
        if !doc.scope.isEmpty {
            try sheet.string(layout.scopeRow, 0, doc.scope.map { "\($0.0) \($0.1)" }.joined(separator: " · "), nil)
        }
        for (i, (label, _)) in doc.totals.enumerated() { try sheet.string(layout.totalsRow, i, label, formats.boldRight) }
        for (i, (_, value)) in doc.totals.enumerated() { try sheet.cell(layout.totalsRow + 1, i, value) }
        if let best = doc.bestLine {
            try sheet.string(layout.totalsRow + (doc.totals.isEmpty ? 0 : 2), 0, best, formats.bold)
        }
        for (i, c) in doc.columns.enumerated() { try sheet.string(h, i, c, doc.isNumeric(i) ? formats.headerRight : formats.header) }
        for (r, row) in doc.rows.enumerated() {
            for (i, c) in row.enumerated() { try sheet.cell(h + 1 + r, i, c) }
        }
        if let total = doc.totalRow {
            for (i, c) in total.enumerated() { try sheet.cell(h + 1 + doc.rows.count, i, c, bold: true) }
        }

        closed = true
        errno = 0
        let status = workbook_close(wb)
        let systemError = errno
        if status != LXW_NO_ERROR {
            // A full disk shows as a zip error; the system's reason says it better.
            let reason = systemError != 0 ? String(cString: strerror(systemError)) : String(cString: lxw_strerror(status))
            throw BazarError(.cannotWriteFile(path: path, reason: reason))
        }
    }

    /// A native chart of omzet per row, placed to the right of the table.
    static func addChart(_ chart: HandOut.Chart, wb: UnsafeMutablePointer<lxw_workbook>, ws: UnsafeMutablePointer<lxw_worksheet>,
                         sheetName: String, firstRow: Int, rows: Int, at: (Int, Int), path: String) throws {
        let type = chart.isTime ? LXW_CHART_COLUMN : LXW_CHART_BAR
        guard let c = workbook_add_chart(wb, UInt8(type.rawValue)) else {
            throw BazarError(.cannotWriteFile(path: path, reason: "the chart could not be added"))
        }
        guard let series = chart_add_series(c, nil, nil) else {
            throw BazarError(.cannotWriteFile(path: path, reason: "the chart could not be added"))
        }
        let last = firstRow + rows - 1
        chart_series_set_categories(series, sheetName, lxw_row_t(firstRow), lxw_col_t(chart.labelColumn), lxw_row_t(last), lxw_col_t(chart.labelColumn))
        chart_series_set_values(series, sheetName, lxw_row_t(firstRow), lxw_col_t(chart.valueColumn), lxw_row_t(last), lxw_col_t(chart.valueColumn))
        chart_series_set_name(series, chart.title)
        chart_title_set_name(c, chart.title)
        chart_legend_set_position(c, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        // In a bar chart the value axis is the horizontal one, which libxlsxwriter calls x (as Excel does).
        let valueAxis = chart.isTime ? c.pointee.y_axis : c.pointee.x_axis
        chart_axis_set_num_format(valueAxis, axisFormat)
        chart_axis_set_min(valueAxis, 0)
        if !chart.isTime {
            // Bars read top to bottom in the table's order (Excel draws the first category at the bottom).
            chart_axis_set_reverse(c.pointee.y_axis)
        }
        var options = lxw_chart_options()
        options.x_scale = chart.isTime ? min(3.0, max(1.5, Double(rows) / 12)) : 1.5
        options.y_scale = chart.isTime ? 1.2 : min(40.0, max(1.2, Double(rows) / 14))
        try ok(worksheet_insert_chart_opt(ws, lxw_row_t(at.0), lxw_col_t(at.1), c, &options), path)
    }

    static func ok(_ status: lxw_error, _ path: String) throws {
        if status != LXW_NO_ERROR {
            throw BazarError(.cannotWriteFile(path: path, reason: String(cString: lxw_strerror(status))))
        }
    }

    /// The workbook's cell formats, made once.
    struct Formats {
        let title, bold, boldRight, header, headerRight, money, moneyBold, count, countBold, percent, percentBold: UnsafeMutablePointer<lxw_format>?
        init(_ wb: UnsafeMutablePointer<lxw_workbook>) {
            func make(bold: Bool = false, number: String? = nil, size: Double? = nil, fill: Bool = false,
                      right: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
                let f = workbook_add_format(wb)
                if right { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
                if bold { format_set_bold(f) }
                if let number { format_set_num_format(f, number) }
                if let size { format_set_font_size(f, size) }
                if fill {
                    format_set_bg_color(f, 0xDDE7F0)
                    format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
                }
                return f
            }
            title = make(bold: true, size: 14)
            bold = make(bold: true)
            boldRight = make(bold: true, right: true)
            header = make(bold: true, fill: true)
            headerRight = make(bold: true, fill: true, right: true)
            money = make(number: XlsxWriter.moneyFormat)
            moneyBold = make(bold: true, number: XlsxWriter.moneyFormat)
            count = make(number: XlsxWriter.countFormat)
            countBold = make(bold: true, number: XlsxWriter.countFormat)
            percent = make(number: XlsxWriter.percentFormat)
            percentBold = make(bold: true, number: XlsxWriter.percentFormat)
        }
    }

    /// How wide each column must be: its widest shown text (headings, totals, rows, total line), the title,
    /// scope and best line left out (they run across empty cells).
    static func widths(_ doc: HandOut) -> [Int] {
        var w = Array(repeating: 8, count: max(doc.columns.count, doc.totals.count, 1))
        func fit(_ i: Int, _ text: String) { if i < w.count, text.count > w[i] { w[i] = text.count } }
        for (i, c) in doc.columns.enumerated() { fit(i, c) }
        for (i, (label, value)) in doc.totals.enumerated() {
            fit(i, label)
            fit(i, shown(value))
        }
        for row in doc.rows + (doc.totalRow.map { [$0] } ?? []) {
            for (i, c) in row.enumerated() { fit(i, shown(c)) }
        }
        return w
    }

    /// A cell as a spreadsheet shows it with the formats below.
    static func shown(_ cell: Cell) -> String {
        switch cell {
        case .money(let m): return Money.format(m)
        case .int(let n): return ReportRenderer.grouped(n)
        case .tenths(let t): return Renderer.tenths(t) + "%"
        case .bool: return "FALSE"
        default: return Renderer.display(cell)
        }
    }

    /// Writes cells with the workbook's formats.
    struct Sheet {
        let ws: UnsafeMutablePointer<lxw_worksheet>
        let formats: Formats

        func string(_ r: Int, _ c: Int, _ s: String, _ format: UnsafeMutablePointer<lxw_format>?) throws {
            // Always a string cell: libxlsxwriter never reads `=` in it as a formula.
            let status = worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), s, format)
            if status != LXW_NO_ERROR {
                throw BazarError(.cannotWriteFile(path: "", reason: String(cString: lxw_strerror(status))))
            }
        }

        func number(_ r: Int, _ c: Int, _ n: Double, _ format: UnsafeMutablePointer<lxw_format>?) throws {
            let status = worksheet_write_number(ws, lxw_row_t(r), lxw_col_t(c), n, format)
            if status != LXW_NO_ERROR {
                throw BazarError(.cannotWriteFile(path: "", reason: String(cString: lxw_strerror(status))))
            }
        }

        func cell(_ r: Int, _ c: Int, _ cell: Cell, bold: Bool = false) throws {
            switch cell {
            case .null: return
            case .money(let m):
                // Exact: |m| ≤ 2^53 was checked before writing.
                try number(r, c, Double(m), bold ? formats.moneyBold : formats.money)
            case .int(let n):
                try number(r, c, Double(n), bold ? formats.countBold : formats.count)
            case .tenths(let t):
                try number(r, c, Double(t) / 10, bold ? formats.percentBold : formats.percent)
            case .bool(let b):
                let status = worksheet_write_boolean(ws, lxw_row_t(r), lxw_col_t(c), b ? 1 : 0, bold ? formats.bold : nil)
                if status != LXW_NO_ERROR {
                    throw BazarError(.cannotWriteFile(path: "", reason: String(cString: lxw_strerror(status))))
                }
            case .text, .day, .list:
                try string(r, c, Renderer.display(cell), bold ? formats.bold : nil)
            }
        }
    }
}
