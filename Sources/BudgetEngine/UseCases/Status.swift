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

    /// The board. With `verify`, the round's tamper checks run first, in the same snapshot:
    /// every file received re-hashed, and the counted ones' lines read back from their
    /// bytes (exit 4 on any failure).
    public func run(
        roundDirectory: String, clock setting: ClockSetting, verify: Bool = false
    ) throws(EngineError) -> RoundStatus {
        let round = try OpenRound.run(roundDirectory)
        let consolidation = try round.snapshot {
            let c = try round.consolidation()
            if verify { try round.verify(counted: c.counted, lines: true, others: c.receipts) }
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
            let c = try round.consolidation()
            if verify { try round.verify(counted: c.counted, lines: true, others: c.receipts) }
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
}
