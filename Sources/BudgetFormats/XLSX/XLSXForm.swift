/// A formula that a form may hold: built only from cell positions, by the constructors
/// below, never from text.
///
/// This is the one way an `<f>` element gets into a workbook. A ``TableSheet`` has no
/// formula cells at all (a text such as "=1+1" stays a string), so nothing a user typed,
/// and nothing in a report or an export, can ever become a formula.
public struct XLSXFormula: Sendable, Hashable {
    /// The expression, without "=": ASCII, made of cell references and fixed words only.
    let expression: String

    private init(_ expression: String) { self.expression = expression }

    /// The product of two cells of one row, blank while either is blank:
    /// `IF(OR(E7="",F7=""),"",E7*F7)` for row 7, columns 4 and 5 (0-based).
    public static func product(row: Int, columns first: Int, _ second: Int) -> XLSXFormula {
        let a = CellReference.cell(column: max(0, first), row: max(1, row))
        let b = CellReference.cell(column: max(0, second), row: max(1, row))
        return XLSXFormula("IF(OR(\(a)=\"\",\(b)=\"\"),\"\",\(a)*\(b))")
    }

    /// The sum of one column over rows: `SUM(G7:G26)` for column 6 (0-based), rows 7…26.
    public static func sum(column: Int, rows: ClosedRange<Int>) -> XLSXFormula {
        let first = CellReference.cell(column: max(0, column), row: max(1, rows.lowerBound))
        let last = CellReference.cell(column: max(0, column), row: max(1, rows.upperBound))
        return XLSXFormula("SUM(\(first):\(last))")
    }

    /// The text of the formula as a spreadsheet shows it, with its "=".
    public var text: String { "=" + expression }
}

/// One cell of a form: a value, or a formula with the value it had when written.
public enum XLSXFormCell: Sendable, Hashable {
    /// A value, written as a table writes it.
    case value(Cell)
    /// A formula and its cached value: what a reader that does not calculate shows and
    /// reads until the spreadsheet recalculates. ``Cell/empty`` caches blank text (the
    /// value of an `IF` that yields ""), so the cell reads as blank, not as 0. A workbook
    /// holding a formula asks to be recalculated when opened (`fullCalcOnLoad`).
    case formula(XLSXFormula, cached: Cell)
}

/// A drop-down list on a range of a form's column (data validation of type list): the
/// values allowed are the cells of a column range in a sheet of the same workbook.
public struct XLSXListValidation: Sendable, Hashable {
    /// The 0-based column the list applies to.
    public var column: Int
    /// The 1-based rows it applies to.
    public var rows: ClosedRange<Int>
    /// The sheet holding the allowed values, by its name in the workbook (checked when
    /// the workbook is finished), and the cells holding them.
    public var sourceSheet: String
    public var sourceColumn: Int
    public var sourceRows: ClosedRange<Int>
    /// Shown when the cell is selected (Excel: 32 and 255 characters at most; cut).
    public var promptTitle: String?
    public var prompt: String?
    /// Shown when a typed value is not in the list, which is then refused.
    public var errorTitle: String?
    public var error: String?

    public init(
        column: Int, rows: ClosedRange<Int>, sourceSheet: String, sourceColumn: Int, sourceRows: ClosedRange<Int>,
        promptTitle: String? = nil, prompt: String? = nil, errorTitle: String? = nil, error: String? = nil
    ) {
        self.column = column
        self.rows = rows
        self.sourceSheet = sourceSheet
        self.sourceColumn = sourceColumn
        self.sourceRows = sourceRows
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.errorTitle = errorTitle
        self.error = error
    }
}

/// Cells of one row merged into one: `row` 1-based, `columns` 0-based.
public struct XLSXMerge: Sendable, Hashable {
    public var row: Int
    public var columns: ClosedRange<Int>

    public init(row: Int, columns: ClosedRange<Int>) {
        self.row = row
        self.columns = columns
    }
}

