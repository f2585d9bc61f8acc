import BudgetCore

/// A line held back because its quantity reads two ways ("1.500": 1500 or 1.5) and the
/// file has not yet shown its decimal mark. Only such lines are held.
struct PendingLine: Sendable {
    var line: EstimateLine
    /// The quantity's shape, ambiguous.
    var quantity: NumberShape
    /// The quantity as written, trimmed.
    var quantityText: String
}
