import Foundation
import GRDB

/// `import orders`, `map sku` and `list maps` (SPEC section 8).
extension Session {
    /// At most this many groups of unplaced lines are shown: the summary fits one screen.
    static let shownGroups = 12

    func importOrders(_ cmd: ParsedCommand) throws -> Outcome {
        let path = cmd.text("file")!
        let file = (path as NSString).lastPathComponent
        let dryRun = cmd.has("dry-run")
        var layouts = Layouts.all
        if let f = cmd.text("format").flatMap(ImportFormat.init(rawValue:)) { layouts = layouts.filter { $0.formats.contains(f) } }
        var event: EventRecord?
        if let id = cmd.text("event") {
            guard let e = try records.event(id: id) else {
                throw BazarError(.unknownThing(kind: "event", id: id, suggestion: Suggest.closest(to: id, among: try records.ids(table: "event"))), at: cmd.span("event"))
            }
            event = e
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw BazarError(.cannotOpenFile(path: path, reason: isDirectory.boolValue ? "it is a directory" : "no such file"), at: cmd.span("file"))
        }

        let importer = try OrderImporter(session: self, file: file, event: event)
        let decoder = OrderLineDecoder(file: file, layouts: layouts)
        let mark = try savepoint("import_orders")
        do {
            var sheetName: String?
            var searched: [String] = []
            if Session.isZip(path) {
                let reader = try XlsxReader(path: path, file: file)
                // `OrderSKUList` by name first, then the sheets in order: the first whose header row is found.
                let order = reader.sheets.indices.sorted { a, b in
                    (reader.sheets[a].name.lowercased() == "orderskulist" ? 0 : 1, a) < (reader.sheets[b].name.lowercased() == "orderskulist" ? 0 : 1, b)
                }
                for i in order {
                    searched.append("'\(reader.sheets[i].name)'")
                    decoder.startSheet()
                    // (Read and decoded on a second thread; see RowsAhead.)
                    try importer.placeAll { try RowsAhead { emit in try reader.forEachRow(ofSheet: i) { try decoder.decode($0, emit) } }.forEach { try importer.consume($0) } }
                    if importer.match != nil {
                        sheetName = reader.sheets[i].name
                        break
                    }
                }
            } else {
                if path.lowercased().hasSuffix(".xls") {
                    throw BazarError(ImportFailure(file, "an old Excel .xls file cannot be read", hint: "save it as .xlsx (Excel Workbook) or CSV UTF-8, and import that"))
                }
                let reader = CsvReader(path: path, file: file)
                try importer.placeAll { try RowsAhead { emit in try reader.forEachRow { try decoder.decode($0, emit) } }.forEach { try importer.consume($0) } }
            }
            guard let match = importer.match else {
                let sheets = searched.isEmpty ? "" : " in sheet\(searched.count == 1 ? "" : "s") \(searched.prefix(10).joined(separator: ", "))"
                throw BazarError(ImportFailure(file, "no order export headers found\(sheets)",
                                               details: ["expected, in one of the first rows: " + HeaderMatch.expected(for: layouts)],
                                               hint: "import a Tokopedia, TikTok Shop or Shopee order export, or a CSV with bazar's columns (ref,date,product,qty,amount,buyer,channel)"))
            }
            if !importer.unplaced.isEmpty { throw try unplacedFailure(importer, linesRead: decoder.linesRead) }
            if dryRun || importer.added == 0 {
                try rollBack(to: "import_orders", mark: mark)
            } else {
                try importer.writeListings()
                try importer.indexes.restore()
                try store.release("import_orders")
            }
            cache.forgetSaleItems()
            let summary = Session.importSummary(importer, decoder, match: match, file: file, sheet: sheetName, dryRun: dryRun)
            if dryRun || importer.added == 0 { return .message(summary) }
            salesAddedByImport = importer.added
            changeNote = "\(decoder.linesRead) lines, \(importer.added) sales added (\(Money.format(importer.omzet))), \(decoder.cancelled) cancelled, \(importer.alreadyImported) already imported"
            return echoConfirmations ? .confirmation(summary) : .message(summary)
        } catch {
            try? rollBack(to: "import_orders", mark: mark)
            cache = LookupCache()
            throw error
        }
    }

