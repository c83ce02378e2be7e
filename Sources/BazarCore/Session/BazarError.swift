/// Every failure bazar reports: what went wrong (a `Problem`) and where (a span in the line).
///
/// The text of every message and hint is made in one place, `Problem.message`/`Problem.hint`,
/// so the wording stays consistent and each one ends in what to do.
public struct BazarError: Error, Sendable, Equatable {
    public var problem: Problem
    /// Where in the line; nil when the error concerns the whole command or no line at all.
    public var span: SourceSpan?

    public init(_ problem: Problem, at span: SourceSpan? = nil) {
        self.problem = problem
        self.span = span
    }

    public var message: String { problem.message }
    public var hint: String? { problem.hint }

    /// The process exit status this error leads to when it ends a run (spec section 5).
    public var exitStatus: Int32 { problem.isStoreProblem ? 3 : 1 }
}

public enum Problem: Sendable, Equatable {
    // MARK: words (section 1)
    case unterminatedString
    case badEscape(String)
    case ambiguousMoney(String)
    case fractionalRupiah(String)
    case badMoney(String)
    case moneyOverflow(String)
    case negativeMoney(String)
    case badNumber(String)
    case badDate(String)
    case impossibleDate(String)
    case badMonth(String)
    case badYear(String)
    case badPeriod(String)
    case badId(String)
    case lineTooLong(Int)
    case notUTF8
    case controlCharacter(String)

    // MARK: grammar
    case unknownCommand(String, suggestion: String?)
    case incompleteCommand(usage: String)
    case expected(String, found: String?)
    case unknownAttribute(String, command: String, suggestion: String?)
    case duplicateAttribute(String)
    case badChoice(attribute: String, value: String, allowed: [String])
    case unexpectedWord(String, usage: String)
    case badRedirect

    // MARK: things in the store and their rules (section 2)
    case unknownThing(kind: String, id: String, suggestion: String?)
    case alreadyExists(kind: String, id: String)
    case noCurrentEvent
    case noCurrentStall
    case productWithoutParticipant(String, owner: String)
    case eventNeedsDates(String)
    case eventDatesReversed(from: String, to: String)
    case eventClosed(String)
    case eventNotClosed(String)
    case dayOutsideEvent(day: String, event: String, from: String, to: String)
    case dayNumberOutsideEvent(Int, event: String, days: Int)
    case duplicateRef(String, sale: Int64)
    case noPrice(String)
    case amountRequired(String)
    case priceAndAmount
    case qtyTooSmall(String)
    case amountOverflow
    case unknownSale(Int64)
    case saleAlreadyVoid(Int64)
    case noLastSale
    case eventHasSalesOutside(event: String, count: Int)
    case nothingToUndo
    case reportOverflow
    case reportFailed
    case noSuchValue(attribute: String, value: String, suggestion: String?)
    case undoConflict(String)

    // MARK: files and the store (exit 3 for the store)
    case cannotOpenFile(path: String, reason: String)
    case cannotWriteFile(path: String, reason: String)
    // Files to hand on (Render/Files).
    case unknownFileFormat(ext: String, known: [String])
    case formatNotForCommand(ext: String, command: String, allowed: String)
    case cannotAppendDocument(ext: String)
    case tooLargeForSpreadsheet(String)
    case scriptRecursion(String)
    case storeNotBazar(path: String)
    case storeNotSQLite(path: String)
    case storeLocked(path: String)
    case storeUnusable(path: String, reason: String)
    case storeTooNew(path: String, version: Int)
    case storeFailure(String)
    /// A store on a PostgreSQL server could not be used or failed a statement (its own words: PostgresError).
    case server(PostgresError)
    case noStore(path: String)
    case storeNeedsUpdate(path: String, version: Int)
    /// A read in the shell on a store not made yet (not exit 3: the shell goes on).
    case noStoreYet(path: String)
    case readOnly(command: String)

    // MARK: running
    case interrupted

    // MARK: importing orders (section 8): the location is in the imported file (Import/ImportFailure.swift)
    case importFailed(ImportFailure)

    /// True when the store itself cannot be used: exit status 3.
    public var isStoreProblem: Bool {
        switch self {
        case .storeNotBazar, .storeNotSQLite, .storeLocked, .storeUnusable, .storeTooNew, .noStore, .storeNeedsUpdate: return true
        case .server(let e): return e.isStoreProblem
        default: return false
        }
    }

