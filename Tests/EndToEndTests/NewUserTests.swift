import Foundation
import Testing

/// What a new officer tripped on (issue 11), through the built binary: a clean bad-usage message, `--help`
/// that reads, the closing line of a script, tables with emoji and CJK names in line, the PATH step.
@Suite struct NewUserTests {
    @Test(arguments: [
        (["--bogus"], "bazar: error: unknown option '--bogus'\n  = did you mean '--bom'?\n"),
        (["--frobnicate"], "bazar: error: unknown option '--frobnicate'\n  = see 'bazar --help'\n"),
        (["--stor", "x.sqlite"], "bazar: error: unknown option '--stor'\n  = did you mean '--store'?\n"),
        (["--on-error", "maybe"], "bazar: error: --on-error takes stop or continue, not 'maybe'\n  = see 'bazar --help'\n"),
    ] as [([String], String)])
    func badUsageIsOneErrorAndOneHint(arguments: [String], stderr: String) throws {
        let r = try Bazar.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr == stderr, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// ArgumentParser wraps each line of the help itself: no sentence is broken by hand into a stub line.
    @Test func helpDoesNotBreakASentenceOnItsOwn() throws {
        let r = try Bazar.run(["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--read-only"))
        let overview = r.stdout.components(separatedBy: "USAGE:")[0]
        for paragraph in overview.components(separatedBy: "\n\n") {
            let lines = paragraph.split(separator: "\n")
            // Every line of a paragraph but its last is filled to near the width: a short one is a hand-made break.
            for line in lines.dropLast() {
                #expect(line.count > 60, "a line broken mid-sentence: \(line.debugDescription) in \(paragraph.debugDescription)")
            }
        }
    }

    @Test func aScriptThatWentWellSaysWhatItDid() throws {
        let dir = TempDir()
        var script = "add participant ani\nadd product ani/teh price 5rb\nopen event pasar on 2021-03-10\n# sales\n"
        for _ in 0..<1_180 { script += "add sale ani/teh\n" }
        let path = try dir.write("okt.bazar", script)
        let r = try Bazar.run(["--store", dir.store, path])
        #expect(r.status == 0)
        #expect(r.stderr == "\(path): 1.184 lines, 1.180 sales added, 3 other changes\n", "\(r.stderr)")
        // With --on-error continue: how many commands were applied and how many not.
        let mixed = try dir.write("mixed.bazar", "open event pasar\nadd sale ani/teh\nadd sale ani/kopi\nadd sale ani/teh qty 0\nadd sale ani/teh 2\n")
        let c = try Bazar.run(["--store", dir.store, "--on-error", "continue", mixed])
        #expect(c.status == 1)
        #expect(c.stderr.hasSuffix("\(mixed): 5 lines, 3 commands applied, 2 not applied (see above), 2 sales added\n"), "\(c.stderr)")
        // Piped: named <stdin>. A script that stopped says nothing more than its error.
        let piped = try Bazar.run(["--store", dir.store], stdin: "open event pasar\nadd sale ani/teh\n")
        #expect(piped.stderr == "<stdin>: 2 lines, 1 sale added\n", "\(piped.stderr)")
        let stopped = try Bazar.run(["--store", dir.store], stdin: "open event pasar\nadd sale ani/kopi\n")
        #expect(stopped.status == 1 && !stopped.stderr.contains("lines,"), "\(stopped.stderr)")
    }

    /// Names with emoji, CJK and combining accents: the columns after them start at the same place on screen.
    @Test func tablesAlignWideCharactersByDisplayWidth() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store,
                               "-c", "add participant a name \"Kue 🍰 Ani\" kota Jakarta",
                               "-c", "add participant b name \"東京ラーメン\" kota Jakarta",
                               "-c", "add participant c name \"Kue\\u0301\" kota Jakarta".replacingOccurrences(of: "\\u0301", with: "\u{301}"),
                               "-c", "add participant d name \"Plain name\" kota Jakarta",
                               "-c", "list participants"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { $0.hasSuffix("Jakarta") }
        #expect(rows.count == 4, "\(r.stdout)")
        // The kota column starts at the same display column in every row.
        let starts = rows.map { row -> Int in
            let before = row[..<row.range(of: "Jakarta")!.lowerBound]
            return DisplayWidthForTests.of(String(before))
        }
        #expect(Set(starts).count == 1, "\(starts)\n\(r.stdout)")
        let expected = 2 + 2 + 12 + 2 + 5 + 2   // id and gap, name (東京ラーメン: 12 columns) and gap, owner (empty: its header) and gap
        #expect(starts.first == expected, "\(starts)")
    }

    @Test func installPutsBazarInPrefixBin() throws {
        let dir = TempDir()
        let script = Bazar.root.appendingPathComponent("scripts/install").path
        let r = try Bazar.run(["--binary", Bazar.binary, "--prefix", dir.path("prefix")], program: script)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("installed \(dir.path("prefix"))/bin/bazar (bazar "), "\(r.stdout)")
        let v = try Bazar.run(["--version"], program: dir.path("prefix") + "/bin/bazar")
        #expect(v.stdout.hasPrefix("bazar "))
    }
}

/// Display width as a terminal counts it, written independently of bazar's (the test's own idea of it).
enum DisplayWidthForTests {
    static func of(_ s: String) -> Int {
        s.reduce(0) { total, c in
            let v = c.unicodeScalars.first!.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}
