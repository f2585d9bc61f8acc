import BudgetCore

/// `empty-submission`: the file has no estimate lines.
///
/// Not raised when the reader already reported why it found no lines: an unreadable or
/// legacy encoding, malformed CSV, no header, a missing or duplicate column, or a limit
/// exceeded. One clear error is worth more than that error plus its consequence.
public enum EmptySubmissionRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .emptySubmission, check: check)

    /// Reader findings that explain an absence of lines.
    static let explanations: Set<FindingCode> = [
        .unreadableEncoding, .legacyEncoding, .malformedCSV, .noHeader, .missingColumn, .duplicateColumn,
        .limitExceeded,
    ]

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        guard facts.lineCount == 0 else { return }
        guard !facts.report.findings.contains(where: { explanations.contains($0.code) }) else { return }
        findings.append(Finding(.emptySubmission))
    }
}
