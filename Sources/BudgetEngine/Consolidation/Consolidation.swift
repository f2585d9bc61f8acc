import BudgetCore
import BudgetRules
import BudgetStore

/// Where one agency stands, and what of it counts.
public struct AgencyStatus: Sendable {
    public var agency: Party
    public var state: AgencyState
    /// Its latest valid accepted receipt, if any: the one that counts.
    public var counted: StoredReceipt?
    /// Its latest receipt of any kind, voided ones aside.
    public var latest: StoredReceipt?
    /// Every receipt attributed to it, oldest first.
    public var receipts: [StoredReceipt]

    /// The counted total, or `nil` when nothing counts.
    public var total: Money? { counted?.total }
}

/// One plan item's consolidated total.
public struct ItemTotal: Sendable {
    public var item: PlanItem
    public var total: Money
    /// Whether the total is over the item's cap.
    public var overCap: Bool { item.cap.map { total > $0 } ?? false }
}

/// The round consolidated: what `status`, `export` and `package` report.
///
/// Only each agency's latest accepted submission counts. Sums are exact and overflow
/// checked; by-agency and by-item totals must agree, and the package checks the lines
/// against both as it streams them.
public struct Consolidation: Sendable {
    public var plan: Plan
    /// Every agency of the plan, in plan order.
    public var agencies: [AgencyStatus]
    /// Every plan item, in plan order.
    public var items: [ItemTotal]
    /// Counted amounts by agency code, then item code (only non-zero cells).
    public var matrix: [String: [String: Money]]
    public var grandTotal: Money
    /// Round findings (`cap-exceeded`).
    public var findings: [Finding]
    /// Receipts attributed to no agency of the plan (invalid files whose agency could not be read).
    public var unattributed: [StoredReceipt]
    /// Every receipt, in receipt order.
    public var receipts: [StoredReceipt]

    /// The grand total in Vietnamese words ("Một trăm hai mươi triệu đồng").
    public var grandTotalInWords: String { VietnameseNumberWords.words(for: grandTotal) }

    /// The agencies with nothing received.
    public var missing: [AgencyStatus] { agencies.filter { $0.state == .missing } }
    /// The counted receipts, in plan order of their agencies.
    public var counted: [StoredReceipt] { agencies.compactMap(\.counted) }
    /// The number of agencies whose submission counts.
    public var countedAgencies: Int { agencies.filter { $0.counted != nil }.count }
}

extension StoredReceipt {
    /// What agency standing needs of the receipt.
    var outcome: ReceiptOutcome { ReceiptOutcome(decision: decision, valid: valid, voided: voided != nil) }
}

/// Why the records cannot be consolidated.
enum ConsolidationError: Error, Sendable {
    /// A total would not fit a signed 64-bit integer of đồng. Intake refuses any file that
    /// would cause this (``Consolidate/wouldOverflow(plan:receipts:itemTotals:)``), so a
    /// round the tool wrote never has it.
    case overflow
    /// The ways of summing disagree: the store holds something the tool cannot have written.
    case inconsistent(String)

    var engineError: EngineError {
        switch self {
        case .overflow: Consolidate.overflow()
        case .inconsistent(let detail): Consolidate.inconsistent(detail)
        }
    }
}

/// Builds a ``Consolidation`` from the plan and the store's records: a pure function.
public enum Consolidate {
    /// - Throws: an environment error if the sums disagree or overflow — the store would
    ///   then hold something the tool cannot have written, and no document may be built on it.
    public static func run(
        plan: Plan, receipts: [StoredReceipt], itemTotals: [StoredItemTotal]
    ) throws(EngineError) -> Consolidation {
        do {
            return try consolidate(plan: plan, receipts: receipts, itemTotals: itemTotals)
        } catch {
            throw error.engineError
        }
    }

    /// Whether consolidating these records would overflow: how intake and `void` make sure
    /// that no later command can fail for it. Any other inconsistency is thrown.
    static func wouldOverflow(
        plan: Plan, receipts: [StoredReceipt], itemTotals: [StoredItemTotal]
    ) throws(EngineError) -> Bool {
        do {
            _ = try consolidate(plan: plan, receipts: receipts, itemTotals: itemTotals)
            return false
        } catch .overflow {
            return true
        } catch {
            throw error.engineError
        }
    }

    /// The receipts that count, one per agency of the plan at most (its latest valid
    /// accepted receipt not voided), in receipt order.
    static func countedIDs(plan: Plan, receipts: [StoredReceipt]) -> [Int64] {
        var byAgency: [String: [StoredReceipt]] = [:]
        for receipt in receipts {
            if let code = receipt.agency, let agency = plan.agency(matching: code) {
                byAgency[agency.code, default: []].append(receipt)
            }
        }
        var ids: [Int64] = []
        for own in byAgency.values {
            if let index = AgencyStanding.derive(own.map(\.outcome)).counted { ids.append(own[index].id) }
        }
        return ids.sorted()
    }

