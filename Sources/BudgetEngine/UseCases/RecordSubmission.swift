import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// Records one received file, streaming: memory does not grow with the file.
///
/// Three passes over the bytes, none of which holds the file:
/// 1. **Check** (no lock held): the file is read and judged as `check` judges it, and
///    hashed to its last byte (``HashingFile``).
/// 2. **Record** (in one write transaction): the decision is made — lateness, validity,
///    and whether counting the file would overflow a total of the round (then it is
///    returned with `limit-exceeded`) — the receipt and its findings are inserted and the
///    file is streamed into the ledger; the store hashes what it writes and refuses bytes
///    that are no longer those checked.
/// 3. **Lines** (same transaction, only for a file that counts): the lines are read from
///    the bytes *as recorded*, in the encoding the first pass found (so the reader never
///    starts over), and inserted one by one; their count, total and per-item sums must be
///    those of the first pass, or nothing is recorded.
///
/// What the receipt says about supersession and the sums is read in the same transaction.
struct RecordSubmission {
    let round: Round
    let request: SubmitRequest
    let declaredAt: Date?
    let clock: any NowProvider
    let fileSystem: LocalFileSystem

    func run(path: String) throws(EngineError) -> SubmitResult {
        let plan = round.plan
        let fileName = request.displayName ?? URL(fileURLWithPath: path).lastPathComponent
        let file = HashingFile(path: path, fileSystem: fileSystem)
        let check = try SubmissionCheck.run(
            plan: plan, fileName: fileName, options: request.read, open: { try file.open() },
            byteCount: fileSystem.size(path))
        let (sha256, size) = try file.finish()
        if size > Submit.largestKept { throw Submit.tooLarge(path, size) }
        let now = clock.now()
        let receivedAt = declaredAt ?? now
        let onTime = plan.deadline.isOnTime(receivedAt)
        let decided = ReceiptPolicy.decide(onTime: onTime, acceptLate: request.acceptLate, valid: check.valid)

        return try round.writing(fileName: fileName) { writer in
            let receipts = try writer.receipts()
            var decision = decided
            var findings = check.findings
            if decision.counts, try wouldOverflow(check, decision: decision, receipts: receipts, writer: writer) {
                decision = .returned
                findings.append(
                    Finding(.limitExceeded, file: fileName, value: check.total?.grouped(), variant: "round-total"))
                findings.sort(by: Finding.reportOrder)
            }
            let header = ReceiptHeader(
                fileName: fileName, sha256: sha256, size: Int64(size), agency: check.agency?.code,
                declaredAt: declaredAt, recordedAt: now, clockKind: clock.kind, decision: decision,
                valid: decision == .returned ? false : check.valid, note: request.note,
                reason: request.acceptLate ? request.reason : nil, total: check.total, lineCount: check.lines,
                encoding: check.encoding)
            let stored = try writer.insertReceipt(header, findings: findings) { sink in
                try Self.stream(path, into: &sink, fileSystem: fileSystem)
            }
            if decision.counts { try recordLines(of: stored, check: check, writer: writer) }
            if let requester = request.requester {
                try writer.insertEvent(
                    RoundEvent(
                        at: now, clockKind: clock.kind, actor: requester.name, address: requester.address,
                        action: "submit", receiptID: stored.id, detail: fileName))
            }
            let own = receipts.filter { $0.agency != nil && $0.agency == stored.agency }
            let before = AgencyStanding.derive(own.map(\.outcome)).counted.map { own[$0] }
            let after =
                stored.agency == nil
                ? nil : AgencyStanding.derive((own + [stored]).map(\.outcome)).counted.map { (own + [stored])[$0] }
            var recorded = check
            recorded.findings = findings
            recorded.valid = header.valid
            return SubmitResult(
                receipt: stored, check: recorded, plan: plan, onTime: onTime, countedBefore: before,
                countedAfter: after)
        }
    }

    /// Whether counting `check` (as the agency's latest file) would take a total of the
    /// round past 64 bits: the round consolidated as it would stand, by the same code that
    /// consolidates for `status` and `package`.
    private func wouldOverflow(
        _ check: FileCheck, decision: Decision, receipts: [StoredReceipt], writer: RoundWriter
    ) throws -> Bool {
        guard let total = check.total else { return false }
        let candidate = StoredReceipt(
            id: try writer.nextReceiptID(), fileName: check.file, sha256: String(repeating: "0", count: 64), size: 0,
            agency: check.agency?.code, declaredAt: nil, recordedAt: Date(), clockKind: clock.kind,
            decision: decision, valid: true, note: nil, reason: nil, total: total, lineCount: check.lines,
            encoding: nil, duplicateOf: nil)
        let all = receipts + [candidate]
        let countedAll = Consolidate.countedIDs(plan: round.plan, receipts: all)
        // Only valid files count, and a negative amount is an error: every counted amount is
        // at least zero, so every total of the round (by item, by agency, a cell) is at most
        // the grand total. When the grand total fits, they all do, and the item totals of the
        // whole round need not be read (a cost that grows with the round, at every upload).
        let countedSet = Set(countedAll)
        var grand: Money? = .zero
        for receipt in all where countedSet.contains(receipt.id) {
            grand = receipt.total.flatMap { total in grand?.adding(total) }
            if grand == nil { break }
        }
        if grand != nil { return false }
        let counted = countedAll.filter { $0 != candidate.id }
        var totals = try writer.itemTotals(receiptIDs: counted)
        for (item, amount) in check.totalsByItem {
            totals.append(StoredItemTotal(receiptID: candidate.id, itemCode: item, amount: amount))
        }
        return try Consolidate.wouldOverflow(plan: round.plan, receipts: all, itemTotals: totals)
    }

    /// Reads the lines of a counted receipt from its recorded bytes and inserts them.
    private func recordLines(of stored: StoredReceipt, check: FileCheck, writer: RoundWriter) throws {
        let plan = round.plan
        let recorder = try writer.lines(receiptID: stored.id)
        var options = request.read
        options.detected = check.sourceEncoding
        let again = try SubmissionCheck.run(
            plan: plan, fileName: check.file, options: options,
            open: { try writer.storedBytes(receiptID: stored.id) },
            lines: { line in
                var canonical = line
                if let item = plan.item(matching: line.itemCode) { canonical.itemCode = item.code }
                try recorder.add(canonical)
            })
        guard again.valid, again.lines == check.lines, again.total == check.total,
            again.totalsByItem == check.totalsByItem
        else {
            throw Consolidate.inconsistent(
                "receipt \(stored.id): reading the recorded bytes again gave \(again.lines) lines, total "
                    + "\(again.total.map(\.description) ?? "none"), not \(check.lines) lines, total "
                    + "\(check.total.map(\.description) ?? "none")")
        }
        try recorder.finish(itemTotals: check.totalsByItem, lineCount: check.lines, total: check.total)
    }

    /// Copies the file at `path` into the receipt's bytes, a megabyte at a time.
    static func stream(_ path: String, into sink: inout BlobSink, fileSystem: LocalFileSystem) throws {
        var source = try fileSystem.open(path)
        defer { source.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
