/// Rupiah amounts: parsing every spelling of SPEC section 1 and formatting as `Rp 105.890.050`.
/// Always Int64 whole rupiah; no floating point anywhere.
///
/// Accepted spellings (the `Rp`/`Rp.` prefix and the suffixes are case-insensitive):
/// `18944500`, `18.944.500`, `Rp 18.944.500` (two tokens), `Rp18.944.500`, `Rp. 18.944.500`,
/// `Rp 18.944.500,-`, `Rp 18.944.500,00`, `25rb`, `25ribu`, `25k`, `1,5jt`, `1.5jt`, `1,5juta`,
/// `3,3miliar`, `3,3milyar`. Dots group thousands (groups of exactly three digits); a comma
/// (or a single dot) is a decimal mark only before a suffix, or as `,-`/`,00` at the end.
public enum Money {
    /// Parses one amount starting at `tokens[index]`: either `Rp` followed by a number word
    /// (`Rp 18.944.500`), or a single word (`Rp18.944.500`, `25rb`, `1,5jt`, `18944500`, `Rp 18.944.500,-`).
    /// Returns the rupiah and the index of the first token after the amount.
    public static func parse(_ tokens: [Token], at index: Int) throws -> (rupiah: Int64, next: Int) {
        guard index >= 0, index < tokens.count else {
            throw BazarError(.expected("an amount of money", found: nil), at: tokens.last.map { SourceSpan(start: $0.span.end, end: $0.span.end) })
        }
        let first = tokens[index]
        if case .redirect = first.kind {
            throw BazarError(.expected("an amount of money", found: first.text), at: first.span)
        }
        if first.kind == .word && isCurrencyWord(first.text) {
            // `Rp` alone: the number is the next word.
            guard index + 1 < tokens.count, tokens[index + 1].kind != .redirect(append: false),
                  tokens[index + 1].kind != .redirect(append: true) else {
                throw BazarError(.badMoney(first.text), at: first.span)
            }
            let number = tokens[index + 1]
            let span = first.span.union(number.span)
            do {
                return (try parse(word: number.text, span: number.span), index + 2)
            } catch let e as BazarError {
                // Show the amount as the user wrote it, pointing at both words.
                throw BazarError(e.problem.withMoneyText(first.text + " " + number.text), at: span)
            }
        }
        return (try parse(word: first.text, span: first.span), index + 1)
    }

    /// Parses a single spelling (no separate `Rp` token); `span` is where errors point.
    public static func parse(word: String, span: SourceSpan) throws -> Int64 {
        do {
            switch parseBytes(Array(word.utf8)[...]) {
            case .success(let v): return v
            case .failure(let f):
                let p: Problem
                switch f {
                case .bad: p = .badMoney(word)
                case .ambiguous: p = .ambiguousMoney(word)
                case .fractional: p = .fractionalRupiah(word)
                case .overflow: p = .moneyOverflow(word)
                case .negative: p = .negativeMoney(word)
                }
                throw BazarError(p, at: span)
            }
        }
    }

    /// `Rp 105.890.050`; negative as `-Rp 5.000`.
    public static func format(_ rupiah: Int64) -> String {
        rupiah < 0 ? "-Rp " + grouped(rupiah.magnitude) : "Rp " + grouped(rupiah.magnitude)
    }

    /// `105.890.050` (dots group thousands).
    public static func grouped(_ n: Int64) -> String {
        n < 0 ? "-" + grouped(n.magnitude) : grouped(n.magnitude)
    }