    /// In English; `message` (Problem+Language.swift) speaks the current language.
    var englishMessage: String {
        switch self {
        case .unterminatedString: return "unterminated string"
        case .badEscape(let e): return "unknown escape '\\\(e)' in a string"
        case .ambiguousMoney(let t): return "ambiguous amount '\(t)'"
        case .fractionalRupiah(let t): return "'\(t)': rupiah amounts are whole numbers"
        case .badMoney(let t): return "'\(t)' is not an amount of money"
        case .moneyOverflow(let t): return "amount '\(t)' is too large"
        case .negativeMoney(let t): return "amount '\(t)' is negative"
        case .badNumber(let t): return "'\(t)' is not a whole number"
        case .badDate(let t): return "'\(t)' is not a date"
        case .impossibleDate(let t): return "there is no such day as '\(t)'"
        case .badMonth(let t): return "'\(t)' is not a month"
        case .badYear(let t): return "'\(t)' is not a year"
        case .badPeriod(let t): return "'\(t)' is not a period"
        case .badId(let t): return "'\(t)' is not a valid id"
        case .lineTooLong(let n): return "line is too long (\(n) bytes)"
        case .notUTF8: return "this line is not UTF-8 text (a byte of another encoding, such as Latin-1 or Windows-1252)"
        case .controlCharacter(let name): return "a control character (\(name)) in the text"

        case .unknownCommand(let w, _): return "unknown command '\(w)'"
        case .incompleteCommand(let usage): return "incomplete command; usage: \(usage)"
        case .expected(let what, let found):
            if let found { return "expected \(what), found '\(found)'" }
            return "expected \(what)"
        case .unknownAttribute(let a, let command, _): return "'\(a)' is not an attribute of \(command)"
        case .duplicateAttribute(let a): return "'\(a)' is given twice"
        case .badChoice(let attribute, let value, _): return "'\(value)' is not a valid \(attribute)"
        case .unexpectedWord(let w, _): return "unexpected '\(w)'"
        case .badRedirect: return "'>' or '>>' must be followed by a file name"

        case .unknownThing(let kind, let id, _): return "unknown \(kind) '\(id)'"
        case .alreadyExists(let kind, let id): return "\(kind) '\(id)' already exists"
        case .noCurrentEvent: return "no event is open"
        case .noCurrentStall: return "no stall is current"
        case .productWithoutParticipant(let id, _): return "'\(id)' is a product, and no stall is current"
        case .eventNeedsDates(let id): return "event '\(id)' does not exist yet and needs its dates"
        case .eventDatesReversed(let from, let to): return "the event ends (\(to)) before it starts (\(from))"
        case .eventClosed(let id): return "event '\(id)' is closed"
        case .eventNotClosed(let id): return "event '\(id)' is not closed"
        case .dayOutsideEvent(let day, let event, let from, let to):
            return from == to
                ? "\(day) is not the day of event '\(event)' (\(from))"
                : "\(day) is outside event '\(event)' (\(from) to \(to))"
        case .dayNumberOutsideEvent(let n, let event, let days):
            return "day \(n) is outside event '\(event)', which has \(days) day\(days == 1 ? "" : "s")"
        case .duplicateRef(let ref, let sale): return "ref '\(ref)' is already used by sale #\(sale)"
        case .noPrice(let product): return "product '\(product)' has no list price"
        case .amountRequired(let participant): return "a sale for the whole stall of '\(participant)' needs an amount"
        case .priceAndAmount: return "give either price or amount, not both"
        case .qtyTooSmall(let q): return "qty must be at least 1, not \(q)"
        case .amountOverflow: return "the amount is too large to count in rupiah"
        case .unknownSale(let n): return "there is no sale #\(n)"
        case .saleAlreadyVoid(let n): return "sale #\(n) is already void"
        case .noLastSale: return "'last' is the sale this session added last, and there is none (or that line failed)"
        case .eventHasSalesOutside(let event, let count):
            return "event '\(event)' has \(count) sale\(count == 1 ? "" : "s") outside the new dates"
        case .nothingToUndo: return "nothing to undo in this session"
        case .reportOverflow: return "the report's sum is too large to count in rupiah"
        case .reportFailed: return "the report could not be computed from the store"
        case .noSuchValue(let attribute, let value, _): return "no \(attribute) '\(value)' in the store"
        case .undoConflict(let what): return "cannot undo '\(what)': the store was changed since by someone else"

        case .cannotOpenFile(let path, let reason): return "cannot open '\(path)': \(reason)"
        case .cannotWriteFile(let path, let reason): return "cannot write '\(path)': \(reason)"
        case .unknownFileFormat(let ext, _): return "bazar cannot write .\(ext) files"
        case .formatNotForCommand(let ext, let command, _): return "'\(command)' cannot be written as .\(ext)"
        case .cannotAppendDocument(let ext): return "cannot append to a .\(ext) file"
        case .tooLargeForSpreadsheet(let what): return "\(what) is too large to be written exactly in a spreadsheet"
        case .scriptRecursion(let path): return "script '\(path)' runs itself"
        case .storeNotBazar(let path): return "'\(path)' is an SQLite database of another program, not a bazar store"
        case .storeNotSQLite(let path): return "'\(path)' is not a bazar store (not an SQLite database)"
        case .storeLocked(let path): return "the store '\(path)' is locked by another writer"
        case .storeUnusable(let path, let reason): return "cannot use the store '\(path)': \(reason)"
        case .storeTooNew(let path, let version): return "the store '\(path)' has schema version \(version), newer than this bazar"
        case .storeFailure(let reason): return "the store failed: \(reason)"
        case .server(let e): return e.message
        case .noStore(let path): return "no store at \(path)"
        case .storeNeedsUpdate(let path, let version):
            return "the store '\(path)' has schema version \(version) and cannot be updated to \(Schema.version) read-only"
        case .noStoreYet(let path): return "there is no store at \(path) yet: nothing to list or report"
        case .readOnly(let command): return "'\(command)' changes the store, which is open read-only"

        case .interrupted: return "interrupted"
        case .importFailed(let f): return f.message
        }
    }

