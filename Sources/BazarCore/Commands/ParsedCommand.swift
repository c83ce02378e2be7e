/// A value given to a command, typed by its `ValueKind`.
public enum Value: Sendable, Equatable {
    case id(String)
    /// `participant/product` (second non-nil) or a bare id.
    case ref(String, String?)
    case ids([String])
    case text(String)
    case money(Int64)
    case day(Day)
    case count(Int64)
    case choice(String)
    case period(Period)
    case tokens([Token])
    case path(String)
}

public struct Argument: Sendable, Equatable {
    public var value: Value
    public var span: SourceSpan
}

/// `> FILE` or `>> FILE` at the end of a command.
public struct Redirect: Sendable, Equatable {
    public var path: String
    public var append: Bool
    public var span: SourceSpan
}

/// A command's arguments by name. A handful per command, so a short array searched in order
/// is faster than a dictionary (no hashing on the hot path of loading scripts).
public struct ArgumentList: Sendable {
    var entries: [(name: String, argument: Argument)] = []

    public init() {
        entries.reserveCapacity(8)
    }

    public subscript(name: String) -> Argument? {
        get {
            for e in entries where e.name == name { return e.argument }
            return nil
        }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].argument = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }
    public var isEmpty: Bool { entries.isEmpty }
}

/// A command line parsed against the command table: which command, and its typed arguments.
public struct ParsedCommand: Sendable {
    public var spec: CommandSpec
    public var line: SourceLine
    /// Positionals and attributes by name.
    public var arguments: ArgumentList
    /// Attribute names in the order given (for `edit` and for recording).
    public var attributeOrder: [String]
    public var redirect: Redirect?
    /// The span of the command words.
    public var commandSpan: SourceSpan

    public var kind: CommandKind { spec.kind }
    /// The whole command's span, for errors that concern all of it.
    public var span: SourceSpan { SourceSpan(start: commandSpan.start, end: line.text.utf8.count) }

    public func has(_ name: String) -> Bool { arguments[name] != nil }
    public func span(_ name: String) -> SourceSpan { arguments[name]?.span ?? span }

    public func text(_ name: String) -> String? {
        switch arguments[name]?.value {
        case .text(let s), .id(let s), .choice(let s), .path(let s): return s
        default: return nil
        }
    }
    public func money(_ name: String) -> Int64? {
        if case .money(let m) = arguments[name]?.value { return m }
        return nil
    }
    public func day(_ name: String) -> Day? {
        if case .day(let d) = arguments[name]?.value { return d }
        return nil
    }
    public func count(_ name: String) -> Int64? {
        if case .count(let n) = arguments[name]?.value { return n }
        return nil
    }
    public func period(_ name: String) -> Period? {
        if case .period(let p) = arguments[name]?.value { return p }
        return nil
    }
    public func ref(_ name: String) -> (first: String, second: String?)? {
        if case .ref(let a, let b) = arguments[name]?.value { return (a, b) }
        return nil
    }
    public func ids(_ name: String) -> [String]? {
        if case .ids(let l) = arguments[name]?.value { return l }
        return nil
    }
    public func tokens(_ name: String) -> [Token] {
        if case .tokens(let t) = arguments[name]?.value { return t }
        return []
    }
}
