import Foundation
import Testing

/// The papers through the binary: the Excel template, and a plan wider than a worksheet.
@Suite("template --format xlsx and wide plans through the binary")
struct PapersFlowTests {
    static let now = ["BUDGET_NOW": "2020-03-02T08:00:00+07:00"]

    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("template writes a workbook for --format xlsx or an .xlsx name, CSV otherwise, byte-identical per clock")
    func template() throws {
        let scratch = Scratch("template")
        let plan = "kon-tum-2020"
        let byName = try Binary.run(
            ["template", "--plan", plan, "--agency", "BAOKT", "-o", scratch.sub("BAOKT.xlsx")], environment: Self.now)
        #expect(byName.status == 0, "\(byName.stderr)")
        let workbook = try bytes(scratch.sub("BAOKT.xlsx"))
        #expect(Array(workbook.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        let explicit = try Binary.run(
            ["template", "--plan", plan, "--agency", "BAOKT", "--format", "xlsx", "-o", scratch.sub("mau")],
            environment: Self.now)
        #expect(explicit.status == 0)
        #expect(try bytes(scratch.sub("mau")) == workbook, "the same plan, agency and clock: the same bytes")
        let csvNamedXLSX = try Binary.run(
            ["template", "--plan", plan, "--agency", "BAOKT", "--format", "csv", "-o", scratch.sub("csv.xlsx")],
            environment: Self.now)
        #expect(csvNamedXLSX.status == 0)
        #expect(Array(try bytes(scratch.sub("csv.xlsx")).prefix(3)) == [0xEF, 0xBB, 0xBF], "--format wins")
        let csv = try Binary.run(["template", "--plan", plan, "--agency", "BAOKT"], environment: Self.now)
        #expect(
            csv.stdout
                == String(
                    decoding: try bytes(Binary.path("Templates/submissions/kon-tum-2020/BAOKT.csv")), as: UTF8.self))
        let refused = try Binary.run(
            ["template", "--plan", plan, "--agency", "BAOKT", "-o", scratch.sub("BAOKT.xlsx")], environment: Self.now)
        #expect(refused.status == 2, "an existing file is kept without --force")
        let bad = try Binary.run(["template", "--plan", plan, "--agency", "BAOKT", "--format", "ods"])
        #expect(bad.status == 2)
        let help = try Binary.run(["template", "--help"])
        #expect(help.stdout.contains("--format"))
    }

    @Test("a plan of 16 382 items packages (exit 0) with its matrix transposed, and the memo says so")
    func widePlan() throws {
        let scratch = Scratch("wide")
        let items = (1...16_382).map { "{\"code\": \"N.\($0)\", \"title\": \"Nội dung số \($0)\"}" }
        let plan = """
            {"format": "budget-plan/1", "id": "rong", "title": "Kế hoạch rất nhiều nội dung",
             "issuer": "Ủy ban nhân dân tỉnh Kon Tum", "place": "Kon Tum",
             "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
             "recipient": {"code": "STC", "name": "Sở Tài chính"}, "currency": "VND", "timeZone": "Asia/Ho_Chi_Minh",
             "deadline": "2020-03-10", "agencies": [{"code": "BAOKT", "name": "Báo Kon Tum"}],
             "items": [\(items.joined(separator: ","))]}
            """
        try scratch.write("rong.json", Array(plan.utf8))
        try scratch.write(
            "baokt.csv", Array("Mã đơn vị,BAOKT\nSTT,Mã nội dung,Nội dung,Thành tiền\n1,N.16382,Cuối,5000\n".utf8))
        let env = ["BUDGET_NOW": "2020-03-05T09:00:00+07:00"]
        #expect(
            try Binary.run(["init", scratch.sub("round"), "--plan", scratch.sub("rong.json")], environment: env).status
                == 0)
        let submitted = try Binary.run(
            ["submit", scratch.sub("baokt.csv"), "--round", scratch.sub("round")], environment: env)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let package = try Binary.run(
            ["package", "--round", scratch.sub("round"), "--out", scratch.sub("goi"), "--zip"], environment: env)
        #expect(package.status == 0, "\(package.stderr)")
        let memo = String(decoding: try bytes(scratch.sub("goi/to-trinh.html")), as: UTF8.self)
        #expect(memo.contains("Kế hoạch có 16.382 nội dung"))
        let export = try Binary.run(
            [
                "export", "--round", scratch.sub("round"), "--what", "matrix", "--format", "xlsx", "-o",
                scratch.sub("m.xlsx"),
            ],
            environment: env)
        #expect(export.status == 0, "\(export.stderr)")
    }
}
