/// Turns the tokens of one line into a `ParsedCommand`, reading the grammar from `CommandTable`.
public struct Parser: Sendable {
    public var today: Day
    /// The longest line the language accepts (SPEC: "a line holds at most 1 MiB").
    public static let maxLineBytes = 1 << 20

    public init(today: Day) {
        self.today = today
    }

    /// Parses a line; nil when it holds no command (blank or only a comment).
    public func parse(_ line: SourceLine) throws -> ParsedCommand? {
        // A line holds at most 1 MiB: a runaway line (a file without newlines, a pasted blob) is
        // refused before it costs time and memory in the lexer, suggestions and diagnostics.
        let size = line.text.utf8.count
        if size > Parser.maxLineBytes {
            throw BazarError(.lineTooLong(size), at: SourceSpan(start: Parser.maxLineBytes, end: size))
        }
        if let bad = line.notUTF8At {
            throw BazarError(.notUTF8, at: SourceSpan(start: bad, end: bad + 1))
        }
        var tokens = try Lexer.tokenize(line.text)
        if tokens.isEmpty { return nil }
        let redirect = try Parser.takeRedirect(&tokens)
        if tokens.isEmpty { throw BazarError(.expected("a command before '>'", found: nil), at: redirect?.span) }
        let (spec, wordCount) = try Parser.matchCommand(tokens)
        let commandSpan = tokens[0].span.union(tokens[wordCount - 1].span)
        var arguments = ArgumentList()
        var attributeOrder: [String] = []
        var i = wordCount

        for positional in spec.positionals {
            guard i < tokens.count else {
                if positional.optional { break }
                throw BazarError(.incompleteCommand(usage: spec.usage), at: commandSpan)
            }
            if positional.optional {
                if positional.kind == .count && !Parser.isDigits(tokens[i]) { continue }
                if tokens[i].isWord, spec.attribute(named: tokens[i].text.lowercased()) != nil { continue }
            }
            let (value, next) = try parseValue(positional.kind, name: positional.name, tokens, at: i, spec: spec)
            arguments[positional.name] = Argument(value: value, span: tokens[i].span.union(tokens[next - 1].span))
            i = next
        }

        while i < tokens.count {
            let word = tokens[i]
            let name = word.text.lowercased()
            guard word.isWord, let attribute = spec.attribute(named: name) else {
                if spec.attributes.isEmpty {
                    throw BazarError(.unexpectedWord(word.text, usage: spec.usage), at: word.span)
                }
                let suggestion = word.isWord ? Suggest.closest(to: word.text, among: spec.attributes.map(\.name)) : nil
                throw BazarError(.unknownAttribute(word.text, command: spec.name, suggestion: suggestion), at: word.span)
            }
            if arguments[attribute.name] != nil {
                throw BazarError(.duplicateAttribute(attribute.name), at: word.span)
            }
            if attribute.kind == .flag {
                arguments[attribute.name] = Argument(value: .choice("yes"), span: word.span)
                attributeOrder.append(attribute.name)
                i += 1
                continue
            }
            guard i + 1 < tokens.count else {
                throw BazarError(.expected("a value (\(attribute.kind.placeholder)) after '\(attribute.name)'", found: nil), at: word.span)
            }
            let (value, next) = try parseValue(attribute.kind, name: attribute.name, tokens, at: i + 1, spec: spec)
            arguments[attribute.name] = Argument(value: value, span: tokens[i + 1].span.union(tokens[next - 1].span))
            attributeOrder.append(attribute.name)
            i = next
        }
        return ParsedCommand(spec: spec, line: line, arguments: arguments, attributeOrder: attributeOrder, redirect: redirect,
                             commandSpan: commandSpan)
    }

    /// Removes a trailing `> FILE` / `>> FILE`.
    static func takeRedirect(_ tokens: inout [Token]) throws -> Redirect? {
        guard let at = tokens.firstIndex(where: { if case .redirect = $0.kind { return true } else { return false } }) else {
            return nil
        }
        guard case .redirect(let append) = tokens[at].kind else { return nil }
        guard at + 1 < tokens.count, tokens[at + 1].kind != .redirect(append: false), tokens[at + 1].kind != .redirect(append: true) else {
            throw BazarError(.badRedirect, at: tokens[at].span)
        }
        guard at + 2 == tokens.count else {
            throw BazarError(.unexpectedWord(tokens[at + 2].text, usage: "COMMAND > FILE"), at: tokens[at + 2].span)
        }
        let redirect = Redirect(path: tokens[at + 1].text, append: append, span: tokens[at].span.union(tokens[at + 1].span))
        tokens.removeSubrange(at...)
        return redirect
    }

