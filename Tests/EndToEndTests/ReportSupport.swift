import Foundation
import Testing

/// A report as JSON, read back for assertions (integers exact, percentages as tenths).
struct ReportJSON {
    let object: [String: Any]

    init(_ line: Substring) throws {
        let data = Data(line.utf8)
        guard let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReportTestError.notAnObject(String(line))
        }
        object = o
    }

    /// Every line of `stdout` that is a report object, in order.
    static func all(_ stdout: String) throws -> [ReportJSON] {
        try stdout.split(separator: "\n").filter { $0.hasPrefix("{") }.map(ReportJSON.init)
    }

    var report: String? { object["report"] as? String }
    var scope: [String: Any] { object["scope"] as? [String: Any] ?? [:] }
    var totals: [String: Any] { object["totals"] as? [String: Any] ?? [:] }
    var rows: [[String: Any]] { object["rows"] as? [[String: Any]] ?? [] }
    var best: [String: Any]? { object["best"] as? [String: Any] }
    var keys: [String] { rows.map { ($0["key"] as? String) ?? "(null)" } }

    func total(_ name: String) -> Int64? { ReportJSON.int(totals[name]) }

    static func int(_ v: Any?) -> Int64? {
        guard let n = v as? NSNumber else { return nil }
        return n.int64Value
    }

    /// A percentage as tenths (52.1 → 521), or nil for null.
    static func tenths(_ v: Any?) -> Int64? {
        guard let n = v as? NSNumber else { return nil }
        return Int64((n.doubleValue * 10).rounded())
    }

    /// The row with this key ("(null)" for a null key).
    func row(_ key: String) -> [String: Any]? {
        rows.first { (($0["key"] as? String) ?? "(null)") == key }
    }

    /// The row's figures in the order key, omzet, units, sales, participants, stalls, products, share (tenths).
    static func figures(_ row: [String: Any]?) -> [Int64?] {
        guard let row else { return [] }
        return [int(row["omzet"]), int(row["units"]), int(row["sales"]), int(row["participants"]), int(row["stalls"]),
                int(row["products"]), tenths(row["share_pct"])]
    }
}

enum ReportTestError: Error {
    case notAnObject(String)
}

/// `Bazar.run` with `NO_COLOR` unset, so that reports choose their chart as on a plain pipe.
enum ReportBazar {
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BazarRun {
        var env = ProcessInfo.processInfo.environment
        env["BAZAR_TODAY"] = "2021-09-23"
        env["BAZAR_USER"] = "tester"
        env["BAZAR_STORE"] = nil
        env["NO_COLOR"] = nil
        env["BAZAR_LANG"] = "en"
        for (k, v) in extra { env[k] = v }
        // (On the PostgreSQL pass each store file stands for a database of its own, as in `Bazar.run`.)
        return try Bazar.capture(TestBackend.map(arguments), environment: TestBackend.map(environment: env), stdin: [], directory: nil)
    }
}

/// A store loaded from a script once, reused by a test's several report runs.
struct LoadedStore {
    let dir = TempDir()

    init(script path: String) throws {
        let r = try ReportBazar.run(["--store", dir.store, path])
        guard r.status == 0 else { throw ReportTestError.notAnObject("load failed: \(r.stderr)") }
    }

    init(scriptText: String) throws {
        let path = try dir.write("store.bazar", scriptText)
        let r = try ReportBazar.run(["--store", dir.store, path])
        guard r.status == 0 else { throw ReportTestError.notAnObject("load failed: \(r.stderr)") }
    }

    /// Runs the reports in one process, in JSON, and returns them in order.
    func json(_ commands: [String], environment: [String: String] = [:]) throws -> [ReportJSON] {
        let r = try ReportBazar.run(["--store", dir.store, "--format", "json"] + commands.flatMap { ["-c", $0] }, environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        let reports = try ReportJSON.all(r.stdout)
        #expect(reports.count == commands.count, "one JSON object per report: \(r.stdout)")
        return reports
    }

    /// Runs the commands in one process and returns what they printed.
    func run(_ commands: [String], format: String? = nil, environment: [String: String] = [:]) throws -> BazarRun {
        var args = ["--store", dir.store]
        if let format { args += ["--format", format] }
        return try ReportBazar.run(args + commands.flatMap { ["-c", $0] }, environment: environment)
    }

    /// One report as a table.
    func table(_ command: String) throws -> String {
        let r = try run([command])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }
}

extension String {
    /// The line of a table that starts with `prefix`, with runs of spaces collapsed, for comparing columns.
    func tableLine(startingWith prefix: String) -> String? {
        split(separator: "\n").first { $0.hasPrefix(prefix) }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    }
}
