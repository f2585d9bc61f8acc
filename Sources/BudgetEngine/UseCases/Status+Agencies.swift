import BudgetCore

extension Status {
    /// Every agency's record (`status --agency` for each, in plan order), read in one
    /// snapshot: the officer's `GET /api/receipts`.
    public func agencies(roundDirectory: String) throws(EngineError) -> [AgencyRecord] {
        let round = try OpenRound.run(roundDirectory)
        return try round.snapshot {
            let c = try round.consolidation()
            var records: [AgencyRecord] = []
            for status in c.agencies {
                var receipts: [ReceiptRecord] = []
                for receipt in status.receipts {
                    receipts.append(
                        ReceiptRecord(
                            receipt: receipt, counted: receipt.id == status.counted?.id,
                            findings: try round.store.findings(receiptID: receipt.id)))
                }
                records.append(AgencyRecord(status: status, receipts: receipts, plan: round.plan))
            }
            return records
        }
    }
}
