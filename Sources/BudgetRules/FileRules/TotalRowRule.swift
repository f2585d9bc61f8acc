import BudgetCore

/// `total-mismatch`: the grand-total row (the last total row) is not the sum of the lines.
///
/// On the total row's line and the amount column; value = the row's amount, `expected` =
/// the sum, `difference` = their distance, all grouped. A row whose amount cell holds
/// text that is not a number is the variant "unreadable"; a total row with an empty
/// amount cell is not checked (a label with nothing to check).
///
/// The sum is the validator's own sum of the lines it consumed — the same lines, and so
/// the same number, as the reader's `lineSum`. It is not checked when it cannot be
/// trusted: when it overflowed (`limit-exceeded` says so), or when some line has no
/// amount (its `missing-amount` or `invalid-number` already makes the file invalid, and
/// the difference would only repeat it).
public enum TotalRowRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .totalMismatch, check: check)

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        guard let row = facts.grandTotalRow else { return }
        let column = facts.amountColumn
        guard let stated = row.amount else {
            let written = Folding.trim(row.amountText)
            guard !written.isEmpty else { return }
            findings.append(
                Finding(
                    .totalMismatch, line: row.line, column: column?.name, columnNumber: column?.number,
                    value: written, variant: "unreadable"))
            return
        }
        guard facts.totalIsComplete, let sum = facts.total, sum != stated else { return }
        findings.append(
            Finding(
                .totalMismatch, line: row.line, column: column?.name, columnNumber: column?.number,
                value: Figures.amount(stated),
                arguments: ["expected": Figures.amount(sum), "difference": Figures.difference(stated, sum)]))
    }
}
