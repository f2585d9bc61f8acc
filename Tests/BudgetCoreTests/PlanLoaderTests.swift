import Testing

@testable import BudgetCore

@Suite("Plan loading")
struct PlanLoaderTests {
    static let good = """
        {
          "format": "budget-plan/1",
          "id": "kon-tum-2020",
          "title": "Kế hoạch tuyên truyền",
          "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
          "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
          "recipient": {"code": "STC", "name": "Sở Tài chính"},
          "currency": "VND",
          "timeZone": "Asia/Ho_Chi_Minh",
          "deadline": "2020-03-10",
          "agencies": [{"code": "SVHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch"},
                       {"code": "BAOKT", "name": "Báo Kon Tum"}],
          "items": [{"code": "IV.2.a", "title": "Cổ động trực quan", "agencies": ["svhttdl"], "cap": 800000000},
                    {"code": "IV.5.a", "title": "Phim tài liệu"}]
        }
        """

    @Test("a valid plan loads, with codes matched case-insensitively")
    func loads() throws {
        let plan = try PlanLoader.load(Array(Self.good.utf8))
        #expect(plan.id == "kon-tum-2020")
        #expect(plan.items[0].agencies == ["SVHTTDL"])
        #expect(plan.items[0].cap == Money(dong: 800_000_000))
        #expect(plan.item(matching: " iv.2.A ")?.code == "IV.2.a")
        #expect(plan.agency(matching: "baokt")?.name == "Báo Kon Tum")
        #expect(plan.agency(named: "BAO KON TUM")?.code == "BAOKT")
        // The index of names (made while the loader checks they are distinct) folds a
        // name written decomposed, with odd spacing, as the loader folded the plan's.
        #expect(plan.agency(named: " Ba\u{301}o\u{A0} kon  tum ")?.code == "BAOKT")
        #expect(plan.agency(named: "Báo Kon") == nil)
        #expect(plan.items(assignedTo: "BAOKT").map(\.code) == ["IV.5.a"])
    }

    func problems(_ text: String) -> [PlanProblem] {
        do {
            _ = try PlanLoader.load(Array(text.utf8))
            return []
        } catch {
            return error.problems
        }
    }

    @Test(
        "bad plans are refused with the field named",
        arguments: [
            ("\"budget-plan/1\"", "\"budget-plan/2\"", "format"),
            ("\"Asia/Ho_Chi_Minh\"", "\"Asia/Nowhere\"", "timeZone"),
            ("\"2020-03-10\"", "\"10/03/2020\"", "deadline"),
            ("\"svhttdl\"", "\"SVH\"", "items[0].agencies[0]"),
            ("800000000", "8.5e8", "items[0].cap"),
            ("\"BAOKT\"", "\"SVHTTDL\"", "agencies[1].code"),
            ("\"IV.5.a\"", "\"iv.2.A\"", "items[1].code"),
            ("\"BAOKT\"", "\"Báo KT\"", "agencies[1].code"),
            ("\"deadline\"", "\"deadine\"", "deadine"),
            ("\"currency\": \"VND\",", "\"currency\": \"VND\", \"authority\": \"Party\",", "authority"),
            ("\"currency\": \"VND\",", "\"currency\": \"VND\", \"authority\": 1,", "authority"),
            ("\"currency\": \"VND\",", "\"currency\": \"VND\", \"authorty\": \"party\",", "authorty"),
        ])
    func refused(old: String, new: String, field: String) {
        let found = problems(Self.good.replacingOccurrences(of: old, with: new))
        #expect(found.contains { $0.field == field }, "\(found)")
    }

