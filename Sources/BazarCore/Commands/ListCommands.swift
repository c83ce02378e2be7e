import GRDB

/// `list …` and `show …`: things in the store as tables keyed by the attribute names of SPEC section 2.
extension Session {
    static let eventColumns = ["id", "name", "program", "mode", "channel", "kota", "kecamatan", "level", "venue", "from", "to", "target", "closed"]
    static let participantColumns = ["id"] + ParticipantRecord.textAttributes
    static let productColumns = ["id", "participant", "name", "category", "price", "unit"]
    static let stallColumns = ["event", "participant", "products"]
    static let saleColumns = ["id", "event", "date", "participant", "product", "qty", "amount", "channel", "buyer", "ref", "note", "void", "void_reason"]

    static func text(_ s: String?) -> Cell { s.map(Cell.text) ?? .null }

    static func row(_ e: EventRecord) -> [Cell] {
        [.text(e.id), text(e.name), text(e.program), .text(e.mode), text(e.channel), text(e.kota), text(e.kecamatan),
         text(e.level), text(e.venue), .day(e.start.iso), .day(e.end.iso), e.target.map(Cell.money) ?? .null, .bool(e.closed)]
    }

    static func row(_ p: ParticipantRecord) -> [Cell] {
        [.text(p.id)] + ParticipantRecord.textAttributes.map { text(p.fields[$0]) }
    }

    /// A product's category defaults to its participant's.
    static let productSelect = """
        SELECT pa.id || '/' || pr.id, pa.id, pr.name, COALESCE(pr.category, pa.category), pr.price, pr.unit
        FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
        """

    func listEvents(_ cmd: ParsedCommand) throws -> Outcome {
        var clauses: [String] = []
        var args: [(any StoreValueConvertible)?] = []
        for name in ["program", "mode", "kota", "level"] where cmd.has(name) {
            clauses.append("\(name) = ? COLLATE NOCASE")
            args.append(cmd.text(name))
        }
        if let p = cmd.period("period") {
            clauses.append("start_date <= ? AND end_date >= ?")
            args += [p.end.iso, p.start.iso]
        }
        let events = try records.events(whereSQL: Session.whereSQL(clauses), arguments: StoreArguments(args), limit: cmd.count("limit"))
        return .table(ResultTable(columns: Session.eventColumns, rows: events.map(Session.row)))
    }

    func listParticipants(_ cmd: ParsedCommand) throws -> Outcome {
        var clauses: [String] = []
        var args: [(any StoreValueConvertible)?] = []
        for name in ["kota", "kecamatan", "category", "kind"] where cmd.has(name) {
            clauses.append("p.\(name) = ? COLLATE NOCASE")
            args.append(cmd.text(name))
        }
        if cmd.has("event") {
            let e = try eventArgument(cmd, name: "event")
            clauses.append("p.participant_no IN (SELECT participant_no FROM stall WHERE event_no = ?)")
            args.append(e.no)
        }
        let list = try records.participants(whereSQL: Session.whereSQL(clauses), arguments: StoreArguments(args), limit: cmd.count("limit"))
        return .table(ResultTable(columns: Session.participantColumns, rows: list.map(Session.row)))
    }

    func listProducts(_ cmd: ParsedCommand) throws -> Outcome {
        var clauses: [String] = []
        var args: [(any StoreValueConvertible)?] = []
        if let id = cmd.text("participant") {
            let p = try participant(id, at: cmd.span("participant"))
            clauses.append("pr.participant_no = ?")
            args.append(p.no)
        }
        if let c = cmd.text("category") {
            clauses.append("COALESCE(pr.category, pa.category) = ? COLLATE NOCASE")
            args.append(c)
        }
        if cmd.has("event") {
            let e = try eventArgument(cmd, name: "event")
            clauses.append("pr.product_no IN (SELECT l.product_no FROM listing l JOIN stall s ON s.stall_no = l.stall_no WHERE s.event_no = ?)")
            args.append(e.no)
        }
        let sql = Session.productSelect + " " + Session.whereSQL(clauses) + " ORDER BY \(store.dialect.idOrder("pa.id")), \(store.dialect.idOrder("pr.id"))" + Session.limitSQL(cmd)
        let rows = try store.rows(sql, StoreArguments(args)).map { r -> [Cell] in
            [.text(r[0]), .text(r[1]), Session.text(r[2]), Session.text(r[3]), (r[4] as Int64?).map(Cell.money) ?? .null, Session.text(r[5])]
        }
        return .table(ResultTable(columns: Session.productColumns, rows: rows))
    }

    func listStalls(_ cmd: ParsedCommand) throws -> Outcome {
        let (clauses, args) = try eventAndParticipantFilter(cmd, participantColumn: "s.participant_no")
        let sql = """
            SELECT e.id, pa.id, (SELECT \(store.dialect.groupConcat("x.id")) FROM (SELECT pr.id FROM listing l JOIN product pr ON pr.product_no = l.product_no
                                 WHERE l.stall_no = s.stall_no ORDER BY \(store.dialect.idOrder("pr.id"))) x)
            FROM stall s JOIN event e ON e.event_no = s.event_no JOIN participant pa ON pa.participant_no = s.participant_no
            \(Session.whereSQL(clauses)) ORDER BY e.start_date, \(store.dialect.idOrder("e.id")), \(store.dialect.idOrder("pa.id"))\(Session.limitSQL(cmd))
            """
        let rows = try store.rows(sql, StoreArguments(args)).map { r -> [Cell] in
            let products: String? = r[2]
            return [.text(r[0]), .text(r[1]), .list(products.map { $0.split(separator: " ").map(String.init) } ?? [])]
        }
        return .table(ResultTable(columns: Session.stallColumns, rows: rows))
    }

