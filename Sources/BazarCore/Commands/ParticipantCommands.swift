import GRDB

/// `add|edit participant`, `add|edit product`, `add stall`.
extension Session {
    /// A participant by id, or an error with the closest id as a suggestion.
    /// A participant's number and id (not its details: a script may name 20,000 participants, and the
    /// cache keeps only what lookups need). `participantDetails` has the rest.
    func participant(_ id: String, at span: SourceSpan) throws -> ParticipantRecord {
        if let p = cache.participants[id] { return p }
        guard let p = try records.participant(id: id)?.lookupOnly else {
            let suggestion = Suggest.closest(to: id, among: try records.ids(table: "participant"))
            throw BazarError(.unknownThing(kind: "participant", id: id, suggestion: suggestion), at: span)
        }
        cache.participants[id] = p
        return p
    }

    /// A participant with all its attributes.
    func participantDetails(_ id: String, at span: SourceSpan) throws -> ParticipantRecord {
        let p = try participant(id, at: span)
        return try records.participant(id: p.id) ?? p
    }

    /// A product of a participant, or an error suggesting the participant's closest product.
    /// A product's number and price (the cache keeps no names: `productDetails` has them).
    func product(of participant: ParticipantRecord, _ id: String, at span: SourceSpan) throws -> ProductRecord {
        let key = LookupCache.ProductKey(participant: participant.no, id: id)
        if let p = cache.products[key] { return p }
        guard let p = try records.product(participantNo: participant.no, id: id) else {
            let suggestion = Suggest.closest(to: id, among: try records.productIDs(participantNo: participant.no))
            throw BazarError(.unknownThing(kind: "product", id: "\(participant.id)/\(id)", suggestion: suggestion.map { "\(participant.id)/\($0)" }), at: span)
        }
        // (Kept without its name and attributes, for a million-line script's sake; the caller gets them this once.)
        cache.products[key] = p.lookupOnly
        return p
    }

    /// A product with all its attributes.
    func productDetails(_ p: ProductRecord) throws -> ProductRecord {
        try records.product(participantNo: p.participantNo, id: p.id) ?? p
    }

    /// `participant/product`, or a bare product id of the current stall.
    func productRef(_ cmd: ParsedCommand, _ name: String = "ref") throws -> ProductRecord {
        let (first, second) = cmd.ref(name)!
        let span = cmd.span(name)
        if let second {
            let owner = try participant(first, at: SourceSpan(start: span.start, end: span.start + first.utf8.count))
            return try product(of: owner, second, at: SourceSpan(start: span.start + first.utf8.count + 1, end: span.end))
        }
        guard let stall = context.stall else { throw BazarError(.noCurrentStall, at: span) }
        return try product(of: stall, first, at: span)
    }

    func addParticipant(_ cmd: ParsedCommand) throws -> Outcome {
        cache.forgetSaleItems()   // what a sale's item names may change
        let id = cmd.text("id")!
        var p = ParticipantRecord(id: id)
        for name in ParticipantRecord.textAttributes where cmd.has(name) { p.fields[name] = cmd.text(name) }
        // The UNIQUE index says whether it exists: no lookup first (this runs 20,000 times in a big script).
        if let behind = recordsWrittenBehind {
            p.no = try behind.add(p, line: saleBatch?.line, span: cmd.span("id"))
        } else {
            p.no = try records.insertParticipant(p)
        }
        if p.no == 0 {
            let existing = try records.participant(id: id)
            throw BazarError(.alreadyExists(kind: "participant", id: existing?.id ?? id), at: cmd.span("id"))
        }
        // Sales and products name it next: known without asking the store.
        cache.participants[id] = p.lookupOnly
        return .confirmation(Phrase.participantAdded.say(["id": p.id]) + (p.fields["name"].map { ": \($0)" } ?? ""))
    }

