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

/// `budget status --round DIR`.
public struct Status: Sendable {
    public init() {}

    public func run(roundDirectory: String, clock setting: ClockSetting) throws(EngineError) -> RoundStatus {
        let round = try OpenRound.run(roundDirectory)
        let consolidation = try Self.consolidate(round)
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        return RoundStatus(
            consolidation: consolidation, now: now, clockKind: clock.kind, isOpen: round.plan.deadline.isOnTime(now))
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
