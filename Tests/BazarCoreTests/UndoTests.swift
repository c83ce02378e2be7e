import Testing
import Foundation
import GRDB
@testable import BazarCore

/// Collects what a session prints.
final class UndoSink: OutputSink {
    var out = ""
    var err = ""
    func write(_ text: String) { out += text }
    func writeError(_ text: String) { err += text }
    func flush() {}
}

/// A session on an in-memory store, driven line by line as the shell does.
struct UndoHarness {
    let session: Session
    let sink: UndoSink

    init(_ db: Database) {
        sink = UndoSink()
        session = Session(db: db, today: Day(year: 2021, month: 9, day: 23)!, who: "tester", output: sink)
        session.interactive = true
    }

    /// Runs one line; returns (stdout, stderr) of it.
    @discardableResult
    func run(_ text: String) -> (out: String, err: String) {
        sink.out = ""
        sink.err = ""
        _ = session.runLine(SourceLine(file: nil, number: 1, text: text))
        return (sink.out, sink.err)
    }

    /// The whole store as JSON lists: what `undo` must restore exactly.
    func state() -> String {
        let saved = session.settings
        session.settings.format = .json
        defer { session.settings = saved }
        var all = ""
        for what in ["events", "participants", "products", "stalls"] {
            all += run("list \(what)").out
        }
        all += run("list sales void all event jakpus-2021-09").out
        return all
    }
}

let setupLines = [
    "open event jakpus-2021-09 name \"Bazar Hybrid\" mode hybrid from 2021-09-23 to 2021-09-24",
    "add participant wedang-batavia name \"Wedang Batavia\" kota \"Jakarta Selatan\" category minuman",
    "add product wedang-batavia/bir-pletok name \"Bir Pletok\" price 25rb unit botol",
    "add product wedang-batavia/wedang-uwuh name \"Wedang Uwuh\" price 15rb",
    "at wedang-batavia",
]

