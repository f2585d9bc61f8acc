import BudgetCore

@testable import BudgetIntake

/// A consumer that keeps everything it is given.
struct CollectingConsumer: LineConsumer {
    var preamble: Preamble?
    var lines: [EstimateLine] = []
    var begins = 0
    var restarts = 0

    mutating func begin(_ preamble: Preamble) {
        self.preamble = preamble
        begins += 1
    }

    mutating func consume(_ line: EstimateLine) { lines.append(line) }

    mutating func restart() {
        restarts += 1
        preamble = nil
        lines = []
    }

    /// Lines in file order (held lines may arrive late).
    var sortedLines: [EstimateLine] { lines.sorted { $0.line < $1.line } }
}

/// A byte source that returns at most `chunk` bytes per read, to test streaming.
struct ChunkedByteSource: ByteSource {
    let bytes: [UInt8]
    let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - offset)
        guard count > 0 else { return 0 }
        for k in 0..<count { buffer[k] = bytes[offset + k] }
        offset += count
        return count
    }
}

/// The result of reading a fixture.
struct ReadResult {
    var report: IntakeReport
    var consumer: CollectingConsumer
    var lines: [EstimateLine] { consumer.sortedLines }
    /// (line, column number, code, variant) of every finding, in report order.
    var findings: [Located] { report.findings.map { Located($0) } }
    var codes: [String] { report.findings.map { $0.code.rawValue } }

    func findings(_ code: FindingCode) -> [Finding] { report.findings.filter { $0.code == code } }
}

struct Located: Hashable, CustomStringConvertible {
    var line: Int?
    var column: Int?
    var code: String
    var variant: String

    init(_ line: Int?, _ column: Int?, _ code: FindingCode, _ variant: String = "") {
        self.line = line
        self.column = column
        self.code = code.rawValue
        self.variant = variant
    }

    init(_ finding: Finding) {
        self.init(finding.line, finding.columnNumber, finding.code, finding.variant)
    }

    var description: String {
        "(\(line.map(String.init) ?? "-"), \(column.map(String.init) ?? "-"), \(code)\(variant.isEmpty ? "" : "/" + variant))"
    }
}

enum Fixture {
    static func read(
        _ text: String, chunk: Int = .max, encoding: SourceEncoding? = nil, limits: IntakeLimits = IntakeLimits(),
        keepsLineText: Bool = true, keepsFileOrder: Bool = false
    ) -> ReadResult {
        read(
            bytes: Array(text.utf8), chunk: chunk, encoding: encoding, limits: limits, keepsLineText: keepsLineText,
            keepsFileOrder: keepsFileOrder)
    }

    static func read(
        bytes: [UInt8], chunk: Int = .max, encoding: SourceEncoding? = nil, limits: IntakeLimits = IntakeLimits(),
        keepsLineText: Bool = true, keepsFileOrder: Bool = false
    ) -> ReadResult {
        var consumer = CollectingConsumer()
        let options = IntakeOptions(
            fileName: "test.csv", requestedEncoding: encoding, limits: limits, keepsLineText: keepsLineText,
            keepsFileOrder: keepsFileOrder)
        do {
            let report = try SubmissionReader.read(
                open: { ChunkedByteSource(bytes, chunk: chunk) }, options: options, into: &consumer)
            return ReadResult(report: report, consumer: consumer)
        } catch {
            return ReadResult(
                report: IntakeReport(findings: [Finding(FindingCode(rawValue: "thrown"))]), consumer: consumer)
        }
    }

    /// The template's header.
    static let header = "STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú"
}

/// Scans `text` with `separator` and returns the records' fields as strings.
func scanRecords(
    _ text: String, separator: UInt8 = 0x2C, chunk: Int = .max, limits: IntakeLimits = IntakeLimits()
) -> (records: [[String]], lines: [Int], issues: [CSVIssue], stop: (limit: CSVLimit?, line: Int)?) {
    struct Sink: CSVRecordSink {
        var records: [[String]] = []
        var lines: [Int] = []
        var issues: [CSVIssue] = []
        mutating func record(_ record: CSVRecord) -> Bool {
            records.append((0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) })
            lines.append(record.line)
            issues += record.issues
            return true
        }
    }
    var sink = Sink()
    var scanner = CSVScanner(separator: separator, limits: limits)
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + min(chunk, bytes.count))
        bytes[offset..<end].withUnsafeBufferPointer { scanner.feed($0, into: &sink) }
        offset = end
    }
    scanner.finish(into: &sink)
    return (sink.records, sink.lines, sink.issues, scanner.stoppedBy)
}
