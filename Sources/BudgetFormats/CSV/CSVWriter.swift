/// Writes a ``TableSheet`` as CSV (RFC 4180), streaming one record at a time.
///
/// - Records end with CRLF, as RFC 4180 specifies and Excel writes; readers that expect
///   LF accept it, and a CR inside a field is unambiguous because such fields are quoted.
/// - A field is quoted when it contains the separator, a double quote, CR or LF; quotes
///   inside are doubled. Other fields are written bare.
/// - Numbers are plain: amounts and integers as digits with a leading "-" when negative,
///   never grouped (`150000000`), decimals with ``CSVOptions/decimalMark``.
/// - Formula neutralisation: a *text* cell that begins with `=`, `+`, `-`, `@`, tab or CR
///   gets a leading `'`, so a spreadsheet shows it instead of running it. Numbers are
///   never prefixed (a negative amount stays `-5`). Column titles are text and follow the
///   same rule.
public enum CSVWriter {
    /// Writes `sheet` to `output` and returns the number of data rows written.
    ///
    /// Errors from the row source or the output pass through; a row longer than the
    /// columns throws ``TableShapeError``. Complexity: O(total size), memory O(one row).
    @discardableResult
    public static func write<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, to output: inout some ByteOutput, options: CSVOptions = CSVOptions()
    ) throws -> Int {
        let encoder = CSVRecordEncoder(options: options)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + 4096)
        if options.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        if options.header {
            encoder.append(sheet.columns.map { Cell.text($0.title) }, to: &buffer)
        }
        var rows = sheet.rows
        var count = 0
        while let row = try rows.nextRow(columns: sheet.columns.count, sheet: sheet.name, number: count + 1) {
            encoder.append(row, to: &buffer)
            count += 1
            if buffer.count >= flushThreshold {
                try output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try output.write(buffer) }
        return count
    }

    /// Writes `sheet` to a new byte array: for small tables and tests.
    public static func bytes<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, options: CSVOptions = CSVOptions()
    ) throws -> [UInt8] {
        var sink = BufferSink()
        try write(sheet, to: &sink, options: options)
        return sink.bytes
    }

    /// Output is handed on in chunks of about this size.
    static let flushThreshold = 64 * 1024
}

/// Writes a table as CSV one record at a time, the rows pushed by the caller — for a table
/// whose rows another writer is already pulling.
///
/// The package writes `chi-tiet.csv` from the very rows the workbook's "Chi tiết" sheet
/// pulls from the store: one pass over a million lines instead of two. The bytes are those
/// of ``CSVWriter/write(_:to:options:)`` for the same rows and options.
///
/// ```swift
/// var csv = CSVRecordWriter(columns: columns, name: "Chi tiết", output: file)
/// try csv.append(row)   // for each data row
/// try csv.finish()
/// ```
public struct CSVRecordWriter<Output: ByteOutput> {
    /// Where the records go; a class output (``FileSink``) is shared with the caller.
    public private(set) var output: Output
    /// Data rows appended so far.
    public private(set) var rows = 0
    private let encoder: CSVRecordEncoder
    private let columns: Int
    private let name: String
    private var buffer: [UInt8] = []

    /// Starts the table: the byte-order mark and the header record, as `options` ask,
    /// wait in the buffer for the first flush.
    ///
    /// - Parameter name: the table's name, for ``TableShapeError``.
    public init(columns: [TableColumn], name: String, output: Output, options: CSVOptions = CSVOptions()) {
        self.output = output
        encoder = CSVRecordEncoder(options: options)
        self.columns = columns.count
        self.name = name
        buffer.reserveCapacity(CSVWriter.flushThreshold + 4096)
        if options.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        if options.header { encoder.append(columns.map { Cell.text($0.title) }, to: &buffer) }
    }

    /// Appends one data row; a shorter row is padded with empty fields, a longer one
    /// throws ``TableShapeError``. Errors from the output pass through.
    public mutating func append(_ row: [Cell]) throws {
        guard row.count <= columns else {
            throw TableShapeError(sheet: name, row: rows + 1, cells: row.count, columns: columns)
        }
        encoder.append(row, padTo: columns, to: &buffer)
        rows += 1
        if buffer.count >= CSVWriter.flushThreshold {
            try output.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is still buffered. The output is not closed (a ``FileSink`` is finished
    /// by the caller).
    public mutating func finish() throws {
        if !buffer.isEmpty { try output.write(buffer) }
        buffer.removeAll()
    }
}

/// Encodes one record at a time into a caller's buffer; reusable across records.
struct CSVRecordEncoder {
    let separator: UInt8
    let decimalMark: String

    init(options: CSVOptions) {
        separator = options.separator.rawValue
        decimalMark = options.decimalMark
    }

    /// Appends one record; with `padTo`, empty fields follow until there are that many.
    func append(_ cells: [Cell], padTo count: Int = 0, to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(separator) }
            switch cell {
            case .empty: break
            case let .text(text): appendText(text, to: &buffer)
            case let .integer(value), let .amount(value): NumberText.appendInteger(value, to: &buffer)
            case let .decimal(mantissa, scale) where scale <= 0:
                // A whole number: digits only, so no mark and nothing to quote.
                NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
            case let .decimal(mantissa, scale):
                appendText(
                    NumberText.decimal(mantissa: mantissa, scale: scale, mark: decimalMark), to: &buffer,
                    neutralise: false)
            case let .dateTime(moment): appendText(moment.iso8601, to: &buffer, neutralise: false)
            }
        }
        for index in cells.count..<max(count, cells.count) where index > 0 { buffer.append(separator) }
        buffer.append("\r\n")
    }

    private func appendText(_ text: String, to buffer: inout [UInt8], neutralise: Bool = true) {
        var text = text
        text.withUTF8 { bytes in
            guard let first = bytes.first else { return }
            let prefix =
                neutralise
                && (first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D)
            let quote = bytes.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
            if quote { buffer.append(UInt8(ascii: "\"")) }
            if prefix { buffer.append(UInt8(ascii: "'")) }
            if quote {
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
    }
}
