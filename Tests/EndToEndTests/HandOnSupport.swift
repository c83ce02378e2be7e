import Foundation
import Testing

/// Independent readers of the files bazar hands on: openpyxl (Debian's python3-openpyxl, through
/// /usr/bin/python3), LibreOffice and Chromium. Each runs as a process with its output in files.
enum Reader {
    static let python = "/usr/bin/python3"
    static let script = Bazar.root.appendingPathComponent("Tests/HandOn/read_xlsx.py").path

    static func which(_ tool: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin", "/snap/bin"] {
            let p = dir + "/" + tool
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static var hasOpenpyxl: Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? run(python, ["-c", "import openpyxl"]).status) == 0
    }

    /// Runs a tool and collects its status and output.
    static func run(_ tool: String, _ arguments: [String], directory: URL? = nil, environment: [String: String]? = nil) throws -> BazarRun {
        var env = environment ?? ProcessInfo.processInfo.environment
        env["HOME"] = env["HOME"] ?? "/tmp"
        return try Bazar.captureTool(tool, arguments, environment: env, directory: directory)
    }

    /// A workbook as openpyxl reads it.
    static func workbook(_ path: String) throws -> Workbook {
        let r = try run(python, [script, path])
        guard r.status == 0, let data = r.stdout.data(using: .utf8),
              let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReportTestError.notAnObject("openpyxl could not read \(path): \(r.stderr)")
        }
        return Workbook(object: o)
    }
}

/// What openpyxl saw in a workbook.
struct Workbook {
    let object: [String: Any]
    var sheets: [[String: Any]] { object["sheets"] as? [[String: Any]] ?? [] }
    var charts: [[String: Any]] { object["charts"] as? [[String: Any]] ?? [] }

    struct CellValue {
        var row: Int, column: Int
        var type: String
        var value: Any
        var format: String
        var int: Int64? { (value as? NSNumber).map { $0.int64Value } }
        var double: Double? { (value as? NSNumber)?.doubleValue }
        var text: String? { value as? String }
    }

    init(object: [String: Any]) {
        self.object = object
        let sheets = object["sheets"] as? [[String: Any]] ?? []
        allCells = sheets.map { sheet in
            ((sheet["cells"] as? [[Any]]) ?? []).map { c in
                CellValue(row: (c[0] as! NSNumber).intValue, column: (c[1] as! NSNumber).intValue, type: c[2] as! String, value: c[3],
                          format: c[4] as? String ?? "")
            }
        }
        byPosition = allCells.map { cells in
            Dictionary(cells.map { (Position(row: $0.row, column: $0.column), $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    struct Position: Hashable {
        var row: Int, column: Int
    }
    let allCells: [[CellValue]]
    let byPosition: [[Position: CellValue]]

    func cells(sheet: Int = 0) -> [CellValue] { allCells[sheet] }

    func cell(_ row: Int, _ column: Int, sheet: Int = 0) -> CellValue? {
        byPosition[sheet][Position(row: row, column: column)]
    }

    func freeze(sheet: Int = 0) -> String? { sheets[sheet]["freeze"] as? String }
    func autofilter(sheet: Int = 0) -> String? { sheets[sheet]["autofilter"] as? String }

    /// The header row: the row the frozen pane starts under.
    func headerRow(sheet: Int = 0) -> Int? {
        guard let f = freeze(sheet: sheet), let n = Int(f.drop { $0.isLetter }) else { return nil }
        return n - 1
    }

    /// Column letters (1 → A, 27 → AA).
    static func letters(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}

extension Bazar {
    /// Runs any executable the way `capture` runs bazar: output in files, no terminal.
    static func captureTool(_ tool: String, _ arguments: [String], environment: [String: String], directory: URL?) throws -> BazarRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return BazarRun(status: process.terminationStatus,
                        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
