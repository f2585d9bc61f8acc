/// A neutral table: a name, columns and a stream of rows. Every writer in this module
/// takes one; the engine maps its results to it.
///
/// A row shorter than the columns is padded with ``Cell/empty``; a longer one is a bug in
/// the caller and makes the writer throw ``TableShapeError``.
public struct TableSheet<Rows: RowSource> {
    /// The sheet's name (an XLSX tab; a title elsewhere).
    public var name: String
    public var columns: [TableColumn]
    /// The rows, consumed once by the writer that is given the sheet.
    public var rows: Rows
    /// How the table prints (title block, orientation, column blocks); the XLSX and HTML
    /// writers follow it, the others ignore it.
    public var layout: PrintLayout

    /// A sheet reading rows from a ``RowSource``.
    public init(name: String, columns: [TableColumn], source: Rows, layout: PrintLayout = PrintLayout()) {
        self.name = name
        self.columns = columns
        rows = source
        self.layout = layout
    }
}

extension TableSheet {
    /// A sheet whose rows come from a sequence (an array, or a lazy sequence).
    public init<S: Sequence<[Cell]>>(
        name: String, columns: [TableColumn], rows: S, layout: PrintLayout = PrintLayout()
    ) where Rows == SequenceRows<S> {
        self.init(name: name, columns: columns, source: SequenceRows(rows), layout: layout)
    }

    /// A sheet whose rows come from a closure, called until it returns `nil`.
    public init(
        name: String, columns: [TableColumn], layout: PrintLayout = PrintLayout(),
        nextRow: @escaping () throws -> [Cell]?
    ) where Rows == ClosureRows {
        self.init(name: name, columns: columns, source: ClosureRows(nextRow), layout: layout)
    }
}

/// A row with more cells than the table has columns.
public struct TableShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var sheet: String
    /// The 1-based number of the data row (the header not counted).
    public var row: Int
    public var cells: Int
    public var columns: Int

    public var description: String {
        "table \"\(sheet)\", row \(row): \(cells) cells for \(columns) columns"
    }
}

extension RowSource {
    /// The next row padded to `columns` cells, or a ``TableShapeError`` if it is longer.
    mutating func nextRow(columns: Int, sheet: String, number: Int) throws -> [Cell]? {
        guard var row = try nextRow() else { return nil }
        if row.count > columns {
            throw TableShapeError(sheet: sheet, row: number, cells: row.count, columns: columns)
        }
        if row.count < columns { row.append(contentsOf: repeatElement(.empty, count: columns - row.count)) }
        return row
    }
}
