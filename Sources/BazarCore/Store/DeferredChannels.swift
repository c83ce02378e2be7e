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
    /// Writes a script's deferred bits in two statements rather than one per listing (a million-sale script sets
    /// about 80,000: one round trip each took longer than loading its sales). Only when `undo` does not capture the
    /// script (the journal keeps each row's previous bits, written one by one). Rows are taken in key order, so two
    /// scripts writing at once lock them in the same order.
    func writeDeferredInBulk(_ bits: [DeferredChannels.Bit]) throws {
        var listings: [ListingKey: Int64] = [:]
        var stalls: [Int64: Int64] = [:]
        for b in bits {
            if let p = b.product { listings[ListingKey(stall: b.stall, product: p), default: 0] |= b.bit } else { stalls[b.stall, default: 0] |= b.bit }
        }
        func array(_ values: [Int64]) -> StoreValue { .text("{" + values.map(String.init).joined(separator: ",") + "}") }
        if !listings.isEmpty {
            let rows = listings.sorted { ($0.key.stall, $0.key.product) < ($1.key.stall, $1.key.product) }
            try store.execute("""
                INSERT INTO listing (stall_no, product_no, channels)
                SELECT s, p, c FROM unnest(?1::bigint[], ?2::bigint[], ?3::smallint[]) AS t(s, p, c)
                ON CONFLICT (stall_no, product_no) DO UPDATE SET channels = listing.channels | excluded.channels
                WHERE listing.channels & excluded.channels <> excluded.channels
                """, [array(rows.map(\.key.stall)), array(rows.map(\.key.product)), array(rows.map(\.value))])
        }
        if !stalls.isEmpty {
            let rows = stalls.sorted { $0.key < $1.key }
            try store.execute("""
                UPDATE stall SET whole_channels = whole_channels | t.c
                FROM unnest(?1::bigint[], ?2::smallint[]) AS t(s, c)
                WHERE stall.stall_no = t.s AND stall.whole_channels & t.c <> t.c
                """, [array(rows.map(\.key)), array(rows.map(\.value))])
        }
    }

    struct ListingKey: Hashable {
        var stall: Int64
        var product: Int64
    }
}
