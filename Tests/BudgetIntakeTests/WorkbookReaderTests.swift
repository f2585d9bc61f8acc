import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Workbooks: cells, sheets and rows")
struct WorkbookReaderTests {
    @Test(
        "a filled estimate in a workbook reads like its CSV: key rows, header, numbers, formulas' cached values, total, words"
    )
    func filledEstimate() throws {
        let rows =
            TestWorkbook.top
            + TestWorkbook.row(6, ["1", "IV.1.a", "Họp báo", "cuộc", "1", "25000000", "25000000"])
            + "<row r=\"7\"><c r=\"A7\"><v>2</v></c><c r=\"B7\" t=\"inlineStr\"><is><t>IV.1.c</t></is></c>"
            + "<c r=\"E7\"><v>5000</v></c><c r=\"F7\"><v>3500</v></c><c r=\"G7\"><f>E7*F7</f><v>17500000</v></c></row>"
            + TestWorkbook.row(8, ["", "", "Tổng cộng", "", "", "", "42500000"])
            + "<row r=\"9\"><c r=\"C9\" t=\"inlineStr\"><is><t>Bằng chữ: Bốn mươi hai triệu năm trăm nghìn đồng</t></is></c></row>"
        let result = WorkbookFixture.read(TestWorkbook(rows: rows))
        #expect(result.report.encoding == "xlsx")
        #expect(result.codes == [], "\(result.report.findings)")
        #expect(result.lines.map(\.line) == [6, 7])
        #expect(result.lines.map(\.amount) == [Money(dong: 25_000_000), Money(dong: 17_500_000)])
        #expect(result.report.preamble?.headerLine == 5)
        #expect(result.report.preamble?.value(.agencyCode)?.value == "STTTT")
        #expect(result.report.wordsRows.first?.line == 9)
    }
}

extension WorkbookReaderTests {
    /// Reads a sheet of the template's top rows plus `rows`.
    static func read(
        _ rows: String, sharedStrings: [String]? = nil, styles: String? = nil, workbookPr: String = "",
        limits: IntakeLimits = IntakeLimits(), keepsLineText: Bool = true
    ) -> ReadResult {
        var workbook = TestWorkbook(rows: TestWorkbook.top + rows, sharedStrings: sharedStrings)
        workbook.stylesXML = styles
        workbook.workbookPr = workbookPr
        return WorkbookFixture.read(workbook.bytes, limits: limits, keepsLineText: keepsLineText)
    }

    /// Styles: 0 general, 1 built-in date 14, 2 custom "dd/mm/yyyy hh:mm", 3 time "h:mm",
    /// 4 "#,##0" amounts, 5 a currency format with text in quotes, 6 "[$-42A]dd mmmm yyyy".
    static let styles =
        TestWorkbook.declaration + "<styleSheet xmlns=\"\(TestWorkbook.main)\"><numFmts count=\"4\">"
        + #"<numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/><numFmt numFmtId="165" formatCode="h:mm"/>"#
        + ##"<numFmt numFmtId="166" formatCode="#,##0&quot; đồng&quot;;[Red]\-#,##0"/><numFmt numFmtId="167" formatCode="[$-42A]dd\ mmmm\ yyyy"/></numFmts>"##
        + #"<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>"#
        + #"<xf numFmtId="165"/><xf numFmtId="3"/><xf numFmtId="166"/><xf numFmtId="167"><alignment/></xf></cellXfs></styleSheet>"#

    /// The text one numeric cell gives, as the reader hands it to the table stage (read
    /// back from a line's note).
    static func cellText(_ cell: String, styles: String? = nil, workbookPr: String = "") -> String? {
        let row =
            #"<row r="6"><c r="B6" t="inlineStr"><is><t>IV.1.a</t></is></c><c r="G6"><v>1</v></c>"#
            + cell.replacingOccurrences(of: "<c", with: "<c r=\"H6\"") + "</row>"
        return read(row, styles: styles, workbookPr: workbookPr).lines.first?.note
    }

