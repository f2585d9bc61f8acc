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
