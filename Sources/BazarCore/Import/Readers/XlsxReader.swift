import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the sheets of an `.xlsx` file (Office Open XML) row by row: the zip container through ZIPFoundation, each
/// part's XML through Foundation's streaming `XMLParser` (libxml2's SAX parser), so a sheet is never whole in memory.
///
/// What a seller centre's export holds is read: shared strings (`t="s"`, rich text joined), inline strings
/// (`t="inlineStr"`), formula results (`t="str"`), numbers and dates as the number text Excel stores (`isNumber`),
/// cells left out (empty), several sheets. Anything else about the file (styles, formulas) is not needed.
public final class XlsxReader {
    public let file: String
    let url: URL
    /// The sheets in workbook order: name and the zip entry of its XML.
    public private(set) var sheets: [(name: String, entry: String)] = []
    /// The shared strings, read once (a few thousand product names and cities at most in a real export).
    var sharedStrings: [String] = []
    /// Shared strings beyond this are refused (a damaged or hostile file).
    static let maxSharedStrings = 2_000_000
    /// Small parts (workbook, relationships) beyond this size are refused.
    static let maxPartSize: UInt64 = 16 << 20

    public init(path: String, file: String? = nil) throws {
        self.file = file ?? path
        self.url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw BazarError(.cannotOpenFile(path: self.file, reason: FileManager.default.fileExists(atPath: path) ? "no permission to read it" : "no such file"))
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw damaged("it is not a zip archive (an .xlsx file is one), or it is cut short")
        }
        guard let workbook = archive["xl/workbook.xml"] else {
            throw damaged("it has no workbook (xl/workbook.xml): it is not an Excel .xlsx file")
        }
        let relations = try readRelations(archive)
        let names = try parsePart(archive, workbook, what: "workbook", WorkbookSheets())
        for (name, rid) in names.sheets {
            guard let target = relations[rid] else { continue }
            let entry = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            if archive[entry] != nil { sheets.append((name, entry)) }
        }
        if sheets.isEmpty { throw damaged("it has no sheets") }
        if let strings = archive["xl/sharedStrings.xml"] {
            let table = try parsePart(archive, strings, what: "shared strings", SharedStrings(), streaming: true)
            if table.failure != nil { throw damaged("its shared strings are damaged (\(table.failure!))") }
            sharedStrings = table.strings
        }
    }

    func damaged(_ why: String) -> BazarError {
        BazarError(ImportFailure(file, "cannot read this .xlsx file: \(why)", hint: "export the orders again from the seller centre, or save the file again from a spreadsheet"))
    }

    func readRelations(_ archive: Archive) throws -> [String: String] {
        guard let rels = archive["xl/_rels/workbook.xml.rels"] else { throw damaged("it has no workbook relationships") }
        return try parsePart(archive, rels, what: "workbook relationships", Relations()).targets
    }

    /// Parses a part with a delegate; small parts in memory, sheets and shared strings streamed.
    func parsePart<D: XMLParserDelegate>(_ archive: Archive, _ entry: Entry, what: String, _ delegate: D, streaming: Bool = false) throws -> D {
        let parser: XMLParser
        var stream: ZipEntryStream?
        if streaming {
            do { stream = try ZipEntryStream(url: url, entryPath: entry.path) } catch { throw damaged("its \(what) cannot be read") }
            parser = XMLParser(stream: stream!)
        } else {
            guard entry.uncompressedSize <= XlsxReader.maxPartSize else { throw damaged("its \(what) is too large") }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw damaged("its \(what) is damaged")
            }
            // (Foundation's XMLParser crashes on names that are not UTF-8: see ZipEntryStream.)
            var check = UTF8Check()
            let valid = data.withUnsafeBytes { check.check($0.bindMemory(to: UInt8.self)) } && check.isComplete
            guard valid else { throw damaged("its \(what) is not UTF-8 text") }
            parser = XMLParser(data: data)
        }
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        stream?.finish()
        if stream?.extractionError != nil { throw damaged("its \(what) is damaged or cut short") }
        if !ok, (delegate as? SheetParser)?.failure == nil, (delegate as? SharedStrings)?.failure == nil {
            throw damaged("the XML of its \(what) is damaged at line \(parser.lineNumber), column \(parser.columnNumber)")
        }
        return delegate
    }

    /// Pushes the rows of a sheet to `body` (false stops).
    public func forEachRow(ofSheet index: Int, _ body: (SheetRow) throws -> Bool) throws {
        let sheet = sheets[index]
        guard let stream = try? ZipEntryStream(url: url, entryPath: sheet.entry) else { throw damaged("sheet '\(sheet.name)' cannot be read") }
        try withoutActuallyEscaping(body) { body in
            let delegate = SheetParser(file: file, sharedStrings: sharedStrings, body: body)
            let parser = XMLParser(stream: stream)
            parser.shouldResolveExternalEntities = false
            parser.delegate = delegate
            let ok = parser.parse()
            stream.finish()
            if let failure = delegate.failure { throw failure }
            if delegate.stopped { return }
            if stream.extractionError is ZipEntryStream.NotUTF8 { throw damaged("sheet '\(sheet.name)' is not UTF-8 text") }
            if stream.extractionError != nil { throw damaged("sheet '\(sheet.name)' is damaged or cut short") }
            if !ok {
                throw damaged("the XML of sheet '\(sheet.name)' is damaged at line \(parser.lineNumber), column \(parser.columnNumber)")
            }
        }
    }

    /// One sheet as a `RowSource`.
    public func source(sheet index: Int) -> RowSource { XlsxSheet(reader: self, index: index) }
}

