import GRDB

/// What `by` groups rows by (SPEC section 4).
enum ReportDimension: String, CaseIterable, Sendable {
    case month, day, event, program, mode, participant, product, category, kota, kecamatan, channel, buyer

    var isTime: Bool { self == .month || self == .day }
    /// Dimensions that are attributes of the event.
    var needsEvent: Bool { self == .event || self == .program || self == .mode }
    /// Dimensions that are attributes of the participant (or its products).
    var needsParticipant: Bool { self == .participant || self == .product || self == .category || self == .kota || self == .kecamatan }
    var needsProduct: Bool { self == .product || self == .category }
}

/// The scope of a report: which events, which stalls and listings, which sales.
///
/// What is in scope (SPEC section 4, decided here where the spec is silent):
/// - **Events** in scope are those whose dates overlap the period (all events when there is none)
///   and that match the event filters (`program`, `mode`, `event`).
/// - **Stalls and listings** in scope are those of the events in scope, counted in full even when the
///   period covers only part of an event (an event that ran in August counts its stalls in August,
///   whether or not they sold, and whether the period holds one of its days or all of them), and narrowed
///   by the participant filters (`kota`, `kecamatan`: the participant's place; `report participant`),
///   `category` (the product's, else the participant's) and `channel` (a stall or listing belongs to the
///   channels it sold on, and one that sold nothing to its event's usual channel: online for an online
///   event, offline otherwise).
/// - **Sales** in scope are the sales not void, of events in scope, on days inside the period, matching
///   every filter. A sale for a whole stall (no product) takes the participant's category.
/// - With a participant, category or channel filter, `events` counts the events that had a stall in scope.
/// - In rows by month or day, a row's stalls, participants and products are those of the events that
///   ran in that month or on that day; by buyer they are those that sold to the buyer.
struct ReportScope {
    var period: Period?
    var program: String?
    var mode: String?
    var eventNo: Int64?
    var kota: String?
    var kecamatan: String?
    var participantNo: Int64?
    var category: String?
    var channel: String?

    var hasEventFilter: Bool { program != nil || mode != nil || eventNo != nil }
    var hasParticipantFilter: Bool { kota != nil || kecamatan != nil || participantNo != nil }
    /// Filters that narrow stalls (so `events` counts the events that had one).
    var narrowsStalls: Bool { hasParticipantFilter || category != nil || channel != nil }

    var arguments: StatementArguments {
        var d: [String: DatabaseValueConvertible?] = [:]
        d["ps"] = period?.start.iso
        d["pe"] = period?.end.iso
        d["program"] = program
        d["mode"] = mode
        d["event"] = eventNo
        d["kota"] = kota
        d["kecamatan"] = kecamatan
        d["participant"] = participantNo
        d["category"] = category
        d["channel"] = channel
        return StatementArguments(d)
    }
}

/// One row's figures before formatting.
struct ReportFigures {
    var key: String?
    var omzet: Int64 = 0
    var units: Int64 = 0
    var sales: Int64 = 0
    var participants: Int64 = 0
    var stalls: Int64 = 0
    var products: Int64 = 0
    /// For `report unsold`: the listing's event.
    var event: String?
}

/// The scope's totals before formatting.
struct ReportTotals {
    var events: Int64 = 0
    var omzet: Int64 = 0
    var units: Int64 = 0
    var sales: Int64 = 0
    var participants: Int64 = 0
    var stalls: Int64 = 0
    var products: Int64 = 0
    var listings: Int64 = 0
    var target: Int64?
    /// Omzet of the events that have a target, in scope.
    var targetedOmzet: Int64 = 0
}

/// Computes reports with SQL aggregates: sales are summed by SQLite over the `sale_day` covering index
/// (a range on `day`), and stall, participant and listing counts come from the small stall and listing
/// tables joined to the events in scope, never from the sales. Nothing here loops over sales.
struct ReportEngine {
    let db: Database
    let scope: ReportScope

    // MARK: SQL pieces

