/// `open|close|reopen|edit event`, and picking the sale date (`day`, `date`).
extension Session {
    func openEvent(_ cmd: ParsedCommand) throws -> Outcome {
        let id = cmd.text("id")!
        if var existing = try records.event(id: id) {
            // Opening again with the same attributes is allowed (scripts re-run); different ones need `edit event`.
            let before = existing
            try apply(cmd, to: &existing)
            guard existing == before else {
                throw BazarError(.alreadyExists(kind: "event", id: existing.id), at: cmd.span("id"))
            }
            makeCurrent(existing)
            return .message(Phrase.eventCurrent.say(["id": existing.id, "dates": Session.describeDates(existing)]))
        }
        guard cmd.has("on") || cmd.has("from") else {
            throw BazarError(.eventNeedsDates(id), at: cmd.span("id"))
        }
        let placeholder = Day(year: 2000, month: 1, day: 1)!
        var event = EventRecord(id: id, start: placeholder, end: placeholder)
        try apply(cmd, to: &event)
        event.no = try records.insertEvent(event)
        makeCurrent(event)
        return .confirmation(Phrase.eventOpened.say(["id": event.id, "details": "\(event.name.map { "\($0), " } ?? "")\(Session.describeDates(event)), \(event.mode)"]))
    }

    /// Applies the event attributes given on the command line; checks the dates.
    func apply(_ cmd: ParsedCommand, to event: inout EventRecord) throws {
        for name in EventRecord.textAttributes where cmd.has(name) {
            event.setText(name, cmd.text(name)!)
        }
        if cmd.has("target") { event.target = cmd.money("target") }
        if let on = cmd.day("on") {
            if cmd.has("from") || cmd.has("to") {
                throw BazarError(.unexpectedWord("on", usage: "on DATE | from DATE to DATE"), at: cmd.span("on"))
            }
            event.start = on
            event.end = on
        }
        if let from = cmd.day("from") {
            event.start = from
            event.end = cmd.day("to") ?? from
        } else if let to = cmd.day("to") {
            event.end = to
        }
        if event.end < event.start {
            throw BazarError(.eventDatesReversed(from: event.start.iso, to: event.end.iso), at: cmd.span(cmd.has("to") ? "to" : "from"))
        }
    }

    func makeCurrent(_ event: EventRecord) {
        // The lookup cache stays: its stalls are keyed by event, its ids do not depend on one.
        context.event = event
        context.day = defaultDay(for: event)
    }

    /// The sale date when none was picked: today if inside the event, else the day of a one-day event.
    func defaultDay(for event: EventRecord) -> Day? {
        if today >= event.start && today <= event.end { return today }
        if event.start == event.end { return event.start }
        return nil
    }

    static func describeDates(_ e: EventRecord) -> String {
        e.start == e.end ? e.start.iso : Phrase.datesRange.say(["from": e.start.iso, "to": e.end.iso])
    }

    /// The event named by the optional `id` argument, or the current one.
    func eventArgument(_ cmd: ParsedCommand, name: String = "id") throws -> EventRecord {
        if let id = cmd.text(name) {
            guard let e = try records.event(id: id) else { throw unknownEvent(id, at: cmd.span(name)) }
            return e
        }
        guard let e = context.event else { throw BazarError(.noCurrentEvent, at: cmd.commandSpan) }
        return try records.event(id: e.id) ?? e
    }

    func unknownEvent(_ id: String, at span: SourceSpan) -> BazarError {
        let suggestion = Suggest.closest(to: id, among: (try? records.ids(table: "event")) ?? [])
        return BazarError(.unknownThing(kind: "event", id: id, suggestion: suggestion), at: span)
    }

    func closeEvent(_ cmd: ParsedCommand, close: Bool) throws -> Outcome {
        var event = try eventArgument(cmd)
        if event.closed == close {
            if close { return .message(Phrase.eventAlreadyClosed.say(["id": event.id])) }
            throw BazarError(.eventNotClosed(event.id), at: cmd.span("id"))
        }
        event.closed = close
        try records.updateEvent(event)
        cache.stallsEvent = 0   // what add sale keeps of the current event (its mode) is read again
        if context.event?.no == event.no { context.event = event }
        return .confirmation((close ? Phrase.eventClosedNow : Phrase.eventReopened).say(["id": event.id]))
    }

    func editEvent(_ cmd: ParsedCommand) throws -> Outcome {
        var event = try eventArgument(cmd)
        guard !cmd.attributeOrder.isEmpty else {
            throw BazarError(.incompleteCommand(usage: cmd.spec.usage), at: cmd.span)
        }
        try apply(cmd, to: &event)
        let outside = try records.salesOutside(eventNo: event.no, start: event.start, end: event.end)
        if outside > 0 {
            let at = cmd.has("on") ? cmd.span("on") : cmd.span(cmd.has("from") ? "from" : "to")
            throw BazarError(.eventHasSalesOutside(event: event.id, count: outside), at: at)
        }
        try records.updateEvent(event)
        cache.stallsEvent = 0   // what add sale keeps of the current event (its mode) is read again
        if context.event?.no == event.no {
            context.event = event
            if let d = context.day, d < event.start || d > event.end { context.day = defaultDay(for: event) }
        }
        return .confirmation(Phrase.eventChanged.say(["id": event.id, "changes": describeChanges(cmd)]))
    }

    /// `price Rp 27.000, unit botol` — what an edit set, for its confirmation.
    func describeChanges(_ cmd: ParsedCommand) -> String {
        cmd.attributeOrder.map { name -> String in
            switch cmd.arguments[name]?.value {
            case .money(let m): return "\(name) \(Money.format(m))"
            case .day(let d): return "\(name) \(d.iso)"
            default: return "\(name) \(cmd.text(name) ?? "")"
            }
        }.joined(separator: ", ")
    }

    func currentEvent(_ cmd: ParsedCommand) throws -> EventRecord {
        guard let e = context.event else { throw BazarError(.noCurrentEvent, at: cmd.commandSpan) }
        return e
    }

    func pickDay(_ cmd: ParsedCommand) throws -> Outcome {
        let event = try currentEvent(cmd)
        context.day = try day(number: cmd.count("n")!, of: event, at: cmd.span("n"))
        return .nothing
    }

    func day(number n: Int64, of event: EventRecord, at span: SourceSpan) throws -> Day {
        guard n >= 1, n <= Int64(event.dayCount) else {
            throw BazarError(.dayNumberOutsideEvent(Int(clamping: n), event: event.id, days: event.dayCount), at: span)
        }
        return event.start.adding(days: Int(n) - 1)
    }

    func pickDate(_ cmd: ParsedCommand) throws -> Outcome {
        let event = try currentEvent(cmd)
        let d = cmd.day("date")!
        try check(d, inside: event, at: cmd.span("date"))
        context.day = d
        return .nothing
    }

    func check(_ d: Day, inside event: EventRecord, at span: SourceSpan) throws {
        if d < event.start || d > event.end {
            throw BazarError(.dayOutsideEvent(day: d.iso, event: event.id, from: event.start.iso, to: event.end.iso), at: span)
        }
    }

    func pickStall(_ cmd: ParsedCommand) throws -> Outcome {
        let id = cmd.text("participant")!
        if id == "-" {
            context.stall = nil
            return .nothing
        }
        context.stall = try participant(id, at: cmd.span("participant"))
        return .nothing
    }
}
