/// Encodes one worksheet's XML, row by row, into a reusable byte buffer.
///
/// Not generic: the hot loop (a million rows) is plain byte appends, specialised once,
/// whatever the sink; fixed markup comes from string literals, which cost no reference
/// counting. Rows carry their number (`r`), cells a reference only after a gap (see
/// ``appendRow(_:number:style:to:)``), text as inline strings (`t="inlineStr"`), numbers
/// as `<v>`; never an `<f>` element.
struct WorksheetEncoder {
    private let columns: [TableColumn]
    /// Whether every cell carries its `r` reference (``XLSXOptions/explicitCellReferences``).
    private let explicitReferences: Bool
    /// The letters of each column, as bytes, computed once.
    private let letters: [[UInt8]]
    private(set) var truncatedCells = 0
    /// The current row number's digits, reused from row to row.
    private var rowDigits: [UInt8] = []

    init(columns: [TableColumn], explicitReferences: Bool = false) {
        self.columns = columns
        self.explicitReferences = explicitReferences
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
                xml +=
                    "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(Self.width(of: column))\" customWidth=\"1\"/>"
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
    /// A cell carries its reference (`r="C7"`) only where the reader could not infer it:
    /// after a left-out cell. ECMA-376 §18.3.1.4 makes `r` optional, a cell without it
    /// taking the column after the previous cell of its row (the first column for the
    /// first); Excel, LibreOffice and openpyxl read it so. Unless
    /// ``XLSXOptions/explicitCellReferences`` asks for every reference, that saves about a
    /// fifth of a typical sheet's XML — bytes that would otherwise be built, checksummed
    /// and compressed a million times.
    ///
    /// - Parameter style: a style for every cell (the header's), or `nil` to pick per cell.
    mutating func appendRow(_ cells: [Cell], number: Int, style: Int? = nil, to buffer: inout [UInt8]) {
        guard cells.contains(where: { !Self.isEmpty($0) }) else { return }
        rowDigits.removeAll(keepingCapacity: true)
        NumberText.appendInteger(Int64(number), to: &rowDigits)
        buffer.append("<row r=\"")
        buffer.append(contentsOf: rowDigits)
        buffer.append("\">")
        /// The column a cell without a reference would be read into.
        var implied = 0
        for index in cells.indices {
            let cell = cells[index]
            if Self.isEmpty(cell) { continue }
            if explicitReferences || index != implied {
                buffer.append("<c r=\"")
                buffer.append(contentsOf: letters[index])
                buffer.append(contentsOf: rowDigits)
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append("<c")
            }
            implied = index + 1
            switch cell {
            case .empty:
                break
            case let .text(text):
                appendStyle(style, to: &buffer)
                appendInlineString(text, to: &buffer)
            case let .integer(value):
                appendStyle(style, to: &buffer)
                appendNumber(value, to: &buffer)
            case let .amount(value):
                appendStyle(style ?? XLSXParts.Style.amount, to: &buffer)
                appendNumber(value, to: &buffer)
            case let .decimal(mantissa, scale):
                appendStyle(style, to: &buffer)
                buffer.append("><v>")
                NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
                buffer.append("</v></c>")
            }
        }
        buffer.append("</row>")
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
        buffer.append(" s=\"")
        NumberText.appendInteger(Int64(style), to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    private func appendNumber(_ value: Int64, to buffer: inout [UInt8]) {
        buffer.append("><v>")
        NumberText.appendInteger(value, to: &buffer)
        buffer.append("</v></c>")
    }

    private mutating func appendInlineString(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        // A UTF-16 count is at most the UTF-8 count: check the cheap one first.
        if text.utf8.count > XLSXOptions.excelMaxCellText && text.utf16.count > XLSXOptions.excelMaxCellText {
            text = XLSXSheetName.truncated(text, to: XLSXOptions.excelMaxCellText)
            truncatedCells += 1
        }
        let preserve = text.utf8.first.map(Self.isXMLSpace) == true || text.utf8.last.map(Self.isXMLSpace) == true
        buffer.append(preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
        XMLText.appendCellText(text, to: &buffer)
        buffer.append("</t></is></c>")
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
