/// A computed report (SPEC section 4): plain data, no formatting. Rendered by `ReportRenderer`.
public struct ReportResult: Sendable, Equatable {
    /// `month`, `year`, `event`, `range`, `participant`, `top`, `unsold`.
    public var report: String
    /// The command's words as typed after `report` (a title for tables).
    public var title: String
    /// What the report covers: period, filters, dimension (ordered name/value pairs).
    public var scope: [(String, Cell)]
    /// The totals every report starts with: events, omzet, units, sales, participants, stalls, products, listings, target, achievement_pct.
    public var totals: [(String, Cell)]
    /// Rows keyed by `key` with omzet, units, sales, participants, stalls, products, share_pct.
    public var rows: ResultTable
    /// True when the report names a best row (`report year`); `best` is then that row, or nil when nothing sold.
    public var namesBest: Bool
    /// The best row, where the report names one (`report year`: the best month).
    public var best: [Cell]?
    /// What the best row is called in a table (`best month`).
    public var bestLabel: String
    /// How the table's bar chart is drawn (decided once by the program, not by the renderer).
    public var chart: ChartStyle

    public init(report: String, title: String = "", scope: [(String, Cell)], totals: [(String, Cell)], rows: ResultTable,
                namesBest: Bool = false, best: [Cell]? = nil, bestLabel: String = "best", chart: ChartStyle = ChartStyle()) {
        self.report = report
        self.title = title
        self.scope = scope
        self.totals = totals
        self.rows = rows
        self.namesBest = namesBest
        self.best = best
        self.bestLabel = bestLabel
        self.chart = chart
    }

    /// A total by its JSON name.
    public func total(_ name: String) -> Cell? { totals.first { $0.0 == name }?.1 }

    public static func == (a: ReportResult, b: ReportResult) -> Bool {
        a.report == b.report && a.title == b.title && a.scope.map(\.0) == b.scope.map(\.0) && a.scope.map(\.1) == b.scope.map(\.1)
            && a.totals.map(\.0) == b.totals.map(\.0) && a.totals.map(\.1) == b.totals.map(\.1)
            && a.rows == b.rows && a.namesBest == b.namesBest && a.best == b.best && a.bestLabel == b.bestLabel && a.chart == b.chart
    }
}

/// How a report's bar chart is drawn: Unicode blocks on a terminal without `NO_COLOR`, else `#`;
/// `width` is the terminal's width in columns.
public struct ChartStyle: Sendable, Equatable {
    public var unicode: Bool
    public var width: Int
    public init(unicode: Bool = false, width: Int = 80) {
        self.unicode = unicode
        self.width = width
    }

    /// Decided once from the environment by the program: blocks only on a terminal and without `NO_COLOR`.
    public static func from(environment: [String: String], stdoutIsTerminal: Bool, terminalColumns: Int?) -> ChartStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        var width = terminalColumns ?? 0
        if width <= 0, let c = environment["COLUMNS"].flatMap({ Int($0) }) { width = c }
        if width <= 0 { width = 80 }
        return ChartStyle(unicode: stdoutIsTerminal && !noColor, width: max(40, min(width, 200)))
    }
}
