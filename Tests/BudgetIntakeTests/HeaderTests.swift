import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Header and key rows")
struct HeaderTests {
    @Test("the header is found below title and key rows, and key rows fill the preamble")
    func belowTitles() throws {
        let result = Fixture.read(
            """
            ỦY BAN NHÂN DÂN TỈNH KON TUM
            DỰ TOÁN KINH PHÍ,,,
            Kế hoạch,,kon-tum-2020
            Mã đơn vị: BAOKT
            Đơn vị,Báo Kon Tum,Đơn vị tính,nghìn đồng

            \(Fixture.header)
            1,I.1,Mua,cái,2,5,10,
            """)
        let preamble = try #require(result.consumer.preamble)
        #expect(preamble.headerLine == 7)
        #expect(preamble.value(.plan)?.value == "kon-tum-2020")
        #expect(preamble.value(.agencyCode) == KeyRow(key: .agencyCode, line: 4, value: "BAOKT"))
        #expect(preamble.value(.agencyName)?.value == "Báo Kon Tum")
        #expect(preamble.value(.moneyUnit)?.value == "nghìn đồng")
        #expect(result.report.moneyScale == 1000)
        #expect(result.lines.first?.amount == Money(dong: 10_000))
        #expect(result.consumer.begins == 1)
    }

    @Test(
        "column names match in any case, with or without tone marks, NFC or NFD, and in English",
        arguments: [
            "STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú",
            "stt,MÃ NỘI DUNG,noi dung,don vi tinh,SO LUONG,don  gia,thanh tien,ghi chu",
            "STT,Ma\u{0303} no\u{0323}\u{0302}i dung,No\u{0323}\u{0302}i dung,DVT,So\u{0302}\u{0301} lu\u{031B}o\u{031B}\u{0323}ng,Đo\u{031B}n gia\u{0301},Tha\u{0300}nh tie\u{0302}\u{0300}n,Ghi chu\u{0301}",
            "No,Code,Description,Unit,Quantity,Unit price,Amount,Note",
            "#,code,description,UNIT,qty,Price,amount,notes",
            "TT,Mã ND,Diễn giải,ĐVT,SL,Đơn giá (đồng),Thành tiền (đồng),Ghi chú",
        ])
    func names(header: String) throws {
        let result = Fixture.read(header + "\n1,I.1,Mua,cái,2,5,10,ghi\n")
        let preamble = try #require(result.consumer.preamble)
        #expect(Set(preamble.columns.keys) == Set(ColumnField.allCases))
        #expect(
            result.lines.first
                == EstimateLine(
                    line: 2, number: "1", itemCode: "I.1", description: "Mua", unit: "cái", quantity: Quantity(2),
                    unitPrice: Money(dong: 5), amount: Money(dong: 10), note: "ghi"))
        #expect(result.report.findings.isEmpty)
    }

    @Test("column order is free and unknown columns are ignored")
    func order() throws {
        let result = Fixture.read("Thành tiền,Người lập,Mã nội dung,Nội dung\n90000,An,I.1,Mua\n")
        #expect(result.lines.first?.amount == Money(dong: 90000))
        #expect(result.lines.first?.itemCode == "I.1")
        #expect(result.consumer.preamble?.columns[.amount] == ColumnRef(name: "Thành tiền", number: 1))
    }

    @Test(
        "a unit in the amount or price header scales money",
        arguments: [
            ("Thành tiền (nghìn đồng)", "Đơn giá", Int64(1000), Int64(1000)),
            ("Thành tiền (triệu đồng)", "Đơn giá (đồng)", 1_000_000, 1),
            ("Thành tiền (VNĐ)", "Đơn giá (đ)", 1, 1),
            ("Thành tiền", "Đơn giá (ngàn đồng)", 1000, 1000),
        ])
    func headerUnits(amountName: String, priceName: String, amountFactor: Int64, priceFactor: Int64) {
        let result = Fixture.read("Mã nội dung,Số lượng,\(priceName),\(amountName)\nI.1,2,5,10\n")
        #expect(result.lines.first?.amount == Money(dong: 10 * amountFactor))
        #expect(result.lines.first?.unitPrice == Money(dong: 5 * priceFactor))
        #expect(result.report.moneyScale == amountFactor)
        let scaled = amountFactor > 1 || priceFactor > 1
        #expect(result.findings(.moneyScale).isEmpty == !scaled)
    }

    @Test("a header names at least three known columns; without one there is no-header")
    func noHeader() {
        let result = Fixture.read("Mã nội dung,Ghi chú\nI.1,x\n")
        #expect(result.findings == [Located(nil, nil, .noHeader)])
        #expect(result.consumer.preamble == nil)
        #expect(result.lines.isEmpty)
    }

    @Test("missing item code or amount columns are reported with the field's Vietnamese name")
    func missingColumns() {
        let result = Fixture.read("STT,Nội dung,Đơn giá,Ghi chú\n1,x,5,\n")
        #expect(result.findings == [Located(1, nil, .missingColumn), Located(1, nil, .missingColumn)])
        #expect(
            Set(result.findings(.missingColumn).compactMap { $0.arguments["field"] }) == ["Mã nội dung", "Thành tiền"])
        #expect(result.lines.isEmpty)
        #expect(result.consumer.preamble != nil)
    }

    @Test("two columns for one field are a duplicate-column; the first is used")
    func duplicate() throws {
        let result = Fixture.read("Mã nội dung,Thành tiền,Số tiền,Nội dung\nI.1,10,20,x\n")
        let finding = try #require(result.findings(.duplicateColumn).first)
        #expect(Located(finding) == Located(1, 3, .duplicateColumn))
        #expect(finding.arguments == ["field": "Thành tiền", "other": "Thành tiền", "otherNumber": "2"])
        #expect(result.lines.first?.amount == Money(dong: 10))
    }

    @Test("a file of only a header gives no lines")
    func onlyHeader() {
        let result = Fixture.read(Fixture.header + "\n")
        #expect(result.lines.isEmpty)
        #expect(result.report.lineCount == 0)
        #expect(result.report.findings.isEmpty)
        #expect(result.consumer.preamble?.headerLine == 1)
    }

    @Test(
        "the money unit row says đồng, nghìn or triệu",
        arguments: [
            ("Đơn vị tính: đồng", Int64(1)), ("ĐVT: nghìn đồng", 1000), ("Đơn vị tính,ngàn đồng", 1000),
            ("Unit: million VND", 1_000_000), ("Đơn vị tính: triệu đồng", 1_000_000), ("Đơn vị tính: cái", 1),
        ])
    func unitRow(row: String, factor: Int64) {
        let result = Fixture.read("\(row)\nMã nội dung,Nội dung,Thành tiền\nI.1,x,7\n")
        #expect(result.lines.first?.amount == Money(dong: 7 * factor))
        #expect(result.report.moneyScale == factor)
        #expect(result.findings(.moneyScale).map { Located($0) } == (factor > 1 ? [Located(1, nil, .moneyScale)] : []))
    }

    @Test(
        "key rows match in NFD, without tone marks, and in English",
        arguments: [
            "Ma\u{0303} \u{0111}o\u{031B}n vi\u{0323},BAOKT", "MA DON VI,BAOKT", "Agency code,BAOKT",
            "agency code: BAOKT",
        ])
    func keyNames(row: String) {
        let result = Fixture.read("\(row)\nMã nội dung,Nội dung,Thành tiền\nI.1,x,7\n")
        #expect(result.consumer.preamble?.value(.agencyCode) == KeyRow(key: .agencyCode, line: 1, value: "BAOKT"))
    }
}
