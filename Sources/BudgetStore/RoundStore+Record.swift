import BudgetCore
import Foundation

extension RoundStore {
    /// Records a received file held in memory: the receipt, its findings, and — when its
    /// decision counts — its lines and item totals, in one transaction (a convenience over
    /// ``write(fileName:_:)`` for callers with the whole file at hand; the engine streams).
    ///
    /// All or nothing: on any failure (a full disk, a killed process, a constraint) the
    /// transaction rolls back and the round is as it was. Concurrent recorders from other
    /// processes wait their turn (up to the busy timeout) instead of failing; receipt
    /// numbers are then consecutive in commit order.
    ///
    /// Before writing, the receipt is checked against itself: `sha256` must be the SHA-256
    /// of `bytes`; for a counted decision every line needs an amount and `itemTotals` must
    /// equal the per-item sums of `lines`. A contradiction is a bug in the caller and is
    /// refused with `.constraint`, writing nothing. For a decision that does not count
    /// (`returned`, `refused-late`) `lines` and `itemTotals` are not stored.
    ///
    /// - Returns: the receipt as stored, with its number.
    /// - Complexity: O(bytes + lines + findings).
    @discardableResult
    public func record(_ receipt: NewReceipt) throws(StoreError) -> StoredReceipt {
        let actual = SHA256.hex(receipt.bytes)
        guard actual == receipt.sha256 else {
            throw StoreError.invalidInput(
                .record(fileName: receipt.fileName),
                "sha256 \(receipt.sha256) is not the SHA-256 of the bytes (\(actual))")
        }
        do {
            return try write(fileName: receipt.fileName) { writer in
                let stored = try writer.insertReceipt(receipt.header, findings: receipt.findings) { sink in
                    try receipt.bytes.withUnsafeBytes { try sink.write($0) }
                }
                if receipt.decision.counts {
                    let lines = try writer.lines(receiptID: stored.id)
                    for line in receipt.lines { try lines.add(line) }
                    try lines.finish(itemTotals: receipt.itemTotals, lineCount: receipt.lines.count)
                }
                return stored
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.invalidInput(.record(fileName: receipt.fileName), "\(error)")
        }
    }

    /// What `insertReceipt` computes before it writes.
    struct PreparedReceipt {
        var recordedText: String
        var recordedAt: Date
        var declaredText: String?
        var declaredAt: Date?
        var argumentsJSON: [String]
    }

    /// Checks a receipt's header against itself and converts what needs converting.
    static func prepare(
        _ receipt: ReceiptHeader, findings: [Finding], _ operation: StoreOperation
    ) throws(StoreError) -> PreparedReceipt {
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
        guard receipt.size >= 0 else {
            throw StoreError.invalidInput(operation, "size \(receipt.size) is negative")
        }
        if receipt.decision.counts && !receipt.valid {
            throw StoreError.invalidInput(operation, "an \(receipt.decision.rawValue) receipt must be valid")
        }
        var argumentsJSON: [String] = []
        argumentsJSON.reserveCapacity(findings.count)
        for finding in findings {
            argumentsJSON.append(ArgumentsJSON.encode(finding.arguments))
        }
        return PreparedReceipt(
            recordedText: InstantText.format(milliseconds: recordedMillis),
            recordedAt: InstantText.date(milliseconds: recordedMillis),
            declaredText: declaredText, declaredAt: declaredAt, argumentsJSON: argumentsJSON)
    }

    static func describe(_ totals: [String: Money]) -> String {
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
