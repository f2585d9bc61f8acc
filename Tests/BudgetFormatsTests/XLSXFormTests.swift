import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetFormats

/// Forms: the one place formulas and drop-down lists are written.
@Suite("XLSX forms")
struct XLSXFormTests {
    static let columns = [
        TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã nội dung", width: 12),
        TableColumn("Nội dung", width: 40, wraps: true), TableColumn("Đơn vị tính", width: 10),
        TableColumn("Số lượng", kind: .decimal, width: 10), TableColumn("Đơn giá", kind: .amount, width: 14),
        TableColumn("Thành tiền", kind: .amount, width: 16), TableColumn("Ghi chú", width: 20),
    ]

    /// Key rows, a blank row, the header in row 6, two items and one empty row (7–9), the
    /// total in row 10.
    static func form(source: String = "Danh mục") -> XLSXForm {
        var rows: [[XLSXFormCell]] = [
            [.value("DỰ TOÁN KINH PHÍ")], [.value("Kế hoạch"), .value("kon-tum-2020")],
            [.value("Mã đơn vị"), .value("BAOKT")], [.value("Đơn vị"), .value("Báo Kon Tum")], [],
            columns.map { .value(.text($0.title)) },
        ]
        for (n, code) in ["IV.1.a", "IV.1.b", ""].enumerated() {
            let row = 7 + n
            rows.append([
                code.isEmpty ? .value(.empty) : .value(.integer(Int64(n + 1))), .value(.text(code)), .value(.empty),
                .value(.empty), .value(.empty), .value(.empty),
                .formula(.product(row: row, columns: 4, 5), cached: .empty), .value(.empty),
            ])
        }
        rows.append([
            .value(.empty), .value(.empty), .value("Tổng cộng"), .value(.empty), .value(.empty), .value(.empty),
            .formula(.sum(column: 6, rows: 7...9), cached: .amount(0)),
        ])
        let list = XLSXListValidation(
            column: 1, rows: 7...9, sourceSheet: source, sourceColumn: 0, sourceRows: 2...3,
            promptTitle: "Mã nội dung", prompt: "Chọn một mã trong danh sách",
            errorTitle: "Mã không có trong danh sách",
            error: "Chỉ dùng mã nội dung được giao cho đơn vị.")
        return XLSXForm(name: "Dự toán", columns: columns, rows: rows, headerRow: 6, validations: [list])
    }

