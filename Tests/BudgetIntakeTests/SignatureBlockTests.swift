import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("The signature block under the table")
struct SignatureBlockTests {
    static func read(_ rows: [String], keepsLineText: Bool = true) -> ReadResult {
        Fixture.read(
            ([Fixture.header, "1,I.1,Mua hàng,cái,1,5,5,"] + rows).joined(separator: "\n") + "\n",
            keepsLineText: keepsLineText)
    }

    @Test(
        "titles, the date line and names are skipped in whatever column they stand, reported once as info",
        arguments: [
            ("the code column", [",NGƯỜI LẬP BIỂU,,,,,,", ",Nguyễn Văn An,,,,,,"]),
            ("the price column", [",,,,,KẾ TOÁN TRƯỞNG,,", ",,,,,\"(Ký, ghi rõ họ tên)\",,", ",,,,,Trần Thị Bình,,"]),
            (
                "the amount column",
                [",,,,,,THỦ TRƯỞNG ĐƠN VỊ,", ",,,,,,\"(Ký tên, đóng dấu)\",", ",,,,,,Lê Văn Cường,"]
            ),
            (
                "a date line in the amount column",
                [",,,,,,\"Kon Tum, ngày 05 tháng 3 năm 2020\",", ",,,,,,05/03/2020,"]
            ),
            ("titles across the row", [",NGƯỜI LẬP BIỂU,,,KẾ TOÁN TRƯỞNG,,KT. GIÁM ĐỐC,", ",,,,,,,", ",……,,,……,,……,"]),
        ] as [(String, [String])])
    func skipped(name: String, rows: [String]) {
        for keepsLineText in [true, false] {
            let result = Self.read(rows, keepsLineText: keepsLineText)
            #expect(result.lines.count == 1, "\(name)")
            #expect(result.codes == ["signature-block"], "\(name): \(result.findings)")
            let finding = result.findings(.signatureBlock).first
            #expect(finding?.severity == .info)
            #expect(finding?.line == 3)
            #expect(finding?.arguments["lastLine"] == String(2 + rows.count))
        }
    }

    @Test("reading goes on below the block: a real error after it is still found")
    func readingGoesOn() {
        let result = Self.read([",NGƯỜI LẬP BIỂU,,,,,,", ",Nguyễn Văn An,,,,,,", "2,I.1,Thuê xe,chuyến,1,5,,"])
        #expect(result.codes == ["signature-block", "missing-amount"])
        #expect(result.findings.last?.line == 5)
        #expect(result.lines.count == 2)
    }

    @Test("a name alone, with no title or date before it, is no signature: it reads as the line it is")
    func loneName() {
        let result = Self.read([",Nguyễn Văn An,,,,,10,"])
        #expect(result.findings(.signatureBlock).isEmpty)
        #expect(result.lines.count == 2)
    }

    @Test("a row with a title and a figure is no signature row")
    func titleWithFigure() {
        let result = Self.read([",KẾ TOÁN TRƯỞNG,,,,,100,"])
        #expect(result.findings(.signatureBlock).isEmpty)
        #expect(result.lines.count == 2)
    }

    @Test("two blocks are two findings")
    func twoBlocks() {
        let result = Self.read([",NGƯỜI LẬP BIỂU,,,,,,", "2,I.1,Thuê xe,chuyến,1,5,5,", ",KẾ TOÁN TRƯỞNG,,,,,,"])
        #expect(result.codes == ["signature-block", "signature-block"])
        #expect(result.findings.map(\.line) == [3, 5])
    }

    @Test(
        "the recognisers",
        arguments: [
            ("nguoi lap bieu", true), ("kt. giam doc", true), ("ke toan truong:", true), ("(ky, ghi ro ho ten)", true),
            ("ke toan", false), ("tong cong", false), ("giam docx", false),
        ])
    func titles(key: String, isTitle: Bool) {
        #expect(SignatureBlock.isTitle(key) == isTitle)
    }

    @Test("date lines")
    func dates() {
        #expect(SignatureBlock.isDateLine("kon tum, ngay 05 thang 3 nam 2020"))
        #expect(SignatureBlock.isDateLine("ngay … thang … nam 20…"))
        #expect(SignatureBlock.isDateLine("05/03/2020"))
        #expect(SignatureBlock.isDateLine("2020/3/5"))
        #expect(!SignatureBlock.isDateLine("1/2"))
        #expect(!SignatureBlock.isDateLine("thang 3"))
    }
}
