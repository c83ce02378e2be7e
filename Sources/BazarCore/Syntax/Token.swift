/// A token of the command language.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A bare word: keywords, ids, numbers, money, dates (`Rp`, `18.944.500`, `wedang-batavia/bir-pletok`).
        case word
        /// A double-quoted string, escapes resolved (`"Kué Lapis"`).
        case string
        /// `>` (append false) or `>>` (append true): output redirection.
        case redirect(append: Bool)
    }

    public var kind: Kind
    /// The text: for a word as typed, for a string its value without quotes.
    public var text: String
    public var span: SourceSpan

    public init(_ kind: Kind, _ text: String, _ span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.span = span
    }

    public var isWord: Bool { kind == .word }

    /// Case-insensitive comparison of a bare word with a keyword (ASCII).
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.utf8.count == keyword.utf8.count && text.lowercased() == keyword
    }
}
