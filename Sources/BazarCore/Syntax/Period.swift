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
        switch kind {
        case .day: return start.iso
        case .month: return start.isoMonth
        case .quarter: return "\(Period.year4(start.year))-Q\((start.month - 1) / 3 + 1)"
        case .year: return Period.year4(start.year)
        case .range: return "\(start.iso)..\(end.iso)"
        }
    }

    static func year4(_ y: Int) -> String {
        let s = String(y)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    // MARK: constructors

    public static func day(_ d: Day) -> Period { Period(kind: .day, start: d, end: d) }

    /// Nil outside years 1...9999 or months 1...12.
    public static func month(year: Int, month: Int) -> Period? {
        guard let s = Day(year: year, month: month, day: 1) else { return nil }
        return Period(kind: .month, start: s, end: s.lastOfMonth)
    }

    public static func quarter(year: Int, quarter: Int) -> Period? {
        guard (1...4).contains(quarter), let s = Day(year: year, month: quarter * 3 - 2, day: 1),
              let e = Day(year: year, month: quarter * 3, day: Day.daysIn(month: quarter * 3, year: year)) else { return nil }
        return Period(kind: .quarter, start: s, end: e)
    }

    public static func year(_ y: Int) -> Period? {
        guard let s = Day(year: y, month: 1, day: 1), let e = Day(year: y, month: 12, day: 31) else { return nil }
        return Period(kind: .year, start: s, end: e)
    }

    /// Whether the day falls inside the period (both ends included).
    public func contains(_ d: Day) -> Bool { start <= d && d <= end }
}

/// The date words of SPEC section 1. Each parser starts at `tokens[index]` and returns
/// the value and the index of the first token after it. `today` fixes what `today` means.
///
/// Month names (case-insensitive, abbreviations may end in `.`): Indonesian Januari Jan,
/// Februari Feb Pebruari, Maret Mar, April Apr, Mei, Juni Jun, Juli Jul, Agustus Agu Agt Ags,
/// September Sep Sept, Oktober Okt, November Nov Nop, Desember Des; English January … December,
/// May, Oct, Dec and the same three-letter abbreviations.
/// A quoted string holding a date (`"7 Agustus 2020"`) is read like the words it contains.
public enum DateWords {
    /// `2020-08-07`, `7/8/2020` (day/month/year), `7 Agustus 2020`, `7 Agu 2020`, `7 Aug 2020`, `today`, `yesterday`.
    public static func parseDay(_ tokens: [Token], at index: Int, today: Day) throws -> (day: Day, next: Int) {
        // Fast path for the ISO form scripts use on every line; anything else (or an impossible ISO day,
        // for its error) goes the general way.
        if index < tokens.count, tokens[index].kind == .word, let day = Day(iso: tokens[index].text) {
            return (day, index + 1)
        }
        return try withExpandedString(tokens, at: index, what: "a date") { toks, i in
            try day(toks, i, today: today)
        }
    }

    /// `2020-08`, `08/2020`, `Agustus 2020`, `Aug 2020`, `this month`, `last month`.
    public static func parseMonth(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        try withExpandedString(tokens, at: index, what: "a month") { toks, i in
            try month(toks, i, today: today)
        }
    }

    /// `2020`, `this year`, `last year`.
    public static func parseYear(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        try withExpandedString(tokens, at: index, what: "a year") { toks, i in
            try year(toks, i, today: today)
        }
    }

    /// Any day, month, year, quarter `2020-Q3`, range `2021-11-01..2021-12-31` (either side any day form
    /// written without spaces, or a month: `2021-11..2021-12`), `this|last month|year`.
    public static func parsePeriod(_ tokens: [Token], at index: Int, today: Day) throws -> (period: Period, next: Int) {
        try withExpandedString(tokens, at: index, what: "a period") { toks, i in
            try period(toks, i, today: today)
        }
    }

    /// The month (1...12) a name or abbreviation stands for.
    public static func monthNumber(_ word: String) -> Int? {
        var w = word.lowercased()
        if w.hasSuffix(".") { w.removeLast() }
        return monthNames[w]
    }

