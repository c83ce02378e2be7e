import Testing
@testable import BazarCore

@Suite struct DateWordsTests {
    static let today = Day(year: 2021, month: 9, day: 23)!

    static func day(_ text: String, today: Day = today) throws -> Day {
        let tokens = try Lexer.tokenize(text)
        let (d, next) = try DateWords.parseDay(tokens, at: 0, today: today)
        #expect(next == tokens.count, "all of '\(text)' is the date")
        return d
    }

    static func period(_ text: String, today: Day = today) throws -> Period {
        let tokens = try Lexer.tokenize(text)
        let (p, next) = try DateWords.parsePeriod(tokens, at: 0, today: today)
        #expect(next == tokens.count, "all of '\(text)' is the period")
        return p
    }

    // MARK: days

    @Test(arguments: [
        ("2020-08-07", "2020-08-07"),
        ("7/8/2020", "2020-08-07"),
        ("07/08/2020", "2020-08-07"),
        ("7 Agustus 2020", "2020-08-07"),
        ("7 agustus 2020", "2020-08-07"),
        ("7 AGUSTUS 2020", "2020-08-07"),
        ("7 Agu 2020", "2020-08-07"),
        ("7 Agt 2020", "2020-08-07"),
        ("7 Ags 2020", "2020-08-07"),
        ("7 Aug 2020", "2020-08-07"),
        ("7 Aug. 2020", "2020-08-07"),
        ("7 August 2020", "2020-08-07"),
        ("07 Agustus 2020", "2020-08-07"),
        ("\"7 Agustus 2020\"", "2020-08-07"),
        ("1 Januari 2021", "2021-01-01"), ("1 Jan 2021", "2021-01-01"), ("1 January 2021", "2021-01-01"),
        ("2 Februari 2021", "2021-02-02"), ("2 Feb 2021", "2021-02-02"), ("2 Pebruari 2021", "2021-02-02"),
        ("2 February 2021", "2021-02-02"),
        ("3 Maret 2021", "2021-03-03"), ("3 Mar 2021", "2021-03-03"), ("3 March 2021", "2021-03-03"),
        ("4 April 2021", "2021-04-04"), ("4 Apr 2021", "2021-04-04"),
        ("5 Mei 2021", "2021-05-05"), ("5 May 2021", "2021-05-05"),
        ("6 Juni 2021", "2021-06-06"), ("6 Jun 2021", "2021-06-06"), ("6 June 2021", "2021-06-06"),
        ("7 Juli 2021", "2021-07-07"), ("7 Jul 2021", "2021-07-07"), ("7 July 2021", "2021-07-07"),
        ("9 September 2021", "2021-09-09"), ("9 Sep 2021", "2021-09-09"), ("9 Sept 2021", "2021-09-09"),
        ("10 Oktober 2021", "2021-10-10"), ("10 Okt 2021", "2021-10-10"), ("10 October 2021", "2021-10-10"),
        ("10 Oct 2021", "2021-10-10"),
        ("11 November 2021", "2021-11-11"), ("11 Nov 2021", "2021-11-11"), ("11 Nop 2021", "2021-11-11"),
        ("12 Desember 2021", "2021-12-12"), ("12 Des 2021", "2021-12-12"), ("12 December 2021", "2021-12-12"),
        ("12 Dec 2021", "2021-12-12"),
        ("29 Februari 2020", "2020-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("29/2/2024", "2024-02-29"),
        ("31 Desember 2020", "2020-12-31"),
        ("today", "2021-09-23"),
        ("TODAY", "2021-09-23"),
        ("yesterday", "2021-09-22"),
    ])
    func days(_ text: String, _ iso: String) throws {
        #expect(try Self.day(text).iso == iso)
    }

    @Test func theThreeSpellingsOfOneDayAgree() throws {
        let a = try Self.day("7 Agustus 2020"), b = try Self.day("7/8/2020"), c = try Self.day("2020-08-07")
        #expect(a == b)
        #expect(b == c)
    }

    @Test(arguments: [
        (Day(year: 2021, month: 1, day: 1)!, "2020-12-31"),
        (Day(year: 2020, month: 3, day: 1)!, "2020-02-29"),
        (Day(year: 2021, month: 3, day: 1)!, "2021-02-28"),
        (Day(year: 2021, month: 8, day: 1)!, "2021-07-31"),
    ])
    func yesterdayAcrossBoundaries(_ today: Day, _ iso: String) throws {
        #expect(try Self.day("yesterday", today: today).iso == iso)
    }

    @Test func threeWordDayStopsAfterTheYear() throws {
        let tokens = try Lexer.tokenize("date 7 Agustus 2020 day 2")
        let (d, next) = try DateWords.parseDay(tokens, at: 1, today: Self.today)
        #expect(d.iso == "2020-08-07")
        #expect(next == 4)
    }

    @Test(arguments: [
        ("31 Februari 2021", SourceSpan(start: 0, end: 16)),
        ("29 Februari 2021", SourceSpan(start: 0, end: 16)),
        ("31 April 2021", SourceSpan(start: 0, end: 13)),
        ("2021-02-29", SourceSpan(start: 0, end: 10)),
        ("1900-02-29", SourceSpan(start: 0, end: 10)),
        ("2020-13-01", SourceSpan(start: 0, end: 10)),
        ("2020-00-10", SourceSpan(start: 0, end: 10)),
        ("2020-08-00", SourceSpan(start: 0, end: 10)),
        ("2020-08-32", SourceSpan(start: 0, end: 10)),
        ("31/4/2021", SourceSpan(start: 0, end: 9)),
        ("0 Agustus 2020", SourceSpan(start: 0, end: 14)),
        ("0000-01-01", SourceSpan(start: 0, end: 10)),
    ])
    func impossibleDays(_ text: String, _ span: SourceSpan) throws {
        let tokens = try Lexer.tokenize(text)
        let e = #expect(throws: BazarError.self) { try DateWords.parseDay(tokens, at: 0, today: Self.today) }
        #expect(e?.problem == .impossibleDate(text))
        #expect(e?.span == span)
        #expect(e?.message == "there is no such day as '\(text)'")
    }

    @Test(arguments: [
        ("tomorrow", "tomorrow", SourceSpan(start: 0, end: 8)),
        ("2020-08", "2020-08", SourceSpan(start: 0, end: 7)),
        ("20-08-07", "20-08-07", SourceSpan(start: 0, end: 8)),
        ("7/8/20", "7/8/20", SourceSpan(start: 0, end: 6)),
        ("7 Agustus", "7 Agustus", SourceSpan(start: 0, end: 9)),
        ("7 Agustus kemarin", "7 Agustus", SourceSpan(start: 0, end: 9)),
        ("Agustus 2020", "Agustus", SourceSpan(start: 0, end: 7)),
        ("99999999999999999999-01-01", "99999999999999999999-01-01", SourceSpan(start: 0, end: 26)),
        ("2020-08-07x", "2020-08-07x", SourceSpan(start: 0, end: 11)),
        ("99999999999999999999/1/2020", "99999999999999999999/1/2020", SourceSpan(start: 0, end: 27)),
        ("-1/1/2020", "-1/1/2020", SourceSpan(start: 0, end: 9)),
    ])
    func notDays(_ text: String, _ shown: String, _ span: SourceSpan) throws {
        let tokens = try Lexer.tokenize(text)
        let e = #expect(throws: BazarError.self) { try DateWords.parseDay(tokens, at: 0, today: Self.today) }
        #expect(e?.problem == .badDate(shown))
        #expect(e?.span == span)
        #expect(e?.hint == "write e.g. 2020-08-07, 7/8/2020, 7 Agustus 2020, today or yesterday")
    }

    @Test func errorSpanInsideACommand() throws {
        // date 31 Februari 2021  — the caret goes under the three words.
        let tokens = try Lexer.tokenize("date 31 Februari 2021")
        #expect(throws: BazarError(.impossibleDate("31 Februari 2021"), at: SourceSpan(start: 5, end: 21))) {
            try DateWords.parseDay(tokens, at: 1, today: Self.today)
        }
    }

