import Testing
import Foundation

/// Golden scripts: `Tests/Golden/NAME.bazar` is run on a fresh store; what it prints must equal
/// `NAME.stdout`, `NAME.stderr` and `NAME.status` beside it — including every error message.
/// Re-record after an intended change with `BAZAR_RECORD_GOLDEN=1 scripts/test --filter GoldenTests`.
@Suite struct GoldenTests {
    static let directory = Bazar.root.appendingPathComponent("Tests/Golden")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".bazar") }.sorted()
    }

    @Test(arguments: scripts)
    func scriptPrintsWhatItDid(_ name: String) throws {
        let base = String(name.dropLast(".bazar".count))
        let r = try Bazar.run(["--memory", name], environment: ["NO_COLOR": "1"], directory: Self.directory)
        let expected = { (ext: String) in try? String(contentsOf: Self.directory.appendingPathComponent("\(base).\(ext)"), encoding: .utf8) }
        if ProcessInfo.processInfo.environment["BAZAR_RECORD_GOLDEN"] == "1" {
            try r.stdout.write(to: Self.directory.appendingPathComponent("\(base).stdout"), atomically: true, encoding: .utf8)
            try r.stderr.write(to: Self.directory.appendingPathComponent("\(base).stderr"), atomically: true, encoding: .utf8)
            try "\(r.status)\n".write(to: Self.directory.appendingPathComponent("\(base).status"), atomically: true, encoding: .utf8)
            return
        }
        #expect(r.stdout == expected("stdout"), "stdout of \(name)")
        #expect(r.stderr == expected("stderr"), "stderr of \(name)")
        #expect("\(r.status)\n" == expected("status"), "exit status of \(name)")
    }
}
