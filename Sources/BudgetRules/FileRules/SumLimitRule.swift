import BudgetCore

/// `limit-exceeded` (variant "sum"): the amounts add up to more than a signed 64-bit
/// integer of đồng. The sum is refused, never wrapped; the reader may have said so
/// already, in which case this rule stays quiet.
public enum SumLimitRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .limitExceeded, check: check)

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        guard facts.total == nil else { return }
        let reported = facts.report.findings.contains { $0.code == .limitExceeded && $0.variant == "sum" }
        guard !reported else { return }
        findings.append(Finding(.limitExceeded, variant: "sum"))
    }
}
