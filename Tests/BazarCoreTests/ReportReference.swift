// Jakarta's list of places is data, not report logic: the model reads it too (official spellings, SPEC section 9).
import enum BazarCore.Places

/// The reference model of SPEC section 4: every report's totals and rows computed from a generated store's rows
/// (`MStore`) in plain Swift, the way the spec words it. No SQL and no code shared with BazarCore's engine.

/// A report request as the reference reads it.
struct RRequest {
    var kind = "year"              // year, month, event, range, participant, top, unsold
    var from: MDay?, to: MDay?     // the period, if any
    var program: String?, mode: String?, event: Int?, kota: String?, kecamatan: String?, category: String?, channel: String?
    var participant: Int?
    var by = "month"
    var limit: Int?
    var command = ""
}

/// What a report should show: totals (nil for null) and rows.
struct RReport: Equatable {
    var totals: [String: Int64?] = [:]
    var rows: [RRow] = []
    var best: RRow??
}

struct RRow: Equatable {
    var key: String?
    var name: String?
    var event: String?
    var omzet: Int64 = 0, units: Int64 = 0, sales: Int64 = 0
    var participants: Int64 = 0, stalls: Int64 = 0, products: Int64 = 0
    var share: Int64?
}

enum Reference {
    /// ASCII letters without case, as SQLite's NOCASE compares.
    static func fold(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Tenths of a percent, rounded half up; nil when the whole is 0.
    static func tenths(_ part: Int64, _ whole: Int64) -> Int64? {
        guard whole > 0 else { return nil }
        let q = part * 1000 / whole, r = part * 1000 % whole
        return q + (2 * r >= whole ? 1 : 0)
    }

    /// A unit: a listing (product), or a stall's whole-stall part or bare stall (no product).
    struct Unit: Hashable {
        var stall: Int
        var product: Int?
    }

    /// An error the reference expects instead of a report (a filter value that matches nothing in the store).
    struct Refused: Error { var what: String }

    static func compute(_ m: MStore, _ q: RRequest) throws -> RReport {
        // Free-text filter values must match a value in the store.
        func exists(_ v: String?, in values: [String?]) -> Bool {
            guard let v else { return true }
            return values.contains { $0.map(fold) == fold(v) }
        }
        if !exists(q.program, in: m.events.map(\.program)) { throw Refused(what: "program") }
        if !exists(q.kota, in: m.participants.map(\.kota)) { throw Refused(what: "kota") }
        if !exists(q.kecamatan, in: m.participants.map(\.kecamatan)) { throw Refused(what: "kecamatan") }
        if !exists(q.category, in: m.participants.map(\.category) + m.products.map(\.category)) { throw Refused(what: "category") }

        // Events in scope.
        let inScope: [Int] = m.events.indices.filter { i in
            let e = m.events[i]
            if let f = q.from, let t = q.to, e.end < f || e.start > t { return false }
            if let p = q.program, e.program.map(fold) != fold(p) { return false }
            if let mo = q.mode, e.mode != mo { return false }
            if let ev = q.event, ev != i { return false }
            return true
        }
        let eventSet = Set(inScope)
        let narrows = q.kota != nil || q.kecamatan != nil || q.participant != nil || q.category != nil || q.channel != nil
        func inPeriod(_ d: MDay) -> Bool { q.from.map { d >= $0 && d <= q.to! } ?? true }

        // Units of the stalls of those events, with the channels they belong to and their category.
        func channels(_ u: Unit) -> Set<String> {
            let st = m.stalls[u.stall]
            let sold = Set(m.sales.filter { !$0.void && $0.event == st.event && $0.participant == st.participant && $0.product == u.product }.map(\.channel))
            if !sold.isEmpty { return sold }
            return [m.events[st.event].mode == "online" ? "online" : "offline"]
        }
        func category(_ u: Unit) -> String? {
            if let p = u.product, let c = m.products[p].category { return c }
            return m.participants[m.stalls[u.stall].participant].category
        }
        var units: [Unit] = []
        for (si, st) in m.stalls.enumerated() where eventSet.contains(st.event) {
            var parts = st.listed.map { Unit(stall: si, product: $0) }
            let whole = m.sales.contains { !$0.void && $0.event == st.event && $0.participant == st.participant && $0.product == nil }
            if whole || parts.isEmpty { parts.append(Unit(stall: si, product: nil)) }
            for u in parts {
                let pa = m.participants[st.participant]
                if let p = q.participant, p != st.participant { continue }
                if let k = q.kota, pa.kota.map(fold) != fold(k) { continue }
                if let k = q.kecamatan, pa.kecamatan.map(fold) != fold(k) { continue }
                if let c = q.category, category(u).map(fold) != fold(c) { continue }
                if let ch = q.channel, !channels(u).contains(ch) { continue }
                units.append(u)
            }
        }
        let unitSet = Set(units)

        // Sales in scope.
        let sales: [MSale] = m.sales.filter { s in
            guard !s.void, eventSet.contains(s.event), inPeriod(s.day) else { return false }
            if let ch = q.channel, s.channel != ch { return false }
            guard let st = m.stall(event: s.event, participant: s.participant) else { return false }
            return unitSet.contains(Unit(stall: st, product: s.product))
        }

        // Totals.
        var r = RReport()
        let omzet = sales.reduce(0) { $0 + $1.amount }
        r.totals["omzet"] = omzet
        r.totals["units"] = sales.reduce(0) { $0 + $1.qty }
        r.totals["sales"] = Int64(sales.count)
        r.totals["participants"] = Int64(Set(units.map { m.stalls[$0.stall].participant }).count)
        r.totals["stalls"] = Int64(Set(units.map(\.stall)).count)
        r.totals["products"] = Int64(Set(units.compactMap(\.product)).count)
        r.totals["listings"] = Int64(units.filter { $0.product != nil }.count)
        let countedEvents = narrows ? Array(Set(units.map { m.stalls[$0.stall].event })) : inScope
        r.totals["events"] = Int64(countedEvents.count)
        let targeted = inScope.filter { m.events[$0].target != nil }
        if !narrows && !targeted.isEmpty {
            let target = targeted.reduce(0) { $0 + m.events[$1].target! }
            let t = Set(targeted)
            r.totals["target"] = target
            r.totals["achievement_pct"] = tenths(sales.filter { t.contains($0.event) }.reduce(0) { $0 + $1.amount }, target)
        } else {
            r.totals["target"] = .some(nil)
            r.totals["achievement_pct"] = .some(nil)
        }

        if q.kind == "unsold" {
            r.totals["unsold"] = 0
            var rows: [RRow] = []
            for u in units {
                guard let p = u.product else { continue }
                let st = m.stalls[u.stall]
                let mine = sales.filter { $0.event == st.event && $0.participant == st.participant && $0.product == p }
                rows.append(RRow(key: "\(m.participants[st.participant].id)/\(m.products[p].id)", name: m.products[p].name,
                                 event: m.events[st.event].id, omzet: mine.reduce(0) { $0 + $1.amount }, units: mine.reduce(0) { $0 + $1.qty },
                                 sales: Int64(mine.count), participants: 1, stalls: 1, products: 1))
            }
            let unsold = rows.filter { $0.sales == 0 }.sorted { ($0.key!, $0.event!) < ($1.key!, $1.event!) }
            let lowest = rows.filter { $0.sales > 0 }.sorted { ($0.omzet, $0.key!, $0.event!) < ($1.omzet, $1.key!, $1.event!) }.prefix(q.limit ?? 10)
            r.totals["unsold"] = Int64(unsold.count)
            r.rows = (unsold + lowest).map { var x = $0; x.share = tenths(x.omzet, omzet); return x }
            return r
        }

        // Rows: every key a unit or a sale in scope has.
        let dim = q.by
        func spelling(_ folded: String?, _ all: [String?]) -> String? {
            guard let folded else { return nil }
            return all.compactMap { $0 }.first { fold($0) == folded }
        }
        func textKey(_ v: String?) -> String? { v.map(fold) }
        func unitKeys(_ u: Unit) -> [String?] {
            let st = m.stalls[u.stall], e = m.events[st.event], pa = m.participants[st.participant]
            switch dim {
            case "event": return [e.id]
            case "program": return [textKey(e.program)]
            case "mode": return [e.mode]
            case "participant": return [pa.id]
            case "product": return [pa.id + "/" + (u.product.map { m.products[$0].id } ?? "*")]
            case "category": return [textKey(category(u))]
            case "kota": return [textKey(pa.kota)]
            case "kecamatan": return [textKey(pa.kecamatan)]
            case "channel": return channels(u).filter { q.channel == nil || $0 == q.channel }.sorted()
            case "month", "day":
                var keys = Set<String>()
                var d = e.start
                while d <= e.end { if inPeriod(d) { keys.insert(dim == "month" ? d.monthKey : d.iso) }; d = d.plus(1) }
                return keys.sorted()
            default: return []
            }
        }
        func saleKey(_ s: MSale) -> String? {
            let st = m.stall(event: s.event, participant: s.participant)!
            switch dim {
            case "month": return s.day.monthKey
            case "day": return s.day.iso
            case "channel": return s.channel
            case "buyer": return textKey(s.buyer)
            default: return unitKeys(Unit(stall: st, product: s.product))[0]
            }
        }
        struct Acc { var omzet: Int64 = 0, units: Int64 = 0, sales: Int64 = 0; var pa = Set<Int>(), st = Set<Int>(), pr = Set<Int>() }
        var acc: [String?: Acc] = [:]
        for s in sales {
            let k = saleKey(s)
            acc[k, default: Acc()].omzet += s.amount
            acc[k]!.units += s.qty
            acc[k]!.sales += 1
            if dim == "buyer" {
                acc[k]!.pa.insert(s.participant)
                acc[k]!.st.insert(m.stall(event: s.event, participant: s.participant)!)
                if let p = s.product { acc[k]!.pr.insert(p) }
            }
        }
        if dim != "buyer" {
            for u in units {
                for k in unitKeys(u) {
                    acc[k, default: Acc()].pa.insert(m.stalls[u.stall].participant)
                    acc[k]!.st.insert(u.stall)
                    if let p = u.product { acc[k]!.pr.insert(p) }
                }
            }
        }
        if !narrows && ["event", "program", "mode"].contains(dim) {
            for i in inScope {
                let e = m.events[i]
                let k: String? = dim == "event" ? e.id : dim == "mode" ? e.mode : textKey(e.program)
                if acc[k] == nil { acc[k] = Acc() }
            }
        }
        if q.kind == "year" && dim == "month", let f = q.from {
            for mo in 1...12 { let k = "\(f.y)-\(MDay.two(mo))"; if acc[k] == nil { acc[k] = Acc() } }
        }
        var rows: [RRow] = acc.map { k, a in
            var key = k
            var name: String?
            switch dim {
            case "program": key = spelling(k, m.events.map(\.program))
            // Jakarta's places by their official spelling (SPEC section 9), others by their first.
            case "kota": key = spelling(k, m.participants.map(\.kota)).map { Places.officialKota($0) ?? $0 }
            case "kecamatan": key = spelling(k, m.participants.map(\.kecamatan)).map { Places.officialKecamatan($0) ?? $0 }
            case "category": key = spelling(k, m.participants.map(\.category) + m.products.map(\.category))
            case "buyer": key = spelling(k, m.sales.map(\.buyer))
            case "event": name = m.events.first { $0.id == k }?.name
            case "participant": name = m.participants.first { $0.id == k }?.name
            case "product":
                name = m.products.first { "\(m.participants[$0.participant].id)/\($0.id)" == k }?.name
            default: break
            }
            return RRow(key: key, name: name, omzet: a.omzet, units: a.units, sales: a.sales, participants: Int64(a.pa.count),
                        stalls: Int64(a.st.count), products: Int64(a.pr.count), share: tenths(a.omzet, omzet))
        }
        if dim == "month" || dim == "day" {
            rows.sort { ($0.key ?? "") < ($1.key ?? "") }
        } else {
            rows.sort { a, b in
                if a.omzet != b.omzet { return a.omzet > b.omzet }
                switch (a.key, b.key) {
                case let (x?, y?): return x.lowercased() != y.lowercased() ? x.lowercased() < y.lowercased() : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return false
                }
            }
        }
        if q.kind == "year" {
            // The best month: the most omzet, the earlier on a tie; none when nothing sold.
            var months: [String: Int64] = [:]
            for s in sales { months[s.day.monthKey, default: 0] += s.amount }
            if let top = months.filter({ $0.value > 0 }).sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).first {
                r.best = .some(RRow(key: top.key, omzet: top.value))
            } else {
                r.best = .some(nil)
            }
        }
        if q.kind == "top" {
            rows = Array(rows.filter { $0.sales > 0 && !($0.key ?? "").hasSuffix("/*") }.prefix(q.limit ?? 10))
        } else if let n = q.limit {
            rows = Array(rows.prefix(n))
        }
        r.rows = rows
        return r
    }
}
