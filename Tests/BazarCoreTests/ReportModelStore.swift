// Jakarta's list of places is data, not report logic: the model reads it too (official spellings, SPEC section 9).
import enum BazarCore.Places

/// A random valid store as plain rows (what the reference model reads) and as the bazar script that makes it
/// (what bazar reads). Nothing here comes from BazarCore: dates and money spellings are written out by hand.

/// A calendar day as (year, month, day), with its ordinal for arithmetic (days since 1970-01-01).
struct MDay: Comparable, Hashable {
    let y: Int, m: Int, d: Int

    var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(_ y: Int, _ m: Int, _ d: Int) { self.y = y; self.m = m; self.d = d }

    init(ordinal z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        d = doy - (153 * mp + 2) / 5 + 1
        m = mp < 10 ? mp + 3 : mp - 9
        y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    }

    func plus(_ n: Int) -> MDay { MDay(ordinal: ordinal + n) }
    static func < (a: MDay, b: MDay) -> Bool { a.ordinal < b.ordinal }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var iso: String { "\(y)-\(MDay.two(m))-\(MDay.two(d))" }
    var monthKey: String { "\(y)-\(MDay.two(m))" }

    static let indonesian = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    static let english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// One of the spellings of SPEC section 1.
    func spelled(_ rng: inout FuzzRNG) -> String {
        switch rng.int(0..<4) {
        case 0: return iso
        case 1: return "\(d)/\(m)/\(y)"
        case 2: return "\(d) \(MDay.indonesian[m - 1]) \(y)"
        default: return "\(d) \(MDay.english[m - 1]) \(y)"
        }
    }
}

/// An amount in one of bazar's spellings (SPEC section 1); the value is what it means.
enum MMoney {
    static func grouped(_ n: Int64) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return out
    }

    /// A random amount and a spelling of it.
    static func random(_ rng: inout FuzzRNG, small: Bool = false) -> (Int64, String) {
        switch rng.int(0..<13) {
        case 0: let n = Int64(rng.int(0...99_999_999)); return (n, String(n))
        case 1: let n = Int64(rng.int(1_000...99_999_999)); return (n, grouped(n))
        case 2: let n = Int64(rng.int(1...9_999_999)); return (n, "Rp " + grouped(n))
        case 3: let n = Int64(rng.int(1...9_999_999)); return (n, "Rp" + grouped(n))
        case 4: let n = Int64(rng.int(1...9_999_999)); return (n, "Rp " + grouped(n) + ",-")
        case 5: let n = Int64(rng.int(1...9_999_999)); return (n, "Rp " + grouped(n) + ",00")
        case 6: let k = Int64(rng.int(1...999)); return (k * 1000, "\(k)rb")
        case 7: let k = Int64(rng.int(1...999)); return (k * 1000, "\(k)ribu")
        case 8: let k = Int64(rng.int(1...999)); return (k * 1000, "\(k)k")
        case 9: let a = rng.int(1...20), b = rng.int(1...9); return (Int64(a) * 1_000_000 + Int64(b) * 100_000, "\(a),\(b)jt")
        case 10: let a = rng.int(1...20), b = rng.int(1...9); return (Int64(a) * 1_000_000 + Int64(b) * 100_000, "\(a).\(b)jt")
        case 11: let a = rng.int(1...20), b = rng.int(1...9); return (Int64(a) * 1_000_000 + Int64(b) * 100_000, "\(a),\(b)juta")
        default:
            if small { let k = Int64(rng.int(1...99)); return (k * 1000, "\(k)rb") }
            let a = rng.int(0...3), b = rng.int(1...9); return (Int64(a) * 1_000_000_000 + Int64(b) * 100_000_000, "\(a),\(b)miliar")
        }
    }
}

