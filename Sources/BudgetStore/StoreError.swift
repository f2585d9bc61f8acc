import BudgetCore

/// A failure of the round's store: the environment, never the user's data.
///
/// Findings about a file are values; a store that cannot be read or written is thrown, and
/// the command maps every `StoreError` to exit code 4 in one place. Each error says, in
/// both languages, which path, what was being done, what happened and what to do next;
/// `detail` keeps SQLite's own message and the operating system's error for a bug report.
/// Whatever the kind, a failed write changed nothing: the transaction was rolled back.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (tests, the engine's retry
    /// policy), and for exit codes.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The directory holds no round, or its database is some other program's.
        case notARound
        /// `create` found a round (or something else) already in place.
        case alreadyExists
        /// The database is damaged, or the file is not a SQLite database at all.
        case corrupt
        /// The round was written by a newer version of the tool.
        case tooNew
        /// The operating system refused access to the directory or a file.
        case permissionDenied
        /// The disk (or quota) is full.
        case diskFull
        /// Another process held the round longer than the busy timeout.
        case busy
        /// Any other input/output failure.
        case io
        /// A record broke a rule of the store: an append-only trigger, a schema check, or a
        /// receipt that contradicts itself (a SHA-256 that does not match its bytes).
        case constraint
    }

    /// What went wrong.
    public var kind: Kind
    /// The explanation for the user, in Vietnamese and English.
    public var message: Localized
    /// SQLite's message, result codes and `errno`, for bug reports; not translated.
    public var detail: String
    /// The folder named as a round does not exist or holds no round at all: the user named
    /// the wrong folder (a usage error), rather than a round that is broken.
    public var isMissingRound: Bool

    /// Creates an error; the store builds these, the engine and tests only read them.
    public init(kind: Kind, message: Localized, detail: String, isMissingRound: Bool = false) {
        self.kind = kind
        self.message = message
        self.detail = detail
        self.isMissingRound = isMissingRound
    }

    /// The message in `language`, followed by the detail when there is one.
    public func text(_ language: Language) -> String {
        detail.isEmpty ? message.text(language) : message.text(language) + " (" + detail + ")"
    }

    /// The English text with its detail, for logs and test failures.
    public var description: String { "\(kind): " + text(.en) }
}

/// What the store was doing when it failed; names the action in messages and says what
/// the failure left behind.
enum StoreOperation: Sendable {
    case create
    case open
    case record(fileName: String)
    case read
    case check
    /// A write transaction other than recording a file (an annulment, an access code).
    case write

    /// The action as a verb phrase: "while recording X".
    var action: Localized {
        switch self {
        case .create: Localized(vi: "tạo đợt tiếp nhận", en: "creating the round")
        case .open: Localized(vi: "mở đợt tiếp nhận", en: "opening the round")
        case .record(let name):
            Localized(vi: "ghi nhận tệp «\(name)»", en: "recording the file \"\(name)\"")
        case .read: Localized(vi: "đọc đợt tiếp nhận", en: "reading the round")
        case .check: Localized(vi: "kiểm tra tính toàn vẹn của đợt", en: "checking the round's integrity")
        case .write: Localized(vi: "ghi vào đợt tiếp nhận", en: "writing to the round")
        }
    }

    /// What a failure of this operation leaves behind.
    var outcome: Localized {
        switch self {
        case .create:
            Localized(vi: "Đợt tiếp nhận chưa được tạo.", en: "The round was not created.")
        case .record:
            Localized(
                vi: "Tệp chưa được ghi nhận: giao dịch đã được hủy, đợt tiếp nhận giữ nguyên như trước.",
                en: "The file was not recorded: the transaction was rolled back and the round is as it was.")
        case .write:
            Localized(
                vi: "Chưa ghi gì: giao dịch đã được hủy, đợt tiếp nhận giữ nguyên như trước.",
                en: "Nothing was recorded: the transaction was rolled back and the round is as it was.")
        case .open, .read, .check:
            Localized(vi: "Không có gì bị thay đổi.", en: "Nothing was changed.")
        }
    }
}

extension StoreError {
    /// The directory holds no database file.
    static func noRound(directory: String, file: String) -> StoreError {
        StoreError(
            kind: .notARound,
            message: Localized(
                vi: "Thư mục «\(directory)» không chứa đợt tiếp nhận nào (không có tệp \(file)). "
                    + "Hãy kiểm tra tùy chọn --round, hoặc tạo đợt mới bằng «budget init».",
                en: "\"\(directory)\" holds no round (there is no \(file) in it). "
                    + "Check the --round option, or create a round with \"budget init\"."),
            detail: "", isMissingRound: true)
    }

