import Foundation
import Testing
@testable import BazarCore

/// bazar in Bahasa Indonesia (SPEC section 9), end to end: the golden scripts and their errors in
/// Indonesian (`Tests/Golden/NAME.id.stdout` …), the choice of language, JSON the same in both
/// languages, and no English sentence of the catalogue in Indonesian output.
@Suite struct IndonesianTests {
    static let golden = GoldenTests.directory

    /// Re-record after an intended change with `BAZAR_RECORD_GOLDEN=1 scripts/test --filter IndonesianTests`.
    @Test(arguments: GoldenTests.scripts)
    func goldenScriptPrintsWhatItDidInIndonesian(_ name: String) throws {
        let base = String(name.dropLast(".bazar".count))
        let r = try Bazar.run(["--memory", "--lang", "id", name], environment: ["NO_COLOR": "1"], directory: Self.golden)
        let file = { (ext: String) in Self.golden.appendingPathComponent("\(base).id.\(ext)") }
        if ProcessInfo.processInfo.environment["BAZAR_RECORD_GOLDEN"] == "1" {
            try r.stdout.write(to: file("stdout"), atomically: true, encoding: .utf8)
            try r.stderr.write(to: file("stderr"), atomically: true, encoding: .utf8)
            try "\(r.status)\n".write(to: file("status"), atomically: true, encoding: .utf8)
            return
        }
        let expected = { (ext: String) in try? String(contentsOf: file(ext), encoding: .utf8) }
        #expect(expected("stdout") != nil, "no \(base).id.stdout: record it with BAZAR_RECORD_GOLDEN=1 and read it through")
        #expect(r.stdout == expected("stdout"), "stdout of \(name) in Indonesian")
        #expect(r.stderr == expected("stderr"), "stderr of \(name) in Indonesian")
        #expect("\(r.status)\n" == expected("status"), "exit status of \(name) in Indonesian")
        // The same exit status as in English: the language changes words, never outcomes.
        #expect(expected("status") == (try? String(contentsOf: Self.golden.appendingPathComponent("\(base).status"), encoding: .utf8)))
    }

    @Test func langIdOnAMachineWithoutThatLocaleStillSpeaksIndonesian() throws {
        // `locale -a` here has C and C.UTF-8 only: the variable is read, setlocale is not asked.
        for env in [["LANG": "id_ID.UTF-8"], ["LC_ALL": "id_ID"], ["LC_MESSAGES": "id_ID.UTF-8", "LANG": "C"]] {
            let r = try Bazar.run(["--memory", "-c", "add sale x"], environment: env.merging(["BAZAR_LANG": ""]) { a, _ in a })
            #expect(r.stderr.hasPrefix("kesalahan: belum ada acara yang dibuka"), "\(env): \(r.stderr)")
        }
        // $BAZAR_LANG wins over the locale, --lang over both; English otherwise.
        #expect(try Bazar.run(["--memory", "-c", "add sale x"], environment: ["BAZAR_LANG": "en", "LANG": "id_ID.UTF-8"]).stderr.hasPrefix("error: no event is open"))
        #expect(try Bazar.run(["--lang", "en", "--memory", "-c", "add sale x"], environment: ["BAZAR_LANG": "id"]).stderr.hasPrefix("error:"))
        #expect(try Bazar.run(["--lang=id", "--memory", "-c", "add sale x"]).stderr.hasPrefix("kesalahan:"))
        #expect(try Bazar.run(["--memory", "-c", "add sale x"], environment: ["BAZAR_LANG": "", "LANG": "C.UTF-8"]).stderr.hasPrefix("error:"))
        let bad = try Bazar.run(["--lang", "jv", "--memory"])
        #expect(bad.status == 2 && bad.stderr.contains("--lang takes id or en, not 'jv'"))
    }

