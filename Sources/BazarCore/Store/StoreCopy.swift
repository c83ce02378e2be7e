/// `bazar copy FROM TO`: a whole store into another, file or server, in one transaction on the target
/// (SPEC section 11). Participants and products with the same id are the same business; events keep their
/// ids; stalls and listings follow (their channel bits OR-ed); a sale is the same sale when it has the same
/// ref for the same product (or whole stall), and otherwise when everything about it is the same: such sales
/// are counted, and the copy adds only as many as the source has more than the target. So copying a store
/// twice adds nothing, and copying two offices' stores into one gives their sum. An attribute the target
/// lacks (NULL) is filled from the source; one it has is kept.
public struct StoreCopy {
    public struct Counts: Sendable, Equatable {
        public var participants = 0, products = 0, events = 0, stalls = 0, sales = 0, salesThere = 0, voided = 0
        public init() {}
    }

    let from: any StoreConnection
    let to: any StoreConnection

    public init(from: any StoreConnection, to: any StoreConnection) {
        self.from = from
        self.to = to
    }

    /// Copies; the caller has begun the target's write transaction and commits it.
    public func run() throws -> Counts {
        var c = Counts()
        let target = Records(to)
        let fd = from.dialect

        // Participants by id.
        var participants: [Int64: Int64] = [:]
        let pcols = ["id"] + ParticipantRecord.textAttributes
        for r in try from.rows("SELECT participant_no, \(pcols.joined(separator: ", ")) FROM participant ORDER BY participant_no") {
            let id: String = r[1]
            if let no: Int64 = try to.value("SELECT participant_no FROM participant WHERE id = ?", [id]) {
                try fill("participant", key: "participant_no", no: no, columns: Array(pcols.dropFirst()), values: Array(r.values.dropFirst(2)))
                participants[r[0]] = no
            } else {
                var p = ParticipantRecord(id: id)
                for (i, a) in ParticipantRecord.textAttributes.enumerated() { if let v: String = r[i + 2] { p.fields[a] = v } }
                participants[r[0]] = try target.insertParticipant(p)
                c.participants += 1
            }
        }

        // Products by (participant, id).
        var products: [Int64: Int64] = [:]
        for r in try from.rows("SELECT product_no, participant_no, id, name, category, price, unit FROM product ORDER BY product_no") {
            guard let owner = participants[r[1]] else { continue }
            let id: String = r[2]
            if let no: Int64 = try to.value("SELECT product_no FROM product WHERE participant_no = ? AND id = ?", [owner, id]) {
                try fill("product", key: "product_no", no: no, columns: ["name", "category", "price", "unit"], values: Array(r.values.dropFirst(3)))
                products[r[0]] = no
            } else {
                let p = ProductRecord(participantNo: owner, participantID: "", id: id, name: r[3], category: r[4], price: r[5], unit: r[6])
                products[r[0]] = try target.insertProduct(p)
                c.products += 1
            }
        }

        // Events by id.
        var events: [Int64: Int64] = [:]
        let ecols = ["name", "program", "channel", "kota", "kecamatan", "level", "venue", "target"]
        let eventSelect = "event_no, id, mode, \(fd.dayText("start_date")), \(fd.dayText("end_date")), closed, " + ecols.joined(separator: ", ")
        for r in try from.rows("SELECT \(eventSelect) FROM event ORDER BY event_no") {
            let id: String = r[1]
            if let no: Int64 = try to.value("SELECT event_no FROM event WHERE id = ?", [id]) {
                try fill("event", key: "event_no", no: no, columns: ecols, values: Array(r.values.dropFirst(6)))
                events[r[0]] = no
            } else {
                var e = EventRecord(id: id, start: Day(iso: r[3])!, end: Day(iso: r[4])!)
                e.mode = r[2]
                e.closed = r[5]
                for (i, a) in ecols.enumerated() where a != "target" { if let v: String = r[6 + i] { e.setText(a, v) } }
                e.target = r[13]
                events[r[0]] = try target.insertEvent(e)
                c.events += 1
            }
        }

        // Stalls by (event, participant); listings by (stall, product); channel bits OR-ed.
        var stalls: [Int64: Int64] = [:]
        for r in try from.rows("SELECT stall_no, event_no, participant_no, whole_channels FROM stall ORDER BY stall_no") {
            guard let e = events[r[1]], let p = participants[r[2]] else { continue }
            let (no, made) = try target.ensureStall(eventNo: e, participantNo: p)
            if made { c.stalls += 1 }
            let bits: Int64 = r[3]
            if bits != 0 {
                try to.execute("UPDATE stall SET whole_channels = whole_channels | ?1 WHERE stall_no = ?2 AND whole_channels & ?1 <> ?1", [bits, no])
            }
            stalls[r[0]] = no
        }
        for r in try from.rows("SELECT stall_no, product_no, channels FROM listing") {
            guard let s = stalls[r[0]], let p = products[r[1]] else { continue }
            try to.execute("""
                INSERT INTO listing (stall_no, product_no, channels) VALUES (?1, ?2, ?3)
                ON CONFLICT (stall_no, product_no) DO UPDATE SET channels = listing.channels | ?3 WHERE listing.channels & ?3 <> ?3
                """, [s, p, r[2] as Int64])
        }

        // Sales: the target's, by ref and by content, then the source's that are not there yet.
        let saleColumns = "id, event_no, stall_no, product_no, %DAY%, qty, amount, channel, buyer, ref, note, void, void_reason"
        func salesSQL(_ store: any StoreConnection) -> String {
            "SELECT " + saleColumns.replacingOccurrences(of: "%DAY%", with: store.dialect.dayText("day")) + " FROM sale ORDER BY id"
        }
        var byRef: [RefKey: (id: Int64, void: Bool)] = [:]
        var byContent: [ContentKey: [(id: Int64, void: Bool)]] = [:]
        for r in try to.rows(salesSQL(to)) {
            let v = (id: r[0] as Int64, void: r[11] as Bool)
            if let ref: String = r[9] {
                byRef[RefKey(product: r[3], stall: r[2], ref: ref.lowercased())] = v
            } else {
                byContent[ContentKey(r, event: r[1], stall: r[2], product: r[3]), default: []].append(v)
            }
        }
        var used: [ContentKey: Int] = [:]
        // On a server the new sales go in COPY batches, in the source's order (one INSERT each was a round trip
        // each: a million sales took three minutes); into a file, one prepared INSERT each.
        var batch: [(sale: SaleRecord, void: Bool, reason: String?)] = []
        let server = to as? PostgresStoreConnection
        func writeBatch() throws {
            guard let server, !batch.isEmpty else { return }
            try server.connection.copy(PostgresSaleBatch.copyVoidedSQL) { w in
                for b in batch { try w.append(PostgresSaleBatch.values(b.sale) + [.int(b.void ? 1 : 0), b.reason.map { .text($0) } ?? .null]) }
            }
            batch.removeAll(keepingCapacity: true)
        }
        // (The source's sales are read as they come, not held: a million rows were 300 MB.)
        try from.forEachRow(salesSQL(from), .none) { r in
            guard let e = events[r[1]], let s = stalls[r[2]] else { return }
            let sourceProduct: Int64? = r[3]
            let p = sourceProduct.flatMap { products[$0] }
            if sourceProduct != nil && p == nil { return }
            let void: Bool = r[11]
            let there: (id: Int64, void: Bool)?
            if let ref: String = r[9] {
                there = byRef[RefKey(product: p, stall: p == nil ? s : nil, ref: ref.lowercased())]
                    ?? byRef[RefKey(product: p, stall: s, ref: ref.lowercased())]
            } else {
                let key = ContentKey(r, event: e, stall: s, product: p)
                let n = used[key, default: 0]
                let matches = byContent[key] ?? []
                if n < matches.count {
                    there = matches[n]
                    used[key] = n + 1
                } else {
                    there = nil
                }
            }
            if let there {
                c.salesThere += 1
                if void, !there.void {
                    try target.voidSale(id: there.id, reason: r[12])
                    c.voided += 1
                }
                return
            }
            let sale = SaleRecord(eventNo: e, stallNo: s, productNo: p, day: Day(iso: r[4])!, qty: r[5], amount: r[6],
                                  channel: r[7], buyer: r[8], ref: r[9], note: r[10])
            c.sales += 1
            if server != nil {
                batch.append((sale, void, r[12]))
                if batch.count >= PostgresSaleBatch.limit { try writeBatch() }
                return
            }
            let id = try target.insertSale(sale)
            if void { try target.voidSale(id: id, reason: r[12]) }
        }
        try writeBatch()

        // SKU maps by text.
        for r in try from.rows("""
            SELECT m.text, pr.product_no FROM sku_map m JOIN product pr ON pr.product_no = m.product_no
            """) {
            guard let p = products[r[1]] else { continue }
            try to.execute("INSERT INTO sku_map (text, product_no) VALUES (?, ?) ON CONFLICT DO NOTHING", [r[0] as String, p])
        }
        return c
    }

