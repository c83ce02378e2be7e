import GRDB
import GRDBSQLite

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

/// The store's named reads and writes, on one connection. Statements are cached (prepared once).
public struct Records {
    public let db: Database

    public init(_ db: Database) { self.db = db }

    // MARK: events

    static let eventColumns = "event_no, id, name, program, mode, channel, kota, kecamatan, level, venue, start_date, end_date, target, closed"

    static func event(from row: Row) -> EventRecord {
        EventRecord(
            no: row[0], id: row[1], name: row[2], program: row[3], mode: row[4], channel: row[5], kota: row[6],
            kecamatan: row[7], level: row[8], venue: row[9],
            start: Day(iso: row[10]) ?? Day(year: 1970, month: 1, day: 1)!, end: Day(iso: row[11]) ?? Day(year: 1970, month: 1, day: 1)!,
            target: row[12], closed: row[13])
    }

    public func event(id: String) throws -> EventRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Records.eventColumns) FROM event WHERE id = ?"), arguments: [id])
            .map(Records.event(from:))
    }

    public func events(whereSQL: String = "", arguments: StatementArguments = [], limit: Int64? = nil) throws -> [EventRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        return try Row.fetchAll(db, sql: "SELECT \(Records.eventColumns) FROM event \(whereSQL) ORDER BY start_date, id\(lim)", arguments: arguments)
            .map(Records.event(from:))
    }

    public func insertEvent(_ e: EventRecord) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO event (id, name, program, mode, channel, kota, kecamatan, level, venue, start_date, end_date, target, closed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.id, e.name, e.program, e.mode, e.channel, e.kota, e.kecamatan, e.level, e.venue,
                             e.start.iso, e.end.iso, e.target, e.closed])
        return db.lastInsertedRowID
    }

    public func updateEvent(_ e: EventRecord) throws {
        try db.execute(sql: """
            UPDATE event SET name = ?, program = ?, mode = ?, channel = ?, kota = ?, kecamatan = ?, level = ?, venue = ?,
            start_date = ?, end_date = ?, target = ?, closed = ? WHERE event_no = ?
            """, arguments: [e.name, e.program, e.mode, e.channel, e.kota, e.kecamatan, e.level, e.venue,
                             e.start.iso, e.end.iso, e.target, e.closed, e.no])
    }

    /// Sales of an event (void or not) whose day falls outside `start...end`.
    public func salesOutside(eventNo: Int64, start: Day, end: Day) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sale WHERE event_no = ? AND (day < ? OR day > ?)",
                         arguments: [eventNo, start.iso, end.iso]) ?? 0
    }

    // MARK: participants

    static let participantColumns = "participant_no, id, name, owner, kota, kecamatan, kelurahan, category, kind, phone"

    static func participant(from row: Row) -> ParticipantRecord {
        var p = ParticipantRecord(no: row[0], id: row[1])
        for (i, a) in ParticipantRecord.textAttributes.enumerated() {
            if let v: String = row[i + 2] { p.fields[a] = v }
        }
        return p
    }

    public func participant(id: String) throws -> ParticipantRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Records.participantColumns) FROM participant WHERE id = ?"), arguments: [id])
            .map(Records.participant(from:))
    }

    public func participants(whereSQL: String = "", arguments: StatementArguments = [], limit: Int64? = nil) throws -> [ParticipantRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        let cols = Records.participantColumns.split(separator: ",").map { "p." + $0.trimmingCharacters() }.joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(cols) FROM participant p \(whereSQL) ORDER BY p.id\(lim)", arguments: arguments)
            .map(Records.participant(from:))
    }

    public func insertParticipant(_ p: ParticipantRecord) throws -> Int64 {
        let cols = ParticipantRecord.textAttributes
        try db.cachedStatement(sql: "INSERT INTO participant (id, \(cols.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: cols.count)))")
            .execute(arguments: StatementArguments([p.id] + cols.map { p.fields[$0] }))
        return db.lastInsertedRowID
    }

    public func updateParticipant(_ p: ParticipantRecord) throws {
        let cols = ParticipantRecord.textAttributes
        try db.execute(sql: "UPDATE participant SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")) WHERE participant_no = ?",
                       arguments: StatementArguments(cols.map { p.fields[$0] } + [p.no]))
    }

    // MARK: products

    static let productColumns = "pr.product_no, pr.participant_no, pa.id, pr.id, pr.name, pr.category, pr.price, pr.unit"

    static func product(from row: Row) -> ProductRecord {
        ProductRecord(no: row[0], participantNo: row[1], participantID: row[2], id: row[3], name: row[4],
                      category: row[5], price: row[6], unit: row[7])
    }

    public func product(participantNo: Int64, id: String) throws -> ProductRecord? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Records.productColumns) FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
            WHERE pr.participant_no = ? AND pr.id = ?
            """), arguments: [participantNo, id]).map(Records.product(from:))
    }

    public func products(whereSQL: String = "", arguments: StatementArguments = [], limit: Int64? = nil) throws -> [ProductRecord] {
        let lim = limit.map { " LIMIT \($0)" } ?? ""
        return try Row.fetchAll(db, sql: """
            SELECT \(Records.productColumns) FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
            \(whereSQL) ORDER BY pa.id, pr.id\(lim)
            """, arguments: arguments).map(Records.product(from:))
    }

    public func productIDs(participantNo: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM product WHERE participant_no = ? ORDER BY id", arguments: [participantNo])
    }

    /// The participant of some product with this id, if any (for a helpful error).
    public func ownerOfProduct(id: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT pa.id FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no WHERE pr.id = ? ORDER BY pa.id LIMIT 1
            """, arguments: [id])
    }

    public func insertProduct(_ p: ProductRecord) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO product (participant_no, id, name, category, price, unit) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [p.participantNo, p.id, p.name, p.category, p.price, p.unit])
        return db.lastInsertedRowID
    }

    public func updateProduct(_ p: ProductRecord) throws {
        try db.execute(sql: "UPDATE product SET name = ?, category = ?, price = ?, unit = ? WHERE product_no = ?",
                       arguments: [p.name, p.category, p.price, p.unit, p.no])
    }

    // MARK: stalls and listings

    public func stallNo(eventNo: Int64, participantNo: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT stall_no FROM stall WHERE event_no = ? AND participant_no = ?"),
                           arguments: [eventNo, participantNo])
    }

    /// The stall of a participant at an event, made if missing. Returns (stall_no, created).
    public func ensureStall(eventNo: Int64, participantNo: Int64) throws -> (Int64, Bool) {
        if let s = try stallNo(eventNo: eventNo, participantNo: participantNo) { return (s, false) }
        try db.cachedStatement(sql: "INSERT INTO stall (event_no, participant_no) VALUES (?, ?)").execute(arguments: [eventNo, participantNo])
        return (db.lastInsertedRowID, true)
    }

    /// Lists a product at a stall; true when it was not listed before.
    @discardableResult
    public func ensureListing(stallNo: Int64, productNo: Int64) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO listing (stall_no, product_no) VALUES (?, ?)")
            .execute(arguments: [stallNo, productNo])
        return db.changesCount > 0
    }

    // MARK: sales

    /// Inserts a sale. This is the hot path of loading a script (a million lines), so the prepared
    /// statement is bound through the SQLite C API: GRDB's generic argument binding cost about a
    /// third of the time of each line.
    public func insertSale(_ s: SaleRecord) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let h = statement.sqliteStatement
        sqlite3_reset(h)
        sqlite3_bind_int64(h, 1, s.eventNo)
        sqlite3_bind_int64(h, 2, s.stallNo)
        if let p = s.productNo { sqlite3_bind_int64(h, 3, p) } else { sqlite3_bind_null(h, 3) }
        Records.bind(h, 4, s.day.iso)
        sqlite3_bind_int64(h, 5, s.qty)
        sqlite3_bind_int64(h, 6, s.amount)
        Records.bind(h, 7, s.channel)
        Records.bind(h, 8, s.buyer)
        Records.bind(h, 9, s.ref)
        Records.bind(h, 10, s.note)
        let rc = sqlite3_step(h)
        sqlite3_reset(h)
        sqlite3_clear_bindings(h)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }

    /// SQLite copies the text (SQLITE_TRANSIENT), so the Swift string need not outlive the call.
    static func bind(_ h: OpaquePointer, _ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(h, index)
            return
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var utf8 = text
        utf8.withUTF8 { buf in
            _ = sqlite3_bind_text(h, index, UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buf.count), transient)
        }
    }

    public func saleNo(ref: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sale WHERE ref = ?"), arguments: [ref])
    }

    public func sale(id: Int64) throws -> SaleRecord? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, event_no, stall_no, product_no, day, qty, amount, channel, buyer, ref, note, void, void_reason FROM sale WHERE id = ?
            """), arguments: [id]).map { row in
            SaleRecord(id: row[0], eventNo: row[1], stallNo: row[2], productNo: row[3], day: Day(iso: row[4])!, qty: row[5],
                       amount: row[6], channel: row[7], buyer: row[8], ref: row[9], note: row[10], void: row[11], voidReason: row[12])
        }
    }

    public func voidSale(id: Int64, reason: String?) throws {
        try db.execute(sql: "UPDATE sale SET void = 1, void_reason = ? WHERE id = ?", arguments: [reason, id])
    }

    // MARK: the change log

    public func log(at: String, who: String, command: String) throws {
        try db.cachedStatement(sql: "INSERT INTO change_log (at, who, command) VALUES (?, ?, ?)").execute(arguments: [at, who, command])
    }

    /// All ids of a table, for "did you mean".
    public func ids(table: String, whereSQL: String = "", arguments: StatementArguments = []) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM \(table) \(whereSQL)", arguments: arguments)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
