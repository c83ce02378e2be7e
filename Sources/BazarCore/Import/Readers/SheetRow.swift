/// One cell of a sheet or CSV record: its text, and whether the spreadsheet stored it as a number (so that
/// `44462.58` in a date column is an Excel date, and `150000` in a money column is not text to be read).
public struct SheetCell: Sendable, Equatable {
    public var text: String
    public var isNumber: Bool

    public init(_ text: String, isNumber: Bool = false) {
        self.text = text
        self.isNumber = isNumber
    }

    public static let empty = SheetCell("")
}

/// One row of a sheet or one record of a CSV file. `number` is the row as a spreadsheet shows it (1 is the
/// first); cells the file left out are empty.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    public subscript(column: Int) -> SheetCell {
        column < cells.count ? cells[column] : .empty
    }

    public var isBlank: Bool { cells.allSatisfy { $0.text.utf8.allSatisfy { $0 == 32 } } }
}

/// What every reader refuses, so that a damaged or hostile file costs neither memory nor time.
public enum ReaderLimits {
    /// A cell holds at most this many characters (a product name is at most a few hundred).
    public static let cellCharacters = 4_000
    /// A row holds at most this many columns (an order export has a few dozen).
    public static let columns = 1_000
}

/// A source of rows: an .xlsx sheet or a CSV file. Rows are pushed to `body` one at a time as they are read
/// (the file is never held in memory); `body` returns false to stop early.
public protocol RowSource {
    /// The file's name as the user gave it, for messages.
    var file: String { get }
    func forEachRow(_ body: (SheetRow) throws -> Bool) throws
}
