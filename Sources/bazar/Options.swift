import ArgumentParser
import Foundation
import enum BazarCore.Phrase
import enum BazarCore.Language

/// The command line of SPEC section 5, parsed by swift-argument-parser.
struct Options: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "bazar",
        abstract: Phrase.cliAbstract.say(),
        // One paragraph a line: ArgumentParser wraps each line to the terminal itself.
        discussion: Phrase.cliDiscussion.say(),
        version: bazarVersion
    ) }

    @Argument(help: ArgumentHelp(Phrase.cliFiles.say()))
    var files: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp(Phrase.cliScript.say(), valueName: "FILE"))
    var scripts: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp(Phrase.cliCommand.say(), valueName: "COMMAND"))
    var commands: [String] = []

    @Option(name: .long, help: ArgumentHelp(Phrase.cliStore.say(), valueName: "PATH|URL"))
    var store: String?

    @Flag(name: .long, help: ArgumentHelp(Phrase.cliMemory.say()))
    var memory = false

    @Flag(name: .customLong("read-only"), help: ArgumentHelp(Phrase.cliReadOnly.say()))
    var readOnly = false

    @Option(name: .customLong("on-error"), help: ArgumentHelp(Phrase.cliOnError.say(), valueName: "stop|continue"))
    var onError: String = "stop"

    @Option(name: .long, help: ArgumentHelp(Phrase.cliFormat.say(), valueName: "table|csv|json|markdown"))
    var format: String?

    @Flag(name: .long, help: ArgumentHelp(Phrase.cliBom.say()))
    var bom = false

    @Option(name: .long, help: ArgumentHelp(Phrase.cliToday.say(), valueName: "DATE"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp(Phrase.cliLang.say(), valueName: "id|en"))
    var lang: String?

    @Flag(name: .customLong("no-rc"), help: ArgumentHelp(Phrase.cliNoRc.say()))
    var noRc = false

    func validate() throws { try settings.validate() }
}

let bazarVersion = "bazar 0.1.0"

extension Options {
    /// A bad command line as one error and one hint: ArgumentParser's message without its `Error: ` prefix, usage
    /// block and "See 'bazar --help'" line (bazar gives its own hint), and its "Did you mean" as the hint.
    static func usageProblem(for error: Error) -> (message: String, hint: String) {
        var message = Options.message(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        if let usage = message.range(of: "\nUsage:") { message = String(message[..<usage.lowerBound]) }
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        var hint = Phrase.seeHelp.say()
        if let r = message.range(of: ". Did you mean ") {
            hint = Phrase.didYouMeanPlain.say(["suggestion": String(message[r.upperBound...])])
            message = String(message[..<r.lowerBound])
        }
        if let first = message.first, first.isUppercase, !message.hasPrefix("--") {
            message = first.lowercased() + message.dropFirst()
        }
        return (message, hint)
    }
}

/// A script or command in the order given on the command line.
enum Input {
    case file(String)
    case command(String)

    /// Recovers the interleaved order of -f and -c (and positional files) from the raw arguments,
    /// which ArgumentParser keeps per option.
    static func inOrder(_ arguments: [String]) -> [Input] {
        var inputs: [Input] = []
        var i = 0
        let valued: Set<String> = ["--store", "--on-error", "--format", "--today", "--lang"]
        var onlyFiles = false
        while i < arguments.count {
            let a = arguments[i]
            if onlyFiles { inputs.append(.file(a)); i += 1; continue }
            switch a {
            case "--": onlyFiles = true
            case "-f": if i + 1 < arguments.count { inputs.append(.file(arguments[i + 1])) }; i += 1
            case "-c": if i + 1 < arguments.count { inputs.append(.command(arguments[i + 1])) }; i += 1
            default:
                if a.hasPrefix("-f") && a.count > 2 && !a.hasPrefix("--") {
                    inputs.append(.file(String(a.dropFirst(2))))
                } else if a.hasPrefix("-c") && a.count > 2 && !a.hasPrefix("--") {
                    inputs.append(.command(String(a.dropFirst(2))))
                } else if valued.contains(a) {
                    i += 1
                } else if a.hasPrefix("-") && a != "-" {
                    // a flag or --opt=value
                } else {
                    inputs.append(.file(a))
                }
            }
            i += 1
        }
        return inputs
    }
}
