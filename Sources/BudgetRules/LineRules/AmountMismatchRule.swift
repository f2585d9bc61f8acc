import BudgetCore

/// `amount-mismatch`: quantity × unit price, rounded half up to the đồng, is not the
/// amount. Checked only when all three cells are present; a product too large for 64
/// bits is the variant "overflow".
///
/// On the amount column; value = the amount, `expected` = the product, `quantity`,
/// `price`, all formatted as the sheet shows them ("90.000.000", "2,5").
public enum AmountMismatchRule: RegisteredLineRule {
    public static let code = FindingCode.amountMismatch

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        guard let quantity = line.quantity, let price = line.unitPrice, let amount = line.amount else { return }
        let product = quantity.times(price)
        guard product != amount else { return }
        var arguments = ["quantity": Figures.quantity(quantity), "price": Figures.amount(price)]
        if let product { arguments["expected"] = Figures.amount(product) }
        findings.append(
            context.finding(
                .amountMismatch, line: line.line, field: .amount, value: Figures.amount(amount),
                variant: product == nil ? "overflow" : "", arguments: arguments))
    }
}