    /// The path names something that is not a directory.
    static func notADirectory(_ path: String, _ operation: StoreOperation) -> StoreError {
        StoreError(
            kind: operation.isCreate ? .alreadyExists : .notARound,
            message: Localized(
                vi: "«\(path)» không phải là thư mục, nên không thể chứa đợt tiếp nhận. "
                    + "Hãy chỉ định một thư mục. \(operation.outcome.vi)",
                en: "\"\(path)\" is not a directory, so it cannot hold a round. "
                    + "Name a directory instead. \(operation.outcome.en)"),
            detail: "", isMissingRound: !operation.isCreate)
    }

    /// A valid SQLite database that another program wrote.
    static func foreignDatabase(_ path: String, applicationID: Int32) -> StoreError {
        StoreError(
            kind: .notARound,
            message: Localized(
                vi: "Tệp «\(path)» là cơ sở dữ liệu SQLite nhưng không phải của một đợt tiếp nhận "
                    + "budget. Hãy kiểm tra tùy chọn --round; tệp này không bị thay đổi.",
                en: "\"\(path)\" is a SQLite database but not a budget round. "
                    + "Check the --round option; the file was left untouched."),
            detail: "application_id \(applicationID), expected \(Schema.applicationID)")
    }

    /// `create` found a database file in place.
    static func alreadyExists(directory: String, file: String) -> StoreError {
        StoreError(
            kind: .alreadyExists,
            message: Localized(
                vi: "Thư mục «\(directory)» đã chứa một đợt tiếp nhận (tệp \(file)). Mỗi thư mục chỉ "
                    + "chứa một đợt: hãy chọn thư mục khác, hoặc dùng đợt hiện có với --round. "
                    + "Đợt hiện có không bị thay đổi.",
                en: "\"\(directory)\" already holds a round (the file \(file)). A directory holds one "
                    + "round: choose another directory, or use the existing round with --round. "
                    + "The existing round was not changed."),
            detail: "")
    }

    /// The round was written by a newer schema.
    static func tooNew(_ path: String, found: Int32) -> StoreError {
        StoreError(
            kind: .tooNew,
            message: Localized(
                vi: "Đợt tiếp nhận «\(path)» được ghi bởi phiên bản budget mới hơn (lược đồ \(found); "
                    + "phiên bản này chỉ đọc được đến lược đồ \(Schema.version)). Hãy dùng phiên bản "
                    + "budget mới hơn; tệp không bị thay đổi.",
                en: "The round \"\(path)\" was written by a newer budget (schema \(found); this version "
                    + "reads up to schema \(Schema.version)). Use a newer budget; the file was not changed."),
            detail: "user_version \(found)")
    }

    /// A database that claims to be a round but lacks what every round has.
    static func damaged(_ path: String, _ operation: StoreOperation, what: String) -> StoreError {
        StoreError(
            kind: .corrupt,
            message: corruptMessage(path, operation),
            detail: what)
    }

    static func corruptMessage(_ path: String, _ operation: StoreOperation) -> Localized {
        Localized(
            vi: "Tệp cơ sở dữ liệu «\(path)» bị hỏng hoặc không phải là cơ sở dữ liệu SQLite (khi "
                + "\(operation.action.vi)). Hãy khôi phục cả thư mục đợt từ bản sao lưu, và đừng ghi "
                + "thêm vào tệp này. \(operation.outcome.vi)",
            en: "The database \"\(path)\" is damaged or is not a SQLite database (while "
                + "\(operation.action.en)). Restore the whole round directory from a backup, and do "
                + "not write to this file. \(operation.outcome.en)")
    }

    /// Input that breaks a rule of the store, found before anything was written: a bug in
    /// the caller (a SHA-256 that does not match its bytes, item totals that disagree with
    /// the lines, a time outside years 1–9999).
    static func invalidInput(_ operation: StoreOperation, _ why: String) -> StoreError {
        StoreError(
            kind: .constraint,
            message: Localized(
                vi: "Không thể \(operation.action.vi): dữ liệu đưa vào mâu thuẫn (\(why)). "
                    + "Đây là lỗi của chương trình, hãy báo lại. \(operation.outcome.vi)",
                en: "Could not go on \(operation.action.en): the data given contradicts itself (\(why)). "
                    + "This is a bug in the tool; please report it. \(operation.outcome.en)"),
            detail: why)
    }

    /// The bytes streamed into a receipt are not those that were checked: the file changed
    /// on disk while it was being recorded.
    static func bytesChanged(_ path: String, _ operation: StoreOperation, detail: String) -> StoreError {
        StoreError(
            kind: .io,
            message: Localized(
                vi: "Tệp đã thay đổi trong lúc \(operation.action.vi) (nội dung không còn là nội dung vừa "
                    + "kiểm tra). Hãy đợi tệp được ghi xong rồi ghi nhận lại. \(operation.outcome.vi)",
                en: "The file changed while \(operation.action.en) (its bytes are no longer those just "
                    + "checked). Wait until it is completely written, then record it again. "
                    + "\(operation.outcome.en)"),
            detail: detail)
    }

