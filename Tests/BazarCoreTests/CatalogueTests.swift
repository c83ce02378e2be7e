import Foundation
import Testing
@testable import BazarCore

/// The catalogue of messages: every message exists in English and in Indonesian, and they differ.
/// (The compiler already refuses a `Phrase` or `Problem` without a text in each language — each
/// language is one exhaustive switch; these tests catch a text left in English, a placeholder lost
/// in translation, and an error kind without an example.)
@Suite struct CatalogueTests {
    @Test func everyPhraseIsSaidInBothLanguagesWithTheSamePlaceholders() {
        for p in Phrase.allCases {
            let en = p.say(in: .en), id = p.say(in: .id)
            #expect(!en.isEmpty && !id.isEmpty, "\(p)")
            #expect(en != id, "\(p) is the same in English and Indonesian: '\(en)'")
            // `{s}` (English plurals) is the one placeholder a language may leave out.
            #expect(p.placeholders(in: .en).subtracting(["s"]) == p.placeholders(in: .id).subtracting(["s"]), "\(p)")
        }
    }

    /// Problem's cases, read from its declaration in BazarError.swift.
    static let problemCases: Set<String> = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BazarCore/Session/BazarError.swift")
        let text = (try? String(contentsOf: source, encoding: .utf8)) ?? ""
        guard let start = text.range(of: "public enum Problem"), let end = text.range(of: "public var isStoreProblem") else { return [] }
        var names = Set<String>()
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("case ") else { continue }
            // `case a, b` or `case a(String, …)`: the names outside parentheses.
            var depth = 0, word = ""
            for c in t.dropFirst(5) + "," {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if depth == 0 {
                    if c == "," { if !word.isEmpty { names.insert(word) }; word = "" } else if c != " " { word.append(c) }
                }
            }
        }
        return names
    }()

    @Test func everyErrorHasAnExampleAndIsSaidInBothLanguages() {
        #expect(Self.problemCases.count > 40)
        #expect(Set(Problem.examples.map(\.caseName)) == Self.problemCases, "add an example of each new Problem to Problem+Examples.swift")
        for p in Problem.examples {
            let en = Language.en.speaking { (p.message, p.hint) }
            let id = Language.id.speaking { (p.message, p.hint) }
            #expect(en.0 != id.0 && !id.0.isEmpty, "\(p.caseName): '\(id.0)'")
            #expect((en.1 == nil) == (id.1 == nil), "\(p.caseName): a hint in one language only")
            if let e = en.1, let i = id.1 { #expect(e != i, "\(p.caseName): hint '\(i)'") }
        }
    }

    @Test func everyCommandsPurposeIsSaidInBothLanguages() {
        for spec in CommandTable.all {
            let id = Language.id.speaking { spec.purpose }
            #expect(!id.isEmpty && id != spec.summary, "\(spec.name)")
        }
        #expect(ReportHelp.indonesian != ReportHelp.text)
    }

    @Test func textsMadeOutsideTheCatalogueAreTranslatedByTheirPatterns() {
        #expect(Translate.compiled.count == Translate.patterns.count)
        for (en, id) in Translate.patterns {
            #expect(en != id, "\(en)")
            let names = { (t: String) in Set(Phrase.fill(t, [:]).split(separator: "{").dropFirst().map { $0.split(separator: "}")[0] }) }
            #expect(names(en).subtracting(["s"]) == names(id), "\(en)")
        }
        let samples = [
            ("'dua' is not a quantity", "'dua' bukan jumlah barang"),
            ("3 lines: unknown SKU 'BP-01' (did you mean wedang-batavia/bir-pletok?), first at row 7",
             "3 baris: SKU 'BP-01' tidak dikenal (maksud Anda wedang-batavia/bir-pletok?), pertama di baris 7"),
            ("cannot read this .xlsx file: its shared strings are damaged (more than 1.000.000 texts)",
             "berkas .xlsx ini tidak dapat dibaca: teks bersamanya rusak (lebih dari 1.000.000 teks)"),
            ("map each to its product with: map sku TEXT to PARTICIPANT/PRODUCT; then import the file again",
             "petakan masing-masing ke produknya dengan: map sku TEXT to PARTICIPANT/PRODUCT; lalu impor berkasnya lagi"),
            ("No such file or directory", "berkas atau direktori tidak ada"),
            ("something no pattern knows", "something no pattern knows"),
        ]
        for (en, id) in samples {
            #expect(Language.id.speaking { Translate.indonesian(en) } == id)
            #expect(Translate.indonesian(en) == en)   // English stays English
        }
    }

    @Test(arguments: [
        ([:], Language.en), (["LANG": "id_ID.UTF-8"], .id), (["LANG": "en_US.UTF-8"], .en), (["LANG": "C"], .en),
        (["LC_ALL": "id_ID", "LANG": "en_US.UTF-8"], .id), (["LC_ALL": "en_US.UTF-8", "LANG": "id_ID.UTF-8"], .en),
        (["LC_MESSAGES": "id_ID.UTF-8", "LANG": "en_US"], .id), (["BAZAR_LANG": "en", "LANG": "id_ID.UTF-8"], .en),
        (["BAZAR_LANG": "id", "LC_ALL": "C"], .id), (["LC_ALL": "", "LANG": "id_ID.UTF-8"], .id),
    ])
    func theLanguageComesFromBazarLangThenTheLocaleVariables(_ environment: [String: String], _ expected: Language) {
        #expect(Language.fromEnvironment(environment) == expected)
    }
}
