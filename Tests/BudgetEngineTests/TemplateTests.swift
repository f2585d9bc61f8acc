import BudgetCore
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
}
