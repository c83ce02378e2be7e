/// Lists written to a file to hand on (`.csv`, `.xlsx`, `.html`) carry names beside the ids they show
/// (SPEC section 10): a sale's or stall's participant and product, a product's participant. JSON and the
/// terminal keep the columns SPEC section 3 fixes.
extension Session {
    func withNames(_ outcome: Outcome, for kind: CommandKind) throws -> Outcome {
        guard case .table(var t) = outcome, !t.rows.isEmpty,
              [.listSales, .listStalls, .listProducts].contains(kind) else { return outcome }
        var participants: [String: String] = [:]
        for r in try store.rows("SELECT id, name FROM participant WHERE name IS NOT NULL") {
            participants[ParticipantKey.fold(r[0])] = r[1]
        }
        var products: [String: String] = [:]
        if kind == .listSales {
            for r in try store.rows("SELECT pa.id, pr.id, pr.name FROM product pr JOIN participant pa ON pa.participant_no = pr.participant_no WHERE pr.name IS NOT NULL") {
                products[ParticipantKey.fold(r[0]) + "/" + ParticipantKey.fold(r[1])] = r[2]
            }
        }
        guard let p = t.columns.firstIndex(of: "participant") else { return outcome }
        let productColumn = kind == .listSales ? t.columns.firstIndex(of: "product") : nil
        func text(_ c: Cell) -> String? { if case .text(let s) = c { return s } else { return nil } }
        // Inserted right of each id, the later column first so the earlier index stays valid.
        if let q = productColumn {
            t.columns.insert("product name", at: q + 1)
            for i in t.rows.indices {
                let key = text(t.rows[i][p]).map(ParticipantKey.fold).map { $0 + "/" + (text(t.rows[i][q]).map(ParticipantKey.fold) ?? "") }
                t.rows[i].insert(key.flatMap { products[$0] }.map(Cell.text) ?? .null, at: q + 1)
            }
        }
        t.columns.insert("participant name", at: p + 1)
        for i in t.rows.indices {
            t.rows[i].insert(text(t.rows[i][p]).flatMap { participants[ParticipantKey.fold($0)] }.map(Cell.text) ?? .null, at: p + 1)
        }
        return .table(t)
    }
}

/// Ids compare without case (SPEC section 1).
enum ParticipantKey {
    static func fold(_ s: String) -> String { s.lowercased() }
}
