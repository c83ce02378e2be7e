import GRDB

/// `report … by D1 by D2` (SPEC section 4): the report by D1 as it would be shown (its rows, order, `limit`,
/// totals), with each row's omzet split over the values of D2, read from the same scope relation (`S`) grouped
/// by both keys. Columns are D2's values that have omzet anywhere in scope (`limit` cuts rows, never columns),
/// in time order for a time dimension and by omzet otherwise.
extension Session {
    func computeCrossTab(_ req: ReportRequest) throws -> CrossTab {
        guard let across = req.dimension2 else { throw BazarError(.reportFailed) }
        var byRows = req
        byRows.dimension2 = nil
        let report = try computeReport(byRows)
        let down = req.effectiveDimension
        var scope = req.scope
        scope.dialect = store.dialect
        var engine = ReportEngine(store: store, scope: scope)
        engine.storePath = storePath
        try engine.pinEvents()
        let cells = try engine.crossCells(down, across)

        // Column totals over every cell in scope, then the columns that have omzet, in order.
        var columnTotal: [String: Int64] = [:]
        var byRow: [String?: [String: Int64]] = [:]
        for c in cells {
            let column = c.column ?? ""
            let (t, o) = columnTotal[column, default: 0].addingReportingOverflow(c.omzet)
            if o { throw BazarError(.reportOverflow) }
            columnTotal[column] = t
            let (r, o2) = byRow[c.row, default: [:]][column, default: 0].addingReportingOverflow(c.omzet)
            if o2 { throw BazarError(.reportOverflow) }
            byRow[c.row, default: [:]][column] = r
        }
        var columns = columnTotal.filter { $0.value != 0 }.map(\.key)
        if across.isTime {
            columns.sort()
        } else {
            columns.sort { a, b in
                let (x, y) = (columnTotal[a]!, columnTotal[b]!)
                if x != y { return x > y }
                if a.isEmpty != b.isEmpty { return !a.isEmpty } // a missing value last
                return a.lowercased() != b.lowercased() ? a.lowercased() < b.lowercased() : a < b
            }
        }

        // The rows of the report by D1, as shown: key, name, omzet.
        let table = report.rows
        let keyIndex = 0
        let nameIndex = table.columns.firstIndex(of: "name")
        let omzetIndex = table.columns.firstIndex(of: "omzet")
        let rows = try table.rows.map { row -> CrossTab.Row in
            let key: String? = { if case .text(let k) = row[keyIndex] { return k } else { return nil } }()
            let name: String? = nameIndex.flatMap { if case .text(let n) = row[$0] { return n } else { return nil } }
            let split = byRow[key] ?? [:]
            let values = columns.map { split[$0] ?? 0 }
            var sum: Int64 = 0
            for v in values {
                let (s, o) = sum.addingReportingOverflow(v)
                if o { throw BazarError(.reportOverflow) }
                sum = s
            }
            var omzet = sum
            if let i = omzetIndex, case .money(let m) = row[i] { omzet = m }
            // One relation, two groupings: a row's cells always add up to its omzet.
            if omzet != sum { throw BazarError(.reportFailed) }
            return CrossTab.Row(key: key, name: name, cells: values, omzet: omzet)
        }
        // The cross-tab's report: no best row, no bar chart of its own rows (the renderers draw row totals).
        var base = report
        base.title = req.title
        base.scope = req.scopePairs
        base.namesBest = false
        base.best = nil
        return CrossTab(report: base, rowDimension: down.rawValue, columnDimension: across.rawValue, columns: columns,
                        hasNames: nameIndex != nil, rows: rows)
    }
}

extension ReportRequest {
    /// What the request covers, as the engine's scope.
    var scope: ReportScope {
        var scope = ReportScope()
        scope.period = period
        scope.program = program
        scope.mode = mode
        scope.eventNo = event?.no
        scope.kota = kota
        scope.kecamatan = kecamatan
        scope.participantNo = participant?.no
        scope.category = category
        scope.channel = channel
        return scope
    }

