import BudgetCore
import BudgetStore
import Foundation

/// The lines of counted receipts, pulled one at a time: receipts in the order given, each
/// receipt's lines in file order, item codes the plan's own.
///
/// **Where they come from.** `submit` keeps a counted file's bytes, its total and its
/// per-item totals, not its lines as rows: a million rows, each guarded by the append-only
/// triggers, cost SQLite alone more than twice the time everything else `submit` does
/// takes (the BudgetStore documentation, "Decisions"). The lines are read again from the
/// bytes as recorded — by the same reader and rules that accepted the file, in the encoding
/// it was read in then, the agency it was recorded for — and each receipt must come out as
/// it was decided: valid, with the same number of lines, the same total and the same
/// per-item totals, or the reading stops with "the ways of summing disagree" (exit 4): no
/// document is built on lines that are not those the sums were made of. A receipt recorded
/// by an earlier version (its lines stored as rows, ``RoundStore/hasStoredLines(receiptID:)``)
/// is read from its rows.
///
/// The bytes are hashed as they are read: a receipt whose bytes no longer have the SHA-256
/// recorded with them fails the round's checks (exit 4), as ``Round/verify(counted:pages:lines:others:)``
/// would have it.
///
/// **On the other core.** The bytes are read on a thread of their own, with a connection
/// of their own (a receipt never changes once recorded, so another connection reads the
/// same bytes), and the lines pass through a ``BoundedChannel``: the writer that pulls them
/// (a sheet, a CSV) works while the next lines are read, and memory stays constant.
final class CountedLines {
    /// What the reading thread sends: a batch of lines, the end of a receipt, or a failure.
    private enum Piece: Sendable {
        case lines([EstimateLine])
        case end
        case failure(EngineError)
    }

    private let store: RoundStore
    private let receipts: [StoredReceipt]
    private let stored: Set<Int64>
    private let channel: BoundedChannel<Piece>?
    private var index = -1
    private var cursor: LineCursor?
    private var batch: [EstimateLine] = []
    private var position = 0
    private var inReceipt = false

    /// Lines per batch sent between the threads, and batches in flight.
    static let batchSize = 2048
    static let batchesInFlight = 8

