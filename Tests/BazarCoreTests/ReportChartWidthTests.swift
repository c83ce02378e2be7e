import Foundation
import Testing
@testable import BazarCore

/// The bar chart is as wide as the terminal is when the report is made, not when bazar started (issue 11).
@Suite struct ReportChartWidthTests {
    final class Width: @unchecked Sendable { var columns = 60 }

    @Test func chartWidthIsReadAtEachReport() throws {
        let store = try Store(path: nil)
        let sink = FuzzSink()
        let width = Width()
        try store.run { db in
            let s = Session(db: db, today: Day(year: 2024, month: 6, day: 1)!, who: "t", output: sink)
            s.undoEnabled = false
            for line in ["add participant a", "open event e1 on 2024-03-01", "add sale a amount 10rb",
                         "open event e2 on 2024-04-01", "add sale a amount 30rb"] {
                #expect(s.runLine(SourceLine(text: line)).errors == 0, "\(sink.err)")
            }
            s.settings.chart = ChartStyle(unicode: false, width: 80)
            s.settings.terminalColumns = { width.columns }
            func longestBar() -> Int {
                sink.reset()
                _ = s.runLine(SourceLine(text: "report range 2024-03..2024-04 by month"))
                return sink.out.split(separator: "\n").filter { $0.hasPrefix("2024-04") && $0.contains("#") }
                    .map { $0.count }.max() ?? 0
            }
            let narrow = longestBar()
            width.columns = 120
            let wide = longestBar()
            // The chart line fills the width it was given.
            #expect(narrow == 60)
            #expect(wide == 120)
        }
    }
}
