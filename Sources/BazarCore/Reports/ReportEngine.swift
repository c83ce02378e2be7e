import GRDB

/// One row's figures before formatting.
struct ReportFigures {
    var key: String?
    /// The values of each dimension the row is grouped by (one for `by D`; `key` is then the same).
    var keys: [String?] = []
    /// The name of the event, participant or product the key names.
    var name: String?
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


/// The scope's units counted (`ReportEngine.unitTotalsColumns`): read with the rows by a dimension when the
/// report has them, so that `U` is built once.
struct UnitTotals {
    var participants: Int64 = 0
    var stalls: Int64 = 0
    var products: Int64 = 0
    var listings: Int64 = 0
    /// Only when a filter narrows the units (otherwise the events come from `E`).
    var events: Int64?

    init() {}

    /// From the columns `unitTotalsColumns` selects, starting at `at`.
    init(_ r: StoreRow, at i: Int) {
        participants = r[i] ?? 0
        stalls = r[i + 1] ?? 0
        products = r[i + 2] ?? 0
        listings = r[i + 3] ?? 0
        events = r[i + 4]
    }
}

/// Computes reports from the scope's one relation (`ReportScope`: events `E`, units `U`, sales `S`) with SQL
/// aggregates: every figure of every path is a grouping of `U` (participants, stalls, products, listings) and of
/// `S` (omzet, units, sales) by a key. Nothing here loops over sales.
struct ReportEngine {
    let store: any StoreConnection
    var scope: ReportScope
    /// The store's path, for messages.
    var storePath = "store"

    // MARK: queries

    /// On PostgreSQL, reads the events in scope first, so that `E` names them by number. Its planner cannot tell
    /// how many events a range of dates keeps (it guessed 75 of 396 for a month that holds 6), and for that many
    /// it reads every stall and listing of the store instead of the few of those events: 30 ms instead of 4 for
    /// `report month`. SQLite walks the joins in the order written and needs no such help. More than a few
    /// thousand events keep the conditions (a list that long is no better than the guess).
    mutating func pinEvents() throws {
        guard store.dialect == .postgres, scope.eventNos == nil else { return }
        let nos = try fetch("SELECT event_no FROM event WHERE \(scope.eventConditions) ORDER BY event_no").map { $0[0] as Int64? ?? 0 }
        if nos.count <= 5000 { scope.eventNos = nos }
    }

    /// From this many events in scope a server computes a report's units and sales at once, on two connections
    /// (PostgresStoreConnection+TwoQueries.swift). Below it the second connection's start costs more than it saves:
    /// on the bench's store a month (6 events) spends about 4 ms on each, a year (66 events) 55 ms and 25 ms.
    static let twoConnectionsFrom = 24

    func fetch(_ sql: String, arguments: StoreArguments? = nil) throws -> [StoreRow] {
        try translatingErrors { try store.rows(sql, arguments ?? scope.arguments) }
    }