    static func consolidate(
        plan: Plan, receipts: [StoredReceipt], itemTotals: [StoredItemTotal]
    ) throws(ConsolidationError) -> Consolidation {
        var byAgency: [String: [StoredReceipt]] = [:]
        var unattributed: [StoredReceipt] = []
        for receipt in receipts {
            if let code = receipt.agency, let agency = plan.agency(matching: code) {
                byAgency[agency.code, default: []].append(receipt)
            } else {
                unattributed.append(receipt)
            }
        }
        var statuses: [AgencyStatus] = []
        for agency in plan.agencies {
            let own = byAgency[agency.code] ?? []
            let standing = AgencyStanding.derive(own.map(\.outcome))
            let counted = standing.counted.map { own[$0] }
            statuses.append(
                AgencyStatus(
                    agency: agency, state: standing.state, counted: counted,
                    latest: own.last(where: { $0.voided == nil }), receipts: own))
        }
        // Sums by plan position (agency, item) rather than by code: a round of a thousand
        // agencies has tens of thousands of item totals, and two dictionaries of strings
        // updated for each were most of the time of `export --what agencies`. An item
        // code is looked up (folded) once however many receipts name it.
        var countedAgency: [Int64: Int] = [:]
        for (index, status) in statuses.enumerated() {
            if let counted = status.counted { countedAgency[counted.id] = index }
        }
        var rows = [[Int: Money]](repeating: [:], count: statuses.count)
        var byItem = [Money](repeating: .zero, count: plan.items.count)
        var itemPositions: [String: Int] = [:]
        for total in itemTotals {
            guard let agency = countedAgency[total.receiptID] else { continue }
            let position: Int
            if let known = itemPositions[total.itemCode] {
                position = known
            } else {
                guard let found = plan.itemIndex(matching: total.itemCode) else {
                    throw .inconsistent("item \(total.itemCode) of receipt \(total.receiptID) is not in the plan")
                }
                itemPositions[total.itemCode] = found
                position = found
            }
            guard let cell = (rows[agency][position] ?? .zero).adding(total.amount),
                let sum = byItem[position].adding(total.amount)
            else { throw .overflow }
            rows[agency][position] = cell
            byItem[position] = sum
        }
        // The first two ways of summing: by agency (the receipts' own totals) and by item.
        var grand = Money.zero
        var matrix: [String: [String: Money]] = [:]
        for (index, status) in statuses.enumerated() {
            guard let counted = status.counted else { continue }
            guard let total = counted.total else {
                throw .inconsistent("receipt \(counted.id) counts but has no total")
            }
            guard let next = grand.adding(total) else { throw .overflow }
            grand = next
            let rowSum = Money.sum(rows[index].values)
            guard rowSum == total else {
                throw .inconsistent(
                    "agency \(status.agency.code): lines by item \(rowSum.map(\.description) ?? "overflow") ≠ total \(total)"
                )
            }
            if !rows[index].isEmpty {
                var row: [String: Money] = [:]
                row.reserveCapacity(rows[index].count)
                for (position, amount) in rows[index] { row[plan.items[position].code] = amount }
                matrix[status.agency.code] = row
            }
        }
        guard Money.sum(byItem) == grand else {
            throw .inconsistent("the sum by item differs from the sum by agency")
        }
        var items: [ItemTotal] = []
        var findings: [Finding] = []
        for (position, item) in plan.items.enumerated() {
            let total = byItem[position]
            let entry = ItemTotal(item: item, total: total)
            if entry.overCap, let cap = item.cap {
                let excess = Money(dong: total.dong - cap.dong)
                findings.append(
                    Finding(
                        .capExceeded, value: total.grouped(), item: item.code,
                        arguments: ["cap": cap.grouped(), "excess": excess.grouped()]))
            }
            items.append(entry)
        }
        return Consolidation(
            plan: plan, agencies: statuses, items: items, matrix: matrix, grandTotal: grand, findings: findings,
            unattributed: unattributed, receipts: receipts)
    }

    static func inconsistent(_ detail: String) -> EngineError {
        EngineError(
            .environment,
            Localized(
                vi: "các cách cộng không khớp nhau; không lập tài liệu trên số liệu này",
                en: "the ways of summing disagree; no document is built on these figures"),
            details: [Localized(vi: detail, en: detail)])
    }

    static func overflow() -> EngineError {
        EngineError(
            .environment,
            Localized(
                vi: "tổng số tiền vượt giới hạn số nguyên 64 bit đồng",
                en: "the total is beyond a 64-bit integer of đồng"))
    }
}
