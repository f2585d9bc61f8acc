import BudgetCore

/// A rule that judges a whole file once all its lines have been read: emptiness, totals,
/// the amount in words, caps, the sum's size. Like ``LineRule``, a function in a value.
public struct FileRule: Sendable {
    /// The code the rule raises (some rules raise a second, related one).
    public let code: FindingCode
    /// Appends the rule's findings for the file to `findings`.
    public let check: @Sendable (_ facts: FileFacts, _ findings: inout [Finding]) -> Void

    public init(code: FindingCode, check: @escaping @Sendable (FileFacts, inout [Finding]) -> Void) {
        self.code = code
        self.check = check
    }
}

/// The registered file rules, in the order they run. Adding a rule means adding it here.
public enum FileRules {
    /// Every file rule, run in this order when the file is finished.
    public static let registered: [FileRule] = [
        EmptySubmissionRule.rule,
        SumLimitRule.rule,
        TotalRowRule.rule,
        SubtotalRowRule.rule,
        WordsRule.rule,
        CapRule.rule,
    ]
}

/// What file rules may consult: the reader's report and what validation summed.
public struct FileFacts: Sendable {
    /// The plan the file is judged against.
    public var plan: Plan
    /// The file's agency, if one was determined.
    public var agency: Party?
    /// What the reader produced: total rows, words rows, structural findings.
    public var report: IntakeReport
    /// Where each field sits in the file.
    public var columns: [ColumnField: ColumnRef]
    /// The number of estimate lines consumed.
    public var lineCount: Int
    /// How many of them had no amount (missing or unreadable, each with its own finding).
    public var linesWithoutAmount: Int
    /// The sum of every amount, or `nil` if it overflowed.
    public var total: Money?
    /// The sum per plan item (canonical code), for the items whose sum fits.
    public var totalsByItem: [String: Money]

    public init(
        plan: Plan, agency: Party?, report: IntakeReport, columns: [ColumnField: ColumnRef], lineCount: Int,
        linesWithoutAmount: Int, total: Money?, totalsByItem: [String: Money]
    ) {
        self.plan = plan
        self.agency = agency
        self.report = report
        self.columns = columns
        self.lineCount = lineCount
        self.linesWithoutAmount = linesWithoutAmount
        self.total = total
        self.totalsByItem = totalsByItem
    }

    /// The grand-total row: the last total row, if any.
    public var grandTotalRow: TotalRow? { report.totalRows.last }

    /// Whether `total` can be trusted as the file's sum: it did not overflow and every
    /// line had an amount.
    public var totalIsComplete: Bool { total != nil && linesWithoutAmount == 0 }

    /// The amount column's name and number, for findings about totals.
    var amountColumn: ColumnRef? { columns[.amount] }
}
