/// `add sale` and `void sale`: the hot path of every bazaar.
extension Session {
    func addSale(_ cmd: ParsedCommand) throws -> Outcome {
        guard var event = context.event else { throw BazarError(.noCurrentEvent, at: cmd.commandSpan) }
        if event.closed {
            // Another command of this session may have reopened it.
            event = try records.event(id: event.id) ?? event
            context.event = event
            if event.closed { throw BazarError(.eventClosed(event.id), at: cmd.commandSpan) }
        }

        // What was sold: a product, or the whole stall of a participant.
        let (first, second) = cmd.ref("item")!
        let refSpan = cmd.span("item")
        var sold: ProductRecord?
        let seller: ParticipantRecord
        if second != nil {
            let p = try productRef(cmd, "item")
            sold = p
            seller = try participant(p.participantID, at: refSpan)
        } else if let stall = context.stall, let p = try? product(of: stall, first, at: refSpan) {
            sold = p
            seller = stall
        } else if let p = try records.participant(id: first) {
            seller = p
        } else if let stall = context.stall {
            let suggestion = Suggest.closest(to: first, among: try records.productIDs(participantNo: stall.no))
            throw BazarError(.unknownThing(kind: "product", id: "\(stall.id)/\(first)", suggestion: suggestion.map { "\(stall.id)/\($0)" }), at: refSpan)
        } else if let owner = try records.ownerOfProduct(id: first) {
            throw BazarError(.productWithoutParticipant(first, owner: owner), at: refSpan)
        } else {
            let suggestion = Suggest.closest(to: first, among: try records.ids(table: "participant"))
            throw BazarError(.unknownThing(kind: "participant", id: first, suggestion: suggestion), at: refSpan)
        }

        // When: `day N`, `date D`, or the current sale date.
        let day: Day
        if let n = cmd.count("day") {
            if cmd.has("date") { throw BazarError(.unexpectedWord("date", usage: cmd.spec.usage), at: cmd.span("date")) }
            day = try self.day(number: n, of: event, at: cmd.span("day"))
        } else if let d = cmd.day("date") {
            try check(d, inside: event, at: cmd.span("date"))
            day = d
        } else if let d = context.day {
            day = d
        } else {
            throw BazarError(.expected("a sale date: this event has \(event.dayCount) days (write 'day N' or 'date DATE' first, or add 'day N' to the sale)", found: nil), at: cmd.commandSpan)
        }

        // How many and for how much.
        let qty = cmd.count("qty") ?? 1
        guard qty >= 1 else { throw BazarError(.qtyTooSmall(String(qty)), at: cmd.span("qty")) }
        let amount: Int64
        if let a = cmd.money("amount") {
            if cmd.has("price") { throw BazarError(.priceAndAmount, at: cmd.span("price")) }
            amount = a
        } else {
            let unitPrice: Int64
            if let p = cmd.money("price") {
                unitPrice = p
            } else if let product = sold {
                guard let listPrice = product.price else { throw BazarError(.noPrice(product.ref), at: refSpan) }
                unitPrice = listPrice
            } else {
                throw BazarError(.amountRequired(seller.id), at: refSpan)
            }
            let (total, overflow) = unitPrice.multipliedReportingOverflow(by: qty)
            if overflow { throw BazarError(.amountOverflow, at: cmd.has("price") ? cmd.span("price") : cmd.span("qty")) }
            amount = total
        }

        let channel = cmd.text("channel") ?? (event.mode == "online" ? "online" : "offline")
        let ref = cmd.text("ref")
        if let ref, let earlier = try records.saleNo(ref: ref) {
            throw BazarError(.duplicateRef(ref, sale: earlier), at: cmd.span("ref"))
        }

        // The stall and listing come into being with the first sale.
        if cache.stallsEvent != event.no {
            cache.stalls = [:]
            cache.stallsEvent = event.no
        }
        let stallNo: Int64
        if let s = cache.stalls[seller.no] {
            stallNo = s
        } else {
            stallNo = try records.ensureStall(eventNo: event.no, participantNo: seller.no).0
            cache.stalls[seller.no] = stallNo
        }
        // What the listing (or the stall, for a whole-stall sale) sold on, for reports by channel.
        let bit = Records.channelBit(channel)
        if let product = sold {
            let key = LookupCache.ListingKey(stall: stallNo, product: product.no)
            let known = cache.listings[key] ?? 0
            if known & bit == 0 {
                try records.markListingSold(stallNo: stallNo, productNo: product.no, channelBit: bit)
                cache.listings[key] = known | bit
            }
        } else {
            let known = cache.wholeStalls[stallNo] ?? 0
            if known & bit == 0 {
                try records.markStallSold(stallNo: stallNo, channelBit: bit)
                cache.wholeStalls[stallNo] = known | bit
            }
        }
        let sale = SaleRecord(eventNo: event.no, stallNo: stallNo, productNo: sold?.no, day: day, qty: qty, amount: amount,
                              channel: channel, buyer: cmd.text("buyer"), ref: ref, note: cmd.text("note"))
        let number = try records.insertSale(sale)
        guard echoConfirmations else { return .nothing }
        let what = sold.map { $0.name ?? $0.ref } ?? "stall \(seller.id)"
        return .confirmation("sale #\(number): \(what) × \(qty) = \(Money.format(amount)) (\(event.id), \(day.iso))")
    }

    func voidSale(_ cmd: ParsedCommand) throws -> Outcome {
        let n = cmd.count("n")!
        guard let sale = try records.sale(id: n) else { throw BazarError(.unknownSale(n), at: cmd.span("n")) }
        if sale.void { throw BazarError(.saleAlreadyVoid(n), at: cmd.span("n")) }
        try records.voidSale(id: n, reason: cmd.text("reason"))
        try records.refreshChannels(of: sale)
        cache.listings = [:]
        cache.wholeStalls = [:]
        return .confirmation("sale #\(n) void: \(Money.format(sale.amount)) no longer counts\(cmd.text("reason").map { " (\($0))" } ?? "")")
    }
}
