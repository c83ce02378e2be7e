import Testing
@testable import BazarCore

/// Tab on `kota`, `kecamatan` and `kelurahan` values: Jakarta's official names, quoted when they hold a space.
@Suite struct PlaceCompletionTests {
    func withSession(_ body: (Session) throws -> Void) throws {
        let store = try Store(path: nil)
        try store.run { db in
            let sink = UndoSink()
            let session = Session(db: db, today: Day(year: 2021, month: 9, day: 23)!, who: "t", output: sink)
            _ = session.runLine(SourceLine(file: nil, number: 1, text: "add participant wedang-batavia kota \"Jakarta Pusat\""))
            try body(session)
        }
    }

    func complete(_ line: String, _ s: Session) -> CompletionResult {
        Completion.complete(line: line, cursor: line.utf8.count, session: s)
    }

    @Test func kecamatanTanCompletesToTanahAbangQuotedWhenTheKotaIsJakartaPusat() throws {
        try withSession { s in
            let r = complete("add participant x kota \"Jakarta Pusat\" kecamatan Tan", s)
            #expect(r.candidates.first == "\"Tanah Abang\"")
            #expect(r.common == "\"Tanah Abang\"")
            // Without a kota both are offered, and one Tab inserts what they share.
            let all = complete("add participant x kecamatan Tan", s)
            #expect(all.candidates == ["\"Tanah Abang\"", "\"Tanjung Priok\""])
            #expect(all.common == "Tan")
        }
    }

    @Test func theKotaOnTheLineOrOfTheParticipantEditedComesFirst() throws {
        try withSession { s in
            let r = complete("add participant x kota \"Jakarta Utara\" kecamatan Tan", s)
            #expect(r.candidates == ["\"Tanjung Priok\"", "\"Tanah Abang\""])
            #expect(r.common == "\"Tanjung Priok\"")
            let e = complete("edit participant wedang-batavia kecamatan Tan", s)
            #expect(e.common == "\"Tanah Abang\"")
            #expect(complete("add participant x kota jakpus kecamatan ", s).candidates.prefix(8).count == 8)
            #expect(Array(complete("add participant x kota jakpus kecamatan ", s).candidates.prefix(2)) == ["\"Cempaka Putih\"", "Gambir"])
        }
    }

    @Test func kotaKelurahanAnOpenQuoteAndReportFilters() throws {
        try withSession { s in
            #expect(complete("add participant x kota \"Jakarta S", s).candidates == ["\"Jakarta Selatan\""])
            #expect(complete("add participant x kota jakarta", s).common == "\"Jakarta ")
            #expect(complete("add participant x kecamatan Menteng kelurahan Ci", s).candidates.first == "Cikini")
            #expect(complete("add participant x kecamatan \"Tanah A", s).candidates == ["\"Tanah Abang\""])
            #expect(complete("open event e kota \"Jakarta Barat\" kecamatan Ke", s).candidates.prefix(2) == ["\"Kebon Jeruk\"", "Kembangan"])
            #expect(complete("report month kecamatan Kem", s).candidates == ["Kemayoran", "Kembangan"])
            #expect(complete("list participants kota \"jakarta u", s).candidates == ["\"Jakarta Utara\""])
            // Other text in quotes still offers nothing.
            #expect(complete("add participant x name \"Wed", s).candidates.isEmpty)
        }
    }
}
