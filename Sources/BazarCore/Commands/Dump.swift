import GRDB

/// `dump`: the whole store as a script that rebuilds it.
///
/// Order matters: participants and products first, then events with their stalls, then sales in
/// number order (so a fresh store gives them the same numbers), and last the closing of closed events.
/// A voided sale is followed by `void sale last`: the void names the sale the dump itself just added,
/// never a number, so a dump loaded into a store that already has sales touches none of them (a
/// `void sale N` by the source's numbers voided another office's sale #N).
extension Session {
    /// Quotes a string for the language: always quoted, `"` and `\` escaped.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name) \(quoted($0))" } }.joined()
    }

    func dump() throws -> String {
        var out = "# " + Phrase.dumpHeader.say() + "\n"
        for p in try records.participants() {
            out += "add participant \(p.id)" + Session.attributes(ParticipantRecord.textAttributes.map { ($0, p.fields[$0]) }) + "\n"
        }
        for p in try records.products() {
            out += "add product \(p.ref)" + Session.attributes([("name", p.name), ("category", p.category)])
            if let price = p.price { out += " price \(price)" }
            out += Session.attributes([("unit", p.unit)]) + "\n"
        }
        let maps = try store.rows("""
            SELECT m.text, pa.id || '/' || pr.id FROM sku_map m JOIN product pr ON pr.product_no = m.product_no
            JOIN participant pa ON pa.participant_no = pr.participant_no ORDER BY \(store.dialect.textOrder("m.text"))
            """)
        for m in maps { out += "map sku \(Session.quoted(m[0])) to \(m[1] as String)\n" }
        let events = try records.events()
        let byNo = Dictionary(uniqueKeysWithValues: events.map { ($0.no, $0) })
        for e in events {
            out += "open event \(e.id)" + Session.attributes(EventRecord.textAttributes.filter { $0 != "mode" }.map { ($0, e.text($0)) })
            out += " mode \(e.mode) from \(e.start.iso) to \(e.end.iso)"
            if let t = e.target { out += " target \(t)" }
            out += "\n"
            let stalls = try store.rows("""
                SELECT pa.id, (SELECT \(store.dialect.groupConcat("x.id")) FROM (SELECT pr.id FROM listing l JOIN product pr ON pr.product_no = l.product_no
                               WHERE l.stall_no = s.stall_no ORDER BY \(store.dialect.idOrder("pr.id"))) x)
                FROM stall s JOIN participant pa ON pa.participant_no = s.participant_no WHERE s.event_no = ? ORDER BY s.stall_no
                """, arguments: [e.no])
            for s in stalls {
                let products: String? = s[1]
                out += "add stall \(s[0] as String)" + (products.map { " products \($0)" } ?? "") + "\n"
            }
        }
        var current: Int64 = -1
        try store.forEachRow("""
            SELECT s.id, s.event_no, pa.id, pr.id, \(store.dialect.dayText("s.day")), s.qty, s.amount, s.channel, s.buyer, s.ref, s.note, s.void, s.void_reason
            FROM sale s JOIN stall st ON st.stall_no = s.stall_no JOIN participant pa ON pa.participant_no = st.participant_no
            LEFT JOIN product pr ON pr.product_no = s.product_no ORDER BY s.id
            """, .none) { r in
            let eventNo: Int64 = r[1]
            if eventNo != current, let e = byNo[eventNo] {
                out += "open event \(e.id)\n"
                current = eventNo
            }
            let participant: String = r[2]
            let product: String? = r[3]
            let day: String = r[4]
            let qty: Int64 = r[5]
            let amount: Int64 = r[6]
            let channel: String = r[7]
            out += "add sale \(participant)\(product.map { "/" + $0 } ?? "") qty \(qty) amount \(amount) date \(day) channel \(channel)"
            out += Session.attributes([("buyer", r[8]), ("ref", r[9]), ("note", r[10])]) + "\n"
            if r[11] as Bool { out += "void sale last" + Session.attributes([("reason", r[12])]) + "\n" }
        }
        for e in events where e.closed { out += "close event \(e.id)\n" }
        return out
    }
}
