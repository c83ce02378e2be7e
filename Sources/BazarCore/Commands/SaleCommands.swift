/// `add sale` and `void sale`: the hot path of every bazaar.
extension Session {
    func addSale(_ cmd: ParsedCommand) throws -> Outcome {
        // The current event's number and state, read in place: copying the whole event (a dozen strings) for
        // each of a million sales costs more than the rest of the line.
        guard let eventNo = context.event?.no else { throw BazarError(.noCurrentEvent, at: cmd.commandSpan) }
        if context.event?.closed == true {
            // Another command of this session may have reopened it.
            let event = try records.event(id: context.event!.id) ?? context.event!
            context.event = event
            if event.closed { throw BazarError(.eventClosed(event.id), at: cmd.commandSpan) }
        }

        // Stalls and listings belong to one event: what is known of them is dropped when sales move on to another.
        if cache.stallsEvent != eventNo {
            cache.stalls = [:]
            cache.forgetEventItems()
            cache.stallsEvent = eventNo
            cache.eventOnline = context.event?.mode == "online"
        }
        let a = cmd.sale!   // made for every add sale when it is parsed
        // `void sale last` names the sale this line adds, and no other: not the one before it when this line fails.
        lastSaleAdded = nil

        // What was sold, and at which stall: resolved once per item as written and event; after that, found by
        // the item's number in a script, else by its text.
        var item: SaleItem
        // The product's name for the confirmation, when it was just looked up (kept items hold no names).
        var productName: String?
        if let known = cache.saleItem(a, eventNo: eventNo, currentStall: context.stall?.no) {
            item = known
        } else {
            let channels = try lookUpSaleItemAtOnce(cmd, eventNo: eventNo)
            item = try resolveSaleItem(cmd, eventNo: eventNo)
            productName = item.product?.name
            item.product = item.product?.lookupOnly
            if let channels, item.product != nil { item.channels = channels }
            cache.keep(item, for: a)
        }
        let sold = item.product

        // When: `day N`, `date D`, or the current sale date.
        let day: Day
        if let n = a.day {
            if a.hasDate { throw BazarError(.unexpectedWord("date", usage: cmd.spec.usage), at: cmd.span("date")) }
            day = try self.day(number: n, of: context.event!, at: cmd.span("day"))
        } else if let d = a.date {
            try check(d, inside: context.event!, at: cmd.span("date"))
            day = d
        } else if let d = context.day {
            day = d
        } else {
            throw BazarError(.expected("a sale date: this event has \(context.event!.dayCount) days (write 'day N' or 'date DATE' first, or add 'day N' to the sale)", found: nil), at: cmd.commandSpan)
        }

        // How many and for how much.
        let qty = a.qty ?? 1
        guard qty >= 1 else { throw BazarError(.qtyTooSmall(String(qty)), at: cmd.span("qty")) }
        let amount: Int64
        if let given = a.amount {
            if a.price != nil { throw BazarError(.priceAndAmount, at: cmd.span("price")) }
            amount = given
        } else {
            let unitPrice: Int64
            if let p = a.price {
                unitPrice = p
            } else if let product = sold {
                guard let listPrice = product.price else { throw BazarError(.noPrice(product.ref), at: cmd.span("item")) }
                unitPrice = listPrice
            } else {
                throw BazarError(.amountRequired(item.seller.id), at: cmd.span("item"))
            }
            let (total, overflow) = unitPrice.multipliedReportingOverflow(by: qty)
            if overflow { throw BazarError(.amountOverflow, at: a.price != nil ? cmd.span("price") : cmd.span("qty")) }
            amount = total
        }

        let channel = a.channel ?? (cache.eventOnline ? "online" : "offline")
        // A ref is unique per product (one invoice holds several products); a whole-stall sale's, per stall.
        if let ref = a.ref, let earlier = try records.saleNo(ref: ref, productNo: sold?.no, stallNo: item.stallNo) {
            throw BazarError(.duplicateRef(ref, sale: earlier), at: cmd.span("ref"))
        }

        // What the listing (or the stall, for a whole-stall sale) sold on, for reports by channel.
        let bit = Records.channelBit(channel)
        if item.channels & bit == 0 {
            if let product = sold {
                try records.markListingSold(stallNo: item.stallNo, productNo: product.no, channelBit: bit)
            } else {
                try records.markStallSold(stallNo: item.stallNo, channelBit: bit)
            }
            item.channels |= bit
            cache.keep(item, for: a)
        }
        let sale = SaleRecord(eventNo: eventNo, stallNo: item.stallNo, productNo: sold?.no, day: day, qty: qty, amount: amount,
                              channel: channel, buyer: a.buyer, ref: a.ref, note: a.note)
        // Numbered here rather than by SQLite, which would give an undone sale's number again (Schema, migration 3).
        saleBatch?.refSpan = a.ref == nil ? nil : cmd.span("ref")
        let number = try records.insertSale(sale, number: cache.nextSaleNumber ?? records.nextSaleNumber())
        cache.nextSaleNumber = number + 1
        lastSaleAdded = number
        guard echoConfirmations else { return .nothing }
        // In a script nobody reads the confirmation: it is not made (a script may add a million sales).
        if !echoConfirmations && cmd.redirect == nil { return .confirmation("") }
        let what = try sold.map { try (productName ?? productDetails($0).name) ?? $0.ref } ?? Phrase.saleWholeStall.say(["participant": item.seller.id])
        return .confirmation(Phrase.saleAdded.say(["number": String(number), "what": what, "qty": String(qty), "amount": Money.format(amount),
                                                   "event": context.event!.id, "date": day.iso]))
    }

