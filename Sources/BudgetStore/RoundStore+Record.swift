import BudgetCore
import Foundation

extension RoundStore {
    /// Records a received file: the receipt, its findings, and — when its decision counts —
    /// its lines and item totals, in one transaction.
    ///
    /// All or nothing: on any failure (a full disk, a killed process, a constraint) the
    /// transaction rolls back and the round is as it was. The transaction begins with
    /// `BEGIN IMMEDIATE`, so concurrent recorders from other processes wait their turn (up
    /// to the busy timeout) instead of failing; receipt numbers are then consecutive in
    /// commit order.
    ///
    /// Before writing, the receipt is checked against itself: `sha256` must be the SHA-256
    /// of `bytes`; for a counted decision every line needs an amount and `itemTotals` must
    /// equal the per-item sums of `lines`. A contradiction is a bug in the caller and is
    /// refused with `.constraint`, writing nothing.
    ///
    /// For a decision that does not count (`returned`, `refused-late`) `lines` and
    /// `itemTotals` are not stored: the original bytes are, and they are the record.
    ///
    /// An earlier receipt with the same SHA-256 (the earliest, if several) becomes
    /// `duplicateOf`; the bytes are stored again all the same, so that every receipt is
    /// complete on its own.
    ///
    /// - Returns: the receipt as stored, with its number.
    /// - Complexity: O(bytes + lines + findings); hashes the bytes once to check `sha256`.
    @discardableResult
    public func record(_ receipt: NewReceipt) throws(StoreError) -> StoredReceipt {
        try record(receipt, readingEarlierOfAgency: false).stored
    }

    /// Records like ``record(_:)`` and, when `readingEarlierOfAgency` is set and the receipt
    /// names an agency, reads that agency's earlier receipts (receipt-number order) in the
    /// same transaction.
    ///
    /// What a caller needs to say which receipt this one supersedes. Read inside the
    /// transaction, not after it, so that nothing can fail once the file is recorded: a
    /// read after the commit that failed (a lock error) would report "not recorded" for a
    /// file that is on record.
    public func record(
        _ receipt: NewReceipt, readingEarlierOfAgency: Bool
    ) throws(StoreError)
        -> (stored: StoredReceipt, earlier: [StoredReceipt])
    {
        let operation = StoreOperation.record(fileName: receipt.fileName)
        let prepared = try Self.prepare(receipt, operation)
        if connection.inTransaction {
            throw StoreError.invalidInput(operation, "record called inside a read snapshot")
        }
        let connection = self.connection
        return try connection.transaction("BEGIN IMMEDIATE", operation) {
            () throws(StoreError) -> (stored: StoredReceipt, earlier: [StoredReceipt]) in
            let earlier = try connection.prepare(
                "SELECT id FROM receipts WHERE sha256 = ?1 ORDER BY id LIMIT 1", operation)
            try earlier.bind(1, receipt.sha256)
            let duplicateOf: Int64? = try earlier.step() ? earlier.int64(0) : nil

            let insert = try connection.prepare(
                """
                INSERT INTO receipts (file_name, sha256, size, agency, declared_at, recorded_at,
                    clock_kind, decision, valid, note, reason, total, line_count, encoding,
                    duplicate_of, bytes)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                """, operation)
            try insert.bind(1, receipt.fileName)
            try insert.bind(2, receipt.sha256)
            try insert.bind(3, Int64(receipt.bytes.count))
            try insert.bind(4, receipt.agency)
            try insert.bind(5, prepared.declaredText)
            try insert.bind(6, prepared.recordedText)
            try insert.bind(7, receipt.clockKind.rawValue)
            try insert.bind(8, receipt.decision.rawValue)
            try insert.bind(9, Int64(receipt.valid ? 1 : 0))
            try insert.bind(10, receipt.note)
            try insert.bind(11, receipt.reason)
            try insert.bind(12, receipt.total?.dong)
            try insert.bind(13, receipt.lineCount)
            try insert.bind(14, receipt.encoding)
            try insert.bind(15, duplicateOf)
            // The bytes are bound in place, not copied: a file may be 64 MiB.
            let inserted: Result<Void, StoreError> = receipt.bytes.withUnsafeBytes { bytes in
                Result { () throws(StoreError) in
                    defer { insert.clearBindings() }
                    try insert.bind(16, borrowing: bytes)
                    try insert.run()
                }
            }
            try inserted.get()
            let id = connection.lastInsertRowID

            try Self.insertFindings(receipt.findings, prepared.argumentsJSON, id: id, connection, operation)
            if receipt.decision.counts {
                try Self.insertLines(receipt.lines, id: id, connection, operation)
                try Self.insertItemTotals(receipt.itemTotals, id: id, connection, operation)
            }
            var earlierOfAgency: [StoredReceipt] = []
            if readingEarlierOfAgency, let agency = receipt.agency {
                let statement = try connection.prepare(
                    "SELECT \(Self.receiptColumns) FROM receipts WHERE agency = ?1 AND id < ?2 ORDER BY id", operation)
                try statement.bind(1, agency)
                try statement.bind(2, id)
                while try statement.step() { earlierOfAgency.append(try storedReceipt(statement)) }
            }
            let stored = StoredReceipt(
                id: id, fileName: receipt.fileName, sha256: receipt.sha256,
                size: Int64(receipt.bytes.count), agency: receipt.agency,
                declaredAt: prepared.declaredAt, recordedAt: prepared.recordedAt,
                clockKind: receipt.clockKind, decision: receipt.decision, valid: receipt.valid,
                note: receipt.note, reason: receipt.reason, total: receipt.total,
                lineCount: receipt.lineCount, encoding: receipt.encoding, duplicateOf: duplicateOf)
            return (stored, earlierOfAgency)
        }
    }

