import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetFormats

@Suite("XLSX writer")
struct XLSXWriterTests {
    static let created = Date(timeIntervalSince1970: 1_583_802_000)  // 2020-03-10T01:00:00Z
    static let options = XLSXOptions(
        created: created, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current,
        title: "Tổng hợp dự toán", author: "Sở Thông tin và Truyền thông")

    static let agencyColumns = [
        TableColumn("STT", kind: .integer), TableColumn("Mã đơn vị", width: 12), TableColumn("Đơn vị", width: 40),
        TableColumn("Số lượng", kind: .decimal), TableColumn("Thành tiền (đồng)", kind: .amount),
    ]

    /// Texts that must come back exactly as written.
    static let tricky: [String] = [
        "Sở Văn hóa, Thể thao và Du lịch", "=1+1", "+84 905 123 456", "-", "@SUM(A1)", "<script>alert(1)</script>",
        "a & b \"c\" 'd'", "  lề hai bên  ", "dòng 1\ndòng 2", "Báo Kon Tum – “90 năm”", "_x0041_ là mã",
        "chuông\u{7}ở giữa", "CR\r\ncuối",
    ]

    static func sampleWorkbook(options: XLSXOptions = options) throws -> (bytes: [UInt8], report: XLSXWorkbookReport) {
        var xlsx = XLSXWriter(sink: BufferSink(), options: options)
        var rows: [[Cell]] = []
        for (index, text) in tricky.enumerated() {
            rows.append([
                .integer(Int64(index + 1)), .text("DV\(index)"), .text(text), .decimal(mantissa: 25, scale: 1),
                .amount(150_000_000 * Int64(index + 1)),
            ])
        }
        rows.append([.empty, .empty, "Tổng cộng", .empty, .amount(-1_234)])
        rows.append([.empty, .empty, .empty, .empty, .amount(9_007_199_254_740_991)])
        try xlsx.addSheet(TableSheet(name: "Theo đơn vị", columns: agencyColumns, rows: rows))
        try xlsx.addSheet(
            TableSheet(
                name: "Ma trận: 2020/03 [nháp]*? với một tên rất dài vượt quá",
                columns: (0..<30).map { TableColumn("Cột \($0)", kind: .amount) },
                rows: [(0..<30).map { Cell.amount(Int64($0)) }]))
        let report = try xlsx.finish()
        return (xlsx.sink.bytes, report)
    }

