import GRDB

/// `report …` (SPEC section 4): reads the report's words, computes it with `ReportEngine`, and returns
/// it as a `ReportResult` value for `ReportRenderer`.
extension Session {
    func report(_ cmd: ParsedCommand) throws -> Outcome {
        do {
            let request = try parseReport(cmd)
            if request.dimension2 != nil { return .crossTab(try computeCrossTab(request)) }
            return .report(try computeReport(request))
        } catch let e as DatabaseError {
            // A store error anywhere in a report reaches the user in words, never as SQLite's text.
            throw ReportEngine.translate(e, path: storePath)
        }
    }

    // MARK: grammar

    func parseReport(_ cmd: ParsedCommand) throws -> ReportRequest {
        let toks = cmd.tokens("words")
        guard let first = toks.first else {
            throw BazarError(.incompleteCommand(usage: ReportHelp.usage), at: cmd.commandSpan)
        }
        guard first.isWord, let kind = ReportKind(rawValue: first.text.lowercased()) else {
            throw BazarError(.badChoice(attribute: "report", value: first.text, allowed: ReportKind.allCases.map(\.rawValue)), at: first.span)
        }
        var req = ReportRequest(kind: kind)
        var i = 1
        let endSpan = SourceSpan(start: toks.last!.span.end, end: toks.last!.span.end)
        func atOption() -> Bool {
            i < toks.count && toks[i].isWord && ReportRequest.optionWords.contains(toks[i].text.lowercased())
        }
        func usage() -> String { kind.usage }

        // The words that follow the kind.
        switch kind {
        case .month:
            if i < toks.count && !atOption() {
                let (p, next) = try DateWords.parseMonth(toks, at: i, today: today)
                req.period = p; req.periodSpan = toks[i].span.union(toks[next - 1].span); i = next
            } else {
                req.period = Period.month(year: today.year, month: today.month)
            }
        case .year:
            if i < toks.count && !atOption() {
                let (p, next) = try DateWords.parseYear(toks, at: i, today: today)
                req.period = p; i = next
            } else {
                req.period = Period.year(today.year)
            }
        case .range:
            guard i < toks.count else {
                throw BazarError(.incompleteCommand(usage: usage()), at: endSpan)
            }
            let (p, next) = try DateWords.parsePeriod(toks, at: i, today: today)
            req.period = p; i = next
        case .event:
            if i < toks.count && !atOption() {
                let t = toks[i]
                guard let e = try records.event(id: t.text) else { throw unknownEvent(t.text, at: t.span) }
                req.event = e; i += 1
            } else {
                guard let current = context.event else {
                    throw BazarError(.noCurrentEvent, at: cmd.commandSpan)
                }
                req.event = try records.event(id: current.id) ?? current
            }
        case .participant:
            guard i < toks.count, !atOption() else {
                throw BazarError(.incompleteCommand(usage: usage()), at: i < toks.count ? toks[i].span : endSpan)
            }
            req.participant = try participant(toks[i].text, at: toks[i].span); i += 1
        case .top:
            guard i < toks.count else { throw BazarError(.incompleteCommand(usage: usage()), at: endSpan) }
            let w = toks[i].text.lowercased()
            switch w {
            case "products", "product": req.topOf = .product
            case "participants", "participant": req.topOf = .participant
            case "categories", "category": req.topOf = .category
            default:
                throw BazarError(.badChoice(attribute: "ranking", value: toks[i].text, allowed: ["products", "participants", "categories"]), at: toks[i].span)
            }
            i += 1
            if i < toks.count && !atOption() { i = try parsePeriodOrEvent(toks, at: i, into: &req) }
        case .unsold:
            if i < toks.count && !atOption() { i = try parsePeriodOrEvent(toks, at: i, into: &req) }
        }

        // Filters, `by`, `limit`, and a period for the reports that do not fix one.
        var seen: Set<String> = []
        while i < toks.count {
            let t = toks[i]
            let w = t.text.lowercased()
            guard t.isWord, ReportRequest.optionWords.contains(w) else {
                throw BazarError(.unexpectedWord(t.text, usage: usage()), at: t.span)
            }
            let periodWord = ["year", "month", "range", "period"].contains(w)
            // A second `by` makes a cross-tab (`by D1 by D2`); a third is one too many.
            let seenKey = periodWord ? "period" : (w == "by" && seen.contains("by") && !seen.contains("by2") ? "by2" : w)
            if seen.contains(seenKey) || (periodWord && req.period != nil) || (w == "event" && req.event != nil) {
                throw BazarError(.duplicateAttribute(w), at: t.span)
            }
            seen.insert(seenKey)
            guard i + 1 < toks.count, toks[i + 1].kind != .redirect(append: false), toks[i + 1].kind != .redirect(append: true) else {
                throw BazarError(.expected("a value after '\(w)'", found: nil), at: SourceSpan(start: t.span.end, end: t.span.end))
            }
            let v = toks[i + 1]
            i += 2
            switch w {
            case "program": req.program = try storedValue(v, of: "program")
            case "kota": req.kota = try storedValue(v, of: "kota")
            case "kecamatan": req.kecamatan = try storedValue(v, of: "kecamatan")
            case "category": req.category = try storedValue(v, of: "category")
            case "channel":
                let c = v.text.lowercased()
                guard ["online", "offline"].contains(c) else {
                    throw BazarError(.badChoice(attribute: "channel", value: v.text, allowed: ["online", "offline"]), at: v.span)
                }
                req.channel = c
            case "mode":
                let m = v.text.lowercased()
                guard ["online", "offline", "hybrid"].contains(m) else {
                    throw BazarError(.badChoice(attribute: "mode", value: v.text, allowed: ["online", "offline", "hybrid"]), at: v.span)
                }
                req.mode = m
            case "event":
                guard let e = try records.event(id: v.text) else { throw unknownEvent(v.text, at: v.span) }
                req.event = e
            case "by":
                // `report top … by D`: the ranking down, D across (a cross-tab).
                guard kind != .unsold else { throw BazarError(.unexpectedWord(t.text, usage: usage()), at: t.span) }
                guard let d = ReportDimension(rawValue: v.text.lowercased()) else {
                    throw BazarError(.badChoice(attribute: "dimension", value: v.text, allowed: ReportDimension.allCases.map(\.rawValue)), at: v.span)
                }
                if req.dimension != nil || kind == .top {
                    try req.setColumnDimension(d, at: v.span)
                } else {
                    req.dimension = d
                }
            case "limit":
                guard v.isWord, let n = Int(v.text), n >= 1, n <= 1_000_000 else {
                    throw BazarError(.expected("a number of rows, 1 or more", found: v.text), at: v.span)
                }
                req.limit = n
            default: // year, month, range, period
                guard [.participant, .top, .unsold].contains(kind) else {
                    throw BazarError(.unexpectedWord(t.text, usage: usage()), at: t.span)
                }
                let (p, next): (Period, Int)
                switch w {
                case "year": (p, next) = try DateWords.parseYear(toks, at: i - 1, today: today)
                case "month": (p, next) = try DateWords.parseMonth(toks, at: i - 1, today: today)
                default: (p, next) = try DateWords.parsePeriod(toks, at: i - 1, today: today)
                }
                req.period = p; i = next
            }
        }
        return req
    }

