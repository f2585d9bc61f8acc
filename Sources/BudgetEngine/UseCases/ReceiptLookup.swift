import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// One stored receipt as `submit` printed it when it was recorded, and where it stands now.
public struct ReceiptDetail: Sendable {
    /// The receipt object of `submit --format json` (``ResultJSON/submit(_:several:_:)``),
    /// rebuilt from the ledger.
    public var result: SubmitResult
    /// Whether it is the file that counts for its agency now.
    public var countsNow: Bool
}

/// Reads receipts back from the round for the portal: one by number, with its findings.
///
/// What the receipt said about the sums when it was recorded (`supersedes`, `sumsChanged`)
/// is derived again from the ledger as it stood then: the agency's earlier receipts and the
/// annulments recorded before this receipt.
public struct ReceiptLookup: Sendable {
    public init() {}

    /// Receipt `number`, or nil if there is none.
    public func receipt(_ number: Int64, roundDirectory: String) throws(EngineError) -> ReceiptDetail? {
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        return try round.snapshot { () throws -> ReceiptDetail? in
            guard let receipt = try round.store.receipt(number) else { return nil }
            let findings = try round.store.findings(receiptID: number)
            var countedBefore: StoredReceipt? = nil
            var countedAfter: StoredReceipt? = nil
            var countsNow = false
            if let code = receipt.agency {
                let all = try round.store.receipts(agency: code)
                let earlier = all.filter { $0.id < number }.map { r -> StoredReceipt in
                    var then = r
                    if let void = r.voided, void.recordedAt > receipt.recordedAt { then.voided = nil }
                    return then
                }
                var atThatTime = receipt
                atThatTime.voided = nil
                countedBefore = AgencyStanding.derive(earlier.map(\.outcome)).counted.map { earlier[$0] }
                let after = earlier + [atThatTime]
                countedAfter = AgencyStanding.derive(after.map(\.outcome)).counted.map { after[$0] }
                countsNow = AgencyStanding.derive(all.map(\.outcome)).counted.map { all[$0].id == number } ?? false
            }
            let check = FileCheck(
                file: receipt.fileName, agency: receipt.agency.flatMap { plan.agency(matching: $0) },
                valid: receipt.valid, lines: receipt.lineCount, total: receipt.total, totalsByItem: [:],
                findings: findings, encoding: receipt.encoding)
            let result = SubmitResult(
                receipt: receipt, check: check, plan: plan, onTime: plan.deadline.isOnTime(receipt.receivedAt),
                countedBefore: countedBefore, countedAfter: countedAfter)
            return ReceiptDetail(result: result, countsNow: countsNow)
        }
    }

    /// The round's plan (it never changes once the round is open: `meta` is a record).
    public func plan(roundDirectory: String) throws(EngineError) -> Plan {
        try OpenRound.run(roundDirectory).plan
    }

    /// Checks the whole round as `status --verify` does (plan, receipt numbers, pages,
    /// counted files re-hashed): what `serve` runs once at start.
    public func verifyRound(roundDirectory: String) throws(EngineError) {
        let round = try OpenRound.run(roundDirectory)
        try round.snapshot {
            let c = try round.consolidation()
            try round.verify(counted: c.counted)
        }
    }
}
