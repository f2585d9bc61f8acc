import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Estimate lines, totals, words, headings")
struct LineTests {
    static func read(_ rows: String) -> ReadResult {
        Fixture.read(Fixture.header + "\n" + rows)
    }

    @Test("headings are skipped; lines keep their physical line, trimmed text and NFC")
    func lines() {
        let result = Self.read(
            """
            I,,CỔ ĐỘNG TRỰC QUAN,,,,,
            1, IV.2.a ,"  Pa no\u{0302}, ba\u{0306}ng ro\u{0302}n ",cái,3,"1.000.000","3.000.000", ghi chú
            ,,,,,,,

            """)
        #expect(
            result.lines == [
                EstimateLine(
                    line: 3, number: "1", itemCode: "IV.2.a", description: "Pa nô, băng rôn", unit: "cái",
                    quantity: Quantity(3), unitPrice: Money(dong: 1_000_000), amount: Money(dong: 3_000_000),
                    note: "ghi chú")
            ])
        #expect(result.report.lineCount == 1)
        #expect(result.report.lineSum == Money(dong: 3_000_000))
    }

    @Test(
        "total rows are recognised by their label, never counted as lines",
        arguments: [
            ",,Tổng cộng,,,,150.000,", ",,TỔNG CỘNG:,,,,150.000,", ",,Cộng,,,,150.000,", ",,Cộng: ,,,,150.000,",
            ",,Total,,,,150.000,", ",,Tổng số kinh phí,,,,150.000,", "Tổng cộng,,,,,,150.000,",
            ",,To\u{0302}\u{0309}ng co\u{0323}\u{0302}ng,,,,150.000,",
        ])
    func totals(row: String) throws {
        let result = Self.read("1,I.1,Mua,cái,1,150.000,150.000,\n" + row + "\n")
        #expect(result.lines.count == 1)
        let total = try #require(result.report.totalRows.first)
        #expect(total.line == 3)
        #expect(total.amount == Money(dong: 150_000))
        #expect(total.amountText == "150.000")
    }

    @Test(
        "rows that only look like totals are lines or headings",
        arguments: [",,Công tác phí,,,,150.000,", ",,Cộng tác viên,,,,150.000,", ",,Totally,,,,150.000,"])
    func notTotals(row: String) {
        let result = Self.read(row + "\n")
        if row.contains("Cộng tác") {
            #expect(result.report.totalRows.count == 1)  // "Cộng" followed by a space: a total by the contract's rule
        } else {
            #expect(result.report.totalRows.isEmpty)
            #expect(result.lines.count == 1)
        }
    }

    @Test("a row with an item code is never a total row")
    func codeIsNotTotal() {
        let result = Self.read("1,I.1,Tổng cộng các khoản,cái,1,5,5,\n")
        #expect(result.report.totalRows.isEmpty)
        #expect(result.lines.count == 1)
    }

    @Test(
        "a Bằng chữ row gives the words after the label",
        arguments: [
            ",,Bằng chữ: Một trăm năm mươi triệu đồng,,,,,", ",,Bằng chữ Một trăm năm mươi triệu đồng,,,,,",
            "\"Bằng chữ : Một trăm năm mươi triệu đồng\",,,,,,,", ",,bằng  chữ:Một trăm năm mươi triệu đồng,,,,,",
        ])
    func words(row: String) throws {
        let result = Self.read(row + "\n")
        let words = try #require(result.report.wordsRows.first)
        #expect(words.words == "Một trăm năm mươi triệu đồng")
        #expect(words.line == 2)
        #expect(result.lines.isEmpty)
    }

    @Test("an item code without an amount is missing-amount, still a line")
    func missingAmount() throws {
        let result = Self.read("1,I.1,Mua,cái,2,5,,\n")
        #expect(result.findings == [Located(2, 7, .missingAmount)])
        #expect(result.findings(.missingAmount).first?.item == "I.1")
        #expect(result.lines.first?.amount == nil)
    }

    @Test("an amount without an item code is still a line")
    func amountWithoutCode() {
        let result = Self.read("1,,Mua,cái,2,5,10,\n")
        #expect(result.lines.map(\.amount) == [Money(dong: 10)])
    }

    @Test("extra non-empty cells beyond the header are a ragged-row warning; empty ones are not")
    func ragged() throws {
        let result = Self.read("1,I.1,Mua,cái,2,5,10,,x,\n2,I.1,Mua,cái,2,5,10,,,\n")
        #expect(result.findings == [Located(2, 9, .raggedRow)])
        let finding = try #require(result.findings(.raggedRow).first)
        #expect(finding.arguments == ["count": "9", "expected": "8"])
        #expect(finding.severity == .warning)
        #expect(result.lines.count == 2)
    }

    @Test("unreadable cells are nil with a finding; the line is still given")
    func unreadable() {
        let result = Self.read("1,I.1,Mua,cái,2x,5,10,\n2,I.1,Mua,cái,2,5,12abc,\n3,I.1,Mua,cái,2,\"5,5\",10,\n")
        #expect(
            result.findings == [
                Located(2, 5, .invalidNumber), Located(3, 7, .invalidNumber), Located(4, 6, .fractionalAmount),
            ])
        #expect(result.lines.count == 3)
        #expect(result.lines[0].quantity == nil)
        #expect(result.lines[1].amount == nil)
        #expect(result.lines[2].unitPrice == nil)
        #expect(result.findings(.invalidNumber).first?.column == "Số lượng")
    }

    @Test("an amount beyond 64 bits is invalid-number overflow; a sum beyond it is limit-exceeded sum")
    func overflow() {
        let big = "9.000.000.000.000.000.000"
        let result = Self.read("1,I.1,a,,,,99999999999999999999,\n2,I.1,b,,,,\(big),\n3,I.1,c,,,,\(big),\n")
        #expect(
            result.findings == [
                Located(2, 7, .invalidNumber, "overflow"), Located(4, nil, .limitExceeded, "sum"),
            ])
        #expect(result.report.lineSum == nil)
    }

    @Test("negative numbers are read as negative (the rules flag them)")
    func negatives() {
        let result = Self.read("1,I.1,Mua,cái,-2,(5.000),-10.000,\n")
        #expect(result.lines.first?.quantity == Quantity(-2))
        #expect(result.lines.first?.unitPrice == Money(dong: -5000))
        #expect(result.lines.first?.amount == Money(dong: -10_000))
    }

    @Test("more than nine decimals in a quantity is invalid-number too-precise")
    func tooPrecise() {
        let result = Self.read("1,I.1,Mua,cái,\"0,1234567891\",5,1,\n")
        #expect(result.findings == [Located(2, 5, .invalidNumber, "too-precise")])
        #expect(result.lines.first?.quantity == nil)
    }

    @Test("under a money scale a decimal amount can be whole đồng")
    func scaledDecimal() {
        let result = Fixture.read("Đơn vị tính: nghìn đồng\nMã nội dung;Nội dung;Thành tiền\nI.1;a;1,5\nI.1;b;0,0005\n")
        #expect(result.lines.first?.amount == Money(dong: 1500))
        #expect(result.findings == [Located(1, nil, .moneyScale), Located(4, 3, .fractionalAmount)])
    }
}
