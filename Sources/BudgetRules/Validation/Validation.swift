import BudgetCore

/// What validating one submission against the plan found.
public struct Validation: Sendable, Hashable {
    /// The agency the file is attributed to, if any source named one of the plan.
    public var agency: Party?
    /// The validator's own findings (not the reader's), in ``Finding/reportOrder(_:_:)``.
    public var findings: [Finding]
    /// The number of estimate lines.
    public var lineCount: Int
    /// The sum of every line's amount, unknown items included (the accountant summed
    /// them too, and the total row is checked against this); `nil` if it overflowed.
    public var total: Money?
    /// The sum per plan item, keyed by the plan's canonical code; only lines of known
    /// items, and only items whose sum fits 64 bits.
    public var totalsByItem: [String: Money]
    /// Whether neither the reader's findings nor these include an error.
    public var isValid: Bool

    public init(
        agency: Party?, findings: [Finding], lineCount: Int, total: Money?, totalsByItem: [String: Money],
        isValid: Bool
    ) {
        self.agency = agency
        self.findings = findings
        self.lineCount = lineCount
        self.total = total
        self.totalsByItem = totalsByItem
        self.isValid = isValid
    }
}
