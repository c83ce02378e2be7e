/// What a command produced, before rendering. Commands never print.
public enum Outcome: Sendable {
    /// Nothing to show.
    case nothing
    /// One line confirming a change (`sale #12: … = Rp 75.000 (…)`).
    case confirmation(String)
    /// One informative line that is not a change (`event borju-2020-08 is current`).
    case message(String)
    /// Rows: `list`, `log`, `history`. In JSON an array of objects.
    case table(ResultTable)
    /// One thing: `show`. In JSON one object.
    case record(ResultTable)
    /// A report: totals and rows (section 4).
    case report(ReportResult)
    /// A cross-tab, `report … by D1 by D2`.
    case crossTab(CrossTab)
    /// Plain text printed as it is, whatever the format: `help`, `dump`.
    case text(String)
    /// Leave the session.
    case quit
}

extension Outcome {
    var isMessage: Bool {
        if case .message = self { return true }
        return false
    }
}
