/// One example of every `Problem`, for the catalogue's tests (both languages exist and differ; no
/// Indonesian output holds an English sentence). `CatalogueTests` checks that it names every case.
extension Problem {
    static let examples: [Problem] = [
        .unterminatedString, .badEscape("q"), .ambiguousMoney("1,500"), .fractionalRupiah("12.5"), .badMoney("abc"),
        .moneyOverflow("99999999999999999999"), .negativeMoney("-5"), .badNumber("x"), .badDate("32/13/2020"),
        .impossibleDate("31 Februari 2021"), .badMonth("2020-13"), .badYear("20"), .badPeriod("2021-12..2021-11"),
        .badId("a b"), .lineTooLong(2_000_000),
        .unknownCommand("ad", suggestion: "add"), .incompleteCommand(usage: "day N"), .expected("a command", found: "42"),
        .unknownAttribute("prise", command: "add sale", suggestion: "price"), .duplicateAttribute("price"),
        .badChoice(attribute: "channel", value: "pos", allowed: ["online", "offline"]), .unexpectedWord("x", usage: "undo"),
        .badRedirect,
        .unknownThing(kind: "participant", id: "wedang-batvia", suggestion: nil), .alreadyExists(kind: "event", id: "e"),
        .noCurrentEvent, .noCurrentStall, .productWithoutParticipant("bir-pletok", owner: "wedang-batavia"),
        .eventNeedsDates("e"), .eventDatesReversed(from: "2021-09-24", to: "2021-09-23"), .eventClosed("e"), .eventNotClosed("e"),
        .dayOutsideEvent(day: "2021-09-25", event: "e", from: "2021-09-23", to: "2021-09-24"),
        .dayNumberOutsideEvent(3, event: "e", days: 2), .duplicateRef("TKP-1", sale: 1), .noPrice("a/b"), .amountRequired("a"),
        .priceAndAmount, .qtyTooSmall("0"), .amountOverflow, .unknownSale(9), .saleAlreadyVoid(1),
        .eventHasSalesOutside(event: "e", count: 2), .nothingToUndo, .reportOverflow, .reportFailed,
        .noSuchValue(attribute: "program", value: "BORJO", suggestion: "BORJU"), .noSuchValue(attribute: "kota", value: "X", suggestion: nil), .undoConflict("add sale x"),
        .cannotOpenFile(path: "x.bazar", reason: "No such file or directory"),
        .cannotWriteFile(path: "/x/y.csv", reason: "Permission denied"),
        .scriptRecursion("a.bazar"),
        .storeNotBazar(path: "x.sqlite"), .storeNotSQLite(path: "x.txt"), .storeLocked(path: "s.sqlite"),
        .storeUnusable(path: "s.sqlite", reason: "the disk is full"), .storeTooNew(path: "s.sqlite", version: 9),
        .storeFailure("the store could not be used"), .interrupted,
        .tooLargeForSpreadsheet("omzet"),
        .cannotAppendDocument(ext: "xlsx"),
        .formatNotForCommand(ext: "xlsx", command: "help", allowed: "write it as .txt"),
        .unknownFileFormat(ext: "png", known: ["csv", "json"]),
        .server(PostgresError(.serverDown, server: ServerAddress(host: "/run/postgresql", port: "5432", database: "bazar", user: "ana"))),
        .importFailed(ImportFailure("orders.csv", "the text is not UTF-8", hint: "save the file as 'CSV UTF-8' (or Unicode text) and import it again")),
        .readOnly(command: "add sale"),
        .noStoreYet(path: "x.sqlite"),
        .storeNeedsUpdate(path: "x.sqlite", version: 2),
        .noStore(path: "x.sqlite"),
        .noLastSale,
        .controlCharacter("TAB"),
        .notUTF8,
    ]

    /// The case's name (`unknownThing`), to tell which cases the examples cover.
    var caseName: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }
}
