import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `bazar` executable, as a user would, and collects what it printed.
struct BazarRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Bazar {
    /// The `bazar` binary beside the test bundle (`swift build` puts both in one directory),
    /// or `$BAZAR_BIN`.
    static let binary: String = {
        if let b = ProcessInfo.processInfo.environment["BAZAR_BIN"], !b.isEmpty { return b }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the test runner is `…/debug/bazarPackageTests.xctest`.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("bazar").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bazar").path
    }()

    /// The package root, for fixtures (`Tests/Seeds/…`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs bazar with `arguments`, optional standard input, and a fixed `today` and user.
    @discardableResult
    /// (`program`: run another program with these arguments instead, e.g. `runuser` in front of bazar.)
    static func run(_ arguments: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil, environment extra: [String: String] = [:],
                    directory: URL? = nil, program: String? = nil) throws -> BazarRun {
        var env = ProcessInfo.processInfo.environment
        env["BAZAR_TODAY"] = "2021-09-23"
        env["BAZAR_USER"] = "tester"
        env["BAZAR_STORE"] = nil
        // English unless a test asks otherwise, whatever the machine's locale.
        env["BAZAR_LANG"] = "en"
        for (k, v) in extra { env[k] = v }
        env = TestBackend.map(environment: env, directory: directory)
        let arguments = program == nil ? TestBackend.map(arguments, directory: directory) : arguments
        return try capture(arguments, environment: env, stdin: stdinBytes ?? Array((stdin ?? "").utf8), directory: directory,
                           program: program)
    }

    /// Runs the binary with output collected in files, not pipes: reading pipes with
    /// `FileHandle.readDataToEndOfFile` while other tests start processes can fail with EINTR
    /// (a fatal `try!` inside Foundation), and files cannot fill up and block the child.
    static func capture(_ arguments: [String], environment: [String: String], stdin: [UInt8], directory: URL?,
                        program: String? = nil) throws -> BazarRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        let inURL = dir.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin))
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        defer {
            try? out.close()
            try? err.close()
            try? input.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? binary)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        // Standard input is a file, never a terminal: bazar reads it as a script (empty when none is given).
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        return BazarRun(status: process.terminationStatus,
                        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A fresh directory for one test's store and files, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
    var store: String { path("store.sqlite") }
}
