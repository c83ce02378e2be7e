import GRDB

/// What a command may do with the store it runs on: a store file that does not exist yet is made by the
/// first change, never by a list or report (a typo in `--store` must not give a confident Rp 0); a store
/// opened `--read-only` takes lists and reports only.
public struct StoreAccess: Sendable {
    /// The path of a store file that does not exist yet (nil: it exists, or is in memory).
    public var missingPath: String?
    /// The first change made the schema inside a transaction that has not committed yet.
    var madeInTransaction = false
    public var readOnly = false
    public init(missingPath: String? = nil, readOnly: Bool = false) {
        self.missingPath = missingPath
        self.readOnly = readOnly
    }
}

extension Session {
    /// Commands that run without reading the store, by their first word (so that every `set …`, whichever
    /// setting it is, runs before a store exists).
    static let storeFreeWords: Set<String> = ["set", "help", "quit", "exit", "history", "record", "run", "day", "date", "undo"]

    /// Before a command runs (inside its transaction, before undo capture): refuses a change on a read-only
    /// store and a read on a store that does not exist; makes the schema for the first change.
    func prepareStore(for command: ParsedCommand) throws {
        if storeAccess.readOnly, command.spec.changes {
            throw BazarError(.readOnly(command: command.spec.name), at: command.commandSpan)
        }
        guard let path = storeAccess.missingPath, !storeAccess.madeInTransaction,
              !Session.storeFreeWords.contains(command.spec.words[0]) else { return }
        guard command.spec.changes else {
            throw BazarError(interactive ? .noStoreYet(path: path) : .noStore(path: path), at: command.commandSpan)
        }
        if let db = sqlite {
            try Schema.create(db)
        } else if let server = store as? PostgresStoreConnection {
            try PostgresSchema.migrate(server.connection)
            // A script loading into the store it made: keys and report index after its rows (PostgresDeferredKeys.swift).
            try saleBatch?.keys.drop()
        }
        storeAccess.madeInTransaction = true
    }

    /// After a COMMIT: a store made by it is now a file like any other (in WAL mode, as `Store` opens them).
    func storeCommitted() {
        guard storeAccess.madeInTransaction else { return }
        storeAccess = StoreAccess(readOnly: storeAccess.readOnly)
        try? sqlite?.execute(sql: "PRAGMA journal_mode = WAL")
    }

    /// After a ROLLBACK (of the transaction or of a savepoint): was the schema taken back with it?
    func storeRolledBack() {
        guard storeAccess.madeInTransaction else { return }
        if let server = store as? PostgresStoreConnection {
            storeAccess.madeInTransaction = (try? PostgresSchema.state(of: server.connection)) != .empty
            // (Statements prepared on the tables taken back would meet the ones made again: other relations, and a
            // collation made again under the same name, which the server calls a change of result type.)
            if !storeAccess.madeInTransaction { try? server.connection.forgetPreparedStatements() }
        } else {
            storeAccess.madeInTransaction = ((try? store.value("PRAGMA user_version", as: Int.self)) ?? 0) > 0
        }
    }
}