    /// `E`: the events in scope.
    var eventsCTE: String {
        var c = ["1"]
        if scope.period != nil { c.append("start_date <= :pe AND end_date >= :ps") }
        if scope.program != nil { c.append("program = :program COLLATE NOCASE") }
        if scope.mode != nil { c.append("mode = :mode") }
        if scope.eventNo != nil { c.append("event_no = :event") }
        return "E AS (SELECT event_no, id, program, mode, target, start_date, end_date FROM event WHERE \(c.joined(separator: " AND ")))"
    }

    /// `D`: every day each event in scope ran inside the period; `K`: the distinct (event, key) of a time dimension.
    func timeCTE(_ dim: ReportDimension) -> String {
        let first = scope.period != nil ? "max(start_date, :ps)" : "start_date"
        let last = scope.period != nil ? "min(end_date, :pe)" : "end_date"
        let key = dim == .month ? "substr(day, 1, 7)" : "day"
        return """
            D(event_no, day, last) AS (SELECT event_no, \(first), \(last) FROM E
                UNION ALL SELECT event_no, date(day, '+1 day'), last FROM D WHERE day < last),
            K AS (SELECT DISTINCT event_no, \(key) AS key FROM D)
            """
    }

    /// Whether a stall/listing row (`st`, `l`, `e`) belongs to channel `ch` (an SQL expression): it sold on that
    /// channel, or it sold nothing and the channel is its event's usual one. What a listing (or a stall, for sales
    /// of the whole stall) sold on is kept in its `channels` bits (1 online, 2 offline) as sales are added and voided.
    static func channelCondition(_ ch: String) -> String {
        let sold = "(CASE WHEN l.product_no IS NULL THEN st.whole_channels ELSE l.channels END)"
        return """
            (CASE WHEN \(sold) = 0 THEN CASE e.mode WHEN 'online' THEN 'online' ELSE 'offline' END = \(ch)
                  ELSE \(sold) & (CASE \(ch) WHEN 'online' THEN 1 ELSE 2 END) <> 0 END)
            """
    }

    /// Conditions on participant `pa` and stall `st`.
    var participantConditions: [String] {
        var c: [String] = []
        if scope.kota != nil { c.append("pa.kota = :kota COLLATE NOCASE") }
        if scope.kecamatan != nil { c.append("pa.kecamatan = :kecamatan COLLATE NOCASE") }
        if scope.participantNo != nil { c.append("st.participant_no = :participant") }
        return c
    }

    static let categoryExpression = "COALESCE(pr.category, pa.category)"

    /// Stall × listing rows in scope (a stall without listings gives one row with no product).
    /// `wholeStall`: also one row without product for each stall that has sales for the whole stall.
    /// Joins only what the filters and `needs…` ask for, so that SQLite walks the events' stalls by index.
    func unitsFrom(wholeStall: Bool = false, needsParticipant: Bool = false, needsProduct: Bool = false,
                   extraJoin: String = "", extraConditions: [String] = []) -> String {
        let listing = wholeStall
            ? "(SELECT stall_no, product_no, channels FROM listing WHERE stall_no IN (SELECT stall_no FROM stall WHERE event_no IN (SELECT event_no FROM E))"
                + " UNION SELECT stall_no, NULL, whole_channels FROM stall WHERE whole_channels <> 0 AND event_no IN (SELECT event_no FROM E))"
            : "listing"
        var c = participantConditions
        if scope.category != nil { c.append("\(ReportEngine.categoryExpression) = :category COLLATE NOCASE") }
        if scope.channel != nil { c.append(ReportEngine.channelCondition(":channel")) }
        c += extraConditions
        let joinProduct = needsProduct || scope.category != nil
        let joinParticipant = needsParticipant || joinProduct || scope.kota != nil || scope.kecamatan != nil
        return "FROM E e CROSS JOIN stall st ON st.event_no = e.event_no"
            + (joinParticipant ? " CROSS JOIN participant pa ON pa.participant_no = st.participant_no" : "")
            + " LEFT JOIN \(listing) l ON l.stall_no = st.stall_no"
            + (joinProduct ? " LEFT JOIN product pr ON pr.product_no = l.product_no" : "")
            + " \(extraJoin) WHERE " + (["1"] + c).joined(separator: " AND ")
    }