    init(store: RoundStore, plan: Plan, receipts: [StoredReceipt]) throws(EngineError) {
        self.store = store
        self.receipts = receipts
        var stored: Set<Int64> = []
        do throws(StoreError) {
            for receipt in receipts where try store.hasStoredLines(receiptID: receipt.id) { stored.insert(receipt.id) }
        } catch {
            throw StoreErrors.engineError(error)
        }
        self.stored = stored
        let derived = receipts.filter { !stored.contains($0.id) }
        guard !derived.isEmpty else {
            channel = nil
            return
        }
        let channel = BoundedChannel<Piece>(capacity: Self.batchesInFlight)
        self.channel = channel
        let directory = store.directory
        let thread = Thread {
            Self.read(derived, plan: plan, directory: directory, into: channel)
            channel.finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    deinit { channel?.close() }

    /// Whether receipt `id`'s lines are read from stored rows rather than from its bytes.
    func readsRows(_ id: Int64) -> Bool { stored.contains(id) }

    /// The next line and its receipt; nil at the end.
    func next() throws(EngineError) -> (receiptID: Int64, line: EstimateLine)? {
        while true {
            if index >= 0, index < receipts.count, let line = try nextOfCurrent() {
                return (receipts[index].id, line)
            }
            index += 1
            guard index < receipts.count else { return nil }
            let id = receipts[index].id
            if stored.contains(id) {
                do throws(StoreError) {
                    cursor = try store.lineCursor(receiptIDs: [id])
                } catch {
                    throw StoreErrors.engineError(error)
                }
            } else {
                cursor = nil
                inReceipt = true
            }
        }
    }

    private func nextOfCurrent() throws(EngineError) -> EstimateLine? {
        if let cursor {
            do throws(StoreError) {
                return try cursor.next()?.line
            } catch {
                throw StoreErrors.engineError(error)
            }
        }
        while inReceipt {
            if position < batch.count {
                position += 1
                return batch[position - 1]
            }
            switch channel?.receive() {
            case .lines(let lines):
                batch = lines
                position = 0
            case .end:
                inReceipt = false
            case .failure(let error):
                throw error
            case nil:
                throw Consolidate.inconsistent("the lines of receipt \(receipts[index].id) ended before the receipt")
            }
        }
        return nil
    }

    /// The reading thread: each receipt's lines from its bytes, checked against what was
    /// decided when it was recorded.
    private static func read(
        _ receipts: [StoredReceipt], plan: Plan, directory: String, into channel: BoundedChannel<Piece>
    ) {
        let store: RoundStore
        do throws(StoreError) {
            store = try RoundStore.open(directory: directory)
        } catch {
            _ = channel.send(.failure(StoreErrors.engineError(error)))
            return
        }
        for receipt in receipts {
            do throws(EngineError) {
                guard try send(receipt, plan: plan, store: store, into: channel) else { return }
            } catch {
                _ = channel.send(.failure(error))
                return
            }
        }
    }

    /// Sends the lines of one receipt and its end; false if the consumer has gone.
    private static func send(
        _ receipt: StoredReceipt, plan: Plan, store: RoundStore, into channel: BoundedChannel<Piece>
    ) throws(EngineError) -> Bool {
        var options = ReadOptions(agency: receipt.agency, limits: rereading)
        options.detected = FileCheck.sourceEncoding(named: receipt.encoding)
        options.keepsFileOrder = true
        var batch: [EstimateLine] = []
        batch.reserveCapacity(batchSize)
        var gone = false
        let bytes = HashingSource { () throws(StoreError) in try store.storedBytes(receiptID: receipt.id) }
        let check = try SubmissionCheck.run(
            plan: plan, fileName: receipt.fileName, options: options, open: { try bytes.open() },
            lines: { line in
                var canonical = line
                if let item = plan.item(matching: line.itemCode) { canonical.itemCode = item.code }
                batch.append(canonical)
                if batch.count == batchSize {
                    guard channel.send(.lines(batch)) else {
                        gone = true
                        throw ConsumerGone()
                    }
                    batch.removeAll(keepingCapacity: true)
                }
            })
        if gone { return false }
        let sha256: String
        do {
            sha256 = try bytes.finish(bufferSize: 64 << 10).sha256
        } catch {
            throw EngineErrors.from(error)
        }
        guard sha256 == receipt.sha256 else {
            throw Round.checksFailed(
                store.directory, [.bytesChanged(receipt: receipt.id, recorded: receipt.sha256, actual: sha256)])
        }
        let itemTotals: [StoredItemTotal]
        do throws(StoreError) {
            itemTotals = try store.itemTotals(receiptIDs: [receipt.id])
        } catch {
            throw StoreErrors.engineError(error)
        }
        let decided = Dictionary(itemTotals.map { ($0.itemCode, $0.amount) }, uniquingKeysWith: { $1 })
        guard check.valid, check.lines == receipt.lineCount, check.total == receipt.total,
            check.totalsByItem == decided
        else {
            throw Consolidate.inconsistent(
                "receipt \(receipt.id): its recorded bytes read as \(check.lines) lines, total "
                    + "\(check.total.map(\.description) ?? "none")\(check.valid ? "" : ", not valid"); "
                    + "it was recorded with \(receipt.lineCount) lines, total "
                    + "\(receipt.total.map(\.description) ?? "none")")
        }
        if !batch.isEmpty, !channel.send(.lines(batch)) { return false }
        return channel.send(.end)
    }

    /// Limits for reading recorded bytes again: a file that was accepted is read whole,
    /// whatever limits it was submitted under (limits decide acceptance, never the lines).
    static let rereading = ReadLimits(
        maxFileBytes: Submit.largestKept, maxFieldBytes: Submit.largestKept, maxColumns: 1 << 16,
        maxRows: Int(Int32.max))

    /// Thrown into the reader when the consumer no longer wants lines.
    private struct ConsumerGone: Error {}
}