    var saleSelect: String { Session.saleSelect(store.dialect.dayText("s.day")) }
    static func saleSelect(_ dayColumn: String) -> String { """
        SELECT s.id, e.id, \(dayColumn), pa.id, pr.id, s.qty, s.amount, s.channel, s.buyer, s.ref, s.note, s.void, s.void_reason
        FROM sale s JOIN event e ON e.event_no = s.event_no JOIN stall st ON st.stall_no = s.stall_no
        JOIN participant pa ON pa.participant_no = st.participant_no LEFT JOIN product pr ON pr.product_no = s.product_no
        """ }

    static func saleRow(_ r: StoreRow) -> [Cell] {
        [.int(r[0]), .text(r[1]), .day(r[2]), .text(r[3]), text(r[4]), .int(r[5]), .money(r[6]), .text(r[7]),
         text(r[8]), text(r[9]), text(r[10]), .bool(r[11]), text(r[12])]
    }

    func listSales(_ cmd: ParsedCommand) throws -> Outcome {
        var (clauses, args) = try eventAndParticipantFilter(cmd, participantColumn: "st.participant_no", dayColumn: "s.day")
        if cmd.has("product") {
            let p = try productRef(cmd, "product")
            clauses.append("s.product_no = ?")
            args.append(p.no)
        }
        if let d = cmd.day("date") {
            clauses.append("s.day = ?")
            args.append(d.iso)
        }
        if let p = cmd.period("period") {
            clauses.append("s.day BETWEEN ? AND ?")
            args += [p.start.iso, p.end.iso]
        }
        if let c = cmd.text("channel") {
            clauses.append("s.channel = ?")
            args.append(c)
        }
        if let b = cmd.text("buyer") {
            clauses.append("s.buyer = ? COLLATE NOCASE")
            args.append(b)
        }
        switch cmd.text("void") {
        case "yes": clauses.append("s.void = 1")
        case "no": clauses.append("s.void = 0")
        default: break
        }
        // `last N`: the newest N, still shown oldest first (what an officer just typed, in the order typed).
        if let n = cmd.count("last") {
            if cmd.has("limit") { throw BazarError(.unexpectedWord("limit", usage: cmd.spec.usage), at: cmd.span("limit")) }
            let sql = saleSelect + " " + Session.whereSQL(clauses) + " ORDER BY s.id DESC LIMIT \(n)"
            let rows = try store.rows(sql, StoreArguments(args)).reversed().map(Session.saleRow)
            return .table(ResultTable(columns: Session.saleColumns, rows: rows))
        }
        let sql = saleSelect + " " + Session.whereSQL(clauses) + " ORDER BY s.id" + Session.limitSQL(cmd)
        let rows = try store.rows(sql, StoreArguments(args)).map(Session.saleRow)
        return .table(ResultTable(columns: Session.saleColumns, rows: rows))
    }

    /// `event E` (else the current event, if any) and `participant P`, for the stall and sale lists.
    /// `event` (default: the current event) and `participant` filters. For sales (`dayColumn`), each also
    /// bounds the sale's day by its event's dates, always true, so that SQLite finds the sales in the
    /// `sale_day` index by day instead of reading them all (sales are not indexed by event or stall).
    func eventAndParticipantFilter(_ cmd: ParsedCommand, participantColumn: String, dayColumn: String? = nil) throws -> ([String], [(any StoreValueConvertible)?]) {
        var clauses: [String] = []
        var args: [(any StoreValueConvertible)?] = []
        if cmd.has("event") || context.event != nil {
            let e = try eventArgument(cmd, name: "event")
            clauses.append("s.event_no = ?")
            args.append(e.no)
            if let dayColumn {
                clauses.append("\(dayColumn) BETWEEN ? AND ?")
                args += [e.start.iso, e.end.iso]
            }
        }
        if let id = cmd.text("participant") {
            let p = try participant(id, at: cmd.span("participant"))
            clauses.append("\(participantColumn) = ?")
            args.append(p.no)
            if let dayColumn { clauses.append("\(dayColumn) BETWEEN e.start_date AND e.end_date") }
        }
        return (clauses, args)
    }

    static func whereSQL(_ clauses: [String]) -> String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }

    static func limitSQL(_ cmd: ParsedCommand) -> String {
        cmd.count("limit").map { " LIMIT \($0)" } ?? ""
    }

    func showEvent(_ cmd: ParsedCommand) throws -> Outcome {
        let e = try eventArgument(cmd)
        return .record(ResultTable(columns: Session.eventColumns, rows: [Session.row(e)]))
    }

    func showParticipant(_ cmd: ParsedCommand) throws -> Outcome {
        let p = try participantDetails(cmd.text("id")!, at: cmd.span("id"))
        return .record(ResultTable(columns: Session.participantColumns, rows: [Session.row(p)]))
    }

    func showProduct(_ cmd: ParsedCommand) throws -> Outcome {
        let p = try productRef(cmd)
        let r = try store.row(Session.productSelect + " WHERE pr.product_no = ?", arguments: [p.no])!
        let row: [Cell] = [.text(r[0]), .text(r[1]), Session.text(r[2]), Session.text(r[3]), (r[4] as Int64?).map(Cell.money) ?? .null, Session.text(r[5])]
        return .record(ResultTable(columns: Session.productColumns, rows: [row]))
    }

    func showSale(_ cmd: ParsedCommand) throws -> Outcome {
        let n = cmd.count("n")!
        guard let r = try store.row(saleSelect + " WHERE s.id = ?", arguments: [n]) else {
            throw BazarError(.unknownSale(n), at: cmd.span("n"))
        }
        return .record(ResultTable(columns: Session.saleColumns, rows: [Session.saleRow(r)]))
    }
}
