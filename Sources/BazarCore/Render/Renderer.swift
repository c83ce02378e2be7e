import Foundation

/// The one entry point from an outcome to text, in the chosen format.
public enum Renderer {
    public static func render(_ outcome: Outcome, as format: OutputFormat) -> String {
        switch outcome {
        case .nothing, .quit: return ""
        case .confirmation(let s), .message(let s): return s + "\n"
        case .text(let s): return s.hasSuffix("\n") || s.isEmpty ? s : s + "\n"
        case .table(let t):
            let read = ReportWords.forReading(t)
            switch format {
            case .table: return TextTable.render(read)
            case .csv: return CSV.render(t)
            case .json: return JSON.array(t)
            case .markdown: return Markdown.render(read)
            }
        case .record(let t):
            switch format {
            case .table: return TextTable.renderRecord(t)
            case .csv: return CSV.render(t)
            case .json: return (t.rows.first.map { JSON.object(t.columns, $0) } ?? "null") + "\n"
            case .markdown: return Markdown.render(t)
            }
        case .report(let r):
            return ReportRenderer.render(r, as: format)
        case .crossTab(let x):
            return CrossTabRenderer.render(x, as: format)
        }
    }

    /// How a cell reads in a table or markdown.
    static func display(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .text(let s): return s
        case .int(let n): return String(n)
        case .money(let m): return Money.format(m)
        case .day(let d): return d
        case .bool(let b): return (b ? Phrase.yes : Phrase.no).say()
        case .list(let l): return l.joined(separator: " ")
        case .tenths(let t): return Renderer.tenths(t, comma: Language.current == .id) + "%"
        }
    }

    /// `123.4` from 1234 tenths, without floating point.
    static func tenths(_ t: Int64, comma: Bool = false) -> String {
        let sign = t < 0 ? "-" : ""
        let m = t.magnitude
        // (Indonesian writes a decimal comma: 17,9%. CSV and JSON keep the point.)
        return "\(sign)\(m / 10)\(comma ? "," : ".")\(m % 10)"
    }

    /// How a cell reads in CSV: money and numbers as plain integers, for spreadsheets.
    static func plain(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .text(let s), .day(let s): return s
        case .int(let n), .money(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return l.joined(separator: " ")
        case .tenths(let t): return Renderer.tenths(t)
        }
    }

    static func isNumeric(_ cell: Cell) -> Bool {
        switch cell {
        case .int, .money, .tenths: return true
        default: return false
        }
    }
}

/// Aligned columns for the terminal.
enum TextTable {
    /// Terminal columns, not characters: an emoji or a CJK character takes two.
    static func width(_ s: String) -> Int { DisplayWidth.of(s) }

    static func render(_ t: ResultTable) -> String {
        if t.rows.isEmpty { return "(none)\n" }
        let cells = t.rows.map { $0.map(Renderer.display) }
        var widths = t.columns.map(width)
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(c)) }
        }
        // Right-align columns whose values are numbers.
        let numeric = t.columns.indices.map { i in t.rows.contains { i < $0.count && Renderer.isNumeric($0[i]) } }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (i, v) in values.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - width(v)))
                parts.append(numeric[i] ? pad + v : (i == values.count - 1 ? v : v + pad))
            }
            // (No spaces at the end of a line whose last cells are empty.)
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(t.columns) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }

    /// One thing as `name  value` lines.
    static func renderRecord(_ t: ResultTable) -> String {
        guard let row = t.rows.first else { return "(none)\n" }
        let w = t.columns.map(width).max() ?? 0
        var out = ""
        for (i, name) in t.columns.enumerated() {
            let value = Renderer.display(row[i])
            out += name + (value.isEmpty ? "" : String(repeating: " ", count: w - width(name)) + "  " + value) + "\n"
        }
        return out
    }
}

/// RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled.
enum CSV {
    static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func render(_ t: ResultTable) -> String {
        var out = t.columns.map(field).joined(separator: ",") + "\r\n"
        for row in t.rows { out += row.map(cell).joined(separator: ",") + "\r\n" }
        return out
    }

    /// One cell: text that a spreadsheet would run as a formula is defused (SPEC section 10).
    static func cell(_ c: Cell) -> String {
        switch c {
        case .text, .day, .list: return field(defused(Renderer.plain(c)))
        default: return field(Renderer.plain(c))
        }
    }

    /// Text starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so no spreadsheet reads it as a
    /// formula (`=HYPERLINK(…)`, `+62 812…`, `@SUM(1)`); the `'` is what spreadsheets themselves use for this.
    static func defused(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }
}

enum Markdown {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func render(_ t: ResultTable) -> String {
        var out = "| " + t.columns.map(escape).joined(separator: " | ") + " |\n"
        let numeric = t.columns.indices.map { i in t.rows.contains { i < $0.count && Renderer.isNumeric($0[i]) } }
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map { escape(Renderer.display($0)) }.joined(separator: " | ") + " |\n" }
        return out
    }
}

/// JSON with keys in column order and money as exact integers.
public enum JSON {
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    public static func value(_ cell: Cell) -> String {
        switch cell {
        case .null: return "null"
        case .text(let s), .day(let s): return string(s)
        case .int(let n), .money(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(string).joined(separator: ",") + "]"
        case .tenths(let t): return Renderer.tenths(t)
        }
    }

    public static func object(_ columns: [String], _ row: [Cell]) -> String {
        "{" + zip(columns, row).map { string($0) + ":" + value($1) }.joined(separator: ",") + "}"
    }

    public static func object(_ pairs: [(String, Cell)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + value($0.1) }.joined(separator: ",") + "}"
    }

    static func array(_ t: ResultTable) -> String {
        if t.rows.isEmpty { return "[]\n" }
        return "[\n" + t.rows.map { "  " + object(t.columns, $0) }.joined(separator: ",\n") + "\n]\n"
    }
}