    /// What to do about it, in English; `hint` speaks the current language.
    var englishHint: String? {
        switch self {
        case .unterminatedString: return "close the string with '\"'"
        case .badEscape: return "inside quotes write \\\" for a quote and \\\\ for a backslash"
        case .ambiguousMoney(let t): return Money.ambiguityHint(t)
        case .fractionalRupiah: return "write e.g. 12 or 12.500 (dots group thousands), or 12,5rb"
        case .badMoney, .negativeMoney:
            return "write e.g. 25000, 25.000, Rp 25.000, 25rb, 1,5jt or 3,3miliar"
        case .moneyOverflow, .amountOverflow: return "amounts go up to Rp 9.223.372.036.854.775.807"
        case .badNumber: return "write digits only, e.g. 3"
        case .badDate, .impossibleDate:
            return "write e.g. 2020-08-07, 7/8/2020, 7 Agustus 2020, today or yesterday"
        case .badMonth: return "write e.g. 2020-08, 08/2020, Agustus 2020 or this month"
        case .badYear: return "write a year of four digits, e.g. 2020"
        case .badPeriod(let t) where t.contains(".."):
            return "a range is START..END, the earlier first, each a day or a month: e.g. 2021-11-01..2021-12-31 or 2021-11..2021-12"
        case .badPeriod:
            return "write a day, a month (2020-08), a year (2020), a quarter (2020-Q3), a range (2021-11-01..2021-12-31), this month or last year"
        case .badId: return "ids are letters, digits, '-' and '_', e.g. wedang-batavia"
        case .lineTooLong: return "split the command; a line holds at most 1 MiB"
        case .notUTF8: return "save the script as UTF-8 (in most editors: Save As… with the encoding UTF-8) and run it again"
        case .controlCharacter: return "text may not hold control characters (tab, escape, …): type the text without them, e.g. spaces instead of a tab"

        case .unknownCommand(_, let s):
            if let s { return "did you mean '\(s)'?" }
            return "type 'help' for the list of commands"
        case .incompleteCommand: return nil
        case .expected: return nil
        case .unknownAttribute(_, let command, let s):
            if let s { return "did you mean '\(s)'?" }
            return "type 'help \(command)' for its attributes"
        case .duplicateAttribute: return "give each attribute once"
        case .badChoice(_, _, let allowed): return "use one of: \(allowed.joined(separator: ", "))"
        case .unexpectedWord(_, let usage): return "usage: \(usage)"
        case .badRedirect: return "e.g. list sales > sales.csv"

        case .unknownThing(let kind, _, let s):
            if let s { return "did you mean '\(s)'?" }
            switch kind {
            case "event": return "create it with: open event ID from DATE to DATE"
            case "participant": return "add it with: add participant ID name \"…\""
            case "product": return "add it with: add product PARTICIPANT/PRODUCT price MONEY"
            default: return "see 'list \(kind)s'"
            }
        case .alreadyExists(let kind, _): return "choose another id, or change it with 'edit \(kind)'"
        case .noCurrentEvent: return "open one first: open event ID"
        case .noCurrentStall: return "pick a stall with 'at PARTICIPANT', or write PARTICIPANT/PRODUCT"
        case .productWithoutParticipant(let id, let owner): return "write \(owner)/\(id), or pick the stall first: at \(owner)"
        case .eventNeedsDates: return "write: open event ID on DATE, or open event ID from DATE to DATE"
        case .eventDatesReversed: return "swap the dates"
        case .eventClosed(let id): return "reopen it with: reopen event \(id)"
        case .eventNotClosed: return nil
        case .dayOutsideEvent, .dayNumberOutsideEvent: return "pick a date inside the event, or change its dates with 'edit event'"
        case .duplicateRef: return "each order number may be entered once per product; check 'show sale' for the earlier one"
        case .noPrice(let product): return "give the price or the amount, or set one: edit product \(product) price MONEY"
        case .amountRequired: return "add: amount MONEY"
        case .priceAndAmount: return "amount is the line's total; price is per unit"
        case .qtyTooSmall: return "a sale is of one unit or more"
        case .unknownSale: return "see 'list sales'"
        case .saleAlreadyVoid: return nil
        case .noLastSale: return "give the sale's number: void sale N (see 'list sales last 5')"
        case .eventHasSalesOutside: return "void those sales first, or choose dates that contain them"
        case .nothingToUndo: return nil
        case .reportOverflow: return "narrow the report with a shorter period or a filter (program, event, kota …); sums go up to Rp 9.223.372.036.854.775.807"
        case .reportFailed: return "nothing was changed; check the store with 'sqlite3 FILE \"PRAGMA integrity_check\"', and report this to bazar's developers"
        case .noSuchValue(let attribute, _, let s):
            if let s { return "did you mean '\(s)'?" }
            return attribute == "program" ? "see 'list events' for the programmes" : "see 'list participants' and 'list products' for the values"
        case .undoConflict: return "nothing was undone; correct it by hand with 'edit' or 'void sale'"

        case .cannotOpenFile: return "check the path and its permissions"
        case .cannotWriteFile(let path, let reason):
            if reason.contains("space") { return "free some disk space or write elsewhere; the file was left as it was" }
            if reason.contains("directory '") { return "create the directory first, or write elsewhere" }
            if reason.contains("is a directory") { return "name a file inside it, e.g. \(path.hasSuffix("/") ? path : path + "/")laporan.xlsx" }
            if reason.contains("read-only") { return "make it writable (chmod u+w FILE) or write to another name; it was left as it was" }
            return "check the directory exists and is writable"
        case .unknownFileFormat(_, let known): return "write one of: " + known.map { "." + $0 }.joined(separator: ", ")
        case .formatNotForCommand(_, _, let allowed): return allowed
        case .cannotAppendDocument: return "write it whole with '>' instead of '>>'"
        case .tooLargeForSpreadsheet: return "spreadsheets hold whole numbers exactly up to 9.007.199.254.740.992; write .csv or .json instead"
        case .scriptRecursion: return "a script may not run itself, directly or through another"
        case .storeNotBazar, .storeNotSQLite: return "choose another file with --store PATH; this one was left untouched"
        case .storeLocked: return "wait for the other bazar to finish, then try again"
        case .storeUnusable: return "check the path and its permissions, or use --store PATH"
        case .storeTooNew: return "use a newer bazar"
        case .storeFailure: return nil
        case .server(let e): return e.hint
        case .noStore: return "check the path (a store is made by the first command that changes something), or use --store PATH"
        case .storeNeedsUpdate: return "open it once without --read-only (where it can be written) to update it"
        case .noStoreYet: return "it is made by the first change (add participant, open event …)"
        case .readOnly: return "lists and reports only; run bazar without --read-only to make changes"
        case .interrupted: return "nothing of it was kept"
        case .importFailed(let f): return f.hint
        }
    }
}
