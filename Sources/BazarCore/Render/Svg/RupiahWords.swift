/// Rupiah the way a reader says them on a chart's axis: `Rp 18,9 jt`, `Rp 250 rb`, `Rp 3,3 M` (miliar),
/// `Rp 1,2 T` (triliun). One decimal at most, with a decimal comma; integers only, no floating point.
enum RupiahWords {
    static let units: [(Int64, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")]

    static func format(_ amount: Int64) -> String {
        let sign = amount < 0 ? "-" : ""
        let m = amount.magnitude
        for (i, (unit, word)) in units.enumerated() where m >= UInt64(unit) {
            let u = UInt64(unit)
            // Tenths of the unit, rounded half up.
            let tenths = (m / u) * 10 + ((m % u) * 10 + u / 2) / u
            // 999.960 rounds to 1.000 rb: that is Rp 1 jt.
            if tenths >= 10_000, i > 0 { return "Rp \(sign)1 \(units[i - 1].1)" }
            return "Rp \(sign)\(tenths / 10)" + (tenths % 10 == 0 ? "" : ",\(tenths % 10)") + " \(word)"
        }
        return "Rp \(sign)\(m)"
    }

    /// A step for axis ticks near `maximum / count`: 1, 2 or 5 times a power of ten.
    static func niceStep(_ maximum: Int64, count: Int64 = 5) -> Int64 {
        guard maximum > 0 else { return 1 }
        let raw = max(1, (maximum + count - 1) / count)
        var power: Int64 = 1
        while power <= raw / 10 { power *= 10 }
        for f: Int64 in [1, 2, 5] where power * f >= raw { return power * f }
        return power * 10
    }
}
