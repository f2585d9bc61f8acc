import BudgetCore

/// The names a header cell may give each field, and the unit suffix it may carry.
///
/// Names are compared after ``NameFolding/key(_:)`` (case, tone marks, đ/d, spacing) and
/// after removing a trailing parenthesised unit: "Thành tiền (nghìn đồng)" is the amount
/// column in thousands of đồng; "Đơn giá (đồng/cái)" is the unit price in đồng.
///
/// Synonyms beyond the template's names, chosen from how Vietnamese estimates are
/// commonly headed:
/// - STT: "TT", "Số TT", "Số thứ tự"; English "No", "No.", "#".
/// - Mã nội dung: "Mã", "Mã ND", "Mã nhiệm vụ", "Mã mục"; English "Code", "Item code".
/// - Nội dung: "Nội dung công việc", "Nội dung chi", "Diễn giải", "Tên nội dung",
///   "Tên công việc"; English "Description", "Content".
/// - Đơn vị tính: "ĐVT"; English "Unit", "Unit of measure", "UoM". ("Đơn vị" alone is
///   the agency, not a column.)
/// - Số lượng: "SL", "Khối lượng"; English "Quantity", "Qty".
/// - Đơn giá: "Mức chi"; English "Unit price", "Price", "Unit cost".
/// - Thành tiền: "Số tiền", "Kinh phí", "Kinh phí dự toán", "Dự toán"; English
///   "Amount", "Total amount", "Cost".
/// - Ghi chú: English "Note", "Notes", "Remark", "Remarks".
enum ColumnNames {
    static let synonyms: [String: ColumnField] = {
        var map: [String: ColumnField] = [:]
        let table: [(ColumnField, [String])] = [
            (.number, ["stt", "tt", "so tt", "so thu tu", "no", "no.", "#"]),
            (.itemCode, ["ma noi dung", "ma", "ma nd", "ma nhiem vu", "ma muc", "code", "item code"]),
            (
                .description,
                [
                    "noi dung", "noi dung cong viec", "noi dung chi", "dien giai", "ten noi dung", "ten cong viec",
                    "description", "content",
                ]
            ),
            (.unit, ["don vi tinh", "dvt", "unit", "unit of measure", "uom"]),
            (.quantity, ["so luong", "sl", "khoi luong", "quantity", "qty"]),
            (.unitPrice, ["don gia", "muc chi", "unit price", "price", "unit cost"]),
            (
                .amount,
                ["thanh tien", "so tien", "kinh phi", "kinh phi du toan", "du toan", "amount", "total amount", "cost"]
            ),
            (.note, ["ghi chu", "note", "notes", "remark", "remarks"]),
        ]
        for (field, names) in table {
            for name in names { map[name] = field }
        }
        return map
    }()

    /// What a header cell names: its field, if known, and the money unit of its suffix.
    ///
    /// Remembered by the cell's text (``ColumnNameMemo``): every file of a round has the
    /// same header and title rows, and folding each cell (Unicode decomposition) cost a
    /// tenth of checking a file of a thousand lines.
    static func parse(_ cell: String) -> (field: ColumnField?, unit: MoneyUnit?, unitText: String?) {
        guard !cell.isEmpty, cell.utf8.count <= 80 else { return (nil, nil, nil) }
        if let known = ColumnNameMemo.shared.parsed(cell) { return known }
        let parsed = parseAnew(cell)
        ColumnNameMemo.shared.remember(cell, parsed)
        return parsed
    }

    private static func parseAnew(_ cell: String) -> (field: ColumnField?, unit: MoneyUnit?, unitText: String?) {
        if cell.hasSuffix(")"), let open = cell.lastIndex(of: "(") {
            let name = String(cell[..<open])
            let unitText = String(cell[cell.index(after: open)..<cell.index(before: cell.endIndex)])
            if let field = synonyms[NameFolding.key(name)] {
                let unit = MoneyUnit.parse(folded: NameFolding.key(unitText))
                return (field, unit, unit == nil ? nil : Folding.trim(unitText))
            }
        }
        return (synonyms[NameFolding.key(cell)], nil, nil)
    }
}
