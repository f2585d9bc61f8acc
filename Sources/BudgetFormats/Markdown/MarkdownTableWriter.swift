/// Writes a ``TableSheet`` as a GitHub-flavoured Markdown pipe table, streaming.
///
/// Numeric columns are right-aligned (`---:`). Numbers are written plainly — amounts and
/// integers as digits (`150000000`), decimals with "." — so the table stays usable as data
/// and sorts as numbers in tools that read it; the HTML export is the one for reading.
/// Text escapes the characters Markdown would interpret inside a cell (`\`, `|`, `` ` ``,
/// `*`, `_`, `[`, `]`, `<`, `>`, `~`, `&`) with a backslash, and writes line breaks as
/// `<br>` (a pipe table row is one line).
public enum MarkdownTableWriter {
    /// Writes the table and returns the number of data rows. A table without columns
    /// writes nothing (Markdown has no empty table).
    @discardableResult
    public static func write<Rows: RowSource>(_ sheet: TableSheet<Rows>, to output: inout some ByteOutput) throws -> Int
    {
        guard !sheet.columns.isEmpty else { return 0 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + 4096)
        appendRow(sheet.columns.map { .text($0.title) }, to: &buffer)
        buffer.append(UInt8(ascii: "|"))
        for column in sheet.columns {
            buffer.append(contentsOf: (column.kind.isNumeric ? " ---: |" : " --- |").utf8)
        }
        buffer.append(0x0A)
        var rows = sheet.rows
        var count = 0
        while let row = try rows.nextRow(columns: sheet.columns.count, sheet: sheet.name, number: count + 1) {
            count += 1
            appendRow(row, to: &buffer)
            if buffer.count >= flushThreshold {
                try output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try output.write(buffer)
        return count
    }

    static let flushThreshold = 64 * 1024

    private static func appendRow(_ cells: [Cell], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "|"))
        for cell in cells {
            buffer.append(0x20)
            switch cell {
            case .empty: break
            case let .text(text): appendEscaped(text, to: &buffer)
            case let .integer(value), let .amount(value): NumberText.appendInteger(value, to: &buffer)
            case let .decimal(mantissa, scale): NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
            case let .dateTime(moment): buffer.append(contentsOf: moment.iso8601.utf8)
            }
            buffer.append(contentsOf: " |".utf8)
        }
        buffer.append(0x0A)
    }

    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        var previousCR = false
        for byte in text.utf8 {
            defer { previousCR = byte == 0x0D }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"),
                UInt8(ascii: "&"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0x0D: buffer.append(contentsOf: "<br>".utf8)
            case 0x0A: if !previousCR { buffer.append(contentsOf: "<br>".utf8) }
            case 0x00..<0x20: buffer.append(0x20)
            default: buffer.append(byte)
            }
        }
    }
}
