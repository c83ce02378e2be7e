public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}

public enum ErrorPolicy: String, Sendable {
    case stop, `continue`
}

/// The session's settings (`set …` and the command-line flags).
public struct Settings: Sendable {
    public var format: OutputFormat = .table
    /// True once the user chose a format (flag or `set format`). A redirect's extension still wins (SPEC section 3).
    public var formatChosen = false
    public var onError: ErrorPolicy = .stop
    public var timing = false
    public var pager = true
    /// `set csv bom on` / `--bom`: CSV files start with a UTF-8 byte order mark, for Excel on Windows.
    public var csvBom = false
    /// Standard output's CSV has had its BOM.
    var bomWritten = false
    /// The language of everything said (`--lang`, `set language`, `$BAZAR_LANG`, the locale).
    public var language: Language = .en
    /// How report bar charts are drawn; the program decides it once from the terminal and `NO_COLOR`.
    public var chart = ChartStyle()
    /// The terminal's width now, asked at each report (a window may be resized between reports); nil: keep `chart.width`.
    public var terminalColumns: (@Sendable () -> Int?)?
    public init() {}

    /// The chart style for a report made now: the width read from the terminal at this moment.
    public func currentChart() -> ChartStyle {
        var c = chart
        if let columns = terminalColumns?(), columns > 0 { c.width = max(40, min(columns, 200)) }
        return c
    }
}

/// What is current: the event, the sale date within it, the stall.
public struct Context: Sendable {
    public var event: EventRecord?
    public var day: Day?
    public var stall: ParticipantRecord?
    public init() {}

    /// `jakpus-2021-09 day 2 @wedang-batavia`, for the prompt.
    public var summary: String {
        var parts: [String] = []
        if let e = event {
            parts.append(e.id)
            if let d = day { parts.append("day \(d.ordinal - e.start.ordinal + 1)") }
        }
        if let s = stall { parts.append("@" + s.id) }
        return parts.joined(separator: " ")
    }
}