    /// Two queries with the scope's arguments, at once where the store can (`StoreConnection.rows(_:together:)`).
    func fetch(_ first: String, together second: String) throws -> ([StoreRow], [StoreRow]) {
        try translatingErrors { try store.rows((first, scope.arguments), together: (second, scope.arguments)) }
    }

    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            throw ReportEngine.translate(e, path: storePath)
        } catch let e as PostgresError {
            if e.kind == .valueOutOfRange || e.sqlState == "22003" { throw BazarError(.reportOverflow) }
            throw Store.translate(e, path: storePath)
        }
    }

    /// A store error in a report, in the user's words: never SQLite's text.
    static func translate(_ e: DatabaseError, path: String) -> BazarError {
        if (e.message ?? "").contains("integer overflow") { return BazarError(.reportOverflow) }
        switch e.resultCode {
        case .SQLITE_INTERRUPT: return BazarError(.interrupted)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return BazarError(.storeLocked(path: path))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return BazarError(.storeUnusable(path: path, reason: "the file is damaged"))
        case .SQLITE_IOERR, .SQLITE_FULL: return BazarError(.storeUnusable(path: path, reason: "a disk error"))
        default: return BazarError(.reportFailed)
        }
    }

    /// A key as a query grouped by `dim.group(onSales:)` selects it. SQLite takes it from any row of the group;
    /// PostgreSQL wants it in an aggregate (the events, stalls and participants a key comes from are CTEs and
    /// joins, not a table whose primary key is grouped). The key has one value in its group, so `min` of it in
    /// the "C" collation: grouping by the key itself made the server sort the group's rows by it, in ICU's
    /// case-insensitive collation (`nocase`), 7 of a month report's 10 ms.
    func selected(_ dim: ReportDimension, onSales: Bool) -> String {
        let key = dim.key(onSales: onSales)
        guard store.dialect == .postgres, dim.group(onSales: onSales) != key else { return key }
        return "min((\(key)) COLLATE \"C\")"
    }

    /// The `WITH` clause: E; U where the query reads it (`units`; by default a query of units, or of sales whose
    /// unit is checked against U); K for a time key of units; S summed as the keys need. A relation the query does
    /// not read is left out: PostgreSQL parses and plans every one it is given (a few milliseconds a report).
    func with(_ keys: [ReportDimension], sales: Bool, units: Bool? = nil) -> String {
        var ctes = [scope.eventsCTE]
        if units ?? (!sales || scope.unitCheck != .event) { ctes.append(scope.unitsCTE) }
        if !sales, let t = keys.first(where: \.isTime) { ctes.append(scope.timeCTE(t)) }
        if sales {
            let saleKey = keys.first(where: \.isSaleAttribute)?.saleKey(store.dialect)
            let grain: ReportScope.SalesGrain = keys.contains { $0.needsProduct || $0 == .buyer } ? .unit
                : keys.contains(where: \.needsParticipant) ? .stall : .event
            ctes.append(scope.salesCTE(saleKey: saleKey, grain: grain))
        }
        return "WITH RECURSIVE " + ctes.joined(separator: ",\n")
    }

    /// The joins that bring the keys' attributes to a row of `U` (alias `u`) or `S` (alias `s`).
    /// `eventsJoined`: the query already reads `E e` (every event's row).
    func joins(_ keys: [ReportDimension], onSales: Bool, eventsJoined: Bool = false) -> String {
        let row = onSales ? "s" : "u"
        var j = ""
        if keys.contains(where: \.needsEvent) && !eventsJoined { j += " CROSS JOIN E e ON e.event_no = \(row).event_no" }
        if keys.contains(where: \.needsParticipant) {
            if onSales {
                j += " CROSS JOIN stall st ON st.stall_no = s.stall_no CROSS JOIN participant pa ON pa.participant_no = st.participant_no"
            } else {
                j += " CROSS JOIN participant pa ON pa.participant_no = u.participant_no"
            }
        }
        if keys.contains(where: \.needsProduct) { j += " LEFT JOIN product pr ON pr.product_no = \(row).product_no" }
        if !onSales {
            if keys.contains(where: \.isTime) { j += " CROSS JOIN K k ON k.event_no = u.event_no" }
            if keys.contains(.channel) {
                j += " CROSS JOIN (SELECT 'online' AS ch, 1 AS bit UNION ALL SELECT 'offline', 2) c ON u.bits & c.bit <> 0"
                if scope.channel != nil { j += " AND c.ch = :channel" }
            }
        }
        return j
    }

    /// Figures grouped by one key (the function a second key is added to: `keys` are grouped in order, and the
    /// result is keyed by their values joined with `\u{1}`). Rows come from `U` (stall figures) and `S` (sale
    /// figures) merged by key; by buyer, the stall figures are those of the units that sold to the buyer.
    /// `top`: only the N best-selling rows (not sales for a whole stall), whose stall figures alone are then
    /// counted (one key only). `salesTotal` is the sum of the sale figures of all rows, before `top`.
    /// `units`: the scope's unit totals, read in the same query as the rows' (nil by buyer, whose rows read no `U`).
    func grouped(by keys: [ReportDimension], top: Int? = nil)
        throws -> (rows: [ReportFigures], salesTotal: (omzet: Int64, units: Int64, sales: Int64), units: UnitTotals?) {
        var byKey: [String?: ReportFigures] = [:]
        var order: [String?] = []
        func slot(_ r: StoreRow) -> String? {
            let parts = keys.indices.map { r[$0] as String? }
            let key: String? = parts.count == 1 ? parts[0] : parts.map { $0 ?? "" }.joined(separator: "\u{1}")
            if byKey[key] == nil { byKey[key] = ReportFigures(key: key, keys: parts); order.append(key) }
            let name: String? = r[keys.count]
            if name != nil { byKey[key]!.name = name }
            return key
        }
        let n = keys.count
        let name = keys.first(where: \.hasName)?.nameExpression ?? "CAST(NULL AS TEXT)"
        let salesKeys = keys.map { selected($0, onSales: true) }.joined(separator: ", ")
        let fromBuyer = keys.contains(.buyer)
        let distincts = fromBuyer
            ? ", count(DISTINCT st2.participant_no), count(DISTINCT s.stall_no), count(DISTINCT s.product_no)" : ""
        let salesSQL = with(keys, sales: true) + " SELECT \(salesKeys), max(\(name)), sum(s.amount), sum(s.qty), sum(s.n)\(distincts) FROM S s"
            + joins(keys, onSales: true)
            + (fromBuyer ? " CROSS JOIN stall st2 ON st2.stall_no = s.stall_no" : "")
            + " GROUP BY " + keys.map { $0.group(onSales: true) }.joined(separator: ", ")
        // The units' query (by buyer there is none: the stall figures come with the sales). `onlyKeys`: the rows
        // `top` keeps.
        func unitsSQL(_ onlyKeys: [String]) -> String {
            let unitKeys = keys.map { selected($0, onSales: false) }.joined(separator: ", ")
            // Every event in scope has its row by event, program and mode, even with no stall; under a filter that
            // narrows units, the events with a unit in scope.
            let allEvents = keys.contains(where: \.needsEvent) && !scope.narrowsUnits
            let from = allEvents
                ? "FROM E e LEFT JOIN U u ON u.event_no = e.event_no" + joins(keys, onSales: false, eventsJoined: true)
                : "FROM U u" + joins(keys, onSales: false)
            let only = onlyKeys.isEmpty ? "" : " WHERE " + onlyKeys.joined(separator: " AND ")
            // On a server the scope's totals come as one more row, marked by its last column: `U` is built once, not
            // again by a second query (20 of a year report's 130 ms). SQLite, given `U` twice, materializes it and
            // loses the join order it finds for one use (by kota 180 → 220 ms): there `totals` counts them apart.
            let noKeys = Array(repeating: "NULL", count: n + 1).joined(separator: ", ")
            return with(keys, sales: false) + " SELECT \(unitKeys), max(\(name)), count(DISTINCT u.participant_no), count(DISTINCT u.stall_no), count(DISTINCT u.product_no), NULL, NULL, NULL, NULL, NULL, 0 "
                + from + only + " GROUP BY " + keys.map { $0.group(onSales: false) }.joined(separator: ", ")
                + (store.dialect == .postgres ? " UNION ALL SELECT \(noKeys), NULL, NULL, NULL, \(unitTotalsColumns), 1 FROM U" : "")
        }
        // Many events on a server: the units and the sales at once, on two connections (the units, the longer, on
        // this one). Not for `top`, whose units query needs the sales' best rows first.
        let together = top == nil && !fromBuyer && (scope.eventNos?.count ?? 0) >= Self.twoConnectionsFrom
        var unitRows: [StoreRow]?
        let salesRows: [StoreRow]
        if together {
            (unitRows, salesRows) = try fetch(unitsSQL([]), together: salesSQL)
        } else {
            salesRows = try fetch(salesSQL)
        }
        for r in salesRows {
            let k = slot(r)
            byKey[k]!.omzet = r[n + 1] ?? 0
            byKey[k]!.units = r[n + 2] ?? 0
            byKey[k]!.sales = r[n + 3] ?? 0
            if fromBuyer {
                byKey[k]!.participants = r[n + 4] ?? 0
                byKey[k]!.stalls = r[n + 5] ?? 0
                byKey[k]!.products = r[n + 6] ?? 0
            }
        }
        let salesTotal = try ReportEngine.sum(order.map { byKey[$0]! })
        var onlyKeys: [String] = []
        if let top {
            let best = order.map { byKey[$0]! }
                .filter { $0.sales > 0 && !($0.key ?? "").hasSuffix("/*") }
                .sorted(by: ReportEngine.byOmzet)
                .prefix(top)
            order = best.map(\.key)
            if order.isEmpty { return ([], salesTotal, nil) }
            let literals = order.compactMap { $0 }.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            let key = keys[0].key(onSales: false)
            var c = "(\(key) IN (\(literals.joined(separator: ", ")))"
            if order.contains(where: { $0 == nil }) { c += " OR \(key) IS NULL" }
            onlyKeys = [c + ")"]
        }
        var units: UnitTotals?
        if !fromBuyer {
            for r in try unitRows ?? fetch(unitsSQL(onlyKeys)) {
                if r[n + 9] == Int64(1) {
                    units = UnitTotals(r, at: n + 4)
                    continue
                }
                let k = slot(r)
                byKey[k]!.participants = r[n + 1] ?? 0
                byKey[k]!.stalls = r[n + 2] ?? 0
                byKey[k]!.products = r[n + 3] ?? 0
            }
        }
        var rows = order.map { byKey[$0]! }
        for (i, dim) in keys.enumerated() where dim.isFreeText { rows = try respell(rows, dim, part: i) }
        return (rows, salesTotal, units)
    }

    /// Rows of a free-text dimension keyed by the value's first spelling in the store (they were grouped lowered).
    /// `part`: which of the row's keys is of that dimension; `key` is respelled too when it is the only one.
    func respell(_ rows: [ReportFigures], _ dim: ReportDimension, part: Int = 0) throws -> [ReportFigures] {
        var first: [String: String] = [:]
        if let sql = dim.spellingsSQL {
            for r in try fetch(sql, arguments: []) {
                let v: String = r[0]
                let k = ReportEngine.fold(v)
                if first[k] == nil { first[k] = v }
            }
        }
        func spelled(_ k: String) throws -> String {
            if let s = first[k] { return s }
            if dim == .buyer, let r = try fetch("SELECT buyer FROM sale WHERE lower(buyer) = ? ORDER BY id LIMIT 1", arguments: [k]).first {
                let s: String = r[0]
                first[k] = s
                return s
            }
            return k
        }
        return try rows.map { row in
            var row = row
            guard part < row.keys.count, let k = row.keys[part] else { return row }
            var s = try spelled(k)
            // Jakarta's places under their official spelling (SPEC section 9).
            if dim == .kota { s = Places.officialKota(s) ?? s } else if dim == .kecamatan { s = Places.officialKecamatan(s) ?? s }
            row.keys[part] = s
            if row.keys.count == 1 { row.key = row.keys[0] }
            return row
        }
    }

    /// How SQLite's `lower` and `COLLATE NOCASE` compare text: ASCII letters without case.
    static func fold(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
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

    /// Rows of one dimension, in the report's order (time in order, others by omzet), and the sum of their sale
    /// figures (each sale is in exactly one row).
    func rows(by dim: ReportDimension, top: Int? = nil)
        throws -> (rows: [ReportFigures], salesTotal: (omzet: Int64, units: Int64, sales: Int64), units: UnitTotals?) {
        var (rows, salesTotal, units) = try grouped(by: [dim], top: top)
        if dim.isTime {
            rows.sort { ($0.key ?? "") < ($1.key ?? "") }
        } else {
            rows.sort(by: ReportEngine.byOmzet)
        }
        return (rows, salesTotal, units)
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

    /// The scope's unit totals, over `U`: participants, stalls, products, listings, and the events (NULL unless a
    /// filter narrows the units).
    var unitTotalsColumns: String {
        "count(DISTINCT participant_no), count(DISTINCT stall_no), count(DISTINCT product_no), count(product_no), "
            + (scope.narrowsUnits ? "count(DISTINCT event_no)" : "NULL")
    }

    /// The totals every report starts with. `sales`: the sale figures, already summed from the rows, or nil to
    /// sum them here; `units`: the unit totals, already read with the rows, or nil to count them here. Target and
    /// achievement only when no filter narrows the units (they describe whole events).
    func totals(sales: (omzet: Int64, units: Int64, sales: Int64)?, units: UnitTotals? = nil) throws -> ReportTotals {
        var t = ReportTotals()
        if let s = sales {
            (t.omzet, t.units, t.sales) = s
        } else {
            let r = try fetch(with([], sales: true) + " SELECT sum(s.amount), sum(s.qty), sum(s.n) FROM S s").first
            (t.omzet, t.units, t.sales) = (r?[0] ?? 0, r?[1] ?? 0, r?[2] ?? 0)
        }
        let u = try units ?? fetch(with([], sales: false) + " SELECT \(unitTotalsColumns) FROM U").first.map { UnitTotals($0, at: 0) } ?? UnitTotals()
        t.participants = u.participants
        t.stalls = u.stalls
        t.products = u.products
        t.listings = u.listings
        if scope.narrowsUnits {
            t.events = u.events ?? 0
            return t
        }
        let ev = try fetch("WITH \(scope.eventsCTE) SELECT count(*), count(target), sum(target) FROM E").first
        t.events = ev?[0] ?? 0
        let targeted: Int64 = ev?[1] ?? 0
        if targeted > 0 {
            t.target = ev?[2] ?? 0
            if targeted == t.events {
                t.targetedOmzet = t.omzet
            } else {
                let r = try fetch(with([], sales: true)
                    + " SELECT sum(s.amount) FROM S s WHERE s.event_no IN (SELECT event_no FROM E WHERE target IS NOT NULL)").first
                t.targetedOmzet = r?[0] ?? 0
            }
        }
        return t
    }

    /// Listings in scope (units with a product) with what each sold in scope: for `report unsold`.
    func listings() throws -> [ReportFigures] {
        let sql = with([.product], sales: true, units: true)
            + " SELECT pa.id || '/' || pr.id, pr.name, e.id, COALESCE(s.amount, 0), COALESCE(s.qty, 0), COALESCE(s.n, 0)"
            + " FROM U u CROSS JOIN E e ON e.event_no = u.event_no CROSS JOIN participant pa ON pa.participant_no = u.participant_no"
            + " CROSS JOIN product pr ON pr.product_no = u.product_no"
            + " LEFT JOIN (SELECT stall_no, product_no, sum(amount) AS amount, sum(qty) AS qty, sum(n) AS n FROM S GROUP BY stall_no, product_no) s"
            + " ON s.stall_no = u.stall_no AND s.product_no = u.product_no"
        return try fetch(sql).map { r in
            ReportFigures(key: r[0], name: r[1], omzet: r[3], units: r[4], sales: r[5], participants: 1, stalls: 1, products: 1, event: r[2])
        }
    }
}
