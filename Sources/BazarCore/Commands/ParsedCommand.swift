/// A value given to a command, typed by its `ValueKind`.
public enum Value: Sendable, Equatable {
    case id(String)
    /// `participant/product` (second non-nil) or a bare id, and the whole as written.
    case ref(String, String?, whole: String)
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

/// A command's arguments by name. A handful per command, so short arrays searched in order are faster
/// than a dictionary (no hashing on the hot path of loading scripts). Names and arguments are kept apart so
/// that comparing a name copies nothing else.
public struct ArgumentList: Sendable {
    private var names: [String] = []
    private var arguments: [Argument] = []

    public init() {
        names.reserveCapacity(8)
        arguments.reserveCapacity(8)
    }

    private func index(of name: String) -> Int? {
        for i in names.indices where names[i] == name { return i }
        return nil
    }

    public subscript(name: String) -> Argument? {
        get { index(of: name).map { arguments[$0] } }
        set {
            if let i = index(of: name) {
                if let newValue {
                    arguments[i] = newValue
                } else {
                    names.remove(at: i)
                    arguments.remove(at: i)
                }
            } else if let newValue {
                names.append(name)
                arguments.append(newValue)
            }
        }
    }

    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    public var isEmpty: Bool { names.isEmpty }
}

/// A command line parsed against the command table: which command, and its typed arguments.
///
/// A class, immutable once made: a parsed line passes from the parsing thread to the executing one and
/// through several calls, and sharing it costs one reference where copying would retain each of its strings.
public final class ParsedCommand: @unchecked Sendable {
    public let spec: CommandSpec
    public let line: SourceLine
    /// Positionals and attributes by name.
    public let arguments: ArgumentList
    /// Attribute names in the order given (for `edit` and for recording).
    public let attributeOrder: [String]
    public let redirect: Redirect?
    /// The span of the command words.
    public let commandSpan: SourceSpan
    /// For `add sale`: its arguments typed once, when it is parsed (set by `init`, numbered by `ParseAhead`).
    public internal(set) var sale: SaleArguments?

    public init(spec: CommandSpec, line: SourceLine, arguments: ArgumentList, attributeOrder: [String], redirect: Redirect?,
                commandSpan: SourceSpan) {
        self.spec = spec
        self.line = line
        self.arguments = arguments
        self.attributeOrder = attributeOrder
        self.redirect = redirect
        self.commandSpan = commandSpan
        if spec.kind == .addSale { sale = SaleArguments(self) }
    }

    public var kind: CommandKind { spec.kind }
    /// The whole command's span, for errors that concern all of it.
    public var span: SourceSpan { SourceSpan(start: commandSpan.start, end: line.text.utf8.count) }

    public func has(_ name: String) -> Bool { arguments.contains(name) }
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
        if case .ref(let a, let b, _) = arguments[name]?.value { return (a, b) }
        return nil
    }
    /// A ref as written (`wedang-batavia/bir-pletok`).
    public func refText(_ name: String) -> String? {
        if case .ref(_, _, let whole) = arguments[name]?.value { return whole }
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

/// `add sale`'s arguments as typed values. A script may hold a million sales: the parser (on its own thread
/// for a script) fills these once, so that executing a sale reads fields instead of searching its arguments
/// by name a dozen times. Where an error needs a span, `ParsedCommand.span(_:)` still has it.
public struct SaleArguments: Sendable {
    /// The item as written (`participant/product`, or one id).
    public var item: String
    /// A number for the item as written, the same for every line of a script that writes it so (given by
    /// the thread that parses the script): executing the sale finds the item by index instead of by hashing.
    public internal(set) var itemNumber: Int?
    public var day: Int64?
    public var hasDate: Bool
    public var date: Day?
    public var qty: Int64?
    public var amount: Int64?
    public var price: Int64?
    public var channel: String?
    public var ref: String?
    public var buyer: String?
    public var note: String?

    public init(_ cmd: ParsedCommand) {
        itemNumber = nil
        item = cmd.refText("item") ?? ""
        day = cmd.count("day")
        hasDate = cmd.has("date")
        date = cmd.day("date")
        qty = cmd.count("qty")
        amount = cmd.money("amount")
        price = cmd.money("price")
        channel = cmd.text("channel")
        ref = cmd.text("ref")
        buyer = cmd.text("buyer")
        note = cmd.text("note")
    }
}