/// A sheet to be filled in by hand: labelled values above a header row, a table below it
/// whose cells may hold ``XLSXFormula``s, drop-down lists, A4 page setup.
///
/// Rows above ``headerRow`` are label–value pairs (the first cell bold, no border), but
/// for ``titleRow``, whose first cell is a title (bold, larger, centred); the header row is
/// bold, bordered, frozen and printed on every page; every cell of the rows below is
/// bordered and formatted by its column (`#,##0` for amounts), empty ones too, so the grid
/// is there to be filled in.
public struct XLSXForm: Sendable {
    public var name: String
    public var columns: [TableColumn]
    /// How many rows the form has, from row 1.
    public private(set) var rowCount: Int
    /// Row `index + 1` of the sheet, with at most one cell per column: made when it is
    /// written (and once before, to check its length), so that a form of 200 000 lines —
    /// an agency given every item of a large plan — is never held whole.
    public private(set) var row: @Sendable (_ index: Int) -> [XLSXFormCell]
    /// The rows from row 1, all made at once (small forms; tests). Setting them replaces
    /// ``row`` and ``rowCount``.
    public var rows: [[XLSXFormCell]] {
        get { (0..<rowCount).map(row) }
        set {
            rowCount = newValue.count
            row = { newValue[$0] }
        }
    }
    /// The 1-based row of the column titles.
    public var headerRow: Int
    public var validations: [XLSXListValidation]
    /// The page's orientation; `nil` decides from the number of columns.
    public var orientation: PrintLayout.Orientation?
    /// A row above the header whose first cell is the form's title.
    public var titleRow: Int?
    /// Cells merged (a label over two narrow columns, the title across the sheet); they
    /// must not overlap.
    public var merges: [XLSXMerge]

    public init(
        name: String, columns: [TableColumn], rows: [[XLSXFormCell]], headerRow: Int,
        validations: [XLSXListValidation] = [], orientation: PrintLayout.Orientation? = nil, titleRow: Int? = nil,
        merges: [XLSXMerge] = []
    ) {
        self.init(
            name: name, columns: columns, rowCount: rows.count, row: { rows[$0] }, headerRow: headerRow,
            validations: validations, orientation: orientation, titleRow: titleRow, merges: merges)
    }

    /// A form whose `rowCount` rows are made by `row` as they are written.
    public init(
        name: String, columns: [TableColumn], rowCount: Int, row: @escaping @Sendable (_ index: Int) -> [XLSXFormCell],
        headerRow: Int, validations: [XLSXListValidation] = [], orientation: PrintLayout.Orientation? = nil,
        titleRow: Int? = nil, merges: [XLSXMerge] = []
    ) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.headerRow = headerRow
        self.validations = validations
        self.orientation = orientation
        self.titleRow = titleRow
        self.merges = merges
    }
}

extension XLSXWriter {
    /// Writes `form` as one worksheet and reports it, streamed: the rows are made and
    /// encoded one at a time, and the XML goes to the archive in pieces (a form of 200 000
    /// lines held whole, and its XML, took 440 MB).
    ///
    /// Throws ``XLSXError/badForm(_:)`` for a row longer than the columns, a header row
    /// outside the rows, or a validation outside the sheet; a validation's source sheet
    /// must be in the workbook when it is finished (``XLSXError/unknownSheet(_:)``). A
    /// refused form leaves the writer usable.
    @discardableResult
    public mutating func addForm(_ form: XLSXForm) throws -> XLSXSheetReport {
        try Self.check(form)
        let options = self.options
        var encoder = FormEncoder(form: form, fontSize: options.fontSize)
        let selected = sheetNames.isEmpty
        return try addEncodedSheet(
            requestedName: form.name,
            printTitles: options.repeatHeaderOnPrint
                ? XLSXParts.PrintTitles(headerRow: form.headerRow, keyColumns: 0) : nil,
            referencing: form.validations.map(\.sourceSheet)
        ) { write in
            try encoder.encode(options: options, selected: selected, write: write)
            return (form.rowCount - form.headerRow, encoder.table.truncatedCells, encoder.wroteFormula)
        }
    }

    static func check(_ form: XLSXForm) throws {
        guard form.columns.count <= XLSXOptions.excelMaxColumns else {
            throw XLSXError.tooManyColumns(sheet: form.name, count: form.columns.count)
        }
        guard form.rowCount < XLSXOptions.excelMaxRows else { throw XLSXError.badForm("too many rows") }
        guard (1...max(1, form.rowCount)).contains(form.headerRow) else {
            throw XLSXError.badForm("header row \(form.headerRow) of \(form.rowCount) rows")
        }
        // Each row made once more, to be checked before anything is written.
        for index in 0..<form.rowCount where form.row(index).count > form.columns.count {
            throw XLSXError.badForm(
                "row \(index + 1) has \(form.row(index).count) cells for \(form.columns.count) columns")
        }
        for (index, merge) in form.merges.enumerated() {
            guard (1...max(1, form.rowCount)).contains(merge.row), merge.columns.lowerBound >= 0,
                merge.columns.upperBound < form.columns.count, merge.columns.count > 1
            else { throw XLSXError.badForm("merge \(index + 1) lies outside the sheet or covers one cell") }
            for other in form.merges[..<index] where other.row == merge.row && other.columns.overlaps(merge.columns) {
                throw XLSXError.badForm("merges \(index + 1) and an earlier one overlap")
            }
        }
        let sheetRows = 1...XLSXOptions.excelMaxRows
        for validation in form.validations {
            guard (0..<form.columns.count).contains(validation.column),
                (0..<XLSXOptions.excelMaxColumns).contains(validation.sourceColumn),
                sheetRows.contains(validation.rows.lowerBound), sheetRows.contains(validation.rows.upperBound),
                sheetRows.contains(validation.sourceRows.lowerBound),
                sheetRows.contains(validation.sourceRows.upperBound)
            else { throw XLSXError.badForm("a list validation lies outside the sheet") }
        }
    }
}

