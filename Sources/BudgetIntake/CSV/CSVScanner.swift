/// A byte-level CSV scanner in the style of csv-core: a state machine that never fails
/// and allocates nothing per record.
///
/// Feed it UTF-8 bytes in chunks of any size (a record may span chunks); it hands each
/// complete record to a ``CSVRecordSink``. RFC 4180 quoting: a field that starts with `"`
/// may hold separators, line breaks and doubled quotes (`""` → `"`). Lines end in CR, LF
/// or CRLF; `line` counts physical lines from 1, and a record reports the line it starts
/// on. Blank lines are skipped (they are not records).
///
/// Malformed quoting is recovered from, never fatal, and recorded in the record's
/// ``CSVRecord/issues``: a quote inside an unquoted field is kept as a character; text
/// after a closing quote is kept and appended; a quote never closed runs to the end.
///
/// Memory is bounded by ``IntakeLimits``: the scan stops at the first field longer than
/// `maxFieldBytes`, record wider than `maxColumns`, or record beyond `maxRows`, and
/// ``stoppedBy`` says which.
///
/// Complexity: O(n) in the bytes fed; unquoted and quoted runs are found eight bytes at
/// a time (``ByteSearch``) and copied in bulk.
struct CSVScanner {
    private enum State: UInt8 {
        case recordStart, fieldStart, unquoted, quoted, quoteInQuoted, afterQuote
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22

    let separator: UInt8
    let limits: IntakeLimits

    private let storage: RecordStorage
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var endCapacity: Int
    private var length = 0
    private var fieldCount = 0
    private var fieldStart = 0
    private var fieldHasIssue = false
    private var state = State.recordStart
    private var afterCR = false
    private var issues: [CSVIssue] = []

    /// The current physical line, 1-based.
    private(set) var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    /// The number of records started so far.
    private(set) var recordCount = 0
    /// Why the scan stopped early: a limit (with the line of the record concerned), or
    /// the sink's request (`nil` limit).
    private(set) var stoppedBy: (limit: CSVLimit?, line: Int)?

    init(separator: UInt8, limits: IntakeLimits) {
        self.separator = separator
        self.limits = limits
        storage = RecordStorage()
        bytes = storage.bytes
        byteCapacity = storage.byteCapacity
        starts = storage.starts
        ends = storage.ends
        endCapacity = storage.endCapacity
    }

    /// Whether the scan has stopped (a limit, or the sink asked); further input is ignored.
    var isStopped: Bool { stoppedBy != nil }

    /// The line where a still-open quote started, if the scanner is inside quotes.
    var openQuoteLine: Int? { state == .quoted ? quoteLine : nil }

