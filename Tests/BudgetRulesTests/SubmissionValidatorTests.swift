import BudgetCore
import Testing

@testable import BudgetRules

@Suite("Submission validator")
struct SubmissionValidatorTests {
    typealias L = Fixtures

    /// The contract's example file: two lines for IV.5.a, a total row and the words.
    static let exampleLines = [
        L.line(
            7, "IV.5.a", "Phim tài liệu \"90 năm Đảng bộ tỉnh\"", quantity: Quantity(2), price: 45_000_000,
            amount: 90_000_000),
        L.line(8, "IV.5.a", "Phóng sự chuyên đề", quantity: Quantity(10), price: 6_000_000, amount: 60_000_000),
    ]
    static let exampleReport = IntakeReport(
        totalRows: [TotalRow(line: 9, label: "Tổng cộng", amountText: "150.000.000", amount: Money(dong: 150_000_000))],
        wordsRows: [
            WordsRow(
                line: 10, column: ColumnRef(name: "Nội dung", number: 3),
                words: "Một trăm năm mươi triệu đồng")
        ],
        lineSum: Money(dong: 150_000_000))

    static let examplePreamble = L.preamble([
        KeyRow(key: .plan, line: 2, value: "kon-tum-2020"), KeyRow(key: .agencyCode, line: 3, value: "BAOKT"),
        KeyRow(key: .agencyName, line: 4, value: "Báo Kon Tum"),
    ])

    @Test("the contract's example file is valid and sums to 150.000.000")
    func example() {
        let result = L.validate(Self.exampleLines, preamble: Self.examplePreamble, report: Self.exampleReport)
        #expect(result.findings.isEmpty)
        #expect(result.isValid)
        #expect(result.agency == L.baokt)
        #expect(result.lineCount == 2)
        #expect(result.total == Money(dong: 150_000_000))
        #expect(result.totalsByItem == ["IV.5.a": Money(dong: 150_000_000)])
    }

