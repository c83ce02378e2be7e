import Testing
import Foundation

/// Jakarta's places in the shell: Tab under a pseudo-terminal, and the warning for a typo.
@Suite struct PlaceShellTests {
    @Test func tabCompletesKecamatanTanToQuotedTanahAbang() throws {
        let dir = TempDir()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("add participant kopi-senja kota \"Jakarta Pusat\" kecamatan Tan\t")
        try sh.expect("\"Tanah Abang\"")
        sh.send("\r")
        try sh.expect("participant kopi-senja added")
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "add participant kopi-senja kota \"Jakarta Pusat\" kecamatan \"Tanah Abang\" \n"
            || history == "add participant kopi-senja kota \"Jakarta Pusat\" kecamatan \"Tanah Abang\"\n")
    }

    @Test func aKecamatanTypoWarnsWithTheOfficialSpellingAndIsKept() throws {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store, "-c", "add participant a kota \"Jakarta Pusat\" kecamatan Mentang",
                               "-c", "add participant b kecamatan \"tanah  abang\"", "-c", "list participants"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: kecamatan 'Mentang' is not a kecamatan of Jakarta Pusat: did you mean 'Menteng'?"))
        // Kept as written; a spacing variant stored in the official spelling, its kota filled in.
        #expect(r.stdout.contains("Mentang"))
        #expect(r.stdout.contains("Jakarta Pusat  Tanah Abang"))
    }
}
