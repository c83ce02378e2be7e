/// The language bazar speaks (SPEC section 9): English or Bahasa Indonesia.
///
/// Messages are looked up in Swift tables (`Catalogue+English.swift`, `Catalogue+Indonesian.swift`,
/// `Problem+Indonesian.swift`): one exhaustive `switch` per language over an enum of messages, so a
/// message added in one language only does not compile. Not gettext: Swift's Glibc module does not
/// bring it in, and glibc's gettext answers only under an installed locale (and ignores `LANGUAGE`
/// under the C locale), while officers' machines often have `LANG=id_ID.UTF-8` without that
/// locale generated. Not `.strings` resources: they need Foundation's Bundle and a resource bundle
/// beside the binary. A table compiled in needs neither, costs nothing at start, and is checked by
/// the compiler and by `CatalogueTests`.
public enum Language: String, Sendable, CaseIterable {
    case en, id

    /// The language of the messages being made now. Bound by the session for each line it runs
    /// (`Session.speaking`), and by the program around everything it says itself. A task-local
    /// rather than a global: sessions in one process (tests run in parallel) may speak differently.
    @TaskLocal public static var current: Language = .en

    /// `id`, `en`, and the ways people write them (`ID`, `id_ID.UTF-8`, `indonesia`, `english`).
    public init?(word: String) {
        let w = word.lowercased()
        if w == "id" || w == "in" || w.hasPrefix("id_") || w.hasPrefix("id-") || w.hasPrefix("id.") || w == "indonesia"
            || w == "indonesian" || w == "bahasa" || w == "ind" {
            self = .id
        } else if w == "en" || w.hasPrefix("en_") || w.hasPrefix("en-") || w.hasPrefix("en.") || w == "english" || w == "inggris"
            || w == "eng" {
            self = .en
        } else {
            return nil
        }
    }

    /// `$BAZAR_LANG`, else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (as POSIX orders
    /// them): Indonesian when it starts with `id`, English otherwise. Read from the variables, not
    /// from `setlocale`, so `LANG=id_ID.UTF-8` works where that locale is not installed.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        if let v = environment["BAZAR_LANG"], !v.isEmpty, let l = Language(word: v) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let v = environment[key], !v.isEmpty else { continue }
            return v.lowercased().hasPrefix("id") ? .id : .en
        }
        return .en
    }

    /// Runs `body` speaking this language.
    public func speaking<T>(_ body: () throws -> T) rethrows -> T {
        if Language.current == self { return try body() }
        return try Language.$current.withValue(self, operation: body)
    }
}
