import Testing
import Foundation

@Suite struct SmokeTests {
    @Test func versionPrintsAndExitsZero() throws {
        let r = try Bazar.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("bazar "))
    }
}
