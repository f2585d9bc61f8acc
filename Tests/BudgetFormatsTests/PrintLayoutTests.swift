import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetFormats

/// Title blocks, print titles, page setup, column blocks, dates and wrapped rows: what
/// makes the workbooks and HTML pages print right.
@Suite("Print layout")
struct PrintLayoutTests {
    static let options = XLSXWriterTests.options
    static let when = CellDateTime(
        year: 2020, month: 3, day: 5, hour: 9, minute: 15, second: 30, utcOffsetSeconds: 25_200)

    static func workbook(_ sheets: [TableSheet<SequenceRows<[[Cell]]>>]) throws -> ZipReader {
        var xlsx = XLSXWriter(sink: BufferSink(), options: options)
        for sheet in sheets { try xlsx.addSheet(sheet) }
        try xlsx.finish()
        return try ZipReader(xlsx.sink.bytes)
    }

    static let agencyColumns = [
        TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã đơn vị", width: 12),
        TableColumn("Đơn vị", width: 30, wraps: true), TableColumn("Thời điểm nhận", width: 20),
        TableColumn("Kinh phí đề nghị (đồng)", kind: .amount, width: 14),
        TableColumn("SHA-256", width: 66, isIdentifier: true),
    ]

    static let titled = PrintLayout(
        titleLines: ["TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ", "Kế hoạch tuyên truyền", "Lập lúc 09:00 ngày 12/03/2020"])

    static func matrix(items: Int, layout: PrintLayout) -> TableSheet<SequenceRows<[[Cell]]>> {
        let columns =
            [TableColumn("Mã đơn vị", width: 12), TableColumn("Đơn vị", width: 28, wraps: true)]
            + (0..<items).map { TableColumn("IV.\($0)", kind: .amount, width: 14) }
            + [TableColumn("Tổng cộng", kind: .amount, width: 16)]
        let rows: [[Cell]] = (0..<3).map { agency in
            [.text("DV\(agency)"), .text("Đơn vị số \(agency)")] + (0...items).map { Cell.amount(Int64($0 * 1000)) }
        }
        return TableSheet(name: "Ma trận", columns: columns, rows: rows, layout: layout)
    }

