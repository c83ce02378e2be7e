import Testing
@testable import BazarCore

@Suite struct LexerTests {
    /// A compact picture of the tokens: words bare, strings in «», redirects as themselves.
    static func shape(_ tokens: [Token]) -> [String] {
        tokens.map { t in
            switch t.kind {
            case .word: return t.text
            case .string: return "«\(t.text)»"
            case .redirect(let append): return append ? ">>" : ">"
            }
        }
    }

    @Test(arguments: [
        ("add sale wedang-batavia/bir-pletok 3 price 25rb",
         ["add", "sale", "wedang-batavia/bir-pletok", "3", "price", "25rb"]),
        ("  ADD   SALE\tx  ", ["ADD", "SALE", "x"]),
        ("add sale x 3\r", ["add", "sale", "x", "3"]),
        ("", []),
        ("   \t ", []),
        ("# just a comment", []),
        ("add sale x 3 # the rest is a comment \"with quotes\"", ["add", "sale", "x", "3"]),
        ("add sale x 3#glued comment", ["add", "sale", "x", "3"]),
        ("note \"a # is not a comment inside quotes\"", ["note", "«a # is not a comment inside quotes»"]),
        ("name \"Kué Lapis\"", ["name", "«Kué Lapis»"]),
        ("name Kué", ["name", "Kué"]),
        ("note \"she said \\\"enak\\\"\"", ["note", "«she said \"enak\"»"]),
        ("note \"C:\\\\dir\"", ["note", "«C:\\dir»"]),
        ("note \"\"", ["note", "«»"]),
        ("list sales > out.csv", ["list", "sales", ">", "out.csv"]),
        ("list sales >> out.csv", ["list", "sales", ">>", "out.csv"]),
        ("list sales>out.csv", ["list", "sales", ">", "out.csv"]),
        ("list sales>>out.csv", ["list", "sales", ">>", "out.csv"]),
        ("note \"a > b\" > \"my file.csv\"", ["note", "«a > b»", ">", "«my file.csv»"]),
        ("abc\"def\"", ["abc", "«def»"]),
        ("\"abc\"def", ["«abc»", "def"]),
        ("Rp 18.944.500,-", ["Rp", "18.944.500,-"]),
        ("7 Agustus 2020", ["7", "Agustus", "2020"]),
        ("report range 2021-11-01..2021-12-31", ["report", "range", "2021-11-01..2021-12-31"]),
    ])
    func words(_ line: String, _ expected: [String]) throws {
        #expect(Self.shape(try Lexer.tokenize(line)) == expected)
    }

    @Test func spansAreUTF8ByteOffsets() throws {
        let line = "name \"Kué Lapis\" kota Depok"
        let tokens = try Lexer.tokenize(line)
        #expect(tokens.map(\.span) == [
            SourceSpan(start: 0, end: 4),
            SourceSpan(start: 5, end: 17),   // "Kué Lapis" with quotes: é is two bytes
            SourceSpan(start: 18, end: 22),
            SourceSpan(start: 23, end: 28),
        ])
        // The span of a word cuts exactly its text out of the line.
        let bytes = Array(line.utf8)
        #expect(String(decoding: bytes[tokens[3].span.start..<tokens[3].span.end], as: UTF8.self) == "Depok")
    }

    @Test func redirectSpans() throws {
        let tokens = try Lexer.tokenize("list sales>>out.csv")
        #expect(tokens[2].span == SourceSpan(start: 10, end: 12))
        #expect(tokens[3].span == SourceSpan(start: 12, end: 19))
    }

    @Test(arguments: [
        ("note \"abc", SourceSpan(start: 5, end: 9)),
        ("note \"abc  ", SourceSpan(start: 5, end: 9)),
        ("add participant x name \"Kué", SourceSpan(start: 23, end: 28)),
        ("note \"ends in a backslash\\", SourceSpan(start: 5, end: 26)),
        ("note \"escaped quote at the end\\\"", SourceSpan(start: 5, end: 32)),
        ("\"", SourceSpan(start: 0, end: 1)),
    ])
    func unterminatedString(_ line: String, _ span: SourceSpan) throws {
        let e = #expect(throws: BazarError.self) { try Lexer.tokenize(line) }
        #expect(e?.problem == .unterminatedString)
        #expect(e?.span == span)
        #expect(e?.message == "unterminated string")
        #expect(e?.hint == "close the string with '\"'")
    }

    @Test(arguments: [
        ("note \"a\\nb\"", "n", SourceSpan(start: 7, end: 9)),
        ("note \"tab\\t\"", "t", SourceSpan(start: 9, end: 11)),
        ("note \"\\é\"", "é", SourceSpan(start: 6, end: 9)),
    ])
    func badEscape(_ line: String, _ escaped: String, _ span: SourceSpan) throws {
        let e = #expect(throws: BazarError.self) { try Lexer.tokenize(line) }
        #expect(e?.problem == .badEscape(escaped))
        #expect(e?.span == span)
        #expect(e?.message == "unknown escape '\\\(escaped)' in a string")
    }

    @Test func backslashOutsideQuotesIsPartOfTheWord() throws {
        #expect(Self.shape(try Lexer.tokenize("run C:\\scripts\\a.bazar")) == ["run", "C:\\scripts\\a.bazar"])
    }

    @Test func invalidUTF8IsRepairedNotFatal() throws {
        let text = String(decoding: [0x6E, 0x61, 0x6D, 0x65, 0x20, 0xFF, 0xFE, 0x20, 0x78], as: UTF8.self)
        let tokens = try Lexer.tokenize(text)
        #expect(tokens.count == 3)
        #expect(tokens[2].text == "x")
    }

    @Test func longLineIsFast() throws {
        let line = String(repeating: "add sale wedang-batavia/bir-pletok 3 price 25rb note \"Kué\" ", count: 20_000)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure { count = try Lexer.tokenize(line).count }
        #expect(count == 160_000)
        #expect(elapsed < .seconds(2))
    }
}
