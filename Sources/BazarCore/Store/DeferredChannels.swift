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
