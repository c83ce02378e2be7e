/// The stalls a script on a server makes at the events it opens itself, numbered by bazar and written with the
/// batch of sales (PostgresSaleBatch) instead of one INSERT each: a million-sale script makes about 60,000 stalls,
/// and a round trip for each took as long as loading the sales.
///
/// Only at events made in this same transaction: nobody else can see such an event, so nobody else can have made
/// a stall at it, and the script's own stalls are all here or in the store. At any other event another officer may
/// make the same stall at any moment, and `Records.ensureStall` asks the server (INSERT … ON CONFLICT) as before.
/// Numbers come from the stall table's own identity sequence, taken in blocks (`nextval`), so they are never given
/// to anyone else; numbers of a block left unused are a gap, as a rolled-back insert leaves.
final class PostgresNewStalls {
    struct Key: Hashable {
        var event: Int64
        var participant: Int64
    }
    /// Events this transaction made.
    private var events: Set<Int64> = []
    /// Stalls made by this transaction, in order (those from `written` on are not in the store yet), and by key.
    private var made: [(key: Key, no: Int64)] = []
    private var written = 0
    private var byKey: [Key: Int64] = [:]
    /// Numbers taken from the sequence and not given yet.
    private var numbers: [Int64] = []
    private var nextBlock = 16

    private let store: PostgresStoreConnection

    init(_ store: PostgresStoreConnection) { self.store = store }

    var isEmpty: Bool { written == made.count }
    var mark: Int { made.count }

    func eventMade(_ no: Int64) { events.insert(no) }

    /// The stall of a participant at an event this transaction made, made here if new; nil at any other event.
    func stall(event: Int64, participant: Int64) throws -> (Int64, Bool)? {
        guard events.contains(event) else { return nil }
        let key = Key(event: event, participant: participant)
        if let no = byKey[key] { return (no, false) }
        if numbers.isEmpty {
            numbers = try store.connection.query(
                "SELECT nextval(pg_get_serial_sequence('stall', 'stall_no')) FROM generate_series(1, $1) ORDER BY 1 DESC",
                [.int(Int64(nextBlock))]).map { $0.int(0) ?? 0 }
            nextBlock = min(nextBlock * 2, 1024)
        }
        let no = numbers.removeLast()
        made.append((key, no))
        byKey[key] = no
        return (no, true)
    }

    /// A savepoint rolled back: the stalls made since go with it, written or not (their numbers are not given again).
    func rollBack(to mark: Int) {
        guard mark < made.count else { return }
        for m in made[mark...] { byKey[m.key] = nil }
        made.removeSubrange(mark...)
        written = min(written, mark)
    }

    /// Writes the stalls waiting (before the sales that name them).
    func flush() throws {
        guard written < made.count else { return }
        let rows = made[written...]
        written = made.count
        try store.connection.copy("COPY stall (stall_no, event_no, participant_no) FROM STDIN") { w in
            for r in rows { try w.append([.int(r.no), .int(r.key.event), .int(r.key.participant)]) }
        }
    }

    /// The script failed: nothing of it is written.
    func discard() { rollBack(to: 0) }
}
