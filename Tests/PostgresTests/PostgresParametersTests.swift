import Testing
@testable import BazarCore

/// SQLite's `?N` parameters become PostgreSQL's `$N`, and only outside quotes and comments.
/// (No server needed.)
struct PostgresParametersTests {
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("SELECT id FROM sale WHERE id = ?1", "SELECT id FROM sale WHERE id = $1"),
        ("UPDATE stall SET whole_channels = whole_channels | ?2 WHERE stall_no = ?1 AND whole_channels & ?2 = 0",
         "UPDATE stall SET whole_channels = whole_channels | $2 WHERE stall_no = $1 AND whole_channels & $2 = 0"),
        // Bare ? is one past the highest so far, as SQLite numbers it.
        ("INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)"),
        ("SELECT ?3, ?, ?1", "SELECT $3, $4, $1"),
        ("VALUES (?10, ?2)", "VALUES ($10, $2)"),
        // Not parameters: in strings (with doubled quotes), quoted identifiers and comments.
        ("SELECT '?1 it''s ?', \"col?\" FROM t WHERE a = ?1", "SELECT '?1 it''s ?', \"col?\" FROM t WHERE a = $1"),
        ("SELECT 1 -- what ?1\nWHERE x = ?1", "SELECT 1 -- what ?1\nWHERE x = $1"),
        ("SELECT /* ?2 */ ?1", "SELECT /* ?2 */ $1"),
        ("SELECT 'Kué ?' || ?1", "SELECT 'Kué ?' || $1"),
    ])
    func rewrites(_ sqlite: String, _ postgres: String) {
        #expect(postgresParameters(sqlite) == postgres)
    }

    /// SQLite's `CROSS JOIN … ON` becomes the plain join, every one of them, and nothing else changes.
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("FROM S s CROSS JOIN E e ON e.event_no = s.event_no CROSS JOIN stall st ON st.stall_no = s.stall_no",
         "FROM S s JOIN E e ON e.event_no = s.event_no JOIN stall st ON st.stall_no = s.stall_no"),
        ("FROM a CROSS  JOIN b", "FROM a CROSS  JOIN b"),
        ("SELECT 'Kué' FROM x CROSS JOIN y ON true", "SELECT 'Kué' FROM x JOIN y ON true"),
        (" CROSS JOIN ", " JOIN "),
    ])
    func joins(_ sqlite: String, _ postgres: String) {
        #expect(postgresJoins(sqlite) == postgres)
    }
}