    @Test("authority is \"state\" by default, \"party\" when the plan says so; anything else names the field")
    func authority() throws {
        #expect(try PlanLoader.load(Array(Self.good.utf8)).authority == .state)
        for value in Authority.allCases {
            let text = Self.good.replacingOccurrences(
                of: "\"currency\": \"VND\",", with: "\"currency\": \"VND\", \"authority\": \"\(value.rawValue)\",")
            #expect(try PlanLoader.load(Array(text.utf8)).authority == value)
        }
        let bad = problems(
            Self.good.replacingOccurrences(
                of: "\"currency\": \"VND\",", with: "\"currency\": \"VND\", \"authority\": \"đảng\","))
        #expect(bad.map(\.field) == ["authority"])
        #expect(
            bad.first?.message.en
                == "\"authority\" must be \"state\" (a state body) or \"party\" (a body of the Party), found \"đảng\"")
        #expect(bad.first?.message.vi.hasPrefix("«authority» phải là «state» (cơ quan nhà nước) hoặc «party»") == true)
        #expect(bad.first?.line == 8)
        let misspelt = problems(
            Self.good.replacingOccurrences(
                of: "\"currency\": \"VND\",", with: "\"currency\": \"VND\", \"autority\": \"party\","))
        #expect(misspelt.first?.message.en.contains("did you mean \"authority\"?") == true)
    }

    @Test("a misspelt member's suggestion is the same every run, ties broken by name")
    func suggestionIsStable() {
        // "1e5currency" is as near "currency" as "recurrence": the order of a set used to decide.
        let found = problems(
            Self.good.replacingOccurrences(
                of: "\"currency\": \"VND\",", with: "\"currency\": \"VND\", \"1e5currency\": 1,"))
        #expect(found.first?.message.en == "unsupported member \"1e5currency\"; did you mean \"currency\"?")
    }

    @Test("a plan with a problem in each of many items reports each at its own line")
    func manyProblems() {
        let items = (1...300).map { "{\"code\": \"K\($0)\", \"title\": \"Nội dung\", \"cap\": -\($0)}" }
        let text = Self.good.replacingOccurrences(
            of: #"{"code": "IV.5.a", "title": "Phim tài liệu"}"#, with: items.joined(separator: ",\n"))
        let found = problems(text).filter { $0.field.hasSuffix(".cap") }
        #expect(found.count == 300)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstLine = (lines.firstIndex { $0.contains("\"K1\"") } ?? 0) + 1
        #expect(found.map(\.line) == (0..<300).map { firstLine + $0 })
        #expect(found.allSatisfy { $0.column != nil })
    }

    @Test("a JSON syntax error reports line and column")
    func syntax() {
        let found = problems("{\n  \"format\": \"budget-plan/1\",\n  \"id\": }")
        #expect(found.first?.line == 3)
        #expect(found.first?.column == 9)
    }

    @Test("every problem is reported, not only the first")
    func all() {
        let found = problems(
            Self.good.replacingOccurrences(of: "\"VND\"", with: "\"USD\"")
                .replacingOccurrences(of: "\"Asia/Ho_Chi_Minh\"", with: "\"Mars/Base\""))
        #expect(Set(found.map(\.field)).isSuperset(of: ["currency", "timeZone"]))
    }
}

@Suite("Plan loading at scale")
struct PlanLoaderScaleTests {
    @Test("a plan of 5 000 agencies on one line loads, and a late syntax error still reports its column")
    func longLine() throws {
        let agencies = (1...5000).map { "{\"code\": \"DV\($0)\", \"name\": \"Đơn vị số \($0)\"}" }.joined(
            separator: ",")
        let text =
            #"{"format": "budget-plan/1", "id": "x", "title": "T", "issuer": "I", "#
            + #""consolidator": {"code": "STTTT", "name": "S"}, "recipient": {"code": "STC", "name": "R"}, "#
            + #""currency": "VND", "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10", "#
            + #""agencies": [\#(agencies)], "items": [{"code": "A.1", "title": "Nội dung"}]}"#
        let plan = try PlanLoader.load(Array(text.utf8))
        #expect(plan.agencies.count == 5000)
        let broken = "{\"format\": \"budget-plan/1\", \"id\": é}"
        do {
            _ = try PlanLoader.load(Array(broken.utf8))
            Issue.record("a syntax error was accepted")
        } catch {
            #expect(error.problems.first?.line == 1)
            #expect(error.problems.first?.column == 35)
        }
    }
}
