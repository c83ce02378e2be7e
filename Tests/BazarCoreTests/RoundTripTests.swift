import Foundation
import GRDB
import Testing
@testable import BazarCore

/// Round trip (issue 7), as a property: for random valid stores (participants, products, events,
/// stalls, sales, voids, closed events; names in any UTF-8 with quotes and backslashes, but no control
/// characters, which the language refuses), `dump`
/// loaded into an empty store gives every `list … --format json` and every report back equal, and
/// dumping again gives the same script.
///
/// The normal suite checks 25 stores; `BAZAR_ROUNDTRIP_STORES=1000` for more, `BAZAR_ROUNDTRIP_SEED` to vary.
@Suite struct RoundTripTests {
    static let env = ProcessInfo.processInfo.environment
    static let stores = Int(env["BAZAR_ROUNDTRIP_STORES"] ?? "") ?? 25
    static let seed = UInt64(env["BAZAR_ROUNDTRIP_SEED"] ?? "") ?? 1_945

    // MARK: a random valid store, as a script

    static func text(_ rng: inout FuzzRNG) -> String {
        let pieces = ["Kué", "Lapis", "\"", "\\", "\\\\", "\"\"", "#", ">", ">>", "Rp 5.000", "'", "ñ", "🥤", "e\u{301}", "İstanbul", "中文",
                      "  ", "\u{00A0}", "a", "Bir Pletok", "Wedang \"86\"", "C:\\temp\\", "--", "…", "١٢٣", "\u{200B}", "%d", "NULL", ";DROP TABLE sale;"]
        return (0..<rng.int(1...4)).map { _ in rng.pick(pieces) }.joined(separator: rng.chance(0.7) ? " " : "")
    }

    static func slug(_ rng: inout FuzzRNG, _ prefix: String) -> String {
        let chars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        return prefix + String((0..<rng.int(1...10)).map { _ in rng.pick(chars) })
    }

    static func attrs(_ rng: inout FuzzRNG, _ names: [String]) -> String {
        names.filter { _ in rng.chance(0.6) }.map { " \($0) \(Session.quoted(text(&rng)))" }.joined()
    }

    static func money(_ rng: inout FuzzRNG) -> String {
        let n = Int64(rng.int(0...2_000_000_000))
        switch rng.int(0..<4) {
        case 0: return String(n)
        case 1: return Money.format(n)   // `Rp 1.234.567`
        case 2: return "\(n / 1000)rb"
        default: return "\(n % 1000),5jt"
        }
    }

