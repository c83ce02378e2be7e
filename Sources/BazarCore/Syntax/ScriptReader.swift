/// Streams a script one logical line at a time: never the whole file in memory.
///
/// Joins lines ending in `\` with the next (the pair becomes one space), drops a UTF-8 BOM,
/// accepts CRLF, and repairs invalid UTF-8 (U+FFFD) rather than failing.
public final class ScriptReader {
    /// Opens a file; throws `Problem.cannotOpenFile` when it cannot be read.
    public init(path: String) throws {
        fatalError("TODO: syntax helper")
    }

    /// Reads standard input.
    public init(standardInput: ()) {
        fatalError("TODO: syntax helper")
    }

    /// The file name shown in errors (nil for standard input).
    public var file: String? { fatalError("TODO") }

    /// The next logical line, or nil at the end.
    public func next() -> SourceLine? {
        fatalError("TODO: syntax helper")
    }
}
