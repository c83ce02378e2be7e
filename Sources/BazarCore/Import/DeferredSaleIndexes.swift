/// A large import builds the sale table's report indexes once at its end instead of row by row.
///
/// Each sale inserted updates every index on the sale table; the two that only reports read (`sale_day`, ordered
/// by day, and `sale_stall`, ordered by stall: a random place for each new sale) cost as much as the rest of the
/// insert together. Once an import has added more sales than the store held before it (and at least
/// `threshold`), sorting every sale into those two indexes at the end is cheaper than keeping them up to date,
/// so they are dropped there and created again, from their own stored SQL, before the import's savepoint is
/// released. It all happens inside the import's transaction: an import that fails or is rolled back (dry-run)
/// leaves the indexes as they were, and other readers never see the table without them (WAL readers keep
/// their snapshot). The unique `sale_ref` index stays: it is what finds a ref imported twice, line by line.
///
/// SQLite only: a PostgreSQL store loads with COPY, and dropping an index there would lock the table against
/// every other officer until the import commits.
final class DeferredSaleIndexes {
    static let names = ["sale_day"]
    /// Below this many added sales the indexes are always kept (a small import gains nothing).
    static let threshold: Int64 = 100_000

    private let store: any StoreConnection
    /// The import drops the indexes when it has added this many sales.
    private let dropAt: Int64
    /// The dropped indexes' `CREATE INDEX` statements, as the store had them.
    private var dropped: [String] = []

    init(store: any StoreConnection) throws {
        self.store = store
        // max(id) is read from the end of the table's b-tree (count(*) would read all of it): the sales the
        // store holds, give or take the voided and undone ones, which is all this choice needs.
        let before = try store.value(as: Int64.self, "SELECT max(id) FROM sale") ?? 0
        dropAt = store.dialect == .sqlite ? max(Self.threshold, before) : .max
    }

    /// Called with the count of sales added so far, after each one.
    @inline(__always)
    func added(_ count: Int) throws {
        if Int64(count) == dropAt { try drop() }
    }

    private func drop() throws {
        for name in Self.names {
            guard let sql = try store.value(as: String.self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name]) else { continue }
            _ = try store.execute("DROP INDEX \(name)")
            dropped.append(sql)
        }
    }

    /// Builds the dropped indexes again (before the import's savepoint is released).
    func restore() throws {
        for sql in dropped { _ = try store.execute(sql) }
        dropped = []
    }
}
