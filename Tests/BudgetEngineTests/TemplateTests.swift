import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Templates")
struct TemplateTests {
    @Test("the committed Kon Tum templates are what budget template writes, one per agency")
    func committed() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        for agency in plan.agencies {
            let path = Repo.path("Templates/submissions/kon-tum-2020/\(agency.code).csv")
            let disk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(try MakeTemplate().run(plan: plan, agency: agency.code) == disk, "\(agency.code)")
        }
    }

    @Test("a template is UTF-8 with a BOM, names its agency and lists exactly its assigned items")
    func content() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let bytes = try MakeTemplate().run(plan: plan, agency: "dptth")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("DỰ TOÁN KINH PHÍ\r\nKế hoạch,kon-tum-2020\r\nMã đơn vị,DPTTH\r\n"))
        for item in plan.items {
            #expect(text.contains("," + item.code + ",") == item.isAssigned(to: "DPTTH"), "\(item.code)")
        }
    }

    @Test("a filled-in template is valid; a blank one reports each empty amount")
    func roundTrip() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let blank = try MakeTemplate().run(plan: plan, agency: "CAT")
        var checked = try SubmissionCheck.run(
            plan: plan, fileName: "CAT.csv", options: ReadOptions(), open: { MemoryByteSource(blank) })
        #expect(checked.agency?.code == "CAT")
        #expect(checked.findings.map(\.code) == [.missingAmount])
        let filled = String(decoding: blank, as: UTF8.self)
            .replacingOccurrences(of: ",,,,,\r\n,,Tổng cộng", with: ",tháng,6,10.000.000,60.000.000,\r\n,,Tổng cộng")
            .replacingOccurrences(of: ",,Tổng cộng,,,,,", with: ",,Tổng cộng,,,,60.000.000,")
            .replacingOccurrences(of: "Bằng chữ: ,", with: "Bằng chữ: Sáu mươi triệu đồng,")
        checked = try SubmissionCheck.run(
            plan: plan, fileName: "CAT.csv", options: ReadOptions(), open: { MemoryByteSource(Array(filled.utf8)) })
        #expect(checked.valid, "\(checked.findings)")
        #expect(checked.total == Money(dong: 60_000_000))
    }

    @Test("an unknown agency is a usage error that suggests the near code")
    func unknown() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        #expect(throws: EngineError.self) { try MakeTemplate().run(plan: plan, agency: "BAOK") }
        do {
            _ = try MakeTemplate().run(plan: plan, agency: "BAOK")
        } catch {
            #expect(error.message.en.contains("did you mean \"BAOKT\"?"))
            #expect(error.exitStatus == .usage)
        }
    }

    static let now = ISOTime.parse("2020-03-02T08:00:00+07:00").map { $0.instant(defaultZone: .current) } ?? Date()

    @Test("the Excel template: sheet Dự toán with the key rows, header, items, drop-down, formulas, SUM and Bằng chữ")
    func workbook() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let items = plan.items(assignedTo: "BAOKT")
        let bytes = try MakeTemplate().run(plan: plan, agency: "baokt", format: .xlsx, now: Self.now)
        #expect(try MakeTemplate().run(plan: plan, agency: "BAOKT", format: .xlsx, now: Self.now) == bytes)
        let zip = try ZipReader(bytes)
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(workbook.contains("<sheet name=\"Dự toán\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(workbook.contains("<sheet name=\"Nội dung được giao\" sheetId=\"2\" r:id=\"rId2\"/>"))
        #expect(workbook.contains(">'Dự toán'!$6:$6</definedName>"), "the header prints on every page")
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        for (reference, text) in [
            ("A1", "DỰ TOÁN KINH PHÍ"), ("A2", "Kế hoạch"), ("C2", "kon-tum-2020"), ("A3", "Mã đơn vị"),
            ("C3", "BAOKT"), ("A4", "Đơn vị"), ("C4", "Báo Kon Tum"),
        ] {
            #expect(sheet.contains("<c r=\"\(reference)\"") && sheet.contains("<t>\(text)</t>"), "\(reference)")
        }
        let header = ["STT", "Mã nội dung", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá", "Thành tiền", "Ghi chú"]
        for (column, title) in header.enumerated() {
            let letter = String(UnicodeScalar(UInt8(65 + column)))
            #expect(sheet.contains("<c r=\"\(letter)6\" s=\"1\" t=\"inlineStr\"><is><t>\(title)</t></is></c>"))
        }
        for (n, item) in items.enumerated() {
            #expect(sheet.contains("<c r=\"A\(7 + n)\" s=\"5\"><v>\(n + 1)</v></c>"))
            #expect(sheet.contains("<c r=\"B\(7 + n)\" s=\"3\" t=\"inlineStr\"><is><t>\(item.code)</t></is></c>"))
        }
        let last = 6 + items.count + MakeTemplate.extraRows
        for row in [7, last] {
            #expect(
                sheet.contains(
                    "<c r=\"G\(row)\" s=\"2\" t=\"str\"><f>IF(OR(E\(row)=\"\",F\(row)=\"\"),\"\",E\(row)*F\(row))</f><v></v></c>"
                ),
                "row \(row): amount = quantity × price, cached blank")
        }
        #expect(sheet.contains("<c r=\"G\(last + 1)\" s=\"2\" t=\"str\"><f>SUM(G7:G\(last))</f><v></v></c>"))
        #expect(workbook.contains("<calcPr fullCalcOnLoad=\"1\"/></workbook>"), "recalculated when opened")
        #expect(sheet.contains("<c r=\"C\(last + 1)\" s=\"4\" t=\"inlineStr\"><is><t>Tổng cộng</t></is></c>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">Bằng chữ: </t>"))
        #expect(sheet.contains("<c r=\"F7\" s=\"2\"/>"), "the price is formatted #,##0")
        #expect(sheet.contains("<c r=\"A1\" s=\"7\" t=\"inlineStr\"><is><t>DỰ TOÁN KINH PHÍ</t>"), "a title")
        #expect(sheet.contains("<mergeCell ref=\"A1:H1\"/><mergeCell ref=\"A2:B2\"/>"), "labels over two columns")
        #expect(
            sheet.contains(
                "sqref=\"B7:B\(last)\"><formula1>'Nội dung được giao'!$A$2:$A$\(items.count + 1)</formula1>"))
        #expect(sheet.contains("<dataValidation type=\"list\""))
        #expect(
            sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        let list = try #require(zip.text("xl/worksheets/sheet2.xml"))
        for item in items { #expect(list.contains("<t>\(item.code)</t>")) }
        let otherItems = plan.items.filter { !$0.isAssigned(to: "BAOKT") }
        for item in otherItems { #expect(!list.contains("<t>\(item.code)</t>")) }
    }

    @Test("the format follows --format, else the output's extension; the CSV template is what it was")
    func formats() throws {
        #expect(TemplateFormat.implied(by: .file("BAOKT.xlsx")) == .xlsx)
        #expect(TemplateFormat.implied(by: .file("BAOKT.XLSX")) == .xlsx)
        #expect(TemplateFormat.implied(by: .file("BAOKT.csv")) == .csv)
        #expect(TemplateFormat.implied(by: .standardOutput) == .csv)
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let csv = try MakeTemplate().run(plan: plan, agency: "CAT", format: .csv, now: Self.now)
        #expect(csv == (try MakeTemplate().run(plan: plan, agency: "CAT")))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let xlsx = try MakeTemplate().run(plan: plan, agency: "CAT", format: .xlsx, now: Self.now)
        #expect(Array(xlsx.prefix(2)) == [0x50, 0x4B], "a ZIP")
    }

    @Test("every agency's blank Excel template reads as its blank CSV template: the same agency, lines and findings")
    func workbookReadsLikeCSV() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        for agency in plan.agencies {
            let csv = try MakeTemplate().run(plan: plan, agency: agency.code)
            let xlsx = try MakeTemplate().run(plan: plan, agency: agency.code, format: .xlsx, now: Self.now)
            let fromCSV = try SubmissionCheck.run(
                plan: plan, fileName: "\(agency.code).csv", options: ReadOptions(), open: { MemoryByteSource(csv) })
            let fromXLSX = try SubmissionCheck.run(
                plan: plan, fileName: "\(agency.code).xlsx", options: ReadOptions(), open: { MemoryByteSource(xlsx) })
            #expect(fromXLSX.agency?.code == agency.code)
            #expect(fromXLSX.lines == fromCSV.lines, "\(agency.code)")
            #expect(fromXLSX.findings.map(\.code) == fromCSV.findings.map(\.code), "\(agency.code)")
            #expect(fromXLSX.findings.map(\.line) == fromCSV.findings.map(\.line), "\(agency.code): the same rows")
        }
    }
}
