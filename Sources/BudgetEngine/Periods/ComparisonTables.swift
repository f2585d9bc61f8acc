import BudgetCore
import BudgetFormats
import BudgetRules
import Foundation

/// The sheets of `export --compare`: agencies or items, with their figure in this round,
/// in the other, and the change, as neutral tables the same writers print.
///
/// Amounts are whole đồng; the change is signed (negative when this round asks less); the
/// percentage is ``AmountChange/percentTenths`` with one decimal, empty when the other
/// round's figure is zero. As in every export, CSV and JSON hold data rows only, and the
/// formats people read end with a "Tổng cộng" row.
enum ComparisonTables {
    /// The two sides' names in headings and column titles: the periods ("tháng 03/2020",
    /// "tháng 02/2020") when both rounds have different ones, else "đợt này" and "đợt so
    /// sánh".
    static func sides(_ c: RoundComparison) -> (this: String, other: String) {
        if let this = c.this.plan.period, let other = c.other.plan.period, this != other {
            return (this.vietnamese, other.vietnamese)
        }
        return ("đợt này", "đợt so sánh")
    }

    /// The table `--what` names: agencies or items (the engine refuses the others before).
    static func table(_ kind: ReportTable.Kind, _ c: RoundComparison) -> ReportTable {
        kind == .items ? items(c) : agencies(c)
    }

    /// The comparison's title block: what it compares ("SO SÁNH … THÁNG 03/2020 VỚI
    /// THÁNG 02/2020"), the plan, who made it and when; and, when the two rounds hold
    /// different versions of the plan, that rows are matched by code.
    static func titled(_ table: ReportTable, _ c: RoundComparison, now: Date, clockKind: ClockKind) -> PrintLayout {
        let plan = c.this.plan
        let (this, other) = sides(c)
        var layout = table.layout
        var made = "\(plan.consolidator.name) lập lúc \(VietnameseDates.short(now, zone: plan.timeZone))"
        if clockKind == .simulated { made += " (bản thử, đồng hồ mô phỏng)" }
        if !c.samePlan { made += "; kế hoạch của hai đợt có khác biệt, đơn vị và nội dung được đối chiếu theo mã" }
        layout.titleLines = [
            table.heading + " " + this.uppercased() + " VỚI " + other.uppercased(), plan.title, made,
        ]
        return layout
    }

    /// The percentage cell: "12,5" in documents, `12.5` in CSV and JSON; empty without one.
    static func percent(_ change: AmountChange) -> Cell {
        change.percentTenths.map { .decimal(mantissa: $0, scale: 1) } ?? .empty
    }

    static func figures(_ change: AmountChange) -> [Cell] {
        [.amount(change.amount.dong), .amount(change.otherAmount.dong), .amount(change.change), percent(change)]
    }

    /// The state of an agency in one round, in the glossary's words; "Không có trong kế
    /// hoạch" where that round's plan does not list it.
    static func state(_ state: AgencyState?) -> Cell {
        .text(state.map { Labels.capitalized(Labels.state($0, .vi)) } ?? "Không có trong kế hoạch")
    }

    static func changeColumns(_ this: String, _ other: String) -> [TableColumn] {
        [
            TableColumn("Kinh phí \(this) (đồng)", kind: .amount, width: 18),
            TableColumn("Kinh phí \(other) (đồng)", kind: .amount, width: 18),
            TableColumn("Tăng (+), giảm (-) (đồng)", kind: .amount, width: 18),
            TableColumn("Tỷ lệ tăng, giảm (%)", kind: .tenths, width: 10),
        ]
    }

    static func agencies(_ c: RoundComparison) -> ReportTable {
        let (this, other) = sides(c)
        let changes = changeColumns(this, other)
        let columns =
            [
                TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã đơn vị", width: 13),
                TableColumn("Đơn vị", width: 30, wraps: true),
                TableColumn("Trạng thái \(this)", width: 16, wraps: true),
                TableColumn("Trạng thái \(other)", width: 16, wraps: true),
            ] + changes
        let keys = [
            "no", "code", "name", "state", "otherState", "total", "otherTotal", "change", "changePercent",
        ]
        let data: [[Cell]] = c.agencies.enumerated().map { n, a in
            [.integer(Int64(n + 1)), .text(a.agency.code), .text(a.agency.name), state(a.state), state(a.otherState)]
                + figures(a.change)
        }
        let total: [Cell] = [.empty, .empty, .text("Tổng cộng"), .empty, .empty] + figures(c.total)
        return ReportTable(
            kind: .agencies, name: "So sánh theo đơn vị", fileStem: "so-sanh-theo-don-vi", columns: columns,
            keys: keys, heading: "SO SÁNH DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ",
            layout: PrintLayout(orientation: .landscape),
            makeRows: { withTotal in ReportTables.rows(data, total: withTotal ? total : nil) })
    }

    static func items(_ c: RoundComparison) -> ReportTable {
        let (this, other) = sides(c)
        let columns =
            [
                TableColumn("STT", kind: .integer, width: 5), TableColumn("Mã nội dung", width: 12),
                TableColumn("Nội dung", width: 50, wraps: true),
            ] + changeColumns(this, other) + [TableColumn("Ghi chú", width: 18, wraps: true)]
        let keys = ["no", "code", "title", "total", "otherTotal", "change", "changePercent", "note"]
        let data: [[Cell]] = c.items.enumerated().map { n, i in
            let note: Cell =
                switch (i.inThis, i.inOther) {
                case (true, false): .text("Chỉ có trong kế hoạch \(this)")
                case (false, true): .text("Chỉ có trong kế hoạch \(other)")
                default: .empty
                }
            return [.integer(Int64(n + 1)), .text(i.item.code), .text(i.item.title)] + figures(i.change) + [note]
        }
        let total: [Cell] = [.empty, .empty, .text("Tổng cộng")] + figures(c.total) + [.empty]
        return ReportTable(
            kind: .items, name: "So sánh theo nội dung", fileStem: "so-sanh-theo-noi-dung", columns: columns,
            keys: keys, heading: "SO SÁNH DỰ TOÁN KINH PHÍ THEO NỘI DUNG",
            layout: PrintLayout(orientation: .landscape),
            makeRows: { withTotal in ReportTables.rows(data, total: withTotal ? total : nil) })
    }
}
