/// Where a piece of input stands: byte offsets into one logical line of source.
///
/// Offsets are UTF-8 byte offsets into `SourceLine.text`; they are turned into
/// display columns (characters) only when an error is rendered.
public struct SourceSpan: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(end, start)
    }
    /// The span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }
}

/// One logical line of input: a command, after `\` continuations are joined.
public struct SourceLine: Sendable, Equatable {
    /// The file it came from; nil interactively and for `-c`.
    public var file: String?
    /// 1-based number of the first physical line.
    public var number: Int
    /// The text; continuation joins replace `\` + newline by one space.
    public var text: String
    /// The byte offset of the first byte that is not UTF-8 (the script was saved in another encoding):
    /// `text` holds U+FFFD there, and the line is refused rather than stored so.
    public var notUTF8At: Int?

    public init(file: String? = nil, number: Int = 1, text: String, notUTF8At: Int? = nil) {
        self.file = file
        self.number = number
        self.text = text
        self.notUTF8At = notUTF8At
    }
}
