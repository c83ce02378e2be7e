/// Everything bazar says that is not an error of the language (`Problem` has those): confirmations,
/// report words, help, the shell's messages. One case per message; its text in each language is
/// in `Catalogue+English.swift` and `Catalogue+Indonesian.swift`, one exhaustive `switch` each, so
/// a message cannot exist in one language only. `{name}` in a text is filled from the arguments.
public enum Phrase: String, CaseIterable, Sendable {
    // MARK: diagnostics
    case errorLabel, warningLabel, didYouMean, didYouMeanIn, usage
    // MARK: places
    case placeNotIn, placeNotInJakarta, placeInOtherPlace, placeKeptApart, placeKeptOutside, placeKeptCheck
    // MARK: language and start-up file
    case languageIs, rcFailed
    // MARK: confirmations and messages of commands
    case eventCurrent, eventOpened, eventAlreadyClosed, eventClosedNow, eventReopened, eventChanged, datesRange
    case participantAdded, participantChanged, productAdded, productAddedAt, productChanged
    case stallExists, stallAdded, stallUpdated, stallListing, saleAdded, saleWholeStall, saleVoided
    case undone, undoneNothingMore, undoneMore
    case notRecording, recordingStopped, recordingTo, time
    case yes, no
    // MARK: help, history, log
    case helpHeading, helpMoneyAndDates, helpExample
    case columnN, columnCommand, columnWhen, columnWho, logRunChanges
    // MARK: reports
    case reportTitleMonth, reportTitleYear, reportTitleEvent, reportTitleRange, reportTitleParticipant, reportTitleTop, reportTitleUnsold
    case reportBy, noRows, none, bestMonth, best, bestNone, bestProducts, total
    // MARK: the shell and scripts
    case storeInMemory, storeReadOnly, storeNew, storeIs, waitingForWriter
    case summaryLines, summaryApplied, summaryNotApplied, summarySales, summaryOthers
    case importFrom, didYouMeanPlain, dumpHeader
    // MARK: the command line (`--help` and its errors)
    case cliReadOnly, cliReadOnlyMemory
    case cliAbstract, cliDiscussion, cliFiles, cliScript, cliCommand, cliStore, cliMemory, cliOnError, cliFormat, cliToday, cliLang, cliNoRc, cliBom
    case cliOnErrorValue, cliFormatValue, cliStoreAndMemory, langFlagValue, seeHelp
    case todayNotADate, todayHint, cannotReadScript, checkFileName, cannotOpenStore

    /// The text in the current language (`Language.current`), arguments filled in.
    public func say(_ arguments: [String: String] = [:]) -> String {
        say(in: Language.current, arguments)
    }

    public func say(in language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = language == .id ? indonesian : english
        return arguments.isEmpty ? template : Phrase.fill(template, arguments)
    }

    /// `{name}` replaced by `arguments["name"]`; an unknown name stays as written.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let v = arguments[name] { out += v } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The `{names}` a text uses (the catalogue test checks both languages use the same).
    public func placeholders(in language: Language) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(language == .id ? indonesian : english)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