    /// A zip archive (an .xlsx) starts with `PK\3\4`, whatever the file's name.
    static func isZip(_ path: String) -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var b = [UInt8](repeating: 0, count: 4)
        return fread(&b, 1, 4, f) == 4 && b == [0x50, 0x4B, 0x03, 0x04]
    }

    static func importSummary(_ i: OrderImporter, _ d: OrderLineDecoder, match: HeaderMatch, file: String, sheet: String?, dryRun: Bool) -> String {
        let n = { (v: Int) in Money.grouped(Int64(v)) }
        let plural = { (v: Int, w: String) in "\(n(v)) \(w)\(v == 1 ? "" : "s")" }
        var s = "\(file) (\(match.layout.name)\(sheet.map { ", sheet '\($0)'" } ?? "")): \(plural(d.linesRead, "line")) read\n"
        if dryRun {
            s += "  dry run, nothing written: would add \(plural(i.added, "sale")), \(Money.format(i.omzet))\n"
        } else if i.added == 0 {
            s += "  nothing new: no sales added\n"
        } else {
            s += "  \(plural(i.added, "sale")) added, \(Money.format(i.omzet))\n"
        }
        if d.cancelled > 0 { s += "  \(plural(d.cancelled, "line")) cancelled or returned, skipped\n" }
        if i.alreadyImported > 0 { s += "  \(plural(i.alreadyImported, "line")) already imported, skipped\n" }
        return Translate.indonesian(String(s.dropLast()))
    }

    /// The whole import fails: every group of lines that could not be placed, the first one located.
    func unplacedFailure(_ i: OrderImporter, linesRead: Int) throws -> BazarError {
        let u = i.unplaced
        // Shown: the largest group of each reason, then the largest of the rest; in reason order.
        let bySize = u.groups.sorted { ($1.count, $0.firstRow) < ($0.count, $1.firstRow) }
        var shown: [UnplacedLines.Group] = []
        var reasons = Set<UnplacedLines.Why>()
        for g in bySize where reasons.insert(g.why).inserted { shown.append(g) }
        for g in bySize where shown.count < Session.shownGroups && !shown.contains(where: { $0.why == g.why && $0.text == g.text }) {
            shown.append(g)
        }
        shown = Array(shown.prefix(Session.shownGroups)).sorted { ($0.why, $1.count, $0.firstRow) < ($1.why, $0.count, $1.firstRow) }
        let groups = u.groups
        let first = u.groups.min { $0.firstRow < $1.firstRow }!
        var details: [String] = []
        let suggester = try ProductSuggester(records)
        for g in shown {
            let lines = "\(Money.grouped(Int64(g.count))) line\(g.count == 1 ? "" : "s")"
            var what: String
            switch g.why {
            case .unknownSKU, .unknownName, .unknownProduct:
                let noun = g.why == .unknownSKU ? "SKU" : (g.why == .unknownName ? "product name" : "product")
                what = "unknown \(noun) '\(g.text.prefix(80))'"
                if let s = suggester.suggest(g.text, name: g.name) { what += " (did you mean \(s)?)" }
            case .unknownEvent: what = "unknown event '\(g.text.prefix(80))'"
            case .noEvent: what = "date \(g.text) is in no online event"
            case .severalEvents: what = "date \(g.text) is in several online events: \(g.name ?? "")"
            case .outsideEvent: what = "date \(g.text) is outside event '\(g.name ?? "")'"
            }
            details.append("\(lines): \(what), first at row \(g.firstRow)")
        }
        if groups.count > shown.count || u.otherLines > 0 {
            let rest = u.lines - shown.reduce(0) { $0 + $1.count }
            details.append("… and \(Money.grouped(Int64(rest))) more lines, \(groups.count - shown.count)\(u.otherLines > 0 ? "+" : "") other SKUs, products or dates")
        }
        let whys = Set(groups.map(\.why))
        var hints: [String] = []
        if !whys.isDisjoint(with: [.unknownSKU, .unknownName, .unknownProduct]) { hints.append("map each to its product with: map sku TEXT to PARTICIPANT/PRODUCT") }
        if !whys.isDisjoint(with: [.unknownEvent, .noEvent, .severalEvents, .outsideEvent]) { hints.append("name the event with 'event ID', or open an online event holding those dates") }
        let location = ImportFailure.at(i.file, row: first.firstRow, column: first.column)
        return BazarError(ImportFailure(location, "\(Money.grouped(Int64(u.lines))) of \(Money.grouped(Int64(linesRead))) lines could not be placed; nothing was imported",
                                        details: details, hint: hints.joined(separator: "; ") + "; then import the file again"))
    }

    // MARK: map sku, list maps

    func mapSku(_ cmd: ParsedCommand) throws -> Outcome {
        let text = cmd.text("text")!.trimmedOf(" \u{A0}")
        guard cmd.has("to") else { throw BazarError(.incompleteCommand(usage: cmd.spec.usage), at: cmd.commandSpan) }
        if text.isEmpty { throw BazarError(.expected("a SKU or product name", found: nil), at: cmd.span("text")) }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw BazarError(.expected("a SKU or product name without control characters", found: nil), at: cmd.span("text"))
        }
        let product = try productRef(cmd, "to")
        let earlier = try store.value(as: String.self, """
            SELECT pa.id || '/' || pr.id FROM sku_map m JOIN product pr ON pr.product_no = m.product_no
            JOIN participant pa ON pa.participant_no = pr.participant_no WHERE m.text = ?
            """, arguments: [text])
        try records.mapSku(text, productNo: product.no)
        if let earlier, earlier.lowercased() != product.ref.lowercased() {
            return .confirmation(Translate.indonesian("'\(text)' is now \(product.ref) (was \(earlier))"))
        }
        return .confirmation(Translate.indonesian("'\(text)' is \(product.ref)"))
    }

    func listMaps(_ cmd: ParsedCommand) throws -> Outcome {
        let limit = cmd.count("limit") ?? Int64.max
        let rows = try store.rows("""
            SELECT m.text, pa.id || '/' || pr.id, pr.name FROM sku_map m JOIN product pr ON pr.product_no = m.product_no
            JOIN participant pa ON pa.participant_no = pr.participant_no ORDER BY m.text LIMIT ?
            """, arguments: [limit]).map { r -> [Cell] in
                let name: String? = r[2]
                return [.text(r[0]), .text(r[1]), name.map { Cell.text($0) } ?? .null]
            }
        return .table(ResultTable(columns: ["text", "product", "name"], rows: rows))
    }
}

