import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that it is either whole or not there: the output goes to a temporary file beside the
/// target, which is renamed over it only once everything was written and synced. A directory, a read-only
/// file, a missing directory or a full disk is a clear error, and the target is left as it was.
enum AtomicFile {
    /// Writes `path` through `body`, which fills the temporary file at the path it is given (its descriptor is
    /// open for `write` callers; libxlsxwriter opens the path itself). With `keep`, the target's current bytes
    /// come first (`>>`).
    static func write(_ path: String, keep: Bool, _ body: (_ temp: String, _ fd: Int32) throws -> Void) throws {
        func failure(_ reason: String) -> BazarError { BazarError(.cannotWriteFile(path: path, reason: reason)) }
        var target = path
        var st = stat()
        var mode: mode_t
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) {
            // A link keeps pointing where it did: its target is what gets replaced.
            target = String(cString: real)
            free(real)
        }
        if stat(target, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw failure("it is a directory") }
            if (st.st_mode & S_IFMT) != S_IFREG {
                // A device or a pipe (`> /dev/null`) cannot be replaced: write to it as it is.
                try writeInPlace(target, append: keep, body, failure)
                return
            }
            // Root may write anything; a file nobody may write is still read-only to an officer.
            if access(target, W_OK) != 0 || (st.st_mode & 0o222) == 0 { throw failure("the file is read-only") }
            mode = st.st_mode & 0o7777
        } else {
            let m = umask(0)
            umask(m)
            mode = 0o666 & ~m
        }

        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/." + url.lastPathComponent + ".bazar-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
                throw failure("there is no directory '\(dir)'")
            }
            throw failure(String(cString: strerror(errno)))
        }
        let temp = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var renamed = false
        defer { if !renamed { unlink(temp) } }
        do {
            if keep, let existing = FileManager.default.contents(atPath: target) {
                try writeAll(fd, Array(existing), failure)
            }
            try body(temp, fd)
            // The body may have replaced the file at `temp` (libxlsxwriter does): sync what is there now.
            let synced = open(temp, O_RDONLY)
            if synced >= 0 {
                let r = fsync(synced)
                let e = errno
                close(synced)
                if r != 0 { throw failure(String(cString: strerror(e))) }
            }
            if fchmod(fd, mode) != 0 { _ = chmod(temp, mode) }
            _ = chmod(temp, mode)
        } catch {
            close(fd)
            throw error
        }
        if close(fd) != 0 { throw failure(String(cString: strerror(errno))) }
        if rename(temp, target) != 0 { throw failure(String(cString: strerror(errno))) }
        renamed = true
    }

    /// For a file that is not a regular file (a device, a pipe): written directly.
    static func writeInPlace(_ path: String, append: Bool, _ body: (String, Int32) throws -> Void,
                             _ failure: (String) -> BazarError) throws {
        let fd = open(path, O_WRONLY | (append ? O_APPEND : O_TRUNC))
        if fd < 0 { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        try body(path, fd)
    }

    /// Every byte, or an error naming why not (a full disk: "No space left on device").
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ failure: (String) -> BazarError) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
