import GRDB

/// Where output goes. The command-line program writes to stdout/stderr; tests collect it.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
    func writeError(_ text: String)
    /// Interactive output is flushed after each command.
    func flush()
}

/// One officer's session against the store: context, settings, and the commands' implementations.
///
/// `execute` runs one parsed command against the store and returns what it produced; it never
/// prints and never decides transactions. The input loop (`Session+Input.swift`) does both.
public final class Session {
    /// The store, whichever backend it is on (Store/StoreConnection.swift).
    public let store: any StoreConnection
    public var records: Records { Records(store, journal: capturing, deferred: deferredChannels, saleBatch: saleBatch) }
    /// A script's channel bits on a server, written at its end (Store/DeferredChannels.swift).
    var deferredChannels: DeferredChannels?
    /// A script's sales on a server, sent in batches (Store/Postgres/PostgresSaleBatch.swift, SaleBatching.swift).
    var saleBatch: PostgresSaleBatch?
    /// What the command being captured for `undo` wrote (Undo.swift).
    let undoJournal = UndoJournal()
    /// The SQLite connection, for what only SQLite has (a store file made by the first change). Nil on a server.
    var sqlite: Database? { (store as? SQLiteConnection)?.db }
    public var context = Context()
    public var settings = Settings()
    /// What `today` means (`--today`, `$BAZAR_TODAY`, or the system date).
    public var today: Day
    /// Who is logged as making changes (`$BAZAR_USER`, else the login name).
    public var who: String
    public let output: OutputSink
    /// The store's path, for messages.
    public var storePath = "store"
    /// True in the interactive shell.
    public var interactive = false
    /// Confirmation lines of change commands are printed (interactive and `-c`; not in scripts).
    public var echoConfirmations = true
    /// Commands typed in this session, for `history` (the shell fills it).
    public var history: [String] = []
    /// `record FILE`: where successful change commands are appended.
    public var recordPath: String?
    /// Capture changes for `undo` (Undo.swift): on for the shell and `-c`; scripts given on the
    /// command line are never captured.
    public var undoEnabled = true
    /// The sales the command running now added by `import orders` (a script's closing summary counts them).
    var salesAddedByImport = 0
    var undoLog = UndoLog()
    /// Scripts being run, innermost last: a script may not run itself.
    var runningScripts: [String] = []
    /// What a change command adds to its change-log line (`import orders`: its counts), set by the command.
    var changeNote: String?
    /// Lookups the hot path of `add sale` repeats; cleared whenever a transaction rolls back.
    var cache = LookupCache()
    /// Places already warned about in scripts (`Session+Places.swift`): each once, not on every line.
    var warnedPlaces = Set<String>()
    /// The number of the sale this session added last (`void sale last`); nil after a failed `add sale`,
    /// a rollback or `undo`.
    var lastSaleAdded: Int64?
    /// A store not made yet, or opened read-only (StoreAccess.swift).
    public var storeAccess = StoreAccess()

    public var parser: Parser { Parser(today: today) }

    public init(store: any StoreConnection, today: Day, who: String, output: OutputSink) {
        self.store = store
        self.today = today
        self.who = who
        self.output = output
    }

    /// A session on an SQLite connection (tests).
    public convenience init(db: Database, today: Day, who: String, output: OutputSink) {
        self.init(store: SQLiteConnection(db), today: today, who: who, output: output)
    }