    /// The scope of `report top|unsold`: a period, else an event id (a bare word that reads as a period is one).
    func parsePeriodOrEvent(_ toks: [Token], at i: Int, into req: inout ReportRequest) throws -> Int {
        do {
            let (p, next) = try DateWords.parsePeriod(toks, at: i, today: today)
            req.period = p
            return next
        } catch let periodError {
            let t = toks[i]
            if t.isWord, let e = try records.event(id: t.text) {
                req.event = e
                return i + 1
            }
            let close = Suggest.closest(to: t.text, among: (try? records.ids(table: "event")) ?? [])
            if t.isWord, close != nil { throw unknownEvent(t.text, at: t.span) }
            throw periodError
        }
    }

    /// A free-text filter's value, which must match a value in the store (SPEC section 4: a slip must not
    /// give a confident Rp 0); an error with `did you mean` otherwise.
    func storedValue(_ token: Token, of attribute: String) throws -> String {
        let sources: [String]
        switch attribute {
        case "program": sources = ["SELECT DISTINCT program FROM event WHERE program IS NOT NULL"]
        case "category": sources = ["SELECT DISTINCT category FROM participant WHERE category IS NOT NULL",
                                    "SELECT DISTINCT category FROM product WHERE category IS NOT NULL"]
        default: sources = ["SELECT DISTINCT \(attribute) FROM participant WHERE \(attribute) IS NOT NULL"]
        }
        let value = token.text
        let values: [String]
        do {
            values = try sources.flatMap { try store.values($0, as: String.self) }
        } catch let e as DatabaseError {
            throw ReportEngine.translate(e, path: storePath)
        }
        let folded = ReportEngine.fold(value)
        if values.contains(where: { ReportEngine.fold($0) == folded }) { return value }
        throw BazarError(.noSuchValue(attribute: attribute, value: value, suggestion: Suggest.closest(to: value, among: values)), at: token.span)
    }

