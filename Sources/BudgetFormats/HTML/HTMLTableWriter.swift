/// Writes a ``TableSheet`` as a standalone HTML page (`export --format html`), streaming.
///
/// Text is escaped (line breaks kept as `<br>`); numbers are right-aligned; amounts are
/// grouped with "." ("150.000.000"), decimals use "," ("2,5"), integers are plain.
public enum HTMLTableWriter {
    /// Writes the page: the document's title as a heading, `lead` lines under it, the
    /// table. Returns the number of data rows.
    @discardableResult
    public static func write<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, document: HTMLDocument, lead: [String] = [], to output: inout some ByteOutput
    ) throws -> Int {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + 4096)
        buffer.append(contentsOf: document.head.utf8)
        buffer.append(contentsOf: "<h1>\(HTML.escape(document.title))</h1>\n".utf8)
        for line in lead { buffer.append(contentsOf: "<p class=\"lead\">\(HTML.escape(line))</p>\n".utf8) }
        var count = 0
        try appendTable(sheet, to: &buffer, rows: &count) { chunk in
            try output.write(chunk)
        }
        buffer.append(contentsOf: document.tail.utf8)
        try output.write(buffer)
        return count
    }

    /// The `<table>` alone, as a fragment for a template's `{{{…}}}`.
    public static func fragment<Rows: RowSource>(_ sheet: TableSheet<Rows>) throws -> String {
        var buffer: [UInt8] = []
        var count = 0
        var chunks: [UInt8] = []
        try appendTable(sheet, to: &buffer, rows: &count) { chunks.append(contentsOf: $0) }
        return String(decoding: chunks + buffer, as: UTF8.self)
    }

    static let flushThreshold = 64 * 1024

    /// Appends the table to `buffer`, handing full chunks to `flush` (which receives the
    /// buffer's content; the buffer is then emptied).
    private static func appendTable<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, to buffer: inout [UInt8], rows count: inout Int, flush: ([UInt8]) throws -> Void
    ) throws {
        buffer.append(contentsOf: "<table>\n<thead>\n<tr>".utf8)
        for column in sheet.columns {
            buffer.append(contentsOf: "<th>".utf8)
            HTML.appendEscaped(column.title, to: &buffer, lineBreaks: true)
            buffer.append(contentsOf: "</th>".utf8)
        }
        buffer.append(contentsOf: "</tr>\n</thead>\n<tbody>\n".utf8)
        var rows = sheet.rows
        while let row = try rows.nextRow(columns: sheet.columns.count, sheet: sheet.name, number: count + 1) {
            count += 1
            buffer.append(contentsOf: "<tr>".utf8)
            for cell in row {
                switch cell {
                case .empty: buffer.append(contentsOf: "<td></td>".utf8)
                case let .text(text):
                    buffer.append(contentsOf: "<td>".utf8)
                    HTML.appendEscaped(text, to: &buffer, lineBreaks: true)
                    buffer.append(contentsOf: "</td>".utf8)
                case let .integer(value): appendNumber(String(value), to: &buffer)
                case let .amount(value): appendNumber(NumberText.grouped(value), to: &buffer)
                case let .decimal(mantissa, scale):
                    appendNumber(
                        NumberText.decimal(mantissa: mantissa, scale: scale, mark: ",", grouping: "."), to: &buffer)
                }
            }
            buffer.append(contentsOf: "</tr>\n".utf8)
            if buffer.count >= flushThreshold {
                try flush(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: "</tbody>\n</table>\n".utf8)
    }

    private static func appendNumber(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "<td class=\"n\">".utf8)
        buffer.append(contentsOf: text.utf8)
        buffer.append(contentsOf: "</td>".utf8)
    }
}
