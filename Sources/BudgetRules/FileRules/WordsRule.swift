import BudgetCore

/// `words-mismatch`: a "Bằng chữ" line does not read as the total.
///
/// The reference is the grand-total row's amount when it has one — the words describe
/// the figure the accountant wrote, right or wrong (a wrong figure has its own
/// `total-mismatch`) — else the sum of the lines, when that sum is complete (see
/// ``FileFacts/totalIsComplete``). Each words row is checked, with
/// ``WordsComparison/matches(text:amount:)``, so every correct spelling passes.
///
/// On the words row's line and column; value = the words as written, `words` = the
/// canonical reading of the reference, `expected` = the reference in figures.
public enum WordsRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .wordsMismatch, check: check)

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        guard !facts.report.wordsRows.isEmpty else { return }
        let reference: Money? =
            facts.grandTotalRow?.amount ?? (facts.totalIsComplete ? facts.total : nil)
        guard let reference else { return }
        for row in facts.report.wordsRows where !WordsComparison.matches(text: row.words, amount: reference) {
            // "Bằng chữ:" with nothing after it is words not yet written, not wrong ones.
            let missing = row.words.allSatisfy { $0.isWhitespace || $0 == "." || $0 == "…" }
            findings.append(
                Finding(
                    .wordsMismatch, line: row.line, column: row.column?.name, columnNumber: row.column?.number,
                    value: missing ? nil : row.words, variant: missing ? "missing" : "",
                    arguments: [
                        "words": VietnameseNumberWords.words(for: reference), "expected": Figures.amount(reference),
                    ]))
        }
    }
}
