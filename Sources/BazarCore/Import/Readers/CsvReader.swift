import Foundation

/// Reads a CSV file (RFC 4180) record by record, streaming: quoted cells with `""` for a quote and line breaks
/// inside, CRLF or LF, the delimiter found in the header (`,`, `;` from an Indonesian Excel, TAB from Excel's
/// "Unicode text"). UTF-8 with or without a BOM, or UTF-16 with its BOM; bytes that are not text in that encoding
/// are an error at their row, never replacement characters.
///
/// Written here rather than taken from SwiftCSV (which reads the whole file into one String: no streaming,
/// and invalid UTF-8 fails the whole file with no row) or CSV.swift (which decodes Character by Character through
/// an InputStream: several times slower on a million records, and its encoding errors carry no row).
public final class CsvReader: RowSource {
    public let file: String
    let path: String
    /// Bytes read from the file at a time.
    static let chunkSize = 1 << 16

    public init(path: String, file: String? = nil) {
        self.path = path
        self.file = file ?? path
    }

    enum Encoding { case utf8, utf16LE, utf16BE }

    public func forEachRow(_ body: (SheetRow) throws -> Bool) throws {
        guard let f = fopen(path, "rb") else {
            throw BazarError(.cannotOpenFile(path: file, reason: String(cString: strerror(errno))))
        }
        defer { fclose(f) }
        var chunk = [UInt8](repeating: 0, count: CsvReader.chunkSize)
        var parser = CsvParser(file: file)
        var encoding: Encoding?
        var pending: [UInt8] = []     // the BOM sniff, or an odd byte of UTF-16 between chunks
        var highSurrogate: UInt16?
        var utf8 = [UInt8]()
        utf8.reserveCapacity(CsvReader.chunkSize * 3 / 2)
        var stop = false
        while !stop {
            let n = fread(&chunk, 1, chunk.count, f)
            if n == 0 {
                if ferror(f) != 0 { throw BazarError(.cannotOpenFile(path: file, reason: "a read error")) }
                break
            }
            var bytes = pending + chunk[0..<n]
            pending = []
            if encoding == nil {
                if bytes.count < 3 && n == chunk.count { pending = bytes; continue }
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    encoding = .utf8
                    bytes.removeFirst(3)
                } else if bytes.starts(with: [0xFF, 0xFE]) {
                    encoding = .utf16LE
                    bytes.removeFirst(2)
                } else if bytes.starts(with: [0xFE, 0xFF]) {
                    encoding = .utf16BE
                    bytes.removeFirst(2)
                } else {
                    encoding = .utf8
                }
            }
            switch encoding! {
            case .utf8:
                stop = try parser.feed(bytes, body)
            case .utf16LE, .utf16BE:
                if bytes.count % 2 == 1 { pending = [bytes.removeLast()] }
                utf8.removeAll(keepingCapacity: true)
                try CsvReader.transcode(bytes, bigEndian: encoding == .utf16BE, high: &highSurrogate, into: &utf8, row: parser.row, file: file)
                stop = try parser.feed(utf8, body)
            }
        }
        if !stop {
            if !pending.isEmpty && encoding != .utf8 && encoding != nil {
                throw BazarError(ImportFailure(ImportFailure.at(file, row: parser.row), "the file ends in half a UTF-16 character", hint: "the file is damaged or cut short; export it again"))
            }
            if highSurrogate != nil {
                throw BazarError(ImportFailure(ImportFailure.at(file, row: parser.row), "the file ends in half a UTF-16 character", hint: "the file is damaged or cut short; export it again"))
            }
            if encoding == nil, !pending.isEmpty { _ = try parser.feed(pending, body) }
            try parser.finish(body)
        }
    }

    /// UTF-16 to UTF-8; an unpaired surrogate is an error at the row being read.
    static func transcode(_ bytes: [UInt8], bigEndian: Bool, high: inout UInt16?, into out: inout [UInt8], row: Int, file: String) throws {
        var i = 0
        while i + 1 < bytes.count {
            let unit = bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i])
            i += 2
            var scalar: UInt32
            if let h = high {
                guard unit >= 0xDC00 && unit <= 0xDFFF else { throw badUTF16(file, row) }
                scalar = 0x10000 + ((UInt32(h) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                high = nil
            } else if unit >= 0xD800 && unit <= 0xDBFF {
                high = unit
                continue
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw badUTF16(file, row)
            } else {
                scalar = UInt32(unit)
            }
            if scalar < 0x80 {
                out.append(UInt8(scalar))
            } else if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else if scalar < 0x10000 {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xF0 | (scalar >> 18)))
                out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }

    static func badUTF16(_ file: String, _ row: Int) -> BazarError {
        BazarError(ImportFailure(ImportFailure.at(file, row: row), "the text is not valid UTF-16 (a broken character)",
                                 hint: "save the file again as CSV UTF-8 or Unicode text"))
    }
}

/// The RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
struct CsvParser {
    let file: String
    /// The record being read (1 is the first).
    var row = 1
    var delimiter: UInt8?
    var field: [UInt8] = []
    var cells: [SheetCell] = []
    var inQuotes = false
    /// A quote seen inside quotes: either the closing quote or the first of `""`.
    var quoteSeen = false
    /// The field was quoted (text after its closing quote is an error).
    var wasQuoted = false
    /// A CR was the last byte (a CRLF may be split between chunks).
    var afterCR = false
    /// Bytes of the first record, kept until the delimiter is known.
    var headerBytes: [UInt8] = []

    init(file: String) {
        self.file = file
    }

