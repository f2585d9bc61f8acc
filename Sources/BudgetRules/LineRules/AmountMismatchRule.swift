import BudgetCore

/// `amount-mismatch`: quantity × unit price, rounded half up to the đồng, is not the
/// amount. Checked only when all three cells are present; a product too large for 64
/// bits is the variant "overflow".
///
/// On the amount column; value = the amount, `expected` = the product, `quantity`,
/// `price`, all formatted as the sheet shows them ("90.000.000", "2,5").
public enum AmountMismatchRule {
    public static let rule = LineRule(code: .amountMismatch, check: check)

    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        guard let quantity = line.quantity, let price = line.unitPrice, let amount = line.amount else { return }
        let arguments = ["quantity": Figures.quantity(quantity), "price": Figures.amount(price)]
        guard let product = quantity.times(price) else {
            findings.append(
                context.finding(
                    .amountMismatch, line: line.line, field: .amount, value: Figures.amount(amount),
                    variant: "overflow", arguments: arguments))
            return
        }
        guard product != amount else { return }
        findings.append(
            context.finding(
                .amountMismatch, line: line.line, field: .amount, value: Figures.amount(amount),
                arguments: arguments.merging(["expected": Figures.amount(product)]) { a, _ in a }))
    }
}
