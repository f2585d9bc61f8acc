import Foundation
import Testing

@Suite("budget check on the examples")
struct CheckExamplesTests {
    static let plan = Binary.path("Templates/plans/kon-tum-2020.json")
    static func example(_ name: String) -> String { Binary.path("Examples/submissions/" + name) }

    @Test(
        "valid examples pass with exit 0 and their totals",
        arguments: [
            ("bao-kon-tum.csv", "BAOKT", 321_000_000, 5),
            ("so-van-hoa.csv", "SVHTTDL", 1_150_000_000, 8),
            ("dai-phat-thanh.txt", "DPTTH", 622_000_000, 6),
            ("so-thong-tin.csv", "STTTT", 196_500_000, 6),
            ("tinh-doan-tre-han.csv", "TINHDOAN", 105_005_000, 3),
        ])
    func valid(file: String, agency: String, total: Int, lines: Int) throws {
        let r = try Binary.run(["check", Self.example(file), "--plan", Self.plan, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        let object = try #require(array?.first)
        #expect(object["agency"] as? String == agency)
        #expect(object["valid"] as? Bool == true)
        #expect(object["total"] as? Int == total)
        #expect(object["lines"] as? Int == lines)
    }

    @Test("the erroneous example is returned with exit 1 and every planted finding at its line")
    func errors() throws {
        let r = try Binary.run(["check", Self.example("so-thong-tin-loi.csv"), "--plan", Self.plan, "--format", "json"])
        #expect(r.status == 1)
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        let findings = (array?.first?["findings"] as? [[String: Any]]) ?? []
        let located = findings.map { "\($0["line"] as? Int ?? 0):\($0["code"] as? String ?? "")" }
        #expect(
            located == [
                "9:amount-mismatch", "10:unknown-item", "11:item-not-assigned", "12:invalid-number",
                "13:negative-amount", "14:total-mismatch", "15:words-mismatch",
            ])
        let unknown = findings.first { $0["code"] as? String == "unknown-item" }
        #expect(unknown?["hint"] as? String == "Did you mean IV.1.c?")
        #expect(unknown?["column"] as? String == "Mã nội dung")
    }

    @Test("text output reads FILE:LINE: error[code]: message, in Vietnamese with --lang vi")
    func text() throws {
        let r = try Binary.run(["--lang", "vi", "check", Self.example("so-thong-tin-loi.csv"), "--plan", Self.plan])
        #expect(r.status == 1)
        #expect(
            r.stdout.contains(
                "so-thong-tin-loi.csv:10: error[unknown-item]: Mã nội dung «IV.I.c» không có trong kế hoạch."))
        #expect(r.stdout.contains("    gợi ý: Có phải là IV.1.c?"))
    }

    @Test("usage errors exit 2: unknown option, missing file, bad plan")
    func usage() throws {
        #expect(try Binary.run(["check", Self.example("bao-kon-tum.csv"), "--paln", Self.plan]).status == 2)
        #expect(try Binary.run(["check", "no-such-file.csv", "--plan", Self.plan]).status == 2)
        let bad = try Binary.run(["check", Self.example("bao-kon-tum.csv"), "--plan", Self.example("bao-kon-tum.csv")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not valid JSON"))
    }
}
