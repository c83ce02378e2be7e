@preconcurrency import CEditLine
import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Signals and the screen, for the interactive shell.
enum Terminal {
    /// Ctrl-C never ends the shell: it sets `interruptRequested` (a line being typed is dropped,
    /// a running script stops at its next line) and interrupts the running SQL statement.
    /// No SA_RESTART, so that libedit's read returns and `readline` gives nil.
    static func installSignalHandlers() {
        interruptRequested = false
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            requestInterrupt()
            var b: UInt8 = 1
            _ = write(Terminal.interruptPipe.write, &b, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A pager quit early must not kill the shell with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Written by the SIGINT handler so that a wait for a key ends at once (a self-pipe).
    nonisolated(unsafe) static var interruptPipe: (read: Int32, write: Int32) = (-1, -1)

    static func openInterruptPipe() {
        guard interruptPipe.read < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        interruptPipe = (fds[0], fds[1])
    }

    static func drainInterruptPipe() {
        guard interruptPipe.read >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(interruptPipe.read, &buffer, 64) > 0 {}
    }

    /// The terminal's rows and columns (nil when stdout is not a terminal).
    static func size() -> (rows: Int, columns: Int)? {
        guard isatty(1) != 0 else { return nil }
        var w = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_row > 0 else { return nil }
        return (Int(w.ws_row), Int(w.ws_col))
    }

    /// Shows a command's output: through `$PAGER` (default `less -SRXF`) when stdout is a
    /// terminal, paging is on and the text is longer than the screen; else straight out.
    static func show(_ text: String, pager enabled: Bool, environment: [String: String]) {
        defer { fflush(stdout) }
        guard enabled, let (rows, _) = size(), lineCount(text) >= rows - 1 else {
            fputs(text, stdout)
            return
        }
        let command = environment["PAGER"].flatMap { $0.trimmingBlanks.isEmpty ? nil : $0 } ?? "less -SRXF"
        fflush(stdout)
        guard let pipe = popen(command, "w") else {
            fputs(text, stdout)
            return
        }
        fputs(text, pipe)
        pclose(pipe)
    }

    static func lineCount(_ text: String) -> Int {
        var n = 0
        for b in text.utf8 where b == 10 { n += 1 }
        if let last = text.utf8.last, last != 10 { n += 1 }
        return n
    }
}
