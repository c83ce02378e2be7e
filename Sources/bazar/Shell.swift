@preconcurrency import CEditLine
import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The interactive shell (SPEC section 7): libedit line editing and history, Tab completion,
/// Ctrl-C that never exits, Ctrl-D to leave, each command committed before its confirmation,
/// long output through the pager.
struct Shell {
    let session: Session
    let environment: [String: String]
    /// The store file (nil: a PostgreSQL server).
    let store: Store?
    /// The store file's path, or the server's database and place.
    let storeName: String
    /// Run `bazarrc` first (`--no-rc` turns it off).
    var startupFile = true

    /// The first line: which store this is, so that a typo in `--store` or `$BAZAR_STORE` shows at once.
    var greeting: String {
        let language = session.settings.language
        if store?.path == ":memory:" { return Phrase.storeInMemory.say(in: language) }
        if session.storeAccess.readOnly { return Phrase.storeReadOnly.say(in: language, ["path": storeName]) }
        if session.storeAccess.missingPath != nil { return Phrase.storeNew.say(in: language, ["path": storeName]) }
        return Phrase.storeIs.say(in: language, ["path": storeName])
    }

    func run() -> Int32 {
        print(greeting)
        fflush(stdout)
        session.interactive = true
        session.undoEnabled = true
        session.makeInterruptible()
        completionSession = session
        Terminal.installSignalHandlers()
        let reader = LineReader(environment: environment)
        session.history = reader.entries
        if startupFile { StartupFile.run(session, environment: environment) }
        let output = session.output as? StandardOutput
        var worst: Int32 = 0
        loop: while true {
            switch reader.read(prompt: session.prompt) {
            case .endOfInput:
                break loop
            case .interrupted:
                continue
            case .line(let text):
                if text.trimmingBlanks.isEmpty { continue }
                reader.remember(text)
                session.history = reader.entries
                interruptRequested = false
                output?.captured = ""
                let result = session.runLine(SourceLine(file: nil, number: 1, text: text))
                let shown = output?.captured ?? ""
                output?.captured = nil
                if !shown.isEmpty { Terminal.show(shown, pager: session.settings.pager, environment: environment) }
                fflush(stdout)
                interruptRequested = false
                if result.storeUnusable { worst = 3 }
                if result.quit { break loop }
            }
        }
        reader.finish()
        return worst
    }
}
