/// A span of days a report or filter covers: a day, a month, a quarter, a year or a range.
public struct Period: Sendable, Hashable {
    public enum Kind: String, Sendable { case day, month, quarter, year, range }
    public var kind: Kind
    public var start: Day
    public var end: Day

    public init(kind: Kind, start: Day, end: Day) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// ISO label: `2020-08-07`, `2020-08`, `2020-Q3`, `2020`, `2021-11-01..2021-12-31`.
    public var key: String {
        fatalError("TODO: syntax helper")
    }
}

/// The date words of SPEC section 1. Each parser starts at `tokens[index]` and returns
/// the value and the index of the first token after it. `today` fixes what `today` means.
public enum DateWords {
    /// `2020-08-07`, `7/8/2020` (day/month/year), `7 Agustus 2020`, `7 Agu 2020`, `7 Aug 2020`, `today`, `yesterday`.
    public static func parseDay(_ tokens: [Token], at index: Int, today: Day) throws -> (day: Day, next: Int) {
        fatalError("TODO: syntax helper")
    }

    /// `2020-08`, `08/2020`, `Agustus 2020`, `Aug 2020`, `this month`, `last month`.
    public static func parseMonth(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        fatalError("TODO: syntax helper")
    }

    /// `2020`, `this year`, `last year`.
    public static func parseYear(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        fatalError("TODO: syntax helper")
    }

    /// Any day, month, year, quarter `2020-Q3`, range `2021-11-01..2021-12-31` (either side any day form
    /// written without spaces, or a month: `2021-11..2021-12`), `this|last month|year`.
    public static func parsePeriod(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        fatalError("TODO: syntax helper")
    }
}
