import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// What `void` did.
public struct VoidResult: Sendable {
    /// The receipt, with its annulment.
    public var receipt: StoredReceipt
    public var plan: Plan
    /// The agency's state and counted receipt before and after the annulment.
    public var stateBefore: AgencyState?
    public var stateAfter: AgencyState?
    public var countedAfter: StoredReceipt?
}

/// `budget void N --round DIR --reason TEXT`: annuls a receipt recorded by mistake (the
/// wrong agency typed, the wrong file).
///
/// The receipt, its bytes and the annulment stay on record (a row in `voids`, itself
/// append-only); the receipt no longer counts and its agency's state is recomputed as if it
/// had not been received — an earlier file of the agency may count again. Voiding an
/// unknown receipt or one already void is a usage error, as is an annulment that would
/// make a total of the round overflow (an earlier, larger file would count again).
public struct VoidReceipt: Sendable {
    public init() {}

    public func run(
        number: Int64, reason: String, roundDirectory: String, clock setting: ClockSetting,
        requester: Requester = .commandLine
    ) throws(EngineError) -> VoidResult {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw EngineError(
                .usage, Localized(vi: "cần --reason: ghi lý do hủy biên nhận", en: "--reason is needed: say why"))
        }
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let clock = setting.provider(zone: plan.timeZone)
        try round.snapshot { try round.verify() }
        return try round.writing { writer in
            guard let receipt = try writer.receipt(number) else {
                throw EngineError(
                    .usage, Localized(vi: "không có biên nhận số \(number)", en: "there is no receipt \(number)"))
            }
            if let earlier = receipt.voided {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "biên nhận số \(number) đã bị hủy («\(earlier.reason)»)",
                        en: "receipt \(number) is already void (\"\(earlier.reason)\")"))
            }
            let now = clock.now()
            var receipts = try writer.receipts()
            let own = { (list: [StoredReceipt]) in list.filter { $0.agency != nil && $0.agency == receipt.agency } }
            let before = AgencyStanding.derive(own(receipts).map(\.outcome))
            guard let index = receipts.firstIndex(where: { $0.id == number }) else {
                throw Consolidate.inconsistent("receipt \(number) vanished during the transaction")
            }
            receipts[index].voided = ReceiptVoid(
                reason: reason, recordedAt: now, clockKind: clock.kind, actor: requester.name)
            if try wouldOverflow(receipts, writer: writer, plan: plan) {
                throw EngineError(
                    .usage,
                    Localized(
                        vi:
                            "không hủy biên nhận số \(number): khi đó một tệp trước của đơn vị được tính lại và một tổng của đợt vượt giới hạn số nguyên 64 bit đồng",
                        en:
                            "receipt \(number) is not voided: an earlier file of the agency would count again and a total of the round would go beyond a 64-bit integer of đồng"
                    ))
            }
            try writer.insertVoid(receiptID: number, reason: reason, at: now, clockKind: clock.kind, by: requester)
            if requester != .commandLine {
                try writer.insertEvent(
                    RoundEvent(
                        at: now, clockKind: clock.kind, actor: requester.name, address: requester.address,
                        action: "void", receiptID: number, detail: reason))
            }
            let afterList = own(receipts)
            let after = AgencyStanding.derive(afterList.map(\.outcome))
            guard let stored = try writer.receipt(number) else {
                throw Consolidate.inconsistent("receipt \(number) vanished during the transaction")
            }
            return VoidResult(
                receipt: stored, plan: plan, stateBefore: receipt.agency == nil ? nil : before.state,
                stateAfter: receipt.agency == nil ? nil : after.state, countedAfter: after.counted.map { afterList[$0] }
            )
        }
    }

    /// Whether the round, with the annulment, would overflow when consolidated.
    private func wouldOverflow(_ receipts: [StoredReceipt], writer: RoundWriter, plan: Plan) throws -> Bool {
        let totals = try writer.itemTotals(receiptIDs: Consolidate.countedIDs(plan: plan, receipts: receipts))
        return try Consolidate.wouldOverflow(plan: plan, receipts: receipts, itemTotals: totals)
    }
}
