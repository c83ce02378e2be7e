@preconcurrency import CEditLine
import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The session Tab completes against (libedit's completion callback is a C function).
nonisolated(unsafe) var completionSession: Session?

/// One read from the terminal.
enum ReadResult: Equatable {
    /// A whole command (continued lines joined).
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty line.
    case endOfInput
}

/// Line editing on libedit's readline layer: emacs keys (arrows, Home/End, Ctrl-A/E/K/W, Ctrl-R),
/// Tab completion from `Completion`, and a history file kept across sessions.
final class LineReader {
    /// The history file: `$XDG_STATE_HOME/bazar/history` (`~/.local/state/bazar/history`).
    let historyPath: String?
    /// History, oldest first: no blank lines, no duplicates (the newest copy stays).
    private(set) var entries: [String] = []
    /// Lines in the history file as this shell last knew it (duplicates and other shells' lines included).
    private var linesInFile = 0
    private var appended = false
    static let historyLimit = 1000

    init(environment: [String: String]) {
        historyPath = LineReader.historyPath(environment: environment)
        rl_readline_name = UnsafePointer(strdup("bazar"))
        // libedit edits wide characters: it needs a UTF-8 character type, even under LANG=C.
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        Terminal.openInterruptPipe()
        rl_getc_function = bazarGetc
        rl_initialize()
        // Words end at blanks and at `>`; `/` and `-` stay inside ids and refs.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n>"))
        rl_completer_word_break_characters = strdup(" \t\n>")
        rl_attempted_completion_function = bazarComplete
        rl_completion_query_items = 200
        // Keys that terminals send in several ways, bound to what users expect of a shell.
        for binding in [
            "bind ^W ed-delete-prev-word",
            "bind '\\e[H' ed-move-to-beg", "bind '\\e[F' ed-move-to-end",
            "bind '\\eOH' ed-move-to-beg", "bind '\\eOF' ed-move-to-end",
            "bind '\\e[1~' ed-move-to-beg", "bind '\\e[4~' ed-move-to-end",
            "bind '\\e[7~' ed-move-to-beg", "bind '\\e[8~' ed-move-to-end",
            "bind '\\e[3~' ed-delete-next-char",
            "bind '\\e[1;5D' ed-prev-word", "bind '\\e[1;5C' em-next-word",
            "bind ^R em-inc-search-prev",
        ] {
            _ = rl_parse_and_bind(binding)
        }
        stifle_history(Int32(LineReader.historyLimit))
        entries = loadFile()
        for e in entries { add_history(e) }
    }

    static func historyPath(environment: [String: String]) -> String? {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/bazar/history" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/bazar/history"
    }

    /// Reads one command; a line ending in `\` continues on the next, under `…> `.
    func read(prompt: String) -> ReadResult {
        var joined = ""
        var continued = false
        while true {
            let shown = continued ? LineReader.continuationPrompt(for: prompt) : prompt
            interruptRequested = false
            Terminal.drainInterruptPipe()
            guard let raw = readline(shown) else {
                if interruptRequested {
                    // Ctrl-C: drop what was typed and start a fresh prompt.
                    fputs("^C\n", stdout)
                    fflush(stdout)
                    interruptRequested = false
                    return .interrupted
                }
                fputs("\n", stdout)
                return .endOfInput
            }
            var line = String(cString: raw)
            free(raw)
            let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if trimmed.first == "\\" {
                line = String(String(trimmed.dropFirst().reversed()))
                joined += line + " "
                continued = true
                continue
            }
            return .line(joined + line)
        }
    }

    /// `bazar jakpus-2021-09> ` continues as `                 …> `.
    static func continuationPrompt(for prompt: String) -> String {
        let width = prompt.count
        return width > 5 ? String(repeating: " ", count: width - 5) + "...> " : "...> "
    }

    /// Adds a command to the history and the history file (merged with other shells' lines).
    func remember(_ line: String) {
        let entry = line.trimmingBlanks
        guard !entry.isEmpty else { return }
        if entries.contains(entry) {
            entries.removeAll { $0 == entry }
            entries.append(entry)
            clear_history()
            for e in entries { add_history(e) }
        } else {
            entries.append(entry)
            add_history(entry)
        }
        if entries.count > LineReader.historyLimit { entries.removeFirst(entries.count - LineReader.historyLimit) }
        saveFile(adding: entry)
    }

    // MARK: the history file: one command a line, oldest first

    private func loadFile() -> [String] {
        guard let path = historyPath else { return [] }
        let raw = LineReader.fileLines(path)
        linesInFile = raw.count
        return LineReader.clean(raw)
    }

    /// The history file's lines as they are (other shells' and duplicates included).
    private static func fileLines(_ path: String) -> [String] {
        readFile(path).map { $0.split(separator: "\n").map(String.init) } ?? []
    }

    /// Leaves out blanks and duplicates (keeping the newest), and keeps the newest `historyLimit`.
    static func clean(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for l in lines.reversed() {
            let e = l.trimmingBlanks
            if e.isEmpty || !seen.insert(e).inserted { continue }
            out.append(e)
            if out.count == historyLimit { break }
        }
        return out.reversed()
    }

    /// Adds the line at the end of the file, as one `O_APPEND` write (whole, beside other shells' lines). Reading
    /// the file leaves out the duplicates; once it holds twice the limit it is rewritten without them. (It was
    /// rewritten whole after every line: with a full history that was half of what an `add sale` cost bazar.)
    private func saveFile(adding entry: String) {
        guard let path = historyPath else { return }
        // History is private to the officer: its directories are 0700.
        if linesInFile == 0 { try? Store.makeDirectories(String(path[..<path.lastIndex(of: "/")!]), mode: 0o700) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array((entry + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { return }
        linesInFile += 1
        appended = true
        if linesInFile > 2 * LineReader.historyLimit { compactFile(path) }
    }

    /// At the end of the shell: the file left without duplicates, when this shell added to it.
    func finish() {
        guard appended, let path = historyPath else { return }
        compactFile(path)
    }

    /// Rewrites the file without duplicates, the newest `historyLimit` lines (re-read: other shells add lines too).
    private func compactFile(_ path: String) {
        let lines = LineReader.clean(LineReader.fileLines(path))
        let text = lines.joined(separator: "\n") + "\n"
        let temp = path + ".\(getpid()).tmp"
        guard let f = fopen(temp, "w") else { return }
        fchmod(fileno(f), 0o600)
        let ok = fputs(text, f) >= 0
        fclose(f)
        if ok { rename(temp, path) } else { unlink(temp) }
        linesInFile = lines.count
    }

    static func readFile(_ path: String) -> String? {
        readFileBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}

/// libedit's completion callback: candidates from `Completion`, as readline wants them
/// (a malloc'd, NULL-terminated array whose first element is what to insert).
private let bazarComplete: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, _, end in
    guard let session = completionSession, let buffer = rl_line_buffer else { return nil }
    let line = String(cString: buffer)
    // libedit counts the cursor in characters (code points); Completion wants bytes.
    let scalars = line.unicodeScalars
    let cursor = scalars.prefix(Int(end)).reduce(0) { $0 + String($1).utf8.count }
    let result = Completion.complete(line: line, cursor: cursor, session: session)
    guard !result.candidates.isEmpty else {
        // On a file name, let libedit complete file names; elsewhere offer nothing.
        rl_attempted_completion_over = result.files ? 0 : 1
        return nil
    }
    rl_attempted_completion_over = 1
    rl_completion_append_character = result.complete && !result.truncated ? 32 : 0
    let words = result.candidates.count == 1 && !result.truncated ? result.candidates : [result.common] + result.candidates
    // libedit looks at matches[2] to tell a single match: leave NULLs past the end.
    guard let raw = calloc(words.count + 3, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let matches = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: words.count + 3)
    for (i, w) in words.enumerated() { matches[i] = strdup(w) }
    return matches
}

/// What the terminal gave that libedit has not taken yet: read in one `read` as many bytes as are there (a pasted
/// or quickly typed line at once), handed to libedit one at a time. One poll and one read a keystroke, a pollfd
/// array made for each, was most of what the shell itself cost a line typed or pasted at a server's prompt.
private struct TerminalInput {
    nonisolated(unsafe) static var bytes = [UInt8](repeating: 0, count: 4096)
    nonisolated(unsafe) static var next = 0
    nonisolated(unsafe) static var end = 0
    nonisolated(unsafe) static var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: -1, events: Int16(POLLIN), revents: 0)]
}

/// Reads one character for libedit: UTF-8 decoded here (libedit takes the value as a wide
/// character), and -1 at once when Ctrl-C was pressed — also when the signal came between two
/// reads, which libedit's own read would miss (the interrupt pipe wakes the poll).
private let bazarGetc: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    func byte() -> Int32? {
        // Ctrl-C drops the line being typed, and what was typed after it but not yet taken.
        if interruptRequested { TerminalInput.next = TerminalInput.end; return nil }
        if TerminalInput.next < TerminalInput.end {
            defer { TerminalInput.next += 1 }
            return Int32(TerminalInput.bytes[TerminalInput.next])
        }
        while true {
            if interruptRequested { return nil }
            TerminalInput.fds[0].revents = 0
            TerminalInput.fds[1].fd = Terminal.interruptPipe.read
            TerminalInput.fds[1].revents = 0
            let n = poll(&TerminalInput.fds, 2, -1)
            if n < 0 { if errno == EINTR { continue } else { return -1 } }
            if TerminalInput.fds[1].revents != 0 { Terminal.drainInterruptPipe(); continue }
            if TerminalInput.fds[0].revents != 0 {
                let r = TerminalInput.bytes.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if r > 0 {
                    TerminalInput.next = 1
                    TerminalInput.end = r
                    return Int32(TerminalInput.bytes[0])
                }
                if r < 0 && errno == EINTR { continue }
                return -1
            }
        }
    }
    guard let first = byte() else { return -1 }
    if first < 0x80 || first < 0 { return first }
    let extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0
    var scalar = first & (0x3F >> Int32(extra))
    for _ in 0..<extra {
        guard let b = byte() else { return -1 }
        guard b >= 0 else { return b }
        scalar = (scalar << 6) | (b & 0x3F)
    }
    return Unicode.Scalar(UInt32(scalar)) == nil ? 0xFFFD : scalar
}