    @Test(
        "numbers are written as Excel shows them in full: shortest text, 15 digits, no exponent",
        arguments: [
            ("25000000000", "25000000000"), ("2.5", "2.5"), ("2.50", "2.5"), ("1100000.0000000002", "1100000"),
            ("0.30000000000000004", "0.3"), ("1E+16", "10000000000000000"), ("1.5E-7", "0.00000015"),
            ("-1234.5", "-1234.5"), ("0", "0"), ("-0", "0"), ("007", "7"), ("123456789012345678", "123456789012346000"),
            (" 42 ", "42"), ("3.14159265358979", "3.14159265358979"), ("12abc", "12abc"), ("INF", "INF"),
            ("NaN", "NaN"),
        ])
    func numbers(_ raw: String, _ text: String) {
        #expect(Self.cellText("<c><v>\(raw)</v></c>") == text)
    }

    @Test(
        "a number in a date or time format becomes ISO text; other formats leave it a number",
        arguments: [
            (1, "43900", "2020-03-10"), (2, "43900.5", "2020-03-10 12:00:00"), (3, "0.75", "18:00:00"),
            (4, "25000000", "25000000"), (5, "25000000", "25000000"), (6, "43900", "2020-03-10"),
            (1, "60", "1900-02-29"),
            (1, "59", "1900-02-28"), (1, "61", "1900-03-01"), (1, "1", "1900-01-01"), (1, "2958465", "9999-12-31"),
            (1, "2958466", "2958466"), (1, "-1", "-1"), (0, "43900", "43900"), (9, "43900", "43900"),
        ])
    func dates(_ style: Int, _ raw: String, _ text: String) {
        #expect(Self.cellText("<c s=\"\(style)\"><v>\(raw)</v></c>", styles: Self.styles) == text)
    }

