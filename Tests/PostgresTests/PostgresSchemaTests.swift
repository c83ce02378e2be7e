import Foundation
import GRDB
import Testing
@testable import BazarCore

/// bazar's schema on PostgreSQL: applied once in one transaction, the same tables as on SQLite,
/// refusing another program's database and a newer bazar's.
@Suite(.enabled(if: TestServer.enabled, Comment(rawValue: TestServer.skipMessage)))
struct PostgresSchemaTests {
    @Test func migrationsApplyOnceAndMarkTheDatabase() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        #expect(try PostgresSchema.state(of: db) == .empty)
        #expect(try PostgresSchema.migrate(db) == 0)
        #expect(try PostgresSchema.state(of: db) == .bazar(version: PostgresSchema.version))
        #expect(try db.query("SELECT application, schema_version FROM bazar_meta")
                == [StoreRow([.text("bazar"), .int(Int64(PostgresSchema.version))])])
        // Again: nothing to do, nothing changed.
        #expect(try PostgresSchema.migrate(db) == PostgresSchema.version)
        #expect(try db.query("SELECT count(*) FROM bazar_meta").first?.int(0) == 1)
        // A second connection (another officer) finds the store as it is.
        let other = try scratch.connect()
        #expect(try PostgresSchema.migrate(other) == PostgresSchema.version)
    }

    @Test func twoBazarsStartingOnANewDatabaseTakeTurns() throws {
        let scratch = try ScratchDatabase()
        let url = scratch.socketURL
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let db = try PostgresConnection(url: url)
                results.add(.success(try PostgresSchema.migrate(db)))
            } catch {
                results.add(.failure(error))
            }
        }
        let befores = try results.all.map { try $0.get() }.sorted()
        #expect(befores == [0] + Array(repeating: PostgresSchema.version, count: 3))
    }

    @Test func aNewerStoreIsRefusedUntouched() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try PostgresSchema.migrate(db)
        let newer = PostgresSchema.version + 1
        try db.execute("UPDATE bazar_meta SET schema_version = $1", [.int(Int64(newer))])
        for attempt in [{ _ = try PostgresSchema.state(of: db) }, { try PostgresSchema.migrate(db) }] {
            let e = try #require(postgresError(attempt))
            #expect(e.kind == .tooNew(version: newer))
            #expect(e.exitStatus == 3)
            #expect(e.message == "database '\(scratch.name)' at \(scratch.server.place) has bazar schema version \(newer), newer than this bazar")
            #expect(e.hint == "use a newer bazar")
        }
        #expect(try db.query("SELECT schema_version FROM bazar_meta").first?.int(0) == Int64(newer))
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC); INSERT INTO orders VALUES (1, 9.5)")
        for attempt in [{ _ = try PostgresSchema.state(of: db) }, { try PostgresSchema.migrate(db) }] {
            let e = try #require(postgresError(attempt))
            #expect(e.kind == .notBazar)
            #expect(e.exitStatus == 3)
            #expect(e.message == "database '\(scratch.name)' at \(scratch.server.place) holds another program's tables, not a bazar store")
            #expect(e.hint?.contains("left untouched") == true)
        }
        let tables = try db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        #expect(tables == [StoreRow(["orders"])])

        // A table named like our marker but not ours.
        let other = try ScratchDatabase()
        let odb = try other.connect()
        try odb.execute("CREATE TABLE bazar_meta (k TEXT, v TEXT)")
        #expect(postgresError { try PostgresSchema.migrate(odb) }?.kind == .notBazar)
    }

    /// The PostgreSQL schema has the tables, columns and named indexes of the SQLite one. When this
    /// fails after an SQLite migration, write its PostgreSQL twin in PostgresSchema.migrations.
    @Test func theSameTablesColumnsAndIndexesAsTheSQLiteStore() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try PostgresSchema.migrate(db)
        #expect(PostgresSchema.version == Schema.version, "SQLite is at schema \(Schema.version), PostgreSQL at \(PostgresSchema.version)")

        let store = try Store(path: nil)
        defer { store.close() }
        let sqlite: (columns: [String: [String]], indexes: Set<String>) = try store.run { sdb in
            var columns: [String: [String]] = [:]
            for table in try String.fetchAll(sdb, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'") {
                columns[table] = try String.fetchAll(sdb, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
            }
            let indexes = try String.fetchAll(sdb, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")
            return (columns, Set(indexes))
        }
        var postgres: [String: [String]] = [:]
        for row in try db.query("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'bazar_meta'
            ORDER BY table_name, ordinal_position
            """) {
            postgres[row.string(0)!, default: []].append(row.string(1)!)
        }
        for table in Set(sqlite.columns.keys).union(postgres.keys).sorted() {
            #expect(sqlite.columns[table].map(Set.init) == postgres[table].map(Set.init), "columns of \(table)")
        }
        let pgIndexes = try db.query("""
            SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
            AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'
            """).compactMap { $0.string(0) }
        #expect(Set(pgIndexes) == sqlite.indexes)
    }

    @Test func idsCompareWithoutCaseAndDaysAreCheckedDates() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try PostgresSchema.migrate(db)
        try db.execute("INSERT INTO event (id, start_date, end_date) VALUES ($1, $2, $3)", ["Borju-2020-08", "2020-08-07", "2020-08-09"])
        // Lookups and the queries' own COLLATE NOCASE read the same on both backends.
        #expect(try db.query("SELECT id, start_date FROM event WHERE id = $1", ["borju-2020-08"])
                == [StoreRow(["Borju-2020-08", "2020-08-07"])])
        #expect(try db.query("SELECT count(*) FROM event WHERE program IS NULL AND id = $1 COLLATE NOCASE", ["BORJU-2020-08"]).first?.int(0) == 1)
        let duplicate = postgresError {
            try db.execute("INSERT INTO event (id, start_date, end_date) VALUES ($1, $2, $2)", ["BORJU-2020-08", "2020-09-01"])
        }
        #expect(duplicate?.sqlState == "23505")
        #expect(duplicate?.constraint == "event_id_key")
        let impossible = postgresError {
            try db.execute("INSERT INTO event (id, start_date, end_date) VALUES ('x', $1, $1)", ["2021-02-30"])
        }
        #expect(impossible?.sqlState == "22008")
        // Sale numbers come from the server and cannot be given by hand.
        let handMade = postgresError {
            try db.execute("INSERT INTO sale (id, event_no, stall_no, day, qty, amount, channel) VALUES (1, 1, 1, '2020-08-07', 1, 1, 'online')", [])
        }
        #expect(handMade?.sqlState == "428C9")
    }
}

/// The statements an `add sale` makes, written once in SQLite's form and rewritten for PostgreSQL,
/// run by several officers at once on one event: none refused, none lost, none numbered twice.
@Suite(.enabled(if: TestServer.enabled, Comment(rawValue: TestServer.skipMessage)))
struct PostgresWritersTests {
    static let ensureStall = "INSERT INTO stall (event_no, participant_no) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
    static let stallNo = "SELECT stall_no FROM stall WHERE event_no = ?1 AND participant_no = ?2"
    static let markListingSold = """
        INSERT INTO listing (stall_no, product_no, channels) VALUES (?1, ?2, ?3)
        ON CONFLICT (stall_no, product_no) DO UPDATE SET channels = listing.channels | ?3 WHERE listing.channels & ?3 = 0
        """
    static let insertSale = """
        INSERT INTO sale (event_no, stall_no, product_no, day, qty, amount, channel) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
        """

    @Test func eightOfficersAddSalesToOneEventAtOnce() throws {
        let scratch = try ScratchDatabase()
        let setup = try scratch.connect()
        try PostgresSchema.migrate(setup)
        try setup.execute("""
            INSERT INTO event (id, start_date, end_date) VALUES ('jakpus-hybrid-2021', '2021-11-01', '2021-11-02');
            INSERT INTO participant (id) SELECT 'umkm-' || g FROM generate_series(1, 4) g;
            INSERT INTO product (participant_no, id, price) SELECT participant_no, 'kue', 25000 FROM participant;
            """)
        let officers = 8, salesEach = 100
        let url = scratch.socketURL
        let results = LockedTimes()
        DispatchQueue.concurrentPerform(iterations: officers) { officer in
            do {
                let db = try PostgresConnection(url: url)
                for i in 0..<salesEach {
                    let participant = Int64(1 + (officer + i) % 4)
                    let channel = i % 2 == 0 ? "online" : "offline"
                    let started = Date()
                    // One interactive `add sale`: its own transaction, committed before it is confirmed.
                    let id = try db.transaction {
                        try db.execute(prepared: postgresParameters(Self.ensureStall), [1, .int(participant)])
                        let stall = try db.query(prepared: postgresParameters(Self.stallNo), [1, .int(participant)])[0].int(0)!
                        try db.execute(prepared: postgresParameters(Self.markListingSold), [.int(stall), .int(participant), .int(i % 2 == 0 ? 1 : 2)])
                        return try db.query(prepared: postgresParameters(Self.insertSale),
                                            [1, .int(stall), .int(participant), "2021-11-01", 1, 25000, .text(channel)])[0].int(0)!
                    }
                    results.add(id: id, seconds: Date().timeIntervalSince(started))
                }
            } catch {
                results.fail(error)
            }
        }
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect(results.ids.count == officers * salesEach)
        #expect(Set(results.ids).count == officers * salesEach)
        #expect(try setup.query("SELECT count(*), sum(amount), count(DISTINCT id) FROM sale")
                == [StoreRow([.int(Int64(officers * salesEach)), .int(Int64(officers * salesEach * 25000)), .int(Int64(officers * salesEach))])])
        #expect(try setup.query("SELECT count(*), min(channels) FROM listing") == [StoreRow([4, 3])])
        #expect(try setup.query("SELECT count(*) FROM stall").first?.int(0) == 4)
        let sorted = results.times.sorted()
        print("8 writers × \(salesEach) sales: median add sale \(String(format: "%.2f", sorted[sorted.count / 2] * 1000)) ms, p99 \(String(format: "%.2f", sorted[sorted.count * 99 / 100] * 1000)) ms")
    }
}

final class LockedTimes: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [Int64] = []
    private(set) var times: [Double] = []
    private(set) var errors: [String] = []
    func add(id: Int64, seconds: Double) { lock.withLock { ids.append(id); times.append(seconds) } }
    func fail(_ e: Error) { lock.withLock { errors.append("\(e) \((e as? PostgresError)?.serverMessage ?? "")") } }
}

/// Results gathered from several threads.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int, Error>] = []
    func add(_ r: Result<Int, Error>) { lock.withLock { results.append(r) } }
    var all: [Result<Int, Error>] { lock.withLock { results } }
}
