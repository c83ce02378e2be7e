/// Lookups in Jakarta's list of places (`JakartaPlaces`): official spellings, which kota a
/// kecamatan lies in, which kecamatan a kelurahan lies in, and the closest official name to a typo.
///
/// Names are compared by `key`: letters and digits only, without case, so `tanah abang`,
/// `TANAH ABANG` and `TanahAbang` are all Tanah Abang, and `Rawa Sari` is Rawasari.
public enum Places {
    public static let kota: [String] = JakartaPlaces.list.map(\.name)
    public static let kecamatan: [String] = JakartaPlaces.list.flatMap { $0.kecamatan.map(\.name) }
    public static let kelurahan: [String] = JakartaPlaces.list.flatMap { $0.kecamatan.flatMap(\.kelurahan) }

    /// Kecamatan by kota, kelurahan by kecamatan, in the list's order.
    public static let kecamatanOfKota: [String: [String]] = Dictionary(
        uniqueKeysWithValues: JakartaPlaces.list.map { ($0.name, $0.kecamatan.map(\.name)) })
    public static let kelurahanOfKecamatan: [String: [String]] = Dictionary(
        uniqueKeysWithValues: JakartaPlaces.list.flatMap(\.kecamatan).map { ($0.name, $0.kelurahan) })
    /// The kota of each kecamatan; the kecamatan of each kelurahan (a name is never repeated in one level).
    public static let kotaOfKecamatan: [String: String] = Dictionary(
        uniqueKeysWithValues: JakartaPlaces.list.flatMap { k in k.kecamatan.map { ($0.name, k.name) } })
    public static let kecamatanOfKelurahan: [String: String] = Dictionary(
        JakartaPlaces.list.flatMap(\.kecamatan).flatMap { k in k.kelurahan.map { ($0, k.name) } }, uniquingKeysWith: { a, _ in a })

    private static let kotaByKey: [String: String] = {
        var d = Dictionary(uniqueKeysWithValues: kota.map { (key($0), $0) })
        for (alias, name) in JakartaPlaces.kotaAliases { d[alias] = name }
        return d
    }()
    private static let kecamatanByKey = Dictionary(kecamatan.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
    private static let kelurahanByKey = Dictionary(kelurahan.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })

    /// Letters and digits only, lowercased: how names are compared.
    public static func key(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// What officers put before a name (`Kota Administrasi Jakarta Pusat`, `Kec. Menteng`), as keys.
    private static let prefixes: [String: [String]] = [
        "kota": ["kotaadministrasi", "kotaadm", "kota", "kabupatenadministrasi", "kabadministrasi", "kabadm", "kabupaten", "kab"],
        "kecamatan": ["kecamatan", "kec"],
        "kelurahan": ["kelurahan", "kel"],
    ]

    private static func find(_ value: String, level: String, in table: [String: String]) -> String? {
        let k = key(value)
        if let found = table[k] { return found }
        for p in prefixes[level] ?? [] where k.hasPrefix(p) && k.count > p.count {
            if let found = table[String(k.dropFirst(p.count))] { return found }
        }
        return nil
    }

    /// The official spelling of a kota of DKI Jakarta, or nil when it is not one.
    public static func officialKota(_ value: String) -> String? { find(value, level: "kota", in: kotaByKey) }
    public static func officialKecamatan(_ value: String) -> String? { find(value, level: "kecamatan", in: kecamatanByKey) }
    public static func officialKelurahan(_ value: String) -> String? { find(value, level: "kelurahan", in: kelurahanByKey) }

    /// The official names of a level (`kota`, `kecamatan`, `kelurahan`), those inside `within` first
    /// (a kota's kecamatan, a kecamatan's kelurahan) when it is given.
    public static func names(_ level: String, within: String? = nil) -> (inside: [String], all: [String]) {
        switch level {
        case "kota": return ([], kota)
        case "kecamatan": return (within.flatMap { kecamatanOfKota[$0] } ?? [], kecamatan)
        case "kelurahan": return (within.flatMap { kelurahanOfKecamatan[$0] } ?? [], kelurahan)
        default: return ([], [])
        }
    }

    /// The official name closest to a typo: first among those inside `within`, then all of the level.
    public static func closest(_ value: String, level: String, within: String? = nil) -> String? {
        let (inside, all) = names(level, within: within)
        return Suggest.closest(to: value, among: inside) ?? Suggest.closest(to: value, among: all)
    }
}