    /// A file-system failure outside SQLite (creating the directory, placing the file).
    static func fileSystem(
        _ path: String, _ operation: StoreOperation, errno code: Int32, call: String
    ) -> StoreError {
        let detail = "\(call): errno \(code) (\(SystemError.describe(code)))"
        switch SystemError.classify(code) {
        case .permissionDenied: return permissionDenied(path, operation, detail: detail)
        case .diskFull: return diskFull(path, operation, detail: detail)
        default: return ioError(path, operation, detail: detail)
        }
    }

    static func permissionDenied(_ path: String, _ operation: StoreOperation, detail: String) -> StoreError {
        StoreError(
            kind: .permissionDenied,
            message: Localized(
                vi: "Không có quyền truy cập «\(path)» khi \(operation.action.vi). Hãy kiểm tra quyền "
                    + "đọc và ghi trên thư mục đợt và các tệp trong đó (kể cả tệp -wal và -shm), "
                    + "hoặc chạy bằng tài khoản có quyền. \(operation.outcome.vi)",
                en: "Permission denied on \"\(path)\" while \(operation.action.en). Check read and write "
                    + "permission on the round directory and the files in it (the -wal and -shm files "
                    + "too), or run as a user who has it. \(operation.outcome.en)"),
            detail: detail)
    }

    static func diskFull(_ path: String, _ operation: StoreOperation, detail: String) -> StoreError {
        StoreError(
            kind: .diskFull,
            message: Localized(
                vi: "Ổ đĩa chứa «\(path)» đã đầy (hoặc hết hạn mức) khi \(operation.action.vi). "
                    + "Hãy giải phóng dung lượng rồi chạy lại lệnh. \(operation.outcome.vi)",
                en: "The disk holding \"\(path)\" is full (or over quota) while \(operation.action.en). "
                    + "Free some space and run the command again. \(operation.outcome.en)"),
            detail: detail)
    }

    static func busy(
        _ path: String, _ operation: StoreOperation, detail: String,
        timeoutMilliseconds: Int32 = RoundStore.busyTimeoutMilliseconds
    ) -> StoreError {
        let seconds = Double(timeoutMilliseconds) / 1000
        let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return StoreError(
            kind: .busy,
            message: Localized(
                vi: "Đợt tiếp nhận «\(path)» bị một tiến trình khác giữ quá \(shown) giây khi "
                    + "\(operation.action.vi). Hãy chờ tiến trình đó kết thúc rồi chạy lại lệnh. "
                    + "\(operation.outcome.vi)",
                en: "Another process held the round \"\(path)\" for more than \(shown) seconds while "
                    + "\(operation.action.en). Wait for it to finish and run the command again. "
                    + "\(operation.outcome.en)"),
            detail: detail)
    }

    static func ioError(_ path: String, _ operation: StoreOperation, detail: String) -> StoreError {
        StoreError(
            kind: .io,
            message: Localized(
                vi: "Lỗi vào/ra trên «\(path)» khi \(operation.action.vi). Hãy kiểm tra ổ đĩa (còn "
                    + "dung lượng và hạn mức không, đĩa ngoài còn kết nối không) rồi chạy lại lệnh. \(operation.outcome.vi)",
                en: "Input/output error on \"\(path)\" while \(operation.action.en). Check the disk (is "
                    + "there space and quota left, is an external drive still connected?) and run the command again. "
                    + "\(operation.outcome.en)"),
            detail: detail)
    }

    static func constraintViolation(_ path: String, _ operation: StoreOperation, detail: String) -> StoreError {
        StoreError(
            kind: .constraint,
            message: Localized(
                vi: "Đợt tiếp nhận «\(path)» từ chối thay đổi khi \(operation.action.vi): dữ liệu đã "
                    + "ghi không bao giờ bị sửa hay xóa, và mỗi bản ghi phải đúng lược đồ. Đây là lỗi "
                    + "của chương trình, hãy báo lại. \(operation.outcome.vi)",
                en: "The round \"\(path)\" refused a change while \(operation.action.en): what is "
                    + "recorded is never changed or deleted, and every record must fit the schema. "
                    + "This is a bug in the tool; please report it. \(operation.outcome.en)"),
            detail: detail)
    }
}

extension StoreOperation {
    var isCreate: Bool {
        if case .create = self { return true }
        return false
    }
}
