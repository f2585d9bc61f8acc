import BudgetCore

/// `unknown-item`: the line's item code is not in the plan.
///
/// The value is the code as written. The suggestion is the plan code that matches when
/// "." and spaces are ignored ("IV2a" → "IV.2.a"), else the nearest code by edit
/// distance (``Suggest/nearest(_:in:)``). A line with an amount and no code at all is
/// the same finding with the variant "missing-code": it cannot be summed under any item.
public enum UnknownItemRule: RegisteredLineRule {
    public static let code = FindingCode.unknownItem

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        // A pattern, not `== nil`: comparing copied the item (three retains) on every line.
        guard case .none = checked.item else { return }
        let line = checked.line
        guard !line.itemCode.isEmpty else {
            findings.append(context.finding(.unknownItem, line: line.line, field: .itemCode, variant: "missing-code"))
            return
        }
        var arguments: [String: String] = [:]
        if let suggestion = suggestion(for: line.itemCode, context, &memory) {
            arguments["suggestion"] = suggestion
        }
        findings.append(
            context.finding(.unknownItem, line: line.line, field: .itemCode, value: line.itemCode, arguments: arguments)
        )
    }

    /// The plan code the writer probably meant, cached per code.
    static func suggestion(for code: String, _ context: LineContext, _ memory: inout LineMemory) -> String? {
        let key = Plan.codeKey(code)
        if let cached = memory.suggestions[key] { return cached }
        let found =
            context.compactItemCodes[LineContext.compactKey(code)]
            ?? (memory.suggestions.count < LineMemory.suggestionLimit
                ? Suggest.nearest(Folding.trim(code), in: context.itemCodes) : nil)
        if memory.suggestions.count < LineMemory.suggestionLimit { memory.suggestions[key] = .some(found) }
        return found
    }
}
