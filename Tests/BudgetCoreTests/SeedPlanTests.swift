import Foundation
import Testing

@testable import BudgetCore

/// The plan files shipped in `Templates/plans/` and the Kon Tum example in `Examples/`.
///
/// The plans are what users start from and what the demo runs on, so each must pass the
/// strict loader and keep the facts the seeds state (deadlines, who consolidates, who
/// receives). The example's expected totals are checked against the plan here, so that a
/// change to either is caught before the engine's consolidation tests disagree.
@Suite("Seed plans and the Kon Tum example")
struct SeedPlanTests {
    /// The repository root, found from this file's path (Tests/BudgetCoreTests/…).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let plansDirectory = root.appendingPathComponent("Templates/plans")

    /// Every `*.json` in Templates/plans, sorted.
    static let planFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plansDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    static func plan(_ name: String) throws -> Plan {
        try PlanLoader.load(bytes("Templates/plans/\(name)"))
    }

    static func instant(_ iso: String) -> Date? {
        ISO8601DateFormatter().date(from: iso)
    }

    /// The calendar date of a date deadline, in the plan's zone: the day of its last instant.
    static func deadlineDay(_ plan: Plan) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = plan.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: plan.deadline.shown)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    // MARK: every plan

    @Test("the four seed plans are present")
    func present() {
        #expect(
            Set(Self.planFiles).isSuperset(of: [
                "kon-tum-2020.json", "dak-lak-2020.json", "bac-ninh-2020.json", "phu-yen-2021.json",
            ]))
    }

    @Test("every plan file passes the strict loader", arguments: planFiles)
    func loads(_ name: String) throws {
        let plan = try Self.plan(name)
        #expect(plan.id + ".json" == name, "the file is named after the plan id")
        #expect(plan.currency == "VND")
        #expect(plan.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(plan.deadline.isDate)
    }

    @Test("every agency has at least one item, and every item names who may claim it", arguments: planFiles)
    func assignments(_ name: String) throws {
        let plan = try Self.plan(name)
        for agency in plan.agencies {
            #expect(
                !plan.items.filter { $0.agencies.contains(agency.code) }.isEmpty, "\(name): \(agency.code) has no item")
        }
        for item in plan.items {
            #expect(!item.agencies.isEmpty, "\(name): \(item.code) is open to anyone")
        }
    }

    @Test("plan files are UTF-8 in NFC, without BOM, replacement characters or mojibake", arguments: planFiles)
    func composed(_ name: String) throws {
        let raw = try Self.bytes("Templates/plans/\(name)")
        #expect(!raw.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = try #require(String(bytes: raw, encoding: .utf8))
        // Swift's String == ignores normalisation; compare the scalars themselves.
        #expect(Array(text.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(!text.unicodeScalars.contains("\u{FFFD}"))
        // UTF-8 read as Latin-1/Windows-1252 shows up as pairs such as "Ã¡", "áº", "á»",
        // "Ä‘", "Æ°" ("Ã" alone is a letter: "XÃ HỘI"); JSON escapes hide the text.
        for marker in ["Ã¡", "Ã©", "Ã³", "Ãº", "áº", "á»", "Ä‘", "Æ°", "Æ¡", "\\u"] {
            #expect(!text.contains(marker), "\(name) contains \(marker)")
        }
        // Every title and name survives loading unchanged (no stray spaces to trim).
        let plan = try Self.plan(name)
        for title in [plan.title, plan.issuer] + plan.items.map(\.title) + plan.agencies.map(\.name) {
            #expect(text.contains("\"\(title)\""), "\(name): \(title)")
        }
    }

    // MARK: Kon Tum

    @Test("Kon Tum: due by the end of 10 March 2020 in Asia/Ho_Chi_Minh")
    func konTumDeadline() throws {
        let plan = try Self.plan("kon-tum-2020.json")
        #expect(plan.deadline.text == "2020-03-10")
        #expect(Self.deadlineDay(plan) == "2020-03-10")
        #expect(plan.deadline.shown == Self.instant("2020-03-10T23:59:59+07:00"))
        #expect(plan.deadline.isOnTime(try #require(Self.instant("2020-03-10T23:59:59+07:00"))))
        #expect(plan.deadline.isOnTime(try #require(Self.instant("2020-03-10T16:59:59Z"))))
        #expect(!plan.deadline.isOnTime(try #require(Self.instant("2020-03-11T00:00:00+07:00"))))
    }

    @Test("Kon Tum: the Department of Information and Communications consolidates for Finance")
    func konTumParties() throws {
        let plan = try Self.plan("kon-tum-2020.json")
        #expect(plan.id == "kon-tum-2020")
        #expect(plan.title.hasPrefix("Kế hoạch triển khai thực hiện Kế hoạch số 116-KH/TU"))
        #expect(plan.title.hasSuffix("tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"))
        #expect(plan.issuer == "Ủy ban nhân dân tỉnh Kon Tum")
        #expect(plan.place == "Kon Tum")
        #expect(plan.consolidator == Party(code: "STTTT", name: "Sở Thông tin và Truyền thông"))
        #expect(plan.recipient == Party(code: "STC", name: "Sở Tài chính"))
    }

    @Test(
        "the seeds' issuers: Kon Tum's is a state body (UBND tỉnh), the others Party bodies",
        arguments: [
            ("kon-tum-2020.json", Authority.state), ("bac-ninh-2020.json", .party), ("dak-lak-2020.json", .party),
            ("phu-yen-2021.json", .party),
        ])
    func authority(name: String, authority: Authority) throws {
        let plan = try Self.plan(name)
        #expect(plan.authority == authority)
        let partyWords = ["Đảng ủy", "Tỉnh ủy", "Ban Tuyên giáo"]
        #expect(partyWords.contains { plan.issuer.contains($0) } == (authority == .party), "\(plan.issuer)")
    }

    @Test("Kon Tum: the agencies of sections IV and V prepare estimates")
    func konTumAgencies() throws {
        let plan = try Self.plan("kon-tum-2020.json")
        let expected = [
            "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
            "BAOKT": "Báo Kon Tum",
            "DPTTH": "Đài Phát thanh - Truyền hình tỉnh",
            "STTTT": "Sở Thông tin và Truyền thông",
            "CAT": "Công an tỉnh",
        ]
        for (code, name) in expected {
            #expect(plan.agency(matching: code)?.name == name, "\(code)")
            #expect(plan.agency(named: name)?.code == code, "\(name)")
        }
        // The recipient reviews the package; it does not submit to itself.
        #expect(plan.agency(matching: "STC") == nil)
    }

    @Test("Kon Tum: the section IV catalogue, each task with the agency the plan names")
    func konTumItems() throws {
        let plan = try Self.plan("kon-tum-2020.json")
        #expect((15...25).contains(plan.items.count))
        for item in plan.items {
            #expect(item.code.hasPrefix("IV."), "\(item.code)")
        }
        let owners: [(String, [String])] = [
            ("IV.1.a", ["STTTT"]),  // họp báo
            ("IV.1.c", ["STTTT"]),  // tài liệu tuyên truyền
            ("IV.2.a", ["SVHTTDL"]),  // pa nô, băng rôn, cờ, áp phích
            ("IV.2.c", ["SVHTTDL"]),  // chiếu phim lưu động
            ("IV.2.i", ["SVHTTDL"]),  // ma két, khẩu hiệu hội trường
            ("IV.3.a", ["CAT"]),  // theo dõi thông tin trên mạng
            ("IV.5.a", ["BAOKT", "DPTTH"]),  // phim tư liệu, phóng sự
            ("IV.5.c", ["DPTTH"]),  // truyền hình trực tiếp khai mạc, bế mạc
            ("IV.5.e", ["DPTTH"]),  // chương trình nghệ thuật
        ]
        for (code, agencies) in owners {
            #expect(plan.item(matching: code)?.agencies == agencies, "\(code)")
        }
        #expect(plan.item(matching: "IV.2.a")?.cap == Money(dong: 800_000_000))
        #expect(plan.items.filter { $0.cap != nil }.count >= 3)
    }

    // MARK: the other seeds

    @Test("Đắk Lắk: the task table, consolidated by the Propaganda–Press–Publishing office by 14 April 2020")
    func dakLak() throws {
        let plan = try Self.plan("dak-lak-2020.json")
        #expect(Self.deadlineDay(plan) == "2020-04-14")
        #expect(plan.consolidator.code == "TTBCXB")
        #expect(plan.consolidator.name == "Phòng Tuyên truyền - Báo chí - Xuất bản")
        #expect(plan.agency(matching: "TTBCXB") != nil, "the consolidating office has tasks of its own")
        #expect(plan.agencies.count == 5)
        for code in ["1.1", "1.6", "4.4.1", "4.4.2", "06", "07", "16.2"] {
            #expect(plan.item(matching: code) != nil, "\(code)")
        }
        #expect(plan.item(matching: "4.4.2")?.agencies == ["VHVN"])
        #expect(plan.item(matching: "2.2")?.agencies == ["KHOAGIAO"])
    }

    @Test("Bắc Ninh: units report on the 20th of every month, from January 2020 (the first 20th after the plan)")
    func bacNinh() throws {
        let plan = try Self.plan("bac-ninh-2020.json")
        let january = try #require(Period("2020-01"))
        #expect(plan.recurrence == Recurrence(every: .month, day: 20, time: nil, first: january, last: nil))
        #expect(Self.deadlineDay(plan) == "2020-01-20", "read outside a round: the first period's deadline")
        #expect(Self.deadlineDay(try plan.forPeriod(#require(Period("2020-03")))) == "2020-03-20")
        #expect(!plan.title.contains("20/01/2020"), "the title names no one period")
        #expect(plan.reference?.contains("ngày 20 hàng tháng") == true)
        #expect(plan.consolidator.code == "BTGDUK")
    }

    @Test("only the Bắc Ninh seed says its reports recur", arguments: planFiles)
    func recurring(_ name: String) throws {
        #expect((try Self.plan(name).recurrence != nil) == (name == "bac-ninh-2020.json"))
    }

    @Test("Phú Yên: no funding section, so the chosen deadline is stated in the plan")
    func phuYen() throws {
        let plan = try Self.plan("phu-yen-2021.json")
        #expect(Self.deadlineDay(plan) == "2021-04-23")
        #expect(plan.title.contains("23/4/2021"))
        #expect(plan.reference?.contains("23/4/2021") == true)
        for code in ["BTGTU", "BTCTU", "STTTT", "SVHTTDL", "MTTQDT"] {
            #expect(plan.agency(matching: code) != nil, "\(code)")
        }
    }

    // MARK: the Kon Tum example

    static let exampleFiles = [
        "Examples/README.md",
        "Examples/expected-totals.json",
        "Examples/.make-examples.py",
        "Examples/submissions/bao-kon-tum.csv",
        "Examples/submissions/so-van-hoa.csv",
        "Examples/submissions/dai-phat-thanh.txt",
        "Examples/submissions/so-thong-tin-loi.csv",
        "Examples/submissions/so-thong-tin.csv",
        "Examples/submissions/cong-an-tre-han.csv",
        "Examples/submissions/tinh-doan-tre-han.csv",
    ]

    @Test("the example files the demo names are present", arguments: exampleFiles)
    func exampleFile(_ path: String) {
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path))
    }

    struct ExpectedTotals: Decodable {
        var plan: String
        var agencies: [String: Int64]
        var items: [String: Int64]
        var grandTotal: Int64
    }

    @Test("the example's expected totals agree with the plan and with themselves")
    func expectedTotals() throws {
        let plan = try Self.plan("kon-tum-2020.json")
        let totals = try JSONDecoder().decode(
            ExpectedTotals.self, from: Data(Self.bytes("Examples/expected-totals.json")))
        #expect(totals.plan == plan.id)
        for code in totals.agencies.keys {
            #expect(plan.agency(matching: code)?.code == code, "\(code)")
        }
        for (code, _) in totals.items {
            let item = try #require(plan.item(matching: code), "\(code)")
            #expect(item.code == code)
            #expect(item.agencies.contains { totals.agencies[$0] != nil }, "\(code) claimed by no counted agency")
        }
        #expect(totals.agencies.values.reduce(0, +) == totals.grandTotal)
        #expect(totals.items.values.reduce(0, +) == totals.grandTotal)
        #expect(totals.grandTotal == 2_394_505_000)
        // The story: one agency refused late (CAT), one never submitted (UBMTTQ).
        #expect(totals.agencies["CAT"] == nil)
        #expect(totals.agencies["UBMTTQ"] == nil)
        // IV.5.a goes over its cap across two agencies (cap-exceeded at consolidation),
        // while no single agency's part does.
        let cap = try #require(plan.item(matching: "IV.5.a")?.cap)
        #expect(try #require(totals.items["IV.5.a"]) > cap.dong)
    }
}
