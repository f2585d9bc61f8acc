import BudgetCore

/// A line held back because its quantity reads two ways ("1.500": 1500 or 1.5) and the
/// file has not yet shown its decimal mark — or, when the reader keeps file order, a
/// finished line waiting behind such a line (its `quantity` nil).
struct PendingLine: Sendable {
    var line: EstimateLine
    /// The quantity's shape, ambiguous; nil for a finished line held only for its place.
    var quantity: NumberShape?
    /// The quantity as written, trimmed.
    var quantityText: String
}
