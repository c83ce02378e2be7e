import Foundation
import GRDB
import Testing
@testable import BazarCore

/// The report engine against an independent reference (issue 11): random valid stores (`MStore.random`) are
/// loaded as bazar scripts; every report kind, every `by` and every filter is run as JSON through a session and
/// compared, totals and rows, with what `Reference.compute` makes of the same rows in plain Swift.
///
/// The normal suite checks 8 stores; `BAZAR_MODEL_STORES=300` for more, `BAZAR_MODEL_SEED` to vary.
@Suite struct ReportModelTests {
    static let env = ProcessInfo.processInfo.environment
    static let stores = Int(env["BAZAR_MODEL_STORES"] ?? "") ?? 8
    static let seed = UInt64(env["BAZAR_MODEL_SEED"] ?? "") ?? 20_240_310

    static let dims = ["month", "day", "event", "program", "mode", "participant", "product", "category", "kota", "kecamatan", "channel", "buyer"]

    static func quoted(_ s: String) -> String { MStore.quoted(s) }

    /// A period and how to write it: a year, a month, a quarter or a range, often across a month or year end.
    static func period(_ rng: inout FuzzRNG, _ m: MStore) -> (MDay, MDay, String) {
        let e = rng.pick(m.events)
        switch rng.int(0..<4) {
        case 0: return (MDay(e.start.y, 1, 1), MDay(e.start.y, 12, 31), "\(e.start.y)")
        case 1:
            let last = MDay(e.end.y, e.end.m, 1).plus(40)
            return (MDay(e.end.y, e.end.m, 1), MDay(last.y, last.m, 1).plus(-1), e.end.monthKey)
        case 2:
            let qn = (e.start.m - 1) / 3
            let end = MDay(e.start.y, qn * 3 + 3, 1).plus(40)
            return (MDay(e.start.y, qn * 3 + 1, 1), MDay(end.y, end.m, 1).plus(-1), "\(e.start.y)-Q\(qn + 1)")
        default:
            let a = e.start.plus(rng.int(-3...2)), b = a.plus(rng.int(0...40))
            return (a, b, "\(a.iso)..\(b.iso)")
        }
    }

    /// A random filter that matches something in the store (spelled in another case), added to the request.
    static func addFilter(_ rng: inout FuzzRNG, _ m: MStore, _ q: inout RRequest, only: String? = nil) {
        let which = only ?? rng.pick(["program", "mode", "event", "kota", "kecamatan", "category", "channel"])
        func respelled(_ v: String) -> String { rng.chance(0.5) ? v.uppercased() : v.lowercased() }
        switch which {
        case "program":
            guard let v = m.events.compactMap(\.program).randomElement(using: &rng), q.program == nil else { return }
            q.program = respelled(v); q.command += " program \(quoted(q.program!))"
        case "mode":
            guard q.mode == nil else { return }
            q.mode = rng.pick(["online", "offline", "hybrid"]); q.command += " mode \(q.mode!)"
        case "event":
            guard q.event == nil else { return }
            q.event = rng.int(0..<m.events.count); q.command += " event \(m.events[q.event!].id)"
        case "kota":
            guard let v = m.participants.compactMap(\.kota).randomElement(using: &rng), q.kota == nil else { return }
            q.kota = respelled(v); q.command += " kota \(quoted(q.kota!))"
        case "kecamatan":
            guard let v = m.participants.compactMap(\.kecamatan).randomElement(using: &rng), q.kecamatan == nil else { return }
            q.kecamatan = respelled(v); q.command += " kecamatan \(quoted(q.kecamatan!))"
        case "category":
            guard let v = (m.participants.compactMap(\.category) + m.products.compactMap(\.category)).randomElement(using: &rng), q.category == nil else { return }
            q.category = respelled(v); q.command += " category \(quoted(q.category!))"
        default:
            guard q.channel == nil else { return }
            q.channel = rng.pick(["online", "offline"]); q.command += " channel \(q.channel!)"
        }
    }

