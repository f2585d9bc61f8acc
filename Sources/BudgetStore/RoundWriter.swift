import BudgetCore
import CSQLite
import Foundation

/// What the ledger records about a received file, without its bytes, findings or lines
/// (those are streamed into the transaction by ``RoundWriter/insertReceipt(_:findings:bytes:)``).
public struct ReceiptHeader: Sendable, Equatable {
    public var fileName: String
    /// SHA-256 of the bytes, lowercase hexadecimal; the store hashes what is written and
    /// refuses a mismatch.
    public var sha256: String
    /// The number of bytes; the store refuses a stream of another length.
    public var size: Int64
    public var agency: String?
    public var declaredAt: Date?
    public var recordedAt: Date
    public var clockKind: ClockKind
    public var decision: Decision
    public var valid: Bool
    public var note: String?
    public var reason: String?
    public var total: Money?
    public var lineCount: Int
    public var encoding: String?

    public init(
        fileName: String, sha256: String, size: Int64, agency: String?, declaredAt: Date? = nil, recordedAt: Date,
        clockKind: ClockKind, decision: Decision, valid: Bool, note: String? = nil, reason: String? = nil,
        total: Money?, lineCount: Int, encoding: String?
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.agency = agency
        self.declaredAt = declaredAt
        self.recordedAt = recordedAt
        self.clockKind = clockKind
        self.decision = decision
        self.valid = valid
        self.note = note
        self.reason = reason
        self.total = total
        self.lineCount = lineCount
        self.encoding = encoding
    }
}

/// One write transaction on the round, begun with `BEGIN IMMEDIATE`: what the engine reads
/// and records while it holds the round's write lock.
///
/// The engine decides (lateness, validity, whether the round's sums still fit, what a
/// receipt supersedes) from what it reads here, so that the decision and the record are
/// made on the same state even with other writers waiting; the store only checks that
/// what it is given is consistent with itself. Valid only inside
/// ``RoundStore/write(_:_:)``.
public final class RoundWriter {
    let connection: Connection
    let store: RoundStore
    let operation: StoreOperation

    init(store: RoundStore, operation: StoreOperation) {
        self.store = store
        self.connection = store.connection
        self.operation = operation
    }

    /// The same transaction, its errors naming the recording of `fileName`: a transaction
    /// that records several files (``RoundStore/write(fileName:_:)`` of a `submit FILE...`
    /// group) names in each failure the file it was recording.
    public func recording(fileName: String) -> RoundWriter {
        RoundWriter(store: store, operation: .record(fileName: fileName))
    }

    /// Whether the transaction is still open. After some failures (a full disk, an I/O
    /// error) SQLite rolls the whole transaction back by itself: nothing of it can be
    /// committed any more.
    public var isOpen: Bool { connection.inTransaction }

