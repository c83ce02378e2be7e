/// Splits one logical line into tokens, keeping exact byte spans.
///
/// Words are separated by spaces and tabs; `"…"` strings take `\"` and `\\` escapes;
/// `#` outside quotes starts a comment; `>` and `>>` outside quotes are redirections.
public enum Lexer {
    public static func tokenize(_ text: String) throws -> [Token] {
        fatalError("TODO: syntax helper")
    }
}
