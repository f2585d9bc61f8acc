import BudgetCore
import Testing

@testable import BudgetRules

@Suite("File rules")
struct FileRulesTests {
    typealias L = Fixtures

    static func total(_ line: Int, _ amount: Int64?, label: String = "Tổng cộng", text: String? = nil) -> TotalRow {
        TotalRow(
            line: line, label: label, amountText: text ?? amount.map { Money(dong: $0).grouped() } ?? "",
            amount: amount.map { Money(dong: $0) })
    }

    static func words(_ line: Int, _ text: String) -> WordsRow {
        WordsRow(line: line, column: ColumnRef(name: "Nội dung", number: 3), words: text)
    }

    @Test("every registered file rule raises a code the catalogue knows")
    func registry() {
        for rule in FileRules.registered { #expect(FindingCatalogue.entry(rule.code) != nil) }
    }

    // MARK: empty-submission

    @Test("a file without lines is empty-submission")
    func empty() {
        let findings = L.run(EmptySubmissionRule.rule, report: IntakeReport(), lineCount: 0)
        #expect(findings.spots == [Spot(nil, nil, .emptySubmission)])
        expectFullyRendered(findings)
    }

    @Test(
        "no empty-submission when the reader already said why there are no lines",
        arguments: [FindingCode.noHeader, .unreadableEncoding, .legacyEncoding, .missingColumn, .malformedCSV])
    func emptyExplained(code: FindingCode) {
        let report = IntakeReport(findings: [Finding(code)])
        #expect(L.run(EmptySubmissionRule.rule, report: report, lineCount: 0).isEmpty)
    }

    @Test("a warning alone does not explain an empty file")
    func emptyWithWarning() {
        let report = IntakeReport(findings: [Finding(.raggedRow, line: 3)])
        #expect(
            L.run(EmptySubmissionRule.rule, report: report, lineCount: 0).spots == [Spot(nil, nil, .emptySubmission)])
    }

    // MARK: total-mismatch and subtotal-row

    @Test("a grand total equal to the sum raises nothing")
    func totalMatches() {
        let report = IntakeReport(totalRows: [Self.total(9, 150_000_000)])
        #expect(L.run(TotalRowRule.rule, report: report, total: 150_000_000).isEmpty)
    }

    @Test("a grand total different from the sum is total-mismatch on its line and the amount column")
    func totalMismatch() {
        let report = IntakeReport(totalRows: [Self.total(9, 140_000_000)])
        let findings = L.run(TotalRowRule.rule, report: report, total: 150_000_000)
        #expect(findings.spots == [Spot(9, 7, .totalMismatch)])
        #expect(findings.first?.value == "140.000.000")
        #expect(findings.first?.arguments == ["expected": "150.000.000", "difference": "10.000.000"])
        expectFullyRendered(findings)
    }

    @Test("only the last total row is checked; the earlier ones are subtotal-row info")
    func subtotals() {
        let report = IntakeReport(totalRows: [
            Self.total(5, 1, label: "Cộng mục I"), Self.total(8, 2, label: "Cộng mục II"), Self.total(9, 150),
        ])
        #expect(L.run(TotalRowRule.rule, report: report, total: 150).isEmpty)
        let subtotals = L.run(SubtotalRowRule.rule, report: report, total: 150)
        #expect(subtotals.spots == [Spot(5, nil, .subtotalRow), Spot(8, nil, .subtotalRow)])
        #expect(subtotals.allSatisfy { $0.severity == .info })
        #expect(subtotals.map(\.value) == ["Cộng mục I", "Cộng mục II"])
        expectFullyRendered(subtotals)
    }

    @Test("a total row whose amount cannot be read is total-mismatch, variant unreadable")
    func totalUnreadable() {
        let report = IntakeReport(totalRows: [Self.total(9, nil, text: "150.000.000,5?")])
        let findings = L.run(TotalRowRule.rule, report: report, total: 150)
        #expect(findings.spots == [Spot(9, 7, .totalMismatch)])
        #expect(findings.first?.variant == "unreadable")
        expectFullyRendered(findings)
    }

    @Test("a total row with an empty amount cell is not checked")
    func totalBlank() {
        let report = IntakeReport(totalRows: [Self.total(9, nil, text: "  ")])
        #expect(L.run(TotalRowRule.rule, report: report, total: 150).isEmpty)
    }

    @Test("the total is not checked when the sum overflowed or a line has no amount")
    func totalUntrusted() {
        let report = IntakeReport(totalRows: [Self.total(9, 1)])
        #expect(L.run(TotalRowRule.rule, report: report, total: nil).isEmpty)
        #expect(L.run(TotalRowRule.rule, report: report, linesWithoutAmount: 1, total: 150).isEmpty)
    }

