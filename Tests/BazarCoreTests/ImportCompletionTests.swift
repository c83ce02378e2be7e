import Testing
@testable import BazarCore

/// Tab in `import orders` and `map sku`: file names, formats, events, the flag, product refs.
@Suite struct ImportCompletionTests {
    func complete(_ line: String, _ session: Session) -> CompletionResult {
        Completion.complete(line: line, cursor: line.utf8.count, session: session)
    }

    @Test func importOrdersAndMapSku() throws {
        try CompletionTests().withSession { s in
            #expect(complete("import ", s).candidates == ["orders"])
            #expect(complete("map ", s).candidates == ["sku"])
            #expect(complete("list m", s).candidates == ["maps"])
            #expect(complete("import orders pen", s).files)
            #expect(complete("import orders penjualan.xlsx ", s).candidates == ["dry-run", "event", "format"])
            #expect(complete("import orders penjualan.xlsx format ", s).candidates == ["csv", "shopee", "tiktok", "tokopedia"])
            #expect(complete("import orders penjualan.xlsx event b", s).candidates == ["borju-2020-08"])
            // After the flag, the attributes not used yet.
            #expect(complete("import orders penjualan.xlsx dry-run ", s).candidates == ["event", "format"])
            #expect(complete("map sku BP-500 ", s).candidates == ["to"])
            #expect(complete("map sku BP-500 to wedang-b", s).candidates == ["wedang-batavia/"])
            #expect(complete("map sku \"Bir Pletok 500ml\" to wedang-batavia/bir", s).candidates == ["wedang-batavia/bir-jahe", "wedang-batavia/bir-pletok"])
        }
    }
}
