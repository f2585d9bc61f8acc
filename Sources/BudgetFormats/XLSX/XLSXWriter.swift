/// Writes an Office Open XML workbook (`.xlsx`) to a sink, one table at a time, streaming.
///
/// Each ``addSheet(_:)`` streams a ``TableSheet`` into one worksheet — or several, when it
/// has more rows than ``XLSXOptions/maxRowsPerSheet``: the parts are named "Name (1)",
/// "Name (2)", … and the report says so. A million-row table is never held in memory:
/// rows are encoded into a 256 KiB buffer and streamed into the ZIP entry.
///
/// What a table's sheet holds: the sheet's title block (``PrintLayout/titleLines``), a
/// bold, wrapped header row frozen at the top and repeated on printed pages; column
/// widths; a bordered grid; rows tall enough for wrapped text; text as inline strings, but
/// for the columns that repeat (``TableColumn/repeats``: codes, file names, digests), whose
/// values go once into a bounded shared-string table (`xl/sharedStrings.xml`, written last,
/// ``SharedStrings``); numbers as numbers, amounts formatted `#,##0`,
/// dates as dates; A4 page setup (``SheetPage``); no formulas — a text such as "=1+1" is a
/// string cell, so it needs no neutralising prefix. Formulas exist only in forms
/// (``addForm(_:)``), built from ``XLSXFormula``'s constructors. Sheet names are made
/// acceptable to Excel and unique (``XLSXSheetName``).
///
/// Parts are written in the order `_rels/.rels`, `xl/styles.xml`, `docProps/*`, the
/// worksheets, then the shared strings (if any), `xl/workbook.xml`, its relationships and
/// `[Content_Types].xml`, which name the worksheets and so come last. Readers locate parts through the ZIP directory,
/// so the order does not matter to them; `file(1)` still identifies the result as Excel
/// because `xl/` appears within the first entries.
///
/// ```swift
/// var xlsx = XLSXWriter(sink: try FileSink(path: path), options: XLSXOptions(created: now))
/// let report = try xlsx.addSheet(TableSheet(name: "Chi tiết", columns: columns, nextRow: next))
/// let workbook = try xlsx.finish()
/// try xlsx.sink.finish()
/// ```
///
/// After an error from a row source, a sink or a row's shape the writer is unusable and
/// its output incomplete; a table refused up front (too many columns) leaves it usable.
public struct XLSXWriter<Sink: ByteSink> {
    public let options: XLSXOptions
    private var zip: ZipWriter<Sink>
    private var names = SheetNameRegistry()
    private var tables: [XLSXSheetReport] = []
    /// Each worksheet's print titles (header row, key columns), in tab order.
    private var printTitles: [XLSXParts.PrintTitles?] = []
    /// Sheets named by the list validations of forms, checked in ``finish()``.
    private var referencedSheets: [String] = []
    /// Whether a form put formulas in the workbook: it then asks to be recalculated on open.
    private var hasFormulas = false
    private var started = false
    private var usable = true
    private var buffer: [UInt8] = []
    /// Text of the columns that repeat, written once (``TableColumn/repeats``).
    private let sharedStrings: SharedStrings

    /// Output is handed to the ZIP writer in chunks of about this size.
    static var chunkSize: Int { 256 * 1024 }

    public init(sink: Sink, options: XLSXOptions) {
        self.init(sink: sink, options: options, sharedStrings: SharedStrings())
    }

    /// A writer whose shared-string table is `sharedStrings` (tests give a small one).
    init(sink: Sink, options: XLSXOptions, sharedStrings: SharedStrings) {
        self.sharedStrings = sharedStrings
        self.options = options
        zip = ZipWriter(
            sink: sink, modified: DOSDateTime(options.created, timeZone: options.timeZone),
            compressesInBackground: options.compressesInBackground)
    }

    /// The sink, to read a ``BufferSink``'s bytes or finish a ``FileSink`` afterwards.
    public var sink: Sink { zip.sink }

    /// The worksheet names written so far, in tab order.
    public var sheetNames: [String] { tables.flatMap(\.sheetNames) }