    /// The whole copy: the source read in one read transaction, the target written in one write transaction
    /// (a missing target is made), logged in the target's change log. Nothing of it stays when it fails.
    public static func copy(from source: OpenedStore, to destination: OpenedStore, who: String) throws -> Counts {
        if source.isMissing { throw BazarError(.noStore(path: source.place)) }
        do {
            return try source.withConnection { from in
                try destination.withConnection { to in
                    try from.beginRead()
                    defer { from.rollback() }
                    try to.beginWrite()
                    do {
                        // A server's store made by this copy: its foreign keys and report index come after the rows
                        // (nobody sees the tables before the COMMIT; PostgresDeferredKeys.swift).
                        var keys: PostgresDeferredKeys?
                        if destination.isMissing {
                            try OpenedStore.createSchema(to)
                            if let server = to as? PostgresStoreConnection {
                                keys = PostgresDeferredKeys(server.connection)
                                try keys?.drop()
                            }
                        }
                        let c = try StoreCopy(from: from, to: to).run()
                        try keys?.restore()
                        try Records(to).log(at: Session.now(), who: who, command: "copy \(source.place): \(c.sales) sales added, \(c.salesThere) already there")
                        try to.commit()
                        if let sqlite = to as? SQLiteConnection, destination.isMissing {
                            try? sqlite.db.execute(sql: "PRAGMA journal_mode = WAL")
                        }
                        return c
                    } catch {
                        to.rollback()
                        throw error
                    }
                }
            }
        } catch let e as BazarError {
            throw e
        } catch {
            throw Store.translate(error, path: destination.place)
        }
    }

