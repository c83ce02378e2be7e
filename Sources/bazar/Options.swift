import ArgumentParser
import Foundation

/// The command line of SPEC section 5, parsed by swift-argument-parser.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bazar",
        abstract: "Record and report the sales of Jakarta's UMKM bazaars.",
        // One paragraph a line: ArgumentParser wraps each line to the terminal itself, so a line broken here by
        // hand would break again mid-sentence wherever the two widths differ.
        discussion: """
            With no FILE, -f or -c, bazar starts the interactive shell (or reads a script from standard input when it is not a terminal). Scripts apply all or nothing, and a script that succeeds ends with one line on stderr saying what it did.

            A store file is made by the first command that changes something: a list or report on a missing store is exit 3.

            Exit status: 0 all went well, 1 a command failed, 2 bad usage, 3 the store cannot be used.
            """,
        version: bazarVersion
    )

    @Argument(help: "Script files to run, in order.")
    var files: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file (repeatable; -f and -c run in the order given).", valueName: "FILE"))
    var scripts: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run one command (repeatable).", valueName: "COMMAND"))
    var commands: [String] = []

    @Option(name: .long, help: ArgumentHelp("The store file, or a PostgreSQL URL postgres://USER@HOST:PORT/DB (default: $BAZAR_STORE, else $XDG_DATA_HOME/bazar/store.sqlite).", valueName: "PATH|URL"))
    var store: String?

    @Flag(name: .long, help: "Use a store in memory, gone at exit.")
    var memory = false

    @Flag(name: .customLong("read-only"), help: "Open the store for reading (also on a read-only medium): lists and reports only.")
    var readOnly = false

    @Option(name: .customLong("on-error"), help: ArgumentHelp("In scripts: stop at the first error and keep nothing, or skip bad lines.", valueName: "stop|continue"))
    var onError: String = "stop"

    @Option(name: .long, help: ArgumentHelp("Output format.", valueName: "table|csv|json|markdown"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("What 'today' means (default: $BAZAR_TODAY, else the system date).", valueName: "DATE"))
    var today: String?

    func validate() throws {
        guard onError == "stop" || onError == "continue" else {
            throw ValidationError("--on-error takes stop or continue, not '\(onError)'")
        }
        if let format, !["table", "csv", "json", "markdown"].contains(format.lowercased()) {
            throw ValidationError("--format takes table, csv, json or markdown, not '\(format)'")
        }
        if memory && store != nil {
            throw ValidationError("give --store or --memory, not both")
        }
        if memory && readOnly {
            throw ValidationError("--read-only is for a store file, not --memory")
        }
    }
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
        var hint = "see 'bazar --help'"
        if let r = message.range(of: ". Did you mean ") {
            hint = "did you mean " + message[r.upperBound...]
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
        let valued: Set<String> = ["--store", "--on-error", "--format", "--today"]
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
