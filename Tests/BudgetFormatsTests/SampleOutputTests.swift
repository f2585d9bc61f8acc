import Foundation
import Testing

@testable import BudgetFormats

/// Writes sample outputs to `$BUDGET_FORMATS_SAMPLES` for inspection with real clients
/// (`.ci/verify-xlsx`, a browser). Does nothing unless the variable is set.
@Suite("Sample outputs")
struct SampleOutputTests {
    static let directory = ProcessInfo.processInfo.environment["BUDGET_FORMATS_SAMPLES"]

    @Test(
        "write the sample workbook with one expected CSV per sheet",
        .enabled(if: SampleOutputTests.directory != nil, "BUDGET_FORMATS_SAMPLES names the folder"))
    func workbook() throws {
        let directory = try #require(Self.directory)
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

    static let extraTexts =
        ProcessInfo.processInfo.environment["BUDGET_FORMATS_SAMPLE_EXTRA"].map {
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
            name: "Ma trận",
            columns: [TableColumn("Đơn vị")] + (0..<30).map { TableColumn("Cột \($0)", kind: .amount) },
            rows: (0..<5).map { row in [.text("Đơn vị \(row)")] + (0..<30).map { Cell.amount(Int64(row * 1000 + $0)) } }
        )
        return [Sheet(name: "Theo đơn vị", columns: XLSXWriterTests.agencyColumns, rows: agencies), matrix]
    }
}

extension SampleOutputTests {
    @Test(
        "write sample HTML, Markdown and JSON documents",
        .enabled(if: SampleOutputTests.directory != nil, "BUDGET_FORMATS_SAMPLES names the folder"))
    func documents() throws {
        let directory = try #require(Self.directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let sheet = SampleData.sheets()[0]
        let table = TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows)

        let html = try FileSink(path: directory + "/sample-table.html", mode: .replace)
        var output = html
        try HTMLTableWriter.write(
            table, document: HTMLDocument(title: "Tổng hợp dự toán theo đơn vị"),
            lead: ["Kế hoạch tuyên truyền đại hội đảng bộ các cấp", "(Đơn vị tính: đồng)"], to: &output)
        try html.finish()

        let template = try Template(
            """
            <p class="lead">Kính gửi: {{noi_nhan}}</p>
            <h1>Tờ trình</h1>
            <p>Tổng kinh phí: <b>{{tong}}</b> đồng ({{bang_chu}}).</p>
            {{#thieu}}
            <p>Đơn vị chưa gửi:</p>
            <ul>
              {{#don_vi}}
              <li>{{ten}}</li>
              {{/don_vi}}
            </ul>
            {{/thieu}}
            {{{bieu_do}}}
            {{{bang}}}
            """, name: "to-trinh.html")
        let chart = SVGBarChart(
            bars: sheet.rows.compactMap { row in
                guard case let .text(name) = row[2], case let .amount(value) = row[4] else { return nil }
                return (label: name, value: value)
            }, width: 640, title: "Kinh phí theo đơn vị")
        let body = try template.render([
            "noi_nhan": "Sở Tài chính", "tong": .text(NumberText.grouped(8_250_000_000)),
            "bang_chu": "Tám tỷ hai trăm năm mươi triệu đồng",
            "thieu": true, "don_vi": .list([["ten": "Báo Kon Tum"], ["ten": "Đài Phát thanh <và> Truyền hình"]]),
            "bieu_do": .raw(chart.render()), "bang": .raw(try HTMLTableWriter.fragment(table)),
        ])
        try HTMLDocument(title: "Tờ trình").page(body: body)
            .write(toFile: directory + "/sample-memo.html", atomically: true, encoding: .utf8)

        var markdown = BufferSink()
        try MarkdownTableWriter.write(
            TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows), to: &markdown)
        try Data(markdown.bytes).write(to: URL(fileURLWithPath: directory + "/sample.md"))
        var json = BufferSink()
        try JSONArrayWriter.write(
            TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows),
            keys: ["no", "agencyCode", "agency", "quantity", "amount"], to: &json)
        try Data(json.bytes).write(to: URL(fileURLWithPath: directory + "/sample.json"))
    }
}

/// The sample workbook through `.ci/verify-xlsx` (zipfile, openpyxl, LibreOffice), when
/// those clients are installed; reported as skipped otherwise (never as passed).
@Suite("Real clients")
struct RealClientTests {
    @Test(
        "the sample workbook passes .ci/verify-xlsx against the CSV of each sheet",
        .enabled(
            if: External.hasOpenpyxl && External.hasLibreOffice,
            "needs openpyxl and LibreOffice (.ci/xlsx-readers runs them)"))
    func verifyScript() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/verify-xlsx").path
        try #require(FileManager.default.isExecutableFile(atPath: script), "the script ships with the repository")
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var arguments = [directory + "/sample.xlsx"]
        var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options)
        for (index, sheet) in SampleData.sheets().enumerated() {
            try xlsx.addSheet(TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows))
            let csv = try CSVWriter.bytes(TableSheet(name: sheet.name, columns: sheet.columns, rows: sheet.rows))
            let path = directory + "/sheet-\(index + 1).csv"
            try Data(csv).write(to: URL(fileURLWithPath: path))
            arguments.append(path)
        }
        try xlsx.finish()
        try Data(xlsx.sink.bytes).write(to: URL(fileURLWithPath: arguments[0]))
        let result = try External.run(script, arguments)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        #expect(result.output.contains("LibreOffice: sheet 'Theo đơn vị' matches"))
        #expect(result.output.hasSuffix("verify-xlsx: OK\n"))
    }
}