    /// Feeds bytes; returns true when `body` asked to stop.
    mutating func feed(_ bytes: [UInt8], _ body: (SheetRow) throws -> Bool) throws -> Bool {
        if delimiter == nil {
            // The delimiter is the most frequent of `,` `;` TAB in the first line (outside quotes).
            headerBytes += bytes
            guard let end = CsvParser.firstLineEnd(headerBytes) else {
                if headerBytes.count > ReaderLimits.columns * ReaderLimits.cellCharacters {
                    throw BazarError(ImportFailure(ImportFailure.at(file, row: 1), "the first line never ends", hint: "this is not a CSV export"))
                }
                return false
            }
            delimiter = CsvParser.guessDelimiter(headerBytes[..<end])
            let all = headerBytes
            headerBytes = []
            return try run(all, body)
        }
        return try run(bytes, body)
    }

    static func firstLineEnd(_ b: [UInt8]) -> Int? {
        var q = false
        for (i, c) in b.enumerated() {
            if c == 34 { q.toggle() } else if !q && (c == 10 || c == 13) { return i }
        }
        return nil
    }

    static func guessDelimiter(_ line: ArraySlice<UInt8>) -> UInt8 {
        var q = false
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
        for c in line {
            if c == 34 { q.toggle() } else if !q, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != 44 && b.key == 44) }!
        return best.value == 0 ? 44 : best.key
    }

    mutating func run(_ bytes: [UInt8], _ body: (SheetRow) throws -> Bool) throws -> Bool {
        let d = delimiter ?? 44
        for c in bytes {
            if afterCR {
                afterCR = false
                if c == 10 { continue }
            }
            if inQuotes {
                if quoteSeen {
                    quoteSeen = false
                    if c == 34 { try append(34); continue }
                    inQuotes = false
                    // fall through: the byte after a closing quote
                } else if c == 34 {
                    quoteSeen = true
                    continue
                } else {
                    try append(c)
                    continue
                }
            }
            switch c {
            case 34:
                if field.isEmpty && !wasQuoted {
                    inQuotes = true
                    wasQuoted = true
                } else {
                    throw BazarError(ImportFailure(ImportFailure.at(file, row: row, column: "column \(cells.count + 1)"),
                                                   "a quote (\") inside a cell that is not quoted",
                                                   hint: "a cell holding quotes must be quoted, with each quote doubled (\"\")"))
                }
            case d:
                try endField()
            case 10, 13:
                try endField()
                if c == 13 { afterCR = true }
                if try endRecord(body) { return true }
            default:
                if wasQuoted {
                    throw BazarError(ImportFailure(ImportFailure.at(file, row: row, column: "column \(cells.count + 1)"),
                                                   "text after the closing quote of a cell",
                                                   hint: "a cell holding quotes must be quoted, with each quote doubled (\"\")"))
                }
                try append(c)
            }
        }
        return false
    }

    mutating func append(_ c: UInt8) throws {
        field.append(c)
        // Characters are at most 4 bytes: past that many bytes the cell is certainly too long.
        if field.count > ReaderLimits.cellCharacters * 4 { throw cellTooLong() }
    }

    func cellTooLong() -> BazarError {
        BazarError(ImportFailure(ImportFailure.at(file, row: row, column: "column \(cells.count + 1)"),
                                 "a cell longer than \(Money.grouped(Int64(ReaderLimits.cellCharacters))) characters",
                                 hint: inQuotes ? "a quoted cell may not be closed; check the quotes on this row" : "this is not an order export, or it is damaged"))
    }

    mutating func endField() throws {
        if quoteSeen { quoteSeen = false; inQuotes = false }
        // (Most cells are ASCII, which needs no validating: `String(validating:)` is generic, and looking up its
        // metadata for each cell was a tenth of the reading thread's time.)
        guard let text = field.allSatisfy({ $0 < 0x80 }) ? String(decoding: field, as: UTF8.self) : String(validating: field, as: UTF8.self) else {
            throw BazarError(ImportFailure(ImportFailure.at(file, row: row, column: "column \(cells.count + 1)"),
                                           "the text is not UTF-8",
                                           hint: "save the file as 'CSV UTF-8' (or Unicode text) and import it again"))
        }
        if field.count > ReaderLimits.cellCharacters, text.unicodeScalars.count > ReaderLimits.cellCharacters { throw cellTooLong() }
        if cells.count >= ReaderLimits.columns {
            throw BazarError(ImportFailure(ImportFailure.at(file, row: row), "more than \(Money.grouped(Int64(ReaderLimits.columns))) columns",
                                           hint: "this is not an order export, or it is damaged"))
        }
        cells.append(SheetCell(text))
        field.removeAll(keepingCapacity: true)
        wasQuoted = false
    }

    mutating func endRecord(_ body: (SheetRow) throws -> Bool) throws -> Bool {
        let record = SheetRow(number: row, cells: cells)
        cells.removeAll(keepingCapacity: true)
        row += 1
        // A blank line is no record.
        if record.cells.count == 1 && record.cells[0].text.isEmpty { return false }
        return try !body(record)
    }

    mutating func finish(_ body: (SheetRow) throws -> Bool) throws {
        if delimiter == nil, !headerBytes.isEmpty {
            delimiter = CsvParser.guessDelimiter(headerBytes[...])
            let all = headerBytes
            headerBytes = []
            if try run(all, body) { return }
        }
        if inQuotes && !quoteSeen {
            throw BazarError(ImportFailure(ImportFailure.at(file, row: row, column: "column \(cells.count + 1)"),
                                           "a quoted cell is not closed at the end of the file",
                                           hint: "the file is cut short, or a quote is missing on this row"))
        }
        if !field.isEmpty || !cells.isEmpty || wasQuoted {
            try endField()
            _ = try endRecord(body)
        }
    }
}
