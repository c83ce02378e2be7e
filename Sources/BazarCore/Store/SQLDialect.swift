/// The SQL fragments that differ between the two backends; everything else is written once.
/// (One more difference is bridged by `PostgresStoreConnection` itself, once per statement text: SQLite's
/// `CROSS JOIN … ON`, a join-order hint there, is sent to PostgreSQL as the `JOIN … ON` it means.)
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The month of a day column as 'YYYY-MM' (SQLite keeps days as ISO text; PostgreSQL as DATE).
    public func month(_ day: String) -> String {
        self == .sqlite ? "substr(\(day), 1, 7)" : "to_char(\(day), 'YYYY-MM')"
    }

    /// The year of a day column as 'YYYY'.
    public func year(_ day: String) -> String {
        self == .sqlite ? "substr(\(day), 1, 4)" : "to_char(\(day), 'YYYY')"
    }

    /// A day column as ISO text.
    public func dayText(_ day: String) -> String {
        self == .sqlite ? day : "to_char(\(day), 'YYYY-MM-DD')"
    }

    /// The day after a day column (or parameter).
    public func nextDay(_ day: String) -> String {
        self == .sqlite ? "date(\(day), '+1 day')" : "(\(day))::date + 1"
    }

    /// The larger and the smaller of two values.
    public func greatest(_ a: String, _ b: String) -> String { self == .sqlite ? "max(\(a), \(b))" : "GREATEST(\(a), \(b))" }
    public func least(_ a: String, _ b: String) -> String { self == .sqlite ? "min(\(a), \(b))" : "LEAST(\(a), \(b))" }

    /// 1 when the condition holds for any row of the group, else 0 (NULL for no rows).
    public func any(_ condition: String) -> String {
        self == .sqlite ? "max(\(condition))" : "bool_or(\(condition))::int"
    }

    /// Sorting by an id: case-free, and in the same order on both (ICU's order is not SQLite's NOCASE).
    public func idOrder(_ column: String) -> String {
        self == .sqlite ? "\(column) COLLATE NOCASE" : "lower(\(column)) COLLATE \"C\""
    }

    /// Sorting by text as bytes (SQLite's BINARY), not by the database's locale.
    public func textOrder(_ column: String) -> String {
        self == .sqlite ? column : "\(column) COLLATE \"C\""
    }

    /// The values of a group joined by spaces, in the order they come.
    public func groupConcat(_ column: String) -> String {
        self == .sqlite ? "group_concat(\(column), ' ')" : "string_agg(\(column), ' ')"
    }

    /// The character with this code, as SQL text.
    public func character(_ code: Int) -> String {
        self == .sqlite ? "char(\(code))" : "chr(\(code))"
    }

    /// An index hint: SQLite's `INDEXED BY`; the PostgreSQL planner takes none.
    public func indexedBy(_ index: String) -> String {
        self == .sqlite ? "INDEXED BY \(index)" : ""
    }
}
