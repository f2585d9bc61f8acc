/// What ``XLSXWriter/addSheet(_:)`` wrote for one table.
public struct XLSXSheetReport: Sendable, Equatable {
    /// The name the caller asked for.
    public var requestedName: String
    /// The worksheets written, in order: one unless the table was split, then
    /// "Name (1)", "Name (2)", … (each made unique in the workbook).
    public var sheetNames: [String]
    /// Data rows written, across all parts (the header rows not counted).
    public var rows: Int
    /// Text cells cut to Excel's 32 767 characters.
    public var truncatedCells: Int

    /// Whether the table went over ``XLSXOptions/maxRowsPerSheet`` and was split.
    public var wasSplit: Bool { sheetNames.count > 1 }
}

/// What a whole workbook holds, returned by ``XLSXWriter/finish()``.
public struct XLSXWorkbookReport: Sendable, Equatable {
    /// One report per ``XLSXWriter/addSheet(_:)`` call, in order.
    public var tables: [XLSXSheetReport]

    /// Every worksheet name, in tab order.
    public var sheetNames: [String] { tables.flatMap(\.sheetNames) }
    /// The number of worksheets written.
    public var sheetCount: Int { tables.reduce(0) { $0 + $1.sheetNames.count } }
}

/// Why the XLSX writer refused a call.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `finish()` with no sheet: a workbook must hold at least one.
    case noSheets
    /// A table with more columns than Excel's 16 384.
    case tooManyColumns(sheet: String, count: Int)
    /// A call after `finish()`, or after an earlier call failed.
    case unusable
    /// A form's list validation names a sheet the workbook does not hold.
    case unknownSheet(String)
    /// A form's cell or validation lies outside the form (a bad row or column).
    case badForm(String)

    public var description: String {
        switch self {
        case .noSheets: return "a workbook needs at least one sheet"
        case let .tooManyColumns(sheet, count):
            return "sheet \"\(sheet)\" has \(count) columns; Excel allows \(XLSXOptions.excelMaxColumns)"
        case .unusable: return "the workbook writer was finished or failed earlier"
        case let .unknownSheet(name): return "a list validation names the sheet \"\(name)\", which the workbook lacks"
        case let .badForm(problem): return "the form is malformed: \(problem)"
        }
    }
}
