import BudgetCore

/// `subtotal-row` (info): a total row that is not the last. Sheets often carry "Cộng"
/// rows per section; they are neither added nor checked, and saying so shows the
/// accountant that they were seen. Value = the row's label.
public enum SubtotalRowRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .subtotalRow, check: check)

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        for row in facts.report.totalRows.dropLast() {
            findings.append(Finding(.subtotalRow, line: row.line, value: row.label))
        }
    }
}