    /// Scans `chunk`, handing every record it completes to `sink`.
    mutating func feed<S: CSVRecordSink>(_ chunk: UnsafeBufferPointer<UInt8>, into sink: inout S) {
        guard stoppedBy == nil, let base = chunk.baseAddress, chunk.count > 0 else { return }
        let n = chunk.count
        var i = 0
        if afterCR {
            afterCR = false
            if base[0] == CSVScanner.lf {
                // The LF of a CRLF split across chunks: the line was already counted.
                if state == .quoted {
                    var lf = CSVScanner.lf
                    guard append(&lf, 1) else { return }
                }
                i = 1
            }
        }
        let separatorPattern = ByteSearch.Pattern(separator)
        let quotePattern = ByteSearch.Pattern(CSVScanner.quote)
        let crPattern = ByteSearch.Pattern(CSVScanner.cr)
        let lfPattern = ByteSearch.Pattern(CSVScanner.lf)
        let controls = ByteSearch.Pattern(0x0D)
        while i < n {
            switch state {
            case .recordStart:
                let byte = base[i]
                if byte == CSVScanner.lf {
                    line += 1
                    i += 1
                    continue
                }
                if byte == CSVScanner.cr {
                    line += 1
                    i += 1
                    if i < n {
                        if base[i] == CSVScanner.lf { i += 1 }
                    } else {
                        afterCR = true
                    }
                    continue
                }
                if recordCount >= limits.maxRows {
                    stoppedBy = (.rows, line)
                    return
                }
                recordCount += 1
                recordLine = line
                let next = plainRecord(
                    base, from: i, end: n, separatorPattern, quotePattern, crPattern, lfPattern, controls, into: &sink)
                if next < 0 {
                    state = .fieldStart  // quotes, or the record runs past the chunk
                } else {
                    i = next
                    if stoppedBy != nil { return }
                }

            case .fieldStart:
                if base[i] == CSVScanner.quote {
                    state = .quoted
                    quoteLine = line
                    i += 1
                } else {
                    state = .unquoted
                }

            case .unquoted, .afterQuote:
                let start = i
                i = ByteSearch.firstOf4(base, from: i, end: n, separatorPattern, quotePattern, crPattern, lfPattern)
                if i > start {
                    guard append(base + start, i - start) else { return }
                }
                if i == n { break }
                let byte = base[i]
                i += 1
                if byte == separator {
                    guard endField() else { return }
                    state = .fieldStart
                } else if byte == CSVScanner.lf || byte == CSVScanner.cr {
                    guard endField() else { return }
                    line += 1
                    if byte == CSVScanner.cr {
                        if i < n {
                            if base[i] == CSVScanner.lf { i += 1 }
                        } else {
                            afterCR = true
                        }
                    }
                    state = .recordStart
                    guard emit(into: &sink) else { return }
                } else {
                    if state == .unquoted && !fieldHasIssue {
                        issues.append(CSVIssue(kind: .quoteInUnquotedField, field: fieldCount, line: recordLine))
                        fieldHasIssue = true
                    }
                    guard append(base + i - 1, 1) else { return }
                }

            case .quoted:
                let start = i
                i = ByteSearch.firstOf4(base, from: i, end: n, quotePattern, quotePattern, crPattern, lfPattern)
                if i > start {
                    guard append(base + start, i - start) else { return }
                }
                if i == n { break }
                let byte = base[i]
                i += 1
                if byte == CSVScanner.quote {
                    state = .quoteInQuoted
                    continue
                }
                guard append(base + i - 1, 1) else { return }
                line += 1
                if byte == CSVScanner.cr {
                    if i < n {
                        if base[i] == CSVScanner.lf {
                            guard append(base + i, 1) else { return }
                            i += 1
                        }
                    } else {
                        afterCR = true
                    }
                }

            case .quoteInQuoted:
                let byte = base[i]
                if byte == CSVScanner.quote {
                    guard append(base + i, 1) else { return }
                    state = .quoted
                    i += 1
                } else {
                    if byte != separator && byte != CSVScanner.lf && byte != CSVScanner.cr && !fieldHasIssue {
                        issues.append(CSVIssue(kind: .textAfterClosingQuote, field: fieldCount, line: recordLine))
                        fieldHasIssue = true
                    }
                    state = .afterQuote
                }
            }
        }
    }

    /// Ends the input: completes the last record (a quote still open is reported as
    /// unterminated, at the line where it opened).
    mutating func finish<S: CSVRecordSink>(into sink: inout S) {
        guard stoppedBy == nil else { return }
        switch state {
        case .recordStart:
            return
        case .quoted:
            issues.append(CSVIssue(kind: .unterminatedQuote, field: fieldCount, line: quoteLine))
        default:
            break
        }
        guard endField() else { return }
        state = .recordStart
        _ = emit(into: &sink)
    }

    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if length - fieldStart + count > limits.maxFieldBytes {
            stoppedBy = (.fieldSize, recordLine)
            return false
        }
        if length + count > byteCapacity {
            storage.growBytes(to: length + count, keeping: length)
            bytes = storage.bytes
            byteCapacity = storage.byteCapacity
        }
        (bytes + length).update(from: source, count: count)
        length += count
        return true
    }

    @inline(__always)
    private mutating func endField() -> Bool {
        if fieldCount >= limits.maxColumns {
            stoppedBy = (.columns, recordLine)
            return false
        }
        if fieldCount >= endCapacity { growEnds() }
        starts[fieldCount] = fieldStart
        ends[fieldCount] = length
        fieldCount += 1
        fieldStart = length
        fieldHasIssue = false
        return true
    }

    private mutating func growEnds() {
        storage.growEnds(to: fieldCount + 1, keeping: fieldCount)
        starts = storage.starts
        ends = storage.ends
        endCapacity = storage.endCapacity
    }

