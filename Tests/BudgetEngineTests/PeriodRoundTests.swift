import BudgetCore
import BudgetStore
import Foundation
import Testing

@testable import BudgetEngine

/// Rounds of periods in the engine: what the round stores, what it refuses to read, and
/// the comparison of two rounds whose plan files differ.
@Suite("Rounds of periods and their comparison")
struct PeriodRoundTests {
    /// A plan `thu-dinh-ky` recurring on the 20th from January 2020, with these agencies
    /// and items (each item open to anyone).
    static func plan(agencies: [String], items: [String]) -> String {
        let a = agencies.map { "{\"code\": \"\($0)\", \"name\": \"Đơn vị \($0)\"}" }.joined(separator: ",")
        let i = items.map { "{\"code\": \"\($0)\", \"title\": \"Nội dung \($0)\"}" }.joined(separator: ",")
        return """
            {"format": "budget-plan/1", "id": "thu-dinh-ky", "title": "Kế hoạch thử", "issuer": "Ủy ban nhân dân tỉnh",
             "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
             "recipient": {"code": "STC", "name": "Sở Tài chính"}, "currency": "VND",
             "timeZone": "Asia/Ho_Chi_Minh", "recurrence": {"every": "month", "day": 20, "first": "2020-01"},
             "agencies": [\(a)], "items": [\(i)]}
            """
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// An estimate from `agency`: one line per (item, amount).
    static func estimate(_ agency: String, _ lines: [(String, Int64)]) -> String {
        var text = "Mã đơn vị,\(agency)\n\nSTT,Mã nội dung,Nội dung,Thành tiền\n"
        for (n, line) in lines.enumerated() { text += "\(n + 1),\(line.0),Dòng \(n + 1),\(line.1)\n" }
        return text
    }

    /// Opens a round of `period` from `planText` in `dir` and submits `files` on the 10th.
    static func round(
        _ dir: TemporaryDirectory, _ name: String, planText: String, period: String,
        files: [(String, [(String, Int64)])]
    ) throws -> String {
        let planPath = dir.sub("\(name).json")
        try write(planText, to: planPath)
        let round = dir.sub(name)
        let plan = try InitRound().run(
            directory: round, planPath: planPath, period: period, clock: at("\(period)-01T08:00:00"))
        #expect(plan.period?.text == period)
        for (agency, lines) in files {
            let path = dir.sub("\(name)-\(agency).csv")
            try write(estimate(agency, lines), to: path)
            let result = try Submit().record(
                SubmitRequest(path: path), roundDirectory: round, clock: at("\(period)-10T09:00:00"))
            #expect(result.receipt.decision == .accepted, "\(agency): \(result.check.findings)")
        }
        return round
    }

    /// `export --round ROUND --compare OTHER --what WHAT --format FORMAT`, standard output.
    static func compare(
        _ round: String, with other: String, _ what: ReportTable.Kind, _ format: ExportFormat
    ) throws -> String {
        var bytes: [UInt8] = []
        try Export().run(
            ExportRequest(what: what, format: format, compare: other), roundDirectory: round,
            clock: at("2020-03-01T08:00:00"), standardOutput: { bytes += $0 })
        return String(decoding: bytes, as: UTF8.self)
    }

    static func rows(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("a plan amended between periods: rows of both plans, matched by code, each side named")
    func amendedPlan() throws {
        let dir = TemporaryDirectory()
        let january = try Self.round(
            dir, "thang-01", planText: Self.plan(agencies: ["DV1", "DV2"], items: ["ND.1", "ND.2"]),
            period: "2020-01", files: [("DV1", [("ND.1", 1_000_000)]), ("DV2", [("ND.2", 3_000_000)])])
        let february = try Self.round(
            dir, "thang-02", planText: Self.plan(agencies: ["DV1", "DV3"], items: ["ND.1", "ND.3"]),
            period: "2020-02", files: [("DV1", [("ND.1", 1_500_000), ("ND.3", 500_000)])])
        let agencies = try Self.rows(Self.compare(february, with: january, .agencies, .json))
        #expect(agencies.map { $0["code"] as? String } == ["DV1", "DV3", "DV2"], "this plan's order, then the other's")
        #expect(agencies.map { $0["state"] as? String } == ["Đã nhận", "Chưa gửi", "Không có trong kế hoạch"])
        #expect(agencies.map { $0["otherState"] as? String } == ["Đã nhận", "Không có trong kế hoạch", "Đã nhận"])
        #expect(agencies.map { $0["change"] as? Int } == [1_000_000, 0, -3_000_000])
        #expect(agencies.map { ($0["changePercent"] as? NSNumber)?.doubleValue } == [100, nil, -100])
        let items = try Self.rows(Self.compare(february, with: january, .items, .json))
        #expect(items.map { $0["code"] as? String } == ["ND.1", "ND.3", "ND.2"])
        #expect(items.map { $0["total"] as? Int } == [1_500_000, 500_000, 0])
        #expect(items.map { $0["otherTotal"] as? Int } == [1_000_000, 0, 3_000_000])
        #expect(items.map { $0["change"] as? Int } == [500_000, 500_000, -3_000_000])
        #expect(
            items.map { $0["note"] as? String } == [
                nil, "Chỉ có trong kế hoạch tháng 02/2020", "Chỉ có trong kế hoạch tháng 01/2020",
            ])
        let html = try Self.compare(february, with: january, .items, .html)
        #expect(html.contains("kế hoạch của hai đợt có khác biệt, đơn vị và nội dung được đối chiếu theo mã"))
        let same = try Self.compare(january, with: january, .items, .html)
        #expect(!same.contains("có khác biệt"), "a round compared with itself has one plan")
        #expect(same.contains("Kinh phí đợt này (đồng)"), "one period on both sides: the sides are named as rounds")
    }

    @Test("two rounds of a plan with one deadline compare as \"this round\" and \"the round compared\"")
    func roundsWithoutPeriods() throws {
        let first = TemporaryDirectory()
        let second = TemporaryDirectory()
        let before = try konTumRound(first, submitting: ["bao-kon-tum.csv"])
        let after = try konTumRound(second, submitting: ["bao-kon-tum.csv", "so-van-hoa.csv"])
        let markdown = try Self.compare(after, with: before, .agencies, .md)
        #expect(markdown.contains("| Trạng thái đợt này | Trạng thái đợt so sánh |"))
        let rows = try Self.rows(Self.compare(after, with: before, .agencies, .json))
        let svh = try #require(rows.first { $0["code"] as? String == "SVHTTDL" })
        #expect(svh["otherState"] as? String == "Chưa gửi")
        #expect(svh["otherTotal"] as? Int == 0)
        #expect((svh["change"] as? Int ?? 0) > 0)
        #expect(svh["changePercent"] is NSNull, "no percentage of nothing")
        let baokt = try #require(rows.first { $0["code"] as? String == "BAOKT" })
        #expect(baokt["change"] as? Int == 0)
        #expect((baokt["changePercent"] as? NSNumber)?.intValue == 0)
    }

    @Test("a stored period the plan cannot take, or a recurring plan stored without one, is the store's failure")
    func unreadablePeriods() throws {
        let dir = TemporaryDirectory()
        let konTum = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repo.konTumPlan)))
        let recurring = Array(Self.plan(agencies: ["DV1"], items: ["ND.1"]).utf8)
        let cases: [(String, [UInt8], String?)] = [
            ("one-deadline-with-period", konTum, "2020-02"), ("recurring-without-period", recurring, nil),
            ("malformed-period", recurring, "2020-2"), ("period-before-the-first", recurring, "2019-12"),
        ]
        for (name, bytes, period) in cases {
            let round = dir.sub(name)
            _ = try RoundStore.create(
                directory: round, planBytes: bytes, createdAt: Date(timeIntervalSince1970: 1_580_000_000),
                clockKind: .simulated, toolVersion: BudgetVersion.current, period: period)
            do {
                _ = try Status().run(roundDirectory: round, clock: at("2020-02-10T08:00:00"))
                Issue.record("\(name): the round was read")
            } catch {
                #expect(error.kind == .environment, "\(name)")
                #expect(error.exitStatus == .environment, "\(name)")
            }
        }
    }

    @Test("the round keeps its period, and reads the plan with that period's deadline")
    func storedPeriod() throws {
        let dir = TemporaryDirectory()
        let round = try Self.round(
            dir, "thang-02", planText: Self.plan(agencies: ["DV1"], items: ["ND.1"]), period: "2020-02", files: [])
        #expect(try RoundStore.open(directory: round).meta.period == "2020-02")
        let status = try Status().run(roundDirectory: round, clock: at("2020-02-20T23:59:59"))
        #expect(status.isOpen)
        #expect(status.consolidation.plan.period == Period("2020-02"))
        let tz = status.consolidation.plan.timeZone
        #expect(ISOTime.format(status.consolidation.plan.deadline.shown, in: tz) == "2020-02-20T23:59:59+07:00")
        #expect(!(try Status().run(roundDirectory: round, clock: at("2020-02-21T00:00:00"))).isOpen)
    }
}
