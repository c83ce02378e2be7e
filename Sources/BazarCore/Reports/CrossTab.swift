/// A cross-tab, `report … by D1 by D2` (SPEC section 4): one row per D1 value, one column per D2 value holding
/// the omzet of the sales that have both, and each row's total. Plain data; rendered by `CrossTabRenderer` and
/// the file writers.
public struct CrossTab: Sendable, Equatable {
    /// The report it narrows: title, scope (with both dimensions), totals. Its `rows` are not used.
    public var report: ReportResult
    /// D1 and D2 (`kecamatan`, `day`).
    public var rowDimension: String
    public var columnDimension: String
    /// D2 keys in order: time order for a time dimension, else by omzet descending. A missing value is `""`.
    public var columns: [String]
    /// Whether rows carry a name (D1 is event, participant or product).
    public var hasNames: Bool
    public var rows: [Row]

    public struct Row: Sendable, Equatable {
        /// The D1 key; nil for a missing value (no kota, no buyer).
        public var key: String?
        public var name: String?
        /// Omzet per column, in `columns` order.
        public var cells: [Int64]
        /// The row's total: the sum of its cells.
        public var omzet: Int64
    }

    public init(report: ReportResult, rowDimension: String, columnDimension: String, columns: [String], hasNames: Bool, rows: [Row]) {
        self.report = report
        self.rowDimension = rowDimension
        self.columnDimension = columnDimension
        self.columns = columns
        self.hasNames = hasNames
        self.rows = rows
    }

    /// Each column's total over the rows shown, refusing to wrap around.
    public func columnTotals() throws -> [Int64] {
        var totals = Array(repeating: Int64(0), count: columns.count)
        for row in rows {
            for (i, v) in row.cells.enumerated() {
                let (s, o) = totals[i].addingReportingOverflow(v)
                if o { throw BazarError(.reportOverflow) }
                totals[i] = s
            }
        }
        return totals
    }

    /// The total of the rows shown (all rows when no `limit` cut them: then the report's omzet).
    public func grandTotal() throws -> Int64 {
        var t: Int64 = 0
        for row in rows {
            let (s, o) = t.addingReportingOverflow(row.omzet)
            if o { throw BazarError(.reportOverflow) }
            t = s
        }
        return t
    }

    /// A column's heading: its key, or `(none)` for a missing value.
    public static func columnLabel(_ key: String) -> String { key.isEmpty ? "(none)" : key }
}
