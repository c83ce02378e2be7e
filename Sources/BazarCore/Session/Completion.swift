import GRDB

/// What Tab offers at the cursor.
public struct CompletionResult: Sendable, Equatable {
    /// UTF-8 offset in the line where the word being completed starts (it is replaced).
    public var start: Int
    /// Whole replacement words, sorted; at most `Completion.limit`.
    public var candidates: [String]
    /// The longest prefix all matches share (also those beyond the limit): what one Tab inserts.
    public var common: String
    /// More matches exist than `candidates` holds.
    public var truncated = false
    /// The cursor is on a file name: the shell completes file names itself.
    public var files = false
    /// A single candidate is finished (add a space after it): false for `participant/`.
    public var complete: Bool {
        candidates.count == 1 && !(candidates[0].hasSuffix("/"))
    }

    public init(start: Int, candidates: [String], common: String? = nil, truncated: Bool = false, files: Bool = false) {
        self.start = start
        self.candidates = candidates
        self.common = common ?? Completion.commonPrefix(candidates)
        self.truncated = truncated
        self.files = files
    }
}

/// Tab completion: reads the grammar from `CommandTable` and ids from the store, through indexes.
///
/// Pure apart from reading the store: given a line, the cursor and a session, it returns the
/// candidates for the word under the cursor — command words; ids of the kind expected there
/// (events, participants, products of the current stall or of the participant before `/`);
/// attribute names not used yet on the line; enumerated values; report words and dimensions.
public enum Completion {
    /// At most this many candidates are returned (the store may hold 20,000 participants).
    public static let limit = 200

    /// Report words of SPEC section 4.
    public static let reportKinds = ["month", "year", "event", "range", "participant", "top", "unsold"]
    public static let reportTops = ["products", "participants", "categories"]
    public static let reportDimensions = ["month", "day", "event", "program", "mode", "participant", "product",
                                          "category", "kota", "kecamatan", "channel", "buyer"]
    public static let reportFilters = ["program", "kota", "kecamatan", "category", "channel", "mode", "event", "by", "limit"]

    /// Attributes that exclude each other: once one is on the line the other is not offered.
    static let exclusive: [String: [String]] = [
        "price": ["amount"], "amount": ["price"], "day": ["date"], "date": ["day"],
        "on": ["from", "to"], "from": ["on"], "to": ["on"],
    ]

    /// Candidates for the word that ends at `cursor` (a UTF-8 offset into `line`).
    public static func complete(line: String, cursor: Int, session: Session) -> CompletionResult {
        let bytes = Array(line.utf8.prefix(max(0, cursor)))
        // Find where the word under the cursor starts; inside an open quote there is nothing to offer.
        var inQuote = false
        var escaped = false
        var wordStart = 0
        var quoteStart = -1
        for (i, c) in bytes.enumerated() {
            if inQuote {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inQuote = false }
                continue
            }
            if c == UInt8(ascii: "\"") { inQuote = true; quoteStart = i; continue }
            if c == 32 || c == 9 || c == UInt8(ascii: ">") { wordStart = i + 1 }
            if c == UInt8(ascii: "#") { return CompletionResult(start: cursor, candidates: []) }
        }
        let none = CompletionResult(start: wordStart, candidates: [])
        // Inside an open quote only a place name is offered (`kecamatan "Tanah A`).
        if inQuote && quoteStart != wordStart { return none }
        let partial = String(decoding: bytes[wordStart...], as: UTF8.self)
        guard let tokens = try? Lexer.tokenize(String(decoding: bytes[..<wordStart], as: UTF8.self)) else { return none }
        // After `>` or `>>`: a file name.
        if let last = tokens.last, case .redirect = last.kind { return CompletionResult(start: wordStart, candidates: [], files: true) }
        if tokens.contains(where: { if case .redirect = $0.kind { return true } else { return false } }) { return none }
        var c = Completer(session: session, start: wordStart, partial: partial)
        let r = c.complete(tokens)
        return inQuote && !c.placeValue ? none : r
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.utf8) }) else { return "" }
        for w in words.dropFirst() {
            let b = Array(w.utf8)
            var n = 0
            while n < prefix.count, n < b.count, prefix[n] == b[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        // Never cut a UTF-8 sequence in half.
        while !prefix.isEmpty, String(validating: prefix, as: UTF8.self) == nil { prefix.removeLast() }
        return String(decoding: prefix, as: UTF8.self)
    }
}

