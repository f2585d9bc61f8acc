import BudgetCore

/// The lines on which no built-in line rule but `duplicate-line` can find anything,
/// told from a ``KeyedLine``'s figures alone. The validator judges such a line without
/// making its ``EstimateLine`` or running the rules on it
/// (``SubmissionValidator/consume(_:codes:)``); every other line goes through the rules.
///
/// Each condition is the negation of one rule's trigger, so a quiet line gets no finding
/// from ``UnknownItemRule``, ``ItemNotAssignedRule``, ``NegativeAmountRule`` or
/// ``AmountMismatchRule`` (a test runs the rules on many lines judged quiet to show it).
/// A condition may be stricter than its rule, never looser: a line wrongly judged not
/// quiet costs only the slow path.
enum QuietLine {
    /// The rules whose findings a quiet line cannot get, by code: every registered line
    /// rule but `duplicate-line`, which the validator runs on quiet lines too (a test checks
    /// this list against ``LineRules/List``).
    static let standsInFor: [FindingCode] = [.unknownItem, .itemNotAssigned, .negativeAmount, .amountMismatch]

    /// Whether `line` is quiet. `itemIsQuiet`: its code names a plan item, and that item is
    /// open to the file's agency or the agency is not settled (``ItemNotAssignedRule``).
    @inline(__always)
    static func isQuiet(_ line: KeyedLine, itemIsQuiet: Bool) -> Bool {
        guard itemIsQuiet else { return false }  // unknown-item, item-not-assigned
        let amount = line.amount
        let price = line.unitPrice
        let quantity = line.quantity
        // negative-amount
        if let amount, amount.dong < 0 { return false }
        if let price, price.dong < 0 { return false }
        if let quantity, quantity.isNegative { return false }
        // amount-mismatch
        if let amount, let price, let quantity, quantity.times(price) != amount { return false }
        return true
    }

    /// Whether each plan item is quiet for a file whose settled agency is `agency` (`nil`:
    /// not settled, and no item is judged against it), by index in `plan.items`.
    static func items(_ plan: Plan, agency: Party?) -> [Bool] {
        plan.items.map { item in agency.map { item.isAssigned(to: $0.code) } ?? true }
    }
}
