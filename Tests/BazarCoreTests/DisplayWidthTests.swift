import Testing
@testable import BazarCore

/// Terminal columns of text, for aligning tables.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("wedang-batavia", 14), ("Kué", 3), ("Kue\u{301}", 3), ("🍰", 2), ("Kue 🍰", 6),
        ("東京", 4), ("ラーメン", 8), ("한국", 4), ("ｆｕｌｌ", 8), ("☕", 2), ("❤\u{FE0F}", 2), ("❤", 1),
        ("👩‍👩‍👧", 2), ("🇮🇩", 2), ("١٢٣", 3), ("\u{200B}", 0), ("Rp 18.944.500", 13),
    ] as [(String, Int)])
    func widthIsWhatTheTerminalShows(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns, "\(text.debugDescription)")
    }
}
