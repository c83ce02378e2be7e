import Foundation
import Testing

/// Standard input that is a pipe is executed line by line as it arrives (another program feeding sales,
/// `tail -f sales.log | bazar`): a file is read and parsed ahead on a second thread, a pipe must not be,
/// or the first lines would wait for a whole batch or for the end of the input.
@Suite struct StreamingInputTests {
    @Test func eachLineFromAPipeIsAnsweredBeforeTheNextIsWritten() throws {
        let dir = TempDir()
        let bazar = PipedBazar(["--store", dir.store, "--today", "2021-09-23"])
        bazar.send("add participant kopi-tugu name \"Kopi Tugu\"")
        bazar.send("list participants")
        #expect(bazar.waitFor("Kopi Tugu", seconds: 10), "the answer to the second line came only after the input ended: \(bazar.seen)")
        bazar.send("add participant wedang-batavia name \"Wedang Batavia\"")
        bazar.send("list participants")
        #expect(bazar.waitFor("Wedang Batavia", seconds: 10), "\(bazar.seen)")
        #expect(bazar.finish() == 0)
    }
}
