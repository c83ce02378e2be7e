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
        case .rcFailed: return "{count} line(s) of the start-up file {path} failed; the shell goes on"

        case .cliAbstract: return "Record and report the sales of Jakarta's UMKM bazaars."
        case .cliDiscussion:
            return "With no FILE, -f or -c, bazar starts the interactive shell (or reads a script from standard input when it is not a terminal). Scripts apply all or nothing.\n\nExit status: 0 all went well, 1 a command failed, 2 bad usage, 3 the store cannot be used."
        case .cliFiles: return "Script files to run, in order."
        case .cliScript: return "Run a script file (repeatable; -f and -c run in the order given)."
        case .cliCommand: return "Run one command (repeatable)."
        case .cliStore: return "The store file (default: $BAZAR_STORE, else $XDG_DATA_HOME/bazar/store.sqlite)."
        case .cliMemory: return "Use a store in memory, gone at exit."
        case .cliOnError: return "In scripts: stop at the first error and keep nothing, or skip bad lines."
        case .cliFormat: return "Output format."
        case .cliToday: return "What 'today' means (default: $BAZAR_TODAY, else the system date)."
        case .cliLang: return "The language bazar speaks (default: $BAZAR_LANG, else the locale: LC_ALL, LC_MESSAGES, LANG)."
        case .cliNoRc: return "Do not run the start-up file $XDG_CONFIG_HOME/bazar/bazarrc in the shell."
        case .cliOnErrorValue: return "--on-error takes stop or continue, not '{value}'"
        case .cliFormatValue: return "--format takes table, csv, json or markdown, not '{value}'"
        case .cliStoreAndMemory: return "give --store or --memory, not both"
        case .langFlagValue: return "--lang takes id or en, not '{value}'"
        case .seeHelp: return "see 'bazar --help'"
        case .todayNotADate: return "--today: '{value}' is not a date"
        case .todayHint: return "write e.g. --today 2021-09-23"
        case .cannotReadScript: return "cannot read script '{path}': {reason}"
        case .checkFileName: return "check the file name"
        case .cannotOpenStore: return "cannot open the store '{path}': {reason}"
        }
    }
}