/// Encodes an ``XLSXForm``'s worksheet, a row at a time, handing the XML over in pieces of
/// about ``XLSXWriter/chunkSize``.
struct FormEncoder {
    let form: XLSXForm
    let page: SheetPage
    /// Encodes values and row heights the way tables do.
    var table: WorksheetEncoder
    let fontSize: Int
    /// Whether a formula was written: the workbook then asks to be recalculated on open.
    private(set) var wroteFormula = false

    init(form: XLSXForm, fontSize: Int) {
        self.form = form
        self.fontSize = max(1, fontSize)
        let layout = PrintLayout(orientation: form.orientation)
        page = SheetPage(columns: form.columns, layout: layout, fontSize: fontSize, headerRow: form.headerRow)
        table = WorksheetEncoder(columns: form.columns, layout: layout, fontSize: fontSize, explicitReferences: true)
    }

    mutating func encode(options: XLSXOptions, selected: Bool, write: ([UInt8]) throws -> Void) throws {
        var xml = XLSXParts.declaration
        xml += "<worksheet xmlns=\"\(XLSXParts.mainNamespace)\" xmlns:r=\"\(XLSXParts.relationshipsNamespace)\">"
        xml += page.sheetProperties
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if options.freezeHeader { xml += page.frozenPane }
        xml += "</sheetView></sheetViews>"
        xml +=
            "<sheetFormatPr defaultRowHeight=\"\(SheetPage.points(SheetPage.height(lines: 1, size: fontSize) - 10))\"/>"
        xml += "<cols>"
        for (index, column) in form.columns.enumerated() {
            let width = WorksheetEncoder.width(of: column)
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        var buffer = Array(xml.utf8)
        buffer.reserveCapacity(XLSXWriter<BufferSink>.chunkSize + 64 * 1024)
        for index in 0..<form.rowCount {
            appendRow(form.row(index), number: index + 1, to: &buffer)
            if buffer.count >= XLSXWriter<BufferSink>.chunkSize {
                try write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: "</sheetData>".utf8)
        if !form.merges.isEmpty {
            var merges = "<mergeCells count=\"\(form.merges.count)\">"
            for merge in form.merges {
                let first = CellReference.cell(column: merge.columns.lowerBound, row: merge.row)
                let last = CellReference.cell(column: merge.columns.upperBound, row: merge.row)
                merges += "<mergeCell ref=\"\(first):\(last)\"/>"
            }
            buffer.append(contentsOf: (merges + "</mergeCells>").utf8)
        }
        buffer.append(contentsOf: validationsXML.utf8)
        buffer.append(contentsOf: page.pageXML.utf8)
        buffer.append(contentsOf: "</worksheet>".utf8)
        try write(buffer)
    }

    private mutating func appendRow(_ row: [XLSXFormCell], number: Int, to buffer: inout [UInt8]) {
        let inTable = number >= form.headerRow
        var cells = row
        if inTable && cells.count < form.columns.count {
            cells += repeatElement(.value(.empty), count: form.columns.count - cells.count)
        }
        if !inTable
            && !cells.contains(where: { if case .value(let v) = $0 { !WorksheetEncoder.isEmpty(v) } else { true } })
        {
            return
        }
        var lines = 1
        for (index, cell) in cells.enumerated() {
            guard case .value(.text(let text)) = cell else { continue }
            let column = form.columns[index]
            if number == form.headerRow {
                lines = max(lines, TextFit.lines(text, width: Double(WorksheetEncoder.width(of: column)), scale: 1.08))
            } else if inTable && column.wraps {
                lines = max(lines, TextFit.lines(text, width: Double(WorksheetEncoder.width(of: column))))
            }
        }
        var start = "<row r=\"\(number)\""
        if number == form.titleRow {
            start += " ht=\"\(SheetPage.points(SheetPage.height(lines: 1, size: fontSize + 2)))\" customHeight=\"1\""
        } else if lines > 1 {
            start += " ht=\"\(SheetPage.points(SheetPage.height(lines: lines, size: fontSize)))\" customHeight=\"1\""
        }
        buffer.append(contentsOf: (start + ">").utf8)
        for (index, cell) in cells.enumerated() {
            let style: Int
            if number == form.headerRow {
                style = XLSXParts.Style.header
            } else if inTable {
                if case .value(.dateTime) = cell {
                    style = XLSXParts.Style.date
                } else {
                    style = XLSXParts.Style.data(form.columns[index])
                }
            } else if index == 0 {
                style = number == form.titleRow ? XLSXParts.Style.title : XLSXParts.Style.label
            } else {
                style = XLSXParts.Style.normal
            }
            let reference = CellReference.cell(column: index, row: number)
            switch cell {
            case let .value(value):
                if !inTable && WorksheetEncoder.isEmpty(value) { continue }
                appendValue(value, reference: reference, style: style, to: &buffer)
            case let .formula(formula, cached):
                wroteFormula = true
                appendFormula(formula, cached: cached, reference: reference, style: style, to: &buffer)
            }
        }
        buffer.append(contentsOf: "</row>".utf8)
    }

    private mutating func appendValue(_ value: Cell, reference: String, style: Int, to buffer: inout [UInt8]) {
        let open = "<c r=\"\(reference)\"" + (style == XLSXParts.Style.normal ? "" : " s=\"\(style)\"")
        buffer.append(contentsOf: open.utf8)
        switch value {
        case .empty: buffer.append(contentsOf: "/>".utf8)
        case let .text(text):
            if text.isEmpty {
                buffer.append(contentsOf: "/>".utf8)
            } else {
                table.appendInlineString(text, to: &buffer)
            }
        case let .integer(number), let .amount(number):
            buffer.append(contentsOf: "><v>\(number)</v></c>".utf8)
        case let .decimal(mantissa, scale):
            buffer.append(contentsOf: "><v>".utf8)
            NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
            buffer.append(contentsOf: "</v></c>".utf8)
        case let .dateTime(moment):
            if let serial = moment.excelSerial {
                buffer.append(contentsOf: "><v>\(serial)</v></c>".utf8)
            } else {
                table.appendInlineString(moment.iso8601, to: &buffer)
            }
        }
    }

    private func appendFormula(
        _ formula: XLSXFormula, cached: Cell, reference: String, style: Int, to buffer: inout [UInt8]
    ) {
        let f = "<f>" + XMLText.escaped(formula.expression) + "</f>"
        var xml = "<c r=\"\(reference)\" s=\"\(style)\""
        switch cached {
        case .empty: xml += " t=\"str\">\(f)<v></v></c>"
        case let .text(text): xml += " t=\"str\">\(f)<v>\(XMLText.escapedCellText(text))</v></c>"
        case let .integer(number), let .amount(number): xml += ">\(f)<v>\(number)</v></c>"
        case let .decimal(mantissa, scale):
            var digits: [UInt8] = []
            NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &digits)
            xml += ">\(f)<v>\(String(decoding: digits, as: UTF8.self))</v></c>"
        case let .dateTime(moment):
            xml += ">\(f)<v>\(moment.excelSerial ?? "0")</v></c>"
        }
        buffer.append(contentsOf: xml.utf8)
    }

    /// `<dataValidations>`: one list per validation, refusing values not in it.
    var validationsXML: String {
        guard !form.validations.isEmpty else { return "" }
        var xml = "<dataValidations count=\"\(form.validations.count)\">"
        for v in form.validations {
            let column = CellReference.columnLetters(v.column)
            var attributes = "type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
            func attribute(_ name: String, _ text: String?, limit: Int) {
                guard let text, !text.isEmpty else { return }
                let cut = XLSXSheetName.truncated(text, to: limit)
                attributes += " \(name)=\"\(XMLText.escaped(cut, forAttribute: true))\""
            }
            attribute("errorTitle", v.errorTitle, limit: 32)
            attribute("error", v.error, limit: 255)
            attribute("promptTitle", v.promptTitle, limit: 32)
            attribute("prompt", v.prompt, limit: 255)
            let sqref = "\(column)\(v.rows.lowerBound):\(column)\(v.rows.upperBound)"
            let source = CellReference.columnLetters(v.sourceColumn)
            let sheet = "'" + v.sourceSheet.replacingOccurrences(of: "'", with: "''") + "'!"
            let list = "\(sheet)$\(source)$\(v.sourceRows.lowerBound):$\(source)$\(v.sourceRows.upperBound)"
            xml += "<dataValidation \(attributes) sqref=\"\(sqref)\"><formula1>\(XMLText.escaped(list))</formula1>"
            xml += "</dataValidation>"
        }
        return xml + "</dataValidations>"
    }
}
