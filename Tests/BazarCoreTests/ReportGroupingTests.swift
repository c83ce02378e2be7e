import Foundation
import Testing
@testable import BazarCore

/// `ReportEngine.grouped(by:)` with two keys, the seam a cross-tab (`by D1 by D2`) is built on: each row has
/// one value per key (free text respelled to its first spelling), and the sale figures add up to the totals.
@Suite struct ReportGroupingTests {
    @Test func twoKeysGiveOneRowPerPairWithEachValueSpelledAsFirstStored() throws {
        let store = try Store(path: nil)
        let sink = FuzzSink()
        try store.run { db in
            let s = Session(db: db, today: Day(year: 2024, month: 6, day: 1)!, who: "t", output: sink)
            s.undoEnabled = false
            for line in ["add participant a kota \"Jakarta Barat\"", "add participant b kota \"jakarta barat\"", "add participant c",
                         "open event e1 mode hybrid on 2024-03-01", "add sale a amount 10rb channel online", "add sale b amount 5rb",
                         "add sale c amount 1rb", "add stall c"] {
                #expect(s.runLine(SourceLine(text: line)).errors == 0, "\(sink.err)")
            }
            var scope = ReportScope()
            scope.eventNo = try s.records.event(id: "e1")?.no
            let engine = ReportEngine(store: SQLiteConnection(db), scope: scope)
            let (rows, total, _) = try engine.grouped(by: [.kota, .channel])
            let got = Set(rows.map { "\($0.keys[0] ?? "null")|\($0.keys[1] ?? "null")=\($0.omzet)/\($0.stalls)" })
            #expect(got == ["Jakarta Barat|online=10000/1", "Jakarta Barat|offline=5000/1", "null|offline=1000/1"])
            #expect(total.omzet == 16_000)
        }
    }
}
