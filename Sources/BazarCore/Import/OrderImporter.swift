import GRDB

/// Places the lines of an order export in the store as sales (SPEC section 8), inside the caller's transaction.
///
/// Lines arrive read (`OrderLineDecoder`, on the reading thread), one at a time: each becomes one sale, or is
/// counted as already imported, or as unplaced (grouped by why, for the summary). Once any line is unplaced no
/// more sales are written (the import will fail whole) but the rest is still read, to report every problem.
final class OrderImporter {
    let session: Session
    let file: String
    /// `event ID`: every line goes to this event.
    let event: KnownEvent?

    /// The header row found (by the decoder), for messages.
    private(set) var match: HeaderMatch?

    // What the summary says (lines read and cancelled are the decoder's).
    private(set) var added = 0
    private(set) var omzet: Int64 = 0
    private(set) var alreadyImported = 0
    private(set) var unplaced = UnplacedLines()

    /// Sales numbered above this were made by this import (a ref met twice for one product in the file).
    private let lastSaleBefore: Int64
    /// The session's records as the import began (its undo journal, and on a server its script's batches), taken
    /// once: a line would otherwise make the value anew for every call.
    private let records: Records

    // Lookups repeated on every line, resolved once.
    // (Kept as small objects: a line then passes one reference on, not a record of a dozen strings.)
    private var productsByText: [String: KnownProduct?] = [:]
    private var eventsByDay: [Int: [KnownEvent]] = [:]
    private var eventsByID: [String: KnownEvent] = [:]
    private var lastEvent: (text: String, event: KnownEvent)?
    /// Stalls written or found, by event and participant (`pack`).
    private var stalls: [UInt64: Int64] = [:]
    /// Listings sold on a channel, by stall, product and channel bit (`pack`): 8 bytes each; written at the end.
    private var listingBits: Set<UInt64> = []
    private var nextSaleNumber: Int64?
    /// The sale insert, prepared once for the whole import.
    private var saleInsert: (any StoreStatement)?
    /// A large import's report indexes, built at its end.
    let indexes: DeferredSaleIndexes

    /// What a line needs of a product, looked up once.
    final class KnownProduct {
        let no: Int64
        let participantNo: Int64
        let price: Int64?
        let ref: String
        convenience init(_ p: ProductRecord) {
            self.init(no: p.no, participantNo: p.participantNo, price: p.price, ref: p.ref)
        }
        init(no: Int64, participantNo: Int64, price: Int64?, ref: String) {
            self.no = no
            self.participantNo = participantNo
            self.price = price
            self.ref = ref
        }
    }

    /// What a line needs of an event, looked up once.
    final class KnownEvent {
        let no: Int64
        let id: String
        let start: Day
        let end: Day
        let closed: Bool
        init(_ e: EventRecord) {
            no = e.no
            id = e.id
            start = e.start
            end = e.end
            closed = e.closed
        }
    }

    /// Two row numbers (each below 2^31) and a channel bit as one key; nil when a number is too large (not kept then).
    @inline(__always)
    static func pack(_ a: Int64, _ b: Int64, _ bit: Int64 = 0) -> UInt64? {
        guard a >= 0, b >= 0, a < 1 << 31, b < 1 << 31 else { return nil }
        return UInt64(a) << 33 | UInt64(b) << 2 | UInt64(bit)
    }

    init(session: Session, file: String, event: EventRecord?) throws {
        self.session = session
        self.file = file
        self.event = event.map(KnownEvent.init)
        records = session.records
        lastSaleBefore = try session.store.value(as: Int64.self, "SELECT max(id) FROM sale") ?? 0
        indexes = DeferredSaleIndexes(store: session.store, salesBefore: lastSaleBefore)
    }

    /// Takes what the decoder passed on.
    func consume(_ row: DecodedRow) throws {
        switch row {
        case .header(let found): match = found
        case .line(let line): try place(line)
        }
    }