    /// Fills the target row's NULL columns from the source's values.
    private func fill(_ table: String, key: String, no: Int64, columns: [String], values: [StoreValue]) throws {
        var sets: [String] = []
        var args: [StoreValue] = []
        for (i, col) in columns.enumerated() where values[i] != .null {
            args.append(values[i])
            sets.append("\(col) = COALESCE(\(col), ?\(args.count))")
        }
        guard !sets.isEmpty else { return }
        args.append(.int(no))
        try to.execute("UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE \(key) = ?\(args.count)", StoreArguments(args))
    }

    struct RefKey: Hashable {
        var product: Int64?
        var stall: Int64?
        var ref: String

        init(product: Int64?, stall: Int64?, ref: String) {
            self.product = product
            // A product's ref is unique per product; a whole-stall sale's per stall.
            self.stall = product == nil ? stall : nil
            self.ref = ref
        }
    }

    /// Everything about a sale without a ref, in the target's numbers.
    struct ContentKey: Hashable {
        var event: Int64, stall: Int64, product: Int64?
        var day: String, qty: Int64, amount: Int64, channel: String, buyer: String?, note: String?

        init(_ r: StoreRow, event: Int64, stall: Int64, product: Int64?) {
            self.event = event
            self.stall = stall
            self.product = product
            day = r[4]
            qty = r[5]
            amount = r[6]
            channel = r[7]
            buyer = r[8]
            note = r[10]
        }
    }
}