    /// The second `by`: the cross-tab's columns. Not the rows' own dimension again.
    mutating func setColumnDimension(_ d: ReportDimension, at span: SourceSpan) throws {
        guard kind != .unsold else { throw BazarError(.unexpectedWord("by", usage: kind.usage), at: span) }
        if d == effectiveDimension {
            let others = ReportDimension.allCases.filter { $0 != d }.map(\.rawValue)
            throw BazarError(.badChoice(attribute: "second dimension", value: d.rawValue, allowed: others), at: span)
        }
        dimension2 = d
    }
}

extension ReportEngine {
    /// One cell of a cross-tab: the omzet of the sales in scope with D1 = `row` and D2 = `column` (nil: no value).
    struct CrossCell {
        var row: String?
        var column: String?
        var omzet: Int64
    }

    /// Omzet of the sales in scope grouped by two keys, each spelled as its one-dimension rows spell it.
    func crossCells(_ down: ReportDimension, _ across: ReportDimension) throws -> [CrossCell] {
        var cells: [CrossCell] = []
        if down.isSaleAttribute && across.isSaleAttribute {
            // Both keys are read from the sale (day by channel, month by buyer): `S` keeps one sale key, so it holds
            // both, joined by \u{1}, a missing value as \u{2}.
            let d = store.dialect
            let missing = d.character(2)
            // (As text: on PostgreSQL a day is a DATE, which neither COALESCE with text nor || takes.)
            func text(_ dim: ReportDimension) -> String { dim == .day ? d.dayText("day") : dim.saleKey(d)! }
            let t = "COALESCE(\(text(down)), \(missing)) || \(d.character(1)) || COALESCE(\(text(across)), \(missing))"
            let sql = "WITH RECURSIVE " + ([scope.eventsCTE] + (scope.unitCheck == .event ? [] : [scope.unitsCTE])
                + [scope.salesCTE(saleKey: t, grain: .event)]).joined(separator: ",\n")
                + " SELECT s.t, sum(s.amount) FROM S s GROUP BY s.t"
            for r in try fetch(sql) {
                let t: String = r[0]
                let parts = t.split(separator: "\u{1}", omittingEmptySubsequences: false).map { $0 == "\u{2}" ? nil : String($0) }
                cells.append(CrossCell(row: parts[0], column: parts.count > 1 ? parts[1] : nil, omzet: r[1] ?? 0))
            }
        } else {
            let keys = [down, across]
            // One of them at most is the sale's own key (`s.t`); the other comes through the joins.
            let sql = with(keys, sales: true) + " SELECT \(selected(down, onSales: true)), \(selected(across, onSales: true)), sum(s.amount) FROM S s"
                + joins(keys, onSales: true)
                + " GROUP BY " + keys.map { $0.group(onSales: true) }.joined(separator: ", ")
            for r in try fetch(sql) {
                cells.append(CrossCell(row: r[0], column: r[1], omzet: r[2] ?? 0))
            }
        }
        // Free text was grouped lowered: each value takes its first spelling, as in the rows by that dimension.
        func spelled(_ dim: ReportDimension, _ keys: [String?]) throws -> [String: String] {
            guard dim.isFreeText else { return [:] }
            let unique = Array(Set(keys.compactMap { $0 }))
            let respelled = try respell(unique.map { ReportFigures(key: $0, keys: [$0]) }, dim)
            return Dictionary(zip(unique, respelled.map { $0.key ?? "" }), uniquingKeysWith: { a, _ in a })
        }
        let rowSpelling = try spelled(down, cells.map(\.row))
        let columnSpelling = try spelled(across, cells.map(\.column))
        // Two lowered spellings may meet in one key; add them up.
        var merged: [String: Int] = [:]
        var out: [CrossCell] = []
        for c in cells {
            let row = c.row.map { rowSpelling[$0] ?? $0 }
            let column = c.column.map { columnSpelling[$0] ?? $0 }
            let id = (row ?? "\u{2}") + "\u{1}" + (column ?? "\u{2}")
            if let i = merged[id] {
                let (s, o) = out[i].omzet.addingReportingOverflow(c.omzet)
                if o { throw BazarError(.reportOverflow) }
                out[i].omzet = s
            } else {
                merged[id] = out.count
                out.append(CrossCell(row: row, column: column, omzet: c.omzet))
            }
        }
        return out
    }
}
