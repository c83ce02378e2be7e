/// Every command of the language, one case each; `CommandTable.all` describes them.
public enum CommandKind: String, Sendable, CaseIterable {
    case openEvent, closeEvent, reopenEvent, editEvent, editParticipant, editProduct
    case day, date, at
    case addParticipant, addProduct, addStall, addSale, voidSale
    case undo
    case listEvents, listParticipants, listProducts, listStalls, listSales
    case showEvent, showParticipant, showProduct, showSale
    case report
    case run, record, dump, history, log
    case setFormat, setOnError, setTiming, setPager, setCsvBom, setLanguage
    case help, quit
    case importOrders, mapSku, listMaps
}

/// The one registry of commands: parsing, `help`, completion and dispatch all read it.
public enum CommandTable {
    static let eventAttributes: [AttributeSpec] = [
        AttributeSpec("name", .text), AttributeSpec("program", .text),
        AttributeSpec("mode", .choice(["online", "offline", "hybrid"])),
        AttributeSpec("channel", .text), AttributeSpec("kota", .text), AttributeSpec("kecamatan", .text),
        AttributeSpec("level", .choice(["kecamatan", "kota", "provinsi"])),
        AttributeSpec("venue", .text),
        AttributeSpec("on", .day), AttributeSpec("from", .day), AttributeSpec("to", .day),
        AttributeSpec("target", .money),
    ]
    static let participantAttributes: [AttributeSpec] = [
        AttributeSpec("name", .text), AttributeSpec("owner", .text), AttributeSpec("kota", .text),
        AttributeSpec("kecamatan", .text), AttributeSpec("kelurahan", .text), AttributeSpec("category", .text),
        AttributeSpec("kind", .choice(["ukm", "ikm", "umkm"])), AttributeSpec("phone", .text),
    ]
    static let productAttributes: [AttributeSpec] = [
        AttributeSpec("name", .text), AttributeSpec("category", .text),
        AttributeSpec("price", .money), AttributeSpec("unit", .text),
    ]
    static let saleAttributes: [AttributeSpec] = [
        AttributeSpec("qty", .count), AttributeSpec("price", .money), AttributeSpec("amount", .money),
        AttributeSpec("channel", .choice(["online", "offline"])),
        AttributeSpec("day", .count), AttributeSpec("date", .day),
        AttributeSpec("buyer", .text), AttributeSpec("ref", .text), AttributeSpec("note", .text),
    ]
    static let limit = AttributeSpec("limit", .count)
    public static let formats = ["table", "csv", "json", "markdown"]

