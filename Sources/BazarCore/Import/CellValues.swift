/// Reading an order line's cells: quantities, money (numbers, or text in either seller-centre language) and dates
/// (text, or Excel's date numbers). Each failure says what the cell holds; the importer adds where it is.
enum CellValues {
    struct Bad: Error {
        var message: String
        var hint: String?
    }

    /// A quantity: a whole number of at least 1 (`3`, `3.0` from a spreadsheet number).
    static func quantity(_ cell: SheetCell) throws -> Int64 {
        if let n = digitsOnly(cell.text), n >= 1 { return n }
        var t = cell.text.trimmedOf(" \u{A0}")
        if cell.isNumber, let dot = t.firstIndex(of: "."), t[t.index(after: dot)...].allSatisfy({ $0 == "0" }) { t = String(t[..<dot]) }
        // Thousands marks: `1.000` units of a product is possible in a text cell.
        if !cell.isNumber, t.contains("."), isGrouped(t, mark: ".") { t.removeAll { $0 == "." } }
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int64(t) else {
            throw Bad(message: "'\(cell.text.prefix(60))' is not a quantity", hint: "a quantity is a whole number of units, e.g. 3")
        }
        guard n >= 1 else { throw Bad(message: "the quantity is \(n)", hint: "an order line is of one unit or more") }
        return n
    }

    /// Money in whole rupiah: `150000`, `150.000`, `150,000`, `Rp150.000`, `Rp 150.000,00`, `IDR 150,000.00`.
    /// A mark followed by groups of exactly three digits groups thousands; a last mark followed by one or two
    /// zeros is a decimal mark (`,00`); anything else is refused rather than guessed.
    static func money(_ cell: SheetCell) throws -> Int64 {
        if let n = digitsOnly(cell.text) { return n }
        var t = Substring(cell.text.trimmedOf(" \u{A0}"))
        let shown = "'\(cell.text.prefix(60))'"
        if t.hasPrefix("-") { throw Bad(message: "\(shown) is negative", hint: "an order line's amount is zero or more") }
        for prefix in ["Rp.", "Rp", "RP", "rp", "IDR"] where t.hasPrefix(prefix) {
            t = t.dropFirst(prefix.count)
            break
        }
        t = Substring(String(t).trimmedOf(" \u{A0}"))
        if t.hasSuffix(",-") { t = t.dropLast(2) }
        if cell.isNumber {
            // A spreadsheet number: `150000`, `150000.0`; a fraction of a rupiah or an exponent is refused.
            if let dot = t.firstIndex(of: "."), t[t.index(after: dot)...].allSatisfy({ $0 == "0" }) { t = t[..<dot] }
        } else if let last = t.lastIndex(where: { $0 == "." || $0 == "," }) {
            let tail = t[t.index(after: last)...]
            if (tail.count == 1 || tail.count == 2) && tail.allSatisfy({ $0 == "0" }) {
                t = t[..<last]
            }
            if t.contains(".") || t.contains(",") {
                let mark: Character = t.contains(".") ? "." : ","
                guard isGrouped(String(t), mark: mark) else {
                    if t.contains(".") && t.contains(",") || !t.allSatisfy({ $0.isNumber || $0 == mark }) {
                        throw Bad(message: "\(shown) is not an amount of money", hint: "write e.g. 150000, 150.000 or 150,000")
                    }
                    throw Bad(message: "\(shown): rupiah amounts are whole numbers", hint: "write e.g. 150000, 150.000 or 150,000")
                }
                t.removeAll { $0 == mark }
            }
        }
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw Bad(message: "\(shown) is not an amount of money", hint: "write e.g. 150000, 150.000 or 150,000")
        }
        guard let v = Int64(t) else { throw Bad(message: "\(shown) is too large", hint: "amounts go up to Rp 9.223.372.036.854.775.807") }
        return v
    }

    /// `1.234.567`: digits in groups of three after the first, separated by `mark`.
    static func isGrouped(_ t: String, mark: Character) -> Bool {
        let parts = t.split(separator: mark, omittingEmptySubsequences: false)
        guard parts.count > 1, let first = parts.first, (1...3).contains(first.count) else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCIIDigitChar) } && parts.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A date: an Excel date number (a cell stored as a number), or text `23-09-2021 14:05:11`, `23/09/2021`,
    /// `2021-09-23 14:05`, `2021-09-23T14:05:11+07:00`. A time is dropped: a sale has a day.
    /// A whole number written with digits only (the common case, read without allocating), else nil.
    static func digitsOnly(_ t: String) -> Int64? {
        var n: Int64 = 0
        var count = 0
        for c in t.utf8 {
            guard c >= 48 && c <= 57, count < 18 else { return nil }
            n = n * 10 + Int64(c - 48)
            count += 1
        }
        return count == 0 ? nil : n
    }

    /// `YYYY-MM-DD` at the start of the text (an ISO date, perhaps with a time after it), read byte by byte.
    static func isoDay(_ t: String) -> Day? {
        var b = t.utf8.makeIterator()
        var v = [Int](repeating: 0, count: 3)
        for (i, width) in [4, 2, 2].enumerated() {
            for _ in 0..<width {
                guard let c = b.next(), c >= 48 && c <= 57 else { return nil }
                v[i] = v[i] * 10 + Int(c - 48)
            }
            if i < 2 { guard b.next() == 45 else { return nil } }
        }
        if let c = b.next(), c != 32 && c != 84 { return nil }   // then nothing, a space or `T`
        return Day(year: v[0], month: v[1], day: v[2])
    }

    static func date(_ cell: SheetCell, dayFirst: Bool) throws -> Day {
        if !cell.isNumber, let d = isoDay(cell.text) { return d }
        let t = cell.text.trimmedOf(" \u{A0}")
        let bad = Bad(message: "'\(cell.text.prefix(60))' is not a date", hint: "dates are read as 23-09-2021, 23/09/2021, 2021-09-23 (a time after them is fine)")
        if cell.isNumber {
            // Days since 1899-12-30 (Excel's 1900 date system, whose false 29 February 1900 is before any order).
            guard let serial = Double(t), serial >= 1, serial < 2_958_466 else { throw bad }
            return Day(year: 1899, month: 12, day: 30)!.adding(days: Int(serial.rounded(.down)))
        }
        let datePart = t.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        let parts = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map { Int($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else { throw bad }
        var day: Day?
        if datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })[0].count == 4 {
            day = Day(year: a, month: b, day: c)
        } else if (1000...9999).contains(c) {
            // Day first, as Indonesia writes dates; a US month-first date shows itself by a "day" above 12.
            day = (dayFirst && !(a <= 12 && b > 12)) ? Day(year: c, month: b, day: a) : Day(year: c, month: a, day: b)
        }
        guard let day else { throw bad }
        return day
    }
}

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

extension String {
    /// Trims the given characters from both ends.
    func trimmedOf(_ set: String) -> String {
        // Nearly every cell has nothing to trim: its first and last bytes say so without walking Characters.
        if let first = utf8.first, let last = utf8.last, first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        if isEmpty { return self }
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
