/// Rupiah amounts: parsing every spelling of SPEC section 1 and formatting as `Rp 105.890.050`.
/// Always Int64 whole rupiah; no floating point anywhere.
public enum Money {
    /// Parses one amount starting at `tokens[index]`: either `Rp` followed by a number word
    /// (`Rp 18.944.500`), or a single word (`Rp18.944.500`, `25rb`, `1,5jt`, `18944500`, `Rp 18.944.500,-`).
    /// Returns the rupiah and the index of the first token after the amount.
    public static func parse(_ tokens: [Token], at index: Int) throws -> (rupiah: Int64, next: Int) {
        fatalError("TODO: syntax helper")
    }

    /// Parses a single spelling (no separate `Rp` token); `span` is where errors point.
    public static func parse(word: String, span: SourceSpan) throws -> Int64 {
        fatalError("TODO: syntax helper")
    }

    /// `Rp 105.890.050`; negative as `-Rp 5.000`.
    public static func format(_ rupiah: Int64) -> String {
        fatalError("TODO: syntax helper")
    }

    /// `105.890.050` (dots group thousands).
    public static func grouped(_ n: Int64) -> String {
        fatalError("TODO: syntax helper")
    }
}
