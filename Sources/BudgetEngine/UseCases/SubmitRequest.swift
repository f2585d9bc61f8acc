import BudgetCore
import Foundation

/// What the officer asked `submit` to do.
public struct SubmitRequest: Sendable {
    /// The files received, recorded in this order, each its own receipt.
    public var paths: [String]
    public var read: ReadOptions
    /// `--received-at`: when the files really arrived by another channel (ISO 8601).
    public var receivedAt: String?
    public var note: String?
    public var acceptLate: Bool
    public var reason: String?
    /// The name to record for the request's one file instead of its path's last component:
    /// the portal streams an upload to a temporary file and records the name the browser
    /// gave. Nil on the command line (the name is the file's own).
    public var displayName: String?
    /// Who asked, when not the officer at the terminal: the portal's signed-in user and
    /// address. Each receipt then gets a `submit` event in its own transaction.
    public var requester: Requester?
    /// Whether the round's pages are checked (`quick_check`) before recording, as every
    /// `submit` command does. The portal checks them once at start instead: at every upload
    /// the check's cost would grow with the round.
    public var checksPages: Bool = true

    public init(
        paths: [String], read: ReadOptions = ReadOptions(), receivedAt: String? = nil, note: String? = nil,
        acceptLate: Bool = false, reason: String? = nil
    ) {
        self.paths = paths
        self.read = read
        self.receivedAt = receivedAt
        self.note = note
        self.acceptLate = acceptLate
        self.reason = reason
    }

    /// One file.
    public init(
        path: String, read: ReadOptions = ReadOptions(), receivedAt: String? = nil, note: String? = nil,
        acceptLate: Bool = false, reason: String? = nil
    ) {
        self.init(
            paths: [path], read: read, receivedAt: receivedAt, note: note, acceptLate: acceptLate, reason: reason)
    }

    /// The contract's usage errors, found before anything is read or recorded: an option
    /// that needs another, an input that is not there.
    func validate(fileSystem: LocalFileSystem) throws(EngineError) {
        try read.validate()
        if receivedAt != nil && (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--received-at cần --note: ghi rõ tệp đến bằng đường nào (thư điện tử, bản giấy…)",
                    en: "--received-at needs --note: say how the file arrived (e-mail, paper…)"))
        }
        if acceptLate && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--accept-late cần --reason: ghi lý do chấp nhận nộp muộn",
                    en: "--accept-late needs --reason: record why the late file is accepted"))
        }
        if reason != nil && !acceptLate {
            throw EngineError(
                .usage,
                Localized(vi: "--reason chỉ dùng cùng --accept-late", en: "--reason goes with --accept-late only"))
        }
        if displayName != nil && paths.count != 1 {
            throw EngineError(
                .usage,
                Localized(vi: "tên hiển thị chỉ dùng cho một tệp", en: "a display name goes with one file only"))
        }
        guard !paths.isEmpty else {
            throw EngineError(.usage, Localized(vi: "cần ít nhất một TỆP", en: "at least one FILE is needed"))
        }
        for path in paths {
            switch fileSystem.kind(path) {
            case .missing:
                throw EngineError(
                    .usage, Localized(vi: "không tìm thấy tệp «\(path)»", en: "file not found: \"\(path)\""))
            case .directory:
                throw EngineError(
                    .usage,
                    Localized(vi: "«\(path)» là thư mục, không phải tệp", en: "\"\(path)\" is a folder, not a file"))
            default:
                // A FIFO or a device would block or never end: only files are received.
                guard fileSystem.isRegularFile(path) else {
                    throw EngineError(
                        .usage,
                        Localized(
                            vi: "«\(path)» không phải tệp thường (ống dẫn, thiết bị…); không ghi nhận",
                            en: "\"\(path)\" is not a regular file (a pipe, a device…); nothing recorded"))
                }
            }
            if let size = fileSystem.size(path), size > Submit.largestKept {
                throw Submit.tooLarge(path, size)
            }
            // Every file opens before the first is recorded: a file that cannot be read
            // must not stop a run half-way.
            try fileSystem.open(path).close()
        }
    }
}
