import BudgetCore

/// Reads the key–value rows above the table (`Mã đơn vị,BAOKT`, `Đơn vị tính: nghìn đồng`).
///
/// Keys match like column names. A key cell's value is the next non-empty cell in the
/// row; a cell may also hold both, as "Key: value". One row may hold several pairs
/// (`Mã đơn vị,BAOKT,Đơn vị,Báo Kon Tum`).
///
/// Keys: `Mã đơn vị` (also "Mã ĐV", "Mã cơ quan"; English "Agency code"), `Đơn vị`
/// (also "Tên đơn vị", "Cơ quan"; "Agency"), `Kế hoạch` (also "Mã kế hoạch"; "Plan"),
/// `Đơn vị tính` (also "ĐVT"; "Unit").
enum KeyRowMatcher {
    static let keys: [String: KeyRow.Key] = [
        "ma don vi": .agencyCode, "ma dv": .agencyCode, "ma co quan": .agencyCode, "agency code": .agencyCode,
        "don vi": .agencyName, "ten don vi": .agencyName, "co quan": .agencyName, "agency": .agencyName,
        "ke hoach": .plan, "ma ke hoach": .plan, "plan": .plan,
        "don vi tinh": .moneyUnit, "dvt": .moneyUnit, "unit": .moneyUnit,
    ]

    /// The key rows in one row's cells (trimmed, NFC).
    static func match(_ cells: [String], line: Int) -> [KeyRow] {
        var rows: [KeyRow] = []
        var index = 0
        while index < cells.count {
            let cell = cells[index]
            index += 1
            guard !cell.isEmpty, cell.utf8.count <= 200 else { continue }
            var keyText = Substring(cell)
            var inlineValue = ""
            if let colon = cell.firstIndex(of: ":") {
                keyText = cell[..<colon]
                inlineValue = Folding.trim(String(cell[cell.index(after: colon)...]))
            }
            guard let key = keys[NameFolding.key(String(keyText))] else { continue }
            if !inlineValue.isEmpty {
                rows.append(KeyRow(key: key, line: line, value: inlineValue))
                continue
            }
            while index < cells.count && cells[index].isEmpty { index += 1 }
            guard index < cells.count else { break }
            rows.append(KeyRow(key: key, line: line, value: cells[index]))
            index += 1
        }
        return rows
    }
}
