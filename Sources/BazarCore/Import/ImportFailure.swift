/// A failure of `import orders`, located in the file being imported rather than in the command line:
///
///     orders.xlsx:row 17:Jumlah Produk Dibeli: error: 'dua' is not a quantity
///
/// `location` is that prefix (`FILE`, `FILE:row N` or `FILE:row N:HEADER`); `details` are further lines (the
/// grouped lines that could not be placed); `hint` says what to do.
public struct ImportFailure: Sendable, Equatable {
    public var location: String
    public var message: String
    public var details: [String]
    public var hint: String?

    public init(_ location: String, _ message: String, details: [String] = [], hint: String? = nil) {
        self.location = location
        self.message = message
        self.details = details
        self.hint = hint
    }

    /// `FILE:row N:HEADER`, leaving out what is not known.
    public static func at(_ file: String, row: Int? = nil, column: String? = nil) -> String {
        var s = file
        if let row { s += ":row \(row)" }
        if let column { s += ":\(column)" }
        return s
    }

    /// The lines printed for it, in SPEC section 6's shape.
    public var rendered: String {
        var out = "\(location): \(Phrase.errorLabel.say()): \(message)\n"
        for d in details { out += "   \(d)\n" }
        if let hint { out += "   = \(hint)\n" }
        return out
    }
}

extension BazarError {
    init(_ failure: ImportFailure) {
        self.init(.importFailed(failure))
    }
}