/// One completion: the word typed so far and what the line before it says.
struct Completer {
    let session: Session
    /// Set when the word at the cursor is a place (the only completion inside an open quote).
    var placeValue = false
    let start: Int
    let partial: String
    let lower: String

    init(session: Session, start: Int, partial: String) {
        self.session = session
        self.start = start
        self.partial = partial
        self.lower = partial.lowercased()
    }

    func result(_ words: [String], files: Bool = false) -> CompletionResult {
        var seen = Set<String>()
        let matches = words.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }.sorted()
        return CompletionResult(start: start, candidates: Array(matches.prefix(Completion.limit)),
                                truncated: matches.count > Completion.limit, files: files)
    }

    mutating func complete(_ tokens: [Token]) -> CompletionResult {
        let table = CommandTable.all
        guard let first = tokens.first else {
            return result(table.map { $0.words[0] })
        }
        guard first.isWord else { return result([]) }
        let w0 = first.text.lowercased()
        let family = table.filter { $0.words[0] == w0 }
        var spec: CommandSpec
        var used = 1
        if let single = family.first(where: { $0.words.count == 1 }) {
            spec = single
        } else {
            guard !family.isEmpty else { return result([]) }
            guard tokens.count > 1 else { return result(family.map { $0.words[1] }) }
            let w1 = tokens[1].text.lowercased()
            guard let s = family.first(where: { $0.words[1] == w1 || $0.words[1] == w1 + "s" || $0.words[1] + "s" == w1 }) else {
                return result([])
            }
            spec = s
            used = 2
        }
        return arguments(spec, Array(tokens[used...]))
    }

    /// Walks the arguments typed after the command words, as the parser would, to find what the
    /// word at the cursor is: a positional, an attribute's value, or a new attribute name.
    mutating func arguments(_ spec: CommandSpec, _ rest: [Token]) -> CompletionResult {
        if spec.kind == .report { return report(rest) }
        if spec.kind == .help { return help(rest) }
        let parser = session.parser
        var values: [String: String] = [:]
        var i = 0
        for positional in spec.positionals {
            if i >= rest.count {
                var r = value(positional.kind, name: positional.name, spec: spec, values: values)
                if positional.optional { r = merge(r, attributeNames(spec, used: [])) }
                return r
            }
            if positional.optional {
                if positional.kind == .count && !Parser.isDigits(rest[i]) { continue }
                if rest[i].isWord, spec.attribute(named: rest[i].text.lowercased()) != nil { continue }
            }
            values[positional.name] = rest[i].text
            i = consume(parser, positional.kind, name: positional.name, rest, at: i, spec: spec)
        }
        var used = Set<String>()
        var lastList: AttributeSpec?
        while i < rest.count {
            let name = rest[i].text.lowercased()
            guard rest[i].isWord, let attribute = spec.attribute(named: name) else {
                i += 1
                lastList = nil
                continue
            }
            used.insert(attribute.name)
            if attribute.kind == .flag {
                i += 1
                lastList = nil
                continue
            }
            if i + 1 >= rest.count {
                return value(attribute.kind, name: attribute.name, spec: spec, values: values)
            }
            values[attribute.name] = rest[i + 1].text
            i = consume(parser, attribute.kind, name: attribute.name, rest, at: i + 1, spec: spec)
            lastList = attribute.kind == .idList ? attribute : nil
        }
        var r = attributeNames(spec, used: used)
        if let list = lastList {
            let typed = Set(rest.map { $0.text.lowercased() })
            var ids = value(list.kind, name: list.name, spec: spec, values: values)
            ids.candidates.removeAll { typed.contains($0.lowercased()) }
            ids.common = Completion.commonPrefix(ids.candidates)
            r = merge(ids, r)
        }
        return r
    }

    /// Past one value (money and dates may take several words); one word when it does not parse.
    func consume(_ parser: Parser, _ kind: ValueKind, name: String, _ tokens: [Token], at i: Int, spec: CommandSpec) -> Int {
        if let (_, next) = try? parser.parseValue(kind, name: name, tokens, at: i, spec: spec), next > i { return next }
        return i + 1
    }

    func attributeNames(_ spec: CommandSpec, used: Set<String>) -> CompletionResult {
        var excluded = used
        for u in used { excluded.formUnion(Completion.exclusive[u] ?? []) }
        return result(spec.attributes.map(\.name).filter { !excluded.contains($0) })
    }

    func merge(_ a: CompletionResult, _ b: CompletionResult) -> CompletionResult {
        let all = Array(Set(a.candidates + b.candidates)).sorted()
        // Each side's `common` covers all its matches, also those past the limit.
        let common = Completion.commonPrefix([a, b].filter { !$0.candidates.isEmpty }.map(\.common))
        return CompletionResult(start: start, candidates: Array(all.prefix(Completion.limit)), common: common,
                                truncated: a.truncated || b.truncated || all.count > Completion.limit, files: a.files || b.files)
    }

    /// The values a kind of argument takes, at this place in this command.
    mutating func value(_ kind: ValueKind, name: String, spec: CommandSpec, values: [String: String]) -> CompletionResult {
        if kind == .text, PlaceCheck.attributes.contains(name) { return place(name, values: values, spec: spec) }
        switch kind {
        case .choice(let choices):
            return result(choices)
        case .id, .idOrDash:
            var r: CompletionResult
            switch (spec.kind, name) {
            case (_, "event"), (.openEvent, _), (.closeEvent, _), (.reopenEvent, _), (.editEvent, _), (.showEvent, _):
                r = ids(table: "event")
            case (.addParticipant, _):
                return result([])
            default:
                r = ids(table: "participant")
            }
            if kind == .idOrDash, "-".hasPrefix(partial) { r = merge(r, result(["-"])) }
            return r
        case .ref:
            return refs(spec.kind, bareProducts: spec.kind == .addSale)
        case .idList:
            guard let owner = values["participant"] else { return result([]) }
            return products(of: owner, prefix: partial, qualified: false)
        case .path:
            var r = CompletionResult(start: start, candidates: [], files: true)
            if spec.kind == .record, "off".hasPrefix(lower), !partial.isEmpty { r = result(["off"], files: true) }
            return r
        case .day:
            return result(["today", "yesterday"])
        case .text, .money, .count, .saleNumber, .period, .rest, .flag:
            return result([])
        }
    }

    /// `participant/product`: products of the participant before `/`; else participants (with
    /// `/` added) and, for `add sale` at a stall, that stall's products by their short id.
    func refs(_ command: CommandKind, bareProducts: Bool) -> CompletionResult {
        if let slash = partial.firstIndex(of: "/") {
            if command == .addProduct { return result([]) }   // a new product's id
            let owner = String(partial[..<slash])
            return products(of: owner, prefix: String(partial[partial.index(after: slash)...]), qualified: true)
        }
        var participants = ids(table: "participant")
        participants.candidates = participants.candidates.map { $0 + "/" }
        participants.common = participants.truncated ? participants.common : Completion.commonPrefix(participants.candidates)
        if bareProducts, let stall = session.context.stall {
            return merge(products(of: stall.id, prefix: partial, qualified: false), participants)
        }
        return participants
    }

    // MARK: the store, through its indexes

    /// Ids of `table` starting with the partial word: a range on the unique (NOCASE) id index.
    func ids(table: String) -> CompletionResult {
        let (low, high) = Completer.range(partial)
        let sql = "SELECT id FROM \(table) WHERE id >= ? AND id < ? ORDER BY id LIMIT \(Completion.limit + 1)"
        let found = (try? session.store.values(as: String.self, sql, arguments: [low, high])) ?? []
        let lastSQL = "SELECT id FROM \(table) WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT 1"
        return bounded(found) { try? session.store.value(as: String.self, lastSQL, arguments: [low, high]) }
    }

    /// Products of one participant starting with `prefix`, as `participant/product` or short ids.
    func products(of owner: String, prefix: String, qualified: Bool) -> CompletionResult {
        let (low, high) = Completer.range(prefix)
        guard let ownerRow = try? session.store.row("SELECT participant_no, id FROM participant WHERE id = ?", arguments: [owner]) else {
            return result([])
        }
        let no: Int64 = ownerRow[0]
        let ownerID: String = ownerRow[1]
        let sql = "SELECT id FROM product WHERE participant_no = ? AND id >= ? AND id < ? ORDER BY id LIMIT \(Completion.limit + 1)"
        let found = ((try? session.store.values(as: String.self, sql, arguments: [no, low, high])) ?? []).map { qualified ? "\(ownerID)/\($0)" : $0 }
        let lastSQL = "SELECT id FROM product WHERE participant_no = ? AND id >= ? AND id < ? ORDER BY id DESC LIMIT 1"
        return bounded(found) {
            (try? session.store.value(as: String.self, lastSQL, arguments: [no, low, high])).flatMap { $0 }.map { qualified ? "\(ownerID)/\($0)" : $0 }
        }
    }

    func bounded(_ found: [String], last: () -> String??) -> CompletionResult {
        guard found.count > Completion.limit else { return CompletionResult(start: start, candidates: found) }
        let shown = Array(found.prefix(Completion.limit))
        let lastOne = last().flatMap { $0 } ?? shown.last!
        return CompletionResult(start: start, candidates: shown, common: Completion.commonPrefix([shown[0], lastOne]), truncated: true)
    }

    /// `id >= low AND id < high` selects the ids starting with `prefix` (ids are ASCII slugs, so
    /// U+10FFFF sorts after every continuation; NOCASE makes it case-insensitive).
    static func range(_ prefix: String) -> (String, String) {
        (prefix, prefix + "\u{10FFFF}")
    }

    // MARK: report and help

    mutating func report(_ rest: [Token]) -> CompletionResult {
        let words = rest.map { $0.text.lowercased() }
        guard let kind = words.first else { return result(Completion.reportKinds) }
        let previous = words.last!
        if words.count == 1 {
            switch kind {
            case "event": return merge(ids(table: "event"), result(Completion.reportFilters))
            case "participant": return ids(table: "participant")
            case "top": return result(Completion.reportTops)
            case "unsold": return merge(ids(table: "event"), result(Completion.reportFilters))
            default: break
            }
        }
        // `report top products|… EVENT`: the scope may be an event id.
        if words.count == 2 && kind == "top" { return merge(ids(table: "event"), result(Completion.reportFilters)) }
        switch previous {
        case "by": return result(Completion.reportDimensions)
        case "event": return ids(table: "event")
        case "mode": return result(["online", "offline", "hybrid"])
        case "channel": return result(["online", "offline"])
        case "program":
            return result((try? session.store.values(as: String.self, "SELECT DISTINCT program FROM event WHERE program IS NOT NULL LIMIT 500")) ?? [])
        case "kota", "kecamatan":
            // Jakarta's official names (the kota's kecamatan first), and other places in the store (Bekasi, Depok).
            var values: [String: String] = [:]
            for (i, w) in words.enumerated() where w == "kota" && i + 1 < rest.count { values["kota"] = rest[i + 1].text }
            let official = place(previous, values: values, spec: nil)
            let stored = ((try? session.store.values(as: String.self, "SELECT DISTINCT \(previous) FROM participant WHERE \(previous) IS NOT NULL LIMIT 500")) ?? [])
                .filter { (previous == "kota" ? Places.officialKota($0) : Places.officialKecamatan($0)) == nil }
                .map { $0.contains(" ") ? "\"\($0)\"" : $0 }
            let others = stored.filter { Places.key($0).hasPrefix(Places.key(partial)) }
            guard !others.isEmpty else { return official }
            return merge(official, CompletionResult(start: start, candidates: others.sorted()))
        case "category":
            return result((try? session.store.values(as: String.self, "SELECT category FROM participant WHERE category IS NOT NULL UNION SELECT category FROM product WHERE category IS NOT NULL LIMIT 500")) ?? [])
        case "limit", "year": return result([])
        default: break
        }
        let used = Set(words.dropFirst())
        var filters = Completion.reportFilters.filter { !used.contains($0) }
        if kind == "participant" && !used.contains("year") { filters.append("year") }
        return result(filters)
    }

    func help(_ rest: [Token]) -> CompletionResult {
        guard let first = rest.first?.text.lowercased() else { return result(CommandTable.all.map { $0.words[0] }) }
        if rest.count == 1 { return result(CommandTable.all.filter { $0.words[0] == first && $0.words.count > 1 }.map { $0.words[1] }) }
        return result([])
    }
}
