import Foundation
import GRDB
@testable import BazarCore
#if canImport(Glibc)
import Glibc
#endif

/// Shared pieces of the fuzz and round-trip tests (issue 7): a seeded generator, an output sink
/// that collects text, the corpus of real commands, and the checks every input must pass.

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine.
struct FuzzRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ a: [T]) -> T { a[int(0..<a.count)] }
}

/// Collects what a session printed.
final class FuzzSink: OutputSink {
    var out = ""
    var err = ""
    func write(_ text: String) { out += text }
    func writeError(_ text: String) { err += text }
    func flush() {}
    func reset() { out = ""; err = "" }
}

enum FuzzCorpus {
    static let seedsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds")

    static func seedLines(_ name: String) -> [String] {
        let text = (try? String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A small store every executor round starts from: one seed programme plus hand-made things with
    /// awkward names, so that mutated commands reach real events, stalls, products and sales.
    static let setupScript: String = {
        var s = seedLines("jbl-jaksel-2021.bazar").joined(separator: "\n") + "\n"
        s += """
        edit participant wedang-batavia name "Wedang \\"Batavia\\" 86" owner "Teguh \\\\ Cahya" kota "Jakarta Pusat" kecamatan Gambir category minuman kind ukm
        edit product wedang-batavia/wedang-komplit name "Kué Lapis ✓" price 1,5jt
        add product wedang-batavia/gratis
        open event jakpus-2021-09 name "Bazar Hybrid Jakarta Pusat" mode hybrid from 2021-09-23 to 2021-09-24 target 150jt
        add stall wedang-batavia products bir-pletok
        day 1
        at wedang-batavia
        add sale bir-pletok 3
        add sale wedang-komplit qty 2 price Rp 18.944.500,- ref "TKP-1" buyer Bekasi note "a \\"quoted\\" note"
        add sale wedang-batavia amount 9.223.372.036.854.775.807 day 2
        open event borju-2020-08 mode online on 7 Agustus 2020
        close event borju-2020-08
        open event jakpus-2021-09
        at wedang-batavia
        day 2

        """
        return s
    }()

    /// Valid commands to mutate: every example of `help`, the seeds, and hand-picked edge cases.
    static let validLines: [String] = {
        var lines = CommandTable.all.map(\.example)
        lines += [
            "add sale bir-pletok 3 price 25rb", "add sale wedang-batavia/bir-pletok qty 9223372036854775807 price 2",
            "add sale bir-pletok qty 2 amount 1,5jt channel ONLINE ref \"TKP 1\"", "add sale wedang-batavia amount 500rb day 2",
            "add sale gratis", "add sale gratis price 0", "void sale 1 reason \"salah \\\"input\\\"\"", "void sale 2", "undo", "undo",
            "close event", "reopen event borju-2020-08", "at -", "day 2", "date 24 September 2021", "date today",
            "edit event jakpus-2021-09 from 2021-09-24 to 2021-09-24", "edit event jakpus-2021-09 on 2021-09-23",
            "edit product wedang-batavia/bir-pletok price 9223372036854775807",
            "list sales limit 5", "list sales --format json", "list events period 2020-Q3", "list products", "list stalls",
            "show sale 1", "show event jakpus-2021-09", "show product wedang-batavia/bir-pletok", "show participant wedang-batavia",
            "log 3", "history 2", "dump", "help", "help add sale", "set format json", "set format csv", "set format markdown",
            "set format table", "set on-error continue", "set timing on", "report year 2021 --format json",
            "report month 2021-11", "report event jakpus-2021-09", "report range 2021-11-01..2021-12-31 by day",
            "report top products limit 3", "report unsold", "report participant wedang-batavia year 2021",
        ]
        for name in ["borju-2020.bazar", "jakpus-hybrid-2021.bazar", "jbl-jaksel-2021.bazar"] {
            let seed = seedLines(name).filter { !$0.hasPrefix("#") }
            var rng = FuzzRNG(seed: UInt64(name.utf8.count))
            for _ in 0..<150 { lines.append(rng.pick(seed)) }
        }
        return lines
    }()

    /// Words that break things: the edges of every value kind.
    static let nastyWords: [String] = [
        "0", "-1", "1", "00", "007", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551616", String(repeating: "9", count: 10_000), String(repeating: "1.000", count: 2_000) + ".000",
        "Rp", "Rp9.223.372.036.854.775.808", "9.223.372.036.854.775.807", "9223372036,9jt", "99999999999999miliar",
        "1,5", "1,500", "12.5", "1.5.", ".5", "5.", ",-", ",00", "Rp,-", "25rbrb", "1,99999999999999999999jt", "0,0001rb",
        "2021-02-29", "2020-02-30", "31/2/2021", "0/0/0", "2021-13-01", "2021-00-10", "9999-12-31", "0000-01-01",
        "31 Februari 2021", "29 Feb 2100", "32 Jan 2021", "2021-Q0", "2021-Q5", "2021-11-31..2021-12-01", "2021-12..2021-11",
        "..", "...", "today..yesterday", "this", "month", "last", "year", "99999", "-2021",
        "\"\"", "\"", "\\", "\\\"", "\"\\\\\"", "\"a\\qb\"", "#", ">", ">>", "a/b/c", "/", "a/", "/b", "-", "--", "_",
        "\u{0}", "\u{7F}", "\u{1B}[31m", "\t", "\r", "ñ", "Kué", "🥤", "\u{FEFF}", "\u{202E}", "e\u{301}", "İ", "ß",
        "add", "sale", "event", "qty", "price", "amount", "day", "date", "ref", "void", "undo", "on", "from", "to", "by",
        "limit", "products", "program", "channel", "online", "offline", "hybrid",
    ]
}

/// The checks of issue 7 for one input.
enum FuzzCheck {
    /// A rendered error in SPEC section 6's shape (interactive form: no file prefix, or `file:line:col:`).
    /// Returns what is wrong, or nil.
    static func diagnosticShapeProblem(_ text: String) -> String? {
        guard text.hasSuffix("\n") else { return "does not end in a newline" }
        var lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        // Warnings (a place not in Jakarta's list) come before the error in the same shape: set aside.
        while let first = lines.first, first.contains("warning: ") || first.contains("peringatan: ") {
            lines.removeFirst()
            while let next = lines.first, next.hasPrefix(" ") { lines.removeFirst() }
        }
        guard let first = lines.first else { return "empty" }
        // The label in either language (a fuzzed line may be `set language id`).
        let header = first.range(of: "error: ") ?? first.range(of: "kesalahan: ")
        guard let header, header.lowerBound == first.startIndex || first[..<header.lowerBound].hasSuffix(": ") else {
            return "first line is not 'error: …' or 'FILE:LINE:COL: error: …'"
        }
        guard lines.count <= 4 else { return "more than 4 lines" }
        for line in lines.dropFirst() {
            // Bytes, not characters: a combining mark at the start of the source joins the gutter's space.
            let trimmed = Array(line.utf8.drop(while: { $0 == 32 || ($0 >= 48 && $0 <= 57) }))
            if !(trimmed.starts(with: Array("| ".utf8)) || trimmed == Array("|".utf8) || trimmed.starts(with: Array("= ".utf8))) {
                return "a line is neither source, caret nor hint: \(line.prefix(80).debugDescription)"
            }
        }
        if lines.count >= 3, lines[2].contains("^") {
            // The caret points inside (or just past the end of) the shown line.
            let source = lines[1], caret = lines[2]
            guard let bar = source.firstIndex(of: "|"), let cbar = caret.firstIndex(of: "|") else { return "no gutter" }
            // Counted after "| " by bytes, so that a leading combining mark is not joined to the space.
            func after(_ line: Substring, _ bar: Substring.Index) -> Int {
                String(decoding: line[line.index(after: bar)...].utf8.dropFirst(), as: UTF8.self).count
            }
            let shown = after(source, bar), caretEnd = after(caret, cbar)
            if caretEnd > shown + 1 { return "caret runs past the line (\(caretEnd) > \(shown + 1))" }
        }
        return nil
    }

    /// The store's own checks: SQLite's page-level integrity and every foreign key.
    static func integrityProblem(_ db: Database) -> String? {
        do {
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { return "integrity_check: \(integrity.prefix(5))" }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !fk.isEmpty { return "foreign_key_check: \(fk.prefix(5))" }
            // The store's own rules, which a bug could get around.
            let bad = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM sale s JOIN event e ON e.event_no = s.event_no WHERE s.day < e.start_date OR s.day > e.end_date)
                     + (SELECT count(*) FROM sale s JOIN stall st ON st.stall_no = s.stall_no WHERE st.event_no <> s.event_no)
                     + (SELECT count(*) FROM sale WHERE typeof(amount) <> 'integer' OR typeof(qty) <> 'integer')
                """) ?? 0
            if bad != 0 { return "\(bad) sales break the store's rules" }
            // What listings and stalls say they sold on (kept as sales are added and voided) is what their sales say.
            let sold = "coalesce(max(s.channel = 'online'), 0) | (coalesce(max(s.channel = 'offline'), 0) << 1)"
            let wrongChannels = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM listing l WHERE l.channels <>
                          (SELECT \(sold) FROM sale s WHERE s.stall_no = l.stall_no AND s.product_no = l.product_no AND s.void = 0))
                     + (SELECT count(*) FROM stall st WHERE st.whole_channels <>
                          (SELECT \(sold) FROM sale s WHERE s.stall_no = st.stall_no AND s.product_no IS NULL AND s.void = 0))
                """) ?? 0
            if wrongChannels != 0 { return "\(wrongChannels) listings or stalls have channels their sales do not say" }
            return nil
        } catch {
            return "checking failed: \(error)"
        }
    }