    // MARK: computing

    func computeReport(_ req: ReportRequest) throws -> ReportResult {
        var scope = req.scope
        scope.dialect = store.dialect
        var engine = ReportEngine(store: store, scope: scope)
        engine.storePath = storePath
        try engine.pinEvents()
        let dim = req.effectiveDimension

        var figures: [ReportFigures]
        var totals: ReportTotals
        var extraTotals: [(String, Cell)] = []
        var columns = ReportRequest.rowColumns
        var allRows: [ReportFigures] = []
        switch req.kind {
        case .unsold:
            let all = try engine.listings()
            totals = try engine.totals(sales: nil)
            let unsold = all.filter { $0.sales == 0 }.sorted { ($0.key ?? "", $0.event ?? "") < ($1.key ?? "", $1.event ?? "") }
            let lowest = all.filter { $0.sales > 0 }
                .sorted { ($0.omzet, $0.key ?? "", $0.event ?? "") < ($1.omzet, $1.key ?? "", $1.event ?? "") }
                .prefix(req.limit ?? 10)
            figures = unsold + lowest
            extraTotals.append(("unsold", .int(Int64(unsold.count))))
            columns.insert(contentsOf: ["name", "event"], at: 1)
        default:
            var (rows, salesTotal, units) = try engine.rows(by: dim, top: req.kind == .top ? (req.limit ?? 10) : nil)
            if req.kind == .year && dim == .month, let p = req.period { rows = ReportRequest.twelveMonths(rows, year: p.start.year) }
            allRows = rows
            totals = try engine.totals(sales: salesTotal, units: units)
            figures = rows
            if req.kind != .top, let n = req.limit { figures = Array(figures.prefix(n)) }
            if dim.hasName { columns.insert("name", at: 1) }
        }

        func row(_ f: ReportFigures) -> [Cell] {
            var r: [Cell] = [f.key.map(Cell.text) ?? .null, .money(f.omzet), .int(f.units), .int(f.sales),
                             .int(f.participants), .int(f.stalls), .int(f.products), ReportRequest.percent(f.omzet, of: totals.omzet)]
            if req.kind == .unsold {
                r.insert(contentsOf: [f.name.map(Cell.text) ?? .null, f.event.map(Cell.text) ?? .null], at: 1)
            } else if columns.contains("name") {
                r.insert(f.name.map(Cell.text) ?? .null, at: 1)
            }
            return r
        }

        var best: [Cell]?
        if req.kind == .year {
            let months = dim == .month ? allRows : try engine.rows(by: .month).rows
            if let top = months.max(by: { a, b in a.omzet < b.omzet || (a.omzet == b.omzet && (a.key ?? "") > (b.key ?? "")) }), top.omzet > 0 {
                best = row(top)
            }
        }

        var totalPairs: [(String, Cell)] = [
            ("events", .int(totals.events)), ("omzet", .money(totals.omzet)), ("units", .int(totals.units)),
            ("sales", .int(totals.sales)), ("participants", .int(totals.participants)), ("stalls", .int(totals.stalls)),
            ("products", .int(totals.products)), ("listings", .int(totals.listings)),
            ("target", totals.target.map(Cell.money) ?? .null),
            ("achievement_pct", totals.target.map { ReportRequest.percent(totals.targetedOmzet, of: $0) } ?? .null),
        ]
        totalPairs += extraTotals

        return ReportResult(report: req.kind.rawValue, title: req.title, scope: req.scopePairs, totals: totalPairs,
                            rows: ResultTable(columns: columns, rows: figures.map(row)),
                            namesBest: req.kind == .year, best: best, bestLabel: "best month", chart: settings.currentChart())
    }
}

