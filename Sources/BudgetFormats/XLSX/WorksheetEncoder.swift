/// Encodes one worksheet's XML, row by row, into a reusable byte buffer.
///
/// Not generic: the hot loop (a million rows) is plain byte appends, specialised once,
/// whatever the sink; fixed markup comes from string literals, which cost no reference
/// counting. Rows carry their number (`r`); every cell of a table row is written, in
/// order, with its style (an empty one as `<c s="3"/>`, so the printed grid has no
/// holes), so cells need no reference unless ``XLSXOptions/explicitCellReferences`` asks;
/// text as inline strings (`t="inlineStr"`), numbers as `<v>`; never an `<f>` element.
struct WorksheetEncoder {
    private let columns: [TableColumn]
    let page: SheetPage
    /// Whether every cell carries its `r` reference (``XLSXOptions/explicitCellReferences``).
    private let explicitReferences: Bool
    /// The letters of each column, as bytes, computed once.
    private let letters: [[UInt8]]
    /// The style of each column's data cells.
    private let styles: [[UInt8]]
    /// The columns whose text wraps, with their widths: their rows are made tall enough.
    private let wrapping: [(index: Int, width: Double)]
    private let fontSize: Int
    private(set) var truncatedCells = 0
    /// The current row number's digits, reused from row to row.
    private var rowDigits: [UInt8] = []
    /// The workbook's shared strings, for the columns that repeat (``TableColumn/repeats``);
    /// `nil` writes every text inline.
    private let shared: SharedStrings?
    /// Each column's last shared text and its number: a value equal to the one above it
    /// (a file's name, its digest) needs no look-up.
    private var lastShared: [(text: String, number: Int)?]

    init(
        columns: [TableColumn], layout: PrintLayout = PrintLayout(), fontSize: Int = 12,
        explicitReferences: Bool = false, sharedStrings: SharedStrings? = nil
    ) {
        self.columns = columns
        shared = columns.contains(where: \.repeats) ? sharedStrings : nil
        lastShared = Array(repeating: nil, count: columns.count)
        page = SheetPage(columns: columns, layout: layout, fontSize: fontSize)
        self.explicitReferences = explicitReferences
        self.fontSize = max(1, fontSize)
        letters = columns.indices.map { Array(CellReference.columnLetters($0).utf8) }
        styles = columns.map { Array(String(XLSXParts.Style.data($0)).utf8) }
        wrapping = columns.enumerated().compactMap { index, column in
            column.wraps && column.kind == .text ? (index, Double(Self.width(of: column))) : nil
        }
    }

    /// The 1-based row of the column titles.
    var headerRow: Int { page.headerRow }

