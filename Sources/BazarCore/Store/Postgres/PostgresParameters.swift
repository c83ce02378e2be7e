/// SQL written once for both backends uses SQLite's parameters, `?1 ?2` (or a bare `?`, which
/// SQLite numbers one past the largest so far); PostgreSQL wants `$1 $2`. This rewrites them,
/// leaving alone what is inside 'strings', "identifiers" and comments. The store seam caches the
/// result per statement text, so it runs once per distinct statement, not once per sale.
public func postgresParameters(_ sql: String) -> String {
    var out: [UInt8] = []
    let s = Array(sql.utf8)
    out.reserveCapacity(s.count + 8)
    var i = 0
    var highest = 0
    while i < s.count {
        let c = s[i]
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            // A quoted string or identifier; a doubled quote inside it is an escaped quote.
            out.append(c)
            i += 1
            while i < s.count {
                out.append(s[i])
                if s[i] == c {
                    if i + 1 < s.count, s[i + 1] == c { out.append(c); i += 2; continue }
                    i += 1
                    break
                }
                i += 1
            }
        case UInt8(ascii: "-") where i + 1 < s.count && s[i + 1] == UInt8(ascii: "-"):
            while i < s.count, s[i] != 0x0A { out.append(s[i]); i += 1 }
        case UInt8(ascii: "/") where i + 1 < s.count && s[i + 1] == UInt8(ascii: "*"):
            out.append(contentsOf: [s[i], s[i + 1]])
            i += 2
            while i < s.count {
                if s[i] == UInt8(ascii: "*"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "/") {
                    out.append(contentsOf: [s[i], s[i + 1]])
                    i += 2
                    break
                }
                out.append(s[i])
                i += 1
            }
        case UInt8(ascii: "?"):
            i += 1
            var n = 0
            var digits = 0
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                n = n * 10 + Int(s[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            if digits == 0 { n = highest + 1 }
            highest = max(highest, n)
            out.append(UInt8(ascii: "$"))
            out.append(contentsOf: String(n).utf8)
        default:
            out.append(c)
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// SQLite's `CROSS JOIN … ON` (which fixes the join order there) as the plain join it means on PostgreSQL. On the
/// bytes, by hand: Foundation's `replacingOccurrences` goes through NSString, and its first use cost about a
/// millisecond of every report on a server.
func postgresJoins(_ sql: String) -> String {
    let from = Array(" CROSS JOIN ".utf8)
    let to = Array(" JOIN ".utf8)
    let s = Array(sql.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
        if s[i] == from[0], i + from.count <= s.count, s[i..<(i + from.count)].elementsEqual(from) {
            out.append(contentsOf: to)
            i += from.count
        } else {
            out.append(s[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