    @Test("a titled sheet: title rows merged and sized, blank row, header after them, frozen and printed on each page")
    func titleBlock() throws {
        let zip = try Self.workbook([
            TableSheet(
                name: "Theo đơn vị", columns: Self.agencyColumns,
                rows: [[.integer(1), "BAOKT", "Báo Kon Tum", .dateTime(Self.when), .amount(321_000_000), "ab12"]],
                layout: Self.titled)
        ])
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let cells = SheetCells.parse(sheet)
        #expect(cells["A1"] == "<c s=\"7\" t=\"inlineStr\"><is><t>TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ</t></is></c>")
        #expect(cells["A2"] == "<c s=\"8\" t=\"inlineStr\"><is><t>Kế hoạch tuyên truyền</t></is></c>")
        #expect(cells["A3"]?.contains("Lập lúc 09:00 ngày 12/03/2020") == true)
        #expect(!sheet.contains("<row r=\"4\""), "a blank row between the title block and the header")
        #expect(cells["A5"] == "<c s=\"1\" t=\"inlineStr\"><is><t>STT</t></is></c>")
        #expect(cells["B6"] == "<c s=\"3\" t=\"inlineStr\"><is><t>BAOKT</t></is></c>")
        #expect(sheet.contains("<mergeCells count=\"3\"><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"A2:F2\"/>"))
        #expect(sheet.contains("<pane ySplit=\"5\" topLeftCell=\"A6\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        // The title's row is tall enough for its 14-point type.
        #expect(sheet.contains("<row r=\"1\" ht=\"18.47\" customHeight=\"1\">"))
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(
            workbook.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Theo đơn vị'!$5:$5</definedName>"))
    }

    @Test("every sheet fits its width to A4 and says so with fitToPage; landscape when wide; a footer numbers pages")
    func pageSetup() throws {
        let narrow = [TableColumn("a"), TableColumn("b")]
        let zip = try Self.workbook([
            TableSheet(name: "Theo đơn vị", columns: Self.agencyColumns, rows: [[.integer(1)]], layout: Self.titled),
            TableSheet(name: "Hẹp", columns: narrow, rows: [["x", "y"]]),
        ])
        let wide = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(wide.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
        #expect(
            wide.contains("<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        let narrowSheet = try #require(zip.text("xl/worksheets/sheet2.xml"))
        #expect(narrowSheet.contains("orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\""))
        #expect(narrowSheet.contains("<oddFooter>&amp;L&amp;A&amp;R&amp;P/&amp;N</oddFooter>"))
        var layout = Self.titled
        layout.orientation = .landscape
        let landscape = try Self.workbook([
            TableSheet(name: "Ngang", columns: narrow, rows: [["x", "y"]], layout: layout)
        ])
        #expect(
            try #require(landscape.text("xl/worksheets/sheet1.xml")).contains(
                "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        let seven = try Self.workbook([
            TableSheet(name: "Bảy", columns: (0..<7).map { TableColumn("c\($0)") }, rows: [["x"]])
        ])
        #expect(try #require(seven.text("xl/worksheets/sheet1.xml")).contains("orientation=\"landscape\""))
    }

    @Test("times are date numbers with a date format, not text; CSV and JSON keep ISO 8601")
    func dates() throws {
        let zip = try Self.workbook([
            TableSheet(name: "t", columns: Self.agencyColumns, rows: [[.integer(1), "A", "B", .dateTime(Self.when)]])
        ])
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        // 5 March 2020 is serial 43895; 09:15:30 is 33 330 s of 86 400.
        #expect(SheetCells.parse(sheet)["D2"] == "<c s=\"6\"><v>43895.3857638889</v></c>")
        let styles = try #require(zip.text("xl/styles.xml"))
        #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm:ss\"/>"))
        #expect(styles.contains("<xf numFmtId=\"164\""))
        let table = TableSheet(name: "t", columns: [TableColumn("Thời điểm nhận")], rows: [[Cell.dateTime(Self.when)]])
        #expect(String(decoding: try CSVWriter.bytes(table), as: UTF8.self).hasSuffix("2020-03-05T09:15:30+07:00\r\n"))
        var json = BufferSink()
        try JSONArrayWriter.write(table, keys: ["receivedAt"], to: &json)
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[\n{\"receivedAt\":\"2020-03-05T09:15:30+07:00\"}\n]\n")
    }

    @Test(
        "date serials and ISO text",
        arguments: [
            (CellDateTime(year: 1900, month: 3, day: 1), "61", "1900-03-01T00:00:00+00:00"),
            (CellDateTime(year: 1970, month: 1, day: 1, hour: 12), "25569.5", "1970-01-01T12:00:00+00:00"),
            (
                CellDateTime(year: 2020, month: 3, day: 10, hour: 23, minute: 59, second: 59, millisecond: 250),
                "43900.9999913194", "2020-03-10T23:59:59.250+00:00"
            ),
            (CellDateTime(year: 9999, month: 12, day: 31), "2958465", "9999-12-31T00:00:00+00:00"),
            (
                CellDateTime(year: 2020, month: 1, day: 2, utcOffsetSeconds: -(5 * 3600 + 30 * 60)), "43832",
                "2020-01-02T00:00:00-05:30"
            ),
        ] as [(CellDateTime, String, String)])
    func serials(moment: CellDateTime, serial: String, iso: String) {
        #expect(moment.excelSerial == serial)
        #expect(moment.iso8601 == iso)
    }

    @Test("a date Excel cannot show is written as its ISO text")
    func earlyDate() throws {
        let early = CellDateTime(year: 1899, month: 1, day: 1)
        #expect(early.excelSerial == nil)
        let zip = try Self.workbook([TableSheet(name: "t", columns: [TableColumn("d")], rows: [[.dateTime(early)]])])
        #expect(try #require(zip.text("xl/worksheets/sheet1.xml")).contains("1899-01-01T00:00:00+00:00"))
    }

    @Test("a header that wraps gets the height of its longest title; wrapped text rows grow to fit")
    func rowHeights() throws {
        let columns = [
            TableColumn("Kinh phí đề nghị (đồng)", kind: .amount, width: 12),
            TableColumn("Nội dung", width: 20, wraps: true),
        ]
        let long = "Xây dựng các tài liệu tuyên truyền (áp phích, tờ rơi, tờ gấp, sổ tay) thông tin về đại hội"
        let zip = try Self.workbook([
            TableSheet(name: "t", columns: columns, rows: [[.amount(1), .text(long)], [.amount(2), "ngắn"]])
        ])
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let header = try #require(sheet.range(of: "<row r=\"1\"")).lowerBound
        #expect(sheet[header...].hasPrefix("<row r=\"1\" ht=\"47.35\" customHeight=\"1\">"), "three lines")
        let first = try #require(sheet.range(of: "<row r=\"2\"")).lowerBound
        #expect(sheet[first...].hasPrefix("<row r=\"2\" ht=\""), "the long description wraps")
        #expect(sheet.contains("<row r=\"3\">"), "a short one does not")
        #expect(TextFit.lines(long, width: 20) >= 5)
        #expect(TextFit.lines("ngắn", width: 20) == 1)
        #expect(TextFit.lines("a\nb\r\nc", width: 20) == 3)
        #expect(TextFit.lines(String(repeating: "x", count: 100), width: 11) == 12, "a long word is broken")
    }

    @Test("the shortcut for short text never answers one line where the measure needs more")
    func shortcutBound() {
        // Every scalar's width is at most widestPerByte times its UTF-8 length.
        for value in UInt32(0x20)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(TextFit.width(of: scalar) <= TextFit.widestPerByte * Double(String(scalar).utf8.count))
        }
        // "W" and "@" are the widest one-byte glyphs: a line of them just over the room wraps.
        for glyph in ["W", "@"] {
            let room = (20.0 - 1) / 1.03
            let count = Int(room / 1.8)  // under the old bound, over the room
            let text = String(repeating: glyph, count: count)
            let width = Double(count) * TextFit.width(of: Unicode.Scalar(glyph)!)
            #expect(TextFit.lines(text, width: 20) == (width > room ? 2 : 1), "\(glyph) × \(count)")
        }
    }

    @Test("letters with marks are as wide as Unicode's case says, for every letter of U+00C0…U+1FFF")
    func markedLetterWidths() {
        #expect(TextFit.width(of: "Ệ") == 1.45 && TextFit.width(of: "ệ") == 1.05)
        for value in UInt32(0xC0)...0x1FFF {
            guard let scalar = Unicode.Scalar(value), !(0x300...0x36F).contains(value) else { continue }  // marks: 0
            let expected: Double = scalar.properties.isUppercase ? 1.45 : 1.05
            #expect(TextFit.width(of: scalar) == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test("a matrix wider than its block prints in column blocks: breaks, a scale, key columns as print titles")
    func columnBlocks() throws {
        var layout = Self.titled
        layout.keyColumns = 2
        layout.columnsPerBlock = 8
        // 40 items and the total: 41 other columns in 6 blocks of 7, 7, 7, 7, 7 and 6.
        #expect(layout.blocks(columnCount: 43).map(\.count) == [7, 7, 7, 7, 7, 6])
        #expect(layout.blocks(columnCount: 43).first == 2..<9)
        #expect(layout.blocks(columnCount: 10) == [2..<10], "8 other columns fit one block")
        let zip = try Self.workbook([Self.matrix(items: 40, layout: layout)])
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(!sheet.contains("fitToPage"), "manual breaks are ignored while fitting to a page count")
        #expect(sheet.contains("<pageSetup paperSize=\"9\" scale=\"88\" orientation=\"landscape\"/>"))
        #expect(
            sheet.contains(
                "<colBreaks count=\"5\" manualBreakCount=\"5\"><brk id=\"9\" max=\"1048575\" man=\"1\"/>"
                    + "<brk id=\"16\" max=\"1048575\" man=\"1\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"C1:I1\"/>"), "the title spans the first block, not the key columns")
        #expect(SheetCells.parse(sheet)["C1"]?.contains("TỔNG HỢP DỰ TOÁN") == true)
        #expect(sheet.contains("<pane xSplit=\"2\" ySplit=\"5\" topLeftCell=\"C6\" activePane=\"bottomRight\""))
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(
            workbook.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Ma trận'!$A:$B,'Ma trận'!$5:$5</definedName>"
            ))
        let small = try Self.workbook([Self.matrix(items: 6, layout: layout)])
        let fits = try #require(small.text("xl/worksheets/sheet1.xml"))
        #expect(fits.contains("fitToWidth=\"1\"") && !fits.contains("colBreaks"))
    }

    @Test("no report workbook holds a formula, whatever the text: <f> comes only from XLSXFormula in a form")
    func noFormulaFromText() throws {
        let hostile = ["=1+1", "=HYPERLINK(\"http://x\")", "<f>SUM(A1)</f>", "+A1", "@SUM(A1:A2)"]
        var layout = Self.titled
        layout.titleLines.append("=cmd|' /C calc'!A0")
        let zip = try Self.workbook([
            TableSheet(name: "t", columns: [TableColumn("a")], rows: hostile.map { [.text($0)] }, layout: layout)
        ])
        for entry in zip.entries where entry.name.hasPrefix("xl/") {
            let text = String(decoding: entry.data, as: UTF8.self)
            #expect(!text.contains("<f>") && !text.contains("<f "), "\(entry.name)")
            #expect(!text.contains("calcPr"), "\(entry.name): nothing to recalculate")
        }
    }

    @Test("HTML: fixed layout with column shares, identifiers small and breakable, dates as dd/mm/yyyy")
    func htmlTable() throws {
        var sink = BufferSink()
        let rows: [[Cell]] = [
            [
                .integer(1), "BAOKT", "Báo Kon Tum", .dateTime(Self.when), .amount(321_000_000),
                .text(String(repeating: "ab", count: 32)),
            ]
        ]
        try HTMLTableWriter.write(
            TableSheet(name: "t", columns: Self.agencyColumns, rows: rows, layout: Self.titled),
            document: HTMLDocument(title: "Theo đơn vị"), to: &sink)
        let html = String(decoding: sink.bytes, as: UTF8.self)
        #expect(html.contains("<h1>TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ</h1>"))
        #expect(html.contains("<p class=\"lead\">Kế hoạch tuyên truyền</p>"))
        #expect(html.contains("table-layout: fixed"))
        #expect(html.contains("<colgroup><col style=\"width:4.3%\">"))
        #expect(html.contains("<td class=\"d\">05/03/2020 09:15:30</td>"))
        #expect(html.contains("<td class=\"id\">abab"))
        #expect(html.contains("@page { size: A4; margin: 2cm }"), "six columns stay portrait")
    }

    @Test("HTML: a wide table prints in blocks, each repeating the key columns, every row in each")
    func htmlBlocks() throws {
        var layout = Self.titled
        layout.keyColumns = 2
        layout.columnsPerBlock = 8
        let fragment = try HTMLTableWriter.fragment(Self.matrix(items: 40, layout: layout))
        #expect(fragment.components(separatedBy: "<table").count - 1 == 6)
        #expect(fragment.components(separatedBy: "<table class=\"wide\">").count - 1 == 5, "9 columns: smaller type")
        #expect(fragment.components(separatedBy: "<th>Mã đơn vị</th><th>Đơn vị</th>").count - 1 == 6)
        #expect(fragment.components(separatedBy: "<td>Đơn vị số 2</td>").count - 1 == 6)
        for item in 0..<40 { #expect(fragment.contains("<th>IV.\(item)</th>")) }
        #expect(fragment.contains("<th>Tổng cộng</th>"))
        var sink = BufferSink()
        try HTMLTableWriter.write(
            Self.matrix(items: 40, layout: layout), document: HTMLDocument(title: "Ma trận"), to: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self).contains("@page { size: A4 landscape;"))
    }

    @Test("chart labels wrap onto more lines instead of being cut, and the row grows")
    func chartLabels() throws {
        let chart = SVGBarChart(
            bars: [
                (label: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kon Tum", value: 10),
                (label: "Báo Kon Tum", value: 5),
                (label: String(repeating: "Đ", count: 80), value: 1),
            ], width: 600)
        let svg = chart.render()
        #expect(!svg.contains("…"))
        #expect(
            svg.contains(
                "<tspan x=\"240\">Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh</tspan><tspan x=\"240\" dy=\"14\">Kon Tum</tspan>"
            ))
        #expect(svg.contains("<tspan x=\"240\">Báo Kon Tum</tspan></text>"))
        let words = SVGBarChart.wrap(String(repeating: "Đ", count: 80), room: 38)
        #expect(
            words.joined() == String(repeating: "Đ", count: 80) && words.count > 2, "a long word is broken, kept whole")
        let xml = try XMLDocument(xmlString: svg)
        #expect(xml.rootElement()?.name == "svg")
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif
