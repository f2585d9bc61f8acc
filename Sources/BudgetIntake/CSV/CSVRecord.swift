/// One record as the scanner hands it over: fields as byte ranges into a reused buffer.
///
/// A view, valid only during the ``CSVRecordSink/record(_:)`` call that receives it: the
/// scanner reuses the memory for the next record, so that scanning allocates nothing per
/// record. Fields point either into the scanner's record buffer or, for a record without
/// quotes that lies within one chunk, straight into the input (no copy). Fields hold the bytes as they are meant (quotes removed, doubled quotes
/// collapsed), untrimmed.
struct CSVRecord {
    /// The physical line where the record starts, 1-based (a record spanning lines
    /// reports its first).
    let line: Int
    /// The number of fields, at least 1.
    let count: Int
    /// What was wrong with the record's quoting, in the order noticed.
    let issues: UnsafeBufferPointer<CSVIssue>
    private let bytes: UnsafePointer<UInt8>
    private let starts: UnsafePointer<Int>
    private let ends: UnsafePointer<Int>

    init(
        line: Int, count: Int, issues: UnsafeBufferPointer<CSVIssue>, bytes: UnsafePointer<UInt8>,
        starts: UnsafePointer<Int>, ends: UnsafePointer<Int>
    ) {
        self.line = line
        self.count = count
        self.issues = issues
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
    }

    /// The bytes of field `index` (0-based); empty for an index past the last field.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 && index < count else { return UnsafeBufferPointer(start: bytes, count: 0) }
        return UnsafeBufferPointer(start: bytes + starts[index], count: ends[index] - starts[index])
    }
}

/// A quoting problem the scanner noticed and recovered from.
struct CSVIssue: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A `"` inside a field that did not start with one: kept as a literal quote.
        case quoteInUnquotedField
        /// A quote opened and never closed: the field runs to the end of the input.
        case unterminatedQuote
        /// Characters after a field's closing quote: kept, appended to the field.
        case textAfterClosingQuote
    }
    var kind: Kind
    /// The field's 0-based index in its record.
    var field: Int
    /// The physical line to report: the record's first line, or where the quote opened.
    var line: Int
}

/// Receives records from a ``CSVScanner``.
protocol CSVRecordSink {
    /// Handles one record; returns `false` to stop the scan (nothing more is read).
    mutating func record(_ record: CSVRecord) -> Bool
}

/// A limit of ``IntakeLimits`` that stopped a scan.
enum CSVLimit: Hashable, Sendable {
    case fieldSize
    case columns
    case rows
}