    static func randomScript(_ rng: inout FuzzRNG) -> String {
        var lines: [String] = []
        var products: [String: [String]] = [:]
        var participants: [String] = []
        for i in 0..<rng.int(1...7) {
            let id = slug(&rng, "p\(i)-")
            participants.append(id)
            var line = "add participant \(id)" + attrs(&rng, ["name", "owner", "kota", "kecamatan", "kelurahan", "category", "phone"])
            if rng.chance(0.5) { line += " kind \(rng.pick(["ukm", "ikm", "umkm"]))" }
            lines.append(line)
            products[id] = []
            for j in 0..<rng.int(0...4) {
                let pid = slug(&rng, "x\(j)-")
                products[id]!.append(pid)
                var p = "add product \(id)/\(pid)" + attrs(&rng, ["name", "category", "unit"])
                if rng.chance(0.7) { p += " price \(money(&rng))" }
                lines.append(p)
            }
        }
        var sales = 0
        var events: [String] = []
        for k in 0..<rng.int(1...4) {
            let id = slug(&rng, "e\(k)-")
            events.append(id)
            let start = Day(year: rng.int(2020...2023), month: rng.int(1...12), day: rng.int(1...28))!
            let days = rng.int(1...3)
            var line = "open event \(id)" + attrs(&rng, ["name", "program", "channel", "kota", "kecamatan", "venue"])
            line += " mode \(rng.pick(["online", "offline", "hybrid"]))"
            if rng.chance(0.5) { line += " level \(rng.pick(["kecamatan", "kota", "provinsi"]))" }
            line += days == 1 && rng.chance(0.5) ? " on \(start.iso)" : " from \(start.iso) to \(start.adding(days: days - 1).iso)"
            if rng.chance(0.5) { line += " target \(money(&rng))" }
            lines.append(line)
            for p in participants where rng.chance(0.5) {
                let listed = products[p]!.filter { _ in rng.chance(0.5) }
                lines.append("add stall \(p)" + (listed.isEmpty ? "" : " products " + listed.joined(separator: " ")))
            }
            for _ in 0..<rng.int(0...25) {
                let p = rng.pick(participants)
                var sale = "add sale "
                if let product = products[p]!.randomElement(using: &rng), rng.chance(0.8) {
                    sale += "\(p)/\(product) qty \(rng.int(1...50))"
                    sale += rng.chance(0.5) ? " price \(money(&rng))" : " amount \(money(&rng))"
                } else {
                    sale += "\(p) amount \(money(&rng))"
                }
                sale += " day \(rng.int(1...days))"
                if rng.chance(0.5) { sale += " channel \(rng.pick(["online", "offline"]))" }
                sale += attrs(&rng, ["buyer", "note"])
                if rng.chance(0.3) { sale += " ref \(Session.quoted("R\(sales)-" + text(&rng)))" }
                lines.append(sale)
                sales += 1
            }
        }
        var voided = Set<Int>()
        for _ in 0..<(sales / 4) {
            let n = rng.int(1...max(1, sales))
            if sales > 0, voided.insert(n).inserted {
                lines.append("void sale \(n)" + (rng.chance(0.5) ? " reason \(Session.quoted(text(&rng)))" : ""))
            }
        }
        for e in events where rng.chance(0.3) { lines.append("close event \(e)") }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: what must come back equal

    /// Every list as JSON, and every report (when reports are built) as JSON.
    static func observe(_ session: Session, _ sink: FuzzSink) throws -> [String: String] {
        var seen: [String: String] = [:]
        // `list stalls` and `list sales` default to the current event, which is whatever the
        // script opened last: compare the store, not the context.
        session.context = Context()
        session.settings.format = .json
        session.settings.formatChosen = true
        func run(_ command: String) {
            sink.reset()
            let r = session.runLine(SourceLine(text: command))
            seen[command] = r.errors == 0 ? sink.out : "error: " + sink.err
        }
        for kind in ["events", "participants", "products", "stalls"] { run("list \(kind)") }
        run("list sales void all")
        let events = try session.store.values("SELECT id FROM event ORDER BY id", as: String.self)
        let years = try session.store.values("SELECT DISTINCT substr(start_date, 1, 4) FROM event ORDER BY 1", as: String.self)
        let participants = try session.store.values("SELECT id FROM participant ORDER BY id", as: String.self)
        for e in events {
            run("show event \(e)")
            run("report event \(e)")
            run("list stalls event \(e)")
            run("list sales void all event \(e)")
        }
        for p in participants { run("show participant \(p)"); run("report participant \(p)") }
        for y in years {
            run("report year \(y)")
            run("report year \(y) by channel")
            run("report range \(y)-01-01..\(y)-12-31 by buyer")
        }
        for what in ["products", "participants", "categories"] { run("report top \(what) limit 50") }
        run("report unsold")
        return seen
    }

    static func session(_ db: Database, _ sink: FuzzSink) -> Session {
        let s = Session(db: db, today: Day(year: 2021, month: 9, day: 23)!, who: "t", output: sink)
        s.undoEnabled = false
        return s
    }

    static func load(_ script: String, into session: Session, _ sink: FuzzSink, name: String) throws -> RunResult {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-rt-\(getpid())-\(UUID().uuidString)-\(name).bazar")
        try script.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        sink.reset()
        return session.runScript(try ScriptReader(path: path.path))
    }

    @Test func dumpLoadedIntoAnEmptyStoreGivesEveryListAndReportBack() throws {
        var rng = FuzzRNG(seed: Self.seed)
        var checked = 0, salesTotal = 0, reportsCompared = 0
        for round in 0..<Self.stores {
            let script = Self.randomScript(&rng)
            let a = try Store(path: nil), b = try Store(path: nil)
            let sinkA = FuzzSink(), sinkB = FuzzSink()
            let (dumpA, seenA) = try a.run { db -> (String, [String: String]) in
                let s = Self.session(db, sinkA)
                let r = try Self.load(script, into: s, sinkA, name: "a")
                #expect(r.errors == 0, "round \(round): the random script is valid: \(sinkA.err)\n\(script.prefix(3000))")
                salesTotal += try Int.fetchOne(db, sql: "SELECT count(*) FROM sale") ?? 0
                return (try s.dump(), try Self.observe(s, sinkA))
            }
            let (dumpB, seenB) = try b.run { db -> (String, [String: String]) in
                let s = Self.session(db, sinkB)
                let r = try Self.load(dumpA, into: s, sinkB, name: "b")
                #expect(r.errors == 0, "round \(round): the dump loads: \(sinkB.err)")
                #expect(FuzzCheck.integrityProblem(db) == nil)
                return (try s.dump(), try Self.observe(s, sinkB))
            }
            #expect(dumpB == dumpA, "round \(round): dumping the copy gives the same script")
            for key in seenA.keys.sorted() where seenA[key] != seenB[key] {
                Issue.record("round \(round): '\(key)' differs after the round trip\n  before: \(seenA[key]!.prefix(600))\n  after:  \(seenB[key]?.prefix(600) ?? "nil")\n  script:\n\(script.prefix(2000))")
            }
            reportsCompared += seenA.keys.filter { $0.hasPrefix("report") && !(seenA[$0]!.hasPrefix("error")) }.count
            checked += 1
        }
        print("bazar round trip: \(checked) random stores (\(salesTotal) sales), \(reportsCompared) reports and every list equal after dump and load")
    }
}