    /// What `record` computes before it takes the write lock.
    struct PreparedReceipt {
        var recordedText: String
        var recordedAt: Date
        var declaredText: String?
        var declaredAt: Date?
        var argumentsJSON: [String]
    }

    /// Checks a receipt against itself and converts what needs converting, outside the
    /// transaction so that the write lock is held only for writing.
    static func prepare(_ receipt: NewReceipt, _ operation: StoreOperation) throws(StoreError) -> PreparedReceipt {
        let actual = SHA256.hex(receipt.bytes)
        guard actual == receipt.sha256 else {
            throw StoreError.invalidInput(
                operation, "sha256 \(receipt.sha256) is not the SHA-256 of the bytes (\(actual))")
        }
        guard let recordedMillis = InstantText.milliseconds(receipt.recordedAt) else {
            throw StoreError.invalidInput(operation, "recordedAt \(receipt.recordedAt) is outside years 1–9999")
        }
        var declaredText: String? = nil
        var declaredAt: Date? = nil
        if let declared = receipt.declaredAt {
            guard let millis = InstantText.milliseconds(declared) else {
                throw StoreError.invalidInput(operation, "declaredAt \(declared) is outside years 1–9999")
            }
            declaredText = InstantText.format(milliseconds: millis)
            declaredAt = InstantText.date(milliseconds: millis)
        }
        guard receipt.lineCount >= 0 else {
            throw StoreError.invalidInput(operation, "lineCount \(receipt.lineCount) is negative")
        }
        if receipt.decision.counts {
            guard receipt.valid else {
                throw StoreError.invalidInput(operation, "an \(receipt.decision.rawValue) receipt must be valid")
            }
            var sums: [String: Money] = [:]
            for line in receipt.lines {
                guard let amount = line.amount else {
                    throw StoreError.invalidInput(operation, "counted line \(line.line) has no amount")
                }
                guard let sum = (sums[line.itemCode] ?? .zero).adding(amount) else {
                    throw StoreError.invalidInput(operation, "the total of item \(line.itemCode) overflows")
                }
                sums[line.itemCode] = sum
            }
            guard sums == receipt.itemTotals else {
                throw StoreError.invalidInput(
                    operation,
                    "itemTotals \(describe(receipt.itemTotals)) are not the sums of the lines \(describe(sums))")
            }
        }
        var argumentsJSON: [String] = []
        argumentsJSON.reserveCapacity(receipt.findings.count)
        for finding in receipt.findings {
            argumentsJSON.append(ArgumentsJSON.encode(finding.arguments))
        }
        return PreparedReceipt(
            recordedText: InstantText.format(milliseconds: recordedMillis),
            recordedAt: InstantText.date(milliseconds: recordedMillis),
            declaredText: declaredText, declaredAt: declaredAt, argumentsJSON: argumentsJSON)
    }

    private static func describe(_ totals: [String: Money]) -> String {
        "{" + totals.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.dong)" }.joined(separator: ", ") + "}"
    }

    static func insertFindings(
        _ findings: [Finding], _ argumentsJSON: [String], id: Int64, _ connection: Connection,
        _ operation: StoreOperation
    ) throws(StoreError) {
        guard !findings.isEmpty else { return }
        let insert = try connection.prepare(
            """
            INSERT INTO findings (receipt_id, ordinal, code, severity, file, line, column_name,
                column_number, value, item, agency, variant, arguments)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """, operation)
        for (index, finding) in findings.enumerated() {
            try insert.bind(1, id)
            try insert.bind(2, index + 1)
            try insert.bind(3, finding.code.rawValue)
            try insert.bind(4, finding.severity.rawValue)
            try insert.bind(5, finding.file)
            try insert.bind(6, finding.line)
            try insert.bind(7, finding.column)
            try insert.bind(8, finding.columnNumber)
            try insert.bind(9, finding.value)
            try insert.bind(10, finding.item)
            try insert.bind(11, finding.agency)
            try insert.bind(12, finding.variant)
            try insert.bind(13, argumentsJSON[index])
            try insert.run()
        }
    }

    static func insertLines(
        _ lines: [EstimateLine], id: Int64, _ connection: Connection, _ operation: StoreOperation
    ) throws(StoreError) {
        guard !lines.isEmpty else { return }
        let insert = try connection.prepare(
            """
            INSERT INTO lines (receipt_id, ordinal, line, number, item_code, description, unit,
                quantity_mantissa, quantity_scale, unit_price, amount, note)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, operation)
        try insert.bind(1, id)
        for (index, line) in lines.enumerated() {
            try insert.bind(2, index + 1)
            try insert.bind(3, line.line)
            try insert.bind(4, line.number)
            try insert.bind(5, line.itemCode)
            try insert.bind(6, line.description)
            try insert.bind(7, line.unit)
            try insert.bind(8, line.quantity?.mantissa)
            try insert.bind(9, line.quantity?.scale)
            try insert.bind(10, line.unitPrice?.dong)
            try insert.bind(11, line.amount?.dong)
            try insert.bind(12, line.note)
            try insert.run()
        }
    }

    static func insertItemTotals(
        _ totals: [String: Money], id: Int64, _ connection: Connection, _ operation: StoreOperation
    ) throws(StoreError) {
        guard !totals.isEmpty else { return }
        let insert = try connection.prepare(
            "INSERT INTO item_totals (receipt_id, item_code, amount) VALUES (?1, ?2, ?3)", operation)
        try insert.bind(1, id)
        for (item, amount) in totals.sorted(by: { $0.key < $1.key }) {
            try insert.bind(2, item)
            try insert.bind(3, amount.dong)
            try insert.run()
        }
    }
}
