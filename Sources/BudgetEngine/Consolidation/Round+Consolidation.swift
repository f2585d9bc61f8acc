import BudgetCore
import BudgetStore
import Foundation

extension Round {
    /// Reads every receipt and the counted item totals in one snapshot and consolidates:
    /// the step `status`, `export` and `package` share.
    ///
    /// The last consolidation of a round is kept with its ``LedgerMark`` (and the plan's
    /// SHA-256): a process that consolidates the same ledger again (the portal, at every
    /// status page) reads only the mark. A command consolidates once and never hits it.
    func consolidation() throws(EngineError) -> Consolidation {
        let read:
            (key: ConsolidationCache.Key, cached: Consolidation?, receipts: [StoredReceipt], totals: [StoredItemTotal])
        do {
            read = try store.reading { () throws(StoreError) in
                let key = ConsolidationCache.Key(
                    directory: directory, planSHA256: planSHA256, mark: try store.ledgerMark())
                if let cached = ConsolidationCache.shared.value(for: key) { return (key, cached, [], []) }
                let receipts = try store.receipts()
                let totals = try store.itemTotals(receiptIDs: Consolidate.countedIDs(plan: plan, receipts: receipts))
                return (key, nil, receipts, totals)
            }
        } catch {
            throw StoreErrors.engineError(error)
        }
        if let cached = read.cached { return cached }
        let consolidation = try Consolidate.run(plan: plan, receipts: read.receipts, itemTotals: read.totals)
        ConsolidationCache.shared.store(consolidation, for: read.key)
        return consolidation
    }
}

/// The last consolidation of each round this process consolidated (a few rounds at most).
final class ConsolidationCache: @unchecked Sendable {
    static let shared = ConsolidationCache()

    struct Key: Hashable {
        var directory: String
        var planSHA256: String
        var mark: LedgerMark
    }

    private let lock = NSLock()
    private var entries: [(key: Key, value: Consolidation)] = []

    func value(for key: Key) -> Consolidation? {
        lock.lock()
        defer { lock.unlock() }
        return entries.first { $0.key == key }?.value
    }

    func store(_ value: Consolidation, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll { $0.key.directory == key.directory }
        entries.insert((key, value), at: 0)
        if entries.count > 4 { entries.removeLast() }
    }
}
