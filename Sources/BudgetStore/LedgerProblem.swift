import BudgetCore

/// Something ``RoundStore/verify()`` found that the tool cannot have written: the ledger
/// was changed behind its triggers, or its file is damaged.
public enum LedgerProblem: Sendable, Equatable {
    /// The plan stored in the round no longer has the SHA-256 recorded with it at `init`.
    case planChanged(recorded: String, actual: String)
    /// Receipt numbers `from`…`to` are missing: receipts were deleted.
    case receiptsMissing(from: Int64, to: Int64)
    /// SQLite's `quick_check` reported these problems.
    case damagedPages([String])
    /// Rows that refer to rows no longer there.
    case danglingReferences([String])
    /// The bytes of a receipt no longer have the SHA-256 recorded with them (the engine
    /// re-hashes the files that count).
    case bytesChanged(receipt: Int64, recorded: String, actual: String)

    /// What is wrong, for the officer, in both languages.
    public var message: Localized {
        switch self {
        case .planChanged(let recorded, let actual):
            Localized(
                vi: "kế hoạch lưu trong đợt đã bị sửa: SHA-256 ghi khi mở đợt là \(recorded), nay là \(actual)",
                en: "the plan stored in the round was changed: its SHA-256 was \(recorded) when the round was "
                    + "opened and is \(actual) now")
        case .receiptsMissing(let from, let to):
            from == to
                ? Localized(
                    vi: "thiếu biên nhận số \(from): số biên nhận phải liên tục, có biên nhận đã bị xóa",
                    en: "receipt \(from) is missing: receipt numbers must run without a gap, a receipt was deleted")
                : Localized(
                    vi: "thiếu các biên nhận số \(from)–\(to): số biên nhận phải liên tục, có biên nhận đã bị xóa",
                    en: "receipts \(from)–\(to) are missing: receipt numbers must run without a gap, receipts "
                        + "were deleted")
        case .damagedPages(let lines):
            Localized(
                vi: "tệp cơ sở dữ liệu bị hỏng (quick_check: \(lines.prefix(3).joined(separator: "; ")))",
                en: "the database file is damaged (quick_check: \(lines.prefix(3).joined(separator: "; ")))")
        case .danglingReferences(let rows):
            Localized(
                vi: "có bản ghi trỏ tới bản ghi không còn nữa: \(rows.prefix(3).joined(separator: "; "))",
                en: "records refer to records that are gone: \(rows.prefix(3).joined(separator: "; "))")
        case .bytesChanged(let receipt, let recorded, let actual):
            Localized(
                vi: "nội dung tệp của biên nhận số \(receipt) đã bị sửa: SHA-256 ghi khi nhận là \(recorded), "
                    + "nay là \(actual)",
                en: "the bytes of receipt \(receipt) were changed: their SHA-256 was \(recorded) when received "
                    + "and is \(actual) now")
        }
    }
}
