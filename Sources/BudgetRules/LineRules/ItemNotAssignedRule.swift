import BudgetCore

/// `item-not-assigned`: the plan gives the item to other agencies.
///
/// Runs only when the file's agency is settled (see ``AgencyResolution/isSettled``).
/// The value is the code as written, `item` the plan's code, `agency` the file's agency;
/// `assignees` lists the codes the plan assigns the item to, comma-separated.
public enum ItemNotAssignedRule: RegisteredLineRule {
    public static let code = FindingCode.itemNotAssigned

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        // Items open to anyone (most) are settled without copying the item or the agency.
        guard checked.item?.agencies.isEmpty == false else { return }
        guard let item = checked.item, let agency = context.agency, !item.isAssigned(to: agency.code) else { return }
        findings.append(
            context.finding(
                .itemNotAssigned, line: checked.line.line, field: .itemCode, value: checked.line.itemCode,
                item: item.code, agency: agency.code,
                arguments: ["assignees": item.agencies.joined(separator: ", ")]))
    }
}