/// "Did you mean": the store's product for an unknown SKU or product name — by the line's product name against the
/// products' names, else by the text against product refs, ids and mapped texts.
struct ProductSuggester {
    var names: [String: String] = [:]      // product name (lower case) → ref
    var texts: [String: String] = [:]      // ref, id, mapped text (lower case) → ref

    init(_ records: Records) throws {
        for p in try records.products(limit: 200_000) {
            if let n = p.name { names[n.lowercased()] = p.ref }
            texts[p.ref.lowercased()] = p.ref
            texts[p.id.lowercased()] = texts[p.id.lowercased()] ?? p.ref
        }
        let maps = try records.store.rows("""
            SELECT m.text, pa.id || '/' || pr.id FROM sku_map m JOIN product pr ON pr.product_no = m.product_no
            JOIN participant pa ON pa.participant_no = pr.participant_no LIMIT 200000
            """)
        for m in maps { texts[(m[0] as String).lowercased()] = m[1] }
    }

    func suggest(_ text: String, name: String?) -> String? {
        for candidate in [name, text].compactMap({ $0?.lowercased() }) {
            if let exact = names[candidate] ?? texts[candidate] { return exact }
            // A marketplace name often adds to the product's own (`Bir Pletok Tubruk 500ml`).
            if let contained = names.keys.filter({ $0.count >= 4 && candidate.contains($0) }).max(by: { $0.count < $1.count }) {
                return names[contained]
            }
            if let close = Suggest.closest(to: candidate, among: names.keys) { return names[close] }
            if let close = Suggest.closest(to: candidate, among: texts.keys) { return texts[close] }
        }
        return nil
    }
}