    /// True when no filter looks at listings (category, channel): stalls can then be counted from the
    /// stall rows alone and products from the listing rows, which is cheaper than one join of both.
    var stallLevel: Bool { scope.category == nil && scope.channel == nil }

    /// Stalls in scope, for `stallLevel` scopes.
    func stallsFrom(needsParticipant: Bool = false, extraJoin: String = "") -> String {
        let joinParticipant = needsParticipant || scope.kota != nil || scope.kecamatan != nil
        return "FROM E e CROSS JOIN stall st ON st.event_no = e.event_no"
            + (joinParticipant ? " CROSS JOIN participant pa ON pa.participant_no = st.participant_no" : "")
            + " \(extraJoin) WHERE " + (["1"] + participantConditions).joined(separator: " AND ")
    }

    /// The sums over the relation `s` of `salesFrom`.
    static let sums = "sum(s.amount), sum(s.qty), sum(s.n)"

    /// Sales in scope as a relation `s` of pre-aggregated groups (`amount`, `qty`, `n` sales), grouped by the sale
    /// columns the key and the filters need (`event_no`, `stall_no`, `product_no`, the key `k`), then joined to
    /// events, stalls, participants and products: the joins are done once per group, not once per sale, and
    /// the inner scan reads only the covering index `sale_day` over a range of days.
    func salesFrom(_ dim: ReportDimension? = nil, extraConditions: [String] = []) -> String {
        let joinEvent = (dim?.needsEvent ?? false) || scope.hasEventFilter
        let joinProduct = (dim?.needsProduct ?? false) || scope.category != nil
        let joinParticipant = (dim?.needsParticipant ?? false) || dim == .buyer || joinProduct || scope.hasParticipantFilter
        // By product (and category) the groups are products, whose participant the product names; only sales
        // for a whole stall (no product) are grouped by stall. Otherwise by stall when the participant is needed.
        let productPath = joinProduct && dim != .buyer
        var groups: [String] = []
        if joinEvent { groups.append("event_no") }
        if productPath {
            groups += ["product_no", "CASE WHEN product_no IS NULL THEN stall_no END AS stall_no"]
        } else {
            if joinParticipant { groups.append("stall_no") }
            if dim == .buyer { groups.append("product_no") }
        }
        switch dim {
        case .month?: groups.append("substr(day, 1, 7) AS k")
        case .day?: groups.append("day AS k")
        case .channel?: groups.append("channel AS k")
        case .buyer?: groups.append("buyer AS k")
        default: break
        }
        var inner = ["void = 0"]
        if scope.period != nil { inner.append("day BETWEEN :ps AND :pe") }
        if scope.channel != nil { inner.append("channel = :channel") }
        inner += extraConditions
        // Grouped in the order of the covering index sale_day (day, event_no, stall_no, …), SQLite sums the
        // groups as it scans instead of sorting every sale first (report year on a million sales: the inner
        // query went from about 60 ms to 20 ms). A stall belongs to one event and a day to one month, so the
        // finer groups change no sum; the outer query adds them up by key.
        var selected = groups
        var grouped = groups.count
        if !productPath && dim != .channel && dim != .buyer {
            let needStall = groups.contains("stall_no")
            let needEvent = needStall || groups.contains("event_no")
            selected = ["day"] + (needEvent ? ["event_no"] : []) + (needStall ? ["stall_no"] : [])
            grouped = selected.count
            switch dim {
            case .month?: selected.append("substr(day, 1, 7) AS k")
            case .day?: selected.append("day AS k")
            default: break
            }
        }
        let groupBy = grouped == 0 ? "" : " GROUP BY " + (1...grouped).map(String.init).joined(separator: ", ")
        var from = "FROM (SELECT " + (selected + ["sum(amount) AS amount", "sum(qty) AS qty", "count(*) AS n"]).joined(separator: ", ")
            + " FROM sale WHERE " + inner.joined(separator: " AND ") + groupBy + ") s"
        if joinEvent { from += " CROSS JOIN E e ON e.event_no = s.event_no" }
        var c = participantConditions
        if productPath {
            from += " LEFT JOIN product pr ON pr.product_no = s.product_no LEFT JOIN stall st ON st.stall_no = s.stall_no"
                + " CROSS JOIN participant pa ON pa.participant_no = COALESCE(pr.participant_no, st.participant_no)"
            c = c.map { $0.replacingOccurrences(of: "st.participant_no", with: "pa.participant_no") }
        } else if joinParticipant {
            from += " CROSS JOIN stall st ON st.stall_no = s.stall_no CROSS JOIN participant pa ON pa.participant_no = st.participant_no"
        }
        if scope.category != nil { c.append("\(ReportEngine.categoryExpression) = :category COLLATE NOCASE") }
        return from + (c.isEmpty ? "" : " WHERE " + c.joined(separator: " AND "))
    }

