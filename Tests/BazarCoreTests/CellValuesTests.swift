import Testing
@testable import BazarCore

/// Order cells as the seller centres write them: money in either language, dates as text or Excel numbers.
@Suite struct CellValuesTests {
    @Test(arguments: [
        ("150000", false, 150_000), ("150.000", false, 150_000), ("150,000", false, 150_000), ("Rp150.000", false, 150_000),
        ("Rp 150.000,00", false, 150_000), ("IDR 150,000.00", false, 150_000), ("Rp 18.944.500,-", false, 18_944_500),
        ("1.234.567", false, 1_234_567), (" 75000 ", false, 75_000), ("150000", true, 150_000), ("150000.0", true, 150_000), ("0", false, 0),
    ] as [(String, Bool, Int64)])
    func money(text: String, isNumber: Bool, rupiah: Int64) throws {
        #expect(try CellValues.money(SheetCell(text, isNumber: isNumber)) == rupiah)
    }

    @Test(arguments: ["12.5", "1,5", "150.000,50", "1.50.000", "-5000", "dua", "", "Rp", "1e5", "99999999999999999999", "150.000,000"])
    func notMoney(text: String) {
        #expect(throws: CellValues.Bad.self) { try CellValues.money(SheetCell(text)) }
    }

    @Test(arguments: [
        ("23-09-2021 14:05:11", false, "2021-09-23"), ("23/09/2021", false, "2021-09-23"), ("2021-09-23 14:05", false, "2021-09-23"),
        ("2021-09-23T14:05:11+07:00", false, "2021-09-23"), ("2021-09-23", false, "2021-09-23"), ("44462", true, "2021-09-23"),
        ("44462.5868", true, "2021-09-23"), ("09/23/2021 02:05:11 PM", false, "2021-09-23"), ("5/12/2021", false, "2021-12-05"),
    ] as [(String, Bool, String)])
    func date(text: String, isNumber: Bool, iso: String) throws {
        #expect(try CellValues.date(SheetCell(text, isNumber: isNumber), dayFirst: true).iso == iso)
    }

    @Test(arguments: ["31-02-2021", "2021-13-01", "tomorrow", "", "23-09", "0", "44462"])
    func notADate(text: String) {
        #expect(throws: CellValues.Bad.self) { try CellValues.date(SheetCell(text, isNumber: text == "0"), dayFirst: true) }
    }

    @Test func quantities() throws {
        #expect(try CellValues.quantity(SheetCell("3")) == 3)
        #expect(try CellValues.quantity(SheetCell("3.0", isNumber: true)) == 3)
        #expect(try CellValues.quantity(SheetCell("1.000")) == 1000)
        for bad in ["dua", "0", "-1", "2.5", ""] {
            #expect(throws: CellValues.Bad.self) { try CellValues.quantity(SheetCell(bad, isNumber: bad == "2.5")) }
        }
    }
}