    /// The reports asked of one store: every kind, every `by` with and without filters, every filter alone and
    /// in pairs, and filter values that match nothing.
    static func requests(_ rng: inout FuzzRNG, _ m: MStore) -> [RRequest] {
        var out: [RRequest] = []
        func yearRequest(_ y: Int) -> RRequest {
            RRequest(kind: "year", from: MDay(y, 1, 1), to: MDay(y, 12, 31), by: "month", command: "report year \(y)")
        }
        let years = Array(Set(m.events.flatMap { [$0.start.y, $0.end.y] })).sorted()
        for y in years { out.append(yearRequest(y)) }
        for d in dims {
            var q = yearRequest(rng.pick(years)); q.by = d; q.command += " by \(d)"
            out.append(q)
            let (a, b, text) = period(&rng, m)
            var r = RRequest(kind: "range", from: a, to: b, by: d, command: "report range \(text) by \(d)")
            addFilter(&rng, m, &r)
            out.append(r)
            var f = yearRequest(rng.pick(years)); f.by = d
            addFilter(&rng, m, &f); addFilter(&rng, m, &f)
            f.command += " by \(d)"
            out.append(f)
        }
        for filter in ["program", "mode", "event", "kota", "kecamatan", "category", "channel"] {
            var q = yearRequest(rng.pick(years))
            addFilter(&rng, m, &q, only: filter)
            out.append(q)
            var e = RRequest(kind: "event", event: rng.int(0..<m.events.count), by: "day")
            e.command = "report event \(m.events[e.event!].id)"
            addFilter(&rng, m, &e, only: filter)
            if rng.chance(0.5) { let d = rng.pick(dims); e.by = d; e.command += " by \(d)" }
            out.append(e)
        }
        for (i, e) in m.events.enumerated() {
            out.append(RRequest(kind: "month", from: MDay(e.start.y, e.start.m, 1), to: MDay(e.start.y, e.start.m, 1).plus(40).plusMonthStart(-1),
                                by: "event", command: "report month \(rng.chance(0.5) ? e.start.monthKey : MDay.indonesian[e.start.m - 1] + " \(e.start.y)")"))
            out.append(RRequest(kind: "event", event: i, by: "day", command: "report event \(e.id)"))
        }
        for (pi, p) in m.participants.enumerated() {
            var q = RRequest(kind: "participant", participant: pi, by: "event", command: "report participant \(p.id)")
            if rng.chance(0.5) { let y = rng.pick(years); q.from = MDay(y, 1, 1); q.to = MDay(y, 12, 31); q.command += " year \(y)" }
            if rng.chance(0.5) { let d = rng.pick(dims); q.by = d; q.command += " by \(d)" }
            out.append(q)
        }
        for what in [("products", "product"), ("participants", "participant"), ("categories", "category")] {
            for _ in 0..<2 {
                var q = RRequest(kind: "top", by: what.1, command: "report top \(what.0)")
                if rng.chance(0.4) {
                    q.event = rng.int(0..<m.events.count); q.command += " \(m.events[q.event!].id)"
                } else if rng.chance(0.6) {
                    let (a, b, text) = period(&rng, m); q.from = a; q.to = b; q.command += " \(text)"
                }
                if rng.chance(0.5) { addFilter(&rng, m, &q) }
                if rng.chance(0.5) { q.limit = rng.int(1...4); q.command += " limit \(q.limit!)" }
                out.append(q)
            }
        }
        for _ in 0..<3 {
            var q = RRequest(kind: "unsold", by: "product", command: "report unsold")
            if rng.chance(0.4) {
                q.event = rng.int(0..<m.events.count); q.command += " \(m.events[q.event!].id)"
            } else if rng.chance(0.6) {
                let (a, b, text) = period(&rng, m); q.from = a; q.to = b; q.command += " \(text)"
            }
            if rng.chance(0.5) { addFilter(&rng, m, &q) }
            if rng.chance(0.5) { q.limit = rng.int(1...4); q.command += " limit \(q.limit!)" }
            out.append(q)
        }
        // Free-text values that match nothing in the store.
        var bad = yearRequest(rng.pick(years))
        switch rng.int(0..<4) {
        case 0: bad.program = "BORJO"; bad.command += " program BORJO"
        case 1: bad.kota = "Jakarta Tengah"; bad.command += " kota \"Jakarta Tengah\""
        case 2: bad.kecamatan = "Mentang"; bad.command += " kecamatan Mentang"
        default: bad.category = "otomotif"; bad.command += " category otomotif"
        }
        out.append(bad)
        return out
    }

