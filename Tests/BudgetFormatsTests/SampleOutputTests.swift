import Foundation
import Testing

@testable import BudgetFormats

/// Writes sample outputs to `$BUDGET_FORMATS_SAMPLES` for inspection with real clients
/// (`.ci/verify-xlsx`, a browser). Does nothing unless the variable is set.
@Suite("Sample outputs")
struct SampleOutputTests {
    static let directory = ProcessInfo.processInfo.environment["BUDGET_FORMATS_SAMPLES"]

    @Test("write the sample workbook with one expected CSV per sheet")
    func workbook() throws {
        guard let directory = Self.directory else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let sheets = SampleData.sheets()
        let sink = try FileSink(path: directory + "/sample.xlsx", mode: .replace)
        var xlsx = XLSXWriter(sink: sink, options: XLSXWriterTests.options)
        for (index, sheet) in sheets.enumerated() {
            try xlsx.addSheet(TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows))
            let csv = try FileSink(path: directory + "/sample-\(index + 1).csv", mode: .replace)
            var output = csv
            try CSVWriter.write(TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows), to: &output)
            try csv.finish()
        }
        try xlsx.finish()
        try sink.finish()
    }
}

enum SampleData {
    struct Sheet {
        var name: String
        var columns: [TableColumn]
        var rows: [[Cell]]
    }

    static let extraTexts = ProcessInfo.processInfo.environment["BUDGET_FORMATS_SAMPLE_EXTRA"].map {
        $0.split(separator: "|").map(String.init)
    } ?? []

    static func sheets() -> [Sheet] {
        let texts = XLSXWriterTests.tricky + extraTexts
        var agencies: [[Cell]] = []
        for (index, text) in texts.enumerated() {
            agencies.append([
                .integer(Int64(index + 1)), .text("DV\(index)"), .text(text), .decimal(mantissa: 25, scale: 1),
                .amount(150_000_000 * Int64(index + 1)),
            ])
        }
        agencies.append([.empty, .empty, "Tổng cộng", .empty, .amount(-1_234)])
        let matrix = Sheet(
            name: "Ma trận", columns: [TableColumn("Đơn vị")] + (0..<30).map { TableColumn("Cột \($0)", kind: .amount) },
            rows: (0..<5).map { row in [.text("Đơn vị \(row)")] + (0..<30).map { Cell.amount(Int64(row * 1000 + $0)) } })
        return [Sheet(name: "Theo đơn vị", columns: XLSXWriterTests.agencyColumns, rows: agencies), matrix]
    }
}
