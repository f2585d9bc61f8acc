import BudgetCore
import CSQLite
import Foundation

extension RoundStore {
    /// The query of a ``StoredReceipt``, columns in the order ``storedReceipt(_:)`` reads
    /// them, with the receipt's annulment if any; callers add `WHERE` and `ORDER BY` on `r`.
    /// `bytes` is not among the columns, and is the table's last column, so that listing
    /// receipts never reads a file's bytes.
    static let receiptQuery = """
        SELECT r.id, r.file_name, r.sha256, r.size, r.agency, r.declared_at, r.recorded_at, r.clock_kind,
            r.decision, r.valid, r.note, r.reason, r.total, r.line_count, r.encoding, r.duplicate_of,
            v.reason, v.recorded_at, v.clock_kind, v.actor
        FROM receipts r LEFT JOIN voids v ON v.receipt_id = r.id
        """

    /// Every receipt, in receipt-number order, without bytes, findings or lines.
    ///
    /// Complexity: O(receipts); reads no file bytes.
    public func receipts() throws(StoreError) -> [StoredReceipt] {
        let statement = try connection.prepare(
            Self.receiptQuery + " ORDER BY r.id", .read)
        var out: [StoredReceipt] = []
        while try statement.step() { out.append(try storedReceipt(statement)) }
        return out
    }

    /// An agency's receipts, in receipt-number order (by the agency index).
    public func receipts(agency: String) throws(StoreError) -> [StoredReceipt] {
        let statement = try connection.prepare(
            Self.receiptQuery + " WHERE r.agency = ?1 ORDER BY r.id", .read)
        try statement.bind(1, agency)
        var out: [StoredReceipt] = []
        while try statement.step() { out.append(try storedReceipt(statement)) }
        return out
    }

    /// The receipts whose bytes have SHA-256 `sha256` (lowercase hex), in receipt order.
    public func receipts(sha256: String) throws(StoreError) -> [StoredReceipt] {
        let statement = try connection.prepare(
            Self.receiptQuery + " WHERE r.sha256 = ?1 ORDER BY r.id", .read)
        try statement.bind(1, sha256)
        var out: [StoredReceipt] = []
        while try statement.step() { out.append(try storedReceipt(statement)) }
        return out
    }

    /// Receipt number `id`, or `nil` if there is none.
    public func receipt(_ id: Int64) throws(StoreError) -> StoredReceipt? {
        let statement = try connection.prepare(
            Self.receiptQuery + " WHERE r.id = ?1", .read)
        try statement.bind(1, id)
        guard try statement.step() else { return nil }
        return try storedReceipt(statement)
    }

    /// The findings recorded with receipt `receiptID`, in the order they were given.
    /// Severity is as recorded, even if the catalogue has since changed it.
    public func findings(receiptID: Int64) throws(StoreError) -> [Finding] {
        let statement = try connection.prepare(
            """
            SELECT code, severity, file, line, column_name, column_number, value, item, agency,
                variant, arguments
            FROM findings WHERE receipt_id = ?1 ORDER BY ordinal
            """, .read)
        try statement.bind(1, receiptID)
        var out: [Finding] = []
        while try statement.step() {
            let argumentsText = statement.text(10)
            guard let severity = Severity(rawValue: statement.text(1)),
                let arguments = ArgumentsJSON.decode(argumentsText)
            else {
                throw StoreError.damaged(
                    databasePath, .read, what: "finding of receipt \(receiptID) does not decode")
            }
            var finding = Finding(
                FindingCode(rawValue: statement.text(0)), file: statement.optionalText(2),
                line: statement.optionalInt(3), column: statement.optionalText(4),
                columnNumber: statement.optionalInt(5), value: statement.optionalText(6),
                item: statement.optionalText(7), agency: statement.optionalText(8),
                variant: statement.text(9), arguments: arguments)
            finding.severity = severity
            out.append(finding)
        }
        return out
    }

    /// The original bytes of receipt `receiptID`, byte for byte, or `nil` if there is none.
    ///
    /// Complexity: O(size), all in memory; for big files prefer
    /// ``streamOriginalBytes(receiptID:chunkSize:_:)``.
    public func originalBytes(receiptID: Int64) throws(StoreError) -> [UInt8]? {
        let statement = try connection.prepare("SELECT bytes FROM receipts WHERE id = ?1", .read)
        try statement.bind(1, receiptID)
        guard try statement.step() else { return nil }
        return statement.blob(0)
    }

