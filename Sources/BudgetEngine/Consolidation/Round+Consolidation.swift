import BudgetCore
import BudgetStore

extension Round {
    /// Reads every receipt and the counted item totals in one snapshot and consolidates:
    /// the step `status`, `export` and `package` share.
    func consolidation() throws(EngineError) -> Consolidation {
        let receipts: [StoredReceipt]
        let totals: [StoredItemTotal]
        do {
            (receipts, totals) = try store.reading { () throws(StoreError) in
                let receipts = try store.receipts()
                return (
                    receipts, try store.itemTotals(receiptIDs: Consolidate.countedIDs(plan: plan, receipts: receipts))
                )
            }
        } catch {
            throw StoreErrors.engineError(error)
        }
        return try Consolidate.run(plan: plan, receipts: receipts, itemTotals: totals)
    }
}
