import ArgumentParser
import BazarCore
import CSQLiteSetup
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// bazar's entry point: arguments → store → the inputs in order (or the shell) → exit status.

// `bazar copy FROM TO`: a store into another (Copy.swift).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "copy" {
    var who = "unknown"
    for key: String in ["LOGNAME", "USER", "BAZAR_USER"] {
        if let v = getenv(key), v.pointee != 0 { who = String(cString: v) }
    }
    exit(runCopy(Array(CommandLine.arguments.dropFirst(2)), who: who))
}

let environment: [String: String] = {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        p += 1
    }
    return env
}()

/// The language of everything bazar says: --lang, $BAZAR_LANG, the locale (SPEC section 9).
let language = CommandLineLanguage.choose(Array(CommandLine.arguments.dropFirst()), environment: environment)

let options: CommandLineSettings
do {
    options = try QuickCommandLine.read(Array(CommandLine.arguments.dropFirst())) ?? language.speaking { try Options.parse().settings }
} catch {
    // --help and --version end here with status 0; anything else is bad usage: status 2.
    let code = Options.exitCode(for: error)
    if code == .success {
        print(language.speaking { CommandLineLanguage.translate(Options.fullMessage(for: error), to: language) })
        exit(0)
    }
    let (message, hint) = language.speaking { Options.usageProblem(for: error) }
    fputs("bazar: \(Phrase.errorLabel.say(in: language)): \(CommandLineLanguage.translate(message, to: language))\n  = \(hint)\n", stderr)
    exit(2)
}


func usageError(_ message: String, hint: String = Phrase.seeHelp.say(in: language)) -> Never {
    fputs("bazar: \(Phrase.errorLabel.say(in: language)): \(message)\n  = \(hint)\n", stderr)
    exit(2)
}

/// What `today` means: --today, $BAZAR_TODAY, or the system's local date.
let today: Day = {
    if let text = options.today ?? environment["BAZAR_TODAY"], !text.isEmpty {
        let system = SystemClock.today()
        do {
            let tokens = try Lexer.tokenize(text)
            let (day, next) = try DateWords.parseDay(tokens, at: 0, today: system)
            guard next == tokens.count else { usageError(Phrase.todayNotADate.say(in: language, ["value": text])) }
            return day
        } catch {
            usageError(Phrase.todayNotADate.say(in: language, ["value": text]), hint: Phrase.todayHint.say(in: language))
        }
    }
    return SystemClock.today()
}()

let inputs = Input.inOrder(Array(CommandLine.arguments.dropFirst()))

// A missing script is bad usage (2), found before the store is touched.
for case .file(let path) in inputs where path != "-" {
    if access(path, R_OK) != 0 {
        let reason = language.speaking { Problem.reason(String(cString: strerror(errno))) }
        usageError(Phrase.cannotReadScript.say(in: language, ["path": path, "reason": reason]), hint: Phrase.checkFileName.say(in: language))
    }
}

// Before the first connection opens (it fails harmlessly if SQLite is already initialized).
_ = bazar_sqlite_setup()

let store: Store?
let server: PostgresStore?
let storeAddress = options.memory ? ":memory:" : (options.store ?? Store.defaultPath(environment: environment))
let onServer = !options.memory && ServerAddress.isURL(storeAddress)
do {
    if onServer {
        // A PostgreSQL server (SPEC section 11): the same store, shared by several officers.
        server = try PostgresStore(url: storeAddress, readOnly: options.readOnly)
        store = nil
    } else {
        server = nil
        store = try Store(path: options.memory ? nil : storeAddress, createDirectories: options.store == nil && !options.memory,
                          readOnly: options.readOnly)
    }
} catch let error as BazarError {
    language.speaking {
        fputs("bazar: \(Phrase.errorLabel.say()): \(error.message)\n", stderr)
        if let hint = error.hint { fputs("  = \(hint)\n", stderr) }
    }
    exit(error.exitStatus == 1 ? 3 : error.exitStatus)
} catch {
    fputs("bazar: \(Phrase.errorLabel.say(in: language)): \(Phrase.cannotOpenStore.say(in: language, ["path": ServerAddress.redacted(storeAddress), "reason": "\(error)"]))\n", stderr)
    exit(3)
}

