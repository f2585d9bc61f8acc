import BudgetCore

/// Decoded UTF-8 text → records → rows: holds back the first bytes until the separator
/// is sniffed, then streams every chunk through the scanner into the ``RowReader``.
///
/// The sniffer sees exactly the first ``sampleSize`` bytes (or the whole text if
/// shorter), however the input was chunked, so the result never depends on read sizes.
struct TableReader {
    static var sampleSize: Int { 64 << 10 }

    var rows: RowReader
    private(set) var scanner: CSVScanner?
    private var sample: [UInt8] = []
    private let limits: IntakeLimits

    init(limits: IntakeLimits) {
        rows = RowReader()
        self.limits = limits
    }

    /// Whether reading has stopped (a limit, or the table cannot be read further).
    var isStopped: Bool { scanner?.isStopped ?? false }

    /// The physical line the scanner has reached, 1-based.
    var currentLine: Int { scanner?.line ?? 1 }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        if scanner != nil {
            scanner?.feed(chunk, into: &rows)
            return
        }
        if sample.isEmpty && chunk.count >= TableReader.sampleSize {
            start(sniffing: UnsafeBufferPointer(rebasing: chunk[..<TableReader.sampleSize]), isWholeInput: false)
            scanner?.feed(chunk, into: &rows)
            return
        }
        sample.append(contentsOf: chunk)
        if sample.count >= TableReader.sampleSize { startWithSample(isWholeInput: false) }
    }

    /// Ends the text. `complete` is false when reading stopped early (a limit, an
    /// unreadable byte): the record cut short is then dropped rather than read.
    mutating func finish(complete: Bool) {
        if scanner == nil { startWithSample(isWholeInput: complete) }
        if complete { scanner?.finish(into: &rows) }
        if let stop = scanner?.stoppedBy, let limit = stop.limit { reportLimit(limit, line: stop.line) }
        rows.finish()
    }

    private mutating func startWithSample(isWholeInput: Bool) {
        let bytes = sample
        sample = []
        bytes.withUnsafeBufferPointer { all in
            let head = UnsafeBufferPointer(rebasing: all[..<min(all.count, TableReader.sampleSize)])
            start(sniffing: head, isWholeInput: isWholeInput && all.count <= TableReader.sampleSize)
            scanner?.feed(all, into: &rows)
        }
    }

    private mutating func start(sniffing head: UnsafeBufferPointer<UInt8>, isWholeInput: Bool) {
        let separator = SeparatorSniffer.sniff(head, isWholeInput: isWholeInput)
        rows.report.separator = Unicode.Scalar(separator)
        scanner = CSVScanner(separator: separator, limits: limits)
    }

    private mutating func reportLimit(_ limit: CSVLimit, line: Int) {
        switch limit {
        case .fieldSize:
            if let open = scanner?.openQuoteLine, open < currentLine {
                rows.report.findings.append(Finding(.malformedCSV, line: open, variant: "unterminated"))
            }
            rows.report.findings.append(
                Finding(
                    .limitExceeded, line: line, variant: "field-size",
                    arguments: ["limit": String(limits.maxFieldBytes)]))
        case .columns:
            rows.report.findings.append(
                Finding(
                    .limitExceeded, line: line, value: String(limits.maxColumns + 1), variant: "columns",
                    arguments: ["limit": String(limits.maxColumns)]))
        case .rows:
            rows.report.findings.append(
                Finding(.limitExceeded, line: line, variant: "rows", arguments: ["limit": String(limits.maxRows)]))
        }
    }
}
