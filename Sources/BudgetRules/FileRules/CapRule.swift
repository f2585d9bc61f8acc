import BudgetCore

/// `cap-exceeded` (warning): this file's own lines for an item add up to more than the
/// item's cap. At consolidation the engine checks all agencies together; a single file
/// already over the cap is worth telling the accountant at `check`.
///
/// One finding per item, in plan order; `item` = the plan code, value = the file's total
/// for it, `cap`, `excess`, all grouped; `agency` = the file's agency when known.
public enum CapRule {
    /// The rule as registered in ``FileRules``.
    public static let rule = FileRule(code: .capExceeded, check: check)

    /// Appends the rule's findings for the file; see the type's documentation.
    @Sendable
    public static func check(_ facts: FileFacts, _ findings: inout [Finding]) {
        for item in facts.plan.items {
            guard let cap = item.cap, let total = facts.totalsByItem[item.code], total > cap else { continue }
            findings.append(
                Finding(
                    .capExceeded, value: Figures.amount(total), item: item.code, agency: facts.agency?.code,
                    arguments: ["cap": Figures.amount(cap), "excess": Figures.difference(total, cap)]))
        }
    }
}
