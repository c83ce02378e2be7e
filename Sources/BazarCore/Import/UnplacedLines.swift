/// Order lines that could not be placed, grouped by why (`37 lines: unknown SKU 'BP-500' …`), so that a summary of
/// 100,000 lines still fits one screen. Groups keep their first row; at most `maxGroups` distinct groups are kept,
/// the rest are counted.
struct UnplacedLines {
    enum Why: Int, Comparable {
        case unknownSKU, unknownName, unknownProduct, unknownEvent, noEvent, severalEvents, outsideEvent
        static func < (a: Why, b: Why) -> Bool { a.rawValue < b.rawValue }
    }

    struct Group {
        var why: Why
        var text: String
        var count: Int
        var firstRow: Int
        var column: String?
        /// The line's product name (for a SKU), or the event(s) concerned.
        var name: String?
    }

    struct Key: Hashable {
        var why: Why
        var text: String
    }

    static let maxGroups = 10_000
    private(set) var groups: [Group] = []
    private var index: [Key: Int] = [:]
    private(set) var lines = 0
    /// Lines whose group was not kept (past `maxGroups`).
    private(set) var otherLines = 0

    var isEmpty: Bool { lines == 0 }

    mutating func add(_ why: Why, text: String, row: Int, column: String?, name: String?) {
        lines += 1
        let key = Key(why: why, text: text.lowercased())
        if let i = index[key] {
            groups[i].count += 1
        } else if groups.count < UnplacedLines.maxGroups {
            index[key] = groups.count
            groups.append(Group(why: why, text: text, count: 1, firstRow: row, column: column, name: name))
        } else {
            otherLines += 1
        }
    }
}
