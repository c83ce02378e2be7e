/// `undo` (issue 5 builds this).
extension Session {
    func undo(_ cmd: ParsedCommand) throws -> Outcome {
        throw BazarError(.nothingToUndo, at: cmd.commandSpan)
    }
}
