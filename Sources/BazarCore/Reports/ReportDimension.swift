/// What `by` groups rows by (SPEC section 4), and how each key is read from the scope's units and sales.
enum ReportDimension: String, CaseIterable, Sendable {
    case month, day, event, program, mode, participant, product, category, kota, kecamatan, channel, buyer

    var isTime: Bool { self == .month || self == .day }
    /// Dimensions that are attributes of the event.
    var needsEvent: Bool { self == .event || self == .program || self == .mode }
    /// Dimensions that are attributes of the participant (or its products).
    var needsParticipant: Bool { self == .participant || self == .product || self == .category || self == .kota || self == .kecamatan }
    var needsProduct: Bool { self == .product || self == .category }
    /// Text values grouped without case; the row's key is then the value's first spelling in the store.
    var isFreeText: Bool { self == .program || self == .category || self == .kota || self == .kecamatan || self == .buyer }
    /// Rows of these name an event, participant or product, and carry its `name`.
    var hasName: Bool { self == .event || self == .participant || self == .product }
    /// An attribute of the sale itself (read from the sale, not from the unit it belongs to).
    var isSaleAttribute: Bool { isTime || self == .channel || self == .buyer }

    /// The sale column the sales are summed by (`t` of `S`), for the dimensions that are attributes of the sale.
    func saleKey(_ dialect: SQLDialect) -> String? {
        switch self {
        case .month: return dialect.month("day")
        case .day: return "day"
        case .channel: return "channel"
        case .buyer: return "lower(buyer)"
        default: return nil
        }
    }

    /// The key over the aliases `e` (E), `pa` (participant), `pr` (product, may be NULL), `k` (K), `c` (channels)
    /// and `s.t`; `onSales`: for the rows of `S` rather than `U`. Text values are lowered for grouping.
    func key(onSales: Bool) -> String {
        switch self {
        case .month, .day: return onSales ? "s.t" : "k.key"
        case .channel: return onSales ? "s.t" : "c.ch"
        case .buyer: return "s.t"
        case .event: return "e.id"
        case .program: return "lower(e.program)"
        case .mode: return "e.mode"
        case .participant: return "pa.id"
        case .product: return "pa.id || '/' || COALESCE(pr.id, '*')"
        case .category: return "lower(COALESCE(pr.category, pa.category))"
        case .kota: return "lower(pa.kota)"
        case .kecamatan: return "lower(pa.kecamatan)"
        }
    }

    /// What rows are grouped on: integer keys where the key is an id (cheaper than grouping on its text).
    func group(onSales: Bool) -> String {
        switch self {
        case .event: return "e.event_no"
        case .participant: return onSales ? "st.participant_no" : "u.participant_no"
        case .product: return onSales ? "st.participant_no, s.product_no" : "u.participant_no, u.product_no"
        default: return key(onSales: onSales)
        }
    }

    /// The name beside the key, where the row names a thing.
    var nameExpression: String {
        switch self {
        case .event: return "e.name"
        case .participant: return "pa.name"
        case .product: return "pr.name"
        default: return "NULL"
        }
    }

    /// Where a free-text value is spelled in the store, oldest first: the key of a row is its first spelling.
    var spellingsSQL: String? {
        switch self {
        case .program: return "SELECT program FROM event WHERE program IS NOT NULL ORDER BY event_no"
        case .kota: return "SELECT kota FROM participant WHERE kota IS NOT NULL ORDER BY participant_no"
        case .kecamatan: return "SELECT kecamatan FROM participant WHERE kecamatan IS NOT NULL ORDER BY participant_no"
        case .category:
            return "SELECT category FROM (SELECT category, 0 AS t, participant_no AS n FROM participant WHERE category IS NOT NULL"
                + " UNION ALL SELECT category, 1, product_no FROM product WHERE category IS NOT NULL) c ORDER BY t, n"
        default: return nil
        }
    }
}