    /// Runs `read` (which passes each row to `consume`) and writes the sales still waiting at its end, also when a
    /// line or the reading fails: a sale waiting comes from an earlier line, and what it is refused for is what the
    /// import reports, as it would be if each line were written as it came.
    func placeAll(_ read: () throws -> Void) throws {
        do {
            try read()
        } catch {
            try flushWaiting()
            throw error
        }
        try flushWaiting()
    }

    // MARK: one order line

    private func fail(_ line: OrderLine, _ field: OrderField?, _ message: String, hint: String? = nil) -> BazarError {
        BazarError(ImportFailure(ImportFailure.at(file, row: line.row, column: field.flatMap { match?.header($0) }), message, hint: hint))
    }

    private func place(_ line: OrderLine) throws {
        let (ref, refField, day, qty, amount, channel) = (line.ref, line.refField, line.day, line.qty, line.amount, line.channel)

        // Which product: the SKU as a product ref, else a mapping of the SKU, else of the product name; which
        // event: the one named, else the one online event holding the day.
        guard let product = try product(line), let event = try event(line) else { return }

        // Nothing more is written once the import is bound to fail.
        if !unplaced.isEmpty { return }

        let key = Self.pack(event.no, product.participantNo)
        let bit = Records.channelBit(channel)

        // The common line writes nothing but its sale: its stall is already written (by an earlier line) and its
        // listing's channel is marked at the import's end (`writeListings`). Its sale is inserted straight away,
        // and only when its ref is taken (the UNIQUE index on ref and product says so, with the lookup it makes
        // anyway) is the earlier sale looked for. A line that would make a stall, or fail, takes the path below,
        // which looks first, so that a line already imported never leaves a stall behind.
        // On PostgreSQL a refused insert aborts the whole transaction: there the sales wait and go in batches that
        // skip a taken ref instead (`flushWaiting`).
        let onServer = session.store.dialect == .postgres
        if !event.closed, let key, let stallNo = stalls[key],
           let amountValue = Self.plainAmount(amount, price: product.price, qty: qty) {
            let (sum, overflow) = omzet.addingReportingOverflow(amountValue)
            if !overflow {
                let number = try nextSaleNumber ?? records.nextSaleNumber()
                let sale = SaleRecord(eventNo: event.no, stallNo: stallNo, productNo: product.no, day: day, qty: qty,
                                      amount: amountValue, channel: channel, buyer: line.buyer, ref: ref, note: nil)
                if onServer {
                    return try wait(WaitingSale(line: line, sale: sale, product: product))
                } else {
                    do {
                        _ = try records.insertSale(sale, number: number, statement: saleStatement())
                    } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && ref != nil {
                        try alreadyThere(line, ref: ref!, refField: refField, product: product)
                        return
                    }
                }
                try markSold(stallNo: stallNo, productNo: product.no, bit: bit)
                nextSaleNumber = number + 1
                added += 1
                omzet = sum
                try indexes.added(added)
                return
            }
        }

        // (A sale still waiting with this ref and product is not seen here: written later, this line's sale is then
        // refused as a second line of the file, as it would be now. One imported before is seen.)
        if let ref, let earlier = try records.saleNo(ref: ref, productNo: product.no, stallNo: 0) {
            try alreadyThere(line, ref: ref, refField: refField, product: product, earlier: earlier)
            // (The stall it was imported at is remembered: the file's next lines there take the common path.)
            if let key, stalls[key] == nil, let s = try records.stallNo(eventNo: event.no, participantNo: product.participantNo) {
                stalls[key] = s
            }
            return
        }

        if event.closed { throw fail(line, nil, "event '\(event.id)' is closed", hint: "reopen it with: reopen event \(event.id)") }
        let amountValue: Int64
        if let amount {
            amountValue = amount
        } else if let price = product.price {
            let (total, overflow) = price.multipliedReportingOverflow(by: qty)
            if overflow { throw fail(line, .qty, "the line's total is too large to count in rupiah") }
            amountValue = total
        } else {
            throw fail(line, .amount, "the line has no amount and \(product.ref) has no list price",
                       hint: "give the amount in the file, or set a price: edit product \(product.ref) price MONEY")
        }
        let (sum, overflow) = omzet.addingReportingOverflow(amountValue)
        if overflow { throw fail(line, .amount, "the import's omzet is too large to count in rupiah") }

        let stallNo: Int64
        if let key, let s = stalls[key] {
            stallNo = s
        } else {
            stallNo = try records.ensureStall(eventNo: event.no, participantNo: product.participantNo).0
            if let key { stalls[key] = stallNo }
        }
        let sale = SaleRecord(eventNo: event.no, stallNo: stallNo, productNo: product.no, day: day, qty: qty,
                              amount: amountValue, channel: channel, buyer: line.buyer, ref: ref, note: nil)
        if onServer { return try wait(WaitingSale(line: line, sale: sale, product: product)) }
        try markSold(stallNo: stallNo, productNo: product.no, bit: bit)
        // Sale numbers: read once, then counted on (the import is one transaction; see Records.nextSaleNumber).
        let number = try nextSaleNumber ?? records.nextSaleNumber()
        _ = try records.insertSale(sale, number: number, statement: saleStatement())
        nextSaleNumber = number + 1
        added += 1
        omzet = sum
        try indexes.added(added)
    }

