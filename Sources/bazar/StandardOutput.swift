@preconcurrency import CEditLine
import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Output to the process's stdout (buffered) and stderr.
final class StandardOutput: OutputSink {
    /// The shell collects a command's output here, to page it when it is longer than the screen.
    var captured: String?

    func write(_ text: String) {
        if captured != nil {
            captured! += text
            return
        }
        fputs(text, stdout)
    }

    func writeError(_ text: String) {
        // Keep the order the user sees: what was printed before the error comes first.
        if let c = captured, !c.isEmpty {
            fputs(c, stdout)
            captured = ""
        }
        fflush(stdout)
        fputs(text, stderr)
    }

    func flush() {
        fflush(stdout)
    }
}
