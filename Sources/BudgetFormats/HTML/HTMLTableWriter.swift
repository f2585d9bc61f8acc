/// Writes a ``TableSheet`` as a standalone HTML page (`export --format html`), streaming.
///
/// Text is escaped (line breaks kept as `<br>`); numbers are right-aligned; amounts are
/// grouped with "." ("150.000.000"), decimals use "," ("2,5"), integers are plain, dates
/// read `05/03/2020 09:00:00`.
///
/// Printed, no column is ever lost: the table has a fixed layout whose column widths are
/// shares of the page (from ``TableColumn/width``), so long words and identifiers wrap
/// inside their column instead of pushing the last columns off the page. A table wider
/// than ``PrintLayout/columnsPerBlock`` prints as several tables one after the other,
/// each with the key columns and one block of the others; those rows are held in memory
/// (a matrix of agencies, not a million lines). The sheet's ``PrintLayout/titleLines``
/// head the page when it has any.
public enum HTMLTableWriter {
    /// Writes the page: the sheet's title lines (else the document's title) as a heading,
    /// `lead` lines under it, the table. Returns the number of data rows.
    @discardableResult
    public static func write<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, document: HTMLDocument, lead: [String] = [], to output: inout some ByteOutput
    ) throws -> Int {
        var document = document
        if sheet.layout.resolvedOrientation(columnCount: sheet.columns.count) == .landscape {
            document.landscape = true
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + 4096)
        buffer.append(contentsOf: document.head.utf8)
        let titles = sheet.layout.titleLines
        buffer.append(contentsOf: "<h1>\(HTML.escape(titles.first ?? document.title))</h1>\n".utf8)
        for line in titles.dropFirst() + lead {
            buffer.append(contentsOf: "<p class=\"lead\">\(HTML.escape(line))</p>\n".utf8)
        }
        var count = 0
        try appendTables(sheet, to: &buffer, rows: &count) { chunk in
            try output.write(chunk)
        }
        buffer.append(contentsOf: document.tail.utf8)
        try output.write(buffer)
        return count
    }

    /// The `<table>` alone (or the tables of its blocks), as a fragment for a template's
    /// `{{{…}}}`.
    public static func fragment<Rows: RowSource>(_ sheet: TableSheet<Rows>) throws -> String {
        var buffer: [UInt8] = []
        var count = 0
        var chunks: [UInt8] = []
        try appendTables(sheet, to: &buffer, rows: &count) { chunks.append(contentsOf: $0) }
        return String(decoding: chunks + buffer, as: UTF8.self)
    }

    static let flushThreshold = 64 * 1024
    /// A table of more columns than this is set in smaller type (`table.wide`), so that
    /// codes keep to one line on an A4 landscape page.
    static let wideColumns = 8

    /// The tables: one, streamed, or one per column block.
    private static func appendTables<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, to buffer: inout [UInt8], rows count: inout Int, flush: ([UInt8]) throws -> Void
    ) throws {
        let columns = sheet.columns
        let blocks = sheet.layout.blocks(columnCount: columns.count)
        let keys = Array(0..<min(sheet.layout.keyColumns, columns.count))
        var rows = sheet.rows
        guard blocks.count > 1 else {
            let every = Array(columns.indices)
            appendTableHead(every, sheet: sheet, to: &buffer)
            while let row = try rows.nextRow(columns: columns.count, sheet: sheet.name, number: count + 1) {
                count += 1
                appendRow(row, columns: every, sheet: sheet, to: &buffer)
                if buffer.count >= flushThreshold {
                    try flush(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer.append(contentsOf: "</tbody>\n</table>\n".utf8)
            return
        }
        var all: [[Cell]] = []
        while let row = try rows.nextRow(columns: columns.count, sheet: sheet.name, number: count + 1) {
            count += 1
            all.append(row)
        }
        for (number, block) in blocks.enumerated() {
            let shown = keys + Array(block)
            buffer.append(contentsOf: "<div class=\"khoi\" data-block=\"\(number + 1)/\(blocks.count)\">\n".utf8)
            appendTableHead(shown, sheet: sheet, to: &buffer)
            for row in all {
                appendRow(row, columns: shown, sheet: sheet, to: &buffer)
                if buffer.count >= flushThreshold {
                    try flush(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer.append(contentsOf: "</tbody>\n</table>\n</div>\n".utf8)
        }
    }

    /// `<table>`, the column widths as shares of the page, and the header row.
    private static func appendTableHead<Rows: RowSource>(
        _ shown: [Int], sheet: TableSheet<Rows>, to buffer: inout [UInt8]
    ) {
        let size = sheet.layout.compact ? " class=\"compact\"" : shown.count > wideColumns ? " class=\"wide\"" : ""
        buffer.append(contentsOf: "<table\(size)>\n".utf8)
        if !shown.isEmpty {
            // Per-mille shares, the remainder to the widest, so that they add up to 100 %.
            let weights = shown.map { weight(of: sheet.columns[$0]) }
            let total = max(1, weights.reduce(0, +))
            var shares = weights.map { $0 * 1000 / total }
            if let widest = weights.indices.max(by: { weights[$0] < weights[$1] }) {
                shares[widest] += 1000 - shares.reduce(0, +)
            }
            buffer.append(contentsOf: "<colgroup>".utf8)
            for share in shares { buffer.append(contentsOf: "<col style=\"width:\(share / 10).\(share % 10)%\">".utf8) }
            buffer.append(contentsOf: "</colgroup>\n".utf8)
        }
        buffer.append(contentsOf: "<thead>\n<tr>".utf8)
        for index in shown {
            buffer.append(contentsOf: "<th>".utf8)
            HTML.appendEscaped(sheet.columns[index].title, to: &buffer, lineBreaks: true)
            buffer.append(contentsOf: "</th>".utf8)
        }
        buffer.append(contentsOf: "</tr>\n</thead>\n<tbody>\n".utf8)
    }

    /// A column's share of the page: its width, an identifier's half of it (it is printed
    /// in smaller type and may wrap anywhere).
    static func weight(of column: TableColumn) -> Int {
        let width = WorksheetEncoder.width(of: column)
        return column.isIdentifier ? max(4, width / 2) : width
    }

    private static func appendRow<Rows: RowSource>(
        _ row: [Cell], columns shown: [Int], sheet: TableSheet<Rows>, to buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: "<tr>".utf8)
        for index in shown {
            switch row[index] {
            case .empty: buffer.append(contentsOf: "<td></td>".utf8)
            case let .text(text):
                buffer.append(contentsOf: (sheet.columns[index].isIdentifier ? "<td class=\"id\">" : "<td>").utf8)
                HTML.appendEscaped(text, to: &buffer, lineBreaks: true)
                buffer.append(contentsOf: "</td>".utf8)
            case let .integer(value): appendNumber(String(value), to: &buffer)
            case let .amount(value): appendNumber(NumberText.grouped(value), to: &buffer)
            case let .decimal(mantissa, scale):
                let places = sheet.columns[index].kind == .tenths ? 1 : 0
                appendNumber(
                    NumberText.decimal(mantissa: mantissa, scale: scale, mark: ",", grouping: ".", places: places),
                    to: &buffer)
            case let .dateTime(moment):
                buffer.append(contentsOf: "<td class=\"d\">\(moment.shown)</td>".utf8)
            }
        }
        buffer.append(contentsOf: "</tr>\n".utf8)
    }

    private static func appendNumber(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "<td class=\"n\">".utf8)
        buffer.append(contentsOf: text.utf8)
        buffer.append(contentsOf: "</td>".utf8)
    }
}
