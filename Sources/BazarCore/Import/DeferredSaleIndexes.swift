/// A large import builds the sale table's report index once at its end instead of row by row.
///
/// Each sale inserted updates every index on the sale table. `sale_day` (eight columns, only reports read it)
/// is the larger of the two; once an import has added more sales than the store held before it (and at least
/// `threshold`), sorting every sale into it at the end costs less than keeping it up to date, so it is dropped
/// there and created again, from its own stored SQL, before the import's savepoint is released. It all happens
/// inside the import's transaction: an import that fails or is a dry run (rolled back) leaves the index as it
/// was, and other readers never see the table without it (WAL readers keep their snapshot). The unique
/// `sale_ref` index stays: it is what finds a ref imported twice, line by line.
///
/// SQLite only: on a server, dropping an index would lock the sale table against every other officer until
/// the import commits.
final class DeferredSaleIndexes {
    static let names = ["sale_day"]
    /// Below this many added sales the indexes are always kept (a small import gains nothing).
    static let threshold: Int64 = 100_000

    private let store: any StoreConnection
    /// The import drops the indexes when it has added this many sales.
    private let dropAt: Int64
    /// The dropped indexes' `CREATE INDEX` statements, as the store had them.
    private var dropped: [String] = []

    /// `salesBefore`: the highest sale number before the import (`max(id)`, read from the end of the table's
    /// b-tree, where count(*) would read all of it): the sales the store holds, give or take the voided and
    /// undone ones, which is all this choice needs.
    init(store: any StoreConnection, salesBefore: Int64) {
        self.store = store
        dropAt = store.dialect == .sqlite ? max(Self.threshold, salesBefore) : .max
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
        guard !dropped.isEmpty else { return }
        try Self.withSorterThreads(store) {
            for sql in dropped { _ = try store.execute(sql) }
        }
        dropped = []
    }

    /// Runs `body` (index builds) with SQLite's sorter on both cores: `PRAGMA threads` lets the sort behind
    /// CREATE INDEX hand runs to helper threads (none by default). Each thread sorts in memory as much as the
    /// page cache may hold, so the cache is made smaller for the build: the peak memory stays that of the
    /// import. A million sales' index: 1.1 -> 0.7 s in the import (1.2 -> 0.6 s in C alone). Both set back after.
    static func withSorterThreads(_ store: any StoreConnection, _ body: () throws -> Void) throws {
        guard store.dialect == .sqlite else { return try body() }
        let cache = try store.value("PRAGMA cache_size", as: Int64.self) ?? -2000
        _ = try store.value("PRAGMA threads = 2", as: Int64.self)
        _ = try store.execute("PRAGMA cache_size = -2048")
        defer {
            _ = try? store.value("PRAGMA threads = 0", as: Int64.self)
            _ = try? store.execute("PRAGMA cache_size = \(cache)")
        }
        try body()
    }
}
