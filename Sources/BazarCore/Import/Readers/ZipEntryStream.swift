import Foundation
import ZIPFoundation

/// One entry of a zip archive as an `InputStream`, inflated as it is read, so that Foundation's `XMLParser`
/// can parse a sheet of any size in constant memory.
///
/// ZIPFoundation hands an entry's bytes to a closure (push); `XMLParser` reads a stream (pull). A thread runs the
/// extraction and passes chunks through a queue of at most `capacity` chunks; the parser's reads take them.
/// `finish()` stops the extraction (the parser may stop early) and waits for the thread.
final class ZipEntryStream: InputStream {
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var current = Data()
    private var offset = 0
    private var ended = false
    private var cancelled = false
    private var failure: Error?
    private var done = false
    private static let capacity = 4
    private let finished = DispatchSemaphore(value: 0)

    struct Job: @unchecked Sendable {
        let archive: Archive
        let entry: Entry
        let stream: ZipEntryStream
    }

    struct Cancelled: Error {}
    struct ChecksumMismatch: Error {}

    /// Starts inflating `entry` of the archive at `url` (its own `Archive`, so the thread owns its file).
    init(url: URL, entryPath: String) throws {
        guard let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil), let entry = archive[entryPath] else {
            throw ChecksumMismatch()
        }
        super.init(data: Data())
        // The thread alone uses the archive; the stream's shared state is under `condition`.
        let job = Job(archive: archive, entry: entry, stream: self)
        let thread = Thread {
            let stream = job.stream
            do {
                let crc = try job.archive.extract(job.entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                    try stream.put(data)
                }
                if crc != job.entry.checksum { throw ChecksumMismatch() }
                stream.end(nil)
            } catch {
                stream.end(error)
            }
            stream.finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func put(_ data: Data) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= ZipEntryStream.capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(data)
        condition.broadcast()
    }

    private func end(_ error: Error?) {
        condition.lock()
        ended = true
        if let error, !(error is Cancelled), failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// The extraction's error, if it failed (a damaged or cut-short archive).
    var extractionError: Error? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Stops the extraction and waits for its thread. Call once, after parsing.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        if !done {
            finished.wait()
            done = true
        }
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { true }
    override var streamStatus: Stream.Status { .open }
    override var streamError: Error? { extractionError }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        while offset >= current.count {
            condition.lock()
            while chunks.isEmpty && !ended { condition.wait() }
            if chunks.isEmpty {
                let failed = failure != nil
                condition.unlock()
                return failed ? -1 : 0
            }
            current = chunks.removeFirst()
            offset = 0
            condition.broadcast()
            condition.unlock()
        }
        let n = min(len, current.count - offset)
        current.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: UInt8.self).baseAddress!
            buffer.update(from: base + offset, count: n)
        }
        offset += n
        // Foundation's XMLParser crashes on a name that is not UTF-8 (it force-unwraps the String): the bytes are
        // checked here, and a part that is not UTF-8 ends as a read error (the file is damaged).
        if !utf8.check(UnsafeBufferPointer(start: buffer, count: n)) {
            condition.lock()
            failure = NotUTF8()
            condition.unlock()
            return -1
        }
        return n
    }

    struct NotUTF8: Error {}
    private var utf8 = UTF8Check()
}

/// Checks that bytes fed in pieces are valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
struct UTF8Check {
    /// Continuation bytes still expected, and the range the next one must fall in.
    private var need = 0
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    mutating func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            if need > 0 {
                guard b >= low && b <= high else { return false }
                need -= 1
                low = 0x80
                high = 0xBF
                continue
            }
            switch b {
            case 0x00...0x7F: break
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; high = 0x9F
            case 0xF0: need = 3; low = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; high = 0x8F
            default: return false
            }
        }
        return true
    }

    /// True when the bytes so far end on a whole character.
    var isComplete: Bool { need == 0 }
}
