import Foundation

/// The change log's own words in the current language. The store keeps them in one language
/// (`run sales.bazar: 3 changes`, as `runScript` writes them), so that a log reads the same to
/// every officer; `log` translates them when it shows them.
extension Session {
    static func logCommand(_ stored: String) -> String {
        guard Language.current != .en, stored.hasPrefix("run "), let colon = stored.range(of: ": ", options: .backwards) else { return stored }
        let tail = stored[colon.upperBound...]
        guard let space = tail.firstIndex(of: " "), let count = Int(tail[..<space]),
              tail[tail.index(after: space)...] == "change" || tail[tail.index(after: space)...] == "changes" else { return stored }
        let name = String(stored.dropFirst(4)[..<colon.lowerBound])
        return Phrase.logRunChanges.say(["name": name, "count": String(count), "s": count == 1 ? "" : "s"])
    }
}