    static func grouped(_ m: UInt64) -> String {
        let digits = Array(String(m).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for a word that is only the currency: `Rp`, `rp`, `RP`, `Rp.`.
    public static func isCurrencyWord(_ text: String) -> Bool {
        let l = text.lowercased()
        return l == "rp" || l == "rp."
    }

    /// The hint for an ambiguous amount such as `1,500`: "write 1.500 or 1,5rb".
    static func ambiguityHint(_ text: String) -> String {
        // Digits and separators of the number, without `Rp` and a suffix.
        var u = Array(text.utf8)
        var i = 0
        while i < u.count, !isDigit(u[i]) { i += 1 }
        u.removeFirst(i)
        var suffix = ""
        var end = u.count
        while end > 0, isLetter(u[end - 1]) { end -= 1 }
        if end < u.count { suffix = String(decoding: u[end...], as: UTF8.self).lowercased() }
        u.removeLast(u.count - end)
        let groups = u.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
            .map { String(decoding: $0, as: UTF8.self) }
        guard groups.count >= 2, groups.allSatisfy({ !$0.isEmpty }) else {
            return "write whole rupiah with dots between thousands, e.g. 1.500, or a decimal comma before rb/jt, e.g. 1,5rb"
        }
        if !suffix.isEmpty {
            // `1.500rb`: a decimal point, or thousands?
            let whole = groups.dropLast().joined(separator: ".")
            return "write \(whole),\(groups.last!)\(suffix) or \(groups.joined())\(suffix)"
        }
        // Commas written for thousands: `1,500` or `1,500,000`.
        let digits = groups.joined()
        var value: UInt64 = 0
        for c in digits.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { return "write \(groups.joined(separator: "."))" }
            value = a
        }
        let dotted = grouped(value)
        let short: String
        if value >= 1_000_000_000 { short = shortForm(value, 1_000_000_000, "miliar") }
        else if value >= 1_000_000 { short = shortForm(value, 1_000_000, "jt") }
        else { short = shortForm(value, 1_000, "rb") }
        return "write \(dotted) or \(short)"
    }

    private static func shortForm(_ v: UInt64, _ unit: UInt64, _ name: String) -> String {
        let whole = v / unit
        var frac = String(v % unit)
        if frac == "0" { return "\(whole)\(name)" }
        let width = String(unit).count - 1
        frac = String(repeating: "0", count: width - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return "\(whole),\(frac)\(name)"
    }

    // MARK: - the byte-level parser

    enum Failure: Error { case bad, ambiguous, fractional, overflow, negative }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }

    /// Multiplier exponent (power of ten) of a suffix, lowercased ASCII.
    static func suffixExponent(_ s: ArraySlice<UInt8>) -> Int? {
        switch String(decoding: s, as: UTF8.self).lowercased() {
        case "rb", "ribu", "k": return 3
        case "jt", "juta": return 6
        case "miliar", "milyar": return 9
        default: return nil
        }
    }

    /// Digits to a value; nil on overflow.
    static func value(_ d: ArraySlice<UInt8>) -> Int64? {
        var v: Int64 = 0
        for c in d {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            if o1 { return nil }
            let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
            if o2 { return nil }
            v = a
        }
        return v
    }

    static func allDigits(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(isDigit) }

    /// `1.234.567` (first group 1–3 digits, then groups of exactly 3) to its digits; nil when not so grouped.
    static func ungroup(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        let groups = s.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), allDigits(first) else { return nil }
        var out = Array(first)
        for g in groups.dropFirst() {
            guard g.count == 3, allDigits(g) else { return nil }
            out.append(contentsOf: g)
        }
        return out
    }

    static func parseBytes(_ all: ArraySlice<UInt8>) -> Result<Int64, Failure> {
        var s = all
        // Surrounding spaces (a quoted "Rp 18.944.500").
        while let c = s.first, c == 32 || c == 9 { s = s.dropFirst() }
        while let c = s.last, c == 32 || c == 9 { s = s.dropLast() }
        var negative = false
        if s.first == UInt8(ascii: "-") { negative = true; s = s.dropFirst() }
        // `Rp`, `Rp.` prefix, optionally followed by spaces.
        if s.count >= 2, s[s.startIndex] | 0x20 == UInt8(ascii: "r"), s[s.startIndex + 1] | 0x20 == UInt8(ascii: "p") {
            s = s.dropFirst(2)
            if s.first == UInt8(ascii: ".") { s = s.dropFirst() }
            while let c = s.first, c == 32 || c == 9 { s = s.dropFirst() }
        }
        if !negative, s.first == UInt8(ascii: "-") { negative = true; s = s.dropFirst() }
        guard let f = s.first, isDigit(f) else { return .failure(.bad) }

        let result = parseNumber(s)
        if negative, case .success = result { return .failure(.negative) }
        return result
    }

