import Testing
import Foundation
import GRDB
@testable import BazarCore

/// Tab completion: the grammar from `CommandTable`, ids from the store.
@Suite struct CompletionTests {
    static let setup = [
        "open event jakpus-2021-09 mode hybrid from 2021-09-23 to 2021-09-24",
        "open event borju-2020-08 program BORJU mode online from 2020-08-07 to 2020-08-09",
        "add participant wedang-batavia name \"Wedang Batavia\"",
        "add participant wedang-solo",
        "add participant warung-sate",
        "add product wedang-batavia/bir-pletok price 25rb",
        "add product wedang-batavia/bir-jahe price 20rb",
        "add product wedang-batavia/wedang-uwuh price 15rb",
        "add product warung-sate/sate-ayam price 30rb",
    ]

    /// Runs `body` with a session on an in-memory store holding `setup`.
    func withSession(_ body: (Session) throws -> Void) throws {
        let store = try Store(path: nil)
        try store.run { db in
            let sink = UndoSink()
            let session = Session(db: db, today: Day(year: 2021, month: 9, day: 23)!, who: "t", output: sink)
            for l in Self.setup {
                _ = session.runLine(SourceLine(file: nil, number: 1, text: l))
            }
            #expect(sink.err == "")
            try body(session)
        }
    }

    /// Candidates with the cursor at the end of `line`.
    func complete(_ line: String, _ session: Session) -> [String] {
        Completion.complete(line: line, cursor: line.utf8.count, session: session).candidates
    }

    @Test func commandWords() throws {
        try withSession { s in
            #expect(complete("", s).contains("add") && complete("", s).contains("undo"))
            #expect(complete("re", s) == ["record", "reopen", "report"])
            #expect(complete("li", s) == ["list"])
            #expect(complete("LIST p", s) == ["participants", "products"])
            #expect(complete("set ", s) == ["csv", "format", "language", "on-error", "pager", "timing"])
            #expect(complete("set csv ", s) == ["bom"])
            let r = Completion.complete(line: "hi", cursor: 2, session: s)
            #expect(r.candidates == ["history"] && r.start == 0 && r.complete)
        }
    }

    @Test func idsOfTheKindTheGrammarExpects() throws {
        try withSession { s in
            #expect(complete("show participant wed", s) == ["wedang-batavia", "wedang-solo"])
            #expect(Completion.complete(line: "show participant wed", cursor: 20, session: s).common == "wedang-")
            #expect(complete("show participant WED", s) == ["wedang-batavia", "wedang-solo"])
            #expect(complete("show event ", s) == ["borju-2020-08", "jakpus-2021-09"])
            #expect(complete("close event j", s) == ["jakpus-2021-09"])
            #expect(complete("list sales event b", s) == ["borju-2020-08"])
            #expect(complete("at w", s) == ["warung-sate", "wedang-batavia", "wedang-solo"])
            #expect(complete("at ", s).contains("-"))
            // A new id is not completed from the store.
            #expect(complete("add participant wed", s) == [])
        }
    }

    @Test func productRefs() throws {
        try withSession { s in
            let r = Completion.complete(line: "show product wedang-b", cursor: 21, session: s)
            #expect(r.candidates == ["wedang-batavia/"])
            #expect(!r.complete)   // no space after the slash: the product comes next
            #expect(complete("show product wedang-batavia/bir", s) == ["wedang-batavia/bir-jahe", "wedang-batavia/bir-pletok"])
            #expect(complete("edit product Wedang-Batavia/w", s) == ["wedang-batavia/wedang-uwuh"])
            #expect(complete("show product nobody/x", s) == [])
            // At a stall, `add sale` takes the stall's products by their short id.
            _ = s.runLine(SourceLine(file: nil, number: 1, text: "at wedang-batavia"))
            #expect(complete("add sale bir", s) == ["bir-jahe", "bir-pletok"])
            #expect(complete("add sale w", s) == ["warung-sate/", "wedang-batavia/", "wedang-solo/", "wedang-uwuh"])
            // `add stall P products …`: that participant's products, each offered once.
            #expect(complete("add stall wedang-batavia products bir-jahe ", s).contains("bir-pletok"))
            #expect(!complete("add stall wedang-batavia products bir-jahe ", s).contains("bir-jahe"))
        }
    }

