import BazarCore

/// The language chosen on the command line, before the arguments are parsed (so that `--help`
/// and the errors of the command line itself speak it), and swift-argument-parser's own words.
enum CommandLineLanguage {
    /// `--lang id` or `--lang=id` (the last one given), else `$BAZAR_LANG` and the locale.
    static func choose(_ arguments: [String], environment: [String: String]) -> Language {
        var chosen: Language?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count {
                chosen = Language(word: arguments[i + 1]) ?? chosen
                i += 1
            } else if a.hasPrefix("--lang=") {
                chosen = Language(word: String(a.dropFirst("--lang=".count))) ?? chosen
            } else if ["-c", "-f", "--store", "--on-error", "--format", "--today"].contains(a) {
                i += 1   // a value, even one that reads `--lang`
            }
            i += 1
        }
        return chosen ?? Language.fromEnvironment(environment)
    }

    /// swift-argument-parser writes its headings and a few messages itself: in Indonesian they are
    /// replaced here (the option texts come from the catalogue already).
    static let indonesian: [(String, String)] = [
        ("OVERVIEW:", "RINGKASAN:"), ("USAGE:", "CARA PAKAI:"), ("ARGUMENTS:", "ARGUMEN:"), ("OPTIONS:", "OPSI:"),
        ("Show the version.", "Tampilkan versi."), ("Show help information.", "Tampilkan bantuan ini."),
        ("(default: ", "(bawaan: "), ("Unknown option ", "Opsi tidak dikenal: "), ("Missing value for ", "Nilai belum diberikan untuk "),
        ("Missing expected argument ", "Argumen yang diperlukan belum diberikan: "),
        ("The value '", "Nilai '"), ("' is invalid for ", "' tidak sah untuk "), ("Unexpected argument ", "Argumen tak terduga: "),
        ("Error: ", ""), ("Help:  ", "Bantuan:  "), ("Usage: ", "Cara pakai: "), ("See 'bazar --help' for more information.", "Lihat 'bazar --help' untuk keterangan lebih lanjut."),
    ]

    static func translate(_ text: String, to language: Language) -> String {
        guard language == .id else { return text }
        var s = text
        for (en, id) in indonesian { s = s.replacing(en, with: id) }
        return s
    }
}
