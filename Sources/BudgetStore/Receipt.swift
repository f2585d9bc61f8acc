import BudgetCore
import Foundation

/// A file received, with everything the ledger keeps about it: the input of
/// ``RoundStore/record(_:)``.
public struct NewReceipt: Sendable, Equatable {
    /// The file name as the user gave it.
    public var fileName: String
    /// The original bytes, byte for byte.
    public var bytes: [UInt8]
    /// `SHA256.hex(bytes)`; the store checks it (a mismatch is a bug, and refused).
    public var sha256: String
    /// The agency's canonical code, or `nil` when none could be determined.
    public var agency: String?
    /// The time declared with `--received-at`, when the file came by another channel.
    public var declaredAt: Date?
    /// When the file was recorded (the real or simulated clock).
    public var recordedAt: Date
    /// Whether `recordedAt` (and the decision that depends on it) came from a simulated clock.
    public var clockKind: ClockKind
    /// What was decided.
    public var decision: Decision
    /// Whether the file had no error finding.
    public var valid: Bool
    /// `--note`: why a declared time was given.
    public var note: String?
    /// `--reason`: why a late file was accepted.
    public var reason: String?
    /// The file's total, when it could be computed.
    public var total: Money?
    /// The number of estimate lines read.
    public var lineCount: Int
    /// The text encoding detected or given (`utf-8`, `windows-1258`, …).
    public var encoding: String?
    /// Every finding about the file, in report order.
    public var findings: [Finding]
    /// The estimate lines with canonical item codes; stored only when the decision counts.
    public var lines: [EstimateLine]
    /// The file's total per canonical item code; stored only when the decision counts, and
    /// then it must equal the sums of `lines`.
    public var itemTotals: [String: Money]

    /// Creates a receipt to record.
    public init(
        fileName: String, bytes: [UInt8], sha256: String, agency: String?, declaredAt: Date? = nil,
        recordedAt: Date, clockKind: ClockKind, decision: Decision, valid: Bool,
        note: String? = nil, reason: String? = nil, total: Money?, lineCount: Int,
        encoding: String?, findings: [Finding], lines: [EstimateLine], itemTotals: [String: Money]
    ) {
        self.fileName = fileName
        self.bytes = bytes
        self.sha256 = sha256
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
        self.findings = findings
        self.lines = lines
        self.itemTotals = itemTotals
    }
}

extension NewReceipt {
    /// The receipt without its bytes, findings and lines.
    public var header: ReceiptHeader {
        ReceiptHeader(
            fileName: fileName, sha256: sha256, size: Int64(bytes.count), agency: agency, declaredAt: declaredAt,
            recordedAt: recordedAt, clockKind: clockKind, decision: decision, valid: valid, note: note,
            reason: reason, total: total, lineCount: lineCount, encoding: encoding)
    }
}

/// The annulment of a receipt (`budget void`): it stays on record and never counts.
public struct ReceiptVoid: Sendable, Hashable, Codable {
    /// Why the receipt was annulled, as the officer wrote it.
    public var reason: String
    /// When the annulment was recorded.
    public var recordedAt: Date
    /// Whether `recordedAt` came from a simulated clock.
    public var clockKind: ClockKind
    /// Who annulled it (`cli`, or the portal's officer).
    public var actor: String

    public init(reason: String, recordedAt: Date, clockKind: ClockKind, actor: String) {
        self.reason = reason
        self.recordedAt = recordedAt
        self.clockKind = clockKind
        self.actor = actor
    }
}

/// A receipt as the ledger holds it, without its bytes, findings or lines (read those by
/// ``id``).
///
/// Times are as stored: truncated to the millisecond (see the module documentation).
public struct StoredReceipt: Sendable, Hashable, Codable {
    /// The receipt number: 1, 2, 3… in recording order, never reused.
    public var id: Int64
    /// The file name as the user gave it.
    public var fileName: String
    /// SHA-256 of the original bytes, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// The number of bytes.
    public var size: Int64
    /// The agency's canonical code, or `nil` when none could be determined.
    public var agency: String?
    /// The time declared with `--received-at`, if any.
    public var declaredAt: Date?
    /// When the file was recorded (real or simulated clock).
    public var recordedAt: Date
    /// Whether the times and the decision came from a simulated clock.
    public var clockKind: ClockKind
    /// What was decided.
    public var decision: Decision
    /// Whether the file had no error finding.
    public var valid: Bool
    /// `--note`, given with a declared time.
    public var note: String?
    /// `--reason`, given with `--accept-late`.
    public var reason: String?
    /// The file's total, when it could be computed.
    public var total: Money?
    /// The number of estimate lines read (stored as lines only when the decision counts).
    public var lineCount: Int
    /// The text encoding the file was read in.
    public var encoding: String?
    /// The earliest receipt with the same SHA-256, for an identical resubmission.
    public var duplicateOf: Int64?
    /// The annulment, if the receipt was voided.
    public var voided: ReceiptVoid?

    /// When the file counts as received: the declared time if one was given, else the
    /// recording time. Lateness and `status`'s `receivedAt` use this.
    public var receivedAt: Date { declaredAt ?? recordedAt }

    /// Creates a stored receipt; the store makes these, tests compare with them.
    public init(
        id: Int64, fileName: String, sha256: String, size: Int64, agency: String?,
        declaredAt: Date?, recordedAt: Date, clockKind: ClockKind, decision: Decision,
        valid: Bool, note: String?, reason: String?, total: Money?, lineCount: Int,
        encoding: String?, duplicateOf: Int64?, voided: ReceiptVoid? = nil
    ) {
        self.id = id
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
        self.duplicateOf = duplicateOf
        self.voided = voided
    }
}

/// One counted receipt's total for one plan item.
public struct StoredItemTotal: Sendable, Hashable {
    /// The receipt the total belongs to.
    public var receiptID: Int64
    /// The canonical item code.
    public var itemCode: String
    /// The receipt's total for the item.
    public var amount: Money

    /// Creates an item total.
    public init(receiptID: Int64, itemCode: String, amount: Money) {
        self.receiptID = receiptID
        self.itemCode = itemCode
        self.amount = amount
    }
}

/// What a round records about itself when it is created.
public struct RoundMeta: Sendable, Hashable {
    /// The plan file's bytes, exactly as given to `budget init`.
    public var planBytes: [UInt8]
    /// SHA-256 of `planBytes`.
    public var planSHA256: String
    /// When the round was created.
    public var createdAt: Date
    /// Whether `createdAt` came from a simulated clock.
    public var clockKind: ClockKind
    /// The version of the tool that created the round.
    public var toolVersion: String
    /// The schema version the round was created with.
    public var schemaVersion: Int
    /// The period the round covers ("2020-02"), for a plan whose deadline recurs.
    public var period: String?

    /// Creates round metadata; the store makes these when it opens a round.
    public init(
        planBytes: [UInt8], planSHA256: String, createdAt: Date, clockKind: ClockKind,
        toolVersion: String, schemaVersion: Int, period: String? = nil
    ) {
        self.planBytes = planBytes
        self.planSHA256 = planSHA256
        self.createdAt = createdAt
        self.clockKind = clockKind
        self.toolVersion = toolVersion
        self.schemaVersion = schemaVersion
        self.period = period
    }
}
