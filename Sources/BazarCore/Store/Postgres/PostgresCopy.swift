import CLibPQ

extension PostgresConnection {
    /// Bulk load with `COPY … FROM STDIN`: `body` appends rows to the writer, which sends them in
    /// PostgreSQL's text format in chunks of a quarter MiB. Returns the number of rows the server
    /// took. When `body` throws, the COPY is abandoned (nothing of it stays) and the error goes on;
    /// a row the server refuses (a CHECK, a foreign key) fails the whole COPY.
    ///
    ///     try db.copy("COPY sale (event_no, day, amount) FROM STDIN") { rows in
    ///         try rows.append([.int(1), .text("2020-08-07"), .int(25_000)])
    ///     }
    @discardableResult
    public func copy(_ sql: String, rows body: (inout PostgresCopyWriter) throws -> Void) throws -> Int {
        let start = try check(PQexec(connection, sql))
        let status = PQresultStatus(start)
        PQclear(start)
        guard status == PGRES_COPY_IN else {
            throw PostgresError(.statementFailed, server: server, serverMessage: "not a COPY FROM STDIN: \(sql)")
        }
        var writer = PostgresCopyWriter(connection: connection)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(connection, "bazar abandoned the load")
            drainResults()
            if let e = error as? PostgresError, e.serverMessage == PostgresCopyWriter.sendFailed {
                throw PostgresError(.connectionLost, server: server, serverMessage: Self.text(PQerrorMessage(connection)))
            }
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1 else {
            drainResults()
            throw PostgresError(.connectionLost, server: server, serverMessage: Self.text(PQerrorMessage(connection)))
        }
        // The COPY's outcome, then the end of the results.
        let result: OpaquePointer
        do {
            result = try check(PQgetResult(connection))
        } catch {
            drainResults()
            throw error
        }
        let count = Self.affected(result)
        PQclear(result)
        drainResults()
        return count
    }

    private func drainResults() {
        while let r = PQgetResult(connection) { PQclear(r) }
    }
}

/// Rows on their way to the server in a COPY: tab-separated text, `\N` for NULL, and backslash,
/// tab, newline and carriage return escaped.
public struct PostgresCopyWriter {
    private let connection: OpaquePointer
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 18
    static let sendFailed = "PQputCopyData failed"

    init(connection: OpaquePointer) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// Adds one row: its values in the order of the COPY's column list.
    public mutating func append(_ row: [StoreValue]) throws {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.append(0x09) }
            switch value {
            case .null:
                buffer.append(0x5C); buffer.append(UInt8(ascii: "N"))
            case .int(let n):
                appendDigits(n)
            case .text(let s):
                let utf8 = s.utf8
                // Most text has nothing to escape: copy it whole.
                if !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    buffer.append(contentsOf: utf8)
                    continue
                }
                for b in utf8 {
                    switch b {
                    case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                    case 0x09: buffer.append(0x5C); buffer.append(UInt8(ascii: "t"))
                    case 0x0A: buffer.append(0x5C); buffer.append(UInt8(ascii: "n"))
                    case 0x0D: buffer.append(0x5C); buffer.append(UInt8(ascii: "r"))
                    default: buffer.append(b)
                    }
                }
            }
        }
        buffer.append(0x0A)
        if buffer.count >= Self.chunk { try flush() }
    }

    /// The decimal digits of `n` (Int64.min included), without making a String.
    private mutating func appendDigits(_ n: Int64) {
        if n < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                PQputCopyData(connection, p, Int32(b.count))
            }
        }
        guard sent == 1 else { throw PostgresError(.connectionLost, serverMessage: Self.sendFailed) }
        buffer.removeAll(keepingCapacity: true)
    }
}
