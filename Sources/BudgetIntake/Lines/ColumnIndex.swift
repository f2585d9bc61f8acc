import BudgetCore

/// The 0-based record index of each field, `-1` when the header lacks it: plain integers
/// so the per-row path does no dictionary look-ups.
struct ColumnIndex: Sendable {
    var number = -1
    var itemCode = -1
    var description = -1
    var unit = -1
    var quantity = -1
    var unitPrice = -1
    var amount = -1
    var note = -1

    init() {}

    init(_ columns: [ColumnField: ColumnRef]) {
        for (field, ref) in columns {
            let index = ref.number - 1
            switch field {
            case .number: number = index
            case .itemCode: itemCode = index
            case .description: description = index
            case .unit: unit = index
            case .quantity: quantity = index
            case .unitPrice: unitPrice = index
            case .amount: amount = index
            case .note: note = index
            }
        }
    }

    /// Whether `index` holds a number (quantity, unit price or amount).
    func isNumeric(_ index: Int) -> Bool { index == quantity || index == unitPrice || index == amount }
}
