/// Splits one logical line into tokens, keeping exact byte spans.
///
/// Words are separated by spaces and tabs; `"…"` strings take `\"` and `\\` escapes;
/// `#` outside quotes starts a comment; `>` and `>>` outside quotes are redirections.
///
/// Control characters (ESC, a TAB inside quotes, DEL, the C1 controls) are refused wherever they are part of a
/// word or string: stored text never holds them, so nothing typed can drive the terminal or break a table.
///
/// Spans are UTF-8 byte offsets into `text`. A quote glued to a word starts a new token
/// (`abc"def"` is the word `abc` then the string `def`); so does `>` (`list sales>out.csv`).
public enum Lexer {
    public static func tokenize(_ text: String) throws -> [Token] {
        var copy = text
        return try copy.withUTF8 { try tokenize(bytes: $0) }
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 13 || c == 10 || c == 11 || c == 12
    }

    /// A control character at `i` (C0 but the blanks that separate words, DEL, or C1 as UTF-8 `C2 80`…`C2 9F`).
    @inline(__always) static func controlLength(_ u: UnsafeBufferPointer<UInt8>, _ i: Int, inString: Bool) -> Int {
        let c = u[i]
        if c < 32 { return inString || !isSpace(c) ? 1 : 0 }
        if c == 127 { return 1 }
        if c == 0xC2, i + 1 < u.count, u[i + 1] >= 0x80, u[i + 1] <= 0x9F { return 2 }
        return 0
    }

    static func controlError(_ u: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> BazarError {
        let value = length == 2 ? UInt32(u[i + 1]) : UInt32(u[i])
        let names: [UInt32: String] = [9: "TAB", 10: "line feed", 13: "carriage return", 27: "ESC", 127: "DEL", 0: "NUL"]
        let hex = String(value, radix: 16, uppercase: true)
        let name = names[value] ?? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return BazarError(.controlCharacter(name), at: SourceSpan(start: i, end: i + length))
    }

    static func tokenize(bytes u: UnsafeBufferPointer<UInt8>) throws -> [Token] {
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), gt = UInt8(ascii: ">"),
            backslash = UInt8(ascii: "\\")
        var tokens: [Token] = []
        tokens.reserveCapacity(12)
        let n = u.count
        var i = 0
        while i < n {
            let c = u[i]
            if isSpace(c) { i += 1; continue }
            if c == hash { break }
            if c == gt {
                if i + 1 < n && u[i + 1] == gt {
                    tokens.append(Token(.redirect(append: true), ">>", SourceSpan(start: i, end: i + 2)))
                    i += 2
                } else {
                    tokens.append(Token(.redirect(append: false), ">", SourceSpan(start: i, end: i + 1)))
                    i += 1
                }
                continue
            }
            if c == quote {
                let start = i
                i += 1
                var value: [UInt8] = []
                var runStart = i
                var closed = false
                while i < n {
                    let d = u[i]
                    if d == quote {
                        value.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
                        i += 1
                        closed = true
                        break
                    }
                    if d == backslash {
                        value.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
                        guard i + 1 < n else { i += 1; runStart = i; break }   // unterminated
                        let e = u[i + 1]
                        if e == quote || e == backslash {
                            value.append(e)
                            i += 2
                            runStart = i
                            continue
                        }
                        // Unknown escape: point at the backslash and the whole (UTF-8) character after it.
                        var j = i + 2
                        while j < n, u[j] & 0xC0 == 0x80 { j += 1 }
                        let escaped = String(decoding: UnsafeBufferPointer(rebasing: u[(i + 1)..<j]), as: UTF8.self)
                        throw BazarError(.badEscape(escaped), at: SourceSpan(start: i, end: j))
                    }
                    if d < 32 || d == 127 || d == 0xC2, case let k = controlLength(u, i, inString: true), k > 0 {
                        throw controlError(u, i, k)
                    }
                    i += 1
                }
                guard closed else {
                    var end = n
                    while end > start + 1, isSpace(u[end - 1]) { end -= 1 }
                    throw BazarError(.unterminatedString, at: SourceSpan(start: start, end: end))
                }
                tokens.append(Token(.string, String(decoding: value, as: UTF8.self), SourceSpan(start: start, end: i)))
                continue
            }
            // A bare word: up to a space, a quote, `#` or `>`.
            let start = i
            while i < n {
                let d = u[i]
                if isSpace(d) || d == quote || d == hash || d == gt { break }
                if d < 32 || d == 127 || d == 0xC2, case let k = controlLength(u, i, inString: false), k > 0 {
                    throw controlError(u, i, k)
                }
                i += 1
            }
            tokens.append(Token(.word, String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self),
                                SourceSpan(start: start, end: i)))
        }
        return tokens
    }
}