    /// Runs `body` under a savepoint of this transaction: if it throws, what it wrote is
    /// undone (`ROLLBACK TO`) and the rest of the transaction stays, to be committed or not.
    /// One file of a group is recorded whole or not at all, while the files before it in
    /// the group stay in the transaction.
    ///
    /// The error `body` threw is rethrown. If the savepoint cannot be rolled back (SQLite
    /// already rolled the whole transaction back), ``isOpen`` is false afterwards.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("SAVEPOINT one_file", operation)
        do {
            let value = try body()
            try connection.execute("RELEASE one_file", operation)
            return value
        } catch {
            if connection.inTransaction {
                let undone =
                    sqlite3_exec(connection.handle, "ROLLBACK TO one_file", nil, nil, nil) == SQLITE_OK
                    && sqlite3_exec(connection.handle, "RELEASE one_file", nil, nil, nil) == SQLITE_OK
                if !undone { _ = sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil) }
            }
            throw error
        }
    }

    // MARK: Reading under the lock

    /// Every receipt, in receipt-number order (see ``RoundStore/receipts()``).
    public func receipts() throws(StoreError) -> [StoredReceipt] { try store.receipts() }

    /// An agency's receipts, in receipt-number order.
    public func receipts(agency: String) throws(StoreError) -> [StoredReceipt] { try store.receipts(agency: agency) }

    /// Receipt `id`, if any.
    public func receipt(_ id: Int64) throws(StoreError) -> StoredReceipt? { try store.receipt(id) }

    /// The per-item totals of the given receipts.
    public func itemTotals(receiptIDs: [Int64]) throws(StoreError) -> [StoredItemTotal] {
        try store.itemTotals(receiptIDs: receiptIDs)
    }

    /// The number the next receipt will get.
    public func nextReceiptID() throws(StoreError) -> Int64 {
        try connection.integer("SELECT coalesce(max(id), 0) + 1 FROM receipts", operation)
    }

    // MARK: Recording a receipt

    /// Inserts a receipt and its findings, and streams its bytes into the ledger.
    ///
    /// The row is inserted with room for `header.size` bytes (`zeroblob`); `bytes` is then
    /// called with a ``BlobSink`` that writes them in place, incrementally, so that a large
    /// file is never held in memory. The store hashes what is written: a stream whose
    /// length or SHA-256 differs from the header (the file changed since it was checked)
    /// throws, and the whole transaction rolls back.
    ///
    /// An earlier receipt with the same SHA-256 (the earliest, if several) becomes
    /// `duplicateOf`.
    ///
    /// - Complexity: O(size + findings).
    public func insertReceipt(
        _ header: ReceiptHeader, findings: [Finding], bytes: (inout BlobSink) throws -> Void
    ) throws -> StoredReceipt {
        try insertRow(header, findings: findings, contents: nil) { id throws in
            var sink = try BlobSink(connection: connection, receiptID: id, size: header.size, operation: operation)
            defer { sink.close() }
            try bytes(&sink)
            try sink.finish(expectedSHA256: header.sha256, fileName: header.fileName)
        }
    }

    /// Inserts a receipt, its findings and its bytes held in memory, in one statement.
    /// The bytes' digest was computed from them (``HashedBytes``): they must be those of the
    /// header (its SHA-256 and size), or nothing is written.
    ///
    /// - Complexity: O(size + findings).
    public func insertReceipt(
        _ header: ReceiptHeader, findings: [Finding], contents: HashedBytes
    ) throws(StoreError) -> StoredReceipt {
        guard contents.sha256 == header.sha256, Int64(contents.bytes.count) == header.size else {
            throw StoreError.bytesChanged(
                connection.path, operation,
                detail: "\(contents.bytes.count) bytes, SHA-256 \(contents.sha256); \(header.size) bytes, "
                    + "SHA-256 \(header.sha256) checked")
        }
        do {
            return try insertRow(header, findings: findings, contents: contents.bytes) { _ in }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.invalidInput(operation, "\(error)")
        }
    }

    /// The receipt's row (with its bytes, or room for them to be written by `fill`), then
    /// its findings.
    private func insertRow(
        _ header: ReceiptHeader, findings: [Finding], contents: [UInt8]?, fill: (Int64) throws -> Void
    ) throws -> StoredReceipt {
        let prepared = try RoundStore.prepare(header, findings: findings, operation)
        let earlier = try connection.prepare(
            "SELECT id FROM receipts WHERE sha256 = ?1 ORDER BY id LIMIT 1", operation)
        try earlier.bind(1, header.sha256)
        let duplicateOf: Int64? = try earlier.step() ? earlier.int64(0) : nil

        let insert = try connection.prepare(
            """
            INSERT INTO receipts (file_name, sha256, size, agency, declared_at, recorded_at,
                clock_kind, decision, valid, note, reason, total, line_count, encoding,
                duplicate_of, bytes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                CASE WHEN ?17 THEN ?16 ELSE zeroblob(?16) END)
            """, operation)
        try insert.bind(1, header.fileName)
        try insert.bind(2, header.sha256)
        try insert.bind(3, header.size)
        try insert.bind(4, header.agency)
        try insert.bind(5, prepared.declaredText)
        try insert.bind(6, prepared.recordedText)
        try insert.bind(7, header.clockKind.rawValue)
        try insert.bind(8, header.decision.rawValue)
        try insert.bind(9, Int64(header.valid ? 1 : 0))
        try insert.bind(10, header.note)
        try insert.bind(11, header.reason)
        try insert.bind(12, header.total?.dong)
        try insert.bind(13, header.lineCount)
        try insert.bind(14, header.encoding)
        try insert.bind(15, duplicateOf)
        if let contents {
            try insert.bind(16, blob: contents)
            try insert.bind(17, Int64(1))
        } else {
            try insert.bind(16, header.size)
            try insert.bind(17, Int64(0))
        }
        try insert.run()
        let id = connection.lastInsertRowID
        try fill(id)

        try RoundStore.insertFindings(findings, prepared.argumentsJSON, id: id, connection, operation)
        return StoredReceipt(
            id: id, fileName: header.fileName, sha256: header.sha256, size: header.size, agency: header.agency,
            declaredAt: prepared.declaredAt, recordedAt: prepared.recordedAt, clockKind: header.clockKind,
            decision: header.decision, valid: header.valid, note: header.note, reason: header.reason,
            total: header.total, lineCount: header.lineCount, encoding: header.encoding, duplicateOf: duplicateOf)
    }

    /// The stored bytes of receipt `id` as a byte source, read incrementally from the
    /// ledger (this transaction sees what it wrote): the lines of a counted receipt are
    /// read from the bytes as recorded, not from the file again.
    public func storedBytes(receiptID id: Int64) throws(StoreError) -> BlobByteSource {
        try BlobByteSource(connection: connection, receiptID: id, operation: operation)
    }

    /// A recorder for the lines and item totals of counted receipt `id`: the form of rounds
    /// recorded before lines were read from the bytes (``RoundStore/record(_:)`` keeps it).
    public func lines(receiptID id: Int64) throws(StoreError) -> LineRecorder {
        try LineRecorder(connection: connection, receiptID: id, operation: operation)
    }

    /// Records the per-item totals of counted receipt `id`, whose lines are not stored as
    /// rows: they are read from its bytes when needed, and checked against these totals
    /// then. The totals must add up to `total` (`lineCount` lines, for the message).
    public func insertItemTotals(
        receiptID id: Int64, _ itemTotals: [String: Money], total: Money?
    ) throws(StoreError) {
        var sum: Money? = .zero
        for amount in itemTotals.values { sum = sum?.adding(amount) }
        guard let total, sum == total else {
            throw StoreError.invalidInput(
                operation,
                "receipt \(id): items \(RoundStore.describe(itemTotals)) sum to "
                    + "\(sum.map(\.description) ?? "overflow"), not \(total.map(\.description) ?? "none")")
        }
        try RoundStore.insertItemTotals(itemTotals, id: id, connection, operation)
    }

    // MARK: Annulments

    /// Records that receipt `id` is void. The engine checks first that it exists and is not
    /// void already; the schema refuses a second annulment all the same.
    public func insertVoid(
        receiptID id: Int64, reason: String, at instant: Date, clockKind: ClockKind, by requester: Requester
    ) throws(StoreError) {
        guard let text = InstantText.format(instant) else {
            throw StoreError.invalidInput(operation, "void time \(instant) is outside years 1–9999")
        }
        let insert = try connection.prepare(
            """
            INSERT INTO voids (receipt_id, reason, recorded_at, clock_kind, actor, address)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """, operation)
        try insert.bind(1, id)
        try insert.bind(2, reason)
        try insert.bind(3, text)
        try insert.bind(4, clockKind.rawValue)
        try insert.bind(5, requester.name)
        try insert.bind(6, requester.address)
        try insert.run()
    }
}