    /// Runs one command. Throws `BazarError` with a span into the command's line.
    public func execute(_ command: ParsedCommand) throws -> Outcome {
        try checkRedirect(command)
        let command = checkingPlaces(command)
        switch command.kind {
        case .openEvent: return try openEvent(command)
        case .closeEvent: return try closeEvent(command, close: true)
        case .reopenEvent: return try closeEvent(command, close: false)
        case .editEvent: return try editEvent(command)
        case .editParticipant: return try editParticipant(command)
        case .editProduct: return try editProduct(command)
        case .day: return try pickDay(command)
        case .date: return try pickDate(command)
        case .at: return try pickStall(command)
        case .addParticipant: return try addParticipant(command)
        case .addProduct: return try addProduct(command)
        case .addStall: return try addStall(command)
        case .addSale: return try addSale(command)
        case .voidSale: return try voidSale(command)
        case .undo: return try undo(command)
        case .listEvents: return try listEvents(command)
        case .listParticipants: return try listParticipants(command)
        case .listProducts: return try listProducts(command)
        case .listStalls: return try listStalls(command)
        case .listSales: return try listSales(command)
        case .showEvent: return try showEvent(command)
        case .showParticipant: return try showParticipant(command)
        case .showProduct: return try showProduct(command)
        case .showSale: return try showSale(command)
        case .report: return try report(command)
        case .run: return try runScriptCommand(command)
        case .record: return try record(command)
        case .dump: return .text(try dump())
        case .history: return showHistory(command)
        case .log: return try showLog(command)
        case .setFormat:
            settings.format = OutputFormat(rawValue: command.text("format") ?? "table") ?? .table
            settings.formatChosen = true
            return .nothing
        case .setOnError:
            settings.onError = command.text("policy") == "continue" ? .continue : .stop
            return .nothing
        case .setTiming:
            settings.timing = command.text("switch") == "on"
            return .nothing
        case .setPager:
            settings.pager = command.text("switch") == "on"
            return .nothing
        case .setCsvBom:
            settings.csvBom = command.text("switch") == "on"
            return .nothing
        case .setLanguage: return setLanguage(command)
        case .help: return try help(command)
        case .quit: return .quit
        case .importOrders: return try importOrders(command)
        case .mapSku: return try mapSku(command)
        case .listMaps: return try listMaps(command)
        }
    }

    /// After a rollback, what is current may no longer exist; caches may be stale.
    func revalidateContext() {
        cache = LookupCache()
        lastSaleAdded = nil
        storeRolledBack()
        if let e = context.event {
            context.event = try? records.event(id: e.id)
            if context.event == nil { context.day = nil }
        }
        if let s = context.stall { context.stall = try? records.participant(id: s.id) }
    }

    /// The prompt: `bazar jakpus-2021-09 day 2 @wedang-batavia> `.
    public var prompt: String {
        let s = context.summary
        return s.isEmpty ? "bazar> " : "bazar \(s)> "
    }
}

/// Ids already resolved in this transaction (participant id → record, product ref → number, stalls, listings).
/// Valid only inside one write transaction: emptied when one begins (another session may have changed the
/// store in between) and when one rolls back.
struct LookupCache {
    var participants: [String: ParticipantRecord] = [:]
    var products: [ProductKey: ProductRecord] = [:]
    var stalls: [Int64: Int64] = [:]          // participant_no → stall_no, for the cached event
    var stallsEvent: Int64 = 0
    /// Whether the cached event is an online one (its sales' usual channel).
    var eventOnline = false
    /// `add sale`'s items at the cached event. In a script, by the item's number (an index into `eventSaleItems`,
    /// found without hashing); otherwise by the item as written.
    var numberedSaleItems: [Int32] = []
    var eventSaleItems: [Session.SaleItem] = []
    var saleItems: [String: Session.SaleItem] = [:]
    /// The number the next sale of this transaction takes (read once per transaction: `Records.nextSaleNumber`).
    var nextSaleNumber: Int64?

    func saleItem(_ a: SaleArguments, eventNo: Int64, currentStall: Int64?) -> Session.SaleItem? {
        let known: Session.SaleItem?
        if let n = a.itemNumber {
            let i = n < numberedSaleItems.count ? Int(numberedSaleItems[n]) : -1
            known = i >= 0 && i < eventSaleItems.count ? eventSaleItems[i] : nil
        } else {
            known = saleItems[a.item]
        }
        guard let known, known.eventNo == eventNo, known.currentStall == currentStall, known.text == a.item else { return nil }
        return known
    }

    mutating func keep(_ item: Session.SaleItem, for a: SaleArguments) {
        guard let n = a.itemNumber else {
            saleItems[a.item] = item
            return
        }
        if n >= numberedSaleItems.count {
            numberedSaleItems += Array(repeating: -1, count: max(n + 1 - numberedSaleItems.count, numberedSaleItems.count))
        }
        let i = Int(numberedSaleItems[n])
        if i >= 0, i < eventSaleItems.count, eventSaleItems[i].text == a.item {
            eventSaleItems[i] = item
        } else {
            numberedSaleItems[n] = Int32(eventSaleItems.count)
            eventSaleItems.append(item)
        }
    }

    /// When sales move on to another event: its stalls and listings are others.
    mutating func forgetEventItems() {
        eventSaleItems.removeAll(keepingCapacity: true)
        saleItems = [:]
    }

    /// After a change to what an item may name (a participant or product added or edited, a sale voided).
    mutating func forgetSaleItems() {
        forgetEventItems()
        numberedSaleItems = []
    }

    struct ProductKey: Hashable {
        var participant: Int64
        var id: String
    }
}