    @Test("the difference is exact even at the ends of the 64-bit range")
    func extremeDifference() {
        let report = IntakeReport(totalRows: [Self.total(9, Int64.min)])
        let findings = L.run(TotalRowRule.rule, report: report, total: Int64.max)
        #expect(findings.first?.arguments["difference"] == "18.446.744.073.709.551.615")
    }

    // MARK: limit-exceeded (sum)

    @Test("a sum beyond 64 bits is limit-exceeded, variant sum, unless the reader said so")
    func sumLimit() {
        let findings = L.run(SumLimitRule.rule, report: IntakeReport(), total: nil)
        #expect(findings.spots == [Spot(nil, nil, .limitExceeded)])
        #expect(findings.first?.variant == "sum")
        expectFullyRendered(findings)
        let reported = IntakeReport(findings: [Finding(.limitExceeded, variant: "sum")])
        #expect(L.run(SumLimitRule.rule, report: reported, total: nil).isEmpty)
        #expect(L.run(SumLimitRule.rule, report: IntakeReport(), total: 5).isEmpty)
    }

    // MARK: words-mismatch

    @Test("words matching the grand total raise nothing")
    func wordsMatch() {
        let report = IntakeReport(
            totalRows: [Self.total(9, 150_000_000)], wordsRows: [Self.words(10, "Một trăm năm mươi triệu đồng")])
        #expect(L.run(WordsRule.rule, report: report, total: 150_000_000).isEmpty)
    }

    @Test("words are checked against the grand total row as written, not the sum")
    func wordsAgainstRow() {
        let report = IntakeReport(
            totalRows: [Self.total(9, 140_000_000)], wordsRows: [Self.words(10, "Một trăm bốn mươi triệu đồng")])
        #expect(L.run(WordsRule.rule, report: report, total: 150_000_000).isEmpty)
    }

    @Test("words are checked against the sum when there is no total row")
    func wordsAgainstSum() {
        let report = IntakeReport(wordsRows: [Self.words(10, "Một trăm linh năm đồng")])
        #expect(L.run(WordsRule.rule, report: report, total: 105).isEmpty)
        let findings = L.run(WordsRule.rule, report: report, total: 150)
        #expect(findings.spots == [Spot(10, 3, .wordsMismatch)])
        #expect(findings.first?.arguments == ["words": "Một trăm năm mươi đồng", "expected": "150"])
        #expect(findings.first?.hint(.vi) == "Viết đúng là: «Một trăm năm mươi đồng».")
        expectFullyRendered(findings)
    }

    @Test("words are not checked against an incomplete sum")
    func wordsIncompleteSum() {
        let report = IntakeReport(wordsRows: [Self.words(10, "Một đồng")])
        #expect(L.run(WordsRule.rule, report: report, linesWithoutAmount: 1, total: 150).isEmpty)
        #expect(L.run(WordsRule.rule, report: report, total: nil).isEmpty)
    }

    @Test("each words row is checked on its own")
    func severalWords() {
        let report = IntakeReport(
            totalRows: [Self.total(9, 105)],
            wordsRows: [Self.words(10, "Một trăm lẻ năm đồng chẵn./."), Self.words(11, "Một trăm lăm đồng")])
        #expect(L.run(WordsRule.rule, report: report, total: 105).spots == [Spot(11, 3, .wordsMismatch)])
    }

    // MARK: cap-exceeded

    @Test("an item whose total in this file is over its cap is cap-exceeded")
    func cap() {
        let findings = L.run(
            CapRule.rule, report: IntakeReport(),
            totalsByItem: ["IV.5.a": 250_000_000, "IV.2.a": 800_000_000, "IV.7": 9_000_000_000])
        #expect(findings.spots == [Spot(nil, nil, .capExceeded)])
        #expect(findings.first?.item == "IV.5.a")
        #expect(findings.first?.value == "250.000.000")
        #expect(findings.first?.arguments == ["cap": "200.000.000", "excess": "50.000.000"])
        #expect(findings.first?.severity == .warning)
        expectFullyRendered(findings)
    }

    // MARK: plan-mismatch

    @Test("a Kế hoạch row naming another plan is plan-mismatch")
    func planMismatch() {
        let findings = PlanMismatchRule.check(
            L.preamble([KeyRow(key: .plan, line: 2, value: "kon-tum-2019")]), plan: L.plan)
        #expect(findings.spots == [Spot(2, nil, .planMismatch)])
        #expect(findings.first?.arguments["expected"] == "kon-tum-2020")
        #expect(findings.first?.severity == .warning)
        expectFullyRendered(findings)
    }

    @Test("a Kế hoạch row naming this plan in any case, or none, raises nothing", arguments: ["KON-TUM-2020 ", ""])
    func planMatches(value: String) {
        #expect(PlanMismatchRule.check(L.preamble([KeyRow(key: .plan, line: 2, value: value)]), plan: L.plan).isEmpty)
        #expect(PlanMismatchRule.check(L.preamble([]), plan: L.plan).isEmpty)
    }
}