    /// On a server each line's sale waits here, and up to a thousand of them go in one INSERT
    /// (`PostgresStoreConnection.insertSalesUnlessRefTaken`; one round trip a line before: a 100,000-line import at
    /// a server's prompt took 26 s).
    private struct WaitingSale {
        let line: OrderLine
        let sale: SaleRecord
        let product: KnownProduct
    }
    private var waiting: [WaitingSale] = []

    private func wait(_ sale: WaitingSale) throws {
        waiting.append(sale)
        if waiting.count >= PostgresStoreConnection.salesPerInsert { try flushWaiting() }
    }

    /// Writes the waiting sales, then counts each as the line-by-line path does: added (and its listing noted),
    /// or its ref already taken (imported before, or a second line of this file: refused).
    private func flushWaiting() throws {
        guard !waiting.isEmpty, let server = session.store as? PostgresStoreConnection else { return }
        let batch = waiting
        waiting = []
        // In a script, what its batch holds goes first: the stalls these sales are at, and sales of earlier lines
        // whose refs these must see.
        if let scripts = records.saleBatch, !scripts.isEmpty {
            do {
                try scripts.flush(keepGoing: false)
            } catch let refused as PostgresSaleBatch.Refused {
                throw refused.error
            }
        }
        let ids = try server.insertSalesUnlessRefTaken(batch.map(\.sale))
        // The sales holding the refs taken, in one query (a file imported again: every line).
        let taken = zip(batch, ids).compactMap { w, id in id == nil ? PostgresStoreConnection.RefKey(ref: w.sale.ref!, product: w.product.no) : nil }
        let holders = try server.salesHolding(taken)
        for (w, id) in zip(batch, ids) {
            guard let id else {
                let ref = w.sale.ref!
                try alreadyThere(w.line, ref: ref, refField: w.line.refField, product: w.product,
                                 earlier: holders[PostgresStoreConnection.RefKey(ref: ref, product: w.product.no)])
                continue
            }
            let (sum, overflow) = omzet.addingReportingOverflow(w.sale.amount)
            if overflow { throw fail(w.line, .amount, "the import's omzet is too large to count in rupiah") }
            records.inserted(.sale, key: [.int(id)])
            try markSold(stallNo: w.sale.stallNo, productNo: w.product.no, bit: Records.channelBit(w.sale.channel))
            added += 1
            omzet = sum
        }
    }

    /// Notes that a listing sold on a channel; written by `writeListings`, once each, at the import's end (a
    /// listing too large a number to note is written now).
    private func markSold(stallNo: Int64, productNo: Int64, bit: Int64) throws {
        guard let listing = Self.pack(stallNo, productNo, bit) else {
            return try records.markListingSold(stallNo: stallNo, productNo: productNo, channelBit: bit)
        }
        listingBits.insert(listing)
    }