    static func salesKey(_ dim: ReportDimension) -> String {
        switch dim {
        case .month, .day, .channel, .buyer: return "s.k"
        default: return unitKey(dim)
        }
    }

    // MARK: queries

    func fetch(_ sql: String) throws -> [Row] {
        do {
            return try Row.fetchAll(db, sql: sql, arguments: scope.arguments)
        } catch let e as DatabaseError where (e.message ?? "").contains("integer overflow") {
            throw BazarError(.reportOverflow)
        }
    }

    /// Rows of one dimension: sale figures and stall figures merged by key.
    /// `top`: only the N best-selling rows (products other than whole-stall sales), whose stall figures alone
    /// are then counted. `salesTotal` is the sum of the sale figures of all rows, before `top`.
    func rows(by dim: ReportDimension, top: Int? = nil) throws -> (rows: [ReportFigures], salesTotal: (omzet: Int64, units: Int64, sales: Int64)) {
        var byKey: [String?: ReportFigures] = [:]
        var order: [String?] = []
        func slot(_ key: String?) -> String? {
            if byKey[key] == nil { byKey[key] = ReportFigures(key: key); order.append(key) }
            return key
        }
        let distincts = dim == .buyer
            ? ", count(DISTINCT st.participant_no), count(DISTINCT s.stall_no), count(DISTINCT s.product_no)" : ""
        let salesSQL = "WITH \(eventsCTE) SELECT \(ReportEngine.salesKey(dim)), \(ReportEngine.sums)\(distincts) "
            + salesFrom(dim)
            // By product, group on integers (the key follows from them) rather than on the key text.
            + (dim == .product ? " GROUP BY s.product_no, pa.participant_no" : " GROUP BY 1")
        for r in try fetch(salesSQL) {
            let k = slot(r[0] as String?)
            byKey[k]!.omzet = r[1] ?? 0
            byKey[k]!.units = r[2] ?? 0
            byKey[k]!.sales = r[3] ?? 0
            if dim == .buyer {
                byKey[k]!.participants = r[4] ?? 0
                byKey[k]!.stalls = r[5] ?? 0
                byKey[k]!.products = r[6] ?? 0
            }
        }
        let salesTotal = try ReportEngine.sum(order.map { byKey[$0]! })
        var keyCondition: [String] = []
        if let n = top {
            let best = order.map { byKey[$0]! }
                .filter { $0.sales > 0 && !($0.key ?? "").hasSuffix("/*") }
                .sorted(by: ReportEngine.byOmzet)
                .prefix(n)
            byKey = Dictionary(uniqueKeysWithValues: best.map { ($0.key, $0) })
            order = best.map(\.key)
            let literals = order.compactMap { $0 }.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            var c = "(\(ReportEngine.unitKey(dim)) IN (\(literals.joined(separator: ", ")))"
            if order.contains(where: { $0 == nil }) { c += " OR \(ReportEngine.unitKey(dim)) IS NULL" }
            keyCondition = [c + ")"]
            if order.isEmpty { return ([], salesTotal) }
        }
        if dim != .buyer {
            var ctes = eventsCTE
            var join = ""
            var conditions: [String] = keyCondition
            switch dim {
            case .month, .day:
                ctes += ", " + timeCTE(dim)
                join = "CROSS JOIN K k ON k.event_no = st.event_no"
            case .channel:
                join = "CROSS JOIN (SELECT 'offline' AS ch UNION ALL SELECT 'online') c"
                conditions.append(ReportEngine.channelCondition("c.ch"))
            default: break
            }
            let key = ReportEngine.unitKey(dim)
            if stallLevel && !dim.needsProduct && dim != .channel && keyCondition.isEmpty {
                // Stalls by stall rows (each stall once per key, so count(*)); products by listing rows.
                let stalls = "WITH RECURSIVE \(ctes) SELECT \(key), count(DISTINCT st.participant_no), count(*) "
                    + stallsFrom(needsParticipant: dim.needsParticipant, extraJoin: join) + " GROUP BY 1"
                for r in try fetch(stalls) {
                    let k = slot(r[0] as String?)
                    byKey[k]!.participants = r[1] ?? 0
                    byKey[k]!.stalls = r[2] ?? 0
                }
                let products = "WITH RECURSIVE \(ctes) SELECT \(key), count(DISTINCT l.product_no) "
                    + stallsFrom(needsParticipant: dim.needsParticipant, extraJoin: join + " CROSS JOIN listing l ON l.stall_no = st.stall_no") + " GROUP BY 1"
                for r in try fetch(products) {
                    let k = slot(r[0] as String?)
                    byKey[k]!.products = r[1] ?? 0
                }
            } else {
                let sql = "WITH RECURSIVE \(ctes) SELECT \(key), count(DISTINCT st.participant_no), count(DISTINCT st.stall_no), count(DISTINCT l.product_no) "
                    + unitsFrom(wholeStall: dim == .product && top == nil, needsParticipant: dim.needsParticipant, needsProduct: dim.needsProduct,
                                extraJoin: join, extraConditions: conditions) + " GROUP BY 1"
                for r in try fetch(sql) {
                    let k = slot(r[0] as String?)
                    byKey[k]!.participants = r[1] ?? 0
                    byKey[k]!.stalls = r[2] ?? 0
                    byKey[k]!.products = r[3] ?? 0
                }
            }
        }
        var rows = order.map { byKey[$0]! }
        if dim.isTime {
            rows.sort { ($0.key ?? "") < ($1.key ?? "") }
        } else {
            rows.sort(by: ReportEngine.byOmzet)
        }
        return (rows, salesTotal)
    }

