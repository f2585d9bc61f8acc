import Foundation
import Testing

@testable import BudgetFormats

/// Writes a large sheet to a file, for measuring time and peak memory in release mode:
///
///     BUDGET_FORMATS_BENCH_ROWS=1000000 BUDGET_FORMATS_BENCH_OUT=/tmp/bench \
///       /usr/bin/time -v .build/release/budgetPackageTests.xctest \
///       --testing-library swift-testing --filter LargeSheetMeasurement
///
/// Skipped (returns at once) unless `BUDGET_FORMATS_BENCH_ROWS` is set; not a timed unit test.
@Suite("Large sheet measurement")
struct LargeSheetMeasurement {
    static let environment = ProcessInfo.processInfo.environment

    static let columns = [
        TableColumn("STT", kind: .integer), TableColumn("Mã đơn vị"), TableColumn("Đơn vị", width: 36),
        TableColumn("Mã nội dung"), TableColumn("Nội dung", width: 48), TableColumn("Đơn vị tính"),
        TableColumn("Số lượng", kind: .decimal), TableColumn("Đơn giá", kind: .amount),
        TableColumn("Thành tiền", kind: .amount), TableColumn("SHA-256 tệp nguồn"), TableColumn("Dòng", kind: .integer),
    ]

    /// A realistic line of the "Chi tiết" sheet, made lazily.
    static func row(_ index: Int) -> [Cell] {
        let agency = index % 37
        return [
            .integer(Int64(index + 1)), .text("DV\(agency)"), .text("Sở Văn hóa, Thể thao và Du lịch số \(agency)"),
            .text("IV.\(index % 9).\(["a", "b", "c"][index % 3])"),
            .text("Cổ động trực quan: pa nô, băng rôn, cờ, áp phích — đợt \(index % 12 + 1)"), .text("cái"),
            .decimal(mantissa: Int64(index % 50 + 1) * 5, scale: 1), .amount(45_000_000),
            .amount(Int64(index % 50 + 1) * 22_500_000),
            .text("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), .integer(Int64(index % 500 + 7)),
        ]
    }

    @Test(
        "write a large XLSX sheet to a file (a measurement)",
        .enabled(
            if: LargeSheetMeasurement.environment["BUDGET_FORMATS_BENCH_ROWS"] != nil,
            "BUDGET_FORMATS_BENCH_ROWS sets the rows"))
    func xlsx() throws {
        let total = try #require(Self.environment["BUDGET_FORMATS_BENCH_ROWS"].flatMap { Int($0) })
        let directory = Self.environment["BUDGET_FORMATS_BENCH_OUT"] ?? NSTemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/large.xlsx"
        let start = Date()
        let sink = try FileSink(path: path, mode: .replace)
        var options = XLSXOptions(created: Date(timeIntervalSince1970: 1_583_802_000))
        if let limit = Self.environment["BUDGET_FORMATS_BENCH_MAX_ROWS"].flatMap(Int.init) {
            options.maxRowsPerSheet = limit
        }
        var xlsx = XLSXWriter(sink: sink, options: options)
        var next = 0
        let report = try xlsx.addSheet(
            TableSheet(name: "Chi tiết", columns: Self.columns) { () -> [Cell]? in
                guard next < total else { return nil }
                defer { next += 1 }
                return Self.row(next)
            })
        try xlsx.finish()
        try sink.finish()
        let seconds = Date().timeIntervalSince(start)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        print(
            "XLSX: \(report.rows) rows in \(report.sheetNames) → \(path), \(size) bytes, \(String(format: "%.2f", seconds)) s"
        )
        #expect(report.rows == total)

        let csvPath = directory + "/large.csv"
        let csvStart = Date()
        let csv = try FileSink(path: csvPath, mode: .replace)
        var output = csv
        var csvNext = 0
        try CSVWriter.write(
            TableSheet(name: "Chi tiết", columns: Self.columns) { () -> [Cell]? in
                guard csvNext < total else { return nil }
                defer { csvNext += 1 }
                return Self.row(csvNext)
            }, to: &output)
        try csv.finish()
        print("CSV: \(total) rows → \(csvPath), \(String(format: "%.2f", Date().timeIntervalSince(csvStart))) s")
    }
}
