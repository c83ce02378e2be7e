/// One order line as the file says it, every cell read into its value: what `OrderImporter` places in the store.
///
/// Made on the reading thread (`OrderLineDecoder`), so that a line reaches the thread that writes the store with
/// nothing left to read but which product and event it names: on a two-core machine, splitting cells, reading
/// dates and money and checking text cost nothing of the writing thread's time.
struct OrderLine: Sendable {
    /// The row as the spreadsheet shows it, for messages.
    let row: Int
    let ref: String?
    /// Which column the ref came from (the invoice number, when given, takes the order number's place).
    let refField: OrderField
    let day: Day
    let dateField: OrderField
    let qty: Int64
    /// The line's total from the file; nil: the product's list price × qty.
    let amount: Int64?
    /// `online` or `offline` (one of the two literals: no text is copied per line).
    let channel: String
    let buyer: String?
    /// bazar's CSV: the product ref (with the participant column joined on); nil in a marketplace export.
    let product: String?
    let sku: String?
    let parentSKU: String?
    let name: String?
    /// bazar's CSV: the event's id.
    let event: String?
}

/// What the reading thread passes on: first the header row found, then the lines under it.
enum DecodedRow: Sendable {
    case header(HeaderMatch)
    case line(OrderLine)
}

/// Reads the rows of one sheet or CSV file into `OrderLine`s (SPEC section 8), on the reading thread: finds the
/// header row among the layouts, skips OrderSKUList's description row, counts cancelled lines, and reads each
/// line's cells. A cell that cannot be read stops the file with its row and header (thrown after the lines
/// before it, so the import stops where it would have). Needs nothing from the store.
final class OrderLineDecoder {
    let file: String
    let layouts: [OrderLayout]

    private(set) var match: HeaderMatch?
    /// Order lines read (cancelled ones included), and the cancelled ones: the summary's counts.
    private(set) var linesRead = 0
    private(set) var cancelled = 0

    private var rowsSearched = 0
    private var descriptionChecked = false
    /// The matched header's column of each field (by `OrderField.index`), -1 where the file has none: read for
    /// every cell of every line, so an array rather than the match's dictionary.
    private var columnOf = [Int](repeating: -1, count: OrderField.allCases.count)

    init(file: String, layouts: [OrderLayout]) {
        self.file = file
        self.layouts = layouts
    }

    /// Before another sheet: the header is looked for again.
    func startSheet() {
        rowsSearched = 0
    }

    /// Takes one row, passing on what it holds; false when the header was not found where the layouts put it
    /// (the caller tries another sheet).
    func decode(_ row: SheetRow, _ emit: (DecodedRow) -> Bool) throws -> Bool {
        guard let match else {
            rowsSearched += 1
            if let found = HeaderMatch.find(in: row, among: layouts) {
                self.match = found
                for (field, column) in found.columns { columnOf[field.index] = column }
                return emit(.header(found))
            }
            return rowsSearched < (layouts.map(\.headerWithin).max() ?? 10)
        }
        if row.isBlank { return true }
        // OrderSKUList's description row: right under the header, its quantity is a sentence.
        if !descriptionChecked {
            descriptionChecked = true
            if match.layout.descriptionRow, let q = match.columns[.qty], (try? CellValues.quantity(row[q])) == nil {
                return true
            }
        }
        guard let line = try line(row, match) else { return true }
        return emit(.line(line))
    }

    private func fail(_ row: SheetRow, _ field: OrderField?, _ message: String, hint: String? = nil) -> BazarError {
        BazarError(ImportFailure(ImportFailure.at(file, row: row.number, column: field.flatMap { match?.header($0) }), message, hint: hint))
    }

    private func cell(_ row: SheetRow, _ field: OrderField) -> SheetCell? {
        let c = columnOf[field.index]
        guard c >= 0 else { return nil }
        let cell = row[c]
        return cell.text.isEmpty ? nil : cell
    }