struct MParticipant { var id: String; var name: String?; var kota: String?; var kecamatan: String?; var category: String? }
struct MProduct { var participant: Int; var id: String; var name: String?; var category: String?; var price: Int64? }
struct MEvent { var id: String; var name: String?; var program: String?; var mode: String; var start: MDay; var end: MDay; var target: Int64? }
/// A stall and its listings, in the order they were made (by `add stall … products` or by a sale).
struct MStall { var event: Int; var participant: Int; var listed: [Int] }
struct MSale {
    var event: Int; var participant: Int; var product: Int?; var day: MDay
    var qty: Int64; var amount: Int64; var channel: String; var buyer: String?; var void = false
}

/// A generated store: the rows and the script.
struct MStore {
    var participants: [MParticipant] = []
    var products: [MProduct] = []
    var events: [MEvent] = []
    var stalls: [MStall] = []
    var sales: [MSale] = []
    var script: [String] = []

    func stall(event: Int, participant: Int) -> Int? { stalls.firstIndex { $0.event == event && $0.participant == participant } }

    static func quoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? s
            : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// One of a few values, spelled with varying case (so that grouping and filters must fold case).
    static func variant(_ rng: inout FuzzRNG, _ values: [String]) -> String {
        let v = rng.pick(values)
        switch rng.int(0..<4) {
        case 0: return v.uppercased()
        case 1: return v.lowercased()
        default: return v
        }
    }

    static let kotas = ["Jakarta Barat", "Jakarta Pusat", "Jakarta Utara", "Kué Kota"]
    static let kecamatans = ["Menteng", "Gambir", "Palmerah", "Senen"]
    static let categories = ["kuliner", "minuman", "Fesyen", "kriya"]
    static let programs = ["BORJU", "JBL", "Jakpreneur"]
    static let buyers = ["Bekasi", "Surabaya", "Jakarta Selatan", "Depok"]

