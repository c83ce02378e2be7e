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
        // A script says each place once (a dump of 20,000 businesses from Bekasi warns once), in Indonesian too.
        let s = try Bazar.run(["--memory", "--lang", "id"], stdin: "add participant a kota Bekasi\nadd participant b kota Bekasi\nadd participant c kecamatan Mentang\n")
        #expect(s.status == 0)
        #expect(s.stderr.components(separatedBy: "peringatan: kota 'Bekasi' tidak terdapat di DKI Jakarta").count == 2)
        #expect(s.stderr.contains("peringatan: kecamatan 'Mentang' tidak terdapat di DKI Jakarta: maksud Anda 'Menteng' (Jakarta Pusat)?"))
    }
}

/// The start-up file `$XDG_CONFIG_HOME/bazar/bazarrc` (SPEC section 9).
@Suite struct StartupFileTests {
    /// A home with a bazarrc that sets the language, has an error on line 2, and sets the format after it.
    static func home() throws -> TempDir {
        let dir = TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("config/bazar"), withIntermediateDirectories: true)
        try dir.write("config/bazar/bazarrc", "set language id\nset formatt csv\nset format markdown\n")
        return dir
    }

    @Test func theShellRunsBazarrcAndAnErrorInItShowsItsPathAndLineWithoutStoppingTheShell() throws {
        let dir = try Self.home()
        let sh = try PtyShell(["--memory"], home: dir.url.path)
        let rc = dir.path("config/bazar/bazarrc")
        try sh.expect("\(rc):2:1: kesalahan: perintah 'set formatt' tidak dikenal")
        try sh.expect("1 baris berkas awal \(rc) gagal; shell tetap berjalan")
        try sh.expect("bazar> ")
        // The lines after the error ran: Indonesian, and markdown.
        sh.send("history\r")
        try sh.expect("| no | perintah |")
        sh.send("add sale x\r")
        try sh.expect("kesalahan: belum ada acara yang dibuka")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }

    @Test func noRcSkipsItAndScriptsNeverRunIt() throws {
        let dir = try Self.home()
        let sh = try PtyShell(["--memory", "--no-rc"], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("add sale x\r")
        try sh.expect("error: no event is open")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        #expect(!sh.transcript.contains("bazarrc"))
        // Not interactive: the start-up file is the shell's only.
        let r = try Bazar.run(["--memory", "-c", "add sale x"], environment: ["XDG_CONFIG_HOME": dir.path("config")])
        #expect(r.stderr.hasPrefix("error: no event is open"))
    }
}