    @Test func missingDate() throws {
        let tokens = try Lexer.tokenize("date")
        #expect(throws: BazarError.self) { try DateWords.parseDay(tokens, at: 1, today: Self.today) }
    }

    // MARK: months and years

    @Test(arguments: [
        ("2020-08", "2020-08", "2020-08-01", "2020-08-31"),
        ("08/2020", "2020-08", "2020-08-01", "2020-08-31"),
        ("8/2020", "2020-08", "2020-08-01", "2020-08-31"),
        ("Agustus 2020", "2020-08", "2020-08-01", "2020-08-31"),
        ("Aug 2020", "2020-08", "2020-08-01", "2020-08-31"),
        ("agt. 2020", "2020-08", "2020-08-01", "2020-08-31"),
        ("Februari 2020", "2020-02", "2020-02-01", "2020-02-29"),
        ("Februari 2021", "2021-02", "2021-02-01", "2021-02-28"),
        ("2100-02", "2100-02", "2100-02-01", "2100-02-28"),
        ("this month", "2021-09", "2021-09-01", "2021-09-30"),
        ("THIS MONTH", "2021-09", "2021-09-01", "2021-09-30"),
        ("last month", "2021-08", "2021-08-01", "2021-08-31"),
    ])
    func months(_ text: String, _ key: String, _ start: String, _ end: String) throws {
        let tokens = try Lexer.tokenize(text)
        let (p, next) = try DateWords.parseMonth(tokens, at: 0, today: Self.today)
        #expect(next == tokens.count)
        #expect(p.kind == .month)
        #expect(p.key == key)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test(arguments: [
        (Day(year: 2021, month: 1, day: 15)!, "2020-12"),
        (Day(year: 2020, month: 3, day: 31)!, "2020-02"),
        (Day(year: 2021, month: 12, day: 31)!, "2021-11"),
    ])
    func lastMonthAcrossYearBoundary(_ today: Day, _ key: String) throws {
        let (p, _) = try DateWords.parseMonth(try Lexer.tokenize("last month"), at: 0, today: today)
        #expect(p.key == key)
    }

    @Test(arguments: [
        ("2020-13", SourceSpan(start: 0, end: 7)),
        ("13/2020", SourceSpan(start: 0, end: 7)),
        ("Agustus", SourceSpan(start: 0, end: 7)),
        ("Agustus 20", SourceSpan(start: 0, end: 10)),
        ("Augustus 2020", SourceSpan(start: 0, end: 8)),
        ("2020", SourceSpan(start: 0, end: 4)),
        ("next month", SourceSpan(start: 0, end: 4)),
    ])
    func notMonths(_ text: String, _ span: SourceSpan) throws {
        let tokens = try Lexer.tokenize(text)
        let e = #expect(throws: BazarError.self) { try DateWords.parseMonth(tokens, at: 0, today: Self.today) }
        guard case .badMonth = e?.problem else { Issue.record("expected badMonth, got \(String(describing: e))"); return }
        #expect(e?.span == span)
        #expect(e?.hint == "write e.g. 2020-08, 08/2020, Agustus 2020 or this month")
    }

    @Test(arguments: [
        ("2020", "2020", "2020-01-01", "2020-12-31"),
        ("this year", "2021", "2021-01-01", "2021-12-31"),
        ("last year", "2020", "2020-01-01", "2020-12-31"),
        ("Last Year", "2020", "2020-01-01", "2020-12-31"),
    ])
    func years(_ text: String, _ key: String, _ start: String, _ end: String) throws {
        let tokens = try Lexer.tokenize(text)
        let (p, next) = try DateWords.parseYear(tokens, at: 0, today: Self.today)
        #expect(next == tokens.count)
        #expect(p.kind == .year)
        #expect(p.key == key)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test(arguments: ["20", "20200", "0000", "abcd", "99999999999999999999", "2020-08"])
    func notYears(_ text: String) throws {
        let tokens = try Lexer.tokenize(text)
        #expect(throws: BazarError(.badYear(text), at: SourceSpan(start: 0, end: text.utf8.count))) {
            try DateWords.parseYear(tokens, at: 0, today: Self.today)
        }
    }

    // MARK: periods

    @Test(arguments: [
        ("2020-08-07", Period.Kind.day, "2020-08-07", "2020-08-07", "2020-08-07"),
        ("7 Agustus 2020", .day, "2020-08-07", "2020-08-07", "2020-08-07"),
        ("7/8/2020", .day, "2020-08-07", "2020-08-07", "2020-08-07"),
        ("today", .day, "2021-09-23", "2021-09-23", "2021-09-23"),
        ("yesterday", .day, "2021-09-22", "2021-09-22", "2021-09-22"),
        ("2020-08", .month, "2020-08", "2020-08-01", "2020-08-31"),
        ("08/2020", .month, "2020-08", "2020-08-01", "2020-08-31"),
        ("Agustus 2020", .month, "2020-08", "2020-08-01", "2020-08-31"),
        ("Aug 2020", .month, "2020-08", "2020-08-01", "2020-08-31"),
        ("this month", .month, "2021-09", "2021-09-01", "2021-09-30"),
        ("last month", .month, "2021-08", "2021-08-01", "2021-08-31"),
        ("2020", .year, "2020", "2020-01-01", "2020-12-31"),
        ("this year", .year, "2021", "2021-01-01", "2021-12-31"),
        ("last year", .year, "2020", "2020-01-01", "2020-12-31"),
        ("2020-Q1", .quarter, "2020-Q1", "2020-01-01", "2020-03-31"),
        ("2020-Q2", .quarter, "2020-Q2", "2020-04-01", "2020-06-30"),
        ("2020-Q3", .quarter, "2020-Q3", "2020-07-01", "2020-09-30"),
        ("2020-q4", .quarter, "2020-Q4", "2020-10-01", "2020-12-31"),
        ("this quarter", .quarter, "2021-Q3", "2021-07-01", "2021-09-30"),
        ("last quarter", .quarter, "2021-Q2", "2021-04-01", "2021-06-30"),
        ("2021-11-01..2021-12-31", .range, "2021-11-01..2021-12-31", "2021-11-01", "2021-12-31"),
        ("2021-11..2021-12", .range, "2021-11-01..2021-12-31", "2021-11-01", "2021-12-31"),
        ("2020-02..2020-02", .range, "2020-02-01..2020-02-29", "2020-02-01", "2020-02-29"),
        ("2021-11-15..2021-12", .range, "2021-11-15..2021-12-31", "2021-11-15", "2021-12-31"),
        ("1/11/2021..31/12/2021", .range, "2021-11-01..2021-12-31", "2021-11-01", "2021-12-31"),
        ("2021-09-01..today", .range, "2021-09-01..2021-09-23", "2021-09-01", "2021-09-23"),
        ("2020-12-31..2021-01-01", .range, "2020-12-31..2021-01-01", "2020-12-31", "2021-01-01"),
        ("2021-11-01..2021-11-01", .range, "2021-11-01..2021-11-01", "2021-11-01", "2021-11-01"),
    ])
    func periods(_ text: String, _ kind: Period.Kind, _ key: String, _ start: String, _ end: String) throws {
        let p = try Self.period(text)
        #expect(p.kind == kind)
        #expect(p.key == key)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test func lastQuarterAndYearAcrossTheNewYear() throws {
        let newYear = Day(year: 2021, month: 1, day: 1)!
        #expect(try Self.period("last quarter", today: newYear).key == "2020-Q4")
        #expect(try Self.period("last month", today: newYear).key == "2020-12")
        #expect(try Self.period("last year", today: newYear).key == "2020")
        #expect(try Self.period("yesterday", today: newYear).key == "2020-12-31")
    }

    @Test(arguments: [
        ("2021-12-31..2021-11-01", Problem.badPeriod("2021-12-31..2021-11-01")),
        ("2021-12..2021-11", .badPeriod("2021-12..2021-11")),
        ("2021-11-01..", .badPeriod("2021-11-01..")),
        ("..2021-11-01", .badPeriod("..2021-11-01")),
        ("2021-11-01..2021-13-01", .impossibleDate("2021-13-01")),
        ("2021-11-01...2021-12-31", .badPeriod("2021-11-01...2021-12-31")),
        ("2020-Q5", .badPeriod("2020-Q5")),
        ("2020-Q0", .badPeriod("2020-Q0")),
        ("2020-Q", .badPeriod("2020-Q")),
        ("Q3", .badPeriod("Q3")),
        ("sometime", .badPeriod("sometime")),
        ("2021-02-29", .impossibleDate("2021-02-29")),
        ("2020-13", .badMonth("2020-13")),
        ("31 Februari 2021", .impossibleDate("31 Februari 2021")),
        ("99999999999999999999-01-01", .badPeriod("99999999999999999999-01-01")),
        ("99999999999999999999", .badPeriod("99999999999999999999")),
    ])
    func notPeriods(_ text: String, _ problem: Problem) throws {
        let tokens = try Lexer.tokenize(text)
        let e = #expect(throws: BazarError.self) { try DateWords.parsePeriod(tokens, at: 0, today: Self.today) }
        #expect(e?.problem == problem)
        #expect(e?.span == SourceSpan(start: 0, end: text.utf8.count))
    }

    @Test func reversedRangeSaysHowToWriteIt() throws {
        let tokens = try Lexer.tokenize("report range 2021-12-31..2021-11-01")
        let e = #expect(throws: BazarError.self) { try DateWords.parsePeriod(tokens, at: 2, today: Self.today) }
        #expect(e?.span == SourceSpan(start: 13, end: 35))
        #expect(e?.hint?.contains("2021-11-01..2021-12-31") == true)
    }

    @Test func periodStopsAtTheNextKeyword() throws {
        let tokens = try Lexer.tokenize("report month Agustus 2020 by day")
        let (p, next) = try DateWords.parsePeriod(tokens, at: 2, today: Self.today)
        #expect(p.key == "2020-08")
        #expect(tokens[next].text == "by")
    }

    // MARK: Day arithmetic the parsers rely on

    @Test(arguments: [(2000, true), (2020, true), (2024, true), (1900, false), (2100, false), (2021, false)])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(Day.isLeap(year) == leap)
        #expect((Day(year: year, month: 2, day: 29) != nil) == leap)
    }

    @Test(arguments: ["1970-01-01", "2020-02-29", "2020-12-31", "2021-01-01", "0001-01-01", "9999-12-31"])
    func ordinalRoundTrip(_ iso: String) {
        let d = Day(iso: iso)!
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.adding(days: 1).adding(days: -1) == d)
    }
}
