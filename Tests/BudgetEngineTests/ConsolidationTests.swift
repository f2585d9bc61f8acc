import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Consolidation")
struct ConsolidationTests {
    /// A plan of `agencies` agencies and `items` items open to anyone.
    static func plan(agencies: Int, items: Int) -> String {
        let a = (1...agencies).map { "{\"code\": \"DV\($0)\", \"name\": \"Đơn vị số \($0)\"}" }.joined(separator: ",")
        let i = (1...items).map {
            "{\"code\": \"ND.\($0)\", \"title\": \"Nội dung \($0)\", \"cap\": \($0 * 1_000_000)}"
        }
        .joined(separator: ",")
        return """
            {"format": "budget-plan/1", "id": "thu-tai", "title": "Kế hoạch thử", "issuer": "Ủy ban nhân dân tỉnh",
             "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
             "recipient": {"code": "STC", "name": "Sở Tài chính"}, "currency": "VND",
             "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10", "agencies": [\(a)], "items": [\(i)]}
            """
    }

    @Test("on a generated round of 1 000 agencies the lines, the agencies and the items sum alike")
    func thousandAgencies() throws {
        let dir = TemporaryDirectory()
        let planPath = dir.sub("plan.json")
        try Data(Self.plan(agencies: 1000, items: 7).utf8).write(to: URL(fileURLWithPath: planPath))
        let round = dir.sub("round")
        let plan = try InitRound().run(directory: round, planPath: planPath, clock: at("2020-03-01T08:00:00"))
        let store = try RoundStore.open(directory: round)
        var expected = Money.zero
        var byItem: [String: Money] = [:]
        for n in 1...1000 {
            var lines: [EstimateLine] = []
            var totals: [String: Money] = [:]
            for k in 0..<3 {
                let item = plan.items[(n + k) % plan.items.count].code
                let amount = Money(dong: Int64(n * 1_000 + k * 7))
                lines.append(EstimateLine(line: 3 + k, itemCode: item, description: "Dòng \(k)", amount: amount))
                totals[item] = (totals[item] ?? .zero).adding(amount)
                byItem[item] = (byItem[item] ?? .zero).adding(amount)
            }
            let total = Money.sum(lines.compactMap(\.amount)) ?? .zero
            expected = expected.adding(total) ?? .zero
            let bytes = Array("agency \(n)".utf8)
            _ = try store.record(
                NewReceipt(
                    fileName: "dv\(n).csv", bytes: bytes, sha256: SHA256.hex(bytes), agency: "DV\(n)", declaredAt: nil,
                    recordedAt: Date(timeIntervalSince1970: 1_583_000_000), clockKind: .simulated, decision: .accepted,
                    valid: true, note: nil, reason: nil, total: total, lineCount: 3, encoding: "utf-8", findings: [],
                    lines: lines, itemTotals: totals))
        }
        let status = try Status().run(roundDirectory: round, clock: at("2020-03-05T08:00:00"))
        let c = status.consolidation
        #expect(c.grandTotal == expected)
        #expect(Dictionary(uniqueKeysWithValues: c.items.map { ($0.item.code, $0.total) }) == byItem)
        #expect(Money.sum(c.agencies.compactMap(\.total)) == expected)
        // The lines, streamed by the package, agree as well (it refuses to write otherwise).
        let result = try BuildPackage().run(
            PackageRequest(out: dir.sub("p")), roundDirectory: round, clock: at("2020-03-12T15:00:00"))
        #expect(result.lineCount == 3000)
        #expect(c.findings.allSatisfy { $0.code == .capExceeded })
        #expect(c.findings.count == 7)
    }

    @Test("the line tally refuses lines that disagree with a receipt's total")
    func tallyMismatch() throws {
        let dir = TemporaryDirectory()
        let round = try konTumRound(dir, submitting: ["bao-kon-tum.csv"])
        let c = try Status().run(roundDirectory: round, clock: at("2020-03-06T09:00:00")).consolidation
        var tally = LineTally(expected: c)
        let id = try #require(c.counted.first?.id)
        tally.add(id, Money(dong: 1))
        #expect(throws: EngineError.self) { try tally.verify() }
    }

    @Test("exports write each table in each format; CSV and JSON have data rows only")
    func exports() throws {
        let dir = TemporaryDirectory()
        let round = try konTumRound(dir, submitting: ["bao-kon-tum.csv"])
        for what in ReportTable.Kind.allCases {
            for format in ExportFormat.allCases {
                var out: [UInt8] = []
                try Export().run(
                    ExportRequest(what: what, format: format, separator: .comma), roundDirectory: round,
                    clock: at("2020-03-06T09:00:00"), standardOutput: { out += $0 })
                #expect(!out.isEmpty, "\(what) \(format)")
            }
        }
        var json: [UInt8] = []
        try Export().run(
            ExportRequest(what: .agencies, format: .json, separator: .comma), roundDirectory: round,
            clock: at("2020-03-06T09:00:00"), standardOutput: { json += $0 })
        let rows = try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]]
        #expect(rows?.count == 7)
        #expect(rows?.first { $0["code"] as? String == "BAOKT" }?["total"] as? Int == 321_000_000)
        var csv: [UInt8] = []
        try Export().run(
            ExportRequest(what: .items, format: .csv, separator: .semicolon), roundDirectory: round,
            clock: at("2020-03-06T09:00:00"), standardOutput: { csv += $0 })
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}STT;Mã nội dung;"))
        #expect(!text.contains("Tổng cộng"))
    }
}
