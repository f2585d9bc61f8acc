import BudgetCore
import BudgetFormats
import BudgetStore

/// One of the four summary tables, as a neutral table the writers understand.
///
/// CSV and JSON hold data rows only, for programs (the grand total is in the manifest);
/// the formats people read — XLSX, HTML, Markdown — end with a "Tổng cộng" row.
public struct ReportTable {
    /// Which table.
    public enum Kind: String, Sendable, CaseIterable {
        case agencies, items, matrix, lines
    }

    public let kind: Kind
    /// The sheet name, in Vietnamese.
    public let name: String
    /// The package's file name stem (`theo-don-vi`).
    public let fileStem: String
    public let columns: [TableColumn]
    /// JSON keys, one per column (camelCase; never renamed once released).
    public let keys: [String]
    /// Makes a fresh row source; `withTotal` appends the "Tổng cộng" row.
    let makeRows: (_ withTotal: Bool) throws(EngineError) -> ClosureRows

    /// The table as a sheet.
    public func sheet(withTotal: Bool) throws(EngineError) -> TableSheet<ClosureRows> {
        TableSheet(name: name, columns: columns, source: try makeRows(withTotal))
    }
}

/// Builds the report tables of a consolidated round.
enum ReportTables {
    static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .empty }
    static func amount(_ m: Money?) -> Cell { m.map { .amount($0.dong) } ?? .empty }
    static func integer(_ n: Int) -> Cell { .integer(Int64(n)) }

    /// The state as the Vietnamese tables say it.
    static func stateText(_ state: String) -> String {
        switch state {
        case "missing": "Chưa gửi"
        case "accepted": "Đã nhận"
        case "accepted-late": "Nhận sau hạn (ngoại lệ)"
        case "returned": "Trả lại để sửa"
        case "refused-late": "Từ chối (sau hạn)"
        default: state
        }
    }

    static func all(_ c: Consolidation, store: RoundStore) -> [ReportTable] {
        [agencies(c), items(c), matrix(c), lines(c, store: store)]
    }

    static func table(_ kind: ReportTable.Kind, _ c: Consolidation, store: RoundStore) -> ReportTable {
        switch kind {
        case .agencies: agencies(c)
        case .items: items(c)
        case .matrix: matrix(c)
        case .lines: lines(c, store: store)
        }
    }

    /// Rows from an array, with an optional total row.
    static func rows(_ data: [[Cell]], total: [Cell]?) -> ClosureRows {
        var all = data
        if let total { all.append(total) }
        var index = 0
        return ClosureRows {
            guard index < all.count else { return nil }
            defer { index += 1 }
            return all[index]
        }
    }

    static func agencies(_ c: Consolidation) -> ReportTable {
        let zone = c.plan.timeZone
        let columns = [
            TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã đơn vị", width: 12),
            TableColumn("Đơn vị", width: 40), TableColumn("Trạng thái", width: 22),
            TableColumn("Thời điểm nhận", width: 26), TableColumn("Số tệp đã nhận", kind: .integer, width: 10),
            TableColumn("Số dòng", kind: .integer, width: 10),
            TableColumn("Kinh phí đề nghị (đồng)", kind: .amount, width: 20),
            TableColumn("Biên nhận số", kind: .integer, width: 10), TableColumn("SHA-256 tệp được tính", width: 66),
        ]
        let keys = ["no", "code", "name", "state", "receivedAt", "submissions", "lines", "total", "receipt", "sha256"]
        let data: [[Cell]] = c.agencies.enumerated().map { n, a in
            let counted = a.counted
            return [
                integer(n + 1), .text(a.agency.code), .text(a.agency.name), .text(stateText(a.state.rawValue)),
                text((counted ?? a.latest).map { ISOTime.format($0.receivedAt, in: zone) }),
                integer(a.receipts.count), counted.map { integer($0.lineCount) } ?? .empty, amount(counted?.total),
                counted.map { .integer($0.id) } ?? .empty, text(counted?.sha256),
            ]
        }
        let lineCount = c.counted.reduce(0) { $0 + $1.lineCount }
        let total: [Cell] = [
            .empty, .empty, .text("Tổng cộng"), .empty, .empty, integer(c.receipts.count), integer(lineCount),
            amount(c.grandTotal), .empty, .empty,
        ]
        return ReportTable(
            kind: .agencies, name: "Theo đơn vị", fileStem: "theo-don-vi", columns: columns, keys: keys,
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    static func items(_ c: Consolidation) -> ReportTable {
        let columns = [
            TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã nội dung", width: 12),
            TableColumn("Nội dung", width: 60), TableColumn("Đơn vị được giao", width: 24),
            TableColumn("Mức trần (đồng)", kind: .amount, width: 18),
            TableColumn("Kinh phí đề nghị (đồng)", kind: .amount, width: 20),
            TableColumn("Vượt trần (đồng)", kind: .amount, width: 18),
        ]
        let keys = ["no", "code", "title", "agencies", "cap", "total", "overCap"]
        let data: [[Cell]] = c.items.enumerated().map { n, i in
            let over = i.overCap ? i.item.cap.map { Money(dong: i.total.dong - $0.dong) } : nil
            return [
                integer(n + 1), .text(i.item.code), .text(i.item.title),
                .text(i.item.agencies.isEmpty ? "Mọi đơn vị" : i.item.agencies.joined(separator: ", ")),
                amount(i.item.cap), amount(i.total), amount(over),
            ]
        }
        let total: [Cell] = [.empty, .empty, .text("Tổng cộng"), .empty, .empty, amount(c.grandTotal), .empty]
        return ReportTable(
            kind: .items, name: "Theo nội dung", fileStem: "theo-noi-dung", columns: columns, keys: keys,
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    static func matrix(_ c: Consolidation) -> ReportTable {
        var columns = [TableColumn("Mã đơn vị", width: 12), TableColumn("Đơn vị", width: 36)]
        columns += c.items.map { TableColumn($0.item.code, kind: .amount, width: 16) }
        columns.append(TableColumn("Tổng cộng", kind: .amount, width: 20))
        let keys = ["code", "name"] + c.items.map(\.item.code) + ["total"]
        let data: [[Cell]] = c.agencies.map { a in
            let row = c.matrix[a.agency.code] ?? [:]
            return [.text(a.agency.code), .text(a.agency.name)] + c.items.map { amount(row[$0.item.code]) }
                + [amount(a.total)]
        }
        let total: [Cell] = [.empty, .text("Tổng cộng")] + c.items.map { amount($0.total) } + [amount(c.grandTotal)]
        return ReportTable(
            kind: .matrix, name: "Ma trận", fileStem: "ma-tran", columns: columns, keys: keys,
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    /// Every counted line with its source: streamed from the store, agencies in plan order.
    static func lines(_ c: Consolidation, store: RoundStore, observe: ((Int64, Money?) -> Void)? = nil) -> ReportTable {
        let columns = [
            TableColumn("Mã đơn vị", width: 12), TableColumn("Mã nội dung", width: 12), TableColumn("STT", width: 6),
            TableColumn("Nội dung", width: 60), TableColumn("Đơn vị tính", width: 12),
            TableColumn("Số lượng", kind: .decimal, width: 12), TableColumn("Đơn giá (đồng)", kind: .amount, width: 16),
            TableColumn("Thành tiền (đồng)", kind: .amount, width: 18), TableColumn("Ghi chú", width: 30),
            TableColumn("Biên nhận số", kind: .integer, width: 10), TableColumn("Tệp nguồn", width: 28),
            TableColumn("SHA-256 tệp nguồn", width: 66), TableColumn("Dòng trong tệp", kind: .integer, width: 10),
        ]
        let keys = [
            "agency", "item", "number", "description", "unit", "quantity", "unitPrice", "amount", "note", "receipt",
            "file", "sha256", "line",
        ]
        let counted = c.counted
        let byID = Dictionary(uniqueKeysWithValues: counted.map { ($0.id, $0) })
        let total: [Cell] = [
            .empty, .empty, .empty, .text("Tổng cộng"), .empty, .empty, .empty, amount(c.grandTotal), .empty, .empty,
            .empty, .empty, .empty,
        ]
        return ReportTable(
            kind: .lines, name: "Chi tiết", fileStem: "chi-tiet", columns: columns, keys: keys,
            makeRows: { withTotal throws(EngineError) in
                let cursor: LineCursor
                do throws(StoreError) {
                    cursor = try store.lineCursor(receiptIDs: counted.map(\.id))
                } catch {
                    throw StoreErrors.engineError(error)
                }
                var totalGiven = !withTotal
                return ClosureRows {
                    guard let (id, line) = try cursor.next() else {
                        if totalGiven { return nil }
                        totalGiven = true
                        return total
                    }
                    observe?(id, line.amount)
                    let receipt = byID[id]
                    return [
                        text(receipt?.agency), .text(line.itemCode), .text(line.number), .text(line.description),
                        .text(line.unit),
                        line.quantity.map { .decimal(mantissa: $0.mantissa, scale: $0.scale) } ?? .empty,
                        amount(line.unitPrice), amount(line.amount), .text(line.note), .integer(id),
                        text(receipt?.fileName), text(receipt?.sha256), integer(line.line),
                    ]
                }
            })
    }
}
