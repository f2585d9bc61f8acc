import BudgetCore

/// `negative-amount`: one finding per negative quantity, unit price or amount cell, on
/// that cell's column. An estimate asks for money; a reduction is not a negative line.
public enum NegativeAmountRule: RegisteredLineRule {
    public static let code = FindingCode.negativeAmount

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        if let quantity = line.quantity, quantity.isNegative {
            findings.append(
                context.finding(.negativeAmount, line: line.line, field: .quantity, value: Figures.quantity(quantity)))
        }
        if let price = line.unitPrice, price.dong < 0 {
            findings.append(
                context.finding(.negativeAmount, line: line.line, field: .unitPrice, value: Figures.amount(price)))
        }
        if let amount = line.amount, amount.dong < 0 {
            findings.append(
                context.finding(.negativeAmount, line: line.line, field: .amount, value: Figures.amount(amount)))
        }
    }
}
