/// The one line a script ends with on stderr (SPEC section 5): what it did, so that a script that went well
/// does not end in silence.
///
///     okt.bazar: 1.234 lines, 1.180 sales added
///     okt.bazar: 1.234 lines, 1.230 commands applied, 4 not applied (see above), 1.176 sales added
extension RunResult {
    /// Nil when the script stopped on an error and nothing of it was kept (its error says so).
    public func summary(name: String) -> String? {
        if rolledBack || storeUnusable { return nil }
        func count(_ phrase: Phrase, _ n: Int) -> String { phrase.say(["n": RunResult.grouped(n), "s": n == 1 ? "" : "s"]) }
        var parts = [count(.summaryLines, lines)]
        if errors > 0 {
            parts.append(count(.summaryApplied, commands))
            parts.append(count(.summaryNotApplied, errors))
        }
        parts.append(count(.summarySales, sales))
        let others = changes - sales
        if others > 0 { parts.append(count(.summaryOthers, others)) }
        return "\(name): " + parts.joined(separator: ", ")
    }

    /// `1.234`: thousands grouped with dots, as amounts are.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return out
    }
}
