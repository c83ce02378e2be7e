/// What kind of value a command's argument or attribute takes.
public enum ValueKind: Sendable, Equatable {
    /// A slug id (`borju-2020-08`); `idOrDash` also accepts `-`.
    case id
    case idOrDash
    /// `participant/product`, or a bare id (a product of the current stall, or a participant).
    case ref
    /// One or more ids up to the next attribute name (`products a b c`).
    case idList
    /// A word or a quoted string.
    case text
    case money
    case day
    case count
    /// A sale's number, or `last`: the sale this session added last (what `dump` writes after a void sale).
    case saleNumber
    case choice([String])
    case period
    /// All remaining words (for `help`).
    case rest
    /// A file path (a word or a quoted string).
    case path
    /// An attribute that takes no value (`dry-run`): present or not.
    case flag

    /// What the value looks like, for usage lines and completion.
    public var placeholder: String {
        switch self {
        case .id, .idOrDash: return "ID"
        case .ref: return "REF"
        case .idList: return "ID…"
        case .text: return "TEXT"
        case .money: return "MONEY"
        case .day: return "DATE"
        case .count: return "N"
        case .saleNumber: return "N|last"
        case .choice(let c): return c.joined(separator: "|")
        case .period: return "PERIOD"
        case .rest: return "…"
        case .path: return "FILE"
        case .flag: return ""
        }
    }
}

/// An argument given by position, right after the command words.
public struct PositionalSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    public init(_ name: String, _ kind: ValueKind, optional: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
    }
}

/// An attribute given as `name value` anywhere after the positionals.
public struct AttributeSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public init(_ name: String, _ kind: ValueKind) {
        self.name = name
        self.kind = kind
    }
}

/// One command of the language: the single source for parsing, help, completion and dispatch.
/// A class: every parsed line refers to its command's spec, and sharing one costs a single reference.
public final class CommandSpec: Sendable {
    public let kind: CommandKind
    /// The command words, lower case (`["add", "sale"]`).
    public let words: [String]
    public let positionals: [PositionalSpec]
    public let attributes: [AttributeSpec]
    /// The syntax line shown by `help` and in errors.
    public let usage: String
    /// One line of purpose.
    public let summary: String
    public let example: String
    /// True when the command changes the store (logged, recorded, undoable).
    public let changes: Bool

    public init(_ kind: CommandKind, _ words: String, positionals: [PositionalSpec] = [], attributes: [AttributeSpec] = [],
                usage: String, summary: String, example: String, changes: Bool = false) {
        self.kind = kind
        self.words = words.split(separator: " ").map(String.init)
        self.positionals = positionals
        self.attributes = attributes
        self.usage = usage
        self.summary = summary
        self.example = example
        self.changes = changes
    }

    public var name: String { words.joined(separator: " ") }

    public func attribute(named name: String) -> AttributeSpec? {
        attributes.first { $0.name == name }
    }
}
