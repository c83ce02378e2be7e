/// Where the session applies Jakarta's places: before `add|edit participant` and `open|edit event`
/// run, their `kota`/`kecamatan`/`kelurahan` are checked (`PlaceCheck`), warnings shown at their
/// word, and the command goes on with the official spellings and the places filled in.
extension Session {
    func checkingPlaces(_ cmd: ParsedCommand) -> ParsedCommand {
        // (A switch, not a set: this runs before every command, a million `add sale` in a big script.)
        switch cmd.kind {
        case .addParticipant, .editParticipant, .openEvent, .editEvent: break
        default: return cmd
        }
        var given: [String: String] = [:]
        for a in PlaceCheck.attributes { if let v = cmd.text(a) { given[a] = v } }
        guard !given.isEmpty else { return cmd }
        var known: [String: String] = [:]
        if let id = cmd.text("id") {
            if cmd.kind == .editParticipant, let p = try? records.participant(id: id) {
                for a in PlaceCheck.attributes { known[a] = p.fields[a] }
            } else if cmd.kind == .editEvent, let e = try? records.event(id: id) {
                known["kota"] = e.kota
                known["kecamatan"] = e.kecamatan
            }
        }
        let isEvent = cmd.kind == .openEvent || cmd.kind == .editEvent
        let check = PlaceCheck.check(given: given, known: known)
        for w in check.warnings {
            // A script (a dump of a store with businesses from Bekasi) says each place once.
            if !echoConfirmations, !warnedPlaces.insert(w.attribute + "\u{0}" + (given[w.attribute] ?? "")).inserted { continue }
            output.writeError(Diagnostic.render(message: w.message, hint: w.hint, span: cmd.span(w.attribute), line: cmd.line, warning: true))
        }
        var arguments = cmd.arguments
        var order = cmd.attributeOrder
        var changed = false
        for (a, v) in check.values where given[a] != v {
            if isEvent && a == "kelurahan" { continue }   // an event has no kelurahan
            var argument = arguments[a] ?? Argument(value: .text(v), span: cmd.span(a))
            argument.value = .text(v)
            arguments[a] = argument
            if !order.contains(a) { order.append(a) }
            changed = true
        }
        guard changed else { return cmd }
        return ParsedCommand(spec: cmd.spec, line: cmd.line, arguments: arguments, attributeOrder: order, redirect: cmd.redirect,
                             commandSpan: cmd.commandSpan)
    }
}
