import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetEngine

/// `check` reads lines without their text and judges most of them without making an
/// `EstimateLine` (`KeyedLine`, `QuietLine`); `submit` keeps every line and runs every
/// rule on it. The two must give the same verdict, findings and sums on any file.
@Suite("check without the lines' text judges as submit does")
struct KeyedCheckTests {
    /// The verdict on `bytes` both ways.
    static func bothWays(_ bytes: [UInt8], plan: Plan) throws -> (check: FileCheck, submit: FileCheck) {
        func run(_ keepLines: Bool) throws -> FileCheck {
            try SubmissionCheck.run(
                plan: plan, fileName: "f.csv", options: ReadOptions(), open: { MemoryByteSource(bytes) },
                lines: keepLines ? { _ in } : nil, byteCount: bytes.count)
        }
        return (try run(false), try run(true))
    }

    static func expectAlike(_ a: FileCheck, _ b: FileCheck, _ label: String) {
        #expect(a.valid == b.valid, "\(label)")
        #expect(a.lines == b.lines, "\(label)")
        #expect(a.total == b.total, "\(label)")
        #expect(a.totalsByItem == b.totalsByItem, "\(label)")
        #expect(a.agency == b.agency, "\(label)")
        #expect(a.findings == b.findings, "\(label)")
    }

    @Test("every bundled example")
    func examples() throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        let names = try FileManager.default.contentsOfDirectory(atPath: Repo.path("Examples/submissions"))
        #expect(names.count >= 5)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repo.example(name))))
            let (check, submit) = try Self.bothWays(bytes, plan: plan)
            Self.expectAlike(check, submit, name)
        }
    }

    /// A file of `count` random lines of every kind the rules judge: assigned and
    /// unassigned, unknown and missing codes, negative cells, products that do not match,
    /// repeated lines, quantities that wait for the decimal mark, and (with `codes`) far
    /// more distinct codes than the reader numbers before it starts its codes afresh.
    static func randomFile(seed: UInt64, count: Int, distinctCodes: Bool) -> [UInt8] {
        var random = SplitMix(seed: seed)
        let known = ["IV.5.a", "IV.5.b", "iv.5.d", " IV.5.a ", "IV.1.a", "IV.6.a", "IV.2.a"]
        var text = "Mã đơn vị,BAOKT\n\nSTT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú\n"
        for n in 0..<count {
            let pick = Int.random(in: 0..<100, using: &random)
            let code =
                switch pick {
                case 0..<70: known[Int.random(in: 0..<known.count, using: &random)]
                case 70..<75: ""
                case 75..<80: "IV.9"
                default: distinctCodes ? "X\(n)" : "IV.7"
                }
            let quantity = Int64.random(in: -2...40, using: &random)
            let price = Int64.random(in: -1...5, using: &random) * 1_000
            var amount = quantity * price
            if Int.random(in: 0..<10, using: &random) == 0 { amount += 1 }
            let description = "Việc \(Int.random(in: 0..<30, using: &random))"
            let quantityText = Int.random(in: 0..<200, using: &random) == 0 ? "1.500" : String(quantity)
            let amountText = Int.random(in: 0..<30, using: &random) == 0 ? "" : String(amount)
            text += "\(n),\(code),\(description),bộ,\(quantityText),\(price),\(amountText),\n"
        }
        return Array(text.utf8)
    }

    @Test("random files", arguments: [(1, false), (2, false), (3, true), (4, true)])
    func random(seed: UInt64, distinctCodes: Bool) throws {
        let plan = try LoadPlan().run(path: Repo.konTumPlan)
        // With distinct codes, 30 000 lines hold over 5 000 codes: more than `ItemCodes.limit`.
        let bytes = Self.randomFile(seed: seed, count: distinctCodes ? 30_000 : 12_000, distinctCodes: distinctCodes)
        let (check, submit) = try Self.bothWays(bytes, plan: plan)
        Self.expectAlike(check, submit, "seed \(seed)")
        let codes = Set(check.findings.map(\.code))
        for code in [FindingCode.unknownItem, .itemNotAssigned, .negativeAmount, .amountMismatch, .duplicateLine] {
            #expect(codes.contains(code), "\(code) in seed \(seed)")
        }
    }
}