    /// Lines that would touch files outside the test (`run`, `record`, `> FILE`) or end the session.
    static func isContained(_ line: String, parser: Parser) -> Bool {
        guard let command = try? parser.parse(SourceLine(text: line)) else { return true }
        if command.redirect != nil { return false }
        switch command.kind {
        case .run, .record, .quit: return false
        default: return true
        }
    }
}

/// Where a crash's input is kept for the signal handler: a fixed C buffer, written with write(2).
enum FuzzCrashReport {
    nonisolated(unsafe) static var buffer: UnsafeMutablePointer<UInt8> = .allocate(capacity: 4096)
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var installed = false

    static func note(_ input: String) {
        progress &+= 1
        let bytes = Array("\nbazar fuzz: crashed on input (first 4000 bytes, Swift debugDescription): ".utf8)
            + Array(String(input.prefix(4000)).debugDescription.utf8.prefix(4000)) + [10]
        let n = min(bytes.count, 4095)
        bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: n) }
        length = n
    }

    /// Counts inputs; the watchdog aborts (printing the input) when it stops moving for `hangSeconds`.
    nonisolated(unsafe) static var progress = 0
    nonisolated(unsafe) static var watching = false
    static let hangSeconds = 30

    static func watch() {
        watching = true
        let thread = Thread {
            var last = -1, still = 0
            while true {
                sleep(1)
                if !FuzzCrashReport.watching { still = 0; last = -1; continue }
                if FuzzCrashReport.progress == last { still += 1 } else { still = 0; last = FuzzCrashReport.progress }
                if still >= FuzzCrashReport.hangSeconds {
                    let msg = Array("\nbazar fuzz: HANG: one input ran for \(still) s\n".utf8)
                    _ = msg.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
                    _ = write(2, FuzzCrashReport.buffer, FuzzCrashReport.length)
                    abort()
                }
            }
        }
        thread.start()
    }

    static func install() {
        if installed { return }
        installed = true
        watch()
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { s in
                _ = write(2, FuzzCrashReport.buffer, FuzzCrashReport.length)
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
