import Foundation
import Testing
@testable import BazarCore

/// The connection layer against a real server: addresses, values, transactions, COPY, cancel.
@Suite(.enabled(if: TestServer.enabled, Comment(rawValue: TestServer.skipMessage)))
struct PostgresConnectionTests {
    @Test func connectsOverTheSocketByURL() throws {
        let scratch = try ScratchDatabase()
        let db = try PostgresConnection(url: scratch.socketURL)
        #expect(db.server.isSocket)
        #expect(db.server.database == scratch.name)
        #expect(db.server.description.contains(".s.PGSQL.\(scratch.server.port)"))
        let rows = try db.query("SELECT current_database(), 1 + 1")
        #expect(rows == [StoreRow([.text(scratch.name), .int(2)])])
        #expect(db.serverVersion >= 150000)
    }

    @Test func int64RoundTripsExactlyAtBothEnds() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        let text = "Kué \"Lapis\" \\ 'x' – 🍵"
        let row = try db.query("SELECT $1::bigint, $2::bigint, $3, $4::bigint, $5::text",
                               [.int(.min), .int(.max), .text(text), .int(0), .null])
        #expect(row == [StoreRow([.int(.min), .int(.max), .text(text), .int(0), .null])])

        try db.execute("CREATE TABLE t (n BIGINT, s TEXT)")
        for n: Int64 in [.min, .min + 1, -1, 0, 1, .max - 1, .max] {
            #expect(try db.execute("INSERT INTO t VALUES ($1, $2)", [.int(n), .text(String(n))]) == 1)
        }
        let back = try db.query(prepared: "SELECT n, s FROM t WHERE n = $1", [.int(.min)])
        #expect(back == [StoreRow([.int(.min), .text(String(Int64.min))])])
        #expect(try db.query("SELECT count(*) FROM t WHERE n::text = s").first?.int(0) == 7)