    // MARK: reading bazar's JSON

    static func int(_ v: Any?) -> Int64? { (v as? NSNumber)?.int64Value }
    static func tenths(_ v: Any?) -> Int64? { (v as? NSNumber).map { Int64(($0.doubleValue * 10).rounded()) } }

    static func parse(_ json: String, kind: String) throws -> RReport {
        let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var r = RReport()
        let totals = o["totals"] as! [String: Any]
        for (k, v) in totals { r.totals[k] = k == "achievement_pct" ? .some(tenths(v)) : .some(int(v)) }
        r.rows = (o["rows"] as! [[String: Any]]).map { row in
            RRow(key: row["key"] as? String, name: row["name"] as? String, event: row["event"] as? String,
                 omzet: int(row["omzet"])!, units: int(row["units"])!, sales: int(row["sales"])!,
                 participants: int(row["participants"])!, stalls: int(row["stalls"])!, products: int(row["products"])!,
                 share: tenths(row["share_pct"]))
        }
        if kind == "year" {
            if let b = o["best"] as? [String: Any] {
                r.best = .some(RRow(key: b["key"] as? String, omzet: int(b["omzet"])!))
            } else {
                r.best = .some(nil)
            }
        }
        return r
    }

    @Test func everyReportAgreesWithTheReferenceModel() throws {
        var rng = FuzzRNG(seed: Self.seed)
        var compared = 0, refusals = 0, disagreements = 0, salesTotal = 0
        for round in 0..<Self.stores {
            let m = MStore.random(&rng)
            salesTotal += m.sales.count
            let store = try Store(path: nil)
            let sink = FuzzSink()
            try store.run { db in
                let s = Session(db: db, today: Day(year: 2024, month: 6, day: 1)!, who: "t", output: sink)
                s.undoEnabled = false
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-model-\(getpid())-\(round).bazar")
                try (m.script.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: path) }
                let loaded = s.runScript(try ScriptReader(path: path.path))
                try #require(loaded.errors == 0, "round \(round): the generated script loads: \(sink.err)\n\(m.script.joined(separator: "\n"))")
                s.context = Context()
                s.settings.format = .json
                s.settings.formatChosen = true
                for q in Self.requests(&rng, m) {
                    sink.reset()
                    let ran = s.runLine(SourceLine(text: q.command))
                    do {
                        let want = try Reference.compute(m, q)
                        guard ran.errors == 0 else {
                            disagreements += 1
                            Issue.record("round \(round): '\(q.command)' failed: \(sink.err)")
                            continue
                        }
                        let got = try Self.parse(sink.out, kind: q.kind)
                        compared += 1
                        if got != want {
                            disagreements += 1
                            Issue.record("""
                                round \(round): '\(q.command)' disagrees with the reference
                                  totals bazar: \(got.totals.sorted { $0.key < $1.key })
                                  totals model: \(want.totals.sorted { $0.key < $1.key })
                                  rows bazar: \(got.rows)
                                  rows model: \(want.rows)
                                  best bazar: \(String(describing: got.best)) model: \(String(describing: want.best))
                                script:
                                \(m.script.joined(separator: "\n"))
                                """)
                        }
                    } catch let refused as Reference.Refused {
                        refusals += 1
                        if ran.errors == 0 || !sink.err.contains("no \(refused.what) '") {
                            disagreements += 1
                            Issue.record("round \(round): '\(q.command)' should be refused (\(refused.what) matches nothing): \(sink.out.prefix(300)) \(sink.err)")
                        }
                    }
                }
            }
        }
        print("bazar report model: \(Self.stores) random stores (\(salesTotal) sales), \(compared) reports compared with the reference, \(refusals) refusals checked, \(disagreements) disagreements")
        #expect(disagreements == 0)
    }
}

extension MDay {
    /// The first day of this day's month moved by `days`: (a day of the next month).plusMonthStart(-1) is the last day of this one.
    func plusMonthStart(_ days: Int) -> MDay { MDay(y, m, 1).plus(days) }
}