    /// The XML before the first row: sheet properties, the frozen header pane, widths.
    func prologue(selected: Bool, options: XLSXOptions) -> String {
        var xml = XLSXParts.declaration
        xml += "<worksheet xmlns=\"\(XLSXParts.mainNamespace)\" xmlns:r=\"\(XLSXParts.relationshipsNamespace)\">"
        xml += page.sheetProperties
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if options.freezeHeader { xml += page.frozenPane }
        xml += "</sheetView></sheetViews>"
        xml +=
            "<sheetFormatPr defaultRowHeight=\"\(SheetPage.points(SheetPage.height(lines: 1, size: fontSize) - 10))\"/>"
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

    /// The XML after the last row: merged title lines, page layout (A4; fit to the page
    /// width, or column blocks at a scale).
    func epilogue() -> String {
        "</sheetData>" + page.mergeCells + page.pageXML + "</worksheet>"
    }

    /// The width in characters: the column's own, else from its title and kind, 4…100.
    static func width(of column: TableColumn) -> Int {
        if let width = column.width { return min(max(width, 1), 255) }
        let title = min(column.title.count + 2, 40)
        switch column.kind {
        case .text: return max(title, 14)
        case .amount: return max(title, 18)
        case .integer: return max(title, 8)
        case .decimal, .tenths: return max(title, 10)
        }
    }

    /// Appends the title block (its lines, then a blank row) and the header row, whose
    /// height fits its longest wrapped title.
    mutating func appendHeading(to buffer: inout [UInt8]) {
        let titleColumns = page.titleColumns
        let span = titleColumns.reduce(0.0) { $0 + Double(Self.width(of: columns[$1])) }
        let titleLetters = CellReference.columnLetters(titleColumns.lowerBound)
        for (index, line) in page.layout.titleLines.enumerated() {
            let first = index == 0
            let size = first ? fontSize + 2 : fontSize
            let lines = TextFit.lines(line, width: span, scale: first ? 1.26 : 1.05)
            let height =
                lines > 1 || first
                ? " ht=\"\(SheetPage.points(SheetPage.height(lines: lines, size: size)))\" customHeight=\"1\"" : ""
            buffer.append(contentsOf: "<row r=\"\(index + 1)\"\(height)>".utf8)
            let style = first ? XLSXParts.Style.title : XLSXParts.Style.subtitle
            buffer.append(contentsOf: "<c r=\"\(titleLetters)\(index + 1)\" s=\"\(style)\"".utf8)
            appendInlineString(line, to: &buffer)
            buffer.append(contentsOf: "</row>".utf8)
        }
        let lines = columns.reduce(1) {
            max($0, TextFit.lines($1.title, width: Double(Self.width(of: $1)), scale: 1.08))
        }
        appendRow(
            columns.map { .text($0.title) }, number: headerRow, style: XLSXParts.Style.header,
            height: lines > 1 ? SheetPage.height(lines: lines, size: fontSize) : nil, to: &buffer)
    }

    /// Appends row `number` (1-based, as Excel counts): every cell, styled, empty ones as
    /// `<c s="…"/>`; a row with no values is left out entirely. A row whose wrapped text
    /// takes more than one line gets the height it needs.
    ///
    /// - Parameter style: a style for every cell (the header's), or `nil` for each
    ///   column's.
    mutating func appendRow(
        _ cells: [Cell], number: Int, style: Int? = nil, height: Int? = nil, to buffer: inout [UInt8]
    ) {
        guard cells.contains(where: { !Self.isEmpty($0) }) else { return }
        rowDigits.removeAll(keepingCapacity: true)
        NumberText.appendInteger(Int64(number), to: &rowDigits)
        buffer.append("<row r=\"")
        buffer.append(contentsOf: rowDigits)
        var height = height
        if height == nil && !wrapping.isEmpty {
            var lines = 1
            for (index, width) in wrapping where index < cells.count {
                if case let .text(text) = cells[index] { lines = max(lines, TextFit.lines(text, width: width)) }
            }
            if lines > 1 { height = SheetPage.height(lines: lines, size: fontSize) }
        }
        if let height {
            buffer.append("\" ht=\"")
            buffer.append(contentsOf: SheetPage.points(height).utf8)
            buffer.append("\" customHeight=\"1")
        }
        buffer.append("\">")
        let explicitStyle = style.map { Array(String($0).utf8) }
        for index in cells.indices {
            let cell = cells[index]
            if explicitReferences {
                buffer.append("<c r=\"")
                buffer.append(contentsOf: letters[index])
                buffer.append(contentsOf: rowDigits)
                buffer.append("\" s=\"")
            } else {
                buffer.append("<c s=\"")
            }
            switch cell {
            case .dateTime:
                buffer.append(contentsOf: explicitStyle ?? Array(String(XLSXParts.Style.date).utf8))
            default:
                buffer.append(contentsOf: explicitStyle ?? styles[index])
            }
            buffer.append(UInt8(ascii: "\""))
            switch cell {
            case .empty:
                buffer.append("/>")
            case let .text(text):
                if text.isEmpty {
                    buffer.append("/>")
                } else if let number = sharedNumber(text, column: index) {
                    buffer.append(" t=\"s\"><v>")
                    NumberText.appendInteger(Int64(number), to: &buffer)
                    buffer.append("</v></c>")
                } else {
                    appendInlineString(text, to: &buffer)
                }
            case let .integer(value), let .amount(value):
                appendNumber(value, to: &buffer)
            case let .decimal(mantissa, scale):
                buffer.append("><v>")
                NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
                buffer.append("</v></c>")
            case let .dateTime(moment):
                if let serial = moment.excelSerial {
                    buffer.append("><v>")
                    buffer.append(contentsOf: serial.utf8)
                    buffer.append("</v></c>")
                } else {
                    // A date Excel cannot show (before March 1900): its ISO text instead.
                    appendInlineString(moment.iso8601, to: &buffer)
                }
            }
        }
        buffer.append("</row>")
    }

    /// The shared string number of `text` in a repeating column, or `nil` to write it inline.
    private mutating func sharedNumber(_ text: String, column: Int) -> Int? {
        guard let shared, column < columns.count, columns[column].repeats else { return nil }
        if let last = lastShared[column], last.text == text {
            shared.reuse()
            return last.number
        }
        guard let number = shared.number(of: text) else { return nil }
        lastShared[column] = (text, number)
        return number
    }

    static func isEmpty(_ cell: Cell) -> Bool {
        switch cell {
        case .empty: return true
        case let .text(text): return text.isEmpty
        default: return false
        }
    }

    private func appendNumber(_ value: Int64, to buffer: inout [UInt8]) {
        buffer.append("><v>")
        NumberText.appendInteger(value, to: &buffer)
        buffer.append("</v></c>")
    }

    /// ` t="inlineStr"><is><t>…</t></is></c>`: the rest of a cell whose start tag is open.
    mutating func appendInlineString(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        // A UTF-16 count is at most the UTF-8 count: check the cheap one first.
        if text.utf8.count > XLSXOptions.excelMaxCellText && text.utf16.count > XLSXOptions.excelMaxCellText {
            text = XLSXSheetName.truncated(text, to: XLSXOptions.excelMaxCellText)
            truncatedCells += 1
        }
        buffer.append(
            Self.needsPreserve(text) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
        XMLText.appendCellText(text, to: &buffer)
        buffer.append("</t></is></c>")
    }

    /// Whether `text` begins or ends with white space, which a `<t>` keeps only with
    /// `xml:space="preserve"` (inline and shared strings alike).
    static func needsPreserve(_ text: String) -> Bool {
        text.utf8.first.map(isXMLSpace) == true || text.utf8.last.map(isXMLSpace) == true
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
