import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `bazar` binary under a pseudo-terminal (forkpty), driven key by key like an officer
/// at a keyboard. Every wait is bounded: a test fails with the transcript rather than hangs.
final class PtyShell {
    let pid: pid_t
    let master: Int32
    /// Everything the shell has written to the terminal so far.
    private var bytes: [UInt8] = []
    var transcript: String { String(decoding: bytes, as: UTF8.self) }
    /// Where the next `expect` starts looking (a byte offset into the output).
    private var mark = 0
    private var exitStatus: Int32?
    /// errno of a failed waitpid (ECHILD: someone else reaped the child).
    private(set) var lastWaitError: Int32 = 0

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `bazar ARGS` with a terminal of 24×80, TERM=xterm, the pager off, and HOME and
    /// XDG_STATE_HOME (the history file) in `home`.
    init(_ arguments: [String], home: String, environment extra: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["XDG_STATE_HOME"] = home + "/state"
        env["TERM"] = "xterm"
        env["PAGER"] = "cat"
        env["BAZAR_TODAY"] = "2021-09-23"
        env["BAZAR_USER"] = "tester"
        env["BAZAR_STORE"] = nil
        env["BAZAR_LANG"] = "en"
        env["XDG_CONFIG_HOME"] = home + "/config"   // the start-up file: the test's, never the machine's
        env["INPUTRC"] = nil
        env["EDITRC"] = "/dev/null"
        for (k, v) in extra { env[k] = v }
        env = TestBackend.map(environment: env)
        let arguments = TestBackend.map(arguments)
        // The C strings are made before fork: the child may only call async-signal-safe functions.
        let argv: [UnsafeMutablePointer<CChar>?] = ([Bazar.binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var fd: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        let child = forkpty(&fd, nil, nil, &size)
        if child == 0 {
            // Test threads block signals, and the child would inherit that: Ctrl-C would do nothing.
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            signal(SIGINT, SIG_DFL)
            signal(SIGPIPE, SIG_DFL)
            // Only the terminal: a pipe the test holds open for another process (a script's standard input) must not
            // stay open in the shell too, or that process never sees its end.
            for fd in 3..<1024 { close(Int32(fd)) }
            execve(argv[0]!, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw Failure(description: "forkpty failed: \(String(cString: strerror(errno)))") }
        pid = child
        master = fd
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types text (`\t` Tab, `\r` Enter, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D, `\u{1b}[A` Up).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        // libedit prints the prompt and only then puts the terminal in raw mode, just before it
        // reads: a Ctrl-D typed within that instant is taken by the line discipline as an
        // end-of-file. No hand is that fast; give the shell the moment before a control key.
        if let first = bytes.first, first == 3 || first == 4 { usleep(100_000) }
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            done += n
        }
    }

    /// Reads what the shell wrote, for up to `timeout` seconds; false at end of output.
    @discardableResult
    private func pump(timeout: Double) -> Bool {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&p, 1, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        bytes += buffer[0..<n]
        return true
    }

    /// Waits until `needle` appears after what earlier expects matched; throws with the
    /// transcript when it does not within `timeout`.
    func expect(_ needle: String, timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if find(needle) { return }
            let left = deadline.timeIntervalSinceNow
            let open = left > 0 && pump(timeout: min(left, 0.1))
            if !open && !find(needle) {
                throw Failure(description: "did not see \(needle.debugDescription) within \(timeout)s; transcript:\n\(transcript.debugDescription)")
            }
        }
    }

    /// Waits for `needle` as `expect` does, and returns what the shell wrote between the last match and it.
    func upTo(_ needle: String, timeout: Double = 10) throws -> String {
        let start = mark
        try expect(needle, timeout: timeout)
        return String(decoding: bytes[start..<(mark - needle.utf8.count)], as: UTF8.self)
    }

    /// Looks for `needle` after the mark; moves the mark past it when found.
    private func find(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, bytes.count - mark >= n.count else { return n.isEmpty }
        var i = mark
        while i + n.count <= bytes.count {
            if bytes[i] == n[0] && Array(bytes[i..<(i + n.count)]) == n {
                mark = i + n.count
                return true
            }
            i += 1
        }
        return false
    }

    /// The transcript after the last match, once nothing more arrives for `quiet` seconds.
    func settle(quiet: Double = 0.3, timeout: Double = 5) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = bytes.count
        var calm = Date()
        while Date() < deadline {
            if !pump(timeout: 0.05) { break }
            if bytes.count != last {
                last = bytes.count
                calm = Date()
            } else if Date().timeIntervalSince(calm) >= quiet {
                break
            }
        }
        return String(decoding: bytes[mark...], as: UTF8.self)
    }

    /// Waits for the process to end; its exit status, or nil if it did not end within `timeout`.
    func waitExit(timeout: Double = 10) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r < 0 {
                lastWaitError = errno
                return nil
            }
            if r == pid {
                // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
            pump(timeout: 0.05)
        }
        return nil
    }

    /// Kills the shell at once (SIGKILL: no handler, no cleanup).
    func killHard() -> Int32? {
        kill(pid, SIGKILL)
        return waitExit(timeout: 10)
    }

    /// The number of times `needle` occurs in the whole transcript.
    func count(_ needle: String) -> Int {
        transcript.components(separatedBy: needle).count - 1
    }
}