    @Test("the 1904 date system counts from 1904-01-01")
    func dates1904() {
        #expect(
            Self.cellText(
                "<c s=\"1\"><v>42438</v></c>", styles: Self.styles, workbookPr: "<workbookPr date1904=\"1\"/>")
                == "2020-03-10")
    }

    @Test("a date where an amount belongs is refused by the number reader, not read as đồng")
    func dateAmount() throws {
        let result = Self.read(
            #"<row r="6"><c r="B6" t="inlineStr"><is><t>IV.1.a</t></is></c><c r="G6" s="1"><v>43900</v></c></row>"#,
            styles: Self.styles)
        let finding = try #require(result.findings(.invalidNumber).first)
        #expect(finding.value == "2020-03-10")
        #expect(finding.line == 6)
        #expect(finding.column == "Thành tiền")
    }

    @Test(
        "booleans, errors, formula strings and ISO dates are the text Excel shows",
        arguments: [
            (#"<c t="b"><v>1</v></c>"#, "TRUE"), (#"<c t="b"><v>0</v></c>"#, "FALSE"),
            (#"<c t="e"><f>1/0</f><v>#DIV/0!</v></c>"#, "#DIV/0!"),
            (#"<c t="str"><f>"a"&amp;"b"</f><v>ab</v></c>"#, "ab"),
            (#"<c t="d"><v>2020-03-10T00:00:00</v></c>"#, "2020-03-10"),
            (#"<c t="d"><v>2020-03-10T14:30:00Z</v></c>"#, "2020-03-10 14:30:00Z"),
            (#"<c t="inlineStr"><is><t xml:space="preserve">  a  b  </t></is></c>"#, "a  b"),
            (
                #"<c t="inlineStr"><is><r><t>Tờ </t></r><r><rPr><b/></rPr><t>gấp</t></r><rPh><t>ト</t></rPh></is></c>"#,
                "Tờ gấp"
            ),
            (
                #"<c t="inlineStr"><is><t>a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; &#x1EA1;&#7841;</t></is></c>"#,
                "a & b < c > d \"e\" 'f' ạạ"
            ),
            (#"<c t="inlineStr"><is><t><![CDATA[<b> & </b>]]></t></is></c>"#, "<b> & </b>"),
            (
                #"<c t="inlineStr"><is><t>một_x000D_&#10;hai _x005F_x0041_ _x0001_</t></is></c>"#,
                "một\r\nhai _x0041_ _x0001_"
            ),
            (#"<c t="inlineStr"><is><t>Pa no&#x302;</t></is></c>"#, "Pa nô"),
            ("<c t=\"inlineStr\"><is><t>a\r\nb\rc</t></is></c>", "a\nb\nc"),
            (#"<x:c t="inlineStr"><x:is><x:t>tiền tố</x:t></x:is></x:c>"#, "tiền tố"),
        ])
    func texts(_ cell: String, _ text: String) {
        #expect(Self.cellText(cell) == text)
    }

    @Test("shared strings and inline strings read the same; rich text runs are joined, phonetic runs left out")
    func sharedStrings() {
        let strings = ["IV.1.a", "Họp báo", "Tờ gấp", "x"]
        let sharedXML =
            TestWorkbook.declaration
            + "<sst xmlns=\"\(TestWorkbook.main)\"><si><t>IV.1.a</t></si><si><t>Họp báo</t></si>"
            + "<si><r><t>Tờ </t></r><r><rPr><i/></rPr><t>gấp</t></r><rPh sb=\"0\" eb=\"1\"><t>ト</t></rPh></si><si/></sst>"
        let shared =
            #"<row r="6"><c r="B6" t="s"><v>0</v></c><c r="C6" t="s"><v>1</v></c><c r="G6"><v>5</v></c><c r="H6" t="s"><v>2</v></c></row>"#
        let inline = TestWorkbook.row(6, ["", "IV.1.a", "Họp báo", "", "", "", "5", "Tờ gấp"])
        var workbook = TestWorkbook(rows: TestWorkbook.top + shared)
        workbook.sharedStringsXML = sharedXML
        let a = WorkbookFixture.read(workbook.bytes)
        let b = Self.read(inline, sharedStrings: strings)
        #expect(a.lines == b.lines)
        #expect(a.lines.first?.note == "Tờ gấp")
        #expect(a.codes == b.codes)
    }

    @Test("a shared string index past the table is workbook-damaged at its row")
    func sharedIndex() throws {
        let result = Self.read(#"<row r="6"><c r="B6" t="s"><v>7</v></c></row>"#, sharedStrings: ["a"])
        let finding = try #require(result.findings(.unreadableEncoding).first)
        #expect(finding.variant == "workbook-damaged")
        #expect(finding.line == 6)
        #expect(finding.value == "cell B6 names shared string 7 of 1")
    }

    @Test(
        "a formula's cached value is read; a formula without one is formula-without-value, naming cell, formula and column"
    )
    func formulas() throws {
        let rows =
            #"<row r="6"><c r="B6" t="inlineStr"><is><t>IV.1.a</t></is></c><c r="E6"><v>2</v></c><c r="F6"><v>100</v></c>"#
            + #"<c r="G6"><f>E6*F6</f><v>200</v></c></row>"#
            + #"<row r="12"><c r="B12" t="inlineStr"><is><t>IV.1.b</t></is></c><c r="E12"><v>2</v></c><c r="F12"><v>100</v></c>"#
            + #"<c r="G12"><f>F12*E12</f></c></row>"#
            + #"<row r="13"><c r="B13" t="inlineStr"><is><t>IV.1.b</t></is></c><c r="G13"><f t="shared" si="0"/><v></v></c></row>"#
            + #"<row r="14"><c r="B14" t="str"><f>"IV.1."&amp;"c"</f><v></v></c><c r="G14"><v>1</v></c></row>"#
        let result = Self.read(rows)
        #expect(result.lines.first?.amount == Money(dong: 200))
        let findings = result.findings(.formulaWithoutValue)
        #expect(findings.map(\.line) == [12, 13])
        let first = try #require(findings.first)
        #expect(first.severity == .error)
        #expect(first.column == "Thành tiền")
        #expect(first.columnNumber == 7)
        #expect(first.value == "=F12*E12")
        #expect(first.message(.vi) == "Ô G12 có công thức =F12*E12 nhưng không có giá trị đã tính.")
        #expect(first.message(.en) == "Cell G12 holds the formula =F12*E12 but no computed value.")
        #expect(first.hint(.en)?.contains("automatic calculation") == true)
        #expect(findings.last?.message(.en) == "Cell G13 holds a formula but no computed value.")
        // The cell reads as empty, but the formula is the one finding about it: the line is
        // not also missing its amount.
        #expect(result.findings(.missingAmount).isEmpty)
        #expect(result.lines.filter { $0.line == 12 || $0.line == 13 }.allSatisfy { $0.amount == nil })
        // A formula whose cached value is the empty string has a value.
        #expect(result.lines.last?.itemCode == "")
        #expect(result.lines.last?.line == 14)
    }

    @Test("cells without references follow the previous one; gaps are empty cells; row numbers are line numbers")
    func positions() {
        let rows =
            #"<row r="8"><c><v>1</v></c><c t="inlineStr"><is><t>IV.1.a</t></is></c><c r="G8"><v>7</v></c><c><v>x</v></c></row>"#
            + #"<row><c r="B9" t="inlineStr"><is><t>IV.1.b</t></is></c><c r="G9"><v>9</v></c></row>"#
            + #"<row r="1000"><c r="B1000" t="inlineStr"><is><t>IV.1.c</t></is></c><c r="G1000"><v>11</v></c></row>"#
        let result = Self.read(rows)
        #expect(result.lines.map(\.line) == [8, 9, 1000])
        #expect(result.lines.map(\.number) == ["1", "", ""])
        #expect(result.lines.first?.note == "x")
        #expect(result.lines.map(\.amount) == [Money(dong: 7), Money(dong: 9), Money(dong: 11)])
        #expect(result.codes == [])
    }

    @Test(
        "rows out of order, cells out of order, a cell past XFD or outside a row: workbook-damaged",
        arguments: [
            #"<row r="7"/><row r="6"/>"#, #"<row r="6"><c r="C6"><v>1</v></c><c r="B6"><v>2</v></c></row>"#,
            #"<row r="6"><c r="XFE6"><v>1</v></c></row>"#, #"<row r="1048577"/>"#, #"<row r="x"/>"#,
            #"<row r="6"><c r="6"/></row>"#,
        ])
    func disorder(_ rows: String) {
        let result = Self.read(rows)
        #expect(result.findings(.unreadableEncoding).map(\.variant) == ["workbook-damaged"])
    }

    @Test("a row of empty cells is not a record, as a blank line is not in a CSV")
    func emptyRows() {
        let rows =
            #"<row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><t></t></is></c></row><row r="7" spans="1:8"/>"#
        let result = Self.read(rows, limits: IntakeLimits(maxRows: 5))
        #expect(result.codes == [])  // top has 4 records: the limit is not reached
    }

    @Test("the limits stop a sheet as they stop a CSV: rows, columns, field size")
    func limits() throws {
        let many = (6..<20).map { TestWorkbook.row($0, ["", "IV.1.a", "", "", "", "", "1"]) }.joined()
        let rows = Self.read(many, limits: IntakeLimits(maxRows: 10))
        #expect(rows.findings(.limitExceeded).map(\.variant) == ["rows"])
        #expect(rows.findings(.limitExceeded).first?.line == 12)
        #expect(rows.lines.map(\.line) == Array(6...11))

        let wide = Self.read(
            TestWorkbook.row(6, ["", "IV.1.a", "", "", "", "", "1"]) + #"<row r="7"><c r="J7"><v>1</v></c></row>"#,
            limits: IntakeLimits(maxColumns: 9))
        let columns = try #require(wide.findings(.limitExceeded).first)
        #expect(columns.variant == "columns")
        #expect(columns.value == "10")
        #expect(columns.line == 7)

        let long = String(repeating: "ạ", count: 40)
        let field = Self.read(
            TestWorkbook.row(6, ["", "IV.1.a", long, "", "", "", "1"]), limits: IntakeLimits(maxFieldBytes: 100))
        #expect(field.findings(.limitExceeded).map(\.variant) == ["field-size"])
        #expect(field.findings(.limitExceeded).first?.line == 6)
        #expect(field.lines.isEmpty)
        let shared = Self.read(
            #"<row r="6"><c r="C6" t="s"><v>0</v></c></row>"#, sharedStrings: [long],
            limits: IntakeLimits(maxFieldBytes: 100))
        #expect(shared.findings(.limitExceeded).map(\.variant) == ["field-size"])
    }

    @Test("a workbook ignores --encoding: its XML says UTF-8")
    func encodingFlag() {
        let workbook = TestWorkbook(
            rows: TestWorkbook.top + TestWorkbook.row(6, ["", "IV.1.a", "Họp báo", "", "", "", "1"]))
        for encoding in SourceEncoding.allCases {
            let result = WorkbookFixture.read(workbook.bytes, encoding: encoding)
            #expect(result.report.encoding == "xlsx")
            #expect(result.lines.first?.description == "Họp báo")
        }
    }

    @Test("lines read without their text (check) carry the same findings and numbers")
    func keyed() {
        let rows =
            TestWorkbook.row(6, ["1", "IV.1.a", "Họp báo", "cuộc", "2", "100", "300"])
            + TestWorkbook.row(7, ["", "", "Tổng cộng", "", "", "", "999"])
        let full = Self.read(rows)
        let keyed = Self.read(rows, keepsLineText: false)
        #expect(full.report.findings == keyed.report.findings)
        #expect(full.lines.map(\.amount) == keyed.lines.map(\.amount))
        #expect(full.lines.map(\.descriptionKey) == keyed.lines.map(\.descriptionKey))
    }
}

@Suite("Workbooks: which sheet")
struct WorkbookSheetTests {
    static let estimate = TestWorkbook.worksheet(
        TestWorkbook.top + TestWorkbook.row(6, ["", "IV.1.a", "ước tính", "", "", "", "1"]))
    static func other(_ text: String) -> String {
        TestWorkbook.worksheet(TestWorkbook.top + TestWorkbook.row(6, ["", "IV.1.a", text, "", "", "", "1"]))
    }

    static func description(_ workbook: TestWorkbook) -> String? {
        WorkbookFixture.read(workbook.bytes).lines.first?.description
    }

    @Test("the first visible sheet is read; hidden ones are skipped")
    func firstVisible() {
        let workbook = TestWorkbook(sheets: [
            .init(name: "Ẩn", xml: Self.other("ẩn"), state: "hidden"),
            .init(name: "Rất ẩn", xml: Self.other("rất ẩn"), state: "veryHidden"),
            .init(name: "Trang 1", xml: Self.other("trang 1")), .init(name: "Trang 2", xml: Self.other("trang 2")),
        ])
        #expect(Self.description(workbook) == "trang 1")
    }

    @Test(
        "a visible sheet named like the template's (Dự toán, any case, with or without tone marks) wins, wherever it is"
    )
    func templateName() {
        for name in ["Dự toán", "DỰ TOÁN", "du toan", " Dự  toán "] {
            let workbook = TestWorkbook(sheets: [
                .init(name: "Hướng dẫn", xml: Self.other("hướng dẫn")), .init(name: name, xml: Self.estimate),
            ])
            #expect(Self.description(workbook) == "ước tính", "\(name)")
        }
        let hidden = TestWorkbook(sheets: [
            .init(name: "Trang 1", xml: Self.other("trang 1")),
            .init(name: "Dự toán", xml: Self.estimate, state: "hidden"),
        ])
        #expect(Self.description(hidden) == "trang 1")
    }

    @Test("chartsheets are not worksheets; a workbook of hidden worksheets reads its first")
    func chartsAndHidden() {
        let chart = TestWorkbook(sheets: [
            .init(name: "Biểu đồ", xml: "<chartsheet/>", isChart: true), .init(name: "Số liệu", xml: Self.estimate),
        ])
        #expect(Self.description(chart) == "ước tính")
        let hidden = TestWorkbook(sheets: [
            .init(name: "A", xml: Self.estimate, state: "hidden"),
            .init(name: "B", xml: Self.other("b"), state: "hidden"),
        ])
        #expect(Self.description(hidden) == "ước tính")
    }

    @Test("absolute targets, no content types, no package relationships: still read")
    func packaging() {
        var workbook = TestWorkbook(sheets: [.init(name: "Dự toán", xml: Self.estimate)])
        workbook.absoluteTargets = true
        workbook.contentTypes = false
        workbook.sharedStrings = ["x"]
        #expect(Self.description(workbook) == "ước tính")
        workbook.packageRelationships = false
        #expect(Self.description(workbook) == "ước tính")
    }

    @Test("more than 10 000 sheets is workbook-too-large, quickly")
    func manySheets() {
        var workbook = TestWorkbook(sheets: [.init(name: "Dự toán", xml: Self.estimate)])
        var entries = workbook.entries
        let sheets = (0..<12_000).map { "<sheet name=\"s\($0)\" sheetId=\"\($0 + 2)\" r:id=\"rId\($0 + 2)\"/>" }
            .joined()
        if let index = entries.firstIndex(where: { $0.name == "xl/workbook.xml" }) {
            entries[index].data = Array(
                (TestWorkbook.declaration
                    + "<workbook xmlns=\"\(TestWorkbook.main)\" xmlns:r=\"\(TestWorkbook.rel)\"><sheets>"
                    + sheets + "</sheets></workbook>").utf8)
        }
        workbook.deflate = true
        var result: ReadResult?
        let elapsed = ContinuousClock().measure { result = WorkbookFixture.read(TestZip.make(entries)) }
        #expect(result?.findings.map(\.variant) == ["workbook-too-large"])
        #expect(elapsed < .seconds(5))
    }

    @Test("a workbook without a worksheet is workbook-no-sheet; an empty sheet is no-header")
    func empty() {
        let none = TestWorkbook(sheets: [.init(name: "Biểu đồ", xml: "<chartsheet/>", isChart: true)])
        #expect(WorkbookFixture.read(none.bytes).findings.map(\.variant) == ["workbook-no-sheet"])
        let noSheets = TestWorkbook(sheets: [])
        #expect(WorkbookFixture.read(noSheets.bytes).findings.map(\.variant) == ["workbook-no-sheet"])
        let blank = TestWorkbook(sheets: [.init(name: "Trang 1", xml: TestWorkbook.worksheet(""))])
        let result = WorkbookFixture.read(blank.bytes)
        #expect(result.codes == ["no-header"])
        #expect(result.report.encoding == "xlsx")
    }
}

@Suite("Workbooks: text typed in legacy fonts")
struct WorkbookLegacyTests {
    static func rows(_ wrap: (String) -> String) -> String {
        TestWorkbook.top
            + (0..<6).map { index in
                TestWorkbook.textRow(
                    6 + index,
                    [
                        "\(index + 1)", "IV.1.a", wrap("Họp báo trước Đại hội XVI Đảng bộ tỉnh, lần \(index)"),
                        wrap("cuộc"), "1",
                        "25000000", "25000000",
                    ])
            }.joined()
    }

    @Test("cells typed in TCVN3 or VNI (stored as the Windows characters of their bytes) are refused as a CSV's are")
    func legacy() throws {
        var workbook = TestWorkbook(rows: Self.rows { DecodingLegacyTests.wrappedLatin1(DecodingEncoders.tcvn3($0)) })
        var result = WorkbookFixture.read(workbook.bytes)
        let finding = try #require(result.findings(.legacyEncoding).first)
        #expect(finding.value == "TCVN3")
        #expect(finding.variant == "workbook")
        #expect((6...11).contains(finding.line ?? 0))
        #expect(finding.hint(.en)?.contains("Unikey (TCVN3 → Unicode") == true)
        #expect(result.lines.isEmpty)
        #expect(result.codes == ["legacy-encoding"])

        workbook = TestWorkbook(rows: Self.rows { DecodingLegacyTests.wrappedLatin1(DecodingEncoders.vni($0)) })
        result = WorkbookFixture.read(workbook.bytes)
        #expect(result.findings(.legacyEncoding).first?.variant == "workbook-vni")

        // Real Vietnamese passes.
        let unicode = WorkbookFixture.read(TestWorkbook(rows: Self.rows { $0 }).bytes)
        #expect(unicode.codes == [])
        #expect(unicode.lines.count == 6)
    }
}