    static let monthNames: [String: Int] = {
        let table: [(Int, [String])] = [
            (1, ["januari", "jan", "january"]),
            (2, ["februari", "feb", "pebruari", "february", "peb"]),
            (3, ["maret", "mar", "march"]),
            (4, ["april", "apr"]),
            (5, ["mei", "may"]),
            (6, ["juni", "jun", "june"]),
            (7, ["juli", "jul", "july"]),
            (8, ["agustus", "agu", "agt", "ags", "august", "aug"]),
            (9, ["september", "sep", "sept"]),
            (10, ["oktober", "okt", "october", "oct"]),
            (11, ["november", "nov", "nop"]),
            (12, ["desember", "des", "december", "dec"]),
        ]
        var d: [String: Int] = [:]
        for (m, names) in table { for n in names { d[n] = m } }
        return d
    }()

    // MARK: - implementation

    /// Runs `body` on the tokens, or, when `tokens[index]` is a quoted string, on the words inside it
    /// (all of which must be used); spans then point at the whole string.
    static func withExpandedString<T>(_ tokens: [Token], at index: Int, what: String,
                                      _ body: ([Token], Int) throws -> (T, Int)) throws -> (T, Int) {
        guard index >= 0, index < tokens.count else {
            throw BazarError(.expected(what, found: nil),
                             at: tokens.last.map { SourceSpan(start: $0.span.end, end: $0.span.end) })
        }
        let t = tokens[index]
        switch t.kind {
        case .redirect:
            throw BazarError(.expected(what, found: t.text), at: t.span)
        case .word:
            return try body(tokens, index)
        case .string:
            let inner = t.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                .map { Token(.word, String($0), t.span) }
            do {
                guard !inner.isEmpty else { throw BazarError(.badDate(t.text), at: t.span) }
                let (v, next) = try body(inner, 0)
                guard next == inner.count else { throw BazarError(.badDate(t.text), at: t.span) }
                return (v, index + 1)
            } catch let e as BazarError {
                throw BazarError(e.problem.withDateText(t.text), at: t.span)
            }
        }
    }

