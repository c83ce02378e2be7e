import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Output to the process's stdout (buffered) and stderr.
final class StandardOutput: OutputSink {
    func write(_ text: String) {
        fputs(text, stdout)
    }

    func writeError(_ text: String) {
        // Keep the order the user sees: what was printed before the error comes first.
        fflush(stdout)
        fputs(text, stderr)
    }

    func flush() {
        fflush(stdout)
    }
}
