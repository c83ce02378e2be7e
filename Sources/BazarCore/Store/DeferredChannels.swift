/// The channel bits a script on a PostgreSQL server sets on listings and stalls (what each sold on), kept until
/// the script's end and written just before its COMMIT. Written as the sales come, each would lock its listing
/// row for the whole load, and another officer's `add sale` of the same product at that event would wait for the
/// script (then give up after `Store.busyTimeout`); written at the end, the rows are locked for a moment.
/// (On SQLite one writer holds the whole store anyway: bits are written as they come.)
final class DeferredChannels {
    struct Bit: Hashable {
        var stall: Int64
        var product: Int64?
        var bit: Int64
    }
    private(set) var bits: [Bit] = []
    private var seen: Set<Bit> = []

    func add(stall: Int64, product: Int64?, bit: Int64) {
        let b = Bit(stall: stall, product: product, bit: bit)
        if seen.insert(b).inserted { bits.append(b) }
    }

    var mark: Int { bits.count }

    /// A savepoint rolled back: its bits go with it.
    func rollBack(to mark: Int) {
        guard mark < bits.count else { return }
        for b in bits[mark...] { seen.remove(b) }
        bits.removeSubrange(mark...)
    }
}

extension Records {
    /// Sets channel bits kept until now (a script's, or an import's listings): on a server in two statements
    /// (`writeDeferredInBulk`), on SQLite one upsert each (no round trips to save there).
    func markSold<Bits: Sequence<DeferredChannels.Bit>>(_ bits: Bits) throws {
        if dialect == .postgres { return try writeDeferredInBulk(Array(bits)) }
        for b in bits {
            if let p = b.product {
                try markListingSold(stallNo: b.stall, productNo: p, channelBit: b.bit)
            } else {
                try markStallSold(stallNo: b.stall, channelBit: b.bit)
            }
        }
    }

    /// Writes deferred bits (a script's, or an import's listings) in two statements rather than one per listing (a
    /// million-sale script sets about 80,000: one round trip each took longer than loading its sales). When `undo`
    /// captures the change, the rows' bits before it are read first, in one query each, and noted as the journal
    /// notes a row written alone. Rows are taken in key order, so two scripts writing at once lock them in the same
    /// order. (PostgreSQL: the arrays are `unnest`ed.)
    func writeDeferredInBulk(_ bits: [DeferredChannels.Bit]) throws {
        var listings: [ListingKey: Int64] = [:]
        var stalls: [Int64: Int64] = [:]
        for b in bits {
            if let p = b.product { listings[ListingKey(stall: b.stall, product: p), default: 0] |= b.bit } else { stalls[b.stall, default: 0] |= b.bit }
        }
        func array(_ values: [Int64]) -> StoreValue { .text("{" + values.map(String.init).joined(separator: ",") + "}") }
        if !listings.isEmpty {
            let rows = listings.sorted { ($0.key.stall, $0.key.product) < ($1.key.stall, $1.key.product) }
            let keys = [array(rows.map(\.key.stall)), array(rows.map(\.key.product))]
            var before: [ListingKey: Int64] = [:]
            if journal != nil {
                try store.forEachRow("""
                    SELECT l.stall_no, l.product_no, l.channels FROM listing l
                    JOIN unnest(?1::bigint[], ?2::bigint[]) AS t(s, p) ON l.stall_no = t.s AND l.product_no = t.p
                    """, StoreArguments(keys)) { r in before[ListingKey(stall: r[0], product: r[1])] = r[2] }
            }
            try store.execute("""
                INSERT INTO listing (stall_no, product_no, channels)
                SELECT s, p, c FROM unnest(?1::bigint[], ?2::bigint[], ?3::smallint[]) AS t(s, p, c)
                ON CONFLICT (stall_no, product_no) DO UPDATE SET channels = listing.channels | excluded.channels
                WHERE listing.channels & excluded.channels <> excluded.channels
                """, StoreArguments(keys + [array(rows.map(\.value))]))
            if let journal {
                for (key, bits) in rows {
                    let rowKey: [StoreValue] = [.int(key.stall), .int(key.product)]
                    if let was = before[key] {
                        journal.updated(.listing, key: rowKey, before: [.int(was)], after: [.int(was | bits)])
                    } else {
                        journal.inserted(.listing, key: rowKey)
                    }
                }
            }
        }
        if !stalls.isEmpty {
            let rows = stalls.sorted { $0.key < $1.key }
            var before: [Int64: [StoreValue]] = [:]
            if journal != nil {
                try store.forEachRow("SELECT stall_no, event_no, participant_no, whole_channels FROM stall WHERE stall_no = ANY(?1::bigint[])",
                                     [array(rows.map(\.key))]) { r in before[r[0]] = Array(r.values.dropFirst()) }
            }
            try store.execute("""
                UPDATE stall SET whole_channels = whole_channels | t.c
                FROM unnest(?1::bigint[], ?2::smallint[]) AS t(s, c)
                WHERE stall.stall_no = t.s AND stall.whole_channels & t.c <> t.c
                """, [array(rows.map(\.key)), array(rows.map(\.value))])
            if let journal {
                for (stall, bits) in rows {
                    guard let was = before[stall], was.count == 3, case .int(let whole) = was[2] else { continue }
                    journal.updated(.stall, key: [.int(stall)], before: was, after: [was[0], was[1], .int(whole | bits)])
                }
            }
        }
    }

    struct ListingKey: Hashable {
        var stall: Int64
        var product: Int64
    }
}
