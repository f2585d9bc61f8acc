/// Writes a ``TableSheet`` as a JSON array of objects, one per row, streaming.
///
/// `[{"key": value, …}, …]` with the caller's keys in column order, one object per line.
/// Text becomes a string, amounts and integers JSON integers, decimals JSON numbers written
/// exactly ("2.5"), empty cells `null`.
public enum JSONArrayWriter {
    /// Writes the array and returns the number of rows.
    ///
    /// - Parameter keys: one key per column, distinct (camelCase, never renamed once
    ///   released: scripts depend on them).
    /// - Throws: ``JSONArrayError`` if the keys do not fit the columns; row-source and
    ///   output errors pass through.
    @discardableResult
    public static func write<Rows: RowSource>(
        _ sheet: TableSheet<Rows>, keys: [String], to output: inout some ByteOutput
    ) throws -> Int {
        guard keys.count == sheet.columns.count else {
            throw JSONArrayError.keysDoNotMatchColumns(keys: keys.count, columns: sheet.columns.count)
        }
        var seen: Set<String> = []
        for key in keys where !seen.insert(key).inserted { throw JSONArrayError.duplicateKey(key) }
        let quotedKeys: [[UInt8]] = keys.map { key in
            var bytes: [UInt8] = []
            JSONText.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
        var buffer: [UInt8] = [UInt8(ascii: "[")]
        buffer.reserveCapacity(flushThreshold + 4096)
        var rows = sheet.rows
        var count = 0
        while let row = try rows.nextRow(columns: keys.count, sheet: sheet.name, number: count + 1) {
            buffer.append(contentsOf: count == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            count += 1
            buffer.append(UInt8(ascii: "{"))
            for (index, cell) in row.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: quotedKeys[index])
                switch cell {
                case .empty: buffer.append(contentsOf: "null".utf8)
                case let .text(text): JSONText.appendQuoted(text, to: &buffer)
                case let .integer(value), let .amount(value): NumberText.appendInteger(value, to: &buffer)
                case let .decimal(mantissa, scale):
                    NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &buffer)
                case let .dateTime(moment): JSONText.appendQuoted(moment.iso8601, to: &buffer)
                }
            }
            buffer.append(UInt8(ascii: "}"))
            if buffer.count >= flushThreshold {
                try output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: count == 0 ? [UInt8(ascii: "]"), 0x0A] : [0x0A, UInt8(ascii: "]"), 0x0A])
        try output.write(buffer)
        return count
    }

    static let flushThreshold = 64 * 1024
}

/// Keys that cannot name a table's columns.
public enum JSONArrayError: Error, Equatable, Sendable, CustomStringConvertible {
    case keysDoNotMatchColumns(keys: Int, columns: Int)
    case duplicateKey(String)

    public var description: String {
        switch self {
        case let .keysDoNotMatchColumns(keys, columns): return "\(keys) JSON keys for \(columns) columns"
        case let .duplicateKey(key): return "duplicate JSON key \"\(key)\""
        }
    }
}
