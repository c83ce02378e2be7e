import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// bazar with its standard input and output on pipes, driven line by line: `send` a line, `waitFor` the text
/// of its answer, `finish` to close the input and get the exit status. (What a program feeding sales to bazar
/// through a pipe sees; a terminal is `PtyShell`'s business.)
final class PipedBazar {
    private let pid: pid_t
    private var input: Int32
    private let output: Int32
    /// Everything bazar has written on standard output so far.
    private(set) var seen = ""

    /// `stderr`: a file for bazar's standard error (nil: /dev/null, so its closing line stays out of the test
    /// run's output). Arguments are mapped to the backend under test.
    init(_ arguments: [String], stderr: String? = nil) {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        #expect(pipe(&toChild) == 0 && pipe(&fromChild) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, toChild[1])
        posix_spawn_file_actions_addclose(&actions, fromChild[0])
        let args = [Bazar.binary] + TestBackend.map(arguments)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, Bazar.binary, &actions, nil, &argv, environ) == 0)
        posix_spawn_file_actions_destroy(&actions)
        close(toChild[0])
        close(fromChild[1])
        self.pid = pid
        input = toChild[1]
        output = fromChild[0]
    }

    deinit {
        close(output)
        if input >= 0 { close(input) }
    }

    func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        #expect(write(input, bytes, bytes.count) == bytes.count)
    }

    /// Reads bazar's output until `text` appears, for at most `seconds`; whether it did.
    func waitFor(_ text: String, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.contains(text) && Date() < deadline {
            var fds = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 100) > 0 else { continue }
            let n = read(output, &buffer, buffer.count)
            if n <= 0 { break }
            seen += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return seen.contains(text)
    }

    /// Closes bazar's input (the end of its script) and waits for it: its exit status.
    func finish() -> Int32 {
        close(input)
        input = -1
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        return (status >> 8) & 0xff
    }
}