    /// Finds the command whose words start the line (longest match).
    static func matchCommand(_ tokens: [Token]) throws -> (CommandSpec, Int) {
        let first = tokens[0]
        guard first.isWord else {
            throw BazarError(.expected("a command", found: first.text), at: first.span)
        }
        let w0 = first.text.lowercased()
        let candidates = CommandTable.byFirstWord[w0] ?? []
        if candidates.isEmpty {
            let firstWords = Set(CommandTable.all.map { $0.words[0] })
            throw BazarError(.unknownCommand(first.text, suggestion: Suggest.closest(to: first.text, among: firstWords.sorted())), at: first.span)
        }
        if let single = candidates.first(where: { $0.words.count == 1 }) { return (single, 1) }
        guard tokens.count > 1, tokens[1].isWord else {
            let usage = candidates.map(\.usage).joined(separator: " | ")
            throw BazarError(.incompleteCommand(usage: usage), at: first.span)
        }
        let w1 = tokens[1].text.lowercased()
        if let spec = candidates.first(where: { $0.words[1] == w1 }) { return (spec, 2) }
        // Plural/singular slips: `list event`, `show sales`.
        if let spec = candidates.first(where: { $0.words[1] == w1 + "s" || $0.words[1] + "s" == w1 }) { return (spec, 2) }
        let typed = "\(first.text) \(tokens[1].text)"
        let suggestion = Suggest.closest(to: w1, among: candidates.map { $0.words[1] }).map { "\(w0) \($0)" }
        throw BazarError(.unknownCommand(typed, suggestion: suggestion), at: first.span.union(tokens[1].span))
    }

    static func isDigits(_ t: Token) -> Bool {
        t.isWord && !t.text.isEmpty && t.text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isSlug(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95
        }
    }

    func parseValue(_ kind: ValueKind, name: String, _ tokens: [Token], at i: Int, spec: CommandSpec) throws -> (Value, Int) {
        let t = tokens[i]
        switch kind {
        case .id:
            guard Parser.isSlug(Substring(t.text)) else { throw BazarError(.badId(t.text), at: t.span) }
            return (.id(t.text), i + 1)
        case .idOrDash:
            if t.text == "-" { return (.id("-"), i + 1) }
            return try parseValue(.id, name: name, tokens, at: i, spec: spec)
        case .ref:
            let parts = t.text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                guard Parser.isSlug(parts[0]) else { throw BazarError(.badId(String(parts[0])), at: t.span) }
                guard Parser.isSlug(parts[1]) else { throw BazarError(.badId(String(parts[1])), at: t.span) }
                return (.ref(String(parts[0]), String(parts[1]), whole: t.text), i + 1)
            }
            guard Parser.isSlug(parts[0]) else { throw BazarError(.badId(t.text), at: t.span) }
            return (.ref(t.text, nil, whole: t.text), i + 1)
        case .idList:
            var ids: [String] = []
            var j = i
            while j < tokens.count, tokens[j].isWord, spec.attribute(named: tokens[j].text.lowercased()) == nil {
                guard Parser.isSlug(Substring(tokens[j].text)) else { throw BazarError(.badId(tokens[j].text), at: tokens[j].span) }
                ids.append(tokens[j].text)
                j += 1
            }
            if ids.isEmpty { throw BazarError(.expected("one or more ids after '\(name)'", found: t.text), at: t.span) }
            return (.ids(ids), j)
        case .text, .path:
            if case .redirect = t.kind { throw BazarError(.expected(kind.placeholder, found: t.text), at: t.span) }
            return (kind == .path ? .path(t.text) : .text(t.text), i + 1)
        case .money:
            let (rupiah, next) = try Money.parse(tokens, at: i)
            return (.money(rupiah), next)
        case .day:
            let (day, next) = try DateWords.parseDay(tokens, at: i, today: today)
            return (.day(day), next)
        case .period:
            let (period, next) = try DateWords.parsePeriod(tokens, at: i, today: today)
            return (.period(period), next)
        case .count:
            guard Parser.isDigits(t) else { throw BazarError(.badNumber(t.text), at: t.span) }
            guard let n = Int64(t.text) else { throw BazarError(.badNumber(t.text), at: t.span) }
            return (.count(n), i + 1)
        case .saleNumber:
            if t.isKeyword("last") { return (.choice("last"), i + 1) }
            return try parseValue(.count, name: name, tokens, at: i, spec: spec)
        case .choice(let allowed):
            let v = t.text.lowercased()
            guard t.kind != .redirect(append: false), t.kind != .redirect(append: true), allowed.contains(v) else {
                throw BazarError(.badChoice(attribute: name, value: t.text, allowed: allowed), at: t.span)
            }
            return (.choice(v), i + 1)
        case .rest:
            return (.tokens(Array(tokens[i...])), tokens.count)
        case .flag:
            return (.choice("yes"), i)
        }
    }
}