    static func workbook(_ form: XLSXForm = form()) throws -> (zip: ZipReader, report: XLSXWorkbookReport) {
        var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options)
        try xlsx.addForm(form)
        try xlsx.addSheet(
            TableSheet(
                name: "Danh mục", columns: [TableColumn("Mã"), TableColumn("Nội dung")],
                rows: [["IV.1.a", "Họp báo"], ["IV.1.b", "Theo dõi"]]))
        let report = try xlsx.finish()
        return (try ZipReader(xlsx.sink.bytes), report)
    }

    @Test("amounts are formulas with a blank cached value, the total a SUM with a cached 0")
    func formulas() throws {
        let (zip, report) = try Self.workbook()
        #expect(report.sheetNames == ["Dự toán", "Danh mục"])
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let cells = SheetCells.parse(sheet)
        #expect(cells["G7"] == "<c s=\"2\" t=\"str\"><f>IF(OR(E7=\"\",F7=\"\"),\"\",E7*F7)</f><v></v></c>")
        #expect(cells["G9"]?.contains("<f>IF(OR(E9=\"\",F9=\"\"),\"\",E9*F9)</f>") == true)
        #expect(cells["G10"] == "<c s=\"2\"><f>SUM(G7:G9)</f><v>0</v></c>")
        #expect(XLSXFormula.sum(column: 6, rows: 7...9).text == "=SUM(G7:G9)")
        #expect(try #require(zip.text("xl/workbook.xml")).contains("<calcPr fullCalcOnLoad=\"1\"/>"))
        #expect(XLSXFormula.product(row: 7, columns: 4, 5).text == "=IF(OR(E7=\"\",F7=\"\"),\"\",E7*F7)")
    }

    @Test("key rows are label and value, the header bold and frozen, every table cell bordered and formatted")
    func layout() throws {
        let (zip, _) = try Self.workbook()
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let cells = SheetCells.parse(sheet)
        #expect(cells["A1"] == "<c s=\"9\" t=\"inlineStr\"><is><t>DỰ TOÁN KINH PHÍ</t></is></c>")
        #expect(cells["A3"] == "<c s=\"9\" t=\"inlineStr\"><is><t>Mã đơn vị</t></is></c>")
        #expect(cells["B3"] == "<c t=\"inlineStr\"><is><t>BAOKT</t></is></c>")
        #expect(cells["A6"] == "<c s=\"1\" t=\"inlineStr\"><is><t>STT</t></is></c>")
        #expect(cells["B7"] == "<c s=\"3\" t=\"inlineStr\"><is><t>IV.1.a</t></is></c>")
        #expect(cells["E7"] == "<c s=\"5\"/>" && cells["F7"] == "<c s=\"2\"/>", "empty input cells are bordered")
        #expect(!sheet.contains("<row r=\"5\""))
        #expect(sheet.contains("<pane ySplit=\"6\" topLeftCell=\"A7\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(
            sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(workbook.contains("<sheet name=\"Dự toán\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(
            workbook.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Dự toán'!$6:$6</definedName>"))
    }

    @Test("the item-code column has a drop-down list of the codes in the list sheet, refusing others")
    func validation() throws {
        let (zip, _) = try Self.workbook()
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(
            sheet.contains(
                "<dataValidations count=\"1\"><dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\""
                    + " showErrorMessage=\"1\" errorTitle=\"Mã không có trong danh sách\""))
        #expect(sheet.contains("sqref=\"B7:B9\"><formula1>'Danh mục'!$A$2:$A$3</formula1></dataValidation>"))
        // ECMA-376 order: sheetData, dataValidations, printOptions, pageMargins, pageSetup.
        let order = [
            "</sheetData>", "<dataValidations", "<printOptions", "<pageMargins", "<pageSetup", "<headerFooter",
        ]
        let positions = order.compactMap { sheet.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test("a list naming a sheet the workbook lacks, or a malformed form, is refused")
    func refused() throws {
        #expect(throws: XLSXError.unknownSheet("Không có")) { try Self.workbook(Self.form(source: "Không có")) }
        var long = Self.form()
        long.rows[7] += [.value("thừa"), .value("thừa")]
        var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options)
        #expect(throws: XLSXError.self) { try xlsx.addForm(long) }
        var header = Self.form()
        header.headerRow = 40
        #expect(throws: XLSXError.self) { try xlsx.addForm(header) }
        var outside = Self.form()
        outside.validations[0].column = 8
        #expect(throws: XLSXError.self) { try xlsx.addForm(outside) }
        var overlapping = Self.form()
        overlapping.merges = [XLSXMerge(row: 2, columns: 0...1), XLSXMerge(row: 2, columns: 1...2)]
        #expect(throws: XLSXError.self) { try xlsx.addForm(overlapping) }
        var single = Self.form()
        single.merges = [XLSXMerge(row: 2, columns: 3...3)]
        #expect(throws: XLSXError.self) { try xlsx.addForm(single) }
        try xlsx.addForm(Self.form())
        try xlsx.addSheet(TableSheet(name: "Danh mục", columns: [TableColumn("Mã")], rows: [["IV.1.a"]]))
        #expect(try xlsx.finish().sheetNames == ["Dự toán", "Danh mục"], "a refused form leaves the writer usable")
    }

    @Test("the same form gives the same bytes")
    func deterministic() throws {
        func bytes() throws -> [UInt8] {
            var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options)
            try xlsx.addForm(Self.form())
            try xlsx.addSheet(TableSheet(name: "Danh mục", columns: [TableColumn("Mã")], rows: [["IV.1.a"]]))
            try xlsx.finish()
            return xlsx.sink.bytes
        }
        #expect(try bytes() == bytes())
    }

    /// Counts the rows a form makes, from any thread.
    final class MadeRows: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() {
            lock.lock()
            count += 1
            lock.unlock()
        }
        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return count
        }
    }

    @Test("rows made as they are written give the bytes of the same rows given whole, each made twice at most")
    func madeRows() throws {
        let whole = Self.form()
        let rows = whole.rows
        let made = MadeRows()
        let streamed = XLSXForm(
            name: whole.name, columns: whole.columns, rowCount: rows.count,
            row: { index in
                made.add()
                return rows[index]
            }, headerRow: whole.headerRow, validations: whole.validations)
        var sheets: [[UInt8]] = []
        for form in [whole, streamed] {
            var xlsx = XLSXWriter(sink: BufferSink(), options: XLSXWriterTests.options)
            let report = try xlsx.addForm(form)
            #expect(report.rows == rows.count - 6)
            try xlsx.addSheet(TableSheet(name: "Danh mục", columns: [TableColumn("Mã")], rows: [["IV.1.a"]]))
            try xlsx.finish()
            sheets.append(xlsx.sink.bytes)
        }
        #expect(sheets[0] == sheets[1])
        // Once to check its length, once to write it: never all kept.
        #expect(made.value == 2 * rows.count)
    }
}
