/// Checks the places a command gives (`kota`, `kecamatan`, `kelurahan` of an event or a
/// participant) against Jakarta's list:
/// - a case or spacing variant of an official name is stored in the official spelling (so
///   reports group by it);
/// - a kecamatan given without its kota fills in the kota (a kelurahan, its kecamatan and kota);
/// - a name not in the list is kept as written (businesses from Bekasi or Depok take part too),
///   with a warning naming the closest official spelling.
public struct PlaceCheck: Sendable, Equatable {
    /// The values to store, by attribute (official spellings and filled-in places).
    public var values: [String: String] = [:]
    /// Attributes filled in that the command did not give (`kota` from its kecamatan).
    public var filled: [String] = []
    public var warnings: [Warning] = []

    public struct Warning: Sendable, Equatable {
        public var attribute: String
        public var message: String
        public var hint: String
    }

    public static let attributes = ["kota", "kecamatan", "kelurahan"]

    /// `given`: the place attributes on the command; `known`: the record's current ones (for `edit`).
    public static func check(given: [String: String], known: [String: String] = [:]) -> PlaceCheck {
        var r = PlaceCheck()
        // What the record will hold once the command is applied, official spellings where they are.
        func current(_ a: String) -> String? { r.values[a] ?? given[a] ?? known[a] }
        func kept(_ suggestion: String?) -> String {
            suggestion.map { Phrase.placeKeptApart.say(["suggestion": $0]) } ?? Phrase.placeKeptOutside.say()
        }

        if let kota = given["kota"] {
            if let official = Places.officialKota(kota) {
                r.values["kota"] = official
            } else {
                let suggestion = Places.closest(kota, level: "kota")
                r.warnings.append(Warning(attribute: "kota", message: notInJakarta("kota", kota, suggestion: suggestion), hint: kept(suggestion)))
            }
        }
        let kotaNow = current("kota").flatMap(Places.officialKota)

        if let kec = given["kecamatan"] {
            if let official = Places.officialKecamatan(kec) {
                r.values["kecamatan"] = official
                let itsKota = Places.kotaOfKecamatan[official]!
                if given["kota"] == nil {
                    if known["kota"].flatMap(Places.officialKota) != itsKota {
                        r.values["kota"] = itsKota
                        r.filled.append("kota")
                    }
                } else if let kotaNow, kotaNow != itsKota {
                    r.warnings.append(Warning(attribute: "kecamatan", message: Phrase.placeInOtherPlace.say([
                        "level": "kecamatan", "value": official, "where": itsKota, "notWhere": kotaNow]), hint: Phrase.placeKeptCheck.say()))
                }
            } else {
                let suggestion = Places.closest(kec, level: "kecamatan", within: kotaNow)
                r.warnings.append(Warning(attribute: "kecamatan", message: notIn("kecamatan", kec, within: kotaNow, suggestion: suggestion),
                                          hint: kept(suggestion)))
            }
        }
        let kecNow = current("kecamatan").flatMap(Places.officialKecamatan)

        if let kel = given["kelurahan"] {
            if let official = Places.officialKelurahan(kel) {
                r.values["kelurahan"] = official
                let itsKec = Places.kecamatanOfKelurahan[official]!
                if given["kecamatan"] == nil && given["kota"] == nil {
                    if kecNow != itsKec {
                        r.values["kecamatan"] = itsKec
                        r.filled.append("kecamatan")
                    }
                    let itsKota = Places.kotaOfKecamatan[itsKec]!
                    if known["kota"].flatMap(Places.officialKota) != itsKota {
                        r.values["kota"] = itsKota
                        r.filled.append("kota")
                    }
                } else if let kecNow, kecNow != itsKec {
                    r.warnings.append(Warning(attribute: "kelurahan", message: Phrase.placeInOtherPlace.say([
                        "level": "kelurahan", "value": official, "where": itsKec, "notWhere": kecNow]), hint: Phrase.placeKeptCheck.say()))
                }
            } else {
                let suggestion = Places.closest(kel, level: "kelurahan", within: kecNow)
                r.warnings.append(Warning(attribute: "kelurahan", message: notIn("kelurahan", kel, within: kecNow, suggestion: suggestion),
                                          hint: kept(suggestion)))
            }
        }
        return r
    }

    /// `kecamatan 'Mentang' is not a kecamatan of Jakarta Pusat: did you mean 'Menteng'?`
    static func notIn(_ level: String, _ value: String, within: String?, suggestion: String?) -> String {
        guard let within else { return notInJakarta(level, value, suggestion: suggestion) }
        var s = Phrase.placeNotIn.say(["level": level, "value": value, "where": within])
        if let suggestion { s += ": " + Phrase.didYouMean.say(["suggestion": suggestion]) }
        return s
    }

    static func notInJakarta(_ level: String, _ value: String, suggestion: String?) -> String {
        var s = Phrase.placeNotInJakarta.say(["level": level, "value": value])
        if let suggestion {
            // Name the suggestion's kota when no kota is on the line.
            if level == "kecamatan", let kota = Places.kotaOfKecamatan[suggestion] {
                s += ": " + Phrase.didYouMeanIn.say(["suggestion": suggestion, "where": kota])
            } else {
                s += ": " + Phrase.didYouMean.say(["suggestion": suggestion])
            }
        }
        return s
    }
}