    public static let all: [CommandSpec] = [
        CommandSpec(.openEvent, "open event", positionals: [PositionalSpec("id", .id)], attributes: eventAttributes,
                    usage: "open event ID [on DATE | from DATE to DATE] [name TEXT] [program P] [mode online|offline|hybrid] [channel TEXT] [kota K] [kecamatan K] [level kecamatan|kota|provinsi] [venue TEXT] [target MONEY]",
                    summary: "create an event (a bazaar) with its dates, or make an existing one current",
                    example: "open event jakpus-2021-09 name \"Bazar Hybrid Jakarta Pusat\" mode hybrid from 2021-09-23 to 2021-09-24 target 150jt",
                    changes: true),
        CommandSpec(.closeEvent, "close event", positionals: [PositionalSpec("id", .id, optional: true)],
                    usage: "close event [ID]", summary: "close an event (the current one by default): no more sales may be added",
                    example: "close event borju-2020-08", changes: true),
        CommandSpec(.reopenEvent, "reopen event", positionals: [PositionalSpec("id", .id)],
                    usage: "reopen event ID", summary: "reopen a closed event so sales may be added again",
                    example: "reopen event borju-2020-08", changes: true),
        CommandSpec(.editEvent, "edit event", positionals: [PositionalSpec("id", .id)], attributes: eventAttributes,
                    usage: "edit event ID ATTRIBUTE VALUE …", summary: "change an event's attributes or dates",
                    example: "edit event jakpus-2021-09 target 150jt venue \"Lapangan Banteng\"", changes: true),
        CommandSpec(.editParticipant, "edit participant", positionals: [PositionalSpec("id", .id)], attributes: participantAttributes,
                    usage: "edit participant ID ATTRIBUTE VALUE …", summary: "change a participant's attributes",
                    example: "edit participant wedang-batavia phone \"0812-1234-5678\"", changes: true),
        CommandSpec(.editProduct, "edit product", positionals: [PositionalSpec("ref", .ref)], attributes: productAttributes,
                    usage: "edit product PARTICIPANT/PRODUCT ATTRIBUTE VALUE …", summary: "change a product's attributes",
                    example: "edit product wedang-batavia/bir-pletok price 27rb", changes: true),
        CommandSpec(.day, "day", positionals: [PositionalSpec("n", .count)],
                    usage: "day N", summary: "make day N of the current event the sale date (day 1 is its first day)",
                    example: "day 2"),
        CommandSpec(.date, "date", positionals: [PositionalSpec("date", .day)],
                    usage: "date DATE", summary: "make DATE (inside the current event) the sale date",
                    example: "date 24 September 2021"),
        CommandSpec(.at, "at", positionals: [PositionalSpec("participant", .idOrDash)],
                    usage: "at PARTICIPANT | at -", summary: "make a participant's stall current, so product refs can be short; '-' for none",
                    example: "at wedang-batavia"),
        CommandSpec(.addParticipant, "add participant", positionals: [PositionalSpec("id", .id)], attributes: participantAttributes,
                    usage: "add participant ID [name TEXT] [owner TEXT] [kota K] [kecamatan K] [kelurahan K] [category C] [kind ukm|ikm|umkm] [phone TEXT]",
                    summary: "register a business that takes part in bazaars",
                    example: "add participant wedang-batavia name \"Wedang Batavia 86\" owner \"Teguh Cahya Gumelar\" kota \"Jakarta Selatan\" category minuman kind ukm",
                    changes: true),
        CommandSpec(.addProduct, "add product", positionals: [PositionalSpec("ref", .ref)], attributes: productAttributes,
                    usage: "add product PARTICIPANT/PRODUCT [name TEXT] [category C] [price MONEY] [unit U]",
                    summary: "add a product a participant sells, with its list price",
                    example: "add product wedang-batavia/bir-pletok name \"Bir Pletok Tubruk\" price 25rb unit botol",
                    changes: true),
        CommandSpec(.addStall, "add stall", positionals: [PositionalSpec("participant", .id)],
                    attributes: [AttributeSpec("products", .idList)],
                    usage: "add stall PARTICIPANT [products P1 P2 …]",
                    summary: "give a participant a stall at the current event and list the products it markets there",
                    example: "add stall wedang-batavia products bir-pletok wedang-komplit", changes: true),
        CommandSpec(.addSale, "add sale", positionals: [PositionalSpec("item", .ref), PositionalSpec("qty", .count, optional: true)],
                    attributes: saleAttributes,
                    usage: "add sale REF [qty] N [price MONEY | amount MONEY] [channel online|offline] [day N | date DATE] [buyer TEXT] [ref TEXT] [note TEXT]",
                    summary: "record a sale at the current event: amount is the line's total, price is per unit (default: the list price)",
                    example: "add sale wedang-batavia/bir-pletok 3 price 25rb buyer Bekasi", changes: true),
        CommandSpec(.voidSale, "void sale", positionals: [PositionalSpec("n", .saleNumber)], attributes: [AttributeSpec("reason", .text)],
                    usage: "void sale N|last [reason TEXT]", summary: "mark a sale void: it stays in the store but reports leave it out ('last': the sale you added last)",
                    example: "void sale 1234 reason \"double entry\"", changes: true),
        CommandSpec(.importOrders, "import orders", positionals: [PositionalSpec("file", .path)],
                    attributes: [AttributeSpec("format", .choice(ImportFormat.allCases.map(\.rawValue))), AttributeSpec("event", .id),
                                 AttributeSpec("dry-run", .flag)],
                    usage: "import orders FILE [format tokopedia|tiktok|shopee|csv] [event ID] [dry-run]",
                    summary: "turn a marketplace order export (.xlsx or .csv) into sales: all of it or, on an error, none of it",
                    example: "import orders penjualan-november.xlsx dry-run", changes: true),
        CommandSpec(.mapSku, "map sku", positionals: [PositionalSpec("text", .text)], attributes: [AttributeSpec("to", .ref)],
                    usage: "map sku TEXT to PARTICIPANT/PRODUCT",
                    summary: "say which product a marketplace SKU or product name is, for 'import orders'",
                    example: "map sku BP-500 to wedang-batavia/bir-pletok", changes: true),
        CommandSpec(.listMaps, "list maps", attributes: [limit],
                    usage: "list maps [limit N]", summary: "the SKU and product-name mappings made with 'map sku'",
                    example: "list maps"),
        CommandSpec(.undo, "undo", usage: "undo", summary: "revert this session's last change (repeatable)", example: "undo"),
        CommandSpec(.listEvents, "list events",
                    attributes: [AttributeSpec("program", .text), AttributeSpec("mode", .choice(["online", "offline", "hybrid"])),
                                 AttributeSpec("kota", .text), AttributeSpec("level", .choice(["kecamatan", "kota", "provinsi"])),
                                 AttributeSpec("period", .period), limit],
                    usage: "list events [program P] [mode M] [kota K] [level L] [period PERIOD] [limit N]",
                    summary: "list events, oldest first", example: "list events program BORJU period 2020"),
        CommandSpec(.listParticipants, "list participants",
                    attributes: [AttributeSpec("kota", .text), AttributeSpec("kecamatan", .text), AttributeSpec("category", .text),
                                 AttributeSpec("kind", .choice(["ukm", "ikm", "umkm"])), AttributeSpec("event", .id), limit],
                    usage: "list participants [kota K] [kecamatan K] [category C] [kind K] [event E] [limit N]",
                    summary: "list participants by id", example: "list participants kecamatan Koja"),
        CommandSpec(.listProducts, "list products",
                    attributes: [AttributeSpec("participant", .id), AttributeSpec("category", .text), AttributeSpec("event", .id), limit],
                    usage: "list products [participant P] [category C] [event E] [limit N]",
                    summary: "list products by participant and id", example: "list products participant wedang-batavia"),
        CommandSpec(.listStalls, "list stalls",
                    attributes: [AttributeSpec("event", .id), AttributeSpec("participant", .id), limit],
                    usage: "list stalls [event E] [participant P] [limit N]",
                    summary: "list stalls and the products they list (the current event's by default)",
                    example: "list stalls event jakpus-2021-09"),
        CommandSpec(.listSales, "list sales",
                    attributes: [AttributeSpec("event", .id), AttributeSpec("participant", .id), AttributeSpec("product", .ref),
                                 AttributeSpec("date", .day), AttributeSpec("period", .period),
                                 AttributeSpec("channel", .choice(["online", "offline"])), AttributeSpec("buyer", .text),
                                 AttributeSpec("void", .choice(["yes", "no", "all"])), limit, AttributeSpec("last", .count)],
                    usage: "list sales [event E] [participant P] [product P/Q] [date DATE] [period PERIOD] [channel C] [buyer B] [void yes|no|all] [limit N | last N]",
                    summary: "list sales in order (the current event's by default; voided ones included, marked, with why); 'last N': the newest N",
                    example: "list sales date 2021-09-23 limit 20"),
        CommandSpec(.showEvent, "show event", positionals: [PositionalSpec("id", .id, optional: true)],
                    usage: "show event [ID]", summary: "show an event's attributes (the current one by default)", example: "show event borju-2020-08"),
        CommandSpec(.showParticipant, "show participant", positionals: [PositionalSpec("id", .id)],
                    usage: "show participant ID", summary: "show a participant's attributes", example: "show participant wedang-batavia"),
        CommandSpec(.showProduct, "show product", positionals: [PositionalSpec("ref", .ref)],
                    usage: "show product PARTICIPANT/PRODUCT", summary: "show a product's attributes", example: "show product wedang-batavia/bir-pletok"),
        CommandSpec(.showSale, "show sale", positionals: [PositionalSpec("n", .count)],
                    usage: "show sale N", summary: "show one sale", example: "show sale 1234"),
        CommandSpec(.report, "report", positionals: [PositionalSpec("words", .rest, optional: true)],
                    usage: "report month|year|event|range|participant|top|unsold …",
                    summary: "omzet, units, sales, participants and products over a period, with filters and 'by DIMENSION'",
                    example: "report month Agustus 2020"),
        CommandSpec(.run, "run", positionals: [PositionalSpec("file", .path)],
                    usage: "run FILE", summary: "run a script file: all of it or, if it stops on an error, none of it",
                    example: "run sales-0923.bazar"),
        CommandSpec(.record, "record", positionals: [PositionalSpec("file", .path)],
                    usage: "record FILE | record off", summary: "append each successful change command to FILE as a script",
                    example: "record today.bazar"),
        CommandSpec(.dump, "dump", usage: "dump", summary: "print the whole store as a script that rebuilds it",
                    example: "dump > backup.bazar"),
        CommandSpec(.history, "history", positionals: [PositionalSpec("n", .count, optional: true)],
                    usage: "history [N]", summary: "the commands typed, newest last", example: "history 20"),
        CommandSpec(.log, "log", positionals: [PositionalSpec("n", .count, optional: true)],
                    usage: "log [N]", summary: "the store's change log: when, who and what, oldest first", example: "log 50"),
        CommandSpec(.setFormat, "set format", positionals: [PositionalSpec("format", .choice(formats))],
                    usage: "set format table|csv|json|markdown", summary: "choose how results are printed", example: "set format csv"),
        CommandSpec(.setOnError, "set on-error", positionals: [PositionalSpec("policy", .choice(["stop", "continue"]))],
                    usage: "set on-error stop|continue", summary: "in scripts, stop at the first error (and keep nothing) or skip bad lines",
                    example: "set on-error continue"),
        CommandSpec(.setTiming, "set timing", positionals: [PositionalSpec("switch", .choice(["on", "off"]))],
                    usage: "set timing on|off", summary: "print the time each command takes", example: "set timing on"),
        CommandSpec(.setPager, "set pager", positionals: [PositionalSpec("switch", .choice(["on", "off"]))],
                    usage: "set pager on|off", summary: "send output longer than the screen through $PAGER", example: "set pager off"),
        CommandSpec(.setCsvBom, "set csv", positionals: [PositionalSpec("setting", .choice(["bom"])), PositionalSpec("switch", .choice(["on", "off"]))],
                    usage: "set csv bom on|off", summary: "start CSV files with a UTF-8 byte order mark, for Excel on Windows",
                    example: "set csv bom on"),
        CommandSpec(.setLanguage, "set language", positionals: [PositionalSpec("language", .choice(["id", "en"]), optional: true)],
                    usage: "set language [id|en]", summary: "speak Bahasa Indonesia (id) or English (en); alone, show which",
                    example: "set language id"),
        CommandSpec(.help, "help", positionals: [PositionalSpec("command", .rest, optional: true)],
                    usage: "help [COMMAND]", summary: "list the commands, or show one command's syntax and an example", example: "help add sale"),
        CommandSpec(.quit, "quit", usage: "quit", summary: "leave bazar (also: exit, Ctrl-D)", example: "quit"),
        CommandSpec(.quit, "exit", usage: "exit", summary: "leave bazar (also: quit, Ctrl-D)", example: "exit"),
    ]

    /// The commands by their first word, for the parser's first look at a line.
    static let byFirstWord: [String: [CommandSpec]] = Dictionary(grouping: all, by: { $0.words[0] })

    public static func spec(_ kind: CommandKind) -> CommandSpec {
        all.first { $0.kind == kind }!
    }
}
