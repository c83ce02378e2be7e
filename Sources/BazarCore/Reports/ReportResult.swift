/// A computed report (SPEC section 4): plain data, no formatting. Rendered by `Renderer`.
public struct ReportResult: Sendable, Equatable {
    /// `month`, `year`, `event`, `range`, `participant`, `top`, `unsold`.
    public var report: String
    /// What the report covers: period, filters, dimension (ordered name/value pairs).
    public var scope: [(String, Cell)]
    /// The totals every report starts with: events, omzet, units, sales, participants, stalls, products, listings, target, achievement_pct.
    public var totals: [(String, Cell)]
    /// Rows keyed by `key` with omzet, units, sales, participants, stalls, products, share_pct.
    public var rows: ResultTable
    /// The best row, where the report names one (`report year`).
    public var best: [Cell]?

    public init(report: String, scope: [(String, Cell)], totals: [(String, Cell)], rows: ResultTable, best: [Cell]? = nil) {
        self.report = report
        self.scope = scope
        self.totals = totals
        self.rows = rows
        self.best = best
    }

    public static func == (a: ReportResult, b: ReportResult) -> Bool {
        a.report == b.report && a.scope.map(\.0) == b.scope.map(\.0) && a.scope.map(\.1) == b.scope.map(\.1)
            && a.totals.map(\.0) == b.totals.map(\.0) && a.totals.map(\.1) == b.totals.map(\.1)
            && a.rows == b.rows && a.best == b.best
    }
}
