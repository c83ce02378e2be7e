extension Phrase {
    /// The English text of each message.
    var english: String {
        switch self {
        case .errorLabel: return "error"
        case .warningLabel: return "warning"
        case .didYouMean: return "did you mean '{suggestion}'?"
        case .didYouMeanIn: return "did you mean '{suggestion}' ({where})?"
        case .usage: return "usage: {usage}"

        case .placeNotIn: return "{level} '{value}' is not a {level} of {where}"
        case .placeNotInJakarta: return "{level} '{value}' is not a {level} of DKI Jakarta"
        case .placeInOtherPlace: return "{level} '{value}' is in {where}, not in {notWhere}"
        case .placeKeptApart: return "kept as written: reports count it apart from '{suggestion}'"
        case .placeKeptOutside: return "kept as written (a place outside Jakarta is fine)"
        case .placeKeptCheck: return "kept as written; check the kota, kecamatan and kelurahan"

        case .languageIs: return "language: {language} (English); 'set language id' for Bahasa Indonesia"
        case .languageSet: return "language: English"
        case .rcError: return "in the start-up file {path}; the shell goes on"
        }
    }
}