    /// Omzet descending, then key (case-insensitive), a missing key last.
    static func byOmzet(_ a: ReportFigures, _ b: ReportFigures) -> Bool {
        if a.omzet != b.omzet { return a.omzet > b.omzet }
        switch (a.key, b.key) {
        case let (x?, y?): return x.lowercased() != y.lowercased() ? x.lowercased() < y.lowercased() : x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return false
        }
    }

    /// Sums the rows' sale figures (each sale is in exactly one row), refusing to wrap around.
    static func sum(_ rows: [ReportFigures]) throws -> (omzet: Int64, units: Int64, sales: Int64) {
        var o: Int64 = 0, u: Int64 = 0, s: Int64 = 0
        for r in rows {
            var overflow = false
            (o, overflow) = o.addingReportingOverflow(r.omzet)
            if overflow { throw BazarError(.reportOverflow) }
            (u, overflow) = u.addingReportingOverflow(r.units)
            if overflow { throw BazarError(.reportOverflow) }
            s += r.sales
        }
        return (o, u, s)
    }

    /// The key over stall rows: the same attributes, on the `st`, `pa`, `pr`, `e` aliases of `unitsFrom`.
    static func unitKey(_ dim: ReportDimension) -> String {
        switch dim {
        case .month, .day: return "k.key"
        case .channel: return "c.ch"
        case .buyer: return "NULL"
        case .event: return "e.id"
        case .program: return "e.program"
        case .mode: return "e.mode"
        case .participant: return "pa.id"
        case .product: return "pa.id || '/' || COALESCE(pr.id, '*')"
        case .category: return categoryExpression
        case .kota: return "pa.kota"
        case .kecamatan: return "pa.kecamatan"
        }
    }

