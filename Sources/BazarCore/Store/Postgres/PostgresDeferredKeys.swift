/// A script that makes its store on a server adds the foreign keys, and builds the report index, after its rows,
/// as `pg_restore` does.
///
/// Why: the server checks each row's foreign keys as it goes in, one index probe per key, and that is most of a
/// load's time. Measured on 1,000,000 sales (PostgreSQL 15, 2 cores):
/// - COPY into `sale` with its three foreign keys and both indexes: 18.0 s;
/// - the same rows without the keys: 5.2 s, and without `sale_day` too: 2.2 s;
/// - adding the three keys afterwards (each validated over the whole table in one join): 0.5 s;
/// - building `sale_day` afterwards (one sort): 1.2 s.
///
/// Only in a store made by this same transaction (`StoreAccess.madeInTransaction`): nobody else can see its tables
/// until it commits, so nobody waits on the lock a dropped key takes, and nobody else writes a row the keys would
/// have refused. In a store other officers use, the keys stay and every row is checked as it goes in.
///
/// What keeps it exact:
/// - Every row a script writes names rows its commands looked up or made in the same transaction, and a script
///   deletes nothing (`undo` is refused in one). The keys are added again, each with its own definition read from
///   the catalog when it was dropped, just before the COMMIT, and the server validates every row then: a row no
///   check here foresaw fails the script, and nothing of it is kept.
/// - A script that fails is rolled back, keys and index with it. A line rolled back to its savepoint under
///   `--on-error continue` takes back the drop it made (`PostgresSaleBatch.Mark`).
/// - The unique indexes and primary keys stay: they answer `ON CONFLICT`, a ref used twice and every lookup by id.
final class PostgresDeferredKeys {
    /// Indexes built after the rows (only reports read them).
    static let indexes = ["sale_day"]

    private struct ForeignKey {
        var table: String
        var name: String
        var definition: String
    }

    private let connection: PostgresConnection
    private var foreignKeys: [ForeignKey] = []
    /// The dropped indexes' `CREATE INDEX` statements, as the catalog gave them.
    private var indexStatements: [String] = []

    init(_ connection: PostgresConnection) { self.connection = connection }

    /// True while keys or indexes wait to be added again.
    var isDeferring: Bool { !foreignKeys.isEmpty || !indexStatements.isEmpty }

    /// Drops the foreign keys of the store's tables and the report index (call only in a store made by the
    /// transaction that is running).
    func drop() throws {
        guard !isDeferring else { return }
        let keys = try connection.query("""
            SELECT c.conrelid::regclass::text, c.conname, pg_catalog.pg_get_constraintdef(c.oid)
            FROM pg_catalog.pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
            ORDER BY c.conrelid::regclass::text, c.conname
            """).map { ForeignKey(table: $0.string(0) ?? "", name: $0.string(1) ?? "", definition: $0.string(2) ?? "") }
        let statements = try connection.query("""
            SELECT pg_catalog.pg_get_indexdef(i.oid) FROM pg_catalog.pg_class i
            WHERE i.relkind = 'i' AND i.relname = ANY ($1::text[])
              AND i.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
            """, [.text("{" + Self.indexes.joined(separator: ",") + "}")]).compactMap { $0.string(0) }
        var sql = ""
        for (table, keys) in Dictionary(grouping: keys, by: \.table).sorted(by: { $0.key < $1.key }) {
            sql += "ALTER TABLE \(table) " + keys.map { "DROP CONSTRAINT \(quoted($0.name))" }.joined(separator: ", ") + ";\n"
        }
        for name in Self.indexes { sql += "DROP INDEX IF EXISTS \(quoted(name));\n" }
        try connection.execute(sql)
        foreignKeys = keys
        indexStatements = statements
    }

    /// The drop was rolled back with a savepoint: nothing waits any more.
    func forget() {
        foreignKeys = []
        indexStatements = []
    }

    /// Builds the index and adds the keys again, validating every row (just before the COMMIT).
    func restore() throws {
        guard isDeferring else { return }
        var sql = indexStatements.map { $0 + ";\n" }.joined()
        for (table, keys) in Dictionary(grouping: foreignKeys, by: \.table).sorted(by: { $0.key < $1.key }) {
            sql += "ALTER TABLE \(table) " + keys.map { "ADD CONSTRAINT \(quoted($0.name)) \($0.definition)" }.joined(separator: ", ") + ";\n"
        }
        try connection.execute(sql)
        forget()
    }

    private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
