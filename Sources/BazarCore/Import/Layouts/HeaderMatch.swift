/// Finds a layout's header row: which column holds which field.
public struct HeaderMatch: Sendable {
    public var layout: OrderLayout
    /// The row the headers are on.
    public var row: Int
    /// Field → zero-based column.
    public var columns: [OrderField: Int]
    /// Column → its header as the file writes it (for messages).
    public var headerNames: [Int: String]
    /// bazar's own CSV (refs and quantities may be left out).
    public var isBazarCSV: Bool

    /// Header text compared without case, surrounding spaces, repeated spaces or a trailing `*` (a required-column mark).
    static func normalized(_ s: String) -> String {
        var t = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        while t.hasSuffix("*") { t.removeLast() }
        return t
    }

    /// The layout (among `layouts`) whose required headers are all in `row`, the one matching most fields if several.
    static func find(in row: SheetRow, among layouts: [OrderLayout]) -> HeaderMatch? {
        var byName: [String: Int] = [:]
        var names: [Int: String] = [:]
        for (i, cell) in row.cells.enumerated() where !cell.text.isEmpty && !cell.isNumber {
            let n = normalized(cell.text)
            if byName[n] == nil { byName[n] = i }
            names[i] = cell.text
        }
        if byName.isEmpty { return nil }
        var best: HeaderMatch?
        for layout in layouts {
            var columns: [OrderField: Int] = [:]
            for (field, headers) in layout.headers {
                if let c = headers.lazy.compactMap({ byName[normalized($0)] }).first { columns[field] = c }
            }
            guard layout.required.allSatisfy({ columns[$0] != nil }) else { continue }
            if best == nil || columns.count > best!.columns.count {
                best = HeaderMatch(layout: layout, row: row.number, columns: columns, headerNames: names, isBazarCSV: layout.formats == [.csv])
            }
        }
        return best
    }

    /// The header a field is read from, as the file writes it.
    func header(_ field: OrderField) -> String? {
        columns[field].flatMap { headerNames[$0] }
    }

    /// What a format's headers are, for the error when none are found.
    static func expected(for layouts: [OrderLayout]) -> String {
        layouts.map { l in "\(l.name): " + l.required.compactMap { l.headers[$0]?.first }.joined(separator: ", ") }.joined(separator: "; ")
    }
}
