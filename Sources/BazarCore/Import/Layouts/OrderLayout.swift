/// The `format` word of `import orders`.
public enum ImportFormat: String, Sendable, CaseIterable {
    case tokopedia, tiktok, shopee, csv
}

/// What an order line's column means to bazar.
public enum OrderField: Int, Sendable, CaseIterable {
    /// The order number (a sale's `ref`), and the invoice number that takes its place when given.
    case ref, invoice
    case paidDate, orderDate
    /// The order's status; a date of cancellation; a cancellation or return type: any of them can mark a line cancelled.
    case status, cancelledDate, cancelType
    /// The seller's SKU (a product ref, or mapped with `map sku`); the parent SKU (Shopee); the product's name.
    case sku, parentSKU, productName
    /// bazar's own CSV: the product ref (or, with a participant column, the product's id), and the event's id.
    case product, participant, event
    case qty
    /// The line's total after the seller's discounts; else the unit price after discounts (× qty).
    case amount, unitPrice
    case city, province
    /// bazar's own CSV: `online` or `offline`.
    case channel
}

extension OrderField {
    /// Its place in `allCases`, for arrays indexed by field.
    var index: Int { rawValue }
}

/// One seller centre's export, as data: which header means what, where the header row sits, which statuses are
/// cancelled. `Layouts.all` lists them; the importer reads any of them the same way.
public struct OrderLayout: Sendable {
    /// What the summary calls it (`Tokopedia order report`).
    public var name: String
    /// The `format` words that choose it.
    public var formats: Set<ImportFormat>
    /// Each field's header names, Indonesian and English, as the seller centre writes them (compared without case).
    public var headers: [OrderField: [String]]
    /// The fields whose headers must all be in a row for it to be this layout's header row.
    public var required: [OrderField]
    /// The header row is looked for among the first rows (Tokopedia's report has four title rows above it).
    public var headerWithin: Int = 10
    /// A row of descriptions may follow the header (TikTok Shop's OrderSKUList): skipped when its qty is no number.
    public var descriptionRow = false
    /// A status holding any of these (lower case) is a cancelled or returned order.
    public var cancelledStatuses: [String] = []
    /// A non-empty cell in any of these marks the line cancelled or returned.
    public var cancelledWhen: [OrderField] = []
    /// Money cells may be text in the seller centre's language: `150.000` (id) or `150,000` (en); both are read
    /// (a group of three digits after a mark groups thousands; `,00`/`.00` are decimals of zero).
    public var moneyAsText = true
    /// Dates as text are day first (`23-09-2021 14:05:11`, `23/09/2021`), or ISO; Excel's date numbers too.
    public var dayFirst = true
}
