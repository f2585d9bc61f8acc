import BudgetCore
import BudgetStore
import Foundation

/// The round as `status` shows it.
public struct RoundStatus: Sendable {
    public var consolidation: Consolidation
    public var now: Date
    public var clockKind: ClockKind
    /// Whether the deadline has not passed yet.
    public var isOpen: Bool
}

/// One receipt as `status --agency` lists it.
public struct ReceiptRecord: Sendable {
    public var receipt: StoredReceipt
    /// Whether it is the one that counts for its agency now.
    public var counted: Bool
    /// Every finding recorded with it, in report order.
    public var findings: [Finding]
}

/// One agency's record: where it stands and every receipt attributed to it, oldest first.
public struct AgencyRecord: Sendable {
    public var status: AgencyStatus
    public var receipts: [ReceiptRecord]
    public var plan: Plan
}

/// `budget status --round DIR [--agency CODE] [--verify]`.
public struct Status: Sendable {
    public init() {}

    /// The board. With `verify`, the round's tamper checks run first, in the same snapshot,
    /// the counted files re-hashed (exit 4 on any failure).
    public func run(
        roundDirectory: String, clock setting: ClockSetting, verify: Bool = false
    ) throws(EngineError) -> RoundStatus {
        let round = try OpenRound.run(roundDirectory)
        let consolidation = try round.snapshot {
            let c = try Self.consolidate(round)
            if verify { try round.verify(counted: c.counted) }
            return c
        }
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        return RoundStatus(
            consolidation: consolidation, now: now, clockKind: clock.kind, isOpen: round.plan.deadline.isOnTime(now))
    }

    /// One agency's receipts with their findings (`status --agency CODE`); an agency not in
    /// the plan is a usage error.
    public func agency(
        _ code: String, roundDirectory: String, verify: Bool = false
    ) throws(EngineError) -> AgencyRecord {
        let round = try OpenRound.run(roundDirectory)
        guard let agency = round.plan.agency(matching: code) else {
            throw MakeTemplate.unknownAgency(code, plan: round.plan)
        }
        return try round.snapshot {
            let c = try Self.consolidate(round)
            if verify { try round.verify(counted: c.counted) }
            guard let status = c.agencies.first(where: { $0.agency.code == agency.code }) else {
                throw MakeTemplate.unknownAgency(code, plan: round.plan)
            }
            var receipts: [ReceiptRecord] = []
            for receipt in status.receipts {
                receipts.append(
                    ReceiptRecord(
                        receipt: receipt, counted: receipt.id == status.counted?.id,
                        findings: try round.store.findings(receiptID: receipt.id)))
            }
            return AgencyRecord(status: status, receipts: receipts, plan: round.plan)
        }
    }

    /// Reads every receipt and the counted item totals in one snapshot and consolidates.
    static func consolidate(_ round: Round) throws(EngineError) -> Consolidation {
        let receipts: [StoredReceipt]
        let totals: [StoredItemTotal]
        do {
            (receipts, totals) = try round.store.reading { () throws(StoreError) in
                let receipts = try round.store.receipts()
                let ids = receipts.filter { $0.decision.counts }.map(\.id)
                return (receipts, try round.store.itemTotals(receiptIDs: ids))
            }
        } catch {
            throw StoreErrors.engineError(error)
        }
        return try Consolidate.run(plan: round.plan, receipts: receipts, itemTotals: totals)
    }
}

/// Durations as people say them: "1 ngày 13 giờ 20 phút" / "1 day 13 h 20 min".
public enum DurationText {
    public static func text(seconds: Double, _ language: Language) -> String {
        var rest = Int(seconds.rounded(.down))
        let days = rest / 86_400
        rest %= 86_400
        let hours = rest / 3_600
        rest %= 3_600
        let minutes = rest / 60
        var parts: [String] = []
        if language == .vi {
            if days > 0 { parts.append("\(days) ngày") }
            if hours > 0 { parts.append("\(hours) giờ") }
            if minutes > 0 || parts.isEmpty { parts.append("\(minutes) phút") }
        } else {
            if days > 0 { parts.append("\(days) day\(days == 1 ? "" : "s")") }
            if hours > 0 { parts.append("\(hours) h") }
            if minutes > 0 || parts.isEmpty { parts.append("\(minutes) min") }
        }
        return parts.joined(separator: " ")
    }
}