    /// Text stored in the store (ref, buyer): trimmed, one line, no control characters.
    private func storedText(_ row: SheetRow, _ field: OrderField) throws -> String? {
        guard let c = cell(row, field) else { return nil }
        let t = c.text.trimmedOf(" \u{A0}\t\r\n")
        if t.isEmpty { return nil }
        if t.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw fail(row, field, "the cell holds a control character (a line break or tab)", hint: "correct the cell in the file and import it again")
        }
        return t
    }

    private func trimmed(_ row: SheetRow, _ field: OrderField) -> String? {
        cell(row, field)?.text.trimmedOf(" \u{A0}")
    }

    /// One order line; nil for a cancelled or returned one (counted).
    private func line(_ row: SheetRow, _ match: HeaderMatch) throws -> OrderLine? {
        linesRead += 1
        let layout = match.layout

        if let status = cell(row, .status)?.text.lowercased(), layout.cancelledStatuses.contains(where: { status.contains($0) }) {
            cancelled += 1
            return nil
        }
        if layout.cancelledWhen.contains(where: { cell(row, $0) != nil }) {
            cancelled += 1
            return nil
        }

        let refField: OrderField = cell(row, .invoice) != nil ? .invoice : .ref
        let ref = try storedText(row, refField)
        if ref == nil, !match.isBazarCSV {
            throw fail(row, .ref, "the order has no number", hint: "each order line needs its order or invoice number")
        }

        let dateField: OrderField = cell(row, .paidDate) != nil ? .paidDate : .orderDate
        guard let dateCell = cell(row, dateField) else {
            throw fail(row, .orderDate, "the line has no date", hint: "each order line needs its payment or order date")
        }
        let day: Day
        do { day = try CellValues.date(dateCell, dayFirst: layout.dayFirst) } catch let bad as CellValues.Bad {
            throw fail(row, dateField, bad.message, hint: bad.hint)
        }

        let qty: Int64
        if let q = cell(row, .qty) {
            do { qty = try CellValues.quantity(q) } catch let bad as CellValues.Bad { throw fail(row, .qty, bad.message, hint: bad.hint) }
        } else if match.isBazarCSV {
            qty = 1
        } else {
            throw fail(row, .qty, "the line has no quantity", hint: "each order line needs its quantity")
        }

        var amount: Int64?
        if let a = cell(row, .amount) {
            do { amount = try CellValues.money(a) } catch let bad as CellValues.Bad { throw fail(row, .amount, bad.message, hint: bad.hint) }
        } else if let p = cell(row, .unitPrice) {
            let unit: Int64
            do { unit = try CellValues.money(p) } catch let bad as CellValues.Bad { throw fail(row, .unitPrice, bad.message, hint: bad.hint) }
            let (total, overflow) = unit.multipliedReportingOverflow(by: qty)
            if overflow { throw fail(row, .unitPrice, "the line's total is too large to count in rupiah") }
            amount = total
        }

        var channel = "online"
        if let c = cell(row, .channel) {
            switch c.text == "online" || c.text == "offline" ? c.text : c.text.trimmedOf(" ").lowercased() {
            case "online": channel = "online"
            case "offline": channel = "offline"
            default: throw fail(row, .channel, "'\(c.text.prefix(40))' is not a channel", hint: "use one of: online, offline")
            }
        }
        let buyer = try storedText(row, .city) ?? storedText(row, .province)

        // bazar's CSV names a product ref (or, with a participant column, the product's id).
        var product = trimmed(row, .product)
        // (On the bytes: `contains` of a String goes through Foundation's NSString, for every line.)
        if let p = product, !p.utf8.contains(UInt8(ascii: "/")), let owner = trimmed(row, .participant) { product = owner + "/" + p }

        return OrderLine(row: row.number, ref: ref, refField: refField, day: day, dateField: dateField, qty: qty, amount: amount,
                         channel: channel, buyer: buyer, product: product, sku: trimmed(row, .sku), parentSKU: trimmed(row, .parentSKU),
                         name: trimmed(row, .productName), event: trimmed(row, .event))
    }
}