extension RoundStore {
    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, waiting for other writers up
    /// to the busy timeout) and commits it; any error rolls it back, so a failure leaves the
    /// round as it was.
    ///
    /// - Throws: a ``StoreError`` from the store, or whatever `body` throws.
    public func write<T>(fileName: String? = nil, _ body: (RoundWriter) throws -> T) throws -> T {
        let operation: StoreOperation = fileName.map { .record(fileName: $0) } ?? .write
        if connection.inTransaction {
            throw StoreError.invalidInput(operation, "write called inside a read snapshot")
        }
        let turn = WriterQueue.shared.wait(for: databasePath)
        defer { WriterQueue.shared.done(turn) }
        try connection.execute("BEGIN IMMEDIATE", operation)
        do {
            let value = try body(RoundWriter(store: self, operation: operation))
            try connection.execute("COMMIT", operation)
            return value
        } catch {
            if connection.inTransaction { _ = sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }
}

/// Writes a receipt's bytes into its row, in place, hashing them on the way.
public struct BlobSink {
    private var blob: OpaquePointer?
    private let connection: Connection
    private let operation: StoreOperation
    private let size: Int64
    private var offset: Int64 = 0
    private var hasher = SHA256.Hasher()

    init(connection: Connection, receiptID: Int64, size: Int64, operation: StoreOperation) throws(StoreError) {
        self.connection = connection
        self.operation = operation
        self.size = size
        guard size > 0 else { return }
        var handle: OpaquePointer?
        let rc = sqlite3_blob_open(connection.handle, "main", "receipts", "bytes", receiptID, 1, &handle)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_blob_close(handle)
            throw connection.error(rc, operation)
        }
        blob = handle
    }

    /// Appends `chunk` to the bytes.
    public mutating func write(_ chunk: UnsafeRawBufferPointer) throws(StoreError) {
        guard chunk.count > 0 else { return }
        guard let blob, let base = chunk.baseAddress, offset + Int64(chunk.count) <= size else {
            throw StoreError.bytesChanged(connection.path, operation, detail: "more bytes than the \(size) checked")
        }
        let rc = sqlite3_blob_write(blob, base, Int32(chunk.count), Int32(offset))
        if rc != SQLITE_OK { throw connection.error(rc, operation) }
        hasher.update(chunk)
        offset += Int64(chunk.count)
    }

    mutating func finish(expectedSHA256: String, fileName: String) throws(StoreError) {
        guard offset == size else {
            throw StoreError.bytesChanged(connection.path, operation, detail: "\(offset) bytes, \(size) checked")
        }
        let actual = hasher.finalizeHex()
        guard actual == expectedSHA256 else {
            throw StoreError.bytesChanged(
                connection.path, operation, detail: "SHA-256 \(actual), \(expectedSHA256) checked")
        }
    }

    mutating func close() {
        if let blob { sqlite3_blob_close(blob) }
        blob = nil
    }
}

/// The stored bytes of one receipt, read a chunk at a time (`sqlite3_blob_read`).
public final class BlobByteSource: ByteSource {
    private var blob: OpaquePointer?
    private let connection: Connection
    private let operation: StoreOperation
    private let size: Int
    private var offset = 0

