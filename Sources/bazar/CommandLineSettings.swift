import ArgumentParser
import enum BazarCore.Phrase
import enum BazarCore.Language

/// What the command line sets (SPEC section 5), whichever reader read it: `QuickCommandLine` for the usual command
/// lines, swift-argument-parser (`Options`) for everything else. The scripts and commands themselves are read in
/// their order by `Input.inOrder`.
struct CommandLineSettings: Equatable {
    var store: String?
    var memory = false
    var readOnly = false
    var onError = "stop"
    var format: String?
    var bom = false
    var today: String?
    var lang: String?
    var noRc = false

    /// The rules between options and of their values (`Options.validate` is this).
    func validate() throws {
        if let lang, Language(word: lang) == nil {
            throw ValidationError(Phrase.langFlagValue.say(["value": lang]))
        }
        guard onError == "stop" || onError == "continue" else {
            throw ValidationError(Phrase.cliOnErrorValue.say(["value": onError]))
        }
        if let format, !["table", "csv", "json", "markdown"].contains(format.lowercased()) {
            throw ValidationError(Phrase.cliFormatValue.say(["value": format]))
        }
        if memory && store != nil {
            throw ValidationError(Phrase.cliStoreAndMemory.say())
        }
        if memory && readOnly {
            throw ValidationError(Phrase.cliReadOnlyMemory.say())
        }
    }
}

extension Options {
    var settings: CommandLineSettings {
        CommandLineSettings(store: store, memory: memory, readOnly: readOnly, onError: onError, format: format, bom: bom,
                            today: today, lang: lang, noRc: noRc)
    }
}

/// The command lines bazar is run with all day (script files, `-c` commands, `-f`, `--store` and the other options
/// with a value, the flags), read by hand. Why not always swift-argument-parser: it reads a command's options by
/// reflection and parses every command line twice more, looking for a completion-script request; in a static
/// binary that was 4 of the 35 ms a `report month` takes on a server, in every process.
///
/// Anything else gives nil and goes to swift-argument-parser, which then parses it, answers `--help` and
/// `--version`, and words the errors: an option not listed here, a value that starts with `-` (`-f -` too), an
/// option given twice, a short option with its value attached, a value the rules refuse. `CommandLineTests` (unit)
/// checks that this reader and swift-argument-parser agree on every command line of its table.
enum QuickCommandLine {
    static let flags: Set<String> = ["--memory", "--read-only", "--bom", "--no-rc"]
    static let valued: Set<String> = ["-c", "-f", "--store", "--on-error", "--format", "--today", "--lang"]

    static func read(_ arguments: [String]) -> CommandLineSettings? {
        var s = CommandLineSettings()
        var seen: Set<String> = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if a == "--" { break }                            // the rest are script files
            if !a.hasPrefix("-") { continue }                  // a script file
            var name = a
            var attached: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                attached = String(a[a.index(after: eq)...])
            }
            if flags.contains(name) {
                guard attached == nil, seen.insert(name).inserted else { return nil }
                switch name {
                case "--memory": s.memory = true
                case "--read-only": s.readOnly = true
                case "--bom": s.bom = true
                default: s.noRc = true
                }
                continue
            }
            guard valued.contains(name) else { return nil }
            let value: String
            if let attached {
                value = attached
            } else {
                guard i < arguments.count else { return nil }
                value = arguments[i]
                i += 1
            }
            if value.hasPrefix("-") { return nil }
            // (-c and -f repeat; each of the others once.)
            guard name == "-c" || name == "-f" || seen.insert(name).inserted else { return nil }
            switch name {
            case "--store": s.store = value
            case "--on-error": s.onError = value
            case "--format": s.format = value
            case "--today": s.today = value
            case "--lang": s.lang = value
            default: break
            }
        }
        do { try s.validate() } catch { return nil }
        return s
    }
}