    /// The fast path for the common record: ending within this chunk, with quoted fields
    /// (if any) that hold no line break, no doubled quote and nothing after the closing
    /// quote. Fields are found eight bytes at a time and handed over as ranges of the chunk
    /// itself, without copying. Returns the index after the record's line break, or -1
    /// (nothing consumed) when the record needs the state machine.
    @inline(__always)
    private mutating func plainRecord<S: CSVRecordSink>(
        _ base: UnsafePointer<UInt8>, from start: Int, end n: Int, _ separatorPattern: ByteSearch.Pattern,
        _ quotePattern: ByteSearch.Pattern, _ crPattern: ByteSearch.Pattern, _ lfPattern: ByteSearch.Pattern,
        _ controls: ByteSearch.Pattern, into sink: inout S
    ) -> Int {
        var fieldStart = start
        var count = 0
        // One comparison per field for both the column limit and the room for bounds.
        var fieldLimit = min(limits.maxColumns, endCapacity)
        while true {
            var contentStart = fieldStart
            var contentEnd: Int
            var byte: UInt8
            if fieldStart < n && base[fieldStart] == CSVScanner.quote {
                let close = ByteSearch.firstOf4(
                    base, from: fieldStart + 1, end: n, quotePattern, quotePattern, crPattern, lfPattern)
                guard close + 1 < n, base[close] == CSVScanner.quote else { return -1 }
                byte = base[close + 1]
                guard byte == separator || byte == CSVScanner.lf || byte == CSVScanner.cr else { return -1 }
                contentStart = fieldStart + 1
                contentEnd = close
                fieldStart = close + 1  // the terminator's index, as for an unquoted field
            } else {
                var scan = fieldStart
                while true {
                    let j = ByteSearch.firstCandidate(
                        base, from: scan, end: n, separatorPattern, quotePattern, controls)
                    if j == n { return -1 }
                    byte = base[j]
                    if byte == separator || byte == CSVScanner.lf || byte == CSVScanner.cr {
                        contentEnd = j
                        fieldStart = j
                        break
                    }
                    if byte == CSVScanner.quote { return -1 }
                    scan = j + 1  // a tab or other control byte inside the field
                }
            }
            if count >= fieldLimit {
                if count >= limits.maxColumns {
                    // A field before this one may be too long: that limit was reached first.
                    stoppedBy = (hasLongField(count) ? .fieldSize : .columns, recordLine)
                    return fieldStart
                }
                fieldCount = count
                growEnds()
                fieldCount = 0  // the state machine's count: the fast path keeps its own
                fieldLimit = min(limits.maxColumns, endCapacity)
            }
            starts[count] = contentStart
            ends[count] = contentEnd
            count += 1
            var next = fieldStart + 1
            if byte == separator {
                fieldStart = next
                continue
            }
            // Field lengths, checked once a record: only a record longer than the limit can
            // hold a field longer than it.
            if fieldStart - start > limits.maxFieldBytes && hasLongField(count) {
                stoppedBy = (.fieldSize, recordLine)
                return fieldStart
            }
            line += 1
            if byte == CSVScanner.cr {
                if next < n {
                    if base[next] == CSVScanner.lf { next += 1 }
                } else {
                    afterCR = true
                }
            }
            let goOn = sink.record(
                CSVRecord(
                    line: recordLine, count: count, issues: UnsafeBufferPointer(start: nil, count: 0), bytes: base,
                    starts: starts, ends: ends))
            if !goOn { stoppedBy = (nil, recordLine) }
            return next
        }
    }

    /// Whether one of the first `count` fields of the record (as bounds) is longer than
    /// `maxFieldBytes`.
    private func hasLongField(_ count: Int) -> Bool {
        for index in 0..<count where ends[index] - starts[index] > limits.maxFieldBytes { return true }
        return false
    }

    private mutating func emit<S: CSVRecordSink>(into sink: inout S) -> Bool {
        let goOn = issues.withUnsafeBufferPointer { issues in
            sink.record(
                CSVRecord(
                    line: recordLine, count: fieldCount, issues: issues, bytes: bytes, starts: starts, ends: ends))
        }
        length = 0
        fieldCount = 0
        fieldStart = 0
        if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
        if !goOn { stoppedBy = (nil, recordLine) }
        return goOn
    }
}