    /// Digits only, at most `maxLength` of them (so no overflow).
    static func number(_ s: Substring.UTF8View, maxLength: Int = 9) -> Int? {
        guard !s.isEmpty, s.count <= maxLength else { return nil }
        var v = 0
        for c in s {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    static func allDigits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    enum Shape {
        case day(Day)
        case month(year: Int, month: Int)
        case impossibleDay
        case impossibleMonth
        case none
    }

    /// One word without spaces: `2020-08-07`, `7/8/2020`, `2020-08`, `08/2020`.
    static func wordShape(_ w: Substring) -> Shape {
        if w.contains("-") {
            let parts = w.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.allSatisfy(allDigits) else { return .none }
            if parts.count == 3, parts[0].utf8.count == 4, (1...2).contains(parts[1].utf8.count), (1...2).contains(parts[2].utf8.count) {
                let y = number(parts[0].utf8)!, m = number(parts[1].utf8)!, d = number(parts[2].utf8)!
                return Day(year: y, month: m, day: d).map(Shape.day) ?? .impossibleDay
            }
            if parts.count == 2, parts[0].utf8.count == 4, (1...2).contains(parts[1].utf8.count) {
                let y = number(parts[0].utf8)!, m = number(parts[1].utf8)!
                return Day(year: y, month: m, day: 1) != nil ? .month(year: y, month: m) : .impossibleMonth
            }
            return .none
        }
        if w.contains("/") {
            let parts = w.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.allSatisfy(allDigits) else { return .none }
            if parts.count == 3, (1...2).contains(parts[0].utf8.count), (1...2).contains(parts[1].utf8.count), parts[2].utf8.count == 4 {
                let d = number(parts[0].utf8)!, m = number(parts[1].utf8)!, y = number(parts[2].utf8)!
                return Day(year: y, month: m, day: d).map(Shape.day) ?? .impossibleDay
            }
            if parts.count == 2, (1...2).contains(parts[0].utf8.count), parts[1].utf8.count == 4 {
                let m = number(parts[0].utf8)!, y = number(parts[1].utf8)!
                return Day(year: y, month: m, day: 1) != nil ? .month(year: y, month: m) : .impossibleMonth
            }
            return .none
        }
        return .none
    }

    static func isYearWord(_ t: Token) -> Bool { t.kind == .word && t.text.utf8.count == 4 && allDigits(t.text[...]) }

    static func day(_ tokens: [Token], _ i: Int, today: Day) throws -> (Day, Int) {
        let t = tokens[i]
        let lower = t.text.lowercased()
        if lower == "today" { return (today, i + 1) }
        if lower == "yesterday" { return (today.adding(days: -1), i + 1) }
        switch wordShape(t.text[...]) {
        case .day(let d): return (d, i + 1)
        case .impossibleDay: throw BazarError(.impossibleDate(t.text), at: t.span)
        case .month, .impossibleMonth, .none: break
        }
        // `7 Agustus 2020`
        if (1...2).contains(t.text.utf8.count), allDigits(t.text[...]),
           i + 1 < tokens.count, tokens[i + 1].kind == .word, let m = monthNumber(tokens[i + 1].text) {
            let d = number(t.text[...].utf8)!
            guard i + 2 < tokens.count, isYearWord(tokens[i + 2]) else {
                let span = t.span.union(tokens[i + 1].span)
                throw BazarError(.badDate("\(t.text) \(tokens[i + 1].text)"), at: span)
            }
            let y = number(tokens[i + 2].text[...].utf8)!
            let span = t.span.union(tokens[i + 2].span)
            guard let day = Day(year: y, month: m, day: d) else {
                throw BazarError(.impossibleDate("\(t.text) \(tokens[i + 1].text) \(tokens[i + 2].text)"), at: span)
            }
            return (day, i + 3)
        }
        throw BazarError(.badDate(t.text), at: t.span)
    }

    static func month(_ tokens: [Token], _ i: Int, today: Day) throws -> (Period, Int) {
        let t = tokens[i]
        let lower = t.text.lowercased()
        if (lower == "this" || lower == "last"), i + 1 < tokens.count, tokens[i + 1].isKeyword("month") {
            let d = lower == "this" ? today : today.firstOfMonth.adding(days: -1)
            guard let p = Period.month(year: d.year, month: d.month) else {
                throw BazarError(.badMonth("\(t.text) \(tokens[i + 1].text)"), at: t.span.union(tokens[i + 1].span))
            }
            return (p, i + 2)
        }
        switch wordShape(t.text[...]) {
        case .month(let y, let m): return (Period.month(year: y, month: m)!, i + 1)
        case .impossibleMonth: throw BazarError(.badMonth(t.text), at: t.span)
        default: break
        }
        if let m = monthNumber(t.text) {
            guard i + 1 < tokens.count, isYearWord(tokens[i + 1]),
                  let p = Period.month(year: number(tokens[i + 1].text[...].utf8)!, month: m) else {
                if i + 1 < tokens.count, tokens[i + 1].kind == .word {
                    throw BazarError(.badMonth("\(t.text) \(tokens[i + 1].text)"), at: t.span.union(tokens[i + 1].span))
                }
                throw BazarError(.badMonth(t.text), at: t.span)
            }
            return (p, i + 2)
        }
        throw BazarError(.badMonth(t.text), at: t.span)
    }

    static func year(_ tokens: [Token], _ i: Int, today: Day) throws -> (Period, Int) {
        let t = tokens[i]
        let lower = t.text.lowercased()
        if (lower == "this" || lower == "last"), i + 1 < tokens.count, tokens[i + 1].isKeyword("year") {
            guard let p = Period.year(lower == "this" ? today.year : today.year - 1) else {
                throw BazarError(.badYear("\(t.text) \(tokens[i + 1].text)"), at: t.span.union(tokens[i + 1].span))
            }
            return (p, i + 2)
        }
        if isYearWord(t), let p = Period.year(number(t.text[...].utf8)!) { return (p, i + 1) }
        throw BazarError(.badYear(t.text), at: t.span)
    }

    static func period(_ tokens: [Token], _ i: Int, today: Day) throws -> (Period, Int) {
        let t = tokens[i]
        let lower = t.text.lowercased()
        if lower == "this" || lower == "last", i + 1 < tokens.count {
            let unit = tokens[i + 1]
            if unit.isKeyword("month") { return try month(tokens, i, today: today) }
            if unit.isKeyword("year") { return try year(tokens, i, today: today) }
            if unit.isKeyword("quarter") {
                var q = (today.month - 1) / 3 + 1, y = today.year
                if lower == "last" { q -= 1; if q == 0 { q = 4; y -= 1 } }
                guard let p = Period.quarter(year: y, quarter: q) else {
                    throw BazarError(.badPeriod("\(t.text) \(unit.text)"), at: t.span.union(unit.span))
                }
                return (p, i + 2)
            }
        }
        if lower == "today" || lower == "yesterday" {
            let (d, next) = try day(tokens, i, today: today)
            return (.day(d), next)
        }
        if monthNumber(t.text) != nil { return try month(tokens, i, today: today) }
        // `7 Agustus 2020`
        if (1...2).contains(t.text.utf8.count), allDigits(t.text[...]),
           i + 1 < tokens.count, tokens[i + 1].kind == .word, monthNumber(tokens[i + 1].text) != nil {
            let (d, next) = try day(tokens, i, today: today)
            return (.day(d), next)
        }
        if isYearWord(t) {
            guard let p = Period.year(number(t.text[...].utf8)!) else { throw BazarError(.badYear(t.text), at: t.span) }
            return (p, i + 1)
        }
        if let p = try single(t.text[...], token: t, today: today) { return (p, i + 1) }
        // A range.
        let u8 = Array(t.text.utf8)
        if let k = u8.indices.dropLast().first(where: { u8[$0] == 46 && u8[$0 + 1] == 46 }) {
            let a = String(decoding: u8[..<k], as: UTF8.self)[...], b = String(decoding: u8[(k + 2)...], as: UTF8.self)[...]
            guard let pa = try single(a, token: t, today: today, inRange: true),
                  let pb = try single(b, token: t, today: today, inRange: true),
                  pa.kind != .range, pb.kind != .range else {
                throw BazarError(.badPeriod(t.text), at: t.span)
            }
            guard pa.start <= pb.end else { throw BazarError(.badPeriod(t.text), at: t.span) }
            return (Period(kind: .range, start: pa.start, end: pb.end), i + 1)
        }
        throw BazarError(.badPeriod(t.text), at: t.span)
    }

    /// One word that is a whole period by itself: ISO/slash day or month, quarter, year (`today` too in a range).
    static func single(_ w: Substring, token t: Token, today: Day, inRange: Bool = false) throws -> Period? {
        switch wordShape(w) {
        case .day(let d): return .day(d)
        case .month(let y, let m): return Period.month(year: y, month: m)
        case .impossibleDay: throw BazarError(.impossibleDate(inRange ? String(w) : t.text), at: t.span)
        case .impossibleMonth: throw BazarError(inRange ? .badPeriod(t.text) : .badMonth(t.text), at: t.span)
        case .none: break
        }
        // `2020-Q3`
        let u = Array(w.utf8)
        if u.count == 7, u[4] == UInt8(ascii: "-"), u[5] | 0x20 == UInt8(ascii: "q"), allDigits(w.prefix(4)) {
            let q = Int(u[6]) - 48
            guard let p = Period.quarter(year: number(w.prefix(4).utf8)!, quarter: q) else {
                throw BazarError(.badPeriod(t.text), at: t.span)
            }
            return p
        }
        if inRange {
            let lower = w.lowercased()
            if lower == "today" { return .day(today) }
            if lower == "yesterday" { return .day(today.adding(days: -1)) }
            if w.utf8.count == 4, allDigits(w), let p = Period.year(number(w.utf8)!) { return p }
        }
        return nil
    }
}

extension Problem {
    /// The same date problem about another spelling (a quoted date).
    func withDateText(_ t: String) -> Problem {
        switch self {
        case .badDate: return .badDate(t)
        case .impossibleDate: return .impossibleDate(t)
        case .badMonth: return .badMonth(t)
        case .badYear: return .badYear(t)
        case .badPeriod: return .badPeriod(t)
        default: return self
        }
    }
}
