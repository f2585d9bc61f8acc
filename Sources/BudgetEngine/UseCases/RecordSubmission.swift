import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// Records one received file, streaming: memory does not grow with the file.
///
/// Two passes over the bytes, neither of which holds a large file:
/// 1. **Check** (no lock held, on any core: ``CheckedFile``): the file is read and judged
///    as `check` judges it, and hashed to its last byte (``HashingSource``).
/// 2. **Record** (inside the group's write transaction, under a savepoint of its own): the
///    decision is made — lateness, validity, and whether counting the file would overflow
///    a total of the round (then it is returned with `limit-exceeded`) — the receipt, its
///    findings and, for a file that counts, its per-item totals are inserted and the file
///    is streamed into the ledger; the store hashes what it writes and refuses bytes that
///    are no longer those checked.
///
/// The lines themselves are not stored as rows: they are read from the bytes as recorded
/// when a document needs them, and checked against the totals recorded here
/// (``CountedLines``).
///
/// What the receipt says about supersession and the sums is read in the same transaction
/// (``SubmitLedger``, read under the lock and kept up to date by the group).
struct RecordSubmission {
    let round: Round
    let request: SubmitRequest
    let declaredAt: Date?
    let clock: any NowProvider
    let fileSystem: LocalFileSystem

    func run(_ checked: CheckedFile, writer: RoundWriter, ledger: SubmitLedger) throws -> SubmitResult {
        let plan = round.plan
        let fileName = checked.fileName
        let check = checked.check
        let now = clock.now()
        let receivedAt = declaredAt ?? now
        let onTime = plan.deadline.isOnTime(receivedAt)
        let decided = ReceiptPolicy.decide(onTime: onTime, acceptLate: request.acceptLate, valid: check.valid)

        var decision = decided
        var findings = check.findings
        if decision.counts, try ledger.wouldOverflow(check, decision: decision, clock: clock.kind, writer: writer) {
            decision = .returned
            findings.append(
                Finding(.limitExceeded, file: fileName, value: check.total?.grouped(), variant: "round-total"))
            findings.sort(by: Finding.reportOrder)
        }
        let header = ReceiptHeader(
            fileName: fileName, sha256: checked.sha256, size: Int64(checked.size), agency: check.agency?.code,
            declaredAt: declaredAt, recordedAt: now, clockKind: clock.kind, decision: decision,
            valid: decision == .returned ? false : check.valid, note: request.note,
            reason: request.acceptLate ? request.reason : nil, total: check.total, lineCount: check.lines,
            encoding: check.encoding)
        let stored: StoredReceipt
        if let contents = checked.contents {
            stored = try writer.insertReceipt(header, findings: findings, contents: contents)
        } else {
            stored = try writer.insertReceipt(header, findings: findings) { sink in
                try Self.stream(checked.path, into: &sink, fileSystem: fileSystem)
            }
        }
        if decision.counts {
            try writer.insertItemTotals(receiptID: stored.id, check.totalsByItem, total: check.total)
        }
        if let requester = request.requester {
            try writer.insertEvent(
                RoundEvent(
                    at: now, clockKind: clock.kind, actor: requester.name, address: requester.address,
                    action: "submit", receiptID: stored.id, detail: fileName))
        }
        let own = ledger.own(stored.agency)
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

    /// Copies the file at `path` into the receipt's bytes, a megabyte at a time.
    static func stream(_ path: String, into sink: inout BlobSink, fileSystem: LocalFileSystem) throws {
        var source = try fileSystem.open(path)
        defer { source.close() }
        var buffer = [UInt8](repeating: 0, count: Submit.bufferSize(fileSystem.size(path)))
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
