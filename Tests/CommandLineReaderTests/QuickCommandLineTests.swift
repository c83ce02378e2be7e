import Testing
@testable import bazar

/// bazar reads its usual command lines by hand (`QuickCommandLine`) and everything else with swift-argument-parser:
/// both must give the same settings for every command line the quick reader accepts, and it must pass on (nil) what
/// only swift-argument-parser can answer or word.
@Suite struct QuickCommandLineTests {
    static let accepted: [[String]] = [
        [],
        ["sales.bazar"],
        ["a.bazar", "b.bazar", "--", "--store"],
        ["-c", "report month 2023-08"],
        ["--store", "postgres://ana@dinas/bazar", "-c", "report year 2023"],
        ["--store=office.sqlite", "--format", "json", "-c", "list events"],
        ["--memory", "-c", "add participant a", "-f", "more.bazar", "-c", "list participants"],
        ["--read-only", "--store", "x.sqlite", "--format=CSV", "--bom", "-c", "list sales"],
        ["--on-error", "continue", "load.bazar"],
        ["--on-error=stop", "--today", "2021-09-23", "--lang", "id", "--no-rc"],
        ["--lang=en", "-c", ""],
        ["-c", "report month 2023-08", "-c", "report year 2023", "-c", "undo"],
    ]

    static let passedOn: [[String]] = [
        ["--help"], ["-h"], ["--version"],
        ["--bogus"], ["-x"], ["-cadd participant a"],
        ["-f", "-"], ["-c", "--store"], ["--store"], ["-c"],
        ["--store", "a", "--store", "b"], ["--bom", "--bom"], ["--bom=yes"],
        ["--on-error", "maybe"], ["--format", "xml"], ["--lang", "fr"],
        ["--memory", "--store", "x"], ["--memory", "--read-only"],
        ["-"], ["--generate-completion-script", "bash"],
    ]

    @Test(arguments: accepted) func theQuickReaderAgreesWithArgumentParser(_ arguments: [String]) throws {
        let quick = try #require(QuickCommandLine.read(arguments), "\(arguments)")
        let parsed = try Options.parse(arguments).settings
        #expect(quick == parsed, "\(arguments)")
    }

    @Test(arguments: passedOn) func whatOnlyArgumentParserCanAnswerIsPassedOn(_ arguments: [String]) {
        #expect(QuickCommandLine.read(arguments) == nil, "\(arguments)")
    }
}