enum ReportKind: String, CaseIterable, Sendable {
    case month, year, event, range, participant, top, unsold

    var usage: String {
        switch self {
        case .month: return "report month [MONTH] [FILTER VALUE …] [by DIMENSION]"
        case .year: return "report year [YEAR] [FILTER VALUE …] [by DIMENSION]"
        case .event: return "report event [ID] [FILTER VALUE …] [by DIMENSION]"
        case .range: return "report range PERIOD [FILTER VALUE …] [by DIMENSION]"
        case .participant: return "report participant ID [year YEAR] [FILTER VALUE …] [by DIMENSION]"
        case .top: return "report top products|participants|categories [PERIOD|EVENT] [FILTER VALUE …] [by DIMENSION] [limit N]"
        case .unsold: return "report unsold [PERIOD|EVENT] [FILTER VALUE …] [limit N]"
        }
    }
}

/// A `report` command as read: kind, period, filters, dimension.
struct ReportRequest {
    var kind: ReportKind
    var period: Period?
    var periodSpan: SourceSpan?
    var program: String?
    var mode: String?
    var event: EventRecord?
    var kota: String?
    var kecamatan: String?
    var participant: ParticipantRecord?
    var category: String?
    var channel: String?
    var dimension: ReportDimension?
    /// The second `by` of a cross-tab: its columns.
    var dimension2: ReportDimension?
    var limit: Int?
    var topOf: ReportDimension?

    init(kind: ReportKind) { self.kind = kind }

    static let optionWords: Set<String> = ["program", "kota", "kecamatan", "category", "channel", "mode", "event", "by", "limit",
                                           "year", "month", "range", "period"]
    static let rowColumns = ["key", "omzet", "units", "sales", "participants", "stalls", "products", "share_pct"]

    /// The dimension rows are grouped by: `by`, else the report's default.
    var effectiveDimension: ReportDimension {
        if let t = topOf { return t }
        if let d = dimension { return d }
        switch kind {
        case .month: return .event
        case .year: return .month
        case .event: return .day
        case .range:
            guard let p = period else { return .month }
            return p.end.ordinal - p.start.ordinal < 31 ? .day : .month
        case .participant: return .event
        case .top, .unsold: return .product
        }
    }

    var filterPairs: [(String, String)] {
        var f: [(String, String)] = []
        if let v = program { f.append(("program", v)) }
        if let v = mode { f.append(("mode", v)) }
        if kind != .event, let e = event { f.append(("event", e.id)) }
        if let v = kota { f.append(("kota", v)) }
        if let v = kecamatan { f.append(("kecamatan", v)) }
        if let v = category { f.append(("category", v)) }
        if let v = channel { f.append(("channel", v)) }
        return f
    }

    var scopePairs: [(String, Cell)] {
        var s: [(String, Cell)] = []
        if kind == .event, let e = event {
            s.append(("event", .text(e.id)))
            s.append(("from", .day(e.start.iso)))
            s.append(("to", .day(e.end.iso)))
        }
        if let p = participant { s.append(("participant", .text(p.id))) }
        if kind == .top, let t = topOf { s.append(("top", .text(t == .category ? "categories" : t.rawValue + "s"))) }
        if let p = period {
            s.append(("period", .text(p.key)))
            s.append(("from", .day(p.start.iso)))
            s.append(("to", .day(p.end.iso)))
        }
        for (k, v) in filterPairs { s.append((k, .text(v))) }
        s.append(("by", .text(kind == .unsold ? "listing" : effectiveDimension.rawValue)))
        if let d2 = dimension2 { s.append(("across", .text(d2.rawValue))) }
        if let n = limit ?? ((kind == .top || kind == .unsold) ? 10 : nil) { s.append(("limit", .int(Int64(n)))) }
        return s
    }

