import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The store: one SQLite file (or memory) holding everything, opened through GRDB.
///
/// Opening checks the file before writing anything to it, so that a text file or another
/// program's database is never touched. The connection runs in WAL mode with
/// `synchronous=FULL` (a confirmed change survives a power cut) and foreign keys on.
public final class Store {
    public let path: String
    let queue: DatabaseQueue
    /// The file did not exist: it is made (with the schema) by the first change, and removed again at
    /// `close` when nothing was ever written to it (SQLite makes an empty file when it opens the path).
    public let isMissing: Bool
    /// Opened with `--read-only`: nothing is written, not even a migration.
    public let isReadOnly: Bool

    /// How long a write waits for another writer before giving up (exit 3).
    public static let busyTimeout: Double = 2

    /// The default store path: `$BAZAR_STORE`, else `$XDG_DATA_HOME/bazar/store.sqlite`,
    /// else `~/.local/share/bazar/store.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let p = environment["BAZAR_STORE"], !p.isEmpty { return p }
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty { return x + "/bazar/store.sqlite" }
        let home = environment["HOME"] ?? "."
        return home + "/.local/share/bazar/store.sqlite"
    }

    /// Opens the store at `path`, or an in-memory store when `path` is nil.
    /// `createDirectories`: make missing parent directories (for the default path only).
    /// A missing file is not made here (see `isMissing`); with `readOnly` it is an error (`noStore`).
    public init(path: String?, createDirectories: Bool = false, readOnly: Bool = false) throws {
        var config = Configuration()
        config.busyMode = .timeout(Store.busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "bazar"
        isReadOnly = readOnly
        var st = stat()
        isMissing = path != nil && stat(path!, &st) != 0 && errno == ENOENT
        guard let path else {
            self.path = ":memory:"
            do {
                queue = try DatabaseQueue(configuration: config)
                try queue.inDatabase { db in try Schema.migrate(db) }
            } catch {
                throw Store.translate(error, path: ":memory:")
            }
            return
        }
        self.path = path
        if readOnly {
            if isMissing { throw BazarError(.noStore(path: path)) }
            queue = try Store.openReadOnly(path, config)
            return
        }
        try Store.checkFile(path, createDirectories: createDirectories)
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            if isMissing {
                try queue.inDatabase { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    try db.execute(sql: "PRAGMA cache_size = -8192")
                }
                return
            }
            try queue.inDatabase { db in
                try Store.checkIdentity(db, path: path)
                // WAL and FULL sync: a committed change is on disk before we confirm it.
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // 8 MiB of pages instead of SQLite's 2: a large script's indexes stay in memory rather than being
                // written to the WAL and read back again and again (loading a million sales: 380 MB written instead of
                // 480, 260 MB read back instead of 780).
                try db.execute(sql: "PRAGMA cache_size = -8192")
                try Schema.migrate(db)
            }
        } catch let error as BazarError {
            throw error
        } catch {
            throw Store.translate(error, path: path)
        }
    }

    /// Closes the connection. The last one to close checkpoints the WAL into the file and removes
    /// it, so that after bazar exits the store is one self-contained file (safe to copy or mail).
    public func close() {
        try? queue.close()
        // A store file that no change ever wrote to (only reads, or the first change failed) is not left behind.
        var st = stat()
        if isMissing, stat(path, &st) == 0, st.st_size == 0 {
            unlink(path)
            unlink(path + "-journal")
        }
    }

    /// `--read-only`: a store on a read-only share or USB stick, for lists and reports. SQLite reads a WAL store only
    /// where it may make the `-shm` file beside it, and leaves that and a `-wal` file behind. So a store that no one has
    /// open (no `-wal` beside it: bazar removes it at exit), or that cannot be written at all, is opened `immutable`:
    /// nothing is written beside it. A store in use by a writer is read through its WAL, as usual.
    static func openReadOnly(_ path: String, _ base: Configuration) throws -> DatabaseQueue {
        var config = base
        config.readonly = true
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw BazarError(.storeUnusable(path: path, reason: "it is a directory"))
        }
        if access(path, R_OK) != 0 {
            throw BazarError(.storeUnusable(path: path, reason: "no permission to read it"))
        }
        let writable = access(path, W_OK) == 0 && access(directory(of: path), W_OK) == 0
        let inUse = access(path + "-wal", F_OK) == 0
        var opened = path
        if !writable || !inUse {
            // A URI: '%', '?' and '#' in the path are escaped.
            var uri = Array("file:".utf8)
            for c in path.utf8 {
                switch c {
                case UInt8(ascii: "%"): uri += Array("%25".utf8)
                case UInt8(ascii: "?"): uri += Array("%3f".utf8)
                case UInt8(ascii: "#"): uri += Array("%23".utf8)
                default: uri.append(c)
                }
            }
            opened = String(decoding: uri, as: UTF8.self) + "?immutable=1"
        }
        do {
            let queue = try DatabaseQueue(path: opened, configuration: config)
            try queue.inDatabase { db in
                try Store.checkIdentity(db, path: path)
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version < Schema.version { throw BazarError(.storeNeedsUpdate(path: path, version: version)) }
            }
            return queue
        } catch let error as BazarError {
            throw error
        } catch {
            throw Store.translate(error, path: path)
        }
    }

    /// Runs `body` with the connection. Everything that touches the store goes through here.
    public func run<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.inDatabase(body)
    }

    /// Runs `body` with the connection as the store seam sees it.
    public func withConnection<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try queue.inDatabase { db in try body(SQLiteConnection(db)) }
    }

    /// Refuses paths that are not files we may use, before SQLite opens them.
    static func checkFile(_ path: String, createDirectories: Bool) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw BazarError(.storeUnusable(path: path, reason: "it is a directory"))
            }
            if access(path, R_OK | W_OK) != 0 {
                throw BazarError(.storeUnusable(path: path, reason: "no permission to read and write it (--read-only opens it for lists and reports)"))
            }
            if st.st_size > 0 {
                // Every SQLite database starts with this 16-byte header.
                guard let f = fopen(path, "rb") else {
                    throw BazarError(.storeUnusable(path: path, reason: String(cString: strerror(errno))))
                }
                defer { fclose(f) }
                var header = [UInt8](repeating: 0, count: 16)
                let n = fread(&header, 1, 16, f)
                if n < 16 || header != Array("SQLite format 3\0".utf8) {
                    throw BazarError(.storeNotSQLite(path: path))
                }
            }
            let dir = directory(of: path)
            if access(dir, W_OK) != 0 {
                throw BazarError(.storeUnusable(path: path, reason: "its directory '\(dir)' is not writable (the store keeps a journal beside it; --read-only opens it for lists and reports)"))
            }
        } else {
            let dir = directory(of: path)
            var dst = stat()
            if stat(dir, &dst) != 0 {
                if createDirectories {
                    try makeDirectories(dir)
                } else {
                    throw BazarError(.storeUnusable(path: path, reason: "the directory '\(dir)' does not exist"))
                }
            } else if access(dir, W_OK) != 0 {
                throw BazarError(.storeUnusable(path: path, reason: "the directory '\(dir)' is not writable"))
            }
        }
    }

    /// A bazar store has our application id; an empty database becomes one. Anything else is refused unwritten.
    static func checkIdentity(_ db: Database, path: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID == Schema.applicationID {
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version > Schema.version { throw BazarError(.storeTooNew(path: path, version: version)) }
            return
        }
        let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID != 0 || objects > 0 { throw BazarError(.storeNotBazar(path: path)) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    /// `mkdir -p`: the store's directory (0755) and the shell's state directory (0700).
    public static func makeDirectories(_ dir: String, mode: mode_t = 0o755) throws {
        var built = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            built += "/" + part
            if mkdir(built, mode) != 0 && errno != EEXIST {
                throw BazarError(.storeUnusable(path: dir, reason: "cannot create directory '\(built)': \(String(cString: strerror(errno)))"))
            }
        }
    }

    /// Another writer holds the store (SQLite's lock, or a row lock on the server past `busyTimeout`).
    public static func isBusy(_ error: Error) -> Bool {
        if let e = error as? DatabaseError { return e.resultCode == .SQLITE_BUSY }
        if let e = error as? PostgresError { return e.sqlState == "55P03" }
        return false
    }

    /// A statement stopped by Ctrl-C.
    public static func isInterrupted(_ error: Error) -> Bool {
        if let e = error as? DatabaseError { return e.resultCode == .SQLITE_INTERRUPT }
        if let e = error as? PostgresError { return e.kind == .cancelled }
        return false
    }

    /// SQLite's and the server's errors in the user's words.
    public static func translate(_ error: Error, path: String) -> BazarError {
        if let e = error as? BazarError { return e }
        if let e = error as? PostgresError {
            if e.kind == .cancelled { return BazarError(.interrupted) }
            if e.kind == .valueOutOfRange || e.sqlState == "22003" { return BazarError(.server(PostgresError(.valueOutOfRange))) }
            return BazarError(.server(e))
        }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return BazarError(.storeLocked(path: path))
            case .SQLITE_NOTADB: return BazarError(.storeNotSQLite(path: path))
            case .SQLITE_CORRUPT: return BazarError(.storeUnusable(path: path, reason: "the file is damaged (\(e.message ?? "corrupt"))"))
            case .SQLITE_READONLY: return BazarError(.storeUnusable(path: path, reason: "it is read-only"))
            case .SQLITE_CANTOPEN: return BazarError(.storeUnusable(path: path, reason: "it cannot be opened"))
            case .SQLITE_FULL: return BazarError(.storeUnusable(path: path, reason: "the disk is full"))
            case .SQLITE_IOERR: return BazarError(.storeUnusable(path: path, reason: "a disk error (\(e.message ?? "I/O"))"))
            case .SQLITE_PERM, .SQLITE_AUTH: return BazarError(.storeUnusable(path: path, reason: "no permission"))
            default: return BazarError(.storeFailure(e.message ?? "\(e)"))
            }
        }
        return BazarError(.storeFailure("\(error)"))
    }
}
