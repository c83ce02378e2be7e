import CLibPQ

/// A value going to or coming from the server: what bazar's store holds is whole numbers
/// (rupiah, counts, keys: Int64), text (ids, names, ISO days) and NULL.
public enum PostgresValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case text(String)

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .int(let n): return String(n)
        case .text(let s): return "'\(s)'"
        }
    }

    /// The value in PostgreSQL's text format (nil for NULL): how parameters and COPY rows travel.
    var textFormat: String? {
        switch self {
        case .null: return nil
        case .int(let n): return String(n)
        case .text(let s): return s
        }
    }

    /// The parameter's type for the server: int8 for numbers; none for text, so the server takes
    /// it as the column needs (text, a DATE from '2020-08-07', the nocase collation).
    var parameterType: Oid {
        if case .int = self { return PostgresType.int8 }
        return 0
    }
}

extension PostgresValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
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

/// One row of a query's result.
public struct PostgresRow: Sendable, Equatable {
    public var values: [PostgresValue]

    public init(_ values: [PostgresValue]) { self.values = values }

    public subscript(_ column: Int) -> PostgresValue { values[column] }

    /// The column as a number; nil for NULL. A text column is an error of the query, not a value.
    public func int(_ column: Int) -> Int64? {
        if case .int(let n) = values[column] { return n }
        return nil
    }

    /// The column as text (a number as its digits); nil for NULL.
    public func string(_ column: Int) -> String? {
        switch values[column] {
        case .null: return nil
        case .int(let n): return String(n)
        case .text(let s): return s
        }
    }
}

extension PostgresValue {
    /// Reads one field of a result in text format, by its type: integers (and bool, as 0/1) become
    /// `.int`; a numeric (what `sum` of a BIGINT column gives) becomes `.int` when it is whole and
    /// fits, else the read fails rather than round; everything else is text.
    static func decode(_ bytes: UnsafePointer<CChar>, type: Oid) throws(PostgresError) -> PostgresValue {
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
