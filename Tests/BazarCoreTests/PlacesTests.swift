import Testing
@testable import BazarCore

/// Jakarta's places shipped with bazar, and what the session does with them.
@Suite struct PlacesTests {
    /// The official counts: kecamatan and kelurahan per kota/kabupaten (Permendagri 72/2019).
    static let perKota: [(kota: String, kecamatan: Int, kelurahan: Int)] = [
        ("Jakarta Pusat", 8, 44), ("Jakarta Utara", 6, 31), ("Jakarta Barat", 8, 56),
        ("Jakarta Selatan", 10, 65), ("Jakarta Timur", 10, 65), ("Kepulauan Seribu", 2, 6),
    ]

    /// Kelurahan per kecamatan, as the list of each kota's offices has them.
    static let perKecamatan: [String: Int] = [
        "Gambir": 6, "Sawah Besar": 5, "Kemayoran": 8, "Senen": 6, "Cempaka Putih": 3, "Menteng": 5, "Tanah Abang": 7, "Johar Baru": 4,
        "Penjaringan": 5, "Pademangan": 3, "Tanjung Priok": 7, "Koja": 6, "Kelapa Gading": 3, "Cilincing": 7,
        "Cengkareng": 6, "Grogol Petamburan": 7, "Taman Sari": 8, "Tambora": 11, "Kebon Jeruk": 7, "Kalideres": 5, "Palmerah": 6,
        "Kembangan": 6,
        "Kebayoran Baru": 10, "Kebayoran Lama": 6, "Pesanggrahan": 5, "Cilandak": 5, "Pasar Minggu": 7, "Jagakarsa": 6,
        "Mampang Prapatan": 5, "Pancoran": 6, "Tebet": 7, "Setiabudi": 8,
        "Matraman": 6, "Pulo Gadung": 7, "Jatinegara": 8, "Duren Sawit": 7, "Kramat Jati": 7, "Makasar": 5, "Pasar Rebo": 5,
        "Ciracas": 5, "Cipayung": 8, "Cakung": 7,
        "Kepulauan Seribu Utara": 3, "Kepulauan Seribu Selatan": 3,
    ]

    @Test func theListHoldsSixKotaFortyFourKecamatanAndTwoHundredSixtySevenKelurahan() {
        #expect(Places.kota == Self.perKota.map(\.kota))
        #expect(Places.kecamatan.count == 44)
        #expect(Places.kelurahan.count == 267)
        for (kota, kecamatan, kelurahan) in Self.perKota {
            let ks = Places.kecamatanOfKota[kota] ?? []
            #expect(ks.count == kecamatan, "\(kota)")
            #expect(ks.map { Places.kelurahanOfKecamatan[$0]?.count ?? 0 }.reduce(0, +) == kelurahan, "\(kota)")
        }
    }

    @Test func everyKecamatanHasItsOfficialNumberOfKelurahan() {
        #expect(Set(Places.kecamatan) == Set(Self.perKecamatan.keys))
        for (kecamatan, n) in Self.perKecamatan {
            #expect(Places.kelurahanOfKecamatan[kecamatan]?.count == n, "\(kecamatan)")
        }
    }

    @Test func noNameIsRepeatedWithinALevelEvenWrittenDifferently() {
        for names in [Places.kota, Places.kecamatan, Places.kelurahan] {
            #expect(Set(names.map(Places.key)).count == names.count)
        }
    }

    @Test(arguments: [
        ("kota", "jakarta pusat", "Jakarta Pusat"), ("kota", "JAKARTA  SELATAN", "Jakarta Selatan"),
        ("kota", "Kota Administrasi Jakarta Timur", "Jakarta Timur"), ("kota", "Jakbar", "Jakarta Barat"),
        ("kota", "Kab. Adm. Kepulauan Seribu", "Kepulauan Seribu"),
        ("kecamatan", "tanah abang", "Tanah Abang"), ("kecamatan", "TanahAbang", "Tanah Abang"),
        ("kecamatan", "Kec. Menteng", "Menteng"), ("kecamatan", "pulogadung", "Pulo Gadung"),
        ("kelurahan", "rawa sari", "Rawasari"), ("kelurahan", "Kel. Cikini", "Cikini"), ("kelurahan", "Kota Bambu Utara", "Kota Bambu Utara"),
    ])
    func aVariantOfAnOfficialNameFindsItsOfficialSpelling(level: String, written: String, official: String) {
        let found: String? = switch level {
        case "kota": Places.officialKota(written)
        case "kecamatan": Places.officialKecamatan(written)
        default: Places.officialKelurahan(written)
        }
        #expect(found == official)
    }

    @Test func aTypoGetsTheClosestOfficialName() {
        #expect(Places.closest("Mentang", level: "kecamatan", within: "Jakarta Pusat") == "Menteng")
        #expect(Places.closest("Kebayoran Lam", level: "kecamatan") == "Kebayoran Lama")
        #expect(Places.closest("Cikinni", level: "kelurahan", within: "Menteng") == "Cikini")
        #expect(Places.closest("Bekasi Timur", level: "kecamatan") == nil)
    }

    @Test func theIssuesWarningForMentang() {
        let r = PlaceCheck.check(given: ["kota": "Jakarta Pusat", "kecamatan": "Mentang"])
        #expect(r.warnings.map(\.message) == ["kecamatan 'Mentang' is not a kecamatan of Jakarta Pusat: did you mean 'Menteng'?"])
        #expect(r.values["kecamatan"] == nil)   // kept as written
        let id = Language.id.speaking { PlaceCheck.check(given: ["kota": "Jakarta Pusat", "kecamatan": "Mentang"]) }
        #expect(id.warnings.map(\.message) == ["kecamatan 'Mentang' tidak terdapat di Jakarta Pusat: maksud Anda 'Menteng'?"])
    }

    @Test func aKecamatanWithoutItsKotaFillsInTheKotaAndAKelurahanBoth() {
        let k = PlaceCheck.check(given: ["kecamatan": "menteng"])
        #expect(k.values == ["kecamatan": "Menteng", "kota": "Jakarta Pusat"])
        #expect(k.filled == ["kota"] && k.warnings.isEmpty)
        let l = PlaceCheck.check(given: ["kelurahan": "kalibata"])
        #expect(l.values == ["kelurahan": "Kalibata", "kecamatan": "Pancoran", "kota": "Jakarta Selatan"])
        // Editing: the kota already stored is not filled again.
        let e = PlaceCheck.check(given: ["kecamatan": "Koja"], known: ["kota": "Jakarta Utara"])
        #expect(e.values == ["kecamatan": "Koja"] && e.filled.isEmpty)
    }

    @Test func aPlaceOutsideJakartaIsKeptWithAWarningAndAKecamatanOfAnotherKotaToo() {
        let b = PlaceCheck.check(given: ["kota": "Bekasi"])
        #expect(b.values.isEmpty)
        #expect(b.warnings.map(\.message) == ["kota 'Bekasi' is not a kota of DKI Jakarta"])
        let k = PlaceCheck.check(given: ["kota": "Jakarta Pusat", "kecamatan": "koja"])
        #expect(k.values == ["kota": "Jakarta Pusat", "kecamatan": "Koja"])
        #expect(k.warnings.map(\.message) == ["kecamatan 'Koja' is in Jakarta Utara, not in Jakarta Pusat"])
    }
}
