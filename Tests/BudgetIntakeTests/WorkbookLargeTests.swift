import BudgetCore
import BudgetFormats
import Foundation
import Testing

@testable import BudgetIntake

/// A million cells (125 000 rows × 8 columns), written by our own XLSX writer, read within
/// the limits — and timed. `BUDGET_WORKBOOK_BENCH_OUT=DIR` also writes the workbook and
/// the same table as CSV there, for measuring `budget check` on both in release mode.
@Suite("Workbooks: a large sheet")
struct WorkbookLargeTests {
    static let rows = 125_000

    static let columns = [
        TableColumn("STT", kind: .integer), TableColumn("Mã nội dung"), TableColumn("Nội dung", width: 48),
        TableColumn("Đơn vị tính"), TableColumn("Số lượng", kind: .integer), TableColumn("Đơn giá", kind: .amount),
        TableColumn("Thành tiền", kind: .amount), TableColumn("Ghi chú"),
    ]

    static let codes = ["IV.5.a", "IV.5.b", "IV.5.d"]

    /// Row `index` of the table: every cell filled.
    static func row(_ index: Int) -> [Cell] {
        let quantity = Int64(index % 20 + 1)
        let price = Int64(index % 7 + 1) * 1_500_000
        return [
            .integer(Int64(index + 1)), .text(codes[index % 3]),
            .text("Tin, bài, ảnh phản ánh hoạt động trước, trong và sau Đại hội — bài \(index + 1)"),
            .text(["bài", "kỳ", "cuốn"][index % 3]), .integer(quantity), .amount(price), .amount(quantity * price),
            .text("đợt \(index % 12 + 1)"),
        ]
    }

    static var expectedSum: Int64 {
        (0..<rows).reduce(0) { $0 + Int64($1 % 20 + 1) * Int64($1 % 7 + 1) * 1_500_000 }
    }

    /// The CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func workbook() throws -> [UInt8] {
        var writer = XLSXWriter(
            sink: BufferSink(reservingCapacity: 8 << 20),
            options: XLSXOptions(created: Date(timeIntervalSince1970: 1_583_802_000)))
        var next = 0
        try writer.addSheet(
            TableSheet(name: "Dự toán", columns: columns) { () -> [Cell]? in
                guard next < rows else { return nil }
                defer { next += 1 }
                return row(next)
            })
        try writer.finish()
        return writer.sink.bytes
    }

    @Test(
        "a 1 000 000-cell workbook reads within the limits, every line and the sum right, in seconds even unoptimised")
    func millionCells() throws {
        let bytes = try Self.workbook()
        var result: ReadResult?
        // The reader's own CPU time (one thread, synchronous): tests run side by side, and
        // wall time on a loaded machine says little.
        let start = Self.threadCPUSeconds()
        result = WorkbookFixture.read(bytes, keepsLineText: false)
        let seconds = Self.threadCPUSeconds() - start
        let read = try #require(result)
        #expect(read.report.encoding == "xlsx")
        #expect(read.codes == [])
        #expect(read.report.lineCount == Self.rows)
        #expect(read.report.lineSum == Money(dong: Self.expectedSum))
        #expect(read.lines.last?.line == Self.rows + 1)
        print(
            "workbook: 1 000 000 cells (\(bytes.count >> 10) KiB) read in \(String(format: "%.2f", seconds)) s of CPU")
        #expect(seconds < 40)

        if let directory = ProcessInfo.processInfo.environment["BUDGET_WORKBOOK_BENCH_OUT"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/large.xlsx"))
            var csv = Self.columns.map(\.title).joined(separator: ",") + "\r\n"
            for index in 0..<Self.rows {
                csv +=
                    Self.row(index).map { cell -> String in
                        switch cell {
                        case .text(let text): return text.contains(",") ? "\"\(text)\"" : text
                        case .integer(let value), .amount(let value): return String(value)
                        default: return ""
                        }
                    }.joined(separator: ",") + "\r\n"
            }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: directory + "/large.csv"))
        }
    }
}
