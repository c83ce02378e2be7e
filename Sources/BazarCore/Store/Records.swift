
/// An event (a bazaar) as stored.
public struct EventRecord: Sendable, Equatable {
    public var no: Int64 = 0
    public var id: String
    public var name: String?
    public var program: String?
    public var mode: String = "offline"
    public var channel: String?
    public var kota: String?
    public var kecamatan: String?
    public var level: String?
    public var venue: String?
    public var start: Day
    public var end: Day
    public var target: Int64?
    public var closed: Bool = false

    public var dayCount: Int { end.ordinal - start.ordinal + 1 }

    /// The attributes as text, by the attribute names of SPEC section 2 (dates apart).
    public func text(_ attribute: String) -> String? {
        switch attribute {
        case "name": return name
        case "program": return program
        case "mode": return mode
        case "channel": return channel
        case "kota": return kota
        case "kecamatan": return kecamatan
        case "level": return level
        case "venue": return venue
        default: return nil
        }
    }

    public mutating func setText(_ attribute: String, _ value: String) {
        switch attribute {
        case "name": name = value
        case "program": program = value
        case "mode": mode = value
        case "channel": channel = value
        case "kota": kota = value
        case "kecamatan": kecamatan = value
        case "level": level = value
        case "venue": venue = value
        default: break
        }
    }
    static let textAttributes = ["name", "program", "mode", "channel", "kota", "kecamatan", "level", "venue"]
}

public struct ParticipantRecord: Sendable, Equatable {
    public var no: Int64 = 0
    public var id: String
    public var fields: [String: String] = [:]
    static let textAttributes = ["name", "owner", "kota", "kecamatan", "kelurahan", "category", "kind", "phone"]

    /// Number and id only: what lookup caches keep (a script may name 20,000 participants).
    var lookupOnly: ParticipantRecord { ParticipantRecord(no: no, id: id) }
}

public struct ProductRecord: Sendable, Equatable {
    public var no: Int64 = 0
    public var participantNo: Int64
    public var participantID: String
    public var id: String
    public var name: String?
    public var category: String?
    public var price: Int64?
    public var unit: String?
    public var ref: String { "\(participantID)/\(id)" }
    static let textAttributes = ["name", "category", "unit"]

    /// Numbers, ids and price only: what lookup caches keep (a script may name 60,000 products).
    var lookupOnly: ProductRecord { ProductRecord(no: no, participantNo: participantNo, participantID: participantID, id: id, price: price) }
}

public struct SaleRecord: Sendable, Equatable {
    public var id: Int64 = 0
    public var eventNo: Int64
    public var stallNo: Int64
    public var productNo: Int64?
    public var day: Day
    public var qty: Int64
    public var amount: Int64
    public var channel: String
    public var buyer: String?
    public var ref: String?
    public var note: String?
    public var void: Bool = false
    public var voidReason: String?
}

extension SaleRecord {
    /// Binds the sale to `saleInsert()`'s ten parameters (event … note), in their order.
    func bind(to st: any StoreStatement) {
        st.bind(1, eventNo)
        st.bind(2, stallNo)
        st.bind(3, productNo)
        st.bind(4, day: day)
        st.bind(5, qty)
        st.bind(6, amount)
        st.bind(7, channel)
        st.bind(8, buyer)
        st.bind(9, ref)
        st.bind(10, note)
    }
}

/// The store's named reads and writes, on one connection. Statements are cached (prepared once).
public struct Records {
    public let store: any StoreConnection
    /// Where the writes of a command `undo` may take back are noted (nil: they are not kept).
    let journal: UndoJournal?
    /// A script on a server keeps its channel bits until its end (DeferredChannels.swift).
    var deferred: DeferredChannels?
    /// A script on a server sends its sales in batches (PostgresSaleBatch.swift).
    var saleBatch: PostgresSaleBatch?

    public init(_ store: any StoreConnection) {
        self.store = store
        self.journal = nil
        self.deferred = nil
    }

    init(_ store: any StoreConnection, journal: UndoJournal?, deferred: DeferredChannels? = nil, saleBatch: PostgresSaleBatch? = nil) {
        self.store = store
        self.journal = journal
        self.deferred = deferred
        // (`undo` needs each sale's number at once: a captured script writes its sales one by one.)
        self.saleBatch = journal == nil ? saleBatch : nil
    }