/// Who makes the changes: $BAZAR_USER, else the login name.
func loginName() -> String {
    for key in ["BAZAR_USER", "USER", "LOGNAME"] {
        if let v = environment[key], !v.isEmpty { return v }
    }
    if let pw = getpwuid(getuid()) { return String(cString: pw.pointee.pw_name) }
    return "unknown"
}
let who = loginName()

let output = StandardOutput()

/// A script's closing line on stderr, after what it printed.
func closingSummary(_ result: RunResult, name: String) {
    guard let line = result.summary(name: name) else { return }
    fflush(stdout)
    fputs(line + "\n", stderr)
}
let status: Int32
do {
    func withConnection(_ body: (any StoreConnection) throws -> Int32) throws -> Int32 {
        if let server { return try body(server.connection) }
        return try store!.withConnection(body)
    }
    let storePath = server?.place ?? storeAddress
    status = try language.speaking { try withConnection { connection -> Int32 in
        let session = Session(store: connection, today: today, who: who, output: output)
        session.settings.language = language
        session.storePath = storePath
        let missing = server?.isEmpty ?? store!.isMissing
        session.storeAccess = StoreAccess(missingPath: missing ? storePath : nil, readOnly: options.readOnly)
        session.settings.onError = options.onError == "continue" ? .continue : .stop
        session.settings.csvBom = options.bom
        if let f = options.format, let format = OutputFormat(rawValue: f.lowercased()) {
            session.settings.format = format
            session.settings.formatChosen = true
        }
        // Report bar charts: Unicode blocks on a terminal without NO_COLOR, else '#'; as wide as the terminal.
        var window = winsize()
        let columns = ioctl(1, UInt(TIOCGWINSZ), &window) == 0 && window.ws_col > 0 ? Int(window.ws_col) : nil
        session.settings.chart = ChartStyle.from(environment: environment, stdoutIsTerminal: isatty(1) != 0, terminalColumns: columns)
        session.settings.terminalColumns = {
            var w = winsize()
            return ioctl(1, UInt(TIOCGWINSZ), &w) == 0 && w.ws_col > 0 ? Int(w.ws_col) : nil
        }
        var worst: Int32 = 0
        if inputs.isEmpty {
            if isatty(0) != 0 {
                worst = Shell(session: session, environment: environment, store: store, storeName: storePath, startupFile: !options.noRc).run()
            } else {
                let result = session.runScript(ScriptReader(standardInput: ()))
                closingSummary(result, name: "<stdin>")
                worst = result.exitStatus
            }
        } else {
            for input in inputs {
                let result: RunResult
                switch input {
                case .file(let path):
                    if path == "-" {
                        result = session.runScript(ScriptReader(standardInput: ()))
                        closingSummary(result, name: "<stdin>")
                    } else {
                        do {
                            result = session.runScript(try ScriptReader(path: path))
                            closingSummary(result, name: path)
                        } catch {
                            let message = language.speaking { (error as? BazarError)?.message ?? Phrase.cannotReadScript.say(["path": path, "reason": "\(error)"]) }
                            fputs("bazar: \(Phrase.errorLabel.say(in: language)): \(message)\n", stderr)
                            exit(2)
                        }
                    }
                case .command(let text):
                    result = session.runLine(SourceLine(file: nil, number: 1, text: text))
                }
                worst = max(worst, result.exitStatus)
                if result.quit || result.storeUnusable { break }
                if result.errors > 0 && session.settings.onError == .stop { break }
            }
        }
        output.flush()
        return worst
    } }
} catch {
    fputs("bazar: \(Phrase.errorLabel.say(in: language)): \(language.speaking { Store.translate(error, path: storeAddress).message })\n", stderr)
    status = 3
}
store?.close()
server?.close()
exit(status)
