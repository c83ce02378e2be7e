import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Standard input that is a pipe is executed line by line as it arrives (another program feeding sales,
/// `tail -f sales.log | bazar`): a file is read and parsed ahead on a second thread, a pipe must not be,
/// or the first lines would wait for a whole batch or for the end of the input.
@Suite struct StreamingInputTests {
    @Test func eachLineFromAPipeIsAnsweredBeforeTheNextIsWritten() throws {
        let dir = TempDir()
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        #expect(pipe(&toChild) == 0 && pipe(&fromChild) == 0)
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        // (Its closing line on stderr would land in the test run's output.)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, toChild[1])
        posix_spawn_file_actions_addclose(&actions, fromChild[0])
        let args = [Bazar.binary, "--store", dir.store, "--today", "2021-09-23"]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, Bazar.binary, &actions, nil, &argv, environ) == 0)
        posix_spawn_file_actions_destroy(&actions)
        close(toChild[0])
        close(fromChild[1])
        defer { close(fromChild[0]) }

        var seen = ""
        /// Reads the child's output until `text` appears, for at most 10 seconds.
        func waitFor(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !seen.contains(text) && Date() < deadline {
                var fds = pollfd(fd: fromChild[0], events: Int16(POLLIN), revents: 0)
                guard poll(&fds, 1, 100) > 0 else { continue }
                let n = read(fromChild[0], &buffer, buffer.count)
                if n <= 0 { break }
                seen += String(decoding: buffer[0..<n], as: UTF8.self)
            }
            return seen.contains(text)
        }
        func send(_ line: String) {
            let bytes = Array((line + "\n").utf8)
            #expect(write(toChild[1], bytes, bytes.count) == bytes.count)
        }

        send("add participant kopi-tugu name \"Kopi Tugu\"")
        send("list participants")
        #expect(waitFor("Kopi Tugu"), "the answer to the second line came only after the input ended: \(seen)")
        send("add participant wedang-batavia name \"Wedang Batavia\"")
        send("list participants")
        #expect(waitFor("Wedang Batavia"), "\(seen)")
        close(toChild[1])
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect((status >> 8) & 0xff == 0)
    }
}