    var dialect: SQLDialect { store.dialect }

    // MARK: events

    static let eventColumns = "event_no, id, name, program, mode, channel, kota, kecamatan, level, venue, start_date, end_date, target, closed"

    static func event(from row: StoreRow) -> EventRecord {
        EventRecord(
            no: row[0], id: row[1], name: row[2], program: row[3], mode: row[4], channel: row[5], kota: row[6],
            kecamatan: row[7], level: row[8], venue: row[9],
            start: Day(iso: row[10]) ?? Day(year: 1970, month: 1, day: 1)!, end: Day(iso: row[11]) ?? Day(year: 1970, month: 1, day: 1)!,
            target: row[12], closed: row[13])
    }

    public func event(id: String) throws -> EventRecord? {
        try store.row("SELECT \(eventSelect) FROM event WHERE id = ?", [id]).map(Records.event(from:))
    }

    /// The event columns, days as ISO text on both backends.
    var eventSelect: String {
        Records.eventColumns.replacingOccurrences(of: "start_date, end_date", with: "\(dialect.dayText("start_date")), \(dialect.dayText("end_date"))")
    }

    public func events(whereSQL: String = "", arguments: StoreArguments = .none, limit: Int64? = nil) throws -> [EventRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        return try store.rows("SELECT \(eventSelect) FROM event \(whereSQL) ORDER BY start_date, \(dialect.idOrder("id"))\(lim)", arguments)
            .map(Records.event(from:))
    }

