import Testing
@testable import BazarCore

@Suite struct MoneyTests {
    /// Every spelling of SPEC section 1 (and a few more an officer will type) with its value.
    @Test(arguments: [
        ("18944500", Int64(18_944_500)),
        ("18.944.500", 18_944_500),
        ("Rp 18.944.500", 18_944_500),
        ("Rp18.944.500", 18_944_500),
        ("rp18.944.500", 18_944_500),
        ("RP 18.944.500", 18_944_500),
        ("Rp. 18.944.500", 18_944_500),
        ("Rp.18.944.500", 18_944_500),
        ("Rp 18.944.500,-", 18_944_500),
        ("Rp18.944.500,-", 18_944_500),
        ("Rp 18.944.500,00", 18_944_500),
        ("18944500,-", 18_944_500),
        ("18.944.500,00", 18_944_500),
        ("25rb", 25_000),
        ("25RB", 25_000),
        ("25ribu", 25_000),
        ("25k", 25_000),
        ("25K", 25_000),
        ("Rp 25rb", 25_000),
        ("Rp25rb", 25_000),
        ("1,5jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("1,5juta", 1_500_000),
        ("1,5JT", 1_500_000),
        ("3,3miliar", 3_300_000_000),
        ("3,3milyar", 3_300_000_000),
        ("3,3Miliar", 3_300_000_000),
        ("12,5rb", 12_500),
        ("1,25rb", 1_250),
        ("1,250rb", 1_250),
        ("2,75jt", 2_750_000),
        ("1.500.000rb", 1_500_000_000),
        ("0", 0),
        ("Rp 0", 0),
        ("1", 1),
        ("999", 999),
        ("1.000", 1_000),
        ("9.223.372.036.854.775.807", Int64.max),
        ("9223372036854775807", Int64.max),
        ("9miliar", 9_000_000_000),
        ("9223372036,854775807miliar", Int64.max),
    ])
    func spellings(_ word: String, _ expected: Int64) throws {
        // As one word (`Rp 18.944.500` quoted, or glued)…
        #expect(try Money.parse(word: word, span: SourceSpan(start: 0, end: word.utf8.count)) == expected)
        // …and as the lexer splits it on a command line.
        let tokens = try Lexer.tokenize(word + " qty")
        let (rupiah, next) = try Money.parse(tokens, at: 0)
        #expect(rupiah == expected)
        #expect(tokens[next].text == "qty")
    }

    @Test func rpAsSeparateWordIsConsumed() throws {
        let tokens = try Lexer.tokenize("price Rp 25.000 channel online")
        let (rupiah, next) = try Money.parse(tokens, at: 1)
        #expect(rupiah == 25_000)
        #expect(next == 3)
        #expect(tokens[next].text == "channel")
    }

    @Test func rpAtTheEndOfTheLineIsAnError() throws {
        let tokens = try Lexer.tokenize("price Rp")
        #expect(throws: BazarError(.badMoney("Rp"), at: SourceSpan(start: 6, end: 8))) {
            try Money.parse(tokens, at: 1)
        }
    }

    @Test func ambiguousCommaHintsBothSpellings() throws {
        let e = #expect(throws: BazarError.self) { try Money.parse(word: "1,500", span: SourceSpan(start: 0, end: 5)) }
        #expect(e?.problem == .ambiguousMoney("1,500"))
        #expect(e?.message == "ambiguous amount '1,500'")
        #expect(e?.hint == "write 1.500 or 1,5rb")
    }

    @Test(arguments: [
        ("1,500", "write 1.500 or 1,5rb"),
        ("12,500", "write 12.500 or 12,5rb"),
        ("1,250", "write 1.250 or 1,25rb"),
        ("25,000", "write 25.000 or 25rb"),
        ("1,500,000", "write 1.500.000 or 1,5jt"),
        ("Rp 1,500", "write 1.500 or 1,5rb"),
        ("1.500rb", "write 1,500rb or 1500rb"),
    ])
    func ambiguityHints(_ word: String, _ hint: String) throws {
        let e = #expect(throws: BazarError.self) { try Money.parse(word: word, span: SourceSpan(start: 0, end: 1)) }
        #expect(e?.problem == .ambiguousMoney(word))
        #expect(e?.hint == hint)
    }