    /// A line typed at a server's shell, `add sale PARTICIPANT/PRODUCT`: the participant, product, stall and
    /// listing read in one round trip (`Records.saleItem`) into this transaction's cache, where `resolveSaleItem`
    /// then finds them. Returns the listing's channels when it exists. Anything missing is left for
    /// `resolveSaleItem` to look up, make or refuse as it always does. (A script on a server batches instead.)
    private func lookUpSaleItemAtOnce(_ cmd: ParsedCommand, eventNo: Int64) throws -> Int64? {
        guard store.dialect == .postgres, runningScripts.isEmpty, saleBatch == nil,
              case let (first, second?) = cmd.ref("item")!, cache.participants[first] == nil,
              let found = try records.saleItem(participantID: first, productID: second, eventNo: eventNo) else { return nil }
        let seller = found.participant.lookupOnly
        cache.participants[first] = seller
        guard let product = found.product else { return nil }
        cache.products[LookupCache.ProductKey(participant: seller.no, id: second)] = product
        guard let stallNo = found.stallNo else { return nil }
        cache.stalls[seller.no] = stallNo
        return found.channels
    }

    /// `add sale`'s item resolved: the product (nil for a sale of the whole stall), its seller, and the seller's
    /// stall at the event (made with its first sale).
    struct SaleItem {
        /// The item as written, and the event it was resolved at.
        var text: String
        var eventNo: Int64
        var product: ProductRecord?
        var seller: ParticipantRecord
        var stallNo: Int64
        /// The current stall (`at`) when it was resolved: a bare product id names a product of that stall.
        var currentStall: Int64?
        /// The `channels` bits (of the listing, or of the stall for a whole-stall sale) known to be set.
        var channels: Int64 = 0
    }

    /// What a sale's item names: a product (`participant/product`, or a product of the current stall), or the
    /// whole stall of a participant.
    func resolveSaleItem(_ cmd: ParsedCommand, eventNo: Int64) throws -> SaleItem {
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
        } else if let p = try records.participant(id: first)?.lookupOnly {
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
        let stallNo: Int64
        if let s = cache.stalls[seller.no] {
            stallNo = s
        } else {
            stallNo = try records.ensureStall(eventNo: eventNo, participantNo: seller.no, lookFirst: runningScripts.isEmpty).0
            cache.stalls[seller.no] = stallNo
        }
        return SaleItem(text: cmd.refText("item")!, eventNo: eventNo, product: sold, seller: seller, stallNo: stallNo,
                        currentStall: context.stall?.no)
    }

    func voidSale(_ cmd: ParsedCommand) throws -> Outcome {
        let n: Int64
        if cmd.text("n") == "last" {
            guard var last = lastSaleAdded else { throw BazarError(.noLastSale, at: cmd.span("n")) }
            // A script on a server: the sale was in a batch, written before this line (SaleBatching.swift).
            if last == PostgresSaleBatch.pendingNumber {
                guard let number = try saleBatch?.lastNumber() else { throw BazarError(.noLastSale, at: cmd.span("n")) }
                last = number
                lastSaleAdded = number
            }
            n = last
        } else {
            n = cmd.count("n")!
        }
        guard let sale = try records.sale(id: n) else { throw BazarError(.unknownSale(n), at: cmd.span("n")) }
        if sale.void { throw BazarError(.saleAlreadyVoid(n), at: cmd.span("n")) }
        try records.voidSale(id: n, reason: cmd.text("reason"))
        try writeDeferredChannels(keepDeferring: true)   // (a script on a server: its bits first, then the recount)
        try records.refreshChannels(of: sale)
        cache.forgetSaleItems()
        return .confirmation(Phrase.saleVoided.say(["number": String(n), "amount": Money.format(sale.amount)]) + (cmd.text("reason").map { " (\($0))" } ?? ""))
    }
}
