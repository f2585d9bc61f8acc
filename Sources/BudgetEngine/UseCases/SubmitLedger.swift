import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// What recording needs to know of the round's receipts, read once per transaction (a group
/// of `submit FILE...`) under its write lock, and kept up to date as the group records.
///
/// Reading every receipt for every file made a command of N files into a round of R
/// receipts cost O(N × R); with this view it costs O(R) per group plus, per file, the
/// receipts of that file's agency. The grand total of what counts is kept as the group
/// goes, so the overflow check of a file is O(its agency's receipts) unless the grand total
/// would no longer fit (then the whole round is consolidated as it would stand, as before).
final class SubmitLedger {
    let plan: Plan
    /// Every receipt, in receipt-number order, including those recorded by this group.
    private(set) var all: [StoredReceipt]
    /// By the agency as recorded (what a receipt says it supersedes is among these).
    private var byRecordedAgency: [String: [StoredReceipt]] = [:]
    /// By the plan's agency code (what counts is derived among these, as consolidation does).
    private var byPlanAgency: [String: [StoredReceipt]] = [:]
    /// The total of each agency's counted receipt.
    private var countedTotals: [String: Money] = [:]
    /// The sum of `countedTotals`; nil when it does not fit or a counted receipt has no total.
    private var grand: Money? = .zero

    init(writer: RoundWriter, plan: Plan) throws {
        self.plan = plan
        all = try writer.receipts()
        for receipt in all { file(receipt) }
        for (code, own) in byPlanAgency {
            guard let index = AgencyStanding.derive(own.map(\.outcome)).counted else { continue }
            guard let total = own[index].total else {
                grand = nil
                continue
            }
            countedTotals[code] = total
            grand = grand?.adding(total)
        }
    }

    private func file(_ receipt: StoredReceipt) {
        guard let code = receipt.agency else { return }
        byRecordedAgency[code, default: []].append(receipt)
        if let agency = plan.agency(matching: code) { byPlanAgency[agency.code, default: []].append(receipt) }
    }

    /// The receipts recorded under exactly this agency code, oldest first.
    func own(_ agency: String?) -> [StoredReceipt] {
        agency.flatMap { byRecordedAgency[$0] } ?? []
    }

    /// Takes a receipt just recorded into the view.
    func add(_ receipt: StoredReceipt) {
        all.append(receipt)
        file(receipt)
        guard let code = receipt.agency.flatMap({ plan.agency(matching: $0) })?.code else { return }
        let (total, fits) = countedTotal(code: code, own: byPlanAgency[code] ?? [])
        grand = fits ? total : nil
    }

    /// The grand total if agency `code`'s receipts were `own` (the others as they are), and
    /// whether that is known to fit.
    private func countedTotal(code: String, own: [StoredReceipt]) -> (Money?, Bool) {
        let before = countedTotals[code] ?? .zero
        guard let grand, before.dong >= 0, let others = grand.adding(Money(dong: -before.dong)) else {
            return (nil, false)
        }
        guard let index = AgencyStanding.derive(own.map(\.outcome)).counted else {
            countedTotals[code] = nil
            return (others, true)
        }
        guard let after = own[index].total else { return (nil, false) }
        guard let sum = others.adding(after) else { return (nil, false) }
        countedTotals[code] = after
        return (sum, true)
    }

    /// Whether counting `check` (as the agency's latest file) would take a total of the
    /// round past 64 bits.
    ///
    /// Only valid files count, and a negative amount is an error: every counted amount is
    /// at least zero, so every total of the round (by item, by agency, a cell) is at most
    /// the grand total. When the grand total fits, they all do. Only when it would not is
    /// the whole round consolidated as it would stand, by the same code that consolidates
    /// for `status` and `package` (reading the item totals of what counts).
    func wouldOverflow(_ check: FileCheck, decision: Decision, clock: ClockKind, writer: RoundWriter) throws -> Bool {
        guard let total = check.total else { return false }
        let candidate = StoredReceipt(
            id: (all.last?.id ?? 0) + 1, fileName: check.file, sha256: String(repeating: "0", count: 64), size: 0,
            agency: check.agency?.code, declaredAt: nil, recordedAt: Date(), clockKind: clock,
            decision: decision, valid: true, note: nil, reason: nil, total: total, lineCount: check.lines,
            encoding: nil, duplicateOf: nil)
        if grand != nil {
            guard let code = candidate.agency.flatMap({ plan.agency(matching: $0) })?.code else { return false }
            let saved = countedTotals[code]
            let (_, fits) = countedTotal(code: code, own: (byPlanAgency[code] ?? []) + [candidate])
            countedTotals[code] = saved
            if fits { return false }
        }
        let everything = all + [candidate]
        let countedAll = Consolidate.countedIDs(plan: plan, receipts: everything)
        var sum: Money? = .zero
        let countedSet = Set(countedAll)
        for receipt in everything where countedSet.contains(receipt.id) {
            sum = receipt.total.flatMap { total in sum?.adding(total) }
            if sum == nil { break }
        }
        if sum != nil { return false }
        let counted = countedAll.filter { $0 != candidate.id }
        var totals = try writer.itemTotals(receiptIDs: counted)
        for (item, amount) in check.totalsByItem {
            totals.append(StoredItemTotal(receiptID: candidate.id, itemCode: item, amount: amount))
        }
        return try Consolidate.wouldOverflow(plan: plan, receipts: everything, itemTotals: totals)
    }
}