    @Test func setLanguageSwitchesAndAloneSaysWhichIsSpoken() throws {
        let r = try Bazar.run(["--memory", "-c", "set language", "-c", "set language id", "-c", "set language", "-c", "add sale x"])
        #expect(r.stdout == "language: en (English); 'set language id' for Bahasa Indonesia\n"
            + "bahasa: id (Bahasa Indonesia); 'set language en' untuk bahasa Inggris\n")
        #expect(r.stderr.hasPrefix("kesalahan: belum ada acara yang dibuka"))
        // In a script, from the next line on.
        let s = try Bazar.run(["--memory"], stdin: "set language id\nadd sale x\n")
        #expect(s.stderr.hasPrefix("<stdin>:2:1: kesalahan: belum ada acara yang dibuka") || s.stderr.contains("kesalahan: belum ada acara"))
    }

    /// A script of every kind of thing, run in English and in Indonesian: the JSON is the same byte for byte.
    @Test func oneScriptGivesTheSameJSONInBothLanguages() throws {
        let dir = TempDir()
        let seed = Bazar.root.appendingPathComponent("Tests/Seeds/jbl-jaksel-2021.bazar").path
        let load = try Bazar.run(["--store", dir.store, seed])
        #expect(load.status == 0 && load.stderr.contains("sales added") || load.stderr.isEmpty, "\(load.stderr)")
        let commands = ["report year 2021", "report month 2021-11 by kecamatan", "report event jbl-jaksel-2021-11-26",
                        "report top products 2021 limit 5", "report unsold 2021 limit 3", "list events", "list participants limit 5",
                        "show participant \(try firstParticipant(dir))", "list sales limit 5", "log 2"]
        let args = ["--store", dir.store, "--format", "json"] + commands.flatMap { ["-c", $0] }
        let en = try Bazar.run(args)
        let id = try Bazar.run(["--lang", "id"] + args)
        #expect(en.status == 0 && id.status == 0, "\(en.stderr)\(id.stderr)")
        #expect(!en.stdout.isEmpty && en.stdout == id.stdout)
        for name in GoldenTests.scripts {
            let e = try Bazar.run(["--memory", "--format", "json", name], directory: Self.golden)
            let i = try Bazar.run(["--memory", "--format", "json", "--lang", "id", name], directory: Self.golden)
            #expect(e.stdout == i.stdout, "\(name)")
        }
    }

    func firstParticipant(_ dir: TempDir) throws -> String {
        let r = try Bazar.run(["--store", dir.store, "--format", "csv", "-c", "list participants limit 1"])
        let lines = r.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.count == 2, "\(r.stdout)\(r.stderr)")
        return lines.count == 2 ? String(lines[1].split(separator: ",")[0]) : "none"
    }

    /// The seed reports in Indonesian: the articles' figures under Indonesian words.
    @Test func seedReportsReadInIndonesian() throws {
        let dir = TempDir()
        #expect(try Bazar.run(["--store", dir.store, Bazar.root.appendingPathComponent("Tests/Seeds/borju-2020.bazar").path]).status == 0)
        let r = try Bazar.run(["--store", dir.store, "--lang", "id", "-c", "report year 2020 program BORJU"], environment: ["NO_COLOR": "1"])
        #expect(r.stdout.hasPrefix("Laporan tahunan 2020 · program BORJU · per bulan\n"))
        #expect(r.stdout.contains("\nacara            10\nomzet            Rp 105.890.050\n"))
        #expect(r.stdout.contains("\npeserta          188\n") && r.stdout.contains("\nproduk           642\n"))
        #expect(r.stdout.contains("bulan terbaik: Agustus 2020 · Rp 18.944.500 (17,9%) · 356 produk dari 127 peserta"))
        #expect(r.stdout.contains("\nAgustus 2020     Rp 18.944.500"))
        #expect(r.stdout.contains("\njumlah          Rp 105.890.050"))
    }

    /// `import orders` in Indonesian: its summary, and a file error with its details and hint.
    @Test func importOrdersSpeaksIndonesian() throws {
        let dir = TempDir()
        let seed = Bazar.root.appendingPathComponent("Tests/Seeds/jbl-jaksel-2021.bazar").path
        #expect(try Bazar.run(["--store", dir.store, seed, "-c", "reopen event jbl-jaksel-2021-11-26", "-c", "reopen event jbl-jaksel-2021-12-05"]).status == 0)
        let fixtures = Bazar.root.appendingPathComponent("Tests/Fixtures/Import").path
        let bad = try Bazar.run(["--store", dir.store, "--lang", "id", "-c", "import orders \(fixtures)/orderskulist.csv"])
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            orderskulist.csv:baris 3:Seller SKU: kesalahan: 1 dari 4 baris tidak dapat ditempatkan; tidak ada yang diimpor
               1 baris: SKU 'BP-500' tidak dikenal (maksud Anda wedang-batavia/bir-pletok?), pertama di baris 3
               = petakan masing-masing ke produknya dengan: map sku TEXT to PARTICIPANT/PRODUCT; lalu impor berkasnya lagi

            """)
        let good = try Bazar.run(["--store", dir.store, "--lang", "id", "-c", "import orders \(fixtures)/tokopedia-report.xlsx"])
        #expect(good.stdout == """
            tokopedia-report.xlsx (laporan penjualan Tokopedia, lembar 'Laporan Penjualan'): 5 baris dibaca
              4 penjualan ditambahkan, Rp 250.000
              1 baris dibatalkan atau diretur, dilewati

            """, "\(good.stderr)")
    }

    // MARK: no English sentence in Indonesian output

    /// The English catalogue cut into its literal pieces (between `{placeholders}`) of two words or more.
    static var englishSentences: Set<String> {
        var texts = Phrase.allCases.map { $0.say(in: .en) }
        for p in Problem.examples {
            let (m, h) = Language.en.speaking { (p.englishMessage, p.englishHint) }
            texts.append(m)
            if let h { texts.append(h) }
        }
        texts += CommandTable.all.map(\.summary)
        texts += Translate.patterns.map(\.0)
        texts += ReportHelp.text.split(separator: "\n").flatMap { $0.components(separatedBy: "  ") }.filter { !$0.contains("[") && !$0.contains("|") }
        var pieces = Set<String>()
        for t in texts {
            for piece in Phrase.fill(t, [:]).split(separator: "{").map({ $0.split(separator: "}").last.map(String.init) ?? "" }) {
                let words = piece.split(separator: " ").filter { $0.contains(where: \.isLetter) }
                // Two words or more, and not command syntax (`open event ID from DATE to DATE`), the same in both languages.
                guard words.count >= 2, !CommandTable.all.contains(where: { piece.contains($0.usage) }) else { continue }
                pieces.insert(piece.trimmingCharacters(in: .whitespaces))
            }
        }
        return pieces.filter { s in !Self.syntax.contains(where: { s.hasPrefix($0) || $0.contains(s) }) }
    }

    /// Pieces that are command syntax in every language (hints quote commands).
    static let syntax = ["open event ID", "add participant ID", "add product PARTICIPANT", "edit product", "reopen event", "at ", "amount MONEY",
                         "list sales", "help ", "show sale", "void sale", "edit event", "report ", "'>' or", "set language",
                         "with --store PATH", "--store PATH", "Rp ", "e.g. list sales",
                         "by DIMENSION: month, day", "kecamatan, channel, buyer.", "price MONEY"]

    @Test func noIndonesianOutputHoldsASentenceOfTheEnglishCatalogue() throws {
        let english = Self.englishSentences
        #expect(english.count > 150)
        var outputs: [String] = []
        // Every golden script, with its errors.
        for name in GoldenTests.scripts {
            let r = try Bazar.run(["--memory", "--lang", "id", name], environment: ["NO_COLOR": "1"], directory: Self.golden)
            outputs.append(r.stdout + r.stderr)
        }
        // help, and help for every command; --help; confirmations and messages; a report of each kind.
        let dir = TempDir()
        let confirmations = [
            "open event jakpus-2021-09 name \"Bazar Hybrid\" mode hybrid from 2021-09-23 to 2021-09-24 target 150jt",
            "open event jakpus-2021-09", "add participant wedang-batavia name \"Wedang Batavia\" kecamatan Menteng",
            "add participant b kota \"Jakarta Pusat\" kecamatan Mentang", "add participant c kota Bekasi", "add participant d kota jakpus kecamatan Koja",
            "edit participant wedang-batavia phone 0812", "add product wedang-batavia/bir-pletok name \"Bir Pletok\" price 25rb",
            "edit product wedang-batavia/bir-pletok price 27rb", "add stall wedang-batavia products bir-pletok", "add stall wedang-batavia",
            "day 1", "add sale wedang-batavia/bir-pletok 3", "add sale wedang-batavia amount 100rb", "void sale 2 reason salah",
            "edit event jakpus-2021-09 venue Monas", "close event", "close event", "reopen event jakpus-2021-09", "undo",
            "record \(dir.path("r.bazar"))", "record off", "record off", "set timing on", "set timing off", "history",
            "log", "report year 2021", "report month 2021-09 by kecamatan", "report event jakpus-2021-09", "report range 2021-09",
            "report participant wedang-batavia", "report top products 2021", "report unsold 2021", "report year 2020",
            "report month 2021-09 program NONE", "list sales", "set language",
        ]
        for c in confirmations {
            let r = try Bazar.run(["--store", dir.store, "--lang", "id", "-c", c], environment: ["NO_COLOR": "1"])
            outputs.append(r.stdout + r.stderr)
        }
        outputs.append(try Bazar.run(["--lang", "id", "--memory", "-c", "help"]).stdout)
        for spec in CommandTable.all {
            outputs.append(try Bazar.run(["--lang", "id", "--memory", "-c", "help \(spec.name)"]).stdout)
        }
        outputs.append(try Bazar.run(["--lang", "id", "--help"]).stdout)
        outputs.append(try Bazar.run(["--lang", "id", "--format", "nah"]).stderr)
        // import orders: a summary and a file that cannot be placed.
        let fixtures = Bazar.root.appendingPathComponent("Tests/Fixtures/Import").path
        let seed = Bazar.root.appendingPathComponent("Tests/Seeds/jbl-jaksel-2021.bazar").path
        let imports = TempDir()
        _ = try Bazar.run(["--store", imports.store, seed, "-c", "reopen event jbl-jaksel-2021-11-26", "-c", "reopen event jbl-jaksel-2021-12-05"])
        for c in ["import orders \(fixtures)/orderskulist.csv", "import orders \(fixtures)/tokopedia-report.xlsx dry-run",
                  "import orders \(fixtures)/no-headers.xlsx", "map sku BP-500 to wedang-batavia/bir-pletok", "list maps"] {
            let r = try Bazar.run(["--store", imports.store, "--lang", "id", "-c", c])
            outputs.append(r.stdout + r.stderr)
        }
        // Every error kind, as an Indonesian officer would see it.
        outputs += Problem.examples.map { p in Language.id.speaking { Diagnostic.render(BazarError(p), line: nil) } }
        let all = outputs.joined(separator: "\n")
        #expect(all.contains("ditambahkan") && all.contains("Laporan tahunan"))
        for sentence in english.sorted() where all.contains(sentence) {
            let at = all.range(of: sentence)!
            let context = all[all.index(at.lowerBound, offsetBy: -min(60, all.distance(from: all.startIndex, to: at.lowerBound)))..<at.upperBound]
            Issue.record("English in Indonesian output: '\(sentence)' in …\(context)")
        }
    }
}