    /// Marks every listing that sold, on the channels it sold on (SPEC section 4: what a product sold on), in
    /// the order of the listing table's key. Once per import, before its savepoint is released: one upsert each
    /// rather than one on every line that is the first of its product at a stall.
    func writeListings() throws {
        let mask: UInt64 = (1 << 31) - 1
        let keys = listingBits.sorted()
        listingBits = []
        // (Made as they are written: a million-line import has 180,000, 6 MB as an array of `Bit`s.)
        let sold = keys.lazy.map { DeferredChannels.Bit(stall: Int64($0 >> 33), product: Int64(($0 >> 2) & mask), bit: Int64($0 & 3)) }
        // (A script on a server keeps them for its end, `DeferredChannels`, where they are written with its own.)
        if let deferred = records.deferred {
            return sold.forEach { deferred.add(stall: $0.stall, product: $0.product, bit: $0.bit) }
        }
        try records.markSold(sold)
    }

    private func saleStatement() throws -> any StoreStatement {
        if let saleInsert { return saleInsert }
        let st = try session.store.saleInsert()
        saleInsert = st
        return st
    }

    /// The line's amount when it needs no message: the file's, else the list price times the quantity.
    private static func plainAmount(_ amount: Int64?, price: Int64?, qty: Int64) -> Int64? {
        if let amount { return amount }
        guard let price else { return nil }
        let (total, overflow) = price.multipliedReportingOverflow(by: qty)
        return overflow ? nil : total
    }

    /// A ref this product already has: made by this import (the file names it twice: refused), else imported before.
    /// `earlier`: the sale holding the ref, when already looked up.
    private func alreadyThere(_ line: OrderLine, ref: String, refField: OrderField, product: KnownProduct, earlier known: Int64? = nil) throws {
        let earlier = try known ?? records.saleNo(ref: ref, productNo: product.no, stallNo: 0) ?? 0
        if earlier > lastSaleBefore {
            throw fail(line, refField, "order '\(ref)' has a second line for \(product.ref)",
                       hint: "the same ref twice for one product is refused: map the two SKUs to two products, or join the lines in the file")
        }
        alreadyImported += 1
    }

    // MARK: products

    /// The line's product, else nil with the line counted as unplaced. bazar's CSV: the product ref, or a mapped
    /// text. A marketplace export: the SKU as a product ref, else a mapping of the SKU, else of the parent SKU,
    /// else of the product's name.
    private func product(_ line: OrderLine) throws -> KnownProduct? {
        if let t = line.product {
            if let p = try lookup(t) { return p }
            unplaced.add(.unknownProduct, text: t, row: line.row, column: match?.header(.product), name: nil)
            return nil
        }
        for text in [line.sku, line.parentSKU, line.name] {
            if let text, !text.isEmpty, let p = try lookup(text) { return p }
        }
        if let sku = line.sku, !sku.isEmpty {
            unplaced.add(.unknownSKU, text: sku, row: line.row, column: match?.header(.sku), name: line.name)
        } else {
            unplaced.add(.unknownName, text: line.name ?? "", row: line.row, column: match?.header(.productName), name: line.name)
        }
        return nil
    }

    /// A product ref (`wedang-batavia/bir-pletok`), else a `map sku` text.
    private func lookup(_ text: String) throws -> KnownProduct? {
        // (Found as written first: lowering the case of every line's text costs more than the lookup.)
        if let known = productsByText[text] { return known }
        let key = text.lowercased()
        if let known = productsByText[key] {
            if productsByText.count < Self.keptTexts { productsByText[text] = known }
            return known
        }
        var found: ProductRecord?
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, Parser.isSlug(parts[0]), Parser.isSlug(parts[1]) {
            if catalog == .unread, refsLookedUp >= Self.catalogAfter {
                try readCatalog()
                if let known = productsByText[key] { return known }
            }
            refsLookedUp += 1
            // (Once the catalog is read every product's ref is among the texts: a ref not there names no product.)
            if catalog != .read, let owner = try records.participant(id: String(parts[0])) {
                found = try records.product(participantNo: owner.no, id: String(parts[1]))
            }
        }
        if found == nil, let no = try session.store.value(as: Int64.self, "SELECT product_no FROM sku_map WHERE text = ?", arguments: [text]) {
            found = try records.products(whereSQL: "WHERE pr.product_no = ?", arguments: [no]).first
        }
        // Only numbers, ids and price are kept: a file may name 60,000 products (memory stays under 64 MB).
        let kept = found.map(KnownProduct.init)
        if productsByText.count < Self.keptTexts {
            productsByText[key] = kept
            if key != text { productsByText[text] = kept }
        }
        return kept
    }