@Suite struct UndoTests {
    @Test func undoAfterAddSaleRestoresTheStateBefore() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            for l in setupLines { #expect(h.run(l).err == "") }
            let before = h.state()
            #expect(before.contains("bir-pletok") && before.contains("jakpus-2021-09"), "\(before)")
            let added = h.run("add sale bir-pletok 3")
            #expect(added.out.contains("sale #1"), "\(added)")
            #expect(h.state() != before)
            let undone = h.run("undo")
            #expect(undone.err == "")
            #expect(undone.out.contains("undone: add sale bir-pletok 3"), "\(undone.out)")
            #expect(h.state() == before)
        }
    }

    @Test func undoAfterVoidAndEditRestoresEachStep() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            for l in setupLines { h.run(l) }
            h.run("add sale bir-pletok 2")
            h.run("add sale wedang-uwuh 1 buyer Bekasi")
            let s0 = h.state()
            #expect(s0.contains("\"buyer\" : \"Bekasi\"") || s0.contains("\"buyer\":\"Bekasi\""), "\(s0)")
            #expect(h.run("void sale 1 reason \"double entry\"").err == "")
            let s1 = h.state()
            #expect(s1 != s0)
            #expect(h.run("edit product wedang-batavia/bir-pletok price 27rb name \"Bir Pletok Tubruk\"").err == "")
            #expect(h.state() != s1)
            #expect(h.run("undo").out.contains("undone: edit product"))
            #expect(h.state() == s1)
            #expect(h.run("undo").out.contains("undone: void sale 1"))
            #expect(h.state() == s0)
        }
    }

    @Test func undoIsRepeatableToTheSessionStartThenRefuses() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            let empty = h.state()
            for l in setupLines { h.run(l) }
            h.run("add sale bir-pletok 3")
            // Changes only: `at` is context, not a change.
            let changes = try h.session.undoableChanges()
            #expect(changes.count == 5)
            for _ in 0..<5 { #expect(h.run("undo").err == "") }
            #expect(h.state() == empty)
            let refused = h.run("undo")
            #expect(refused.err.contains("nothing to undo in this session"), "\(refused)")
            // The context went with the event it named.
            #expect(h.session.context.event == nil)
        }
    }

    @Test func aFailedCommandLeavesNothingToUndo() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            for l in setupLines { h.run(l) }
            #expect(h.run("add sale no-such-product 3").err.contains("error"))
            let changes = try h.session.undoableChanges()
            #expect(changes.first?.hasPrefix("add product wedang-batavia/wedang-uwuh") == true)
        }
    }

    @Test func undoIsLoggedAndTheLogIsKept() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            for l in setupLines { h.run(l) }
            h.run("add sale bir-pletok 3")
            h.run("undo")
            let log = h.run("log").out
            #expect(log.contains("add sale bir-pletok 3"))
            #expect(log.contains("undo"))
        }
    }

    @Test func scriptsLoadedFromTheCommandLineAreNotCaptured() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-undo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = dir.appendingPathComponent("s.bazar").path
            try (setupLines.joined(separator: "\n") + "\nadd sale bir-pletok 1\n").write(toFile: script, atomically: true, encoding: .utf8)
            // As main.swift runs `bazar FILE`: no triggers are installed at all.
            _ = h.session.runScript(try ScriptReader(path: script))
            #expect(h.sink.err == "")
            #expect(h.session.undoLog.installed == false)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'")
            #expect(count == 0)
        }
    }

    @Test func runTypedInTheShellIsOneUndoableChange() throws {
        let store = try Store(path: nil)
        try store.run { db in
            let h = UndoHarness(db)
            let empty = h.state()
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-undo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = dir.appendingPathComponent("s.bazar").path
            try (setupLines.joined(separator: "\n") + "\nadd sale bir-pletok 1\n").write(toFile: script, atomically: true, encoding: .utf8)
            #expect(h.run("run \(script)").err == "")
            #expect(h.state() != empty)
            #expect(h.run("undo").out.contains("undone: run"))
            #expect(h.state() == empty)
        }
    }

    @Test func recordReproducesTheSessionInAnEmptyStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let recordFile = dir.appendingPathComponent("session.bazar").path
        let original = try Store(path: nil)
        let (dumped, state) = try original.run { db -> (String, String) in
            let h = UndoHarness(db)
            #expect(h.run("record \(recordFile)").err == "")
            for l in setupLines { h.run(l) }
            h.run("day 2")
            h.run("add sale bir-pletok 3")
            h.run("add sale wedang-uwuh 2 price 14rb buyer Depok")
            h.run("add sale bir-pletok 1")
            h.run("undo")                        // taken out of the record too
            h.run("at -")
            h.run("add sale wedang-batavia/wedang-uwuh 1 channel online")
            h.run("add sale no-such/thing 1")    // fails: not recorded
            h.run("void sale 1 reason test")
            h.run("edit product wedang-batavia/bir-pletok price 26rb")
            h.run("record off")
            h.run("add participant after-recording")
            h.run("undo")
            return (h.run("dump").out, h.state())
        }
        let text = try String(contentsOfFile: recordFile, encoding: .utf8)
        #expect(!text.contains("add sale bir-pletok 1\n"))
        #expect(!text.contains("no-such"))
        let replay = try Store(path: nil)
        try replay.run { db in
            let h = UndoHarness(db)
            h.session.undoEnabled = false
            let result = h.session.runScript(try ScriptReader(path: recordFile))
            #expect(result.errors == 0, "\(h.sink.err)")
            #expect(h.run("dump").out == dumped)
            // The same sales, numbered afresh: the original's undone sale #3 left a gap there (numbers are never
            // reused), which a new store does not have.
            #expect(Self.withoutSaleNumbers(h.state()) == Self.withoutSaleNumbers(state))
        }
    }

    static func withoutSaleNumbers(_ state: String) -> String {
        state.replacingOccurrences(of: #"\{"id":[0-9]+,"event""#, with: "{\"event\"", options: .regularExpression)
    }
}
