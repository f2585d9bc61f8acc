import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// Records one received file, streaming: memory does not grow with the file.
///
/// Three passes over the bytes, none of which holds the file:
/// 1. **Check** (no lock held, on any core: ``CheckedFile``): the file is read and judged
///    as `check` judges it, and hashed to its last byte (``HashingFile``).
/// 2. **Record** (inside the group's write transaction, under a savepoint of its own): the
///    decision is made — lateness, validity, and whether counting the file would overflow
///    a total of the round (then it is returned with `limit-exceeded`) — the receipt and
///    its findings are inserted and the file is streamed into the ledger; the store hashes
///    what it writes and refuses bytes that are no longer those checked.
/// 3. **Lines** (same savepoint, only for a file that counts): the lines are read from
///    the bytes *as recorded*, in the encoding the first pass found (so the reader never
///    starts over), and inserted one by one; their count, total and per-item sums must be
///    those of the first pass, or nothing of the file is recorded.
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
        let stored = try writer.insertReceipt(header, findings: findings) { sink in
            try Self.stream(checked.path, into: &sink, fileSystem: fileSystem)
        }
        if decision.counts { try recordLines(of: stored, check: check, writer: writer) }
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
        var buffer = [UInt8](repeating: 0, count: Submit.bufferSize(fileSystem.size(path)))
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
