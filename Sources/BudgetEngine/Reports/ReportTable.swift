import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation

/// One of the four summary tables, as a neutral table the writers understand.
///
/// CSV and JSON hold data rows only, for programs (the grand total is in the manifest);
/// the formats people read — XLSX, HTML, Markdown — end with a "Tổng cộng" row, and XLSX
/// and HTML print with a title block and the table's ``PrintLayout``.
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
    /// What the table is, as the first line of its title block ("TỔNG HỢP DỰ TOÁN KINH
    /// PHÍ THEO ĐƠN VỊ").
    public let heading: String
    /// How it prints, title lines aside (``ReportTables/titled(_:plan:now:clockKind:)``).
    public let layout: PrintLayout
    /// Makes a fresh row source; `withTotal` appends the "Tổng cộng" row.
    let makeRows: (_ withTotal: Bool) throws(EngineError) -> ClosureRows

    /// The table as a sheet, with `layout` (none by default: CSV, JSON and Markdown).
    public func sheet(
        withTotal: Bool, layout: PrintLayout = PrintLayout()
    ) throws(EngineError) -> TableSheet<
        ClosureRows
    > {
        TableSheet(name: name, columns: columns, source: try makeRows(withTotal), layout: layout)
    }
}

/// Builds the report tables of a consolidated round.
enum ReportTables {
    static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .empty }
    static func amount(_ m: Money?) -> Cell { m.map { .amount($0.dong) } ?? .empty }
    static func integer(_ n: Int) -> Cell { .integer(Int64(n)) }

    /// `instant` as the plan's zone showed it: a date in XLSX, ISO 8601 text in CSV and
    /// JSON (the same text ``ISOTime/format(_:in:)`` writes).
    static func moment(_ instant: Date, zone: TimeZone) -> Cell {
        let local = LocalDateTime(instant, in: zone)
        return .dateTime(
            CellDateTime(
                year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute,
                second: local.second, millisecond: local.nanosecond / 1_000_000,
                utcOffsetSeconds: zone.secondsFromGMT(for: instant)))
    }

    /// The most item columns of the matrix in one printed block (with the agency's code
    /// and name repeated at the left of each): about 78 % of full size on A4 landscape.
    static let matrixColumnsPerBlock = 8

    /// Whether the agency × item matrix has more items than a worksheet has columns
    /// (16 384, less the agency's code and name and the total), so that the workbook and
    /// the printed page show it transposed: an item per row, an agency per column.
    static func matrixIsTransposed(_ c: Consolidation) -> Bool {
        c.items.count + 3 > XLSXOptions.excelMaxColumns
    }

    /// `table` with its title block: what it is (and for which period, in a round of a
    /// recurring plan), the plan, who made it and when (and that the clock was simulated,
    /// when it was).
    static func titled(_ table: ReportTable, plan: Plan, now: Date, clockKind: ClockKind) -> PrintLayout {
        var layout = table.layout
        var made = "\(plan.consolidator.name) lập lúc \(VietnameseDates.short(now, zone: plan.timeZone))"
        if clockKind == .simulated { made += " (bản thử, đồng hồ mô phỏng)" }
        layout.titleLines = [PeriodText.heading(table.heading, plan), plan.title, made]
        return layout
    }

    static func all(_ c: Consolidation, store: RoundStore) -> [ReportTable] {
        [agencies(c), items(c), matrix(c), lines(c, store: store)]
    }

    /// The table; with `forPaper` (XLSX, HTML), a matrix too wide for a worksheet comes
    /// transposed.
    static func table(
        _ kind: ReportTable.Kind, _ c: Consolidation, store: RoundStore, forPaper: Bool = false
    )
        -> ReportTable
    {
        switch kind {
        case .agencies: agencies(c)
        case .items: items(c)
        case .matrix: forPaper && matrixIsTransposed(c) ? transposedMatrix(c) : matrix(c)
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
            TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã đơn vị", width: 13),
            TableColumn("Đơn vị", width: 32, wraps: true), TableColumn("Trạng thái", width: 18, wraps: true),
            TableColumn("Thời điểm nhận", width: 20), TableColumn("Số tệp đã nhận", kind: .integer, width: 9),
            TableColumn("Số dòng", kind: .integer, width: 8),
            TableColumn("Kinh phí đề nghị (đồng)", kind: .amount, width: 17),
            TableColumn("Biên nhận số", kind: .integer, width: 9),
            TableColumn("SHA-256 tệp được tính", width: 50, isIdentifier: true),
        ]
        let keys = ["no", "code", "name", "state", "receivedAt", "submissions", "lines", "total", "receipt", "sha256"]
        let data: [[Cell]] = c.agencies.enumerated().map { n, a in
            let counted = a.counted
            return [
                integer(n + 1), .text(a.agency.code), .text(a.agency.name),
                .text(Labels.capitalized(Labels.state(a.state, .vi))),
                (counted ?? a.latest).map { moment($0.receivedAt, zone: zone) } ?? .empty,
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
            heading: "TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ", layout: PrintLayout(orientation: .landscape),
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    static func items(_ c: Consolidation) -> ReportTable {
        let columns = [
            TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã nội dung", width: 12),
            TableColumn("Nội dung", width: 60, wraps: true), TableColumn("Đơn vị được giao", width: 22, wraps: true),
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
            heading: "TỔNG HỢP DỰ TOÁN KINH PHÍ THEO NỘI DUNG", layout: PrintLayout(orientation: .landscape),
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    static func matrix(_ c: Consolidation) -> ReportTable {
        var columns = [TableColumn("Mã đơn vị", width: 13), TableColumn("Đơn vị", width: 28, wraps: true)]
        columns += c.items.map { TableColumn($0.item.code, kind: .amount, width: 15) }
        columns.append(TableColumn("Tổng cộng", kind: .amount, width: 17))
        let keys = ["code", "name"] + c.items.map(\.item.code) + ["total"]
        let data: [[Cell]] = c.agencies.map { a in
            let row = c.matrix[a.agency.code] ?? [:]
            return [.text(a.agency.code), .text(a.agency.name)] + c.items.map { amount(row[$0.item.code]) }
                + [amount(a.total)]
        }
        let total: [Cell] = [.empty, .text("Tổng cộng")] + c.items.map { amount($0.total) } + [amount(c.grandTotal)]
        return ReportTable(
            kind: .matrix, name: "Ma trận", fileStem: "ma-tran", columns: columns, keys: keys,
            heading: "TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ VÀ NỘI DUNG",
            layout: PrintLayout(
                orientation: .landscape, keyColumns: 2, columnsPerBlock: matrixColumnsPerBlock),
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    /// The matrix turned a quarter: an item per row, an agency per column, for a plan with
    /// more items than a worksheet has columns. Printed in blocks of agencies, each
    /// repeating the item's code and title.
    static func transposedMatrix(_ c: Consolidation) -> ReportTable {
        var columns = [TableColumn("Mã nội dung", width: 12), TableColumn("Nội dung", width: 40, wraps: true)]
        columns += c.agencies.map { TableColumn($0.agency.code, kind: .amount, width: 15) }
        columns.append(TableColumn("Tổng cộng", kind: .amount, width: 17))
        let keys = ["code", "title"] + c.agencies.map(\.agency.code) + ["total"]
        let agencyCodes = c.agencies.map(\.agency.code)
        let data: [[Cell]] = c.items.map { i in
            [.text(i.item.code), .text(i.item.title)]
                + agencyCodes.map { amount(c.matrix[$0]?[i.item.code]) } + [amount(i.total)]
        }
        let total: [Cell] =
            [.empty, .text("Tổng cộng")] + c.agencies.map { amount($0.total) } + [amount(c.grandTotal)]
        return ReportTable(
            kind: .matrix, name: "Ma trận", fileStem: "ma-tran", columns: columns, keys: keys,
            heading: "TỔNG HỢP DỰ TOÁN KINH PHÍ THEO NỘI DUNG VÀ ĐƠN VỊ",
            layout: PrintLayout(
                orientation: .landscape, keyColumns: 2, columnsPerBlock: matrixColumnsPerBlock),
            makeRows: { withTotal in rows(data, total: withTotal ? total : nil) })
    }

    /// Every counted line with its source (``CountedLines``), agencies in plan order.
    static func lines(_ c: Consolidation, store: RoundStore, observe: ((Int64, Money?) -> Void)? = nil) -> ReportTable {
        let columns = [
            TableColumn("Mã đơn vị", width: 13, repeats: true), TableColumn("Mã nội dung", width: 11, repeats: true),
            TableColumn("STT", width: 5, repeats: true), TableColumn("Nội dung", width: 44, wraps: true),
            TableColumn("Đơn vị tính", width: 9, wraps: true, repeats: true),
            TableColumn("Số lượng", kind: .decimal, width: 9), TableColumn("Đơn giá (đồng)", kind: .amount, width: 14),
            TableColumn("Thành tiền (đồng)", kind: .amount, width: 15), TableColumn("Ghi chú", width: 20, wraps: true),
            TableColumn("Biên nhận số", kind: .integer, width: 8),
            TableColumn("Tệp nguồn", width: 20, wraps: true, repeats: true),
            TableColumn("SHA-256 tệp nguồn", width: 50, isIdentifier: true, repeats: true),
            TableColumn("Dòng trong tệp", kind: .integer, width: 8),
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
            heading: "CHI TIẾT CÁC DÒNG DỰ TOÁN ĐƯỢC TỔNG HỢP",
            layout: PrintLayout(orientation: .landscape, compact: true),
            makeRows: { withTotal throws(EngineError) in
                let cursor = try CountedLines(store: store, plan: c.plan, receipts: counted)
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