    @Test(arguments: ["12.5", "12.50", "1,5", "1.500,50", "1,0005rb", "1,0000001jt", "3,3333333333miliar"])
    func fractions(_ word: String) throws {
        let e = #expect(throws: BazarError.self) { try Money.parse(word: word, span: SourceSpan(start: 0, end: 1)) }
        #expect(e?.problem == .fractionalRupiah(word))
        #expect(e?.message.contains("rupiah amounts are whole numbers") == true)
    }

    @Test(arguments: ["abc", "", "Rp", "rb", "25xb", "25 rb", "1..5", "1.2.3", "12.34.567", "1,5,5jt", "25rbu",
                      "Rp-", "1,-5", "0x10", "+5", "1e6", "1.5.5jt", "٣", "25jt,-"])
    func notMoney(_ word: String) throws {
        let e = #expect(throws: BazarError.self) { try Money.parse(word: word, span: SourceSpan(start: 0, end: 1)) }
        #expect(e?.problem == .badMoney(word))
        #expect(e?.hint == "write e.g. 25000, 25.000, Rp 25.000, 25rb, 1,5jt or 3,3miliar")
    }

    @Test(arguments: ["-5000", "-Rp 5.000", "Rp -5.000", "-25rb"])
    func negative(_ word: String) throws {
        #expect(throws: BazarError(.negativeMoney(word), at: SourceSpan(start: 0, end: 1))) {
            try Money.parse(word: word, span: SourceSpan(start: 0, end: 1))
        }
    }

    @Test(arguments: [
        String(repeating: "9", count: 10_000),
        "9223372036854775808",
        "9.223.372.036.854.775.808",
        "99999999999999miliar",
        "9223372036854775807rb",
        "9223372036,854775808miliar",
        "Rp 99.999.999.999.999.999.999",
    ])
    func overflowIsAnErrorNotATrap(_ word: String) throws {
        let e = #expect(throws: BazarError.self) { try Money.parse(word: word, span: SourceSpan(start: 0, end: 1)) }
        #expect(e?.problem == .moneyOverflow(word))
        #expect(e?.hint == "amounts go up to Rp 9.223.372.036.854.775.807")
    }

    @Test func errorSpanCoversRpAndTheNumber() throws {
        // add sale x 3 price Rp 1,500
        let line = "add sale x 3 price Rp 1,500"
        let tokens = try Lexer.tokenize(line)
        let e = #expect(throws: BazarError.self) { try Money.parse(tokens, at: 5) }
        #expect(e?.problem == .ambiguousMoney("Rp 1,500"))
        #expect(e?.span == SourceSpan(start: 19, end: 27))
        #expect(e?.hint == "write 1.500 or 1,5rb")
    }

    @Test func errorSpanOfAGluedWord() throws {
        let tokens = try Lexer.tokenize("add sale x price 12.5 qty 2")
        #expect(throws: BazarError(.fractionalRupiah("12.5"), at: SourceSpan(start: 17, end: 21))) {
            try Money.parse(tokens, at: 4)
        }
    }

    @Test func missingAmount() throws {
        let tokens = try Lexer.tokenize("price")
        #expect(throws: BazarError.self) { try Money.parse(tokens, at: 1) }
    }

    @Test(arguments: [
        (Int64(105_890_050), "Rp 105.890.050"),
        (0, "Rp 0"),
        (5, "Rp 5"),
        (999, "Rp 999"),
        (1_000, "Rp 1.000"),
        (25_000, "Rp 25.000"),
        (18_944_500, "Rp 18.944.500"),
        (-5_000, "-Rp 5.000"),
        (Int64.max, "Rp 9.223.372.036.854.775.807"),
        (Int64.min, "-Rp 9.223.372.036.854.775.808"),
    ])
    func format(_ rupiah: Int64, _ text: String) {
        #expect(Money.format(rupiah) == text)
    }

    @Test(arguments: [(Int64(105_890_050), "105.890.050"), (0, "0"), (100, "100"), (100_000, "100.000"), (-1_234, "-1.234")])
    func grouped(_ n: Int64, _ text: String) {
        #expect(Money.grouped(n) == text)
    }

    @Test(arguments: [Int64(0), 1, 999, 1_000, 25_000, 18_944_500, 105_890_050, Int64.max])
    func formattedAmountsReadBack(_ n: Int64) throws {
        let text = Money.format(n)
        #expect(try Money.parse(word: text, span: SourceSpan(start: 0, end: 1)) == n)
        #expect(try Money.parse(Lexer.tokenize(text), at: 0).rupiah == n)
    }
}
