/// A value in a result: typed, so each format can show it its own way (money as `Rp 1.000` in a
/// table, as the integer 1000 in JSON and CSV).
public enum Cell: Sendable, Equatable {
    case null
    case text(String)
    case int(Int64)
    case money(Int64)
    /// An ISO date string.
    case day(String)
    case bool(Bool)
    case list([String])
    /// A percentage with one decimal kept as tenths (e.g. 1234 = 123.4 %), so no floating point.
    case tenths(Int64)
}

/// The neutral table every list, show and report is turned into before rendering.
public struct ResultTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Cell]]
    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
