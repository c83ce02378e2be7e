#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a script one logical line at a time: never the whole file in memory.
///
/// Joins lines ending in `\` with the next (the pair becomes one space), drops a UTF-8 BOM,
/// accepts CRLF. A line that is not UTF-8 (a script saved as Latin-1 or Windows-1252) keeps where its
/// first bad byte is (`SourceLine.notUTF8At`), and the parser refuses it there: never stored as U+FFFD.
public final class ScriptReader {
    private var stream: UnsafeMutablePointer<FILE>?
    private let ownsStream: Bool
    private let path: String?
    private var buffer: UnsafeMutablePointer<CChar>? = nil
    private var capacity: Int = 0
    private var physicalLine = 0
    /// Bytes of a logical line being joined from continued physical lines.
    private var joined: [UInt8] = []

    /// Physical lines read so far (for a script's closing summary).
    public var linesRead: Int { physicalLine }

    /// Opens a file; throws `Problem.cannotOpenFile` when it cannot be read.
    public init(path: String) throws {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw BazarError(.cannotOpenFile(path: path, reason: ScriptReader.describe(EISDIR)))
        }
        guard let f = fopen(path, "r") else {
            throw BazarError(.cannotOpenFile(path: path, reason: ScriptReader.describe(errno)))
        }
        self.stream = f
        self.ownsStream = true
        self.path = path
    }

    /// Reads standard input (its errors are named `<stdin>:LINE:COL`).
    public init(standardInput: ()) {
        self.stream = fdopen(STDIN_FILENO, "r")
        self.ownsStream = false
        self.path = nil
    }

    /// The name lines carry for errors: the path, or `<stdin>`.
    private var lineFile: String { path ?? "<stdin>" }

    deinit {
        if ownsStream, let s = stream { fclose(s) }
        free(buffer)
    }

    /// The file name shown in errors (nil for standard input).
    public var file: String? { path }

    /// True when the input is a regular file (also standard input redirected from one): it can be read
    /// ahead of execution. A pipe or a terminal cannot: its next line may not have been written yet.
    public var isRegularFile: Bool {
        guard let stream else { return false }
        var st = stat()
        return fstat(fileno(stream), &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    static func describe(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// The next logical line, or nil at the end.
    public func next() -> SourceLine? {
        guard let stream else { return nil }
        var firstNumber = 0
        joined.removeAll(keepingCapacity: true)
        var joining = false
        while true {
            let n = getline(&buffer, &capacity, stream)
            if n < 0 {
                // End of input (or a read error): a dangling continuation still yields its line.
                if joining { return joined.withUnsafeBufferPointer { ScriptReader.line(lineFile, firstNumber, $0) } }
                return nil
            }
            physicalLine += 1
            if !joining { firstNumber = physicalLine }
            let raw = UnsafeMutableRawPointer(buffer!).assumingMemoryBound(to: UInt8.self)
            var start = 0
            var end = n
            if physicalLine == 1, end >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
            if end > start, raw[end - 1] == 10 { end -= 1 }
            if end > start, raw[end - 1] == 13 { end -= 1 }
            // A continuation: `\` as the last thing on the line, ignoring trailing spaces and \r.
            var t = end
            while t > start, raw[t - 1] == 32 || raw[t - 1] == 9 || raw[t - 1] == 13 { t -= 1 }
            if t > start, raw[t - 1] == UInt8(ascii: "\\") {
                joined.append(contentsOf: UnsafeBufferPointer(start: raw + start, count: t - 1 - start))
                joined.append(32)
                joining = true
                continue
            }
            let line = UnsafeBufferPointer(start: raw + start, count: end - start)
            if joining {
                joined.append(contentsOf: line)
                return joined.withUnsafeBufferPointer { ScriptReader.line(lineFile, firstNumber, $0) }
            }
            return ScriptReader.line(lineFile, firstNumber, line)
        }
    }

    static func line(_ file: String, _ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> SourceLine {
        var line = SourceLine(file: file, number: number, text: String(decoding: bytes, as: UTF8.self))
        // Decoding replaced bad bytes by U+FFFD: a line that is not all ASCII (checked eight bytes at a time) is
        // checked again scalar by scalar, to refuse it where its first bad byte is.
        if !isASCII(bytes) { line.notUTF8At = firstInvalidUTF8(bytes) }
        return line
    }

    @inline(__always) static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// The offset of the first byte that does not belong to valid UTF-8, or nil.
    static func firstInvalidUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