    /// A random valid store: events of all modes over month and year ends, stalls with unsold listings,
    /// stalls made by their first sale, whole-stall sales, voids, every money and date spelling.
    static func random(_ rng: inout FuzzRNG) -> MStore {
        var s = MStore()
        for i in 0..<rng.int(2...6) {
            var p = MParticipant(id: "p\(i)")
            var line = "add participant p\(i)"
            if rng.chance(0.7) { p.name = "Usaha \(i) \"Ibu\""; line += " name \(quoted(p.name!))" }
            if rng.chance(0.8) { p.kota = variant(&rng, kotas); line += " kota \(quoted(p.kota!))" }
            if rng.chance(0.7) { p.kecamatan = variant(&rng, kecamatans); line += " kecamatan \(quoted(p.kecamatan!))" }
            if rng.chance(0.8) { p.category = variant(&rng, categories); line += " category \(quoted(p.category!))" }
            // Jakarta's places (SPEC section 9): stored in their official spelling; a kecamatan without its kota fills it in.
            p.kota = p.kota.map { Places.officialKota($0) ?? $0 }
            p.kecamatan = p.kecamatan.map { Places.officialKecamatan($0) ?? $0 }
            if p.kota == nil, let k = p.kecamatan { p.kota = Places.kotaOfKecamatan[k] }
            s.participants.append(p)
            s.script.append(line)
            for j in 0..<rng.int(0...3) {
                var pr = MProduct(participant: i, id: "x\(j)")
                var line = "add product p\(i)/x\(j)"
                if rng.chance(0.6) { pr.name = "Produk \(i)-\(j)"; line += " name \(quoted(pr.name!))" }
                if rng.chance(0.4) { pr.category = variant(&rng, categories); line += " category \(quoted(pr.category!))" }
                if rng.chance(0.8) {
                    let (v, text) = MMoney.random(&rng, small: true)
                    pr.price = v; line += " price \(text)"
                }
                s.products.append(pr)
                s.script.append(line)
            }
        }
        // Event starts near month and year ends, a leap day, and ordinary days.
        let starts = [MDay(2023, 12, 30), MDay(2024, 1, 31), MDay(2024, 2, 28), MDay(2024, 3, 31), MDay(2024, 6, 15),
                      MDay(2024, 12, 31), MDay(2025, 2, 27), MDay(2023, 11, 30), MDay(2024, 9, 1), MDay(2024, 4, 30)]
        for k in 0..<rng.int(1...5) {
            let start = rng.pick(starts).plus(rng.int(-1...1))
            let days = rng.int(1...4)
            var e = MEvent(id: "e\(k)", mode: rng.pick(["online", "offline", "hybrid"]), start: start, end: start.plus(days - 1))
            var line = "open event e\(k)"
            if rng.chance(0.6) { e.name = "Bazar \(k)"; line += " name \(quoted(e.name!))" }
            if rng.chance(0.8) { e.program = variant(&rng, programs); line += " program \(quoted(e.program!))" }
            line += " mode \(e.mode)"
            line += days == 1 && rng.chance(0.5) ? " on \(start.spelled(&rng))" : " from \(start.spelled(&rng)) to \(e.end.spelled(&rng))"
            if rng.chance(0.6) {
                let (v, text) = MMoney.random(&rng)
                e.target = v; line += " target \(text)"
            }
            s.events.append(e)
            s.script.append(line)
            for (pi, _) in s.participants.enumerated() where rng.chance(0.6) {
                let own = s.products.indices.filter { s.products[$0].participant == pi }
                let listed = own.filter { _ in rng.chance(0.5) }
                s.stalls.append(MStall(event: k, participant: pi, listed: listed))
                s.script.append("add stall p\(pi)" + (listed.isEmpty ? "" : " products " + listed.map { s.products[$0].id }.joined(separator: " ")))
            }
            for _ in 0..<rng.int(0...12) {
                let pi = rng.int(0..<s.participants.count)
                let own = s.products.indices.filter { s.products[$0].participant == pi }
                let day = start.plus(rng.int(0..<days))
                var sale = MSale(event: k, participant: pi, product: nil, day: day, qty: 1, amount: 0,
                                 channel: e.mode == "online" ? "online" : "offline", buyer: nil)
                var line = "add sale "
                if let prod = own.randomElement(using: &rng), rng.chance(0.8) {
                    sale.product = prod
                    sale.qty = Int64(rng.int(1...20))
                    line += "p\(pi)/\(s.products[prod].id) qty \(sale.qty)"
                    let form = rng.int(0..<3)
                    if form == 0, let price = s.products[prod].price {
                        sale.amount = sale.qty * price
                    } else if form == 1 {
                        let (v, text) = MMoney.random(&rng, small: true)
                        sale.amount = sale.qty * v; line += " price \(text)"
                    } else {
                        let (v, text) = MMoney.random(&rng)
                        sale.amount = v; line += " amount \(text)"
                    }
                } else {
                    let (v, text) = MMoney.random(&rng)
                    sale.amount = v
                    line += "p\(pi) amount \(text)"
                }
                line += rng.chance(0.5) ? " day \(day.ordinal - start.ordinal + 1)" : " date \(day.spelled(&rng))"
                if rng.chance(0.5) {
                    sale.channel = rng.pick(["online", "offline"]); line += " channel \(sale.channel)"
                }
                if rng.chance(0.6) { sale.buyer = variant(&rng, buyers); line += " buyer \(quoted(sale.buyer!))" }
                // A sale makes its stall, and lists its product, when they were not there yet.
                if let st = s.stall(event: k, participant: pi) {
                    if let prod = sale.product, !s.stalls[st].listed.contains(prod) { s.stalls[st].listed.append(prod) }
                } else {
                    s.stalls.append(MStall(event: k, participant: pi, listed: sale.product.map { [$0] } ?? []))
                }
                s.sales.append(sale)
                s.script.append(line)
            }
        }
        for n in 0..<s.sales.count where rng.chance(0.2) {
            s.sales[n].void = true
            s.script.append("void sale \(n + 1)" + (rng.chance(0.5) ? " reason \"typed twice\"" : ""))
        }
        return s
    }
}