    init(connection: Connection, receiptID: Int64, operation: StoreOperation) throws(StoreError) {
        self.connection = connection
        self.operation = operation
        var handle: OpaquePointer?
        let rc = sqlite3_blob_open(connection.handle, "main", "receipts", "bytes", receiptID, 0, &handle)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_blob_close(handle)
            throw connection.error(rc, operation)
        }
        blob = handle
        size = Int(sqlite3_blob_bytes(handle))
    }

    deinit { if let blob { sqlite3_blob_close(blob) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, size - offset)
        guard count > 0, let blob, let base = buffer.baseAddress else { return 0 }
        let rc = sqlite3_blob_read(blob, base, Int32(count), Int32(offset))
        if rc != SQLITE_OK { throw connection.error(rc, operation) }
        offset += count
        return count
    }
}

/// Inserts the lines of one counted receipt as they are read, and its item totals at the
/// end, checking that they agree with what was decided.
///
/// Each line is keyed by its physical line number (`lines.ordinal`), unique within a file,
/// so lines given out of file order (a reader holds some back until the file's decimal
/// mark is decided) still read back in file order.
public final class LineRecorder {
    private let insert: Statement
    private let connection: Connection
    private let operation: StoreOperation
    private let receiptID: Int64
    private var sums: [String: Money] = [:]
    private var count = 0
    private var total: Money? = .zero

    init(connection: Connection, receiptID: Int64, operation: StoreOperation) throws(StoreError) {
        self.connection = connection
        self.operation = operation
        self.receiptID = receiptID
        insert = try connection.prepare(
            """
            INSERT INTO lines (receipt_id, ordinal, line, number, item_code, description, unit,
                quantity_mantissa, quantity_scale, unit_price, amount, note)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, operation)
        try insert.bind(1, receiptID)
    }

    /// Records one line (its item code already the plan's canonical one).
    public func add(_ line: EstimateLine) throws(StoreError) {
        guard let amount = line.amount else {
            throw StoreError.invalidInput(operation, "counted line \(line.line) has no amount")
        }
        guard let sum = (sums[line.itemCode] ?? .zero).adding(amount) else {
            throw StoreError.invalidInput(operation, "the total of item \(line.itemCode) overflows")
        }
        sums[line.itemCode] = sum
        total = total?.adding(amount)
        count += 1
        try insert.bind(2, line.line)
        try insert.bind(3, line.line)
        try insert.bind(4, line.number)
        try insert.bind(5, line.itemCode)
        try insert.bind(6, line.description)
        try insert.bind(7, line.unit)
        try insert.bind(8, line.quantity?.mantissa)
        try insert.bind(9, line.quantity?.scale)
        try insert.bind(10, line.unitPrice?.dong)
        try insert.bind(11, amount.dong)
        try insert.bind(12, line.note)
        try insert.run()
    }

    /// Records the item totals, after checking that the lines sum to them, that there are
    /// `lineCount` lines and, when `expected` is given, that they sum to it.
    public func finish(itemTotals: [String: Money], lineCount: Int, total expected: Money? = nil) throws(StoreError) {
        guard sums == itemTotals, count == lineCount, expected == nil || total == expected else {
            throw StoreError.invalidInput(
                operation,
                "receipt \(receiptID): \(count) lines summing to \(total.map(\.description) ?? "overflow") by item "
                    + "\(RoundStore.describe(sums)), but \(lineCount) lines, total "
                    + "\(expected.map(\.description) ?? "none") and items \(RoundStore.describe(itemTotals)) were decided"
            )
        }
        try RoundStore.insertItemTotals(itemTotals, id: receiptID, connection, operation)
    }
}
