import Testing
@testable import BazarCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct ScriptReaderTests {
    /// Writes bytes to a fresh temporary file and returns its path.
    static func temp(_ bytes: [UInt8], name: String = "script.bazar") -> String {
        var template = Array("/tmp/bazar-reader-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let path = dir + "/" + name
        let f = fopen(path, "wb")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return path
    }

    static func temp(_ text: String, name: String = "script.bazar") -> String { temp(Array(text.utf8), name: name) }

    static func readAll(_ path: String) throws -> [SourceLine] {
        let r = try ScriptReader(path: path)
        var lines: [SourceLine] = []
        while let l = r.next() { lines.append(l) }
        return lines
    }

    @Test(arguments: [
        // (file content, expected (number, text) pairs)
        ("add sale x 3\nadd sale y 4\n", [(1, "add sale x 3"), (2, "add sale y 4")]),
        ("no newline at the end", [(1, "no newline at the end")]),
        ("crlf 1\r\ncrlf 2\r\n", [(1, "crlf 1"), (2, "crlf 2")]),
        ("\n\n# comment\nlast\n", [(1, ""), (2, ""), (3, "# comment"), (4, "last")]),
        ("add sale x \\\n  qty 3\nnext\n", [(1, "add sale x    qty 3"), (3, "next")]),
        ("add sale x\\\nqty 3\n", [(1, "add sale x qty 3")]),
        ("a \\  \r\nb \\\t\nc\nd\n", [(1, "a  b  c"), (4, "d")]),
        ("one\ntwo \\\nthree \\\nfour\nfive", [(1, "one"), (2, "two  three  four"), (5, "five")]),
        ("dangling \\\n", [(1, "dangling  ")]),
        ("name \"Kué Lapis\"\n", [(1, "name \"Kué Lapis\"")]),
        ("", []),
    ])
    func lines(_ content: String, _ expected: [(Int, String)]) throws {
        let path = Self.temp(content)
        let got = try Self.readAll(path)
        #expect(got.map(\.number) == expected.map(\.0))
        #expect(got.map(\.text) == expected.map(\.1))
        #expect(got.allSatisfy { $0.file == path })
    }

    @Test func byteOrderMarkIsDroppedOnTheFirstLineOnly() throws {
        let path = Self.temp([0xEF, 0xBB, 0xBF] + Array("open event x\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("y\n".utf8))
        let got = try Self.readAll(path)
        #expect(got.map(\.text) == ["open event x", "\u{FEFF}y"])
        #expect(try Lexer.tokenize(got[0].text).first?.text == "open")
    }

    @Test func invalidUTF8IsRepaired() throws {
        let path = Self.temp(Array("note ".utf8) + [0xC3, 0x28, 0xFF] + Array(" ok\nnext\n".utf8))
        let got = try Self.readAll(path)
        #expect(got.count == 2)
        #expect(got[0].text == "note \u{FFFD}(\u{FFFD} ok")
        #expect(got[1].text == "next")
    }

    @Test func missingFileIsAnErrorNamingTheFileAndWhy() throws {
        let e = #expect(throws: BazarError.self) { try ScriptReader(path: "/nonexistent/sales.bazar") }
        #expect(e?.problem == .cannotOpenFile(path: "/nonexistent/sales.bazar", reason: "No such file or directory"))
        #expect(e?.message == "cannot open '/nonexistent/sales.bazar': No such file or directory")
    }

    @Test func directoryIsAnError() throws {
        let e = #expect(throws: BazarError.self) { try ScriptReader(path: "/tmp") }
        #expect(e?.problem == .cannotOpenFile(path: "/tmp", reason: "Is a directory"))
    }

    @Test func unreadableFileIsAnError() throws {
        guard getuid() != 0 else { return }   // root reads everything
        let path = Self.temp("x\n")
        chmod(path, 0)
        let e = #expect(throws: BazarError.self) { try ScriptReader(path: path) }
        #expect(e?.problem == .cannotOpenFile(path: path, reason: "Permission denied"))
    }

    @Test func aLineOverOneMebibyteIsReturnedWhole() throws {
        let long = String(repeating: "x", count: 3 << 20)
        let path = Self.temp("before\n" + long + "\nafter\n")
        let got = try Self.readAll(path)
        #expect(got.map(\.number) == [1, 2, 3])
        #expect(got[1].text.utf8.count == 3 << 20)
        #expect(got[2].text == "after")
    }

    @Test func aMillionLinesStreamQuickly() throws {
        let line = Array("add sale wedang-batavia/bir-pletok 3 price 25rb\n".utf8)
        var chunk: [UInt8] = []
        for _ in 0..<10_000 { chunk += line }
        var template = Array("/tmp/bazar-reader-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let path = dir + "/big.bazar"
        let f = fopen(path, "wb")!
        for _ in 0..<100 { _ = chunk.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) } }
        fclose(f)

        let clock = ContinuousClock()
        var count = 0, last = 0
        let elapsed = try clock.measure {
            let r = try ScriptReader(path: path)
            while let l = r.next() { count += 1; last = l.number }
        }
        #expect(count == 1_000_000)
        #expect(last == 1_000_000)
        #expect(elapsed < .seconds(5))   // ~0.1–0.2 s optimized; generous for debug builds
        unlink(path)
    }
}
