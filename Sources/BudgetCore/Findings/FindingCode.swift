/// The stable identifier of a kind of finding, such as `unknown-item`.
///
/// Codes are part of the contract: scripts match on them and they never change once
/// released. The type is open (like `Errno` in swift-system) so that a newer store's
/// codes still decode; each known code is a documented constant, and
/// ``FindingCatalogue`` holds its severity and messages.
public struct FindingCode: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Bytes that decode in no supported encoding, a workbook that cannot be read (damaged,
    /// encrypted, not a workbook), or a spreadsheet (XLS) or PDF sent instead.
    public static let unreadableEncoding = FindingCode("unreadable-encoding")
    /// Text typed in the legacy TCVN3 (ABC) or VNI font encodings.
    public static let legacyEncoding = FindingCode("legacy-encoding")
    /// An unterminated quote, or a quote inside an unquoted field.
    public static let malformedCSV = FindingCode("malformed-csv")
    /// No row names at least three known columns.
    public static let noHeader = FindingCode("no-header")
    /// The item code or amount column is absent.
    public static let missingColumn = FindingCode("missing-column")
    /// Two columns map to the same field.
    public static let duplicateColumn = FindingCode("duplicate-column")
    /// A row with more non-empty cells than the header has columns.
    public static let raggedRow = FindingCode("ragged-row")
    /// No agency could be determined for the file.
    public static let missingAgency = FindingCode("missing-agency")
    /// The agency is not in the plan.
    public static let unknownAgency = FindingCode("unknown-agency")
    /// `--agency`, the `Mã đơn vị` row and the `Đơn vị` row disagree.
    public static let agencyConflict = FindingCode("agency-conflict")
    /// The item code is not in the plan.
    public static let unknownItem = FindingCode("unknown-item")
    /// The item is not assigned to this agency.
    public static let itemNotAssigned = FindingCode("item-not-assigned")
    /// A number cell that cannot be read.
    public static let invalidNumber = FindingCode("invalid-number")
    /// A number whose decimal mark cannot be decided.
    public static let ambiguousNumber = FindingCode("ambiguous-number")
    /// An amount or unit price with a non-zero fraction of a đồng.
    public static let fractionalAmount = FindingCode("fractional-amount")
    /// A negative quantity, unit price or amount.
    public static let negativeAmount = FindingCode("negative-amount")
    /// An item code with no amount.
    public static let missingAmount = FindingCode("missing-amount")
    /// Quantity × unit price ≠ amount (rounded half up to the đồng).
    public static let amountMismatch = FindingCode("amount-mismatch")
    /// The grand-total row differs from the sum of the lines.
    public static let totalMismatch = FindingCode("total-mismatch")
    /// The "Bằng chữ" text does not match the total.
    public static let wordsMismatch = FindingCode("words-mismatch")
    /// The same item, description and amount twice.
    public static let duplicateLine = FindingCode("duplicate-line")
    /// An item's total is over its cap (at consolidation; at `check` for one file's own lines).
    public static let capExceeded = FindingCode("cap-exceeded")
    /// No estimate lines at all.
    public static let emptySubmission = FindingCode("empty-submission")
    /// A file, row, field, column count or sum over the documented limits.
    public static let limitExceeded = FindingCode("limit-exceeded")

    // Codes beyond the contract's minimum.

    /// A subtotal row (a total row that is not the last): reported, not checked, not added.
    public static let subtotalRow = FindingCode("subtotal-row")
    /// The file's `Kế hoạch` row names another plan.
    public static let planMismatch = FindingCode("plan-mismatch")
    /// The file states its amounts in thousands or millions of đồng; they were scaled.
    public static let moneyScale = FindingCode("money-scale")
    /// A workbook cell holds a formula but no computed (cached) value.
    public static let formulaWithoutValue = FindingCode("formula-without-value")
    /// A signature block under the table (titles, date line, names): skipped, not read.
    public static let signatureBlock = FindingCode("signature-block")
}

/// How serious a finding is. Any `error` makes a file invalid (exit 1, returned).
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning
    case info

    var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The word in `language`, for text output.
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.error, .vi): "lỗi"
        case (.warning, .vi): "cảnh báo"
        case (.info, .vi): "thông tin"
        case (.error, .en): "error"
        case (.warning, .en): "warning"
        case (.info, .en): "info"
        }
    }
}
