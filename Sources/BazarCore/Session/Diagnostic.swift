/// Renders an error in the shape of SPEC section 6:
///
///     sales-0923.bazar:12:10: error: unknown participant 'wedang-batvia'
///        12 | add sale wedang-batvia/bir-pletok 3 price 25rb
///           |          ^~~~~~~~~~~~~
///           = did you mean 'wedang-batavia'?
///
/// Interactively (no file) the location prefix is left out.
public enum Diagnostic {
    public static func render(_ error: BazarError, line: SourceLine?) -> String {
        var out = ""
        let message = printable(error.message)
        let hint = error.hint.map(printable)
        guard let line else {
            out += "error: \(message)\n"
            if let hint { out += "  = \(hint)\n" }
            return out
        }
        let bytes = Array(line.text.utf8)
        let span = error.span.map { SourceSpan(start: min($0.start, bytes.count), end: min($0.end, bytes.count)) }
        // Display columns count characters, not bytes.
        func columns(_ range: Range<Int>) -> Int { String(decoding: bytes[range], as: UTF8.self).count }
        let column = span.map { columns(0..<$0.start) + 1 }
        let number = String(line.number)
        if let file = line.file {
            out += "\(file):\(line.number):\(column ?? 1): error: \(message)\n"
        } else {
            out += "error: \(message)\n"
        }
        let gutterWidth = max(5, number.count + 1)
        let pad = String(repeating: " ", count: gutterWidth)
        let shown = line.file == nil ? pad : String(repeating: " ", count: gutterWidth - number.count) + number
        // Show at most 200 characters of a long line, around the error.
        var text = line.text
        var caretColumn = column ?? 1
        var width = span.map { max(1, columns($0.start..<$0.end)) } ?? 0
        let count = text.count
        if count > 200 {
            // Only the shown window is copied: a line may be a megabyte long.
            let from = max(0, min(caretColumn - 1 - 40, count - 200))
            text = (from > 0 ? "…" : "") + String(text.dropFirst(from).prefix(200))
            caretColumn = caretColumn - from + (from > 0 ? 1 : 0)
        }
        // The caret stays on the shown text (a long span is cut at the window's end).
        width = max(1, min(width, text.count - caretColumn + 1))
        // One character for one character, so the caret stays aligned: control characters (a newline
        // inside a `-c` argument, an escape sequence) would break the shape or the terminal.
        text = printable(text)
        out += "\(shown) | \(text)\n"
        if span != nil {
            out += "\(pad) | \(String(repeating: " ", count: caretColumn - 1))^\(String(repeating: "~", count: max(0, width - 1)))\n"
        }
        if let hint { out += "\(pad) = \(hint)\n" }
        return out
    }

    /// Control characters (tab, newline, escape, …) shown as one space each.
    static func printable(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        return String(s.map { c in c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) ? " " : c })
    }
}