    /// Texts kept with the product they name (beyond this many, each is looked up in the store when met).
    private static let keptTexts = 100_000
    /// After this many product refs looked up one by one, the import reads every product in one query.
    static let catalogAfter = 1_000
    private enum Catalog { case unread, read, tooLarge }
    private var catalog = Catalog.unread
    private var refsLookedUp = 0

    /// Reads every product's ref, number and price at once: a large import names thousands of products, and one
    /// query costs less than two for each (60,000 products: about 0.1 s instead of 0.6 s, and the pages they
    /// are on no longer read back into the page cache again and again). Only when they all fit among the kept
    /// texts; otherwise each product is still looked up as it is met.
    private func readCatalog() throws {
        // (On a server a script's new products may wait in its batch: the lookups before this one wrote them, but
        // what the catalog holds should not depend on that.)
        if let waiting = records.saleBatch?.records, !waiting.isEmpty { try waiting.flush() }
        let count = try session.store.value(as: Int64.self, "SELECT count(*) FROM product") ?? 0
        guard count <= Int64(Self.keptTexts - productsByText.count) else {
            catalog = .tooLarge
            return
        }
        try session.store.forEachRow("""
            SELECT pa.id, pr.id, pr.product_no, pr.participant_no, pr.price
            FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no
            """, .none) { r in
            let participant: String = r[0], id: String = r[1]
            let ref = participant + "/" + id
            let key = ref.lowercased()
            if case .some(.some) = productsByText[key] { return }
            productsByText[key] = KnownProduct(no: r[2], participantNo: r[3], price: r[4], ref: ref)
        }
        catalog = .read
    }

    // MARK: events

    private func event(_ line: OrderLine) throws -> KnownEvent? {
        let (day, dateField) = (line.day, line.dateField)
        var event = self.event
        if event == nil, let named = line.event {
            // bazar's CSV may name each line's event.
            if let last = lastEvent, last.text == named {
                // (Lines of one event come together: comparing with the last one's text is cheaper than hashing it.)
                event = last.event
            } else if let known = eventsByID[named] ?? eventsByID[named.lowercased()] {
                event = known
                lastEvent = (named, known)
            } else if eventsByID.count < 100_000, let record = try records.event(id: named) {
                let found = KnownEvent(record)
                eventsByID[named.lowercased()] = found
                eventsByID[named] = found
                event = found
            } else {
                unplaced.add(.unknownEvent, text: named, row: line.row, column: match?.header(.event), name: nil)
                return nil
            }
        }
        if let event {
            if day < event.start || event.end < day {
                unplaced.add(.outsideEvent, text: day.iso, row: line.row, column: match?.header(dateField), name: event.id)
                return nil
            }
            return event
        }
        let holding: [KnownEvent]
        if let known = eventsByDay[day.ordinal] {
            holding = known
        } else {
            holding = try records.events(whereSQL: "WHERE mode IN ('online', 'hybrid') AND start_date <= ? AND end_date >= ?",
                                         arguments: [day.iso, day.iso]).map(KnownEvent.init)
            eventsByDay[day.ordinal] = holding
        }
        if holding.count == 1 { return holding[0] }
        if holding.isEmpty {
            unplaced.add(.noEvent, text: day.iso, row: line.row, column: match?.header(dateField), name: nil)
        } else {
            unplaced.add(.severalEvents, text: day.iso, row: line.row, column: match?.header(dateField), name: holding.map(\.id).joined(separator: ", "))
        }
        return nil
    }
}
