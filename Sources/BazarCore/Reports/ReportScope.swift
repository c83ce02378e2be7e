import GRDB

/// What a report covers (SPEC section 4), and the one SQL relation every report path reads it from.
///
/// - **Events** in scope (`E`): those whose dates overlap the period (all when there is none) and that match
///   the event filters (`program`, `mode`, `event`).
/// - **Units** in scope (`U`): the parts of the stalls of those events that the other filters keep. A stall's
///   parts are its listings (one per product), its whole-stall part when it has sales for the whole stall, and,
///   for a stall with neither, the bare stall. A listing takes its product's category (else its participant's);
///   a whole-stall part or bare stall takes the participant's. A part belongs to the channels it sold on, and
///   one that sold nothing to its event's usual channel (online for an online event, offline otherwise).
///   Participant and place filters (`kota`, `kecamatan`: the participant's) keep the parts of those participants.
///   A stall is in scope when one of its parts is; `listings` are the units with a product.
/// - **Sales** in scope (`S`): not void, of events in scope, on days inside the period, on the channel filter's
///   channel, and whose unit (stall, product or none) is in `U`.
/// - With a filter that narrows units (participant, place, category, channel) the events counted, and the rows
///   by event, program and mode, are those with a unit in scope; without one, every event in `E`.
///
/// Totals, every `by`, `top`, `unsold` and `report participant` are all grouped from `U` and `S` (ReportEngine),
/// so that no two paths can disagree about what is in scope.
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

    /// Filters that keep only some units of the events in scope.
    var narrowsUnits: Bool { kota != nil || kecamatan != nil || participantNo != nil || category != nil || channel != nil }

    /// The backend's SQL where it differs (set by the report command from its store).
    var dialect: SQLDialect = .sqlite

    var arguments: StoreArguments {
        var d: [String: (any StoreValueConvertible)?] = [:]
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
        d["channelBit"] = channel.map { $0 == "online" ? 1 : 2 }
        return StoreArguments(named: d)
    }

    // MARK: the relation

    /// The events in scope by number, when they were read before the report's queries (`ReportEngine.pinEvents`):
    /// `E` then names them, and PostgreSQL's planner knows how few they are.
    var eventNos: [Int64]?

    /// What keeps an event in scope.
    var eventConditions: String {
        var c = ["1 = 1"]
        if period != nil { c.append("start_date <= :pe AND end_date >= :ps") }
        if program != nil { c.append("program = :program COLLATE NOCASE") }
        if mode != nil { c.append("mode = :mode") }
        if eventNo != nil { c.append("event_no = :event") }
        return c.joined(separator: " AND ")
    }

    /// `E`: the events in scope.
    var eventsCTE: String {
        let condition = eventNos.map { $0.isEmpty ? "1 = 0" : "event_no IN (\($0.map(String.init).joined(separator: ", ")))" }
        return "E AS (SELECT event_no, id, name, program, mode, target, start_date, end_date FROM event WHERE \(condition ?? eventConditions))"
    }

    /// `U(event_no, stall_no, participant_no, product_no, bits)`: the units in scope; `bits` are the channels the
    /// unit belongs to (1 online, 2 offline). Two branches, each walking each event's stalls by their keys: the
    /// stalls with their listings, a stall without any listing (and no sale of the whole stall) as its bare self
    /// (one LEFT JOIN: one probe of `listing` per stall, where asking "has it none?" apart would make a second);
    /// and the whole-stall parts, of the few stalls that sold as a whole.
    var unitsCTE: String {
        let usual = "(CASE e.mode WHEN 'online' THEN 1 ELSE 2 END)"
        func conditions(category: String) -> [String] {
            var c: [String] = []
            if participantNo != nil { c.append("st.participant_no = :participant") }
            if kota != nil { c.append("pa.kota = :kota COLLATE NOCASE") }
            if kecamatan != nil { c.append("pa.kecamatan = :kecamatan COLLATE NOCASE") }
            if self.category != nil { c.append("\(category) = :category COLLATE NOCASE") }
            return c
        }
        let joinParticipant = kota != nil || kecamatan != nil || category != nil
        let pa = joinParticipant ? " CROSS JOIN participant pa ON pa.participant_no = st.participant_no" : ""
        // A listing's bits, or a bare stall's (l is NULL: it has no listing, and its whole_channels are 0).
        let listingBits = "CASE WHEN l.channels IS NULL THEN \(usual) WHEN l.channels = 0 THEN \(usual) ELSE l.channels END"
        var listing = ["(l.stall_no IS NOT NULL OR st.whole_channels = 0)"]
            + conditions(category: "COALESCE(pr.category, pa.category)")
        if channel != nil { listing.append("(\(listingBits)) & :channelBit <> 0") }
        var whole = ["st.whole_channels <> 0"] + conditions(category: "pa.category")
        if channel != nil { whole.append("st.whole_channels & :channelBit <> 0") }
        func whereClause(_ c: [String]) -> String { c.isEmpty ? "" : " WHERE " + c.joined(separator: " AND ") }
        return """
            U AS (SELECT st.event_no, st.stall_no, st.participant_no, l.product_no, \(listingBits) AS bits
                FROM E e CROSS JOIN stall st ON st.event_no = e.event_no LEFT JOIN listing l ON l.stall_no = st.stall_no\(pa)\
            \(category != nil ? " LEFT JOIN product pr ON pr.product_no = l.product_no" : "")\(whereClause(listing))
              UNION ALL
              SELECT st.event_no, st.stall_no, st.participant_no, NULL, st.whole_channels
                FROM E e CROSS JOIN stall st ON st.event_no = e.event_no\(pa)\(whereClause(whole)))
            """
    }

    /// `K(event_no, key)`: the months or days each event in scope ran inside the period.
    func timeCTE(_ dim: ReportDimension) -> String {
        let ps = dialect == .sqlite ? ":ps" : "CAST(:ps AS date)"
        let pe = dialect == .sqlite ? ":pe" : "CAST(:pe AS date)"
        let first = period != nil ? dialect.greatest("start_date", ps) : "start_date"
        let last = period != nil ? dialect.least("end_date", pe) : "end_date"
        let key = dim == .month ? dialect.month("day") : "day"
        return """
            D(event_no, day, last) AS (SELECT event_no, \(first), \(last) FROM E
                UNION ALL SELECT event_no, \(dialect.nextDay("day")), last FROM D WHERE day < last),
            K AS (SELECT DISTINCT event_no, \(key) AS key FROM D)
            """
    }

    /// How finely sales are summed before they are joined: by event, by stall, or by unit (stall and product).
    enum SalesGrain: Int, Comparable {
        case event, stall, unit
        static func < (a: SalesGrain, b: SalesGrain) -> Bool { a.rawValue < b.rawValue }
    }

    /// The grain that checking a sale's unit against `U` needs. A category filter keeps some listings of a stall
    /// and not others: by unit. Participant and place filters keep whole stalls: by stall. A channel filter alone
    /// needs no check: a sale on that channel is of a unit whose bits hold it, of an event in `E`.
    var unitCheck: SalesGrain {
        if category != nil { return .unit }
        if kota != nil || kecamatan != nil || participantNo != nil { return .stall }
        return .event
    }

    /// `S(day, event_no, stall_no, product_no, t, amount, qty, n)`: the sales in scope, summed per day and `grain` (and per `t`,
    /// the sale's own key for a dimension that is an attribute of the sale: `day`, `month`, `channel`, `buyer`).
    ///
    /// Summed in SQL over the covering index `sale_day` (a range of days), before any join: the joins are then
    /// made once per group, not once per sale. A sale is in scope when its unit is in `U`; the check is made at
    /// the grain `unitCheck` says is exact (none without a filter that narrows units: every sale of an event in
    /// scope then has its unit in `U`, as a sale lists its product and a unit's bits hold its sales' channels).
    func salesCTE(saleKey: String?, grain wanted: SalesGrain) -> String {
        var inner = ["void = 0"]
        // Without event filters every sale inside the period is of an event in E.
        if program != nil || mode != nil || eventNo != nil { inner.append("event_no IN (SELECT event_no FROM E)") }
        if period != nil { inner.append("day BETWEEN :ps AND :pe") }
        if channel != nil { inner.append("channel = :channel") }
        let grain = max(wanted, unitCheck)
        // Grouped by day first, the order of the covering index, so that SQLite sums the groups as it scans
        // instead of sorting every sale (top products 2023 on a million sales: 180 ms of CPU down to 120).
        var select: [String]
        switch grain {
        case .event: select = ["day", "event_no"]
        case .stall: select = ["day", "event_no", "stall_no"]
        case .unit: select = ["day", "event_no", "stall_no", "product_no"]
        }
        var groups = select.count
        if let saleKey {
            select.append("\(saleKey) AS t")
            // A key made of the day (month, day) follows from the groups by day: grouping by it too would sort.
            // (Only those: a cross-tab's key of day and channel together must be grouped on.)
            // (On PostgreSQL too: grouping by `to_char(day, …)` as well sorts every sale of a year by it, 4× the scan.)
            if saleKey != "day" && saleKey != dialect.month("day") { groups += 1 }
        } else {
            select.append("NULL AS t")
        }
        if grain < .stall { select.append("NULL AS stall_no") }
        if grain < .unit { select.append("NULL AS product_no") }
        let groupBy = (1...groups).map(String.init).joined(separator: ", ")
        var sql = "S0 AS (SELECT " + select.joined(separator: ", ")
            + ", sum(amount) AS amount, sum(qty) AS qty, count(*) AS n FROM sale WHERE "
            + inner.joined(separator: " AND ") + " GROUP BY \(groupBy))"
        switch unitCheck {
        case .unit:
            sql += ", S AS (SELECT S0.* FROM S0 WHERE EXISTS (SELECT 1 FROM U u WHERE u.stall_no = S0.stall_no AND u.product_no IS NOT DISTINCT FROM S0.product_no))"
        case .stall:
            sql += ", S AS (SELECT S0.* FROM S0 WHERE EXISTS (SELECT 1 FROM U u WHERE u.stall_no = S0.stall_no))"
        case .event:
            sql += ", S AS (SELECT * FROM S0)"
        }
        return sql
    }
}