    func editParticipant(_ cmd: ParsedCommand) throws -> Outcome {
        cache.forgetSaleItems()   // what a sale's item names may change
        var p = try participantDetails(cmd.text("id")!, at: cmd.span("id"))
        guard !cmd.attributeOrder.isEmpty else { throw BazarError(.incompleteCommand(usage: cmd.spec.usage), at: cmd.span) }
        for name in cmd.attributeOrder { p.fields[name] = cmd.text(name) }
        try records.updateParticipant(p)
        cache.participants[p.id] = nil
        if context.stall?.no == p.no { context.stall = p }
        return .confirmation(Phrase.participantChanged.say(["id": p.id, "changes": describeChanges(cmd)]))
    }

    func addProduct(_ cmd: ParsedCommand) throws -> Outcome {
        cache.forgetSaleItems()   // what a sale's item names may change
        let (first, second) = cmd.ref("ref")!
        let span = cmd.span("ref")
        let owner: ParticipantRecord
        let id: String
        if let second {
            owner = try participant(first, at: SourceSpan(start: span.start, end: span.start + first.utf8.count))
            id = second
        } else {
            guard let stall = context.stall else { throw BazarError(.noCurrentStall, at: span) }
            owner = stall
            id = first
        }
        var p = ProductRecord(participantNo: owner.no, participantID: owner.id, id: id)
        p.name = cmd.text("name")
        p.category = cmd.text("category")
        p.price = cmd.money("price")
        p.unit = cmd.text("unit")
        if let behind = recordsWrittenBehind {
            p.no = try behind.add(p, line: saleBatch?.line, span: span)
        } else {
            p.no = try records.insertProduct(p)
        }
        if p.no == 0 {
            let existing = try records.product(participantNo: owner.no, id: id)
            throw BazarError(.alreadyExists(kind: "product", id: existing?.ref ?? "\(owner.id)/\(id)"), at: span)
        }
        cache.products[LookupCache.ProductKey(participant: owner.no, id: id)] = p.lookupOnly
        let price = p.price.map { Phrase.productAddedAt.say(["price": Money.format($0)]) } ?? ""
        return .confirmation(Phrase.productAdded.say(["ref": p.ref]) + (p.name.map { ": \($0)" } ?? "") + price)
    }

    func editProduct(_ cmd: ParsedCommand) throws -> Outcome {
        cache.forgetSaleItems()   // what a sale's item names may change
        var p = try productDetails(try productRef(cmd))
        guard !cmd.attributeOrder.isEmpty else { throw BazarError(.incompleteCommand(usage: cmd.spec.usage), at: cmd.span) }
        if cmd.has("name") { p.name = cmd.text("name") }
        if cmd.has("category") { p.category = cmd.text("category") }
        if cmd.has("price") { p.price = cmd.money("price") }
        if cmd.has("unit") { p.unit = cmd.text("unit") }
        try records.updateProduct(p)
        cache.products = [:]
        return .confirmation(Phrase.productChanged.say(["ref": p.ref, "changes": describeChanges(cmd)]))
    }

    func addStall(_ cmd: ParsedCommand) throws -> Outcome {
        let event = try currentEvent(cmd)
        let p = try participant(cmd.text("participant")!, at: cmd.span("participant"))
        let (stallNo, created) = try records.ensureStall(eventNo: event.no, participantNo: p.no)
        var listed: [String] = []
        if let ids = cmd.ids("products") {
            // Point each unknown product at its own word.
            var offset = cmd.span("products").start
            let text = Array(cmd.line.text.utf8)
            for id in ids {
                while offset < text.count, text[offset] == 32 || text[offset] == 9 { offset += 1 }
                let span = SourceSpan(start: offset, end: offset + id.utf8.count)
                offset = span.end
                let product = try product(of: p, id, at: span)
                if try records.ensureListing(stallNo: stallNo, productNo: product.no) { listed.append(product.id) }
            }
        }
        if !created && listed.isEmpty && cmd.ids("products") == nil {
            return .message(Phrase.stallExists.say(["participant": p.id, "event": event.id]))
        }
        let what = listed.isEmpty ? "" : Phrase.stallListing.say(["products": listed.joined(separator: ", ")])
        return .confirmation((created ? Phrase.stallAdded : Phrase.stallUpdated).say(["participant": p.id, "event": event.id]) + what)
    }
}
