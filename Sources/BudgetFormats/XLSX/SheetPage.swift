/// A worksheet's place on paper: its title block, header row, column blocks, orientation
/// and scale, worked out once from the columns and the ``PrintLayout``.
///
/// Two ways to print, both on A4:
/// - **fit to width** (most tables): `<pageSetup fitToWidth="1" fitToHeight="0">` with
///   `<pageSetUpPr fitToPage="1"/>`; the client scales the whole width onto one page and
///   runs onto as many pages down as it needs;
/// - **column blocks** (a table wider than ``PrintLayout/columnsPerBlock``): a manual
///   column break before each block, the key columns repeated on every page (print
///   titles), and a fixed scale at which the widest block fits the page — because Excel
///   and LibreOffice both ignore manual breaks while fitting to a page count.
struct SheetPage {
    let columns: [TableColumn]
    let layout: PrintLayout
    let fontSize: Int
    /// The column index ranges of the blocks after the key columns.
    let blocks: [Range<Int>]
    let orientation: PrintLayout.Orientation

    /// The 1-based row of the column titles: after the title lines and a blank row, or
    /// where a form puts it.
    let headerRow: Int

    init(columns: [TableColumn], layout: PrintLayout, fontSize: Int, headerRow: Int? = nil) {
        self.columns = columns
        self.layout = layout
        self.fontSize = max(1, fontSize)
        blocks = layout.blocks(columnCount: columns.count)
        orientation = layout.resolvedOrientation(columnCount: columns.count)
        self.headerRow = headerRow ?? (layout.titleLines.isEmpty ? 1 : layout.titleLines.count + 2)
    }

    /// The key columns actually present.
    var keyColumns: Int { min(layout.keyColumns, columns.count) }

    /// Whether the table prints in column blocks.
    var isBlocked: Bool { blocks.count > 1 }

    /// The columns a title line spans: every column, or in a table printed in blocks the
    /// first block's own columns — not the key columns, which are repeated on every page
    /// and would carry a piece of the title onto each.
    var titleColumns: Range<Int> {
        guard isBlocked, let first = blocks.first else { return 0..<columns.count }
        return first
    }

    // MARK: Sizes

    /// The margins, in inches: left, right, top, bottom, header, footer. The left one is
    /// wider, as administrative papers leave room for binding.
    static let margins = (left: 0.7, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3)

    /// The printable width of an A4 page in column-width units (a digit's width at the
    /// body's size, about half the font size in points).
    var pageWidthUnits: Double {
        let paper = orientation == .landscape ? 842.0 : 595.0
        let printable = paper - (Self.margins.left + Self.margins.right) * 72
        return printable / (Double(fontSize) / 2)
    }

    /// A column's width in characters (``WorksheetEncoder/width(of:)``).
    func width(_ index: Int) -> Int { WorksheetEncoder.width(of: columns[index]) }

    /// The width, in column units, of the key columns and `block`.
    func units(of block: Range<Int>) -> Int {
        (0..<keyColumns).reduce(0) { $0 + width($1) } + block.reduce(0) { $0 + width($1) }
    }

    /// The scale (percent, 10…100) at which the widest block fits the page width, with a
    /// little to spare; `nil` when the sheet fits to width instead.
    var scale: Int? {
        guard isBlocked else { return nil }
        let widest = blocks.map(units(of:)).max() ?? 1
        let fit = Int((pageWidthUnits * 0.97 / Double(max(1, widest)) * 100).rounded(.down))
        return min(100, max(10, fit))
    }

    /// The height of a row of `lines` lines of text at `size` points, in hundredths of a
    /// point (Excel's row of 12-point Times New Roman is 15.75 points).
    static func height(lines: Int, size: Int) -> Int { lines * size * 13_125 / 100 + 10 }

    /// `15.75` for 1 575 hundredths.
    static func points(_ hundredths: Int) -> String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    // MARK: XML

    /// `<sheetPr>`: fit to page unless printing in blocks.
    var sheetProperties: String {
        isBlocked ? "" : "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
    }

    /// `<pane>` and `<selection>`: the header row (and the key columns) stay in view.
    var frozenPane: String {
        let row = headerRow
        let keys = keyColumns < columns.count ? keyColumns : 0
        let topLeft = CellReference.cell(column: keys, row: row + 1)
        if keys > 0 {
            return "<pane xSplit=\"\(keys)\" ySplit=\"\(row)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomRight\""
                + " state=\"frozen\"/><selection pane=\"topRight\"/><selection pane=\"bottomLeft\"/>"
                + "<selection pane=\"bottomRight\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        return "<pane ySplit=\"\(row)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
    }

    /// `<mergeCells>`: each title line across ``titleColumns``.
    var mergeCells: String {
        let span = titleColumns
        guard !layout.titleLines.isEmpty, span.count > 1 else { return "" }
        var xml = "<mergeCells count=\"\(layout.titleLines.count)\">"
        let first = CellReference.columnLetters(span.lowerBound)
        let last = CellReference.columnLetters(span.upperBound - 1)
        for row in 1...layout.titleLines.count { xml += "<mergeCell ref=\"\(first)\(row):\(last)\(row)\"/>" }
        return xml + "</mergeCells>"
    }

    /// Everything after `<sheetData>`, the merges and any data validations: print options, margins, A4 page
    /// setup, a footer with the sheet's name and page number, the column breaks.
    var pageXML: String {
        let m = Self.margins
        var xml = isBlocked ? "" : "<printOptions horizontalCentered=\"1\"/>"
        xml += "<pageMargins left=\"\(m.left)\" right=\"\(m.right)\" top=\"\(m.top)\" bottom=\"\(m.bottom)\""
        xml += " header=\"\(m.header)\" footer=\"\(m.footer)\"/>"
        let orientation = self.orientation == .landscape ? "landscape" : "portrait"
        if let scale {
            xml += "<pageSetup paperSize=\"9\" scale=\"\(scale)\" orientation=\"\(orientation)\"/>"
        } else {
            xml += "<pageSetup paperSize=\"9\" orientation=\"\(orientation)\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        }
        xml += "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P/&amp;N</oddFooter></headerFooter>"
        if isBlocked {
            let breaks = blocks.dropFirst().map(\.lowerBound)
            xml += "<colBreaks count=\"\(breaks.count)\" manualBreakCount=\"\(breaks.count)\">"
            for column in breaks { xml += "<brk id=\"\(column)\" max=\"1048575\" man=\"1\"/>" }
            xml += "</colBreaks>"
        }
        return xml
    }
}
