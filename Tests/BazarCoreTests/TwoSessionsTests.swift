import Testing
import Foundation
@testable import BazarCore

/// Two officers' shells on one store file: what one session looked up before must not outlive a change
/// the other made in between (the lookup cache lives for one write transaction only).
@Suite struct TwoSessionsTests {
    @Test func aPriceEditedInAnotherSessionIsUsedByTheNextSale() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let first = try Store(path: path)
        let second = try Store(path: path)
        defer { first.close(); second.close() }
        try first.run { dbA in
            try second.run { dbB in
                let a = UndoHarness(dbA)
                let b = UndoHarness(dbB)
                for line in setupLines { #expect(a.run(line).err == "", "\(line)") }
                #expect(a.run("add sale bir-pletok qty 2").out.contains("Rp 50.000"))
                // The other officer changes the price, then voids the sale made at the new price.
                #expect(b.run("edit product wedang-batavia/bir-pletok price 30rb").err == "")
                #expect(a.run("add sale bir-pletok qty 2").out.contains("Rp 60.000"))
                #expect(b.run("open event jakpus-2021-09").err == "")
                #expect(b.run("void sale 2").err == "")
                a.session.settings.format = .json
                let offline = a.run("report event jakpus-2021-09 channel offline").out
                #expect(offline.contains("\"omzet\":50000"), "\(offline)")
            }
        }
    }
}