    /// The number after any `Rp`: starts with a digit.
    static func parseNumber(_ input: ArraySlice<UInt8>) -> Result<Int64, Failure> {
        var s = input
        // Suffix letters at the end.
        var end = s.endIndex
        while end > s.startIndex, isLetter(s[end - 1]) { end -= 1 }
        if end < s.endIndex {
            guard let exp = suffixExponent(s[end...]) else { return .failure(.bad) }
            return parseScaled(s[..<end], exponent: exp)
        }
        // `,-`, `.-`, `,00` at the end: whole rupiah written like on a price tag.
        if s.count >= 2, s.last == UInt8(ascii: "-"),
           s[s.endIndex - 2] == UInt8(ascii: ",") || s[s.endIndex - 2] == UInt8(ascii: ".") {
            s = s.dropLast(2)
        } else if s.count >= 3, s.suffix(3).elementsEqual(",00".utf8) {
            s = s.dropLast(3)
        }
        guard let f = s.first, isDigit(f) else { return .failure(.bad) }
        let hasComma = s.contains(UInt8(ascii: ","))
        let hasDot = s.contains(UInt8(ascii: "."))
        if !hasComma && !hasDot {
            guard allDigits(s) else { return .failure(.bad) }
            return value(s).map { .success($0) } ?? .failure(.overflow)
        }
        if !hasComma {
            if let digits = ungroup(s) {
                return value(digits[...]).map { .success($0) } ?? .failure(.overflow)
            }
            // `12.5`, `12.50`: a decimal point.
            let parts = s.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if parts.count == 2, allDigits(parts[0]), allDigits(parts[1]) { return .failure(.fractional) }
            return .failure(.bad)
        }
        // A comma that is not `,-`/`,00`.
        let parts = s.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let intPart = parts[0]
        let intOK = allDigits(intPart) || ungroup(intPart) != nil
        if parts.count >= 2, intOK, parts.dropFirst().allSatisfy({ $0.count == 3 && allDigits($0) }),
           !intPart.contains(UInt8(ascii: ".")) {
            return .failure(.ambiguous)     // `1,500`, `1,500,000`: commas for thousands
        }
        if parts.count == 2, intOK, allDigits(parts[1]) { return .failure(.fractional) }   // `1,5`, `1.500,50`
        return .failure(.bad)
    }

    /// A number before a suffix worth 10^exponent: `25`, `1,5`, `1.5`, `1.500.000`, `1.500,5`.
    static func parseScaled(_ s: ArraySlice<UInt8>, exponent: Int) -> Result<Int64, Failure> {
        guard let f = s.first, isDigit(f) else { return .failure(.bad) }
        var whole: [UInt8]
        var frac: ArraySlice<UInt8> = []
        let commas = s.lazy.filter { $0 == UInt8(ascii: ",") }.count
        let dots = s.lazy.filter { $0 == UInt8(ascii: ".") }.count
        if commas == 0 && dots == 0 {
            guard allDigits(s) else { return .failure(.bad) }
            whole = Array(s)
        } else if commas == 1 {
            let i = s.firstIndex(of: UInt8(ascii: ","))!
            let w = s[..<i]
            frac = s[(i + 1)...]
            guard allDigits(frac) else { return .failure(.bad) }
            if allDigits(w) { whole = Array(w) } else if let g = ungroup(w) { whole = g } else { return .failure(.bad) }
        } else if commas == 0 && dots == 1 {
            let i = s.firstIndex(of: UInt8(ascii: "."))!
            let w = s[..<i]
            frac = s[(i + 1)...]
            guard allDigits(w), allDigits(frac) else { return .failure(.bad) }
            // `1.500rb`: 1,5rb or 1500rb? Refuse to guess.
            if frac.count == 3 { return .failure(.ambiguous) }
            whole = Array(w)
        } else if commas == 0, let g = ungroup(s) {
            whole = g
        } else {
            return .failure(.bad)
        }
        // Fraction: drop trailing zeros; more places than the suffix has zeros is a fraction of a rupiah.
        while frac.last == UInt8(ascii: "0") { frac = frac.dropLast() }
        if frac.count > exponent { return .failure(.fractional) }
        var scale: Int64 = 1
        for _ in 0..<exponent { scale *= 10 }
        guard let w = value(whole[...]) else { return .failure(.overflow) }
        let (a, o1) = w.multipliedReportingOverflow(by: scale)
        if o1 { return .failure(.overflow) }
        var fv: Int64 = 0
        if !frac.isEmpty {
            fv = value(frac)!  // at most 9 digits
            for _ in 0..<(exponent - frac.count) { fv *= 10 }
        }
        let (t, o2) = a.addingReportingOverflow(fv)
        if o2 { return .failure(.overflow) }
        return .success(t)
    }
}

extension Problem {
    /// The same money problem about another spelling (used when `Rp` is a separate word).
    func withMoneyText(_ t: String) -> Problem {
        switch self {
        case .badMoney: return .badMoney(t)
        case .ambiguousMoney: return .ambiguousMoney(t)
        case .fractionalRupiah: return .fractionalRupiah(t)
        case .moneyOverflow: return .moneyOverflow(t)
        case .negativeMoney: return .negativeMoney(t)
        default: return self
        }
    }
}