    /// Streams `sheet` into one or more worksheets and reports what was written.
    ///
    /// Errors from the row source and the sink pass through; a row longer than the columns
    /// throws ``TableShapeError``, more than 16 384 columns ``XLSXError/tooManyColumns(sheet:count:)``.
    /// Complexity: O(size of the sheet); memory: one row plus the buffer.
    @discardableResult
    public mutating func addSheet<Rows: RowSource>(_ sheet: TableSheet<Rows>) throws -> XLSXSheetReport {
        guard usable else { throw XLSXError.unusable }
        guard sheet.columns.count <= XLSXOptions.excelMaxColumns else {
            throw XLSXError.tooManyColumns(sheet: sheet.name, count: sheet.columns.count)
        }
        usable = false  // until this call succeeds
        try startIfNeeded()

        let base = XLSXSheetName.sanitized(sheet.name)
        var report = XLSXSheetReport(requestedName: sheet.name, sheetNames: [], rows: 0, truncatedCells: 0)
        var encoder = WorksheetEncoder(
            columns: sheet.columns, layout: sheet.layout, fontSize: options.fontSize,
            explicitReferences: options.explicitCellReferences, sharedStrings: sharedStrings)
        let headerRow = encoder.headerRow
        var rows = sheet.rows
        let limit = min(options.effectiveMaxRows, XLSXOptions.excelMaxRows - headerRow)
        var pending = try rows.nextRow(columns: sheet.columns.count, sheet: sheet.name, number: 1)
        repeat {
            let part = report.sheetNames.count + 1
            if part == 1 {
                report.sheetNames.append(names.claim(base))
            } else {
                if part == 2 {
                    // The table overflowed: its first sheet becomes "Name (1)".
                    names.release(report.sheetNames[0])
                    report.sheetNames[0] = names.claim(XLSXSheetName.numbered(base, 1))
                }
                report.sheetNames.append(names.claim(XLSXSheetName.numbered(base, part)))
            }
            let fileNumber = sheetNames.count + report.sheetNames.count
            try zip.beginEntry("xl/worksheets/sheet\(fileNumber).xml", compression: options.compression)
            buffer.append(contentsOf: encoder.prologue(selected: fileNumber == 1, options: options).utf8)
            encoder.appendHeading(to: &buffer)
            printTitles.append(
                options.repeatHeaderOnPrint
                    ? XLSXParts.PrintTitles(headerRow: headerRow, keyColumns: encoder.page.keyColumns) : nil)
            var written = 0
            while written < limit, let row = pending {
                written += 1
                report.rows += 1
                encoder.appendRow(row, number: headerRow + written, to: &buffer)
                if buffer.count >= Self.chunkSize { try flush() }
                pending = try rows.nextRow(columns: sheet.columns.count, sheet: sheet.name, number: report.rows + 1)
            }
            buffer.append(contentsOf: encoder.epilogue().utf8)
            try flush()
            try zip.endEntry()
        } while pending != nil
        report.truncatedCells = encoder.truncatedCells
        tables.append(report)
        usable = true
        return report
    }

    /// Writes a worksheet (a form's) under a name made acceptable and unique: `encode`
    /// hands its XML to the function it is given, in pieces of any size, and returns the
    /// rows below the header, the cells cut short and whether it wrote a formula.
    mutating func addEncodedSheet(
        requestedName: String, printTitles titles: XLSXParts.PrintTitles?, referencing sheets: [String],
        encode: (_ write: ([UInt8]) throws -> Void) throws -> (rows: Int, truncatedCells: Int, formulas: Bool)
    ) throws -> XLSXSheetReport {
        guard usable else { throw XLSXError.unusable }
        usable = false  // until this call succeeds
        try startIfNeeded()
        let name = names.claim(XLSXSheetName.sanitized(requestedName))
        try zip.beginEntry("xl/worksheets/sheet\(sheetNames.count + 1).xml", compression: options.compression)
        let written = try encode { try zip.write($0) }
        try zip.endEntry()
        let report = XLSXSheetReport(
            requestedName: requestedName, sheetNames: [name], rows: written.rows, truncatedCells: written.truncatedCells
        )
        tables.append(report)
        printTitles.append(titles)
        referencedSheets += sheets
        hasFormulas = hasFormulas || written.formulas
        usable = true
        return report
    }

    /// Writes the workbook, its relationships and the content types, and ends the ZIP.
    ///
    /// Throws ``XLSXError/noSheets`` if no sheet was added: Excel cannot open a workbook
    /// without one. The sink is not closed (``FileSink/finish()`` is the caller's).
    @discardableResult
    public mutating func finish() throws -> XLSXWorkbookReport {
        guard usable else { throw XLSXError.unusable }
        guard !tables.isEmpty else { throw XLSXError.noSheets }
        usable = false
        let names = sheetNames
        for name in referencedSheets where !names.contains(name) {
            throw XLSXError.unknownSheet(name)
        }
        try addPart(
            "xl/workbook.xml", XLSXParts.workbook(sheetNames: names, printTitles: printTitles, recalculate: hasFormulas)
        )
        let hasShared = !sharedStrings.isEmpty
        if hasShared { try zip.addEntry("xl/sharedStrings.xml", sharedStrings.xml(), compression: options.compression) }
        try addPart(
            "xl/_rels/workbook.xml.rels",
            XLSXParts.workbookRelationships(sheetCount: names.count, sharedStrings: hasShared))
        try addPart("[Content_Types].xml", XLSXParts.contentTypes(sheetCount: names.count, sharedStrings: hasShared))
        try zip.finish()
        return XLSXWorkbookReport(tables: tables)
    }

    private mutating func startIfNeeded() throws {
        guard !started else { return }
        started = true
        let created = CivilTime(secondsSince1970: CivilTime.seconds(of: options.created)).w3cUTC
        try addPart("_rels/.rels", XLSXParts.packageRelationships)
        try addPart("xl/styles.xml", XLSXParts.styles(fontName: options.fontName, fontSize: options.fontSize))
        try addPart(
            "docProps/core.xml",
            XLSXParts.coreProperties(title: options.title, author: options.author, created: created))
        try addPart("docProps/app.xml", XLSXParts.appProperties(application: options.application))
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
    }

    /// A small fixed part, compressed like the worksheets.
    private mutating func addPart(_ name: String, _ xml: String) throws {
        try zip.addEntry(name, Array(xml.utf8), compression: options.compression)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try zip.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
