/// `report …` (issue 4 builds this).
extension Session {
    func report(_ cmd: ParsedCommand) throws -> Outcome {
        throw BazarError(.unexpectedWord("report", usage: "reports are not built yet"), at: cmd.commandSpan)
    }
}

enum ReportHelp {
    static let text = ""
}
