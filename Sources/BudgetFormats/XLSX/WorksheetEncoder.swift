/// Encodes one worksheet's XML, row by row, into a reusable byte buffer.
///
/// Not generic: the hot loop (a million rows) is plain byte appends, specialised once,
/// whatever the sink. Cells are written with explicit `r` references, text as inline
/// strings (`t="inlineStr"`), numbers as `<v>`; never an `<f>` element.
struct WorksheetEncoder {
    private let columns: [TableColumn]
    /// The letters of each column, as bytes, computed once.
    private let letters: [[UInt8]]
    private(set) var truncatedCells = 0
    /// The current row number's digits, reused from row to row.
    private var rowDigits: [UInt8] = []

    init(columns: [TableColumn]) {
        self.columns = columns
        letters = columns.indices.map { Array(CellReference.columnLetters($0).utf8) }
    }

    /// The XML before the first row: sheet properties, the frozen header pane, widths.
    func prologue(selected: Bool, options: XLSXOptions) -> String {
        var xml = XLSXParts.declaration
        xml += "<worksheet xmlns=\"\(XLSXParts.mainNamespace)\" xmlns:r=\"\(XLSXParts.relationshipsNamespace)\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if options.freezeHeader {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15.75\"/>"
        if !columns.isEmpty {
            xml += "<cols>"
            for (index, column) in columns.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(Self.width(of: column))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        return xml
    }

    /// The XML after the last row: page layout (A4, fit to the page width).
    func epilogue() -> String {
        let orientation = columns.count > 6 ? "landscape" : "portrait"
        return "</sheetData>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"\(orientation)\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
            + "</worksheet>"
    }

    /// The width in characters: the column's own, else from its title and kind, 4…100.
    static func width(of column: TableColumn) -> Int {
        if let width = column.width { return min(max(width, 1), 255) }
        let title = min(column.title.count + 2, 40)
        switch column.kind {
        case .text: return max(title, 14)
        case .amount: return max(title, 18)
        case .integer: return max(title, 8)
        case .decimal: return max(title, 10)
        }
    }

    /// Appends the header row (row 1): every title bold.
    mutating func appendHeader(to buffer: inout [UInt8]) {
        appendRow(columns.map { .text($0.title) }, number: 1, style: XLSXParts.Style.header, to: &buffer)
    }

    /// Appends row `number` (1-based, as Excel counts). Empty cells are left out; a row with
    /// no values is left out entirely.
    ///
    /// - Parameter style: a style for every cell (the header's), or `nil` to pick per cell.
    mutating func appendRow(_ cells: [Cell], number: Int, style: Int? = nil, to buffer: inout [UInt8]) {
        guard cells.contains(where: { !Self.isEmpty($0) }) else { return }
        rowDigits.removeAll(keepingCapacity: true)
        NumberText.appendInteger(Int64(number), to: &rowDigits)
        buffer.append(contentsOf: Self.rowOpen)
        buffer.append(contentsOf: rowDigits)
        buffer.append(contentsOf: Self.tagClose)
        for (index, cell) in cells.enumerated() where !Self.isEmpty(cell) {
            buffer.append(contentsOf: Self.cellOpen)
            buffer.append(contentsOf: letters[index])
            buffer.append(contentsOf: rowDigits)
            buffer.append(UInt8(ascii: "\""))
            switch cell {
            case .empty:
                break
            case let .text(text):
                appendStyle(style, to: &buffer)
                appendInlineString(text, to: &buffer)
            case let .integer(value):
                appendStyle(style, to: &buffer)
                appendNumber(to: &buffer) { NumberText.appendInteger(value, to: &$0) }
            case let .amount(value):
                appendStyle(style ?? XLSXParts.Style.amount, to: &buffer)
                appendNumber(to: &buffer) { NumberText.appendInteger(value, to: &$0) }
            case let .decimal(mantissa, scale):
                appendStyle(style, to: &buffer)
                appendNumber(to: &buffer) {
                    $0.append(contentsOf: NumberText.decimal(mantissa: mantissa, scale: scale).utf8)
                }
            }
        }
        buffer.append(contentsOf: Self.rowClose)
    }

    private static func isEmpty(_ cell: Cell) -> Bool {
        switch cell {
        case .empty: return true
        case let .text(text): return text.isEmpty
        default: return false
        }
    }

    private func appendStyle(_ style: Int?, to buffer: inout [UInt8]) {
        guard let style, style != XLSXParts.Style.normal else { return }
        buffer.append(contentsOf: Self.styleOpen)
        NumberText.appendInteger(Int64(style), to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    private func appendNumber(to buffer: inout [UInt8], _ digits: (inout [UInt8]) -> Void) {
        buffer.append(contentsOf: Self.valueOpen)
        digits(&buffer)
        buffer.append(contentsOf: Self.valueClose)
    }

    private mutating func appendInlineString(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        // A UTF-16 count is at most the UTF-8 count: check the cheap one first.
        if text.utf8.count > XLSXOptions.excelMaxCellText && text.utf16.count > XLSXOptions.excelMaxCellText {
            text = XLSXSheetName.truncated(text, to: XLSXOptions.excelMaxCellText)
            truncatedCells += 1
        }
        let preserve = text.utf8.first.map(Self.isXMLSpace) == true || text.utf8.last.map(Self.isXMLSpace) == true
        buffer.append(contentsOf: preserve ? Self.inlineOpenPreserve : Self.inlineOpen)
        XMLText.appendCellText(text, to: &buffer)
        buffer.append(contentsOf: Self.inlineClose)
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static let rowOpen = Array("<row r=\"".utf8)
    private static let tagClose = Array("\">".utf8)
    private static let rowClose = Array("</row>".utf8)
    private static let cellOpen = Array("<c r=\"".utf8)
    private static let styleOpen = Array(" s=\"".utf8)
    private static let valueOpen = Array("><v>".utf8)
    private static let valueClose = Array("</v></c>".utf8)
    private static let inlineOpen = Array(" t=\"inlineStr\"><is><t>".utf8)
    private static let inlineOpenPreserve = Array(" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
    private static let inlineClose = Array("</t></is></c>".utf8)
}
