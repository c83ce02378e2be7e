/// A value going to or coming from the store (SQLite or PostgreSQL): what bazar's store holds is whole numbers
/// (rupiah, counts, keys: Int64), text (ids, names, ISO days) and NULL.
public enum StoreValue: Sendable, Equatable, Hashable, CustomStringConvertible {
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
}

extension StoreValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// One row of a query's result.
public struct StoreRow: Sendable, Equatable {
    public var values: [StoreValue]

    public init(_ values: [StoreValue]) { self.values = values }

    public subscript(_ column: Int) -> StoreValue { values[column] }

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


/// What a store's column reads as in Swift: `let n: Int64 = row[0]`, `let name: String? = row[1]`.
public protocol StoreDecodable {
    static func decode(_ value: StoreValue) -> Self
}

extension Int64: StoreDecodable {
    public static func decode(_ value: StoreValue) -> Int64 {
        switch value {
        case .int(let n): return n
        case .text(let s): return Int64(s) ?? 0
        case .null: return 0
        }
    }
}

extension Int: StoreDecodable {
    public static func decode(_ value: StoreValue) -> Int { Int(Int64.decode(value)) }
}

extension Bool: StoreDecodable {
    public static func decode(_ value: StoreValue) -> Bool { Int64.decode(value) != 0 }
}

extension String: StoreDecodable {
    public static func decode(_ value: StoreValue) -> String {
        switch value {
        case .int(let n): return String(n)
        case .text(let s): return s
        case .null: return ""
        }
    }
}

extension StoreValue: StoreDecodable {
    public static func decode(_ value: StoreValue) -> StoreValue { value }
}

extension Optional: StoreDecodable where Wrapped: StoreDecodable {
    public static func decode(_ value: StoreValue) -> Wrapped? {
        if case .null = value { return nil }
        return Wrapped.decode(value)
    }
}

extension StoreRow {
    /// The column as the type the context asks for.
    public subscript<T: StoreDecodable>(_ column: Int) -> T { T.decode(values[column]) }
    public var count: Int { values.count }
}

/// What a store's parameter can be made from.
public protocol StoreValueConvertible {
    var storeValue: StoreValue { get }
}

extension Int64: StoreValueConvertible { public var storeValue: StoreValue { .int(self) } }
extension Int: StoreValueConvertible { public var storeValue: StoreValue { .int(Int64(self)) } }
extension Int32: StoreValueConvertible { public var storeValue: StoreValue { .int(Int64(self)) } }
extension Bool: StoreValueConvertible { public var storeValue: StoreValue { .int(self ? 1 : 0) } }
extension String: StoreValueConvertible { public var storeValue: StoreValue { .text(self) } }
extension Substring: StoreValueConvertible { public var storeValue: StoreValue { .text(String(self)) } }
extension StoreValue: StoreValueConvertible { public var storeValue: StoreValue { self } }
extension Day: StoreValueConvertible { public var storeValue: StoreValue { .text(iso) } }
extension Optional: StoreValueConvertible where Wrapped: StoreValueConvertible {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
}

/// A statement's parameters: numbered (`?` or `?N`) or named (`:name`), written the same for both backends.
public enum StoreArguments: Sendable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case positional([StoreValue])
    case named([String: StoreValue])

    public init(arrayLiteral elements: (any StoreValueConvertible)?...) {
        self = .positional(elements.map { $0?.storeValue ?? .null })
    }

    public init(dictionaryLiteral elements: (String, (any StoreValueConvertible)?)...) {
        var d: [String: StoreValue] = [:]
        for (k, v) in elements { d[k] = v?.storeValue ?? .null }
        self = .named(d)
    }

    public init(_ values: [(any StoreValueConvertible)?]) {
        self = .positional(values.map { $0?.storeValue ?? .null })
    }

    public init(_ values: [StoreValue]) { self = .positional(values) }

    public init(named values: [String: (any StoreValueConvertible)?]) {
        self = .named(values.mapValues { $0?.storeValue ?? .null })
    }

    public static let none = StoreArguments.positional([])
}