        // Arithmetic past Int64 is refused by the server, never wrapped.
        let overflow = postgresError { _ = try db.query("SELECT $1::bigint + 1", [.int(.max)]) }
        #expect(overflow?.kind == .statementFailed)
        #expect(overflow?.sqlState == "22003")
        #expect(overflow?.exitStatus == 1)
        // sum() of BIGINT is numeric: exact when it fits, refused (not rounded) when it does not.
        #expect(try db.query("SELECT sum(n) FROM t WHERE n IN (1, $1)", [.int(.max - 1)]).first?.int(0) == .max)
        let tooBig = postgresError { _ = try db.query("SELECT sum(n) FROM t WHERE n >= 1") }
        #expect(tooBig?.kind == .valueOutOfRange)
        #expect(tooBig?.message == "a figure from the store is too large to count in rupiah")
    }

    @Test func aTransactionRollsBackWhenItsBodyThrows() throws {
        struct Stop: Error {}
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE t (n BIGINT PRIMARY KEY)")
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES ($1)", [1])
                throw Stop()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.query("SELECT count(*) FROM t").first?.int(0) == 0)

        try db.transaction { try db.execute("INSERT INTO t VALUES ($1)", [2]) }
        #expect(try db.query("SELECT n FROM t") == [StoreRow([.int(2)])])

        // A failed statement whose error the body swallowed: COMMIT must not pass it off as done.
        let commit = postgresError {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES ($1)", [3])
                _ = try? db.execute("INSERT INTO t VALUES ($1)", [2])   // duplicate key
            }
        }
        #expect(commit?.sqlState == "25P02")
        #expect(try db.query("SELECT count(*) FROM t").first?.int(0) == 1)

        // A transaction inside a transaction is a savepoint: its failure leaves the outer one going.
        var inner: Error?
        try db.transaction {
            try db.execute("INSERT INTO t VALUES ($1)", [4])
            do { try db.transaction { try db.execute("INSERT INTO t VALUES ($1)", [5]); throw Stop() } } catch { inner = error }
        }
        #expect(inner is Stop)
        #expect(try db.query("SELECT n FROM t ORDER BY n").map { $0.int(0) } == [2, 4])
    }

    @Test func aSavepointUndoesOnlyItsOwnPart() throws {
        struct Bad: Error {}
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE t (n BIGINT PRIMARY KEY)")
        var bad: Error?
        var dup: PostgresError?
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)", [])
            // A bad line under --on-error continue: its own insert goes, the script goes on.
            do {
                try db.savepoint {
                    try db.execute("INSERT INTO t VALUES (2)", [])
                    throw Bad()
                }
            } catch {
                bad = error
            }
            // A statement the server refuses inside a savepoint leaves the transaction usable.
            dup = postgresError { _ = try db.savepoint { try db.execute("INSERT INTO t VALUES (1)", []) } }
            try db.savepoint {
                try db.execute("INSERT INTO t VALUES (3)", [])
                _ = try db.savepoint { try db.execute("INSERT INTO t VALUES (4)", []) }
            }
        }
        #expect(bad is Bad)
        #expect(dup?.sqlState == "23505")
        #expect(dup?.constraint == "t_pkey")
        #expect(try db.query("SELECT n FROM t ORDER BY n").map { $0.int(0) } == [1, 3, 4])
    }

    @Test func copyLoads100kRowsExactly() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE s (n BIGINT NOT NULL, day DATE NOT NULL, amount BIGINT NOT NULL, note TEXT)")
        let awkward = "tab\there\nnewline \\N back\\slash\r Kué 🍵"
        let rows = 100_000
        let days = (1...28).map { StoreValue.text("2020-08-\(String(format: "%02d", $0))") }
        let started = Date()
        let count = try db.transaction {
            try db.copy("COPY s (n, day, amount, note) FROM STDIN") { writer in
                for i in 0..<rows {
                    let amount: Int64 = i == 0 ? .max : (i == 1 ? 0 : Int64(i) * 1000)
                    let note: StoreValue = i % 10 == 0 ? .null : (i == 7 ? .text(awkward) : .text("n\(i)"))
                    try writer.append([.int(Int64(i)), days[i % 28], .int(amount), note])
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(count == rows)
        #expect(try db.query("SELECT count(*), count(note) FROM s") == [StoreRow([.int(Int64(rows)), .int(Int64(rows - rows / 10))])])
        #expect(try db.query("SELECT amount FROM s WHERE n = 0").first?.int(0) == .max)
        #expect(try db.query("SELECT sum(amount) FROM s WHERE n >= 2").first?.int(0) == (2..<Int64(rows)).reduce(0) { $0 + $1 * 1000 })
        #expect(try db.query("SELECT note, day FROM s WHERE n = 7") == [StoreRow([.text(awkward), .text("2020-08-08")])])
        print("COPY of \(rows) rows: \(String(format: "%.2f", seconds)) s")
    }

    @Test func aCopyIsAllOrNothing() throws {
        struct Stop: Error {}
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE s (n BIGINT NOT NULL CHECK (n >= 0))")
        // The loader stops half way: nothing of the COPY stays, the connection goes on.
        #expect(throws: Stop.self) {
            try db.copy("COPY s FROM STDIN") { w in
                for i in 0..<1000 { try w.append([.int(Int64(i))]) }
                throw Stop()
            }
        }
        // A row the server refuses fails the whole COPY.
        let refused = postgresError {
            try db.copy("COPY s FROM STDIN") { w in
                for i in 0..<1000 { try w.append([.int(Int64(i == 500 ? -1 : i))]) }
            }
        }
        #expect(refused?.sqlState == "23514")
        #expect(refused?.constraint == "s_n_check")
        #expect(try db.query("SELECT count(*) FROM s").first?.int(0) == 0)
    }

    @Test func cancelStopsARunningQueryWithinASecond() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        let canceller = try #require(db.makeCanceller())
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { canceller.cancel() }
        let started = Date()
        let error = postgresError { _ = try db.query("SELECT pg_sleep(10)") }
        let seconds = Date().timeIntervalSince(started)
        #expect(error?.kind == .cancelled)
        #expect(error?.message == "interrupted")
        #expect(seconds < 1.0, "cancel took \(seconds) s")
        // The connection is still good, and a cancel with nothing running does nothing.
        canceller.cancel()
        #expect(try db.query("SELECT 1").first?.int(0) == 1)
    }

    @Test func aCancelledStatementRollsBackItsTransaction() throws {
        let scratch = try ScratchDatabase()
        let db = try scratch.connect()
        try db.execute("CREATE TABLE t (n BIGINT)")
        let canceller = try #require(db.makeCanceller())
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { canceller.cancel() }
        let error = postgresError {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)", [])
                _ = try db.query("SELECT pg_sleep(10)")
            }
        }
        #expect(error?.kind == .cancelled)
        #expect(!db.isInTransaction)
        #expect(try db.query("SELECT count(*) FROM t").first?.int(0) == 0)
    }

    @Test func aWriterBlockedPastItsLockTimeoutIsToldToTryAgain() throws {
        let scratch = try ScratchDatabase()
        let first = try scratch.connect()
        let second = try scratch.connect()
        try first.execute("CREATE TABLE listing (n BIGINT PRIMARY KEY, channels SMALLINT NOT NULL); INSERT INTO listing VALUES (1, 0)")
        try first.execute("BEGIN")
        try first.execute("UPDATE listing SET channels = 1 WHERE n = $1", [1])
        try second.execute("SET lock_timeout = '200ms'")
        let started = Date()
        let blocked = postgresError { try second.execute("UPDATE listing SET channels = 2 WHERE n = $1", [1]) }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(blocked?.sqlState == "55P03")
        #expect(blocked?.exitStatus == 1)
        #expect(blocked?.hint == "nothing of it was kept; try again in a moment")
        try first.execute("COMMIT")
        #expect(try second.execute("UPDATE listing SET channels = 3 WHERE n = $1", [1]) == 1)
    }
}