    /// Hands the original bytes of receipt `receiptID` to `body` in chunks of at most
    /// `chunkSize` bytes, in order, reading them incrementally (`sqlite3_blob_read`) so that
    /// a 64 MiB file never sits in memory whole. An empty file calls `body` not at all.
    ///
    /// - Returns: `false` if there is no such receipt.
    /// - Throws: a ``StoreError`` from the store, or whatever `body` throws.
    public func streamOriginalBytes(
        receiptID: Int64, chunkSize: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        guard try receipt(receiptID) != nil else { return false }
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(connection.handle, "main", "receipts", "bytes", receiptID, 0, &blob)
        guard rc == SQLITE_OK, let handle = blob else {
            sqlite3_blob_close(blob)
            throw connection.error(rc, .read)
        }
        defer { sqlite3_blob_close(handle) }
        let total = Int(sqlite3_blob_bytes(handle))
        let size = max(1, min(chunkSize, Int(Int32.max)))
        var buffer = [UInt8](repeating: 0, count: min(size, max(total, 1)))
        var offset = 0
        while offset < total {
            let count = min(buffer.count, total - offset)
            let read = buffer.withUnsafeMutableBytes { target in
                sqlite3_blob_read(handle, target.baseAddress, Int32(count), Int32(offset))
            }
            if read != SQLITE_OK { throw connection.error(read, .read) }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
        return true
    }

    /// Calls `body` with every stored line of the given receipts: receipts in the order of
    /// `receiptIDs`, each receipt's lines in their original order.
    ///
    /// Only counted receipts have lines; others contribute none. One prepared statement
    /// walks the lines table's primary key (receipt, ordinal) and one line is alive at a
    /// time, so memory stays constant however many lines there are. The whole walk reads
    /// one snapshot of the round (a single read transaction, unless the caller is already
    /// inside ``reading(_:)``); in WAL mode that blocks no writer.
    ///
    /// - Throws: a ``StoreError`` from the store, or whatever `body` throws (which stops
    ///   the walk).
    /// - Complexity: O(lines) time, O(1) memory.
    public func forEachLine(
        receiptIDs: [Int64], _ body: (_ receiptID: Int64, _ line: EstimateLine) throws -> Void
    ) throws {
        let ownTransaction = !connection.inTransaction
        if ownTransaction { try connection.execute("BEGIN", .read) }
        do {
            let cursor = try lineCursor(receiptIDs: receiptIDs)
            while let (receiptID, line) = try cursor.next() {
                try body(receiptID, line)
            }
            if ownTransaction { try connection.execute("COMMIT", .read) }
        } catch {
            if ownTransaction && connection.inTransaction {
                _ = sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil)
            }
            throw error
        }
    }

    /// The per-item totals of the given receipts: receipts in the order of `receiptIDs`,
    /// items in code order. Only counted receipts have any.
    ///
    /// Complexity: O(items of those receipts).
    public func itemTotals(receiptIDs: [Int64]) throws(StoreError) -> [StoredItemTotal] {
        try reading { () throws(StoreError) -> [StoredItemTotal] in
            let statement = try connection.prepare(
                "SELECT item_code, amount FROM item_totals WHERE receipt_id = ?1 ORDER BY item_code", .read)
            var out: [StoredItemTotal] = []
            for receiptID in receiptIDs {
                statement.reset()
                try statement.bind(1, receiptID)
                while try statement.step() {
                    out.append(
                        StoredItemTotal(
                            receiptID: receiptID, itemCode: statement.text(0),
                            amount: Money(dong: statement.int64(1))))
                }
            }
            return out
        }
    }

    /// Runs `body`, whose reads of this store then all see one snapshot of the round.
    ///
    /// Without it, a `submit` committing between two reads (the receipts, then their
    /// totals) could make them disagree. In WAL mode the snapshot blocks no writer. Nested
    /// calls join the outer snapshot. ``record(_:)`` inside `body` is refused.
    public func reading<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if connection.inTransaction { return try body() }
        return try connection.transaction("BEGIN", .read, body)
    }

    /// Reads the row at the statement's cursor, columns as in ``receiptQuery``.
    func storedReceipt(_ statement: Statement) throws(StoreError) -> StoredReceipt {
        let id = statement.int64(0)
        func damaged(_ what: String) -> StoreError {
            StoreError.damaged(databasePath, .read, what: "receipt \(id): \(what)")
        }
        guard let recordedAt = InstantText.parse(statement.text(6)) else {
            throw damaged("recorded_at “\(statement.text(6))”")
        }
        var declaredAt: Date? = nil
        if let declaredText = statement.optionalText(5) {
            guard let parsed = InstantText.parse(declaredText) else { throw damaged("declared_at “\(declaredText)”") }
            declaredAt = parsed
        }
        guard let clockKind = ClockKind(rawValue: statement.text(7)) else {
            throw damaged("clock_kind “\(statement.text(7))”")
        }
        guard let decision = Decision(rawValue: statement.text(8)) else {
            throw damaged("decision “\(statement.text(8))”")
        }
        var voided: ReceiptVoid? = nil
        if let reason = statement.optionalText(16) {
            guard let at = InstantText.parse(statement.text(17)), let kind = ClockKind(rawValue: statement.text(18))
            else { throw damaged("the annulment's time or clock “\(statement.text(17))”, “\(statement.text(18))”") }
            voided = ReceiptVoid(reason: reason, recordedAt: at, clockKind: kind, actor: statement.text(19))
        }
        return StoredReceipt(
            id: id, fileName: statement.text(1), sha256: statement.text(2), size: statement.int64(3),
            agency: statement.optionalText(4), declaredAt: declaredAt, recordedAt: recordedAt,
            clockKind: clockKind, decision: decision, valid: statement.int64(9) != 0,
            note: statement.optionalText(10), reason: statement.optionalText(11),
            total: statement.optionalInt64(12).map(Money.init(dong:)), lineCount: statement.int(13),
            encoding: statement.optionalText(14), duplicateOf: statement.optionalInt64(15), voided: voided)
    }
}