    @Test func attributeNamesNotYetUsedAndValues() throws {
        try withSession { s in
            let names = complete("add sale wedang-batavia/bir-pletok 3 price 25rb ", s)
            #expect(names.contains("buyer") && names.contains("channel") && names.contains("note"))
            #expect(!names.contains("price") && !names.contains("amount"))
            #expect(complete("add sale wedang-batavia/bir-pletok 3 ch", s) == ["channel"])
            #expect(complete("add sale wedang-batavia/bir-pletok 3 channel ", s) == ["offline", "online"])
            #expect(complete("open event x mode h", s) == ["hybrid"])
            #expect(complete("open event x level ", s) == ["kecamatan", "kota", "provinsi"])
            #expect(complete("add participant x kind ", s) == ["ikm", "ukm", "umkm"])
            #expect(complete("set format ", s) == ["csv", "json", "markdown", "table"])
            #expect(complete("list participants kind ukm ", s).contains("kecamatan"))
            #expect(!complete("list participants kind ukm ", s).contains("kind"))
            // Inside quotes (free text) nothing is offered.
            #expect(complete("add participant x name \"Wed", s) == [])
            #expect(complete("edit event jakpus-2021-09 on 2021-09-23 ", s).contains("target"))
            #expect(!complete("edit event jakpus-2021-09 on 2021-09-23 ", s).contains("from"))
        }
    }

    @Test func reportWordsAndDimensions() throws {
        try withSession { s in
            #expect(complete("report ", s) == Completion.reportKinds.sorted())
            #expect(complete("report top ", s) == ["categories", "participants", "products"])
            #expect(complete("report month 2020-08 by ", s) == Completion.reportDimensions.sorted())
            #expect(complete("report month 2020-08 by k", s) == ["kecamatan", "kota"])
            #expect(complete("report year 2020 program ", s) == ["BORJU"])
            #expect(complete("report event b", s) == ["borju-2020-08", "by"])
            #expect(complete("report participant war", s) == ["warung-sate"])
            #expect(complete("report range 2020 mode ", s) == ["hybrid", "offline", "online"])
            // unsold and top take an event id as their scope (SPEC 4).
            #expect(complete("report unsold bo", s) == ["borju-2020-08"])
            #expect(complete("report top products bo", s) == ["borju-2020-08"])
        }
    }

    @Test func fileNamesAreLeftToTheShell() throws {
        try withSession { s in
            #expect(Completion.complete(line: "run sal", cursor: 7, session: s).files)
            #expect(Completion.complete(line: "list events > ev", cursor: 16, session: s).files)
            #expect(complete("record of", s) == ["off"])
            #expect(complete("help add s", s) == ["sale", "stall"])
        }
    }

    @Test func theCursorNeedNotBeAtTheEnd() throws {
        try withSession { s in
            let line = "show participant wed extra"
            let r = Completion.complete(line: line, cursor: 20, session: s)
            #expect(r.start == 17)
            #expect(r.candidates == ["wedang-batavia", "wedang-solo"])
        }
    }

    /// 20,000 participants and 60,000 products: completion reads through the id indexes.
    @Test func instantOnALargeStore() throws {
        let store = try Store(path: nil)
        try store.run { db in
            try db.execute(sql: "BEGIN")
            let p = try db.makeStatement(sql: "INSERT INTO participant (id, name) VALUES (?, ?)")
            let q = try db.makeStatement(sql: "INSERT INTO product (participant_no, id, price) VALUES (?, ?, 1000)")
            for i in 0..<20_000 {
                try p.execute(arguments: [String(format: "umkm-%05d", i), "UMKM \(i)"])
                let no = db.lastInsertedRowID
                for j in 0..<3 { try q.execute(arguments: [no, "produk-\(j)"]) }
            }
            try db.execute(sql: "COMMIT")
            let s = Session(db: db, today: Day(year: 2021, month: 9, day: 23)!, who: "t", output: UndoSink())
            // The plans use the unique indexes on the ids (a range search, not a scan).
            let planRow = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM participant WHERE id >= ? AND id < ? ORDER BY id LIMIT 201",
                                           arguments: ["umkm-1", "umkm-1\u{10FFFF}"]).map { $0["detail"] as String }.joined(separator: "; ")
            #expect(planRow.contains("USING COVERING INDEX") && planRow.contains("id>? AND id<?"), "\(planRow)")
            var worst = 0.0
            for line in ["show participant umkm-1", "show participant u", "show participant ", "add sale umkm-12345/p",
                         "show product umkm-0", "list sales participant umkm-199"] {
                let t0 = Date()
                let r = Completion.complete(line: line, cursor: line.utf8.count, session: s)
                worst = max(worst, Date().timeIntervalSince(t0))
                #expect(!r.candidates.isEmpty, "\(line)")
                #expect(r.candidates.count <= Completion.limit)
            }
            // Truncated lists still insert only what all matches share.
            let wide = Completion.complete(line: "show participant umkm-1", cursor: 23, session: s)
            #expect(wide.truncated && wide.common == "umkm-1")
            #expect(complete("add sale umkm-12345/p", s) == ["umkm-12345/produk-0", "umkm-12345/produk-1", "umkm-12345/produk-2"])
            print("completion on 20,000 participants / 60,000 products: slowest \(String(format: "%.2f", worst * 1000)) ms")
            #expect(worst < 0.05)
        }
    }
}