struct XlsxSheet: RowSource {
    let reader: XlsxReader
    let index: Int
    var file: String { reader.file }
    func forEachRow(_ body: (SheetRow) throws -> Bool) throws { try reader.forEachRow(ofSheet: index, body) }
}

/// `xl/workbook.xml`: the sheets' names and relationship ids, in order.
final class WorkbookSheets: NSObject, XMLParserDelegate {
    var sheets: [(String, String)] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        guard local(name) == "sheet", sheets.count < 1000 else { return }
        let rid = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value
        if let n = attributes["name"], let rid { sheets.append((n, rid)) }
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
final class Relations: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        guard local(name) == "Relationship", targets.count < 10_000, let id = attributes["Id"], let t = attributes["Target"] else { return }
        targets[id] = t
    }
}

/// An element's name without its namespace prefix (`x:row` → `row`).
func local(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its runs joined (phonetic guides left out).
final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var text = ""
    var inText = false
    var inPhonetic = false
    var failure: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch local(name) {
        case "si": text = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        text += string
        if text.utf8.count > ReaderLimits.cellCharacters * 4 {
            failure = "a text longer than \(Money.grouped(Int64(ReaderLimits.cellCharacters))) characters"
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si":
            strings.append(text)
            if strings.count > XlsxReader.maxSharedStrings {
                failure = "more than \(Money.grouped(Int64(XlsxReader.maxSharedStrings))) texts"
                parser.abortParsing()
            }
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// A sheet's `<sheetData>`: rows of cells, pushed to `body` as each `</row>` closes.
final class SheetParser: NSObject, XMLParserDelegate {
    let file: String
    let sharedStrings: [String]
    let body: (SheetRow) throws -> Bool
    var failure: Error?
    var stopped = false

    var rowNumber = 0
    var cells: [SheetCell] = []
    var column = -1
    var type: String?
    var value = ""
    var collecting = false
    var inCell = false

    init(file: String, sharedStrings: [String], body: @escaping (SheetRow) throws -> Bool) {
        self.file = file
        self.sharedStrings = sharedStrings
        self.body = body
    }

    func fail(_ parser: XMLParser, _ error: Error) {
        failure = error
        parser.abortParsing()
    }

    func fail(_ parser: XMLParser, column: Int?, _ message: String) {
        let where_ = column.map { "column \(SheetParser.letters($0))" }
        fail(parser, BazarError(ImportFailure(ImportFailure.at(file, row: rowNumber, column: where_), message,
                                              hint: "this is not an order export, or it is damaged; export it again")))
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        guard failure == nil else { return }
        switch local(name) {
        case "row":
            if let r = attributes["r"], let n = Int(r), n > rowNumber, n <= 10_000_000 { rowNumber = n } else { rowNumber += 1 }
            cells.removeAll(keepingCapacity: true)
            column = -1
        case "c":
            inCell = true
            type = attributes["t"]
            value = ""
            if let ref = attributes["r"] {
                guard let c = SheetParser.column(of: ref) else { return fail(parser, column: nil, "'\(ref.prefix(20))' is not a cell reference") }
                column = c
            } else {
                column += 1
            }
            if column >= ReaderLimits.columns {
                return fail(parser, column: nil, "more than \(Money.grouped(Int64(ReaderLimits.columns))) columns")
            }
        case "v", "t":
            collecting = inCell
        case "rPh":
            collecting = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting, failure == nil else { return }
        value += string
        if value.utf8.count > ReaderLimits.cellCharacters * 4 {
            fail(parser, column: column, "a cell longer than \(Money.grouped(Int64(ReaderLimits.cellCharacters))) characters")
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch local(name) {
        case "v", "t":
            collecting = false
        case "c":
            // (A `</c>` without its `<c>`, in a damaged sheet, is no cell.)
            guard inCell, column >= 0 else { return }
            inCell = false
            var text = value
            var isNumber = false
            switch type {
            case "s":
                guard let i = Int(value.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStrings.count else {
                    return fail(parser, column: column, "a cell refers to text #\(value.prefix(12)) that the file does not have")
                }
                text = sharedStrings[i]
            case "inlineStr", "str", "e":
                break
            case "b":
                text = value == "1" ? "TRUE" : "FALSE"
            default:   // "n" or none: a number (dates are numbers too)
                isNumber = !value.isEmpty
            }
            if text.utf8.count > ReaderLimits.cellCharacters, text.unicodeScalars.count > ReaderLimits.cellCharacters {
                return fail(parser, column: column, "a cell longer than \(Money.grouped(Int64(ReaderLimits.cellCharacters))) characters")
            }
            if column >= cells.count { cells.append(contentsOf: repeatElement(.empty, count: column + 1 - cells.count)) }
            cells[column] = SheetCell(text, isNumber: isNumber)
        case "row":
            do {
                if try !body(SheetRow(number: rowNumber, cells: cells)) {
                    stopped = true
                    parser.abortParsing()
                }
            } catch {
                fail(parser, error)
            }
        default: break
        }
    }

    /// `B17` → 1 (zero-based column); nil if it is not a cell reference.
    static func column(of ref: String) -> Int? {
        var n = 0
        var letters = 0
        for c in ref.utf8 {
            if c >= 65 && c <= 90 { n = n * 26 + Int(c - 64); letters += 1 } else if c >= 97 && c <= 122 { n = n * 26 + Int(c - 96); letters += 1 } else { break }
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }

    /// 0 → `A`, 27 → `AB`.
    static func letters(_ column: Int) -> String {
        var n = column + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}
