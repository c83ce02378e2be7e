import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `> FILE` and `>> FILE` (SPEC section 3): the extension names the format and wins over `set format`; an
/// extension bazar cannot write is refused before anything runs; a file is written whole or not at all.
@Suite struct HandOnFileTests {
    static let jakpus = Bazar.root.appendingPathComponent("Tests/Seeds/jakpus-hybrid-2021.bazar").path
    static let formats = ".csv, .json, .md, .txt, .xlsx, .html, .svg"

    /// What is in a directory, temporary files included.
    static func listing(_ dir: TempDir) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.url.path)) ?? []).sorted()
    }

    @Test(arguments: ["laporan.png", "laporan.pdf", "laporan.xls", "LAPORAN.PNG"])
    func anExtensionBazarCannotWriteIsRefused(_ name: String) throws {
        let store = try LoadedStore(scriptText: "add participant a name A\nopen event e on 2021-09-23\n")
        let before = Self.listing(store.dir)
        let r = try store.run(["report event e > \(store.dir.path(name))"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bazar cannot write .\(name.split(separator: ".").last!.lowercased()) files"), "\(r.stderr)")
        #expect(r.stderr.contains(Self.formats), "names the formats: \(r.stderr)")
        #expect(Self.listing(store.dir) == before, "no file created")
        // A change with such a redirect is not made either.
        let c = try store.run(["add participant b name B > \(store.dir.path(name))", "list participants"])
        #expect(c.status == 1 && !c.stdout.contains("b "), "\(c.stdout)")
        #expect(Self.listing(store.dir) == before)
    }

    @Test func theExtensionWinsOverSetFormat() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let r = try store.run(["set format table", "report event jakpus-2021-09 by kecamatan > \(store.dir.path("kec.csv"))",
                               "set format json", "report event jakpus-2021-09 > \(store.dir.path("d.md"))",
                               "report event jakpus-2021-09 > \(store.dir.path("plain"))",
                               "set format csv", "report event jakpus-2021-09 > \(store.dir.path("d.txt"))"])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: store.dir.path("kec.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("key,omzet,") && csv.contains("\r\nKemayoran,23641500,"), "\(csv)")
        #expect(try String(contentsOfFile: store.dir.path("d.md"), encoding: .utf8).hasPrefix("**report event"))
        #expect(try String(contentsOfFile: store.dir.path("plain"), encoding: .utf8).hasPrefix("{\"report\":\"event\""), "no extension: set format")
        #expect(try String(contentsOfFile: store.dir.path("d.txt"), encoding: .utf8).hasPrefix("report event jakpus-2021-09 ("))
        // `--format` on the command line is a chosen format too; the extension still wins.
        let flag = try store.run(["report event jakpus-2021-09 > \(store.dir.path("f.csv"))"], format: "json")
        #expect(flag.status == 0)
        #expect(try String(contentsOfFile: store.dir.path("f.csv"), encoding: .utf8).hasPrefix("key,omzet,"))
    }

    @Test func aDirectoryAReadOnlyFileOrAMissingDirectoryIsAClearError() throws {
        let store = try LoadedStore(scriptText: "add participant a name A\nopen event e on 2021-09-23\n")
        let dir = store.dir.path("keluaran")
        let bookDir = store.dir.path("buku.xlsx")
        for d in [dir, bookDir] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        let ro = try store.dir.write("lama.csv", "laporan lama\n")
        chmod(ro, 0o444)
        let cases = [(dir, "it is a directory"), (bookDir, "it is a directory"), (ro, "the file is read-only"),
                     (store.dir.path("tidak-ada/x.xlsx"), "there is no directory"), (store.dir.path("tidak-ada/x.csv"), "there is no directory")]
        for (target, message) in cases {
            let before = Self.listing(store.dir)
            let r = try store.run(["report event e > \(target)"])
            #expect(r.status == 1, "\(target)")
            #expect(r.stderr.contains("cannot write") && r.stderr.contains(message), "\(r.stderr)")
            #expect(Self.listing(store.dir) == before, "nothing left behind: \(Self.listing(store.dir))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: bookDir).isEmpty)
        #expect(try String(contentsOfFile: ro, encoding: .utf8) == "laporan lama\n", "the read-only file is as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A full disk (a 64 KiB tmpfs, where the test may mount one): a clear error, the old file as it was, no temporary file.
    @Test func aFullDiskLeavesTheOldFile() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("bazar-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        guard getuid() == 0, Reader.which("mount") != nil,
              (try Reader.run(Reader.which("mount")!, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint])).status == 0 else {
            print("HandOnFileTests.aFullDiskLeavesTheOldFile: skipped, cannot mount a small tmpfs here (needs root)")
            return
        }
        defer { _ = try? Reader.run(Reader.which("umount")!, [mountPoint]) }
        let store = try LoadedStore(script: Self.jakpus)
        let old = mountPoint + "/laporan.csv"
        try "laporan lama\n".write(toFile: old, atomically: false, encoding: .utf8)
        // Fill the disk, leaving less than a report needs.
        _ = FileManager.default.createFile(atPath: mountPoint + "/isi", contents: Data(count: 56 * 1024))
        for target in [old, mountPoint + "/laporan.xlsx", mountPoint + "/laporan.html"] {
            let r = try store.run(["report event jakpus-2021-09 by product > \(target)"])
            #expect(r.status == 1, "\(target)")
            #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
            #expect(!r.stderr.contains("[ERROR]"), "only bazar's own words: \(r.stderr)")
        }
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "laporan lama\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted() == ["isi", "laporan.csv"])
    }

    @Test func replacingAFileKeepsItsPermissionsAndAppendingAppends() throws {
        let store = try LoadedStore(scriptText: "add participant a name A\nopen event e on 2021-09-23\n")
        let path = try store.dir.write("l.csv", "old\n")
        chmod(path, 0o640)
        let r = try store.run(["list participants > \(path)", "list participants >> \(path)"])
        #expect(r.status == 0, "\(r.stderr)")
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "id,name").count == 3, "written, then appended")
        #expect(Self.listing(store.dir).allSatisfy { !$0.contains(".bazar-") })
        // A workbook, page or chart is written whole: `>>` is refused before anything runs.
        let a = try store.run(["report event e >> \(store.dir.path("r.xlsx"))"])
        #expect(a.status == 1 && a.stderr.contains("cannot append to a .xlsx file"))
        #expect(!FileManager.default.fileExists(atPath: store.dir.path("r.xlsx")))
        // Only reports and lists become documents; only reports a chart.
        let d = try store.run(["dump > \(store.dir.path("d.xlsx"))"])
        #expect(d.status == 1 && d.stderr.contains("'dump' cannot be written as .xlsx"), "\(d.stderr)")
        let s = try store.run(["list participants > \(store.dir.path("p.svg"))"])
        #expect(s.status == 1 && s.stderr.contains("cannot be written as .svg"), "\(s.stderr)")
    }

    /// A spreadsheet holds whole numbers exactly up to 2^53: a larger figure is refused, never rounded.
    @Test func aFigureBeyondTwoToThe53IsRefusedInAWorkbook() throws {
        let store = try LoadedStore(scriptText: """
            add participant a name A
            add participant b name B
            open event e on 2021-09-23 mode offline
            add sale a amount 9.007.199.254.740.992
            add sale b amount 9.007.199.254.740.993

            """)
        let book = store.dir.path("besar.xlsx")
        let r = try store.run(["report event e by participant > \(book)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Rp 9.007.199.254.740.993 is too large to be written exactly in a spreadsheet"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: book))
        // The exact figures are still there as text formats give them.
        let j = try store.run(["report event e by participant > \(store.dir.path("besar.json"))"])
        #expect(j.status == 0)
        #expect(try String(contentsOfFile: store.dir.path("besar.json"), encoding: .utf8).contains("9007199254740993"))
    }

    @Test func csvByteOrderMark() throws {
        let store = try LoadedStore(scriptText: "add participant a name A\nopen event e on 2021-09-23\n")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: store.dir.url.appendingPathComponent(name))) }
        let r = try store.run(["list participants > \(store.dir.path("plain.csv"))", "set csv bom on",
                               "list participants > \(store.dir.path("bom.csv"))", "list participants >> \(store.dir.path("bom.csv"))",
                               "list participants > \(store.dir.path("bom.json"))", "set csv bom off",
                               "list participants > \(store.dir.path("off.csv"))"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Array(try bytes("plain.csv").prefix(3)) != bom)
        let b = try bytes("bom.csv")
        #expect(Array(b.prefix(3)) == bom)
        #expect(b.count(where: { $0 == 0xEF }) == 1, "appending adds no second BOM")
        #expect(Array(try bytes("bom.json").prefix(3)) != bom, "only CSV")
        #expect(Array(try bytes("off.csv").prefix(3)) != bom)
        let flag = try ReportBazar.run(["--store", store.dir.store, "--bom", "--format", "csv", "-c", "list participants", "-c", "list events"])
        #expect(flag.status == 0)
        #expect(!flag.stdout.dropFirst().contains("\u{FEFF}"), "one BOM, at the start: \(flag.stdout)")
        // Foundation drops a leading BOM when it decodes: look at the bytes.
        let storeArgument = TestBackend.map(["--store", store.dir.store])[1]
        let bytes = try Reader.run("/bin/sh", ["-c", "'\(Bazar.binary)' --store '\(storeArgument)' --bom --format csv -c 'list participants' | od -An -tx1 | head -1"])
        #expect(bytes.stdout.hasPrefix(" ef bb bf 69 64"), "\(bytes.stdout)")
    }
}
