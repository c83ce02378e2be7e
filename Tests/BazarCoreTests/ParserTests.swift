import Testing
@testable import BazarCore

/// The grammar of SPEC section 3, read from the command table.
@Suite struct ParserTests {
    let parser = Parser(today: Day(year: 2021, month: 9, day: 23)!)

    func parse(_ text: String) throws -> ParsedCommand {
        try #require(try parser.parse(SourceLine(text: text)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var kind: CommandKind
        var values: [String: Value]
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "open event jakpus-2021-09 mode hybrid from 2021-09-23 to 24/9/2021 target 150jt", kind: .openEvent,
             values: ["id": .id("jakpus-2021-09"), "mode": .choice("hybrid"), "from": .day(Day(year: 2021, month: 9, day: 23)!),
                      "to": .day(Day(year: 2021, month: 9, day: 24)!), "target": .money(150_000_000)]),
        Case(input: "OPEN EVENT borju-2020-08 on 7 Agustus 2020 name \"BORJU Agustus\"", kind: .openEvent,
             values: ["id": .id("borju-2020-08"), "on": .day(Day(year: 2020, month: 8, day: 7)!), "name": .text("BORJU Agustus")]),
        Case(input: "add sale wedang-batavia/bir-pletok 3 price Rp 25.000 buyer Bekasi", kind: .addSale,
             values: ["item": .ref("wedang-batavia", "bir-pletok", whole: "wedang-batavia/bir-pletok"), "qty": .count(3), "price": .money(25_000), "buyer": .text("Bekasi")]),
        Case(input: "add sale bir-pletok qty 2 amount 1,5jt channel ONLINE ref \"TKP 1\"", kind: .addSale,
             values: ["item": .ref("bir-pletok", nil, whole: "bir-pletok"), "qty": .count(2), "amount": .money(1_500_000), "channel": .choice("online"), "ref": .text("TKP 1")]),
        Case(input: "add sale wedang-batavia amount 500rb day 2", kind: .addSale,
             values: ["item": .ref("wedang-batavia", nil, whole: "wedang-batavia"), "amount": .money(500_000), "day": .count(2)]),
        Case(input: "add stall wedang-batavia products bir-pletok wedang-komplit", kind: .addStall,
             values: ["participant": .id("wedang-batavia"), "products": .ids(["bir-pletok", "wedang-komplit"])]),
        Case(input: "void sale 12 reason \"salah \\\"input\\\"\"", kind: .voidSale, values: ["n": .count(12), "reason": .text("salah \"input\"")]),
        Case(input: "at -", kind: .at, values: ["participant": .id("-")]),
        Case(input: "list event program BORJU period 2020-Q3 limit 5", kind: .listEvents,
             values: ["program": .text("BORJU"), "limit": .count(5)]),
        Case(input: "set format json", kind: .setFormat, values: ["format": .choice("json")]),
        Case(input: "set on-error continue", kind: .setOnError, values: ["policy": .choice("continue")]),
        Case(input: "help add sale", kind: .help, values: [:]),
        Case(input: "exit", kind: .quit, values: [:]),
        Case(input: "close event", kind: .closeEvent, values: [:]),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let command = try parse(c.input)
        #expect(command.kind == c.kind)
        for (name, value) in c.values {
            #expect(command.arguments[name]?.value == value, "\(name)")
        }
    }

    @Test func blankAndCommentLinesHoldNoCommand() throws {
        #expect(try parser.parse(SourceLine(text: "   ")) == nil)
        #expect(try parser.parse(SourceLine(text: "# just a note")) == nil)
    }

    @Test func redirectIsTakenOffTheEnd() throws {
        let c = try parse("list sales limit 3 >> sales.csv")
        #expect(c.redirect?.path == "sales.csv")
        #expect(c.redirect?.append == true)
        #expect(c.count("limit") == 3)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var input: String
        var problem: Problem
        /// The text the error points at.
        var at: String
        var testDescription: String { input }
    }

    static let failures: [Failure] = [
        Failure(input: "ad sale x", problem: .unknownCommand("ad", suggestion: "add"), at: "ad"),
        Failure(input: "add sael x", problem: .unknownCommand("add sael", suggestion: "add sale"), at: "add sael"),
        Failure(input: "add sale x 3 prise 25rb", problem: .unknownAttribute("prise", command: "add sale", suggestion: "price"), at: "prise"),
        Failure(input: "add sale x 3 price 25rb price 30rb", problem: .duplicateAttribute("price"), at: "price"),
        Failure(input: "add sale x 3 channel pos", problem: .badChoice(attribute: "channel", value: "pos", allowed: ["online", "offline"]), at: "pos"),
        Failure(input: "add sale x 3 price 1,500", problem: .ambiguousMoney("1,500"), at: "1,500"),
        Failure(input: "add sale x 3 price 12.5", problem: .fractionalRupiah("12.5"), at: "12.5"),
        Failure(input: "open event e on 31 Februari 2021", problem: .impossibleDate("31 Februari 2021"), at: "31 Februari 2021"),
        Failure(input: "add participant wedang batavia", problem: .unknownAttribute("batavia", command: "add participant", suggestion: nil), at: "batavia"),
        Failure(input: "add participant wedang.batavia", problem: .badId("wedang.batavia"), at: "wedang.batavia"),
        Failure(input: "day two", problem: .badNumber("two"), at: "two"),
        Failure(input: "list sales >", problem: .badRedirect, at: ">"),
        Failure(input: "dump extra", problem: .unexpectedWord("extra", usage: "dump"), at: "extra"),
    ]

    @Test(arguments: failures)
    func failsWithTheRightProblemAndSpan(_ f: Failure) throws {
        do {
            _ = try parser.parse(SourceLine(text: f.input))
            Issue.record("expected an error for \(f.input)")
        } catch let e as BazarError {
            #expect(e.problem == f.problem)
            let span = try #require(e.span)
            let bytes = Array(f.input.utf8)
            #expect(String(decoding: bytes[span.start..<span.end], as: UTF8.self) == f.at)
        }
    }

    @Test func everyCommandHasUsageSummaryAndAnExampleThatParses() throws {
        for spec in CommandTable.all {
            #expect(!spec.usage.isEmpty && !spec.summary.isEmpty, "\(spec.name)")
            let example = try parser.parse(SourceLine(text: spec.example))
            #expect(example?.kind == spec.kind, "the example of \(spec.name) parses as \(spec.name)")
        }
    }
}