    public func insertEvent(_ e: EventRecord) throws -> Int64 {
        let no = try store.insert("""
            INSERT INTO event (id, name, program, mode, channel, kota, kecamatan, level, venue, start_date, end_date, target, closed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [e.id, e.name, e.program, e.mode, e.channel, e.kota, e.kecamatan, e.level, e.venue,
                             e.start.iso, e.end.iso, e.target, e.closed], key: "event_no")
        inserted(.event, key: [.int(no)])
        saleBatch?.stalls.eventMade(no)
        return no
    }

    public func updateEvent(_ e: EventRecord) throws {
        try updating(.event, key: [.int(e.no)]) {
            try store.execute("""
            UPDATE event SET name = ?, program = ?, mode = ?, channel = ?, kota = ?, kecamatan = ?, level = ?, venue = ?,
            start_date = ?, end_date = ?, target = ?, closed = ? WHERE event_no = ?
            """, [e.name, e.program, e.mode, e.channel, e.kota, e.kecamatan, e.level, e.venue,
                             e.start.iso, e.end.iso, e.target, e.closed, e.no])
        }
    }

    /// Sales of an event (void or not) whose day falls outside `start...end`. Its sales lie within its stored
    /// dates, which bound the scan of `sale_day`.
    public func salesOutside(eventNo: Int64, start: Day, end: Day) throws -> Int {
        try store.value("""
            SELECT count(*) FROM sale s JOIN event e ON e.event_no = s.event_no
            WHERE s.event_no = ? AND s.day BETWEEN e.start_date AND e.end_date AND (s.day < ? OR s.day > ?)
            """, [eventNo, start.iso, end.iso]) ?? 0
    }

    // MARK: participants

    static let participantColumns = "participant_no, id, name, owner, kota, kecamatan, kelurahan, category, kind, phone"

    static func participant(from row: StoreRow) -> ParticipantRecord {
        var p = ParticipantRecord(no: row[0], id: row[1])
        for (i, a) in ParticipantRecord.textAttributes.enumerated() {
            if let v: String = row[i + 2] { p.fields[a] = v }
        }
        return p
    }

    public func participant(id: String) throws -> ParticipantRecord? {
        if let waiting = saleBatch?.records, !waiting.isEmpty { try waiting.flush() }   // (PostgresNewRecords.swift)
        let st = try store.statement("SELECT \(Records.participantColumns) FROM participant WHERE id = ?")
        st.bind(1, id)
        return try st.first { Records.participant(from: $0, id: id) }
    }

    /// A participant from a statement's first columns, `participantColumns` in order.
    static func participant(from r: any StoreStatement, id: String) -> ParticipantRecord {
        var p = ParticipantRecord(no: r.int(0), id: r.text(1) ?? id)
        for (i, a) in ParticipantRecord.textAttributes.enumerated() {
            if let v = r.text(Int32(i + 2)) { p.fields[a] = v }
        }
        return p
    }

    public func participants(whereSQL: String = "", arguments: StoreArguments = .none, limit: Int64? = nil) throws -> [ParticipantRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        let cols = Records.participantColumns.split(separator: ",").map { "p." + $0.trimmingCharacters() }.joined(separator: ", ")
        return try store.rows("SELECT \(cols) FROM participant p \(whereSQL) ORDER BY \(dialect.idOrder("p.id"))\(lim)", arguments)
            .map(Records.participant(from:))
    }

    /// A new participant's number; 0 when one with this id exists (the UNIQUE index answers, without a lookup first).
    /// (`number`: one bazar took from the sequence, PostgresNewRecords.swift.)
    public func insertParticipant(_ p: ParticipantRecord, number: Int64? = nil) throws -> Int64 {
        let cols = ParticipantRecord.textAttributes
        let st = try number == nil
            ? store.statement("INSERT INTO participant (id, \(cols.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: cols.count))) ON CONFLICT DO NOTHING", returning: "participant_no")
            : store.statement("INSERT INTO participant (id, \(cols.joined(separator: ", ")), participant_no) VALUES (?\(String(repeating: ", ?", count: cols.count + 1))) ON CONFLICT DO NOTHING", returning: "participant_no")
        st.bind(1, p.id)
        for (i, a) in cols.enumerated() { st.bind(Int32(i + 2), p.fields[a]) }
        if let number { st.bind(Int32(cols.count + 2), number) }
        let no = try st.insert()
        if no != 0 { inserted(.participant, key: [.int(no)]) }
        return no
    }

    public func updateParticipant(_ p: ParticipantRecord) throws {
        let cols = ParticipantRecord.textAttributes
        try updating(.participant, key: [.int(p.no)]) {
            try store.execute("UPDATE participant SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")) WHERE participant_no = ?",
                              StoreArguments(cols.map { p.fields[$0].storeValue } + [.int(p.no)]))
        }
    }

    // MARK: products

    static let productColumns = "pr.product_no, pr.participant_no, pa.id, pr.id, pr.name, pr.category, pr.price, pr.unit"

    static func product(from row: StoreRow) -> ProductRecord {
        ProductRecord(no: row[0], participantNo: row[1], participantID: row[2], id: row[3], name: row[4],
                      category: row[5], price: row[6], unit: row[7])
    }

    public func product(participantNo: Int64, id: String) throws -> ProductRecord? {
        if let waiting = saleBatch?.records, !waiting.isEmpty { try waiting.flush() }   // (PostgresNewRecords.swift)
        let st = try store.statement("""
            SELECT \(Records.productColumns) FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
            WHERE pr.participant_no = ? AND pr.id = ?
            """)
        st.bind(1, participantNo)
        st.bind(2, id)
        return try st.first { r in
            ProductRecord(no: r.int(0), participantNo: r.int(1), participantID: r.text(2) ?? "", id: r.text(3) ?? id,
                          name: r.text(4), category: r.text(5), price: r.optionalInt(6), unit: r.text(7))
        }
    }

    public func products(whereSQL: String = "", arguments: StoreArguments = .none, limit: Int64? = nil) throws -> [ProductRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        return try store.rows("""
            SELECT \(Records.productColumns) FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
            \(whereSQL) ORDER BY \(dialect.idOrder("pa.id")), \(dialect.idOrder("pr.id"))\(lim)
            """, arguments).map(Records.product(from:))
    }

    public func productIDs(participantNo: Int64) throws -> [String] {
        try store.values("SELECT id FROM product WHERE participant_no = ? ORDER BY \(dialect.idOrder("id"))", [participantNo])
    }

    /// The participant of some product with this id, if any (for a helpful error).
    public func ownerOfProduct(id: String) throws -> String? {
        try store.value("""
            SELECT pa.id FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no WHERE pr.id = ? ORDER BY \(dialect.idOrder("pa.id")) LIMIT 1
            """, [id])
    }

    /// A new product's number; 0 when the participant has one with this id.
    /// (`number`: one bazar took from the sequence, PostgresNewRecords.swift.)
    public func insertProduct(_ p: ProductRecord, number: Int64? = nil) throws -> Int64 {
        let st = try number == nil
            ? store.statement("INSERT INTO product (participant_no, id, name, category, price, unit) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", returning: "product_no")
            : store.statement("INSERT INTO product (participant_no, id, name, category, price, unit, product_no) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", returning: "product_no")
        if let number { st.bind(7, number) }
        st.bind(1, p.participantNo)
        st.bind(2, p.id)
        st.bind(3, p.name)
        st.bind(4, p.category)
        st.bind(5, p.price)
        st.bind(6, p.unit)
        let no = try st.insert()
        if no != 0 { inserted(.product, key: [.int(no)]) }
        return no
    }

    public func updateProduct(_ p: ProductRecord) throws {
        try updating(.product, key: [.int(p.no)]) {
            try store.execute("UPDATE product SET name = ?, category = ?, price = ?, unit = ? WHERE product_no = ?",
                              [p.name, p.category, p.price, p.unit, p.no])
        }
    }

    // MARK: stalls and listings

    /// What an officer's `add sale PARTICIPANT/PRODUCT` needs, in one query: the participant, its product, its
    /// stall at the event and the listing's channels (nil where there is none). On a server each lookup is a round
    /// trip and a statement, and a shell's lookups start afresh each line (another officer may have changed what
    /// they found); this is one of each instead of four. Nil when the participant does not exist.
    public func saleItem(participantID: String, productID: String, eventNo: Int64)
        throws -> (participant: ParticipantRecord, product: ProductRecord?, stallNo: Int64?, channels: Int64?)? {
        let participantColumns = Records.participantColumns.split(separator: ",").map { "pa." + $0.drop { $0 == " " } }
        let st = try store.statement("""
            SELECT \(participantColumns.joined(separator: ", ")),
                   pr.product_no, pr.id, pr.name, pr.category, pr.price, pr.unit, st.stall_no, l.channels
            FROM participant pa
            LEFT JOIN product pr ON pr.participant_no = pa.participant_no AND pr.id = ?2
            LEFT JOIN stall st ON st.event_no = ?3 AND st.participant_no = pa.participant_no
            LEFT JOIN listing l ON l.stall_no = st.stall_no AND l.product_no = pr.product_no
            WHERE pa.id = ?1
            """)
        st.bind(1, participantID)
        st.bind(2, productID)
        st.bind(3, eventNo)
        return try st.first { r in
            let p = Records.participant(from: r, id: participantID)
            let product = r.optionalInt(10).map {
                ProductRecord(no: $0, participantNo: p.no, participantID: p.id, id: r.text(11) ?? productID, name: r.text(12),
                              category: r.text(13), price: r.optionalInt(14), unit: r.text(15))
            }
            return (p, product, r.optionalInt(16), r.optionalInt(17))
        }
    }

    public func stallNo(eventNo: Int64, participantNo: Int64) throws -> Int64? {
        let st = try store.statement("SELECT stall_no FROM stall WHERE event_no = ? AND participant_no = ?")
        st.bind(1, eventNo)
        st.bind(2, participantNo)
        return try st.first { $0.int(0) }
    }

    /// The stall of a participant at an event, made if missing. Returns (stall_no, created).
    /// Tries the insert first: with a script's first sale of each participant at an event, the stall is
    /// usually new, and the UNIQUE index answers whether it was there. (ON CONFLICT DO NOTHING rather than
    /// catching the violation: on PostgreSQL a failed statement aborts the whole transaction.)
    /// `lookFirst`: an officer's sale typed in the shell is usually at a stall that has sold before, so it is
    /// looked up first (one round trip to a server, not two); one made by another officer in between is then
    /// found by the insert doing nothing.
    public func ensureStall(eventNo: Int64, participantNo: Int64, lookFirst: Bool = false) throws -> (Int64, Bool) {
        // At an event this script made on a server, the stall is numbered here and written with the sales.
        if let saleBatch, let made = try saleBatch.stalls.stall(event: eventNo, participant: participantNo) { return made }
        if let waiting = saleBatch?.records, !waiting.isEmpty { try waiting.flush() }   // (it names the participant)
        if lookFirst, let s = try stallNo(eventNo: eventNo, participantNo: participantNo) { return (s, false) }
        let st = try store.statement("INSERT INTO stall (event_no, participant_no) VALUES (?, ?) ON CONFLICT DO NOTHING", returning: "stall_no")
        st.bind(1, eventNo)
        st.bind(2, participantNo)
        let made = try st.insert()
        if made == 0, let s = try stallNo(eventNo: eventNo, participantNo: participantNo) { return (s, false) }
        inserted(.stall, key: [.int(made)])
        return (made, true)
    }

    /// Lists a product at a stall; true when it was not listed before.
    @discardableResult
    public func ensureListing(stallNo: Int64, productNo: Int64) throws -> Bool {
        // (The stall, or the product, may be one a script made and has not written yet.)
        if let waiting = saleBatch?.records, !waiting.isEmpty { try waiting.flush() }
        try saleBatch?.stalls.flush()
        let st = try store.statement("INSERT INTO listing (stall_no, product_no) VALUES (?, ?) ON CONFLICT DO NOTHING")
        st.bind(1, stallNo)
        st.bind(2, productNo)
        let made = try st.execute() > 0
        if made { inserted(.listing, key: [.int(stallNo), .int(productNo)]) }
        return made
    }

    /// The `channels` bit of a sale's channel: 1 online, 2 offline.
    public static func channelBit(_ channel: String) -> Int64 { channel == "online" ? 1 : 2 }

    /// A product sold at a stall on a channel: lists it there if needed and sets the channel's bit. The row
    /// is only written when the bit is not set yet (so `undo` has nothing to revert for a repeat).
    public func markListingSold(stallNo: Int64, productNo: Int64, channelBit: Int64) throws {
        if let deferred { return deferred.add(stall: stallNo, product: productNo, bit: channelBit) }
        let st = try store.statement("""
            INSERT INTO listing (stall_no, product_no, channels) VALUES (?1, ?2, ?3)
            ON CONFLICT (stall_no, product_no) DO UPDATE SET channels = listing.channels | ?3 WHERE listing.channels & ?3 = 0
            """)
        st.bind(1, stallNo)
        st.bind(2, productNo)
        st.bind(3, channelBit)
        // (A listing that already sold on this channel needs nothing: looked at once, not written.)
        try upserting(.listing, key: [.int(stallNo), .int(productNo)], unchanged: { row in
            if case .int(let channels) = row.first ?? .null { return channels & channelBit != 0 }
            return false
        }) { try st.execute() }
    }

    /// A sale for the whole stall on a channel: sets the channel's bit of the stall.
    public func markStallSold(stallNo: Int64, channelBit: Int64) throws {
        if let deferred { return deferred.add(stall: stallNo, product: nil, bit: channelBit) }
        let st = try store.statement("UPDATE stall SET whole_channels = whole_channels | ?2 WHERE stall_no = ?1 AND whole_channels & ?2 = 0")
        st.bind(1, stallNo)
        st.bind(2, channelBit)
        try updating(.stall, key: [.int(stallNo)]) { try st.execute() }
    }

    /// After a sale is voided: what its listing (or stall) still sold on, from the sales that count.
    /// The event's dates bound the scan of `sale_day` (sales are not indexed by stall).
    public func refreshChannels(of sale: SaleRecord) throws {
        let online = dialect.any("s.channel = 'online'")
        let offline = dialect.any("s.channel = 'offline'")
        let sold = """
            SELECT coalesce(\(online), 0) | (coalesce(\(offline), 0) << 1)
            FROM event e CROSS JOIN sale s \(dialect.indexedBy("sale_day")) ON s.day BETWEEN e.start_date AND e.end_date AND s.event_no = e.event_no
            WHERE e.event_no = :event AND s.stall_no = :stall AND s.product_no IS NOT DISTINCT FROM :product AND s.void = 0
            """
        let arguments = StoreArguments(named: ["event": sale.eventNo, "stall": sale.stallNo, "product": sale.productNo])
        if let productNo = sale.productNo {
            try updating(.listing, key: [.int(sale.stallNo), .int(productNo)]) {
                try store.execute("UPDATE listing SET channels = (\(sold)) WHERE stall_no = :stall AND product_no = :product", arguments)
            }
        } else {
            try updating(.stall, key: [.int(sale.stallNo)]) {
                try store.execute("UPDATE stall SET whole_channels = (\(sold)) WHERE stall_no = :stall", arguments)
            }
        }
    }

    // MARK: sales

    /// Inserts a sale numbered `number` (from `nextSaleNumber`), or the next number when nil; on PostgreSQL the
    /// server numbers it (an identity column: concurrent officers never collide). This is the hot path of loading
    /// a script (a million lines), so on SQLite the prepared statement is bound through the SQLite C API: GRDB's
    /// generic argument binding cost about a third of the time of each line.
    /// In a script on a server the sale may wait in a batch: then its number is `PostgresSaleBatch.pendingNumber`.
    /// `statement`: the store's `saleInsert()`, fetched once by a caller that inserts many sales in a row.
    public func insertSale(_ s: SaleRecord, number: Int64? = nil, statement: (any StoreStatement)? = nil) throws -> Int64 {
        if let saleBatch {
            saleBatch.add(s)
            return PostgresSaleBatch.pendingNumber
        }
        let st = try statement ?? store.saleInsert()
        if dialect == .sqlite { st.bind(11, try number ?? nextSaleNumber()) }
        s.bind(to: st)
        let id = try st.insert()
        inserted(.sale, key: [.int(id)])
        return id
    }

    /// The number the next sale takes: past every sale in the store and every number ever taken away (schema 3's
    /// `sale_number`), so that no number is given twice. Valid for the rest of the write transaction it is read in.
    /// (On PostgreSQL the server gives the numbers: 0 here, and unused.)
    public func nextSaleNumber() throws -> Int64 {
        guard dialect == .sqlite else { return 0 }
        return try store.value("""
            SELECT max(coalesce((SELECT max(id) FROM sale), 0), coalesce((SELECT highest FROM sale_number), 0)) + 1
            """, as: Int64.self) ?? 1
    }

    /// The sale that already has this ref for this product (or, with no product, for this whole stall).
    public func saleNo(ref: String, productNo: Int64?, stallNo: Int64) throws -> Int64? {
        // A sale with this ref may still be waiting in a batch (an import naming one twice): written first.
        // (A script's `add sale` lines never get here with one: the session writes the batch before such a line.)
        if let saleBatch, saleBatch.hasPending(ref: ref) {
            do {
                try saleBatch.flush(keepGoing: false)
            } catch let refused as PostgresSaleBatch.Refused {
                throw refused.error
            }
        }
        let st: any StoreStatement
        if let productNo {
            st = try store.statement("SELECT id FROM sale WHERE ref = ? AND product_no = ?")
            st.bind(2, productNo)
        } else {
            st = try store.statement("SELECT id FROM sale WHERE ref = ? AND product_no IS NULL AND stall_no = ?")
            st.bind(2, stallNo)
        }
        st.bind(1, ref)
        return try st.first { $0.int(0) }
    }

    public func sale(id: Int64) throws -> SaleRecord? {
        try store.row("""
            SELECT id, event_no, stall_no, product_no, \(dialect.dayText("day")), qty, amount, channel, buyer, ref, note, void, void_reason FROM sale WHERE id = ?
            """, [id]).map { row in
            SaleRecord(id: row[0], eventNo: row[1], stallNo: row[2], productNo: row[3], day: Day(iso: row[4])!, qty: row[5],
                       amount: row[6], channel: row[7], buyer: row[8], ref: row[9], note: row[10], void: row[11], voidReason: row[12])
        }
    }

    public func voidSale(id: Int64, reason: String?) throws {
        try updating(.sale, key: [.int(id)]) {
            try store.execute("UPDATE sale SET void = 1, void_reason = ? WHERE id = ?", [reason, id])
        }
    }

    /// `map sku TEXT to PRODUCT`: a marketplace SKU or name names this product (a new mapping replaces the old).
    public func mapSku(_ text: String, productNo: Int64) throws {
        try upserting(.skuMap, key: [.text(text)]) {
            try store.execute("INSERT INTO sku_map (text, product_no) VALUES (?, ?) ON CONFLICT (text) DO UPDATE SET product_no = excluded.product_no",
                              [text, productNo])
        }
    }

    // MARK: the change log

    public func log(at: String, who: String, command: String) throws {
        try store.execute("INSERT INTO change_log (at, who, command) VALUES (?, ?, ?)", [at, who, command])
    }

    /// All ids of a table, for "did you mean".
    public func ids(table: String, whereSQL: String = "", arguments: StoreArguments = .none) throws -> [String] {
        try store.values("SELECT id FROM \(table) \(whereSQL)", arguments)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