    @Test("findings of every stage come back in report order")
    func ordering() {
        let lines = [
            L.line(9, "IV.9", amount: 5),
            L.line(7, "IV.5.a", quantity: Quantity(2), price: 3, amount: -7),
            L.line(8, "IV.2.a", amount: 1),
        ]
        var report = IntakeReport(totalRows: [
            TotalRow(line: 10, label: "Tổng cộng", amountText: "1", amount: Money(dong: 1))
        ])
        report.wordsRows = [WordsRow(line: 11, column: nil, words: "Một đồng")]
        let result = L.validate(
            lines, preamble: L.preamble([KeyRow(key: .agencyCode, line: 3, value: "BAOKT")]), report: report)
        #expect(
            result.findings.spots == [
                Spot(7, 7, .amountMismatch), Spot(7, 7, .negativeAmount), Spot(8, 2, .itemNotAssigned),
                Spot(9, 2, .unknownItem), Spot(10, 7, .totalMismatch),
            ])
        #expect(!result.isValid)
        expectFullyRendered(result.findings)
    }

    @Test("the total counts unknown items; the totals by item only the plan's, by canonical code")
    func totals() {
        let lines = [
            L.line(7, "iv.5.a", amount: 100), L.line(8, "IV.5.A ", "Khác", amount: 20), L.line(9, "IV.9", amount: 3),
            L.line(10, "IV.7", amount: nil),
        ]
        let result = L.validate(lines)
        #expect(result.total == Money(dong: 123))
        #expect(result.totalsByItem == ["IV.5.a": Money(dong: 120)])
        #expect(result.lineCount == 4)
    }

    @Test("an error from the reader makes the file invalid; warnings and info do not")
    func validity() {
        let lines = Self.exampleLines
        var report = Self.exampleReport
        report.findings = [Finding(.raggedRow, line: 7), Finding(.moneyScale, line: 1)]
        #expect(L.validate(lines, preamble: Self.examplePreamble, report: report).isValid)
        report.findings.append(Finding(.invalidNumber, line: 8))
        let result = L.validate(lines, preamble: Self.examplePreamble, report: report)
        #expect(!result.isValid)
        #expect(result.findings.isEmpty, "the reader's findings are not repeated")
    }

    @Test("a warning of the validator's own leaves the file valid")
    func warningsOnly() {
        let lines = Self.exampleLines + [L.line(9, "IV.5.a", "Phóng sự chuyên đề", amount: 60_000_000)]
        let result = L.validate(lines, preamble: Self.examplePreamble)
        #expect(result.findings.spots == [Spot(nil, nil, .capExceeded), Spot(9, 7, .duplicateLine)])
        #expect(result.isValid)
    }

    @Test("restart forgets everything consumed before it")
    func restart() {
        var validator = SubmissionValidator(plan: L.plan, agencyFlag: nil)
        validator.begin(L.preamble([KeyRow(key: .agencyCode, line: 3, value: "SVHTTDL")]))
        validator.consume(L.line(7, "IV.9", amount: 5))
        validator.consume(L.line(8, "IV.5.a", amount: 5))
        validator.restart()
        validator.begin(Self.examplePreamble)
        for line in Self.exampleLines { validator.consume(line) }
        let result = validator.finish(report: Self.exampleReport)
        #expect(result.findings.isEmpty)
        #expect(result.agency == L.baokt)
        #expect(result.lineCount == 2)
        #expect(result.total == Money(dong: 150_000_000))
    }

    @Test("without a header the agency comes from the flag and its absence is not reported")
    func noHeader() {
        let report = IntakeReport(findings: [Finding(.noHeader)])
        let flagged = L.validate([], preamble: nil, flag: "baokt", report: report)
        #expect(flagged.agency == L.baokt)
        #expect(flagged.findings.isEmpty)
        #expect(!flagged.isValid)
        let bare = L.validate([], preamble: nil, flag: nil, report: report)
        #expect(bare.agency == nil)
        #expect(bare.findings.isEmpty)
        let wrong = L.validate([], preamble: nil, flag: "BAOK", report: report)
        #expect(wrong.findings.spots == [Spot(nil, nil, .unknownAgency)])
    }

    @Test("a header without lines is empty-submission, and no agency is missing-agency")
    func emptyFile() {
        let result = L.validate([], preamble: L.preamble([]))
        #expect(result.findings.spots == [Spot(nil, nil, .emptySubmission), Spot(nil, nil, .missingAgency)])
        #expect(!result.isValid)
        #expect(result.total == .zero)
    }

    @Test("with conflicting agency sources, items are not checked against either agency")
    func conflict() {
        let lines = [L.line(7, "IV.2.a", amount: 1), L.line(8, "IV.5.a", amount: 2)]
        let result = L.validate(
            lines, preamble: L.preamble([KeyRow(key: .agencyCode, line: 3, value: "SVHTTDL")]), flag: "BAOKT")
        #expect(result.findings.spots == [Spot(3, nil, .agencyConflict)])
        #expect(result.agency == L.baokt)
    }

    @Test("the plan row is checked when the preamble arrives")
    func planRow() {
        let result = L.validate(
            Self.exampleLines,
            preamble: L.preamble([
                KeyRow(key: .plan, line: 2, value: "gia-lai-2020"), KeyRow(key: .agencyCode, line: 3, value: "BAOKT"),
            ]),
            report: Self.exampleReport)
        #expect(result.findings.spots == [Spot(2, nil, .planMismatch)])
        #expect(result.isValid)
    }

    @Test("a sum beyond 64 bits is refused, never wrapped")
    func overflow() {
        let lines = [L.line(7, "IV.7", amount: Int64.max), L.line(8, "IV.7", "Khác", amount: 1)]
        let result = L.validate(lines)
        #expect(result.total == nil)
        #expect(result.totalsByItem["IV.7"] == nil)
        #expect(result.findings.spots == [Spot(nil, nil, .limitExceeded)])
        #expect(!result.isValid)
    }

    @Test("a consumer that never saw begin still resolves the agency from the flag")
    func lateBegin() {
        var validator = SubmissionValidator(plan: L.plan, agencyFlag: "DPTTH")
        validator.consume(L.line(7, "IV.2.a", amount: 1))
        let result = validator.finish(report: IntakeReport())
        #expect(result.agency == L.dptth)
        #expect(result.findings.spots == [Spot(7, nil, .itemNotAssigned)], "no header, so no column")
    }

    @Test("a hundred thousand lines stream through with only their duplicates reported")
    func volume() {
        var validator = SubmissionValidator(plan: L.plan, agencyFlag: "BAOKT")
        validator.begin(L.preamble([]))
        for n in 0..<100_000 {
            let description = n % 25_000 == 0 && n > 0 ? "Dòng 0" : "Dòng \(n)"
            validator.consume(L.line(n + 7, "IV.7", description, amount: 1_000))
        }
        let result = validator.finish(report: IntakeReport())
        #expect(result.lineCount == 100_000)
        #expect(result.total == Money(dong: 100_000_000))
        #expect(result.findings.count == 3)
        #expect(result.findings.allSatisfy { $0.code == .duplicateLine && $0.arguments["otherLine"] == "7" })
    }

    @Test(
        "duplicates held back and looked up together are the ones found line by line",
        arguments: [1, 2, 63, 64, 65, 127, 128, 129, 200])
    func heldBackDuplicates(lines count: Int) {
        // Every third line repeats the one before; an unknown code now and then makes the
        // validator judge the held lines before it; the last line repeats the first.
        var lines: [EstimateLine] = []
        for n in 0..<count {
            let description = n == count - 1 && n > 0 ? "Dòng 0" : n % 3 == 2 ? "Dòng \(n - 1)" : "Dòng \(n)"
            lines.append(L.line(n + 7, n % 50 == 49 ? "IV.99" : "IV.7", description, amount: 1_000))
        }
        lines.swapAt(0, count / 2)  // out of order: the lower line is still the original
        var validator = SubmissionValidator(plan: L.plan, agencyFlag: "BAOKT")
        validator.begin(L.preamble([]))
        for line in lines { validator.consume(line) }
        let found = validator.finish(report: IntakeReport()).findings.filter { $0.code == .duplicateLine }
        let alone = L.run(DuplicateLineRule.rule, lines)
        #expect(found.spots == alone.spots.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        #expect(Set(found.map(\.arguments)) == Set(alone.map(\.arguments)))
        #expect(found.count == alone.count)
        if count >= 3 { #expect(!found.isEmpty) }
    }
}
