/// Two queries of a report at once, on two connections that see the same state of the store.
///
/// Why: the server runs one query at a time per connection, on one core. A year's report on a server spends about
/// 55 ms on its units (stalls and listings by month) and 25 ms on its sales, one after the other; a second
/// connection lets the server's second core take the sales meanwhile. The second connection costs a connect
/// (with its password check) of a few milliseconds, made while the first query already runs; so only reports with
/// many events ask for it (`ReportEngine.twoConnectionsFrom`).
///
/// The same state of the store: the read transaction's snapshot is exported (`pg_export_snapshot`) and the second
/// connection's transaction takes it (`SET TRANSACTION SNAPSHOT`), as pg_dump's parallel jobs do. Whatever commits
/// meanwhile, both queries see the store as the report's first query saw it.
///
/// Only in a report's own read transaction: inside a script's transaction the report must see the script's changes,
/// which no other connection can see before the COMMIT; there the two queries run one after the other.
///
/// When the second connection cannot be had (the server's connection limit, a refused login), the second query
/// runs on this connection after the first, as on SQLite. Ctrl-C cancels the first query; the second, if running,
/// ends with the helper connection, which is closed either way.
extension PostgresStoreConnection {
    public func rows(_ first: (sql: String, arguments: StoreArguments), together second: (sql: String, arguments: StoreArguments))
        throws -> ([StoreRow], [StoreRow]) {
        guard inReadTransaction, connection.isInTransaction,
              let snapshot = try connection.query("SELECT pg_export_snapshot()").first?.string(0) else {
            return (try rows(first.sql, first.arguments), try rows(second.sql, second.arguments))
        }
        let (firstSQL, firstValues) = prepare(first.sql, first.arguments)
        try connection.send(firstSQL, firstValues)
        let helper: PostgresConnection
        do {
            helper = try connection.sibling()
            try helper.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '\(snapshot)'")
        } catch {
            let firstRows = try connection.collect()
            return (firstRows, try rows(second.sql, second.arguments))
        }
        defer { helper.close() }
        let (secondSQL, secondValues) = prepare(second.sql, second.arguments)
        let secondRows: [StoreRow]
        do {
            secondRows = try helper.query(secondSQL, secondValues)
        } catch {
            _ = try? connection.collect()
            throw error
        }
        return (try connection.collect(), secondRows)
    }
}
