@preconcurrency import CEditLine
import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The interactive shell on libedit. (Issue 5 completes it: completion, history file, Ctrl-C, pager.)
struct Shell {
    let session: Session
    let environment: [String: String]

    func run() -> Int32 {
        session.interactive = true
        var worst: Int32 = 0
        while true {
            guard let raw = readline(session.prompt) else { break }
            let line = String(cString: raw)
            free(raw)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            add_history(line)
            session.history.append(line)
            let result = session.runLine(SourceLine(file: nil, number: 1, text: line))
            if result.storeUnusable { worst = 3 }
            if result.quit { break }
        }
        return worst
    }
}