    /// The totals every report starts with. `sales`: the sale figures, already summed from the rows
    /// (each sale falls in exactly one row of any dimension), or nil to sum them here.
    func totals(sales: (omzet: Int64, units: Int64, sales: Int64)?) throws -> ReportTotals {
        var t = ReportTotals()
        if let s = sales {
            (t.omzet, t.units, t.sales) = s
        } else {
            let r = try fetch("WITH \(eventsCTE) SELECT \(ReportEngine.sums) " + salesFrom()).first
            t.omzet = r?[0] ?? 0
            t.units = r?[1] ?? 0
            t.sales = r?[2] ?? 0
        }
        if stallLevel {
            let st = try fetch("WITH \(eventsCTE) SELECT count(DISTINCT st.participant_no), count(*) " + stallsFrom()).first
            t.participants = st?[0] ?? 0
            t.stalls = st?[1] ?? 0
            let l = try fetch("WITH \(eventsCTE) SELECT count(DISTINCT l.product_no), count(*) "
                + stallsFrom(extraJoin: "CROSS JOIN listing l ON l.stall_no = st.stall_no")).first
            t.products = l?[0] ?? 0
            t.listings = l?[1] ?? 0
        } else {
            let u = try fetch("WITH \(eventsCTE) SELECT count(DISTINCT st.participant_no), count(DISTINCT st.stall_no), count(DISTINCT l.product_no), count(l.product_no) " + unitsFrom()).first
            t.participants = u?[0] ?? 0
            t.stalls = u?[1] ?? 0
            t.products = u?[2] ?? 0
            t.listings = u?[3] ?? 0
        }
        // Events counted, and their targets.
        let counted = scope.narrowsStalls ? "WHERE e.event_no IN (SELECT st.event_no \(unitsFrom()))" : ""
        let ev = try fetch("WITH \(eventsCTE) SELECT count(*), count(e.target), sum(e.target) FROM E e \(counted)").first
        t.events = ev?[0] ?? 0
        let targeted: Int64 = ev?[1] ?? 0
        if targeted > 0 {
            t.target = ev?[2] ?? 0
            if targeted == t.events {
                t.targetedOmzet = t.omzet
            } else {
                var c = ["event_no IN (SELECT event_no FROM E WHERE target IS NOT NULL)"]
                if scope.narrowsStalls { c.append("event_no IN (SELECT st.event_no \(unitsFrom()))") }
                let r = try fetch("WITH \(eventsCTE) SELECT sum(s.amount) " + salesFrom(extraConditions: c)).first
                t.targetedOmzet = r?[0] ?? 0
            }
        }
        return t
    }

    /// Listings in scope with what each sold: for `report unsold`.
    func listings() throws -> [ReportFigures] {
        var period: [String] = ["x.void = 0", "x.product_no IS NOT NULL"]
        if scope.period != nil { period.append("x.day BETWEEN :ps AND :pe") }
        if scope.channel != nil { period.append("x.channel = :channel") }
        let sold = "(SELECT x.stall_no, x.product_no, sum(x.amount) AS omzet, sum(x.qty) AS units, count(*) AS n FROM sale x WHERE \(period.joined(separator: " AND ")) GROUP BY x.stall_no, x.product_no)"
        let sql = "WITH \(eventsCTE) SELECT pa.id || '/' || pr.id, e.id, COALESCE(a.omzet, 0), COALESCE(a.units, 0), COALESCE(a.n, 0) "
            + unitsFrom(needsParticipant: true, needsProduct: true, extraJoin: "LEFT JOIN \(sold) a ON a.stall_no = st.stall_no AND a.product_no = l.product_no",
                        extraConditions: ["l.product_no IS NOT NULL"])
        return try fetch(sql).map { r in
            ReportFigures(key: r[0], omzet: r[2], units: r[3], sales: r[4], participants: 1, stalls: 1, products: 1, event: r[1])
        }
    }
}
