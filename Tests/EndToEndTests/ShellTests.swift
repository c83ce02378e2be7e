import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell, end to end: the built binary under a pseudo-terminal.
@Suite struct ShellTests {
    static let setup = [
        "open event jakpus-2021-09 name \"Bazar Hybrid Jakarta Pusat\" mode hybrid from 2021-09-23 to 2021-09-24",
        "add participant wedang-batavia name \"Wedang Batavia\" kota \"Jakarta Selatan\" category minuman",
        "add participant warung-sate name \"Warung Sate\"",
        "add product wedang-batavia/bir-pletok name \"Bir Pletok\" price 25rb unit botol",
    ]

    /// A temp dir with a store holding one event, two participants and a product.
    static func prepared() throws -> TempDir {
        let dir = TempDir()
        let r = try Bazar.run(["--store", dir.store] + setup.flatMap { ["-c", $0] })
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func tabCompletesACommandWordAndAParticipantId() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        // `sho` → `show `, `par` → `participant `, `wed` → `wedang-batavia `.
        sh.send("sho\t")
        try sh.expect("w")
        sh.send("par\t")
        try sh.expect("ticipant")
        sh.send("wed\t")
        try sh.expect("ang-batavia")
        sh.send("\r")
        try sh.expect("Wedang Batavia")
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        // What was run is the completed line.
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "show participant wedang-batavia\n")
    }

    @Test func tabCompletesAProductAfterTheParticipantAndSlash() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("show product wedang-b\t")
        try sh.expect("atavia/")
        sh.send("b\t\r")
        try sh.expect("Bir Pletok")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "show product wedang-batavia/bir-pletok\n")
    }

    @Test func upRecallsTheLastLine() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("show participant warung-sate\r")
        try sh.expect("Warung Sate")
        try sh.expect("bazar> ")
        sh.send("\u{1b}[A\r")
        try sh.expect("Warung Sate")
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        #expect(sh.count("name       Warung Sate") == 2)
    }

    @Test func historySurvivesARestartWithoutBlanksOrDuplicates() throws {
        let dir = try Self.prepared()
        do {
            let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
            try sh.expect("bazar> ")
            for line in ["show participant warung-sate", "", "help undo", "show participant warung-sate"] {
                sh.send(line + "\r")
                try sh.expect("bazar> ")
            }
            sh.send("\u{04}")
            #expect(sh.waitExit() == 0)
        }
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "help undo\nshow participant warung-sate\n")
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("\u{1b}[A\r")   // the newest line of the last session
        try sh.expect("Warung Sate")
        try sh.expect("bazar> ")
        sh.send("history\r")
        try sh.expect("help undo")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }

    @Test func ctrlCOnAHalfTypedLineLeavesTheShellAliveWithAnEmptyPrompt() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("add sale wedang-bat")
        try sh.expect("wedang-bat")
        sh.send("\u{03}")
        try sh.expect("^C")
        try sh.expect("bazar> ")
        // The dropped text is gone: this line runs alone.
        sh.send("help undo\r")
        try sh.expect("revert this session's last change")
        try sh.expect("bazar> ")
        #expect(!sh.transcript.contains("error"))
        sh.send("\u{03}")        // on an empty line too
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "help undo\n")
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0, "errno \(sh.lastWaitError) \(sh.transcript.debugDescription)")
    }

    @Test func aConfirmedSaleSurvivesSIGKILL() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("open event jakpus-2021-09\r")
        try sh.expect("bazar jakpus-2021-09 day 1> ")
        sh.send("at wedang-batavia\r")
        try sh.expect("@wedang-batavia> ")
        for qty in 1...5 {
            sh.send("add sale bir-pletok \(qty)\r")
            try sh.expect("sale #\(qty):")
        }
        // Killed the moment the last confirmation is on screen: no handler, no cleanup.
        #expect(sh.killHard() == 128 + SIGKILL)
        let r = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "list sales event jakpus-2021-09"])
        #expect(r.status == 0, "\(r.stderr)")
        let sales = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        #expect(sales?.count == 5)
        #expect(sales?.last?["qty"] as? Int == 5)
        #expect(sales?.last?["amount"] as? Int == 125_000)
    }

    @Test func undoInTheShellSaysWhatItUndid() throws {
        let dir = try Self.prepared()
        let before = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "list sales event jakpus-2021-09"])
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("undo\r")
        try sh.expect("nothing to undo in this session")
        sh.send("open event jakpus-2021-09\r")
        try sh.expect("jakpus-2021-09 day 1> ")
        sh.send("add sale wedang-batavia/bir-pletok 2\r")
        try sh.expect("sale #1:")
        sh.send("undo\r")
        try sh.expect("undone: add sale wedang-batavia/bir-pletok 2")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let after = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "list sales event jakpus-2021-09"])
        #expect(after.stdout == before.stdout)
    }

    /// Lines pasted at once (the shell reads what the terminal holds in one go): each runs, in order, under its
    /// own prompt, and each is in the history.
    @Test func linesPastedAtOnceEachRunInOrder() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("open event jakpus-2021-09\radd sale wedang-batavia/bir-pletok 2\radd sale wedang-batavia/bir-pletok 1\r")
        try sh.expect("sale #1: Bir Pletok × 2 = Rp 50.000")
        try sh.expect("sale #2: Bir Pletok × 1 = Rp 25.000")
        try sh.expect("day 1> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let history = try String(contentsOfFile: dir.path("state/bazar/history"), encoding: .utf8)
        #expect(history == "open event jakpus-2021-09\nadd sale wedang-batavia/bir-pletok 2\nadd sale wedang-batavia/bir-pletok 1\n")
    }

    /// A sale typed at the prompt (on a server its participant, product, stall and listing are read in one query):
    /// the listed price, the product's name, a second channel, a typo refused with its suggestion, a whole-stall
    /// sale, a stall made by its first sale, and the store holding exactly the sales confirmed.
    @Test func typedSalesFindTheirItemPriceAndStall() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("open event jakpus-2021-09\r")
        try sh.expect("jakpus-2021-09 day 1> ")
        sh.send("add sale wedang-batavia/bir-pletok 2\r")
        try sh.expect("sale #1: Bir Pletok × 2 = Rp 50.000")
        try sh.expect("day 1> ")
        sh.send("add sale wedang-batavia/bir-pletok 1 channel online\r")
        try sh.expect("sale #2: Bir Pletok × 1 = Rp 25.000")
        try sh.expect("day 1> ")
        sh.send("add sale wedang-batavia/bir-pletk 1\r")
        try sh.expect("did you mean 'wedang-batavia/bir-pletok'?")
        try sh.expect("day 1> ")
        sh.send("add sale warung-sate amount 10rb\r")
        try sh.expect("sale #3:")
        try sh.expect("day 1> ")
        sh.send("add sale wedang-batavia/bir-pletok 3 day 2\r")
        try sh.expect("sale #4: Bir Pletok × 3 = Rp 75.000")
        try sh.expect("day 1> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let r = try Bazar.run(["--store", dir.store, "-c", "report event jakpus-2021-09 by channel"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Rp 160.000"), "\(r.stdout)")
        // The second sale opened the listing's online channel: its own row.
        #expect(r.stdout.split(separator: "\n").contains { $0.contains("online") && $0.contains("25.000") }, "\(r.stdout)")
        let stalls = try Bazar.run(["--store", dir.store, "-c", "list stalls event jakpus-2021-09"])
        #expect(stalls.stdout.contains("wedang-batavia") && stalls.stdout.contains("warung-sate"), "\(stalls.stdout)")
    }

    @Test func ctrlCStopsARunningScriptAndRollsItBack() throws {
        let dir = try Self.prepared()
        var script = "open event jakpus-2021-09\nat wedang-batavia\n"
        script.reserveCapacity(12_000_000)
        for i in 0..<400_000 { script += "add sale bir-pletok \(i % 9 + 1)\n" }
        let path = try dir.write("big.bazar", script)
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("run \(path)\r")
        usleep(700_000)
        sh.send("\u{03}")
        try sh.expect("interrupted", timeout: 60)
        try sh.expect("bazar> ")
        sh.send("help undo\r")
        try sh.expect("revert this session's last change")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        let r = try Bazar.run(["--store", dir.store, "--format", "json", "-c", "list sales event jakpus-2021-09"])
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func aContinuedLineRunsAsOne() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("show participant \\\r")
        try sh.expect("...> ")
        sh.send("warung-sate\r")
        try sh.expect("Warung Sate")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }

    @Test func longOutputGoesThroughThePagerUnlessItIsOff() throws {
        let dir = try Self.prepared()
        let many = (1...40).map { "add participant p\($0)" }
        _ = try Bazar.run(["--store", dir.store] + many.flatMap { ["-c", $0] })
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path, environment: ["PAGER": "sed s/^/PAGED:/"])
        try sh.expect("bazar> ")
        sh.send("list participants\r")
        try sh.expect("PAGED:p40")
        try sh.expect("bazar> ")
        sh.send("show participant warung-sate\r")   // short: not paged
        try sh.expect("name       Warung Sate")
        try sh.expect("bazar> ")
        sh.send("set pager off\r")
        try sh.expect("bazar> ")
        sh.send("list participants\r")
        try sh.expect("p40")
        try sh.expect("bazar> ")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
        #expect(sh.count("PAGED:p40") == 1)
        #expect(!sh.transcript.contains("PAGED:name"))
    }

    @Test func setTimingPrintsEachCommandsTime() throws {
        let dir = try Self.prepared()
        let sh = try PtyShell(["--store", dir.store], home: dir.url.path)
        try sh.expect("bazar> ")
        sh.send("set timing on\r")
        try sh.expect("bazar> ")
        sh.send("show participant warung-sate\r")
        try sh.expect("Warung Sate")
        try sh.expect("Time: ")
        try sh.expect(" ms")
        sh.send("\u{04}")
        #expect(sh.waitExit() == 0)
    }
}
