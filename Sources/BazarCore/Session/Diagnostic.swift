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
        // An import's error points into the imported file (`orders.xlsx:row 17:Jumlah Produk Dibeli:`), not the command.
        if case .importFailed(let failure) = error.problem {
            var f = failure
            if Language.current == .id { f.location = f.location.replacing(":row ", with: ":baris ") }
            f.message = printable(Problem.reason(f.message))
            f.details = f.details.map { printable(Problem.reason($0)) }
            f.hint = f.hint.map { printable(Problem.reason($0)) }
            let from = line.flatMap { l in l.file.map { "   (\(Phrase.importFrom.say()) \($0):\(l.number): \(printable(l.text)))\n" } } ?? ""
            return f.rendered + from
        }
        return render(message: error.message, hint: error.hint, span: error.span, line: line)
    }

    /// An error, or a warning (`warning: …` in the same shape: the line goes on).
    public static func render(message: String, hint: String?, span: SourceSpan?, line: SourceLine?, warning: Bool = false) -> String {
        var out = ""
        let message = printable(message)
        let hint = hint.map(printable)
        let label = (warning ? Phrase.warningLabel : Phrase.errorLabel).say()
        guard let line else {
            out += "\(label): \(message)\n"
            if let hint { out += "  = \(hint)\n" }
            return out
        }
        // Control characters (a newline inside a `-c` argument, an escape sequence) would break the
        // shape or drive the terminal: each is shown as one space. They are single bytes, so spans
        // (byte offsets) still hold.
        // Only a window of 200 characters around the error is ever shown: of a line that may be megabytes long, the
        // bytes up to a little past the error's start are all that is looked at (and copied).
        let kept = min(line.text.utf8.count, (span?.start ?? 0) + 65_536)
        var bytes = Array(line.text.utf8.prefix(kept))
        for i in bytes.indices where bytes[i] < 0x20 || bytes[i] == 0x7F { bytes[i] = 0x20 }
        let clean = String(decoding: bytes, as: UTF8.self)
        let span = span.map { SourceSpan(start: min($0.start, bytes.count), end: min($0.end, bytes.count)) }
        // Display columns count the characters of the whole line (a combining mark belongs to the
        // character before it): the caret starts on the character holding the span's first byte.
        var spanColumns: (before: Int, through: Int)?
        if let span {
            var before = 0, through = 0, offset = 0
            for ch in clean {
                let next = offset + ch.utf8.count
                if next <= span.start { before += 1 }
                if offset < span.end { through += 1 } else { break }
                if through - before > 250 { break }   // wider than any window shown
                offset = next
            }
            spanColumns = (before, through)
        }
        let column = spanColumns.map { $0.before + 1 }
        let number = String(line.number)
        if let file = line.file {
            out += "\(file):\(line.number):\(column ?? 1): \(label): \(message)\n"
        } else {
            out += "\(label): \(message)\n"
        }
        let gutterWidth = max(5, number.count + 1)
        let pad = String(repeating: " ", count: gutterWidth)
        let shown = line.file == nil ? pad : String(repeating: " ", count: gutterWidth - number.count) + number
        // Show at most 200 characters of a long line, around the error.
        var text = clean
        var caretColumn = column ?? 1
        var width = spanColumns.map { max(1, $0.through - $0.before) } ?? 0
        if clean.utf8.count > 200 {
            // Only the shown window is looked at and copied: a line may be many megabytes long.
            var from = max(0, caretColumn - 1 - 40)
            var window = String(clean.dropFirst(from).prefix(200))
            if window.count < 200, from > 0 {
                from = max(0, from - (200 - window.count))
                window = String(clean.dropFirst(from).prefix(200))
            }
            text = (from > 0 ? "…" : "") + window
            // (The ellipsis adds a column, unless the window starts with a combining mark that joins it.)
            caretColumn = caretColumn - from + (text.count - window.count)
        }
        // The caret stays on the shown text (a long span is cut at the window's end).
        width = max(1, min(width, text.count - caretColumn + 1))
        out += "\(shown) | \(text)\n"
        if span != nil {
            // The caret sits under its character on screen: wide characters (emoji, CJK) before or under it take two columns.
            let before = text.prefix(caretColumn - 1)
            let under = text.dropFirst(caretColumn - 1).prefix(width)
            let indent = DisplayWidth.of(String(before)), length = max(1, DisplayWidth.of(String(under)))
            out += "\(pad) | \(String(repeating: " ", count: indent))^\(String(repeating: "~", count: max(0, length - 1)))\n"
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
