/// Tab on a place value: Jakarta's official kota, kecamatan and kelurahan, quoted when they hold a
/// space (`kecamatan Tan` → `"Tanah Abang"`), the kecamatan of the kota already on the line (or of
/// the participant being edited) first, and what one Tab inserts taken from those.
extension Completer {
    mutating func place(_ level: String, values: [String: String], spec: CommandSpec?) -> CompletionResult {
        placeValue = true
        var within: String?
        switch level {
        case "kecamatan":
            within = values["kota"].flatMap(Places.officialKota) ?? recordPlace("kota", values: values, spec: spec).flatMap(Places.officialKota)
        case "kelurahan":
            within = values["kecamatan"].flatMap(Places.officialKecamatan)
                ?? recordPlace("kecamatan", values: values, spec: spec).flatMap(Places.officialKecamatan)
        default: break
        }
        let (inside, all) = Places.names(level, within: within)
        var typed = partial
        if typed.hasPrefix("\"") { typed.removeFirst() }
        let key = Places.key(typed)
        let lowerTyped = typed.lowercased()
        func matches(_ name: String) -> Bool { name.lowercased().hasPrefix(lowerTyped) || Places.key(name).hasPrefix(key) }
        let first = inside.filter(matches).sorted()
        let others = all.filter { matches($0) && !first.contains($0) }.sorted()
        func quoted(_ name: String) -> String { name.contains(" ") ? "\"\(name)\"" : name }
        let candidates = (first + others).map(quoted)
        guard !candidates.isEmpty else { return CompletionResult(start: start, candidates: []) }
        if candidates.count == 1 { return CompletionResult(start: start, candidates: candidates) }
        // One Tab inserts what the preferred names share; an open quote when that holds a space.
        let preferred = first.isEmpty ? first + others : first
        var common = preferred.count == 1 ? quoted(preferred[0]) : Completion.commonPrefix(preferred)
        if preferred.count > 1 && (common.contains(" ") || partial.hasPrefix("\"")) { common = "\"" + common }
        if common.count < partial.count { common = partial }
        return CompletionResult(start: start, candidates: candidates, common: common)
    }

    /// The place already stored on the participant or event being edited.
    func recordPlace(_ attribute: String, values: [String: String], spec: CommandSpec?) -> String? {
        guard let spec, let id = values["id"] else { return nil }
        switch spec.kind {
        case .editParticipant: return (try? session.records.participant(id: id))??.fields[attribute]
        case .editEvent: return (try? session.records.event(id: id))??.text(attribute)
        default: return nil
        }
    }
}
