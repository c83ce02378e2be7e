import Foundation
import GRDB

/// `help`, `history`, `log`, `record`.
extension Session {
    func help(_ cmd: ParsedCommand) throws -> Outcome {
        let words = cmd.tokens("command").map { $0.text.lowercased() }
        if words.isEmpty {
            let w = CommandTable.all.map { $0.name.count }.max() ?? 0
            var out = Phrase.helpHeading.say() + "\n"
            for spec in CommandTable.all {
                out += "  " + spec.name + String(repeating: " ", count: w - spec.name.count) + "  " + spec.purpose + "\n"
            }
            out += "\n" + Phrase.helpMoneyAndDates.say() + "\n"
            return .text(out)
        }
        let matches = CommandTable.all.filter { spec in
            words.count <= spec.words.count && zip(words, spec.words).allSatisfy { $0 == $1 || $0 + "s" == $1 || $0 == $1 + "s" }
        }
        guard !matches.isEmpty else {
            let typed = words.joined(separator: " ")
            let names = CommandTable.all.map(\.name)
            let tokens = cmd.tokens("command")
            throw BazarError(.unknownCommand(typed, suggestion: Suggest.closest(to: typed, among: names)),
                             at: tokens.first!.span.union(tokens.last!.span))
        }
        var out = ""
        for spec in matches {
            if !out.isEmpty { out += "\n" }
            out += "\(spec.usage)\n  \(spec.purpose)\n  \(Phrase.helpExample.say()): \(spec.example)\n"
            if spec.kind == .report { out += Language.current == .id ? ReportHelp.indonesian : ReportHelp.text }
        }
        return .text(out)
    }

    func showHistory(_ cmd: ParsedCommand) -> Outcome {
        let n = Int(clamping: cmd.count("n") ?? Int64(history.count))
        let shown = history.suffix(n)
        let first = history.count - shown.count + 1
        let rows = shown.enumerated().map { [Cell.int(Int64(first + $0.offset)), .text($0.element)] }
        return .table(ResultTable(columns: ["n", "command"], rows: rows))
    }

    func showLog(_ cmd: ParsedCommand) throws -> Outcome {
        let n = cmd.count("n") ?? Int64.max
        let rows = try store.rows("""
            SELECT seq, at, who, command FROM (SELECT * FROM change_log ORDER BY seq DESC LIMIT ?) x ORDER BY seq
            """, arguments: [n]).map { r -> [Cell] in [.int(r[0]), .text(r[1]), .text(r[2]), .text(r[3])] }
        return .table(ResultTable(columns: ["n", "when", "who", "command"], rows: rows))
    }

    func record(_ cmd: ParsedCommand) throws -> Outcome {
        let path = cmd.text("file")!
        if path.lowercased() == "off" {
            guard let was = recordPath else { return .message(Phrase.notRecording.say()) }
            recordPath = nil
            return .message(Phrase.recordingStopped.say(["path": was]))
        }
        guard let f = fopen(path, "a") else {
            throw BazarError(.cannotWriteFile(path: path, reason: String(cString: strerror(errno))), at: cmd.span("file"))
        }
        fclose(f)
        recordPath = path
        // The context later lines depend on (`day 2`, short product refs) comes first.
        var context = ""
        if let e = self.context.event {
            context += "open event \(e.id)\n"
            if let d = self.context.day { context += "date \(d.iso)\n" }
        }
        if let s = self.context.stall { context += "at \(s.id)\n" }
        if !context.isEmpty { recordWrite(context) }
        return .message(Phrase.recordingTo.say(["path": path]))
    }

    /// Appends a successful command to the record file (changes and the context they depend on).
    func recordIfNeeded(_ cmd: ParsedCommand) {
        guard recordPath != nil else { return }
        // Changes, and the context later lines depend on.
        let contextual: Set<CommandKind> = [.day, .date, .at]
        guard cmd.spec.changes || contextual.contains(cmd.kind) else { return }
        recordWrite(cmd.line.text + "\n")
    }
}
