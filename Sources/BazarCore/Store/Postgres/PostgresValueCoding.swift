import CLibPQ

extension StoreValue {
    /// The parameter's type for the server: int8 for numbers; none for text, so the server takes
    /// it as the column needs (text, a DATE from '2020-08-07', the nocase collation).
    var parameterType: Oid {
        if case .int = self { return PostgresType.int8 }
        return 0
    }
}

/// The server's type numbers (`pg_type.oid`) that bazar reads as whole numbers.
enum PostgresType {
    static let bool: Oid = 16
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let oid: Oid = 26
    static let numeric: Oid = 1700
}

extension StoreValue {
    /// Reads one field of a result in text format, by its type: integers (and bool, as 0/1) become
    /// `.int`; a numeric (what `sum` of a BIGINT column gives) becomes `.int` when it is whole and
    /// fits, else the read fails rather than round; everything else is text.
    static func decode(_ bytes: UnsafePointer<CChar>, type: Oid) throws(PostgresError) -> StoreValue {
        switch type {
        case PostgresType.int8, PostgresType.int4, PostgresType.int2, PostgresType.oid:
            guard let n = Int64(String(cString: bytes)) else { throw PostgresError(.valueOutOfRange) }
            return .int(n)
        case PostgresType.numeric:
            let s = String(cString: bytes)
            // Whole numbers only: "12", "-3", "12.000" (a numeric from an average is not a figure bazar keeps).
            var digits = Substring(s)
            if let dot = digits.firstIndex(of: ".") {
                guard digits[digits.index(after: dot)...].allSatisfy({ $0 == "0" }) else { throw PostgresError(.valueOutOfRange) }
                digits = digits[..<dot]
            }
            guard let n = Int64(digits) else { throw PostgresError(.valueOutOfRange) }
            return .int(n)
        case PostgresType.bool:
            return .int(bytes.pointee == CChar(UInt8(ascii: "t")) ? 1 : 0)
        default:
            return .text(String(cString: bytes))
        }
    }
}
