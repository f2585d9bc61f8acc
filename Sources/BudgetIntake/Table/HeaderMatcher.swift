import BudgetCore

/// A header row: which known field each column holds.
struct HeaderMatch: Sendable {
    /// The first column naming each field.
    var columns: [ColumnField: ColumnRef] = [:]
    /// Later columns naming a field already named: (field, the later one, the first one).
    var duplicates: [(field: ColumnField, column: ColumnRef, first: ColumnRef)] = []
    /// The money unit stated in a column's suffix, with the unit as written.
    var units: [ColumnField: (unit: MoneyUnit, text: String)] = [:]
    /// The header's own spelling of every cell (trimmed, NFC), by 0-based index.
    var names: [String] = []
    /// The number of cells up to the last non-empty one.
    var width = 0
}

/// Finds the header: the first row that names at least three known columns.
enum HeaderMatcher {
    /// How many distinct fields a row must name to be the header.
    static let minimumKnownColumns = 3

    /// The match for `cells`, or `nil` if they name fewer than three known fields.
    static func match(_ cells: [String]) -> HeaderMatch? {
        var match = HeaderMatch()
        match.names = cells
        for (index, cell) in cells.enumerated() {
            if !cell.isEmpty { match.width = index + 1 }
            let parsed = ColumnNames.parse(cell)
            guard let field = parsed.field else { continue }
            let ref = ColumnRef(name: cell, number: index + 1)
            if let first = match.columns[field] {
                match.duplicates.append((field, ref, first))
                continue
            }
            match.columns[field] = ref
            if let unit = parsed.unit, let text = parsed.unitText { match.units[field] = (unit, text) }
        }
        return match.columns.count >= minimumKnownColumns ? match : nil
    }
}