    /// `report year 2020 · program BORJU · by month`
    var title: String {
        var parts: [String] = []
        var head = "report \(kind.rawValue)"
        if kind == .event, let e = event { head += " \(e.id) (\(Session.describeDates(e)))" }
        if let p = participant { head += " \(p.id)" }
        if kind == .top, let t = topOf { head += " " + (t == .category ? "categories" : t.rawValue + "s") }
        if let p = period { head += " " + p.key }
        parts.append(head)
        for (k, v) in filterPairs { parts.append("\(k) \(v.contains(" ") ? "\"\(v)\"" : v)") }
        if kind != .top && kind != .unsold { parts.append("by \(effectiveDimension.rawValue)") }
        if let d2 = dimension2 { parts[parts.count - 1] += (kind == .top ? " · by " : " by ") + d2.rawValue }
        return parts.joined(separator: " · ")
    }

    /// All twelve months of `report year … by month`, a month without events as a row of zeros.
    static func twelveMonths(_ rows: [ReportFigures], year: Int) -> [ReportFigures] {
        let y = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        let byKey = Dictionary(rows.map { ($0.key ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        return (1...12).map { m in
            let k = y + "-" + (m < 10 ? "0" : "") + String(m)
            return byKey[k] ?? ReportFigures(key: k)
        }
    }

    /// `part / whole` as a percentage in tenths, rounded half up, in integers only. Null when `whole` is 0.
    static func percent(_ part: Int64, of whole: Int64) -> Cell {
        guard whole > 0, part >= 0 else { return .null }
        let q = part / whole, r = part % whole
        let (hundreds, overflow) = q.multipliedReportingOverflow(by: 1000)
        if overflow { return .null }
        let wide = r.multipliedFullWidth(by: 1000)
        let (frac, rem) = whole.dividingFullWidth(wide)
        let rounded = frac + (rem >= whole - rem ? 1 : 0)
        let (t, overflow2) = hundreds.addingReportingOverflow(rounded)
        return overflow2 ? .null : .tenths(t)
    }
}

enum ReportHelp {
    static let usage = "report month|year|event|range|participant|top|unsold …"

    static let text = """

        Reports:
          report month [MONTH]                 a month (default this month), by event
          report year [YEAR]                   a year (default this year), by month; names the best month
          report event [ID]                    an event (default the current one), by day; target and achievement
          report range PERIOD                  any period (day, month, quarter 2020-Q3, year, A..B), by day or month
          report participant ID [year YEAR]    one business, by event
          report top products|participants|categories [PERIOD|EVENT] [limit N]   the best sellers (default 10)
          report unsold [PERIOD|EVENT] [limit N]   listings that sold nothing, then the N lowest sellers
        Filters (any report): program P, mode online|offline|hybrid, event ID, kota K, kecamatan K,
          category C, channel online|offline; kota and kecamatan are the business's. A value that
          matches nothing in the store is an error. Text values group without case.
        by DIMENSION: month, day, event, program, mode, participant, product, category, kota,
          kecamatan, channel, buyer. Two make a cross-tab: by D1 by D2 (D1 down, D2 across, omzet;
          report top … by D puts the ranking down and D across).
        Totals: events, omzet, units, sales, participants, stalls, products, listings, target,
          achievement_pct (only when no participant, place, category or channel filter narrows the
          scope). Rows name their event, participant or product. Voided sales never count. An event
          the period only partly covers counts with all its stalls and listings; its sales count on
          the days inside the period.
        Examples:
          report year 2020 program BORJU
          report month Agustus 2020
          report event jakpus-2021-09 by kecamatan
          report event jakpus-2021-09 by kecamatan by day > kecamatan.xlsx
          report range 2021-11-26..2021-12-05 program JBL by event
          report top products 2021 limit 5
          report unsold year 2020 program BORJU
          report unsold borju-2020-08

        """
}
