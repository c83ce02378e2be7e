/// What a redirect's file is written as. The extension names the format (SPEC section 3) and wins over
/// `set format`; a file without an extension takes the session's format.
public enum FileFormat: Equatable, Sendable {
    /// A text format, the same text the terminal would show in it.
    case text(OutputFormat)
    /// An Excel workbook (reports and lists only), written by libxlsxwriter.
    case xlsx
    /// One self-contained HTML page (reports and lists only).
    case html
    /// The report's chart alone (reports only).
    case svg

    /// The extensions bazar writes, in the order an error lists them.
    public static let extensions: [(String, FileFormat)] = [
        ("csv", .text(.csv)), ("json", .text(.json)), ("md", .text(.markdown)), ("markdown", .text(.markdown)),
        ("txt", .text(.table)), ("xlsx", .xlsx), ("html", .html), ("htm", .html), ("svg", .svg),
    ]

    /// The extension of the file's name (after the last `/`), lowercased; nil when it has none.
    public static func extensionOf(_ path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }

    /// The format a file's name asks for: nil when it has no extension (or is a `.bazar` script, as `dump`
    /// writes: the session's format); throws when bazar cannot write it.
    public static func forPath(_ path: String) throws -> FileFormat? {
        guard let ext = extensionOf(path), ext != "bazar" else { return nil }
        if let f = extensions.first(where: { $0.0 == ext })?.1 { return f }
        throw BazarError(.unknownFileFormat(ext: ext, known: extensions.map(\.0).filter { $0 != "markdown" && $0 != "htm" } + ["bazar"]))
    }

    /// Whether this format is a document that only reports (and, except svg, lists) can become.
    var isDocument: Bool {
        if case .text = self { return false }
        return true
    }

    var name: String {
        switch self {
        case .text(let f): return f.rawValue
        case .xlsx: return "xlsx"
        case .html: return "html"
        case .svg: return "svg"
        }
    }
}