    @Test("the package holds the parts Excel needs, in the documented order")
    func parts() throws {
        let (bytes, report) = try Self.sampleWorkbook()
        let zip = try ZipReader(bytes)
        #expect(
            zip.entries.map(\.name) == [
                "_rels/.rels", "xl/styles.xml", "docProps/core.xml", "docProps/app.xml", "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
            ])
        #expect(report.sheetNames == ["Theo đơn vị", "Ma trận- 2020-03 -nháp--- với m"])
        #expect(report.sheetNames[1].utf16.count == 31)
        let core = try #require(zip.text("docProps/core.xml"))
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-03-10T01:00:00Z</dcterms:created>"))
        #expect(core.contains("<dc:title>Tổng hợp dự toán</dc:title>"))
        let types = try #require(zip.text("[Content_Types].xml"))
        #expect(types.contains("/xl/worksheets/sheet2.xml"))
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        let cells = SheetCells.parse(sheet)
        #expect(cells["C3"] == "<c s=\"3\" t=\"inlineStr\"><is><t>=1+1</t></is></c>")
        #expect(cells["E2"] == "<c s=\"2\"><v>150000000</v></c>")
        #expect(sheet.contains("<t xml:space=\"preserve\">  lề hai bên  </t>"))
        #expect(cells["A1"] == "<c s=\"1\" t=\"inlineStr\"><is><t>STT</t></is></c>")
        let wide = try #require(zip.text("xl/worksheets/sheet2.xml"))
        #expect(SheetCells.parse(wide)["AD2"] == "<c s=\"2\"><v>29</v></c>")
    }

    @Test("every part is deflated by default, stored on request, with the same XML either way")
    func compression() throws {
        let deflated = try ZipReader(try Self.sampleWorkbook().bytes)
        #expect(deflated.entries.allSatisfy { $0.method == 8 })
        var options = Self.options
        options.compression = .stored
        let stored = try ZipReader(try Self.sampleWorkbook(options: options).bytes)
        #expect(stored.entries.allSatisfy { $0.method == 0 })
        #expect(stored.entries.map(\.data) == deflated.entries.map(\.data))
        options = Self.options
        options.compressesInBackground = false
        #expect(try Self.sampleWorkbook(options: options).bytes == Self.sampleWorkbook().bytes, "same bytes in line")
    }

    @Test("every cell of a row is written in order with its style, empty ones too; references only when asked")
    func cellReferences() throws {
        let (bytes, _) = try Self.sampleWorkbook()
        let sheet = try #require(try ZipReader(bytes).text("xl/worksheets/sheet1.xml"))
        #expect(
            sheet.contains("<row r=\"2\"><c s=\"5\"><v>1</v></c><c s=\"3\" t=\"inlineStr\"><is><t>DV0</t></is></c>"))
        // The total row's empty cells are written too (bordered), so no cell needs a reference.
        let total = Self.tricky.count + 2
        #expect(
            sheet.contains(
                "<row r=\"\(total)\"><c s=\"5\"/><c s=\"3\"/><c s=\"3\" t=\"inlineStr\"><is><t>Tổng cộng</t></is></c>"
                    + "<c s=\"5\"/><c s=\"2\"><v>-1234</v></c></row>"))
        var options = Self.options
        options.explicitCellReferences = true
        let explicit = try #require(
            try ZipReader(try Self.sampleWorkbook(options: options).bytes).text("xl/worksheets/sheet1.xml"))
        #expect(
            explicit.contains(
                "<row r=\"2\"><c r=\"A2\" s=\"5\"><v>1</v></c><c r=\"B2\" s=\"3\" t=\"inlineStr\"><is><t>DV0</t></is></c>"
            ))
        #expect(SheetCells.parse(explicit) == SheetCells.parse(sheet), "the same cells either way")
    }

    @Test("no worksheet ever holds a formula element")
    func noFormulas() throws {
        let zip = try ZipReader(try Self.sampleWorkbook().bytes)
        for entry in zip.entries where entry.name.hasPrefix("xl/worksheets/") {
            let text = String(decoding: entry.data, as: UTF8.self)
            #expect(!text.contains("<f>") && !text.contains("<f "), "\(entry.name)")
        }
    }

    @Test("the same input and date give byte-identical workbooks")
    func deterministic() throws {
        #expect(try Self.sampleWorkbook().bytes == Self.sampleWorkbook().bytes)
    }

    @Test(
        "openpyxl reads back numbers as numbers, Vietnamese text intact, formula-looking text as text",
        .enabled(if: External.hasOpenpyxl, "needs python3 with openpyxl (.ci/xlsx-readers installs it)"))
    func openpyxl() throws {
        let directory = try External.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/sample.xlsx"
        try Data(try Self.sampleWorkbook().bytes).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, re, sys, warnings
            warnings.simplefilter("error")
            import openpyxl
            # openpyxl leaves ECMA-376 _xHHHH_ escapes in text; decode them as Excel does.
            xstring = re.compile(r"_x([0-9A-Fa-f]{4})_")
            def shown(v):
                return xstring.sub(lambda m: chr(int(m.group(1), 16)), v) if isinstance(v, str) else v
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames, "rows": {}, "types": {}, "frozen": wb.worksheets[0].freeze_panes,
                   "format": wb.worksheets[0]["E2"].number_format, "bold": wb.worksheets[0]["A1"].font.b,
                   "width": wb.worksheets[0].column_dimensions["C"].width,
                   "title": wb.properties.title}
            for ws in wb.worksheets:
                out["rows"][ws.title] = [[shown(v) for v in r] for r in ws.iter_rows(values_only=True)]
                out["types"][ws.title] = [[c.data_type for c in r] for r in ws.iter_rows()]
            print(json.dumps(out, ensure_ascii=False))
            """
        let result = try External.run("python3", ["-c", script, path])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["Theo đơn vị", "Ma trận- 2020-03 -nháp--- với m"])
        #expect(json["frozen"] as? String == "A2")
        #expect(json["format"] as? String == "#,##0")
        #expect(json["bold"] as? Bool == true)
        #expect(json["width"] as? Double == 40)
        #expect(json["title"] as? String == "Tổng hợp dự toán")
        let rows = try #require((json["rows"] as? [String: Any])?["Theo đơn vị"] as? [[Any]])
        #expect(rows.count == 1 + Self.tricky.count + 2)
        #expect(rows[0].compactMap { $0 as? String } == Self.agencyColumns.map(\.title))
        for (index, text) in Self.tricky.enumerated() {
            let row = rows[index + 1]
            #expect(row[0] as? Int == index + 1)
            #expect(row[2] as? String == text)
            #expect(row[3] as? Double == 2.5)
            #expect(row[4] as? Int == 150_000_000 * (index + 1))
        }
        #expect(rows[Self.tricky.count + 1][4] as? Int == -1_234)
        #expect(rows[Self.tricky.count + 2][4] as? Int == 9_007_199_254_740_991)
        let types = try #require((json["types"] as? [String: Any])?["Theo đơn vị"] as? [[String]])
        #expect(!types.joined().contains("f"), "no cell is a formula")
        #expect(types[2][2] == "s", "=1+1 is a string cell")
    }

    @Test("a table longer than the row limit continues on numbered sheets, and the report says so")
    func split() throws {
        var options = Self.options
        options.maxRowsPerSheet = 3
        var xlsx = XLSXWriter(sink: BufferSink(), options: options)
        try xlsx.addSheet(
            TableSheet(name: "Theo đơn vị", columns: [TableColumn("n", kind: .integer)], rows: [[.integer(0)]]))
        let rows = (1...7).map { [Cell.integer(Int64($0))] }
        let report = try xlsx.addSheet(
            TableSheet(name: "Chi tiết", columns: [TableColumn("n", kind: .integer)], rows: rows))
        #expect(report.sheetNames == ["Chi tiết (1)", "Chi tiết (2)", "Chi tiết (3)"])
        #expect(report.rows == 7)
        #expect(report.wasSplit)
        let exact = try xlsx.addSheet(
            TableSheet(name: "Đủ", columns: [TableColumn("n", kind: .integer)], rows: rows.prefix(3)))
        #expect(exact.sheetNames == ["Đủ"])
        let empty = try xlsx.addSheet(TableSheet(name: "Trống", columns: [TableColumn("n")], rows: [[Cell]]()))
        #expect(empty.sheetNames == ["Trống"] && empty.rows == 0)
        let workbook = try xlsx.finish()
        #expect(workbook.sheetCount == 6)
        let zip = try ZipReader(xlsx.sink.bytes)
        let third = try #require(zip.text("xl/worksheets/sheet4.xml"))
        #expect(third.contains("<row r=\"1\">") && third.contains("<row r=\"2\"><c s=\"5\"><v>7</v></c></row>"))
        #expect(SheetCells.parse(third)["A2"] == "<c s=\"5\"><v>7</v></c>")
        #expect(!third.contains("<row r=\"3\""))
        let workbookXML = try #require(zip.text("xl/workbook.xml"))
        #expect(workbookXML.contains("<sheet name=\"Chi tiết (3)\" sheetId=\"4\" r:id=\"rId4\"/>"))
        #expect(
            workbookXML.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"3\">'Chi tiết (3)'!$1:$1</definedName>"))
    }

    @Test(
        "sheet names are made acceptable to Excel",
        arguments: [
            ("Theo đơn vị", "Theo đơn vị"), ("a/b\\c?d*e:f[g]h", "a-b-c-d-e-f-g-h"), ("", "Sheet"), ("  ''  ", "Sheet"),
            ("'quoted'", "quoted"), ("tab\there", "tabhere"),
            (String(repeating: "ệ", count: 40), String(repeating: "ệ", count: 31)),
            (String(repeating: "a", count: 30) + "😀", String(repeating: "a", count: 30)),
        ] as [(String, String)])
    func sheetNames(name: String, sanitized: String) {
        #expect(XLSXSheetName.sanitized(name) == sanitized)
    }

    @Test("sheet names are unique ignoring case, and 'History' is reserved")
    func uniqueNames() throws {
        var xlsx = XLSXWriter(sink: BufferSink(), options: Self.options)
        for name in [
            "Tổng hợp", "TỔNG HỢP", "tổng hợp", "History", String(repeating: "x", count: 31),
            String(repeating: "X", count: 31),
        ] {
            try xlsx.addSheet(TableSheet(name: name, columns: [TableColumn("a")], rows: [[Cell]]()))
        }
        #expect(
            xlsx.sheetNames == [
                "Tổng hợp", "TỔNG HỢP (2)", "tổng hợp (3)", "History (2)", String(repeating: "x", count: 31),
                String(repeating: "X", count: 27) + " (2)",
            ])
    }

    @Test(
        "column letters run A…Z, AA…, up to XFD",
        arguments: [
            (0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD"),
        ]
            as [(Int, String)])
    func columnLetters(index: Int, letters: String) {
        #expect(CellReference.columnLetters(index) == letters)
    }

    @Test("text longer than Excel's cell limit is cut and counted")
    func longText() throws {
        var xlsx = XLSXWriter(sink: BufferSink(), options: Self.options)
        let long = String(repeating: "ầ", count: 40_000)
        let report = try xlsx.addSheet(
            TableSheet(name: "a", columns: [TableColumn("a")], rows: [[.text(long)], ["short"]]))
        #expect(report.truncatedCells == 1)
        try xlsx.finish()
        let sheet = try #require(try ZipReader(xlsx.sink.bytes).text("xl/worksheets/sheet1.xml"))
        #expect(sheet.contains("<t>" + String(repeating: "ầ", count: 32_767) + "</t>"))
    }

    @Test("misuse is reported: no sheets, too many columns, calls after finish")
    func misuse() throws {
        var empty = XLSXWriter(sink: BufferSink(), options: Self.options)
        #expect(throws: XLSXError.noSheets) { try empty.finish() }
        var wide = XLSXWriter(sink: BufferSink(), options: Self.options)
        let columns = (0...16_384).map { TableColumn("c\($0)") }
        #expect(throws: XLSXError.tooManyColumns(sheet: "w", count: 16_385)) {
            try wide.addSheet(TableSheet(name: "w", columns: columns, rows: [[Cell]]()))
        }
        try wide.addSheet(TableSheet(name: "w", columns: Array(columns.prefix(3)), rows: [[Cell]]()))
        #expect(try wide.finish().sheetNames == ["w"], "a refused table leaves the writer usable")
        var done = XLSXWriter(sink: BufferSink(), options: Self.options)
        try done.addSheet(TableSheet(name: "a", columns: [], rows: [[Cell]]()))
        try done.finish()
        #expect(throws: XLSXError.unusable) { try done.finish() }
    }
}
