import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The shell's start-up file (SPEC section 9): `$XDG_CONFIG_HOME/bazar/bazarrc`
/// (`~/.config/bazar/bazarrc`), commands such as `set language id` or `set format markdown`, run
/// line by line like psql's `.psqlrc`. An error in it is shown with its path and line and the
/// shell starts all the same.
enum StartupFile {
    static func path(environment: [String: String]) -> String? {
        if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/bazar/bazarrc" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/bazar/bazarrc"
    }

    /// Runs the file if there is one; returns the lines that failed.
    @discardableResult
    static func run(_ session: Session, environment: [String: String]) -> Int {
        guard let path = path(environment: environment), access(path, F_OK) == 0 else { return 0 }
        var failed = 0
        let reader: ScriptReader
        do {
            reader = try ScriptReader(path: path)
        } catch {
            let e = (error as? BazarError) ?? BazarError(.cannotOpenFile(path: path, reason: "\(error)"))
            session.settings.language.speaking { session.output.writeError(Diagnostic.render(e, line: nil)) }
            return 1
        }
        // Each line on its own, as if typed: one that fails does not stop the others or the shell.
        while let line = reader.next() {
            if session.runLine(line).errors > 0 { failed += 1 }
        }
        if failed > 0 {
            let note = Phrase.rcFailed.say(in: session.settings.language, ["count": String(failed), "path": path])
            session.output.writeError("  = " + note + "\n")
        }
        session.output.flush()
        return failed
    }
}
